"""Debt collection: the article's methods, the rules that bind them, and the evidence series."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, labels, queries, tables, ui
from app.explorer import series_explorer
from app.i18n import pick, t

language, info = ui.page_header("page_collection")
build_id = info["build_id"]

methods = data.query(queries.METHODS, build_id=build_id)
rules = data.query(queries.METHOD_RULES, build_id=build_id)
evidence = data.query(queries.METHOD_EVIDENCE, build_id=build_id)
sources = {r["source_id"]: r for r in data.query(queries.SOURCES, build_id=build_id).iter_rows(named=True)}
if methods.is_empty():
    st.info(t("empty_series", language))
    st.stop()

for method in methods.iter_rows(named=True):
    with st.expander(f"{method['position']}. {pick(method, 'name', language)}", expanded=method["position"] == 1):
        st.markdown(f"**{t('article_says', language)}**")
        st.markdown(f"> {method['article_zh']}")
        if language == "en":
            st.markdown(f"> *{method['article_en']}*")
        st.markdown(f"**{t('stage', language)}**: {pick(method, 'stage', language)}")
        st.markdown(f"**{t('rules_limiting', language)}**")
        for rule in rules.filter(pl.col("method_id") == method["method_id"]).iter_rows(named=True):
            marker = "" if rule["clause_read"] else " " + t("clause_not_read", language)
            title = rule["title_zh"] if language == "zh" else rule["title_en"]
            when = labels.date_label(rule["date"], language)
            limit = ui.cite_sources(pick(rule, "limit", language), sources)
            st.markdown(f"- {when} [{title}]({rule['source_url']}) — {limit}{marker}")
        series = evidence.filter(pl.col("method_id") == method["method_id"])
        if series.height:
            st.markdown(f"**{t('evidence_series', language)}**")
            table = series.with_columns(name=pl.col(f"name_{language}"))
            st.dataframe(tables.readable(table, language, ["name", "unit", "observations"]), hide_index=True)

st.subheader(t("evidence_series", language))
# Evidence exists for the country and for single provinces (court statistics, a collection firm's staff).
# The series with the most figures comes first, so the default chart draws the most; a series published
# only by province offers its provinces (the explorer's region choice).
series_ids = list(dict.fromkeys(evidence.sort(["observations", "series_id"], descending=[True, False])["series_id"]))
series_explorer("collection_evidence", "co", build_id, series_ids)
