"""Debt collection: the article's methods, the rules that bind them, and the evidence series."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, queries, ui
from app.explorer import series_explorer
from app.i18n import pick, t

language, info = ui.page_header("page_collection")
build_id = info["build_id"]

methods = data.query(queries.METHODS, build_id=build_id)
rules = data.query(queries.METHOD_RULES, build_id=build_id)
evidence = data.query(queries.METHOD_EVIDENCE, build_id=build_id)
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
            st.markdown(f"- {rule['date']} [{title}]({rule['source_url']}) — {pick(rule, 'limit', language)}{marker}")
        series = evidence.filter(pl.col("method_id") == method["method_id"])
        if series.height:
            st.markdown(f"**{t('evidence_series', language)}**")
            st.dataframe(
                series.select(
                    "series_id",
                    f"name_{language}",
                    "unit",
                    "observations",
                ),
                hide_index=True,
            )

st.subheader(t("evidence_series", language))
series_ids = [s for s in dict.fromkeys(evidence.sort("series_id")["series_id"].to_list())]
series_explorer("collection_evidence", "co", build_id, series_ids)
