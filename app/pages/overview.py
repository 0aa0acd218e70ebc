"""Overview: what the database holds, and the seeded series charted with its sources."""

from __future__ import annotations

import streamlit as st

from app import charts, data

HEADLINE_SERIES = "p2p_platforms_operating"

try:
    info = data.build_info()
except data.DatabaseUnavailable as exc:
    st.title("Lendscope")
    st.error(f"The database is not available: {exc}")
    st.markdown("Build it from the bundled data with `make build` (or `python -m etl build`), then reload.")
    st.stop()

st.title("Lendscope · 网贷数据")
st.caption(
    f"Build {info['build_id']} · built {info['built_at']:%Y-%m-%d %H:%M} UTC · lendscope {info['lendscope_version']}"
)

catalogue = data.series_catalogue()
if catalogue.is_empty():
    st.info("The database holds no series yet.")
    st.stop()

available = catalogue.filter(catalogue["observations"] > 0)
default = HEADLINE_SERIES if HEADLINE_SERIES in available["series_id"].to_list() else None
if default is None and available.height:
    default = available.sort("observations", descending=True)["series_id"][0]

if default is None:
    st.info("No observations yet: the series are defined but hold no figures.")
else:
    series = available.filter(available["series_id"] == default).row(0, named=True)
    frame = data.series_observations(default)
    st.plotly_chart(charts.series_line_chart(frame, series), key="overview_chart")
    st.caption(series["definition_en"])

st.subheader("What the database holds")
st.dataframe(
    catalogue.select("series_id", "name_zh", "name_en", "unit", "observations"),
    hide_index=True,
)
