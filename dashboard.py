"""Streamlit entry point: page config, language and navigation only; pages live in app/pages/."""

import streamlit as st

from app import ui
from app.i18n import t

st.set_page_config(page_title="Lendscope", layout="wide")
language = ui.language_selector()

PAGES = [
    ("app/pages/overview.py", "page_overview", "overview", True),
    ("app/pages/platforms.py", "page_platforms", "platforms", False),
    ("app/pages/volume.py", "page_volume", "volume", False),
    ("app/pages/lenders.py", "page_lenders", "lenders", False),
    ("app/pages/regulation.py", "page_regulation", "regulation", False),
    ("app/pages/collection.py", "page_collection", "collection", False),
    ("app/pages/claims.py", "page_claims", "claims", False),
    ("app/pages/check.py", "page_check", "check", False),
    ("app/pages/sources.py", "page_sources", "sources", False),
    ("app/pages/sql.py", "page_sql", "sql", False),
]
navigation = st.navigation(
    [st.Page(path, title=t(title, language), url_path=url, default=default) for path, title, url, default in PAGES]
)
# An unknown path (/nosuchpage) opens the default page; say so, and link home.
requested = ui.requested_page()
if requested and requested not in {url for _, _, url, _ in PAGES}:
    ui.unknown_page_notice(requested, PAGES[0][0])
navigation.run()
