"""Baseline for page benchmarks: a one-chart Streamlit page (what any Streamlit chart costs)."""

import plotly.graph_objects as go
import streamlit as st

st.title("Baseline")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])), key="baseline_chart")
