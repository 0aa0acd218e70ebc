"""Licensed lenders: the kinds of lender side by side (after P2P), microloan companies (national
quarterly), provinces, online microloan and consumer-finance companies."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import charts, data, province_map, queries, tables, ui
from app import labels as names
from app.comparison import lender_comparison
from app.explorer import series_explorer
from app.export import ExportMeta
from app.i18n import pick, t

NATIONAL = [
    "microloan_companies", "microloan_loan_balance", "microloan_staff", "microloan_paid_in_capital",
    "microloan_new_loans", "microloan_companies_nfra", "microloan_loan_balance_nfra", "microloan_paid_in_capital_nfra",
    "microloan_companies_other", "microloan_loan_balance_other", "microloan_staff_other",
]  # fmt: skip
OTHERS = [
    "online_microloan_companies", "online_microloan_licences", "online_microloan_loan_balance",
    "online_microloan_paid_in_capital", "consumer_finance_companies", "consumer_finance_companies_approved",
    "consumer_finance_loan_balance",
    "consumer_finance_total_assets",
]  # fmt: skip
PROVINCIAL = ["microloan_companies", "microloan_loan_balance", "microloan_staff", "microloan_paid_in_capital"]


# A rerun with the same choice skips building the map. The Figure itself is kept (shared, never
# changed): a cached dict would be rebuilt and validated as a Figure by st.plotly_chart on every
# rerun, about 33 ms of CPU for the map's GeoJSON, on top of the ~30 ms its JSON takes.
@st.cache_resource(show_spinner=False, ttl=3600, max_entries=64)
def _province_map(build_id: str, series: dict, period: str, language: str):
    table = data.query(queries.SERIES_PERIOD_REGIONS, (series["series_id"], period), build_id=build_id)
    provinces = data.query(queries.PROVINCES, build_id=build_id)
    return province_map.province_map(table, series, period, language, provinces)


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
    series_explorer(NATIONAL, "ln", build_id)
with others_tab:
    series_explorer(OTHERS, "lo", build_id)

with provinces_tab:
    catalogue = {r["series_id"]: r for r in data.series_catalogue(build_id).iter_rows(named=True)}
    options = [s for s in PROVINCIAL if s in catalogue]
    series_id = ui.selectbox(
        t("series", language), options, "pr_s", format_func=lambda s: pick(catalogue[s], "name", language)
    )
    periods = data.query(queries.PROVINCIAL_PERIODS, (series_id,), build_id=build_id)
    period_labels = periods["period_label"].to_list()
    if not period_labels:
        st.info(t("empty_series", language))
    else:
        complete = periods.filter(pl.col("provinces") >= 31)["period_label"].to_list()
        default = period_labels.index(complete[-1]) if complete else len(period_labels) - 1
        # The change between two dates opens on the two best-covered periods (the most provinces; the later
        # on a tie), in date order, so its default draws as many provinces as the data allow.
        best = periods.with_row_index("i").sort(["provinces", "period_end"], descending=True)["i"].head(2).sort()
        first, last = (int(best[0]), int(best[-1])) if len(best) == 2 else (0, default)

        provinces_in = dict(zip(period_labels, periods["provinces"].to_list(), strict=True))  # one lookup per option

        def describe(label: str) -> str:
            return t("period_provinces", language, period=names.period(label, None, language), n=provinces_in[label])

        st.subheader(t("province_ranking", language))
        period = ui.selectbox(t("period", language), period_labels, "pr_p", format_func=describe, index=default)
        table = data.query(queries.SERIES_PERIOD_REGIONS, (series_id, period), build_id=build_id)
        views = {"map": t("map_view_map", language), "bar": t("map_view_bar", language)}
        view = ui.selectbox(t("map_view", language), list(views), "pr_v", format_func=views.get)
        if view == "map":
            fig = _province_map(build_id, catalogue[series_id], period, language)
        else:
            fig = charts.province_bar_chart(table, catalogue[series_id], period, language)
        meta = ExportMeta(
            title=f"{pick(catalogue[series_id], 'name', language)} · {names.period(period, None, language)}",
            unit=catalogue[series_id]["unit"],
            publishers=charts.publisher_names(table, language),
            build_id=build_id,
            notes=sorted(set(table["note"].drop_nulls().to_list()))[:3],
        )
        ui.chart_block(fig, table, meta, key=f"prov_{view}_{series_id}_{period}")

        st.subheader(t("province_change", language))
        c1, c2 = st.columns(2)
        with c1:
            start = ui.selectbox(
                t("from_period", language), period_labels, "pr_from", format_func=describe, index=first
            )
        with c2:
            end = ui.selectbox(t("to_period", language), period_labels, "pr_to", format_func=describe, index=last)
        a = data.query(queries.SERIES_PERIOD_REGIONS, (series_id, start), build_id=build_id)
        b = data.query(queries.SERIES_PERIOD_REGIONS, (series_id, end), build_id=build_id)
        change = (
            a.select("region", "name_zh", "name_en", pl.col("value").alias("from_value"))
            .join(b.select("region", pl.col("value").alias("to_value")), on="region")
            .with_columns(change=pl.col("to_value") - pl.col("from_value"), unit=pl.lit(catalogue[series_id]["unit"]))
            .sort("change")
        )
        if change.is_empty():
            st.info(t("empty_series", language))
        else:
            st.plotly_chart(
                charts.province_bar_chart(
                    change,
                    catalogue[series_id],
                    f"{names.period(start, None, language)} → {names.period(end, None, language)}",
                    language,
                    "change",
                ),
                key="prov_change_chart",
            )
            shown = change.with_columns(region=pl.col(f"name_{language}"))
            st.dataframe(
                tables.readable(shown, language, ["region", "from_value", "to_value", "change"]), hide_index=True
            )
