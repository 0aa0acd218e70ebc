"""Sources: every page a figure or event was read from, and a data dictionary of every column."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, province_map, queries, ui
from app.i18n import t
from etl.dictionary import describe_schema

language, info = ui.page_header("page_sources")
build_id = info["build_id"]

sources = data.query(queries.SOURCES, build_id=build_id)
levels = ["high", "medium", "low"]
chosen = ui.multiselect(t("reliability", language), levels, "so_r", levels)
text = ui.text_input(t("search_text", language), "so_q")
shown = sources.filter(pl.col("reliability").is_in(chosen))
if text.strip():
    needle = text.strip().lower()
    shown = shown.filter(
        pl.concat_str(["publisher", "title", "url", "series"], separator=" ", ignore_nulls=True)
        .str.to_lowercase()
        .str.contains(needle, literal=True)
    )
st.subheader(f"{t('sources_table', language)} ({shown.height})")
st.dataframe(shown, hide_index=True, column_config={"url": st.column_config.LinkColumn()})

st.subheader(t("dictionary", language))
counts = dict(data.query(queries.TABLE_COUNTS, build_id=build_id).iter_rows())
dictionary = pl.DataFrame(describe_schema())
for table in dictionary["table"].unique(maintain_order=True):
    rows = f" · {counts[table]} rows" if table in counts else ""
    with st.expander(f"{table}{rows}"):
        st.dataframe(dictionary.filter(pl.col("table") == table).drop("table"), hide_index=True)

st.subheader(t("map_boundaries_title", language))
st.markdown(
    t("map_boundaries_text", language, package=province_map.BOUNDARY_PACKAGE,
      version=province_map.boundary_version(), licence=province_map.boundary_licence())
)  # fmt: skip
