"""Sources: every page a figure or event was read from, and a data dictionary of every column."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, labels, province_map, queries, tables, ui
from app.i18n import t
from etl.dictionary import describe_schema

language, info = ui.page_header("page_sources")
build_id = info["build_id"]

sources = data.query(queries.SOURCES, build_id=build_id)
levels = ["high", "medium", "low"]
chosen = ui.multiselect(
    t("reliability", language), levels, "so_r", levels, format_func=lambda r: labels.reliability(r, language)
)
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
# The series a source gives figures for, by name; the source id stays (labelled as the column it is) so a
# reader can find the source from the data's source_id.
shown = shown.with_columns(
    pl.col("series").map_elements(
        lambda ids: t("list_sep", language).join(labels.series(i.strip(), language) for i in ids.split(",")),
        return_dtype=pl.String,
    )
)
columns = ["source_id", "publisher", "title", "url", "accessed", "published", "kind", "reliability", "licence",
           "figures", "events", "series"]  # fmt: skip
links = {h: st.column_config.LinkColumn(h) for h in tables.link_headers(columns, language)}
readable = tables.readable(shown, language, columns).rename(
    {tables.header("series", language): t("col_series_names", language)}
)
st.dataframe(readable, hide_index=True, column_config=links)

st.subheader(t("dictionary", language))
st.caption(t("dictionary_note", language))
counts = dict(data.query(queries.TABLE_COUNTS, build_id=build_id).iter_rows())
dictionary = pl.DataFrame(describe_schema())
for table in dictionary["table"].unique(maintain_order=True):
    rows = f" · {t('n_rows', language, n=f'{counts[table]:,}')}" if table in counts else ""
    with st.expander(f"{table}{rows}"):
        part = dictionary.filter(pl.col("table") == table).drop("table")
        st.dataframe(tables.readable(part, language, ["column", "type", "description"]), hide_index=True)

st.subheader(t("map_boundaries_title", language))
st.markdown(
    t("map_boundaries_text", language, package=province_map.BOUNDARY_PACKAGE,
      version=province_map.boundary_version(), licence=province_map.boundary_licence())
)  # fmt: skip
