"""Licensed lenders: the kinds of lender side by side (after P2P), microloan companies (national
quarterly), provinces, online microloan and consumer-finance companies."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, figures, queries, ui
from app.comparison import lender_comparison
from app.explorer import series_explorer
from app.i18n import pick, t
from app.labels import period as period_label

PROVINCIAL = list(figures.spec("province_ranking").series)

language, info = ui.page_header("page_lenders")
build_id = info["build_id"]

compare_tab, national_tab, provinces_tab, others_tab = st.tabs(
    [t("compare_tab", language),
     "小额贷款公司(全国)" if language == "zh" else "Microloan companies (national)",
     "分省" if language == "zh" else "Provinces",
     "网络小贷与消费金融" if language == "zh" else "Online microloan and consumer finance"]
)  # fmt: skip
with compare_tab:
    lender_comparison("ap", build_id)
with national_tab:
    series_explorer("lenders_national", "ln", build_id)
with others_tab:
    series_explorer("lenders_others", "lo", build_id)

with provinces_tab:
    catalogue = {r["series_id"]: r for r in data.series_catalogue(build_id).iter_rows(named=True)}
    options = [s for s in PROVINCIAL if s in catalogue]
    series_id = ui.selectbox(
        t("series", language), options, "pr_s", format_func=lambda s: pick(catalogue[s], "name", language)
    )
    periods = data.query(queries.PROVINCIAL_PERIODS, (series_id,), build_id=build_id)
    labels = periods["period_label"].to_list()
    if not labels:
        st.info(t("empty_series", language))
    else:
        complete = periods.filter(pl.col("provinces") >= 31)["period_label"].to_list()
        default = labels.index(complete[-1]) if complete else len(labels) - 1

        def describe(label: str) -> str:
            n = periods.filter(pl.col("period_label") == label)["provinces"][0]
            return f"{period_label(label, None, language)} ({n})"

        st.subheader(t("province_ranking", language))
        period = ui.selectbox(t("period", language), labels, "pr_p", format_func=describe, index=default)
        view = figures.View(series=series_id, period=period)
        ui.figure_block("province_ranking", view, key="prov_rank", build_id=build_id)

        st.subheader(t("province_change", language))
        c1, c2 = st.columns(2)
        with c1:
            start = ui.selectbox(t("from_period", language), labels, "pr_from", format_func=describe, index=0)
        with c2:
            end = ui.selectbox(t("to_period", language), labels, "pr_to", format_func=describe, index=default)
        view = figures.View(series=series_id, period=start, period_to=end)
        ui.figure_block("province_change", view, key="prov_change", build_id=build_id)
        st.caption(t("no_map", language))
