"""A series explorer: series, publishers, frequency, time range, log scale and events, all in the URL;
then the spec's figure block. Used by the P2P, volume, licensed-lender and collection pages."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, figures, labels, queries, ui
from app.figures import FREQUENCIES, drawn_rows
from app.i18n import pick, t

__all__ = ["FREQUENCIES", "drawn_rows", "series_explorer"]


def series_explorer(spec_name: str, key: str, build_id: str, series_ids: list[str] | None = None) -> None:
    """The spec's series (or `series_ids`, for a page whose list is data) with every control in the URL."""
    language = ui.lang()
    spec = figures.spec(spec_name)
    series_ids = list(series_ids if series_ids is not None else spec.series)
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
    # National figures where there are any; a series published only by province offers its provinces.
    regions = data.query(queries.SERIES_REGIONS, (series_id,), build_id=build_id)["region"].to_list()
    region = "CN"
    if regions and "CN" not in regions:
        region = ui.selectbox(
            t("fig_col_region", language), regions, f"{key}_r", format_func=lambda r: labels.region(r, language)
        )
    frame = data.series_observations(build_id, series_id, region)
    # Options are the publishers with figures for the chosen series (and region): a picker offers only
    # what can be drawn. A new series starts from all of its publishers.
    last_series = f"{key}_p_series"
    if st.session_state.get(last_series, series_id) != series_id:
        ui.forget(f"{key}_p")
    st.session_state[last_series] = series_id
    everyone = data.query(queries.PUBLISHERS_OF_SERIES, ((series_id,), region), build_id=build_id)
    names = {r["publisher_id"]: labels.publisher(r, language) for r in everyone.iter_rows(named=True)}
    publishers = sorted(names, key=names.get)
    chosen = ui.multiselect(t("publishers", language), publishers, f"{key}_p", publishers, format_func=names.get)
    years = [str(y) for y in figures.year_span(frame)] or ["—"]
    c1, c2, c3, c4, c5 = st.columns([1.2, 0.8, 0.8, 1, 1])
    with c1:
        frequency = ui.selectbox(
            t("frequency", language), FREQUENCIES, f"{key}_f", format_func=lambda f: t(f"freq_{f}", language)
        )
    with c2:
        first = ui.selectbox(t("fig_from_year", language), years, f"{key}_y0", index=0)
    with c3:
        last = ui.selectbox(t("fig_to_year", language), years, f"{key}_y1", index=len(years) - 1)
    with c4:
        log_scale = ui.toggle(t("log_scale", language), f"{key}_log", value=bool(spec.default("log_scale", False)))
    with c5:
        show_events = ui.toggle(t("show_events", language), f"{key}_ev", value=bool(spec.default("events", False)))
    if first.isdigit() and last.isdigit() and int(first) > int(last):
        first, last = last, first
    view = figures.View(
        series=series_id,
        publishers=None if sorted(chosen) == sorted(publishers) else tuple(sorted(chosen)),
        frequency=frequency,
        log_scale=log_scale,
        events=show_events,
        first_year=int(first) if first.isdigit() and first != years[0] else None,
        last_year=int(last) if last.isdigit() and last != years[-1] else None,
        region=region,
    )
    ui.figure_block(spec_name, view, key=f"{key}_{series_id}", build_id=build_id)
    st.caption(pick(rows[series_id], "definition", language))
