"""Claim check: each claim of the seed article, its computed verdict, and the figures behind it;
and a figure finder for numbers met without a source."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

from app import data, figures, queries, ui
from app.i18n import t
from etl.finder import FINDER_SQL, FinderError, find

VERDICT_ICONS = {
    "supported": "✅",
    "partly supported": "◐",
    "contradicted": "❌",
    "not testable with the data held": "❔",
}
# The claims that have a chart: figure specs naming their claim (app/figures/specs.toml).
CLAIM_CHARTS = {spec.claim: spec.name for spec in figures.specs().values() if spec.claim}

language, info = ui.page_header("page_claims")
build_id = info["build_id"]
st.caption("《现在网贷[催收]的现状与方法》(2025-02-12)")

claims = data.query(queries.CLAIMS, build_id=build_id)
evidence = data.query(queries.CLAIM_EVIDENCE, build_id=build_id)
for claim in claims.iter_rows(named=True):
    verdict = claim["verdict"]
    st.subheader(f"{VERDICT_ICONS.get(verdict, '')} {claim['text_zh']}")
    if language == "en":
        st.markdown(f"*{claim['text_en']}*")
    st.markdown(
        f"**{t('verdict', language)}: {t('verdict_' + verdict, language)}** — {claim['explanation_' + language]}"
    )
    st.caption(f"{t('how_tested', language)}: {claim['test_' + language]} (`queries/{claim['query_name']}.sql`)")
    rows = [json.loads(e) for e in evidence.filter(pl.col("claim_id") == claim["claim_id"])["evidence"]]
    if rows:
        table = pl.DataFrame(rows, infer_schema_length=None)
        if claim["claim_id"] in CLAIM_CHARTS:
            spec_name = CLAIM_CHARTS[claim["claim_id"]]
            ui.figure_block(spec_name, figures.View(), key=f"claim_{claim['claim_id']}", build_id=build_id)
        with st.expander(t("evidence", language)):
            st.dataframe(table, hide_index=True)

st.divider()
st.subheader(t("finder", language))
c1, c2 = st.columns([3, 1])
with c1:
    number = ui.text_input(t("finder_input", language), "cf_n")
with c2:
    year_text = ui.text_input(t("years", language), "cf_y")
if number.strip():
    frame = data.query(FINDER_SQL, build_id=build_id)
    try:
        year = int(year_text) if year_text.strip() else None
        found = find(frame, number, year=year)
    except (FinderError, ValueError) as exc:
        st.warning(str(exc))
    else:
        if found.is_empty():
            st.info(t("finder_none", language, number=number))
        else:
            st.dataframe(
                found.select("value", "unit", "read_as", "series_id", "period_label", "region", "publisher_id",
                             "reliability", "source_url", "excerpt"),
                hide_index=True,
                column_config={"source_url": st.column_config.LinkColumn()},
            )  # fmt: skip
