"""Baseline: an empty Streamlit script."""

import streamlit as st

st.write("empty")
