"""A series explorer: series, publishers, frequency, log scale and events, all in the URL; then the
chart with its exports. Used by the P2P, volume and licensed-lender pages."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import charts, data, queries, ui
from app.export import ExportMeta
from app.i18n import pick, t

FREQUENCIES = ("all", "year", "month")


def series_explorer(series_ids: list[str], key: str, build_id: str, region: str = "CN") -> None:
    language = ui.lang()
    catalogue = data.series_catalogue(build_id)
    available = catalogue.filter(pl.col("series_id").is_in(series_ids) & (pl.col("observations") > 0))
    if available.is_empty():
        st.info(t("empty_series", language))
        return
    order = [s for s in series_ids if s in set(available["series_id"])]
    rows = {r["series_id"]: r for r in available.iter_rows(named=True)}
    series_id = (
        ui.selectbox(t("series", language), order, f"{key}_s", format_func=lambda s: pick(rows[s], "name", language))
        if len(order) > 1
        else order[0]
    )
    series = rows[series_id]
    # Options are the publishers with figures for the chosen series (and region): a picker offers only
    # what can be drawn. A new series starts from all of its publishers.
    last_series = f"{key}_p_series"
    if st.session_state.get(last_series, series_id) != series_id:
        ui.forget(f"{key}_p")
    st.session_state[last_series] = series_id
    everyone = data.query(queries.PUBLISHERS_OF_SERIES, ((series_id,), region), build_id=build_id)
    labels = {
        r["publisher_id"]: (r["publisher_zh"] if language == "zh" else r["publisher_en"])
        for r in everyone.iter_rows(named=True)
    }
    publishers = sorted(labels)
    chosen = ui.multiselect(t("publishers", language), publishers, f"{key}_p", publishers, format_func=labels.get)
    c1, c2, c3 = st.columns(3)
    with c1:
        frequency = ui.selectbox(
            t("frequency", language), FREQUENCIES, f"{key}_f", format_func=lambda f: t(f"freq_{f}", language)
        )
    with c2:
        log_scale = ui.toggle(t("log_scale", language), f"{key}_log")
    with c3:
        show_events = ui.toggle(t("show_events", language), f"{key}_ev")

    drawn, fig = _chart(build_id, series, region, tuple(chosen), frequency, log_scale, show_events, language)
    meta = ExportMeta(
        title=pick(series, "name", language),
        unit=series["unit"],
        publishers=charts.publisher_names(drawn, language) if drawn.height else [],
        notes=[pick(series, "definition", language)],
        build_id=build_id,
    )
    ui.chart_block(fig, drawn, meta, key=f"{key}_{series_id}")
    st.caption(pick(series, "definition", language))


# Bounded like the query cache. A rerun with the same filters (most reruns) skips plotly's figure
# building and validation, which cost more than everything else on the page.
@st.cache_data(show_spinner=False, ttl=3600, max_entries=256)
def _chart(build_id, series, region, publishers, frequency, log_scale, show_events, language):
    frame = data.series_observations(build_id, series["series_id"], region)
    drawn = filter_frame(frame, list(publishers), frequency)
    events = None
    if show_events and drawn.height:
        events = data.events(build_id).filter(
            pl.col("date").is_between(drawn["period_end"].min(), drawn["period_end"].max())
        )
    fig = charts.series_line_chart(drawn, series, language, log_scale=log_scale, events=events)
    return drawn, fig.to_plotly_json()


def filter_frame(frame: pl.DataFrame, publishers: list[str], frequency: str) -> pl.DataFrame:
    """Pure: the rows drawn for the chosen publishers and frequency."""
    out = frame.filter(pl.col("publisher_id").is_in(publishers))
    if frequency == "year":
        out = out.filter(pl.col("period_type") == "year")
    elif frequency == "month":
        out = out.filter(pl.col("period_type") == "month")
    return out
