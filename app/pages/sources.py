"""Sources: every page a figure or event was read from, and a data dictionary of every column."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, labels, province_map, queries, tables, ui
from app.i18n import t
from etl.dictionary import describe_schema

language, info = ui.page_header("page_sources")
build_id = info["build_id"]

levels = ["high", "medium", "low"]
chosen = ui.multiselect(
    t("reliability", language), levels, "so_r", levels, format_func=lambda r: labels.reliability(r, language)
)
text = ui.text_input(t("search_text", language), "so_q")
COLUMNS = ["source_id", "publisher", "title", "url", "accessed", "published", "kind", "reliability", "licence",
           "figures", "events", "series"]  # fmt: skip


# The table for one filter, as st.dataframe takes it (pandas): its wording and conversion were half of
# every rerun. Keyed by the filter (the text is capped by ui.text_input; entries bounded); shared by all
# sessions and never mutated.
@st.cache_resource(show_spinner=False, ttl=3600, max_entries=128)
def sources_table(build_id: str, language: str, chosen: tuple[str, ...], text: str):
    shown = data.query(queries.SOURCES, build_id=build_id).filter(pl.col("reliability").is_in(list(chosen)))
    if text.strip():
        needle = text.strip().lower()
        shown = shown.filter(
            pl.concat_str(["publisher", "title", "url", "series"], separator=" ", ignore_nulls=True)
            .str.to_lowercase()
            .str.contains(needle, literal=True)
        )
    # The series a source gives figures for, by name; the source id stays (labelled as the column it is)
    # so a reader can find the source from the data's source_id.
    shown = shown.with_columns(
        pl.col("series").map_elements(
            lambda ids: t("list_sep", language).join(labels.series(i.strip(), language) for i in ids.split(",")),
            return_dtype=pl.String,
        )
    )
    readable = tables.readable(shown, language, COLUMNS).rename(
        {tables.header("series", language): t("col_series_names", language)}
    )
    return readable.to_pandas()


readable = sources_table(build_id, language, tuple(chosen), text)
st.subheader(f"{t('sources_table', language)} ({len(readable)})")
links = {h: st.column_config.LinkColumn(h) for h in tables.link_headers(COLUMNS, language)}
st.dataframe(readable, hide_index=True, column_config=links)

st.subheader(t("dictionary", language))
st.caption(t("dictionary_note", language))
counts = dict(data.query(queries.TABLE_COUNTS, build_id=build_id).iter_rows())
dictionary = pl.DataFrame(describe_schema())
for table in dictionary["table"].unique(maintain_order=True):
    rows = f" · {t('n_rows', language, n=f'{counts[table]:,}')}" if table in counts else ""
    # Lazy, like the claims' evidence: a table is converted and sent only while its box is open.
    box = st.expander(f"{table}{rows}", key=f"so_dict_{table}", on_change="rerun")
    if box.open:
        with box:
            part = dictionary.filter(pl.col("table") == table).drop("table")
            st.dataframe(tables.readable(part, language, ["column", "type", "description"]), hide_index=True)

st.subheader(t("map_boundaries_title", language))
st.markdown(
    t("map_boundaries_text", language, package=province_map.BOUNDARY_PACKAGE,
      version=province_map.boundary_version(), licence=province_map.boundary_licence())
)  # fmt: skip
