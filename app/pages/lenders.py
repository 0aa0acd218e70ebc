"""Licensed lenders: the kinds of lender side by side (after P2P), microloan companies (national
quarterly), provinces (a map or a ranking, and the change between two dates), online microloan and
consumer-finance companies."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, figures, queries, ui
from app import labels as names
from app.comparison import lender_comparison
from app.explorer import series_explorer
from app.i18n import pick, t

PROVINCIAL = list(figures.spec("province_ranking").series)

language, info = ui.page_header("page_lenders")
build_id = info["build_id"]

# Each tab's widgets own a key prefix: a link made before the open tab was kept in the URL (`lt`) opens
# the tab its parameters belong to.
TAB_PREFIXES = {"compare": ("ap_",), "national": ("ln_",), "provinces": ("pr_",), "others": ("lo_",)}


def linked_tab() -> str | None:
    named = {tab for tab, prefixes in TAB_PREFIXES.items() for k in st.query_params if k.startswith(prefixes)}
    return named.pop() if len(named) == 1 else None


# Only the open tab runs (its charts, queries and tables): the four tabs in one rerun cost ~80 ms of
# server CPU, one of them ~20-40 ms.
open_tab, tabs = ui.tabs(
    {"compare": t("compare_tab", language),
     "national": "小额贷款公司(全国)" if language == "zh" else "Microloan companies (national)",
     "provinces": "分省" if language == "zh" else "Provinces",
     "others": "网络小贷与消费金融" if language == "zh" else "Online microloan and consumer finance"},
    "lt", guess=linked_tab,
)  # fmt: skip
if open_tab == "compare":
    with tabs["compare"]:
        lender_comparison("ap", build_id)
elif open_tab == "national":
    with tabs["national"]:
        series_explorer("lenders_national", "ln", build_id)
elif open_tab == "others":
    with tabs["others"]:
        series_explorer("lenders_others", "lo", build_id)
else:
    with tabs["provinces"]:
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
            provinces_in = dict(
                zip(period_labels, periods["provinces"].to_list(), strict=True)
            )  # one lookup per option

            def describe(label: str) -> str:
                return t(
                    "period_provinces", language, period=names.period(label, None, language), n=provinces_in[label]
                )

            st.subheader(t("province_ranking", language))
            period = ui.selectbox(t("period", language), period_labels, "pr_p", format_func=describe, index=default)
            views = {"map": t("map_view_map", language), "bar": t("map_view_bar", language)}
            shown_as = ui.selectbox(t("map_view", language), list(views), "pr_v", format_func=views.get)
            view = figures.View(series=series_id, period=period)
            spec_name = "province_map" if shown_as == "map" else "province_ranking"
            ui.figure_block(spec_name, view, key=f"prov_{shown_as}", build_id=build_id)

            st.subheader(t("province_change", language))
            c1, c2 = st.columns(2)
            with c1:
                start = ui.selectbox(
                    t("from_period", language), period_labels, "pr_from", format_func=describe, index=first
                )
            with c2:
                end = ui.selectbox(t("to_period", language), period_labels, "pr_to", format_func=describe, index=last)
            view = figures.View(series=series_id, period=start, period_to=end)
            ui.figure_block("province_change", view, key="prov_change", build_id=build_id)
