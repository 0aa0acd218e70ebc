"""Streamlit entry point: page config and navigation only; pages live in app/pages/."""

import streamlit as st

st.set_page_config(page_title="Lendscope", layout="wide")

navigation = st.navigation([st.Page("app/pages/overview.py", title="Overview", url_path="overview", default=True)])
navigation.run()
