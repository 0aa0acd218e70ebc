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
# Evidence exists for the country and for single provinces (court statistics, a collection firm's staff):
# the reader picks where, and only series with figures there are offered; the default is where most are.
series_ids = list(dict.fromkeys(evidence.sort("series_id")["series_id"].to_list()))
where = data.query(queries.REGIONS_OF_SERIES, (series_ids,), build_id=build_id)
if where.is_empty():
    st.info(t("empty_series", language))
    st.stop()
regions = where["region"].unique(maintain_order=True).to_list()
region = ui.selectbox(
    t("col_region", language), regions, "co_r",
    format_func=lambda r: f"{labels.region(r, language)} ({where.filter(pl.col('region') == r)['series'][0]})",
)  # fmt: skip
in_region = where.filter(pl.col("region") == region)["series_ids"][0].to_list()
key = "co" if region == "CN" else f"co_{region[3:].lower()}"  # national keeps the old link names (co_s …)
series_explorer(in_region, key, build_id, region)
