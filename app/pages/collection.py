"""Debt collection: the article's methods, the rules that bind them, and the evidence series."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, labels, queries, tables, ui
from app.explorer import series_explorer
from app.i18n import pick, t

language, info = ui.page_header("page_collection")
build_id = info["build_id"]


# Each method's texts and evidence table (as st.dataframe takes it) are the same for every session and
# rerun of a build and language: built once (their queries, wording and table conversion were most of
# a rerun), then drawn. Shared by all sessions and never mutated.
@st.cache_resource(show_spinner=False, ttl=3600, max_entries=16)
def method_sections(build_id: str, language: str) -> tuple:
    """(expander label, expanded, markdown texts, evidence table or None) per method, in order."""
    methods = data.query(queries.METHODS, build_id=build_id)
    rules = data.query(queries.METHOD_RULES, build_id=build_id)
    evidence = data.query(queries.METHOD_EVIDENCE, build_id=build_id)
    sources = {r["source_id"]: r for r in data.query(queries.SOURCES, build_id=build_id).iter_rows(named=True)}
    sections = []
    for method in methods.iter_rows(named=True):
        texts = [f"**{t('article_says', language)}**", f"> {method['article_zh']}"]
        if language == "en":
            texts.append(f"> *{method['article_en']}*")
        texts.append(f"**{t('stage', language)}**: {pick(method, 'stage', language)}")
        texts.append(f"**{t('rules_limiting', language)}**")
        for rule in rules.filter(pl.col("method_id") == method["method_id"]).iter_rows(named=True):
            marker = "" if rule["clause_read"] else " " + t("clause_not_read", language)
            title = rule["title_zh"] if language == "zh" else rule["title_en"]
            when = labels.date_label(rule["date"], language)
            limit = ui.cite_sources(pick(rule, "limit", language), sources)
            texts.append(f"- {when} [{title}]({rule['source_url']}) — {limit}{marker}")
        series = evidence.filter(pl.col("method_id") == method["method_id"])
        table = None
        if series.height:
            texts.append(f"**{t('evidence_series', language)}**")
            named = series.with_columns(name=pl.col(f"name_{language}"))
            table = tables.readable(named, language, ["name", "unit", "observations"]).to_pandas()
        label = f"{method['position']}. {pick(method, 'name', language)}"
        sections.append((label, method["position"] == 1, tuple(texts), table))
    return tuple(sections)


sections = method_sections(build_id, language)
if not sections:
    st.info(t("empty_series", language))
    st.stop()

for label, expanded, texts, table in sections:
    with st.expander(label, expanded=expanded):
        for text in texts:
            st.markdown(text)
        if table is not None:
            st.dataframe(table, hide_index=True)

evidence = data.query(queries.METHOD_EVIDENCE, build_id=build_id)
st.subheader(t("evidence_series", language))
# Evidence exists for the country and for single provinces (court statistics, a collection firm's staff).
# The series with the most figures comes first, so the default chart draws the most; a series published
# only by province offers its provinces (the explorer's region choice).
series_ids = list(dict.fromkeys(evidence.sort(["observations", "series_id"], descending=[True, False])["series_id"]))
series_explorer("collection_evidence", "co", build_id, series_ids)
