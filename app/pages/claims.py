"""Claim check: each claim of the seed article, its computed verdict, and the figures behind it;
and a figure finder for numbers met without a source."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import charts, data, queries, ui
from app.i18n import t
from etl.finder import FINDER_SQL, FinderError, find

VERDICT_ICONS = {
    "supported": "✅",
    "partly supported": "◐",
    "contradicted": "❌",
    "not testable with the data held": "❔",
}
# Which evidence columns to draw, per claim: (label column, value columns).
CLAIM_CHARTS = {
    "platform_counts_2014_2023": ("series_id", ["value_2014", "value_2023"]),
    "market_keeps_growing": ("series_id", ["peak", "latest"]),
}

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
        spec = CLAIM_CHARTS.get(claim["claim_id"])
        if spec and all(c in table.columns for c in [spec[0], *spec[1]]):
            label = table[spec[0]].cast(pl.String) + " · " + table["publisher_id"].cast(pl.String)
            fig = go.Figure([go.Bar(name=column, x=label.to_list(), y=table[column].to_list()) for column in spec[1]])
            fig.update_layout(barmode="group", font={"family": charts.FONT}, colorway=charts.PALETTE, height=380)
            st.plotly_chart(fig, key=f"claim_{claim['claim_id']}")
        with st.expander(t("evidence", language)):
            st.dataframe(table, hide_index=True)

st.divider()
st.subheader(t("finder", language))
c1, c2 = st.columns([3, 1])
with c1:
    number = ui.text_input(t("finder_input", language), "cf_n")
with c2:
    year_text = ui.text_input(t("years", language), "cf_y")
year = ui.year_value(year_text, "cf_y")
if number.strip():
    frame = data.query(FINDER_SQL, build_id=build_id)
    try:
        found = find(frame, number, year=year)
    except FinderError as exc:
        ui.plain_warning(str(exc))  # it quotes what was typed: text, not markdown
    else:
        if found.is_empty():
            st.info(t("finder_none", language, number=ui.plain_code(number)))
        else:
            st.dataframe(
                found.select("value", "unit", "read_as", "series_id", "period_label", "region", "publisher_id",
                             "reliability", "source_url", "excerpt"),
                hide_index=True,
                column_config={"source_url": st.column_config.LinkColumn()},
            )  # fmt: skip
