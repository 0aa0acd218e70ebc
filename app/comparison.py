"""Kinds of lender side by side: what "online lending" was made of before and after P2P went to zero.

One line per series and publisher (never averaged, never merged); which lines are drawn, the measure
and the scale are in the URL like every other control."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import charts, data, queries, ui
from app.export import ExportMeta
from app.i18n import pick, t

# measure -> (series in the order they are drawn, the lines drawn by default as "series:publisher";
# "series:*" means every publisher of that series). The defaults are each kind's official or
# longest-running publishers; the others (content sites, one-off press tallies) are one click away.
MEASURES = {
    "companies": (
        ["p2p_platforms_operating", "p2p_institutions_operating_official", "microloan_companies",
         "online_microloan_companies", "online_microloan_licences", "consumer_finance_companies"],
        ["p2p_platforms_operating:wdzj", "p2p_institutions_operating_official:*", "microloan_companies:pboc",
         "online_microloan_companies:lingyi", "online_microloan_companies:p2peye", "online_microloan_companies:nfra",
         "consumer_finance_companies:cbrc", "consumer_finance_companies:cba"],
    ),
    "balances": (
        ["p2p_loan_balance", "microloan_loan_balance", "online_microloan_loan_balance",
         "consumer_finance_loan_balance"],
        ["p2p_loan_balance:wdzj", "microloan_loan_balance:pboc", "online_microloan_loan_balance:*",
         "consumer_finance_loan_balance:*"],
    ),
}  # fmt: skip
UNITS = {"companies": "家", "balances": "亿元"}


def line_options(frame: pl.DataFrame) -> list[str]:
    """Pure: every "series:publisher" pair present, in series then publisher order."""
    pairs = frame.select("series_id", "publisher_id").unique().sort("series_id", "publisher_id").rows()
    return [f"{s}:{p}" for s, p in pairs]


def default_lines(options: list[str], defaults: list[str]) -> list[str]:
    """Pure: the default pairs that exist, a "series:*" default standing for all of its publishers."""
    wanted = set(defaults)
    return [o for o in options if o in wanted or f"{o.split(':')[0]}:*" in wanted]


def lines_frame(frame: pl.DataFrame, lines: list[str]) -> pl.DataFrame:
    """Pure: the rows of the chosen lines."""
    keys = frame.select((pl.col("series_id") + ":" + pl.col("publisher_id")).alias("line"))["line"]
    return frame.filter(keys.is_in(lines))


def lender_comparison(key: str, build_id: str) -> None:
    language = ui.lang()
    catalogue = {r["series_id"]: r for r in data.series_catalogue(build_id).iter_rows(named=True)}
    measure = ui.selectbox(
        t("compare_measure", language), list(MEASURES), f"{key}_m", format_func=lambda m: t(f"compare_{m}", language)
    )
    series_ids, defaults = MEASURES[measure]
    series_ids = [s for s in series_ids if s in catalogue]
    frame = data.query(queries.SERIES_SIDE_BY_SIDE, (series_ids,), build_id=build_id)
    options = line_options(frame)
    names = {
        r["publisher_id"]: r["publisher_zh"] if language == "zh" else r["publisher_en"]
        for r in frame.select("publisher_id", "publisher_zh", "publisher_en").unique().iter_rows(named=True)
    }

    def describe(option: str) -> str:
        series_id, publisher_id = option.split(":", 1)
        return f"{pick(catalogue[series_id], 'name', language)} · {names.get(publisher_id, publisher_id)}"

    chosen = ui.multiselect(
        t("compare_lines", language), options, f"{key}_l", default_lines(options, defaults), format_func=describe
    )
    log_scale = ui.toggle(t("log_scale", language), f"{key}_log", value=measure == "companies")
    drawn, fig = _chart(build_id, measure, tuple(chosen), log_scale, language)
    meta = ExportMeta(
        title=t(f"compare_title_{measure}", language),
        unit=UNITS[measure],
        publishers=charts.publisher_names(drawn, language) if drawn.height else [],
        notes=[t("compare_note", language)],
        build_id=build_id,
    )
    ui.chart_block(fig, drawn, meta, key=f"{key}_{measure}")
    st.caption(t("compare_note", language))


# Cached like the explorer's chart: a rerun with the same choices skips plotly's figure building.
@st.cache_data(show_spinner=False, ttl=3600, max_entries=128)
def _chart(build_id: str, measure: str, lines: tuple[str, ...], log_scale: bool, language: str):
    catalogue = {r["series_id"]: r for r in data.series_catalogue(build_id).iter_rows(named=True)}
    series_ids = [s for s in MEASURES[measure][0] if s in catalogue]
    drawn = lines_frame(data.query(queries.SERIES_SIDE_BY_SIDE, (series_ids,), build_id=build_id), list(lines))
    chart = {f"name_{lang}": t(f"compare_title_{measure}", lang) for lang in ("zh", "en")} | {"unit": UNITS[measure]}
    fig = charts.series_line_chart(
        drawn, chart, language, log_scale=log_scale,
        line_names={s: catalogue[s] for s in series_ids},
    )  # fmt: skip
    return drawn, fig.to_plotly_json()
