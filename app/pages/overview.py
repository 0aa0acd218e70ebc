"""Overview: headline figures computed from the data, the rise and fall with events, coverage."""

from __future__ import annotations

import streamlit as st

from app import data, figures, ui
from app.i18n import t

HEADLINES = """
WITH peak AS (
    SELECT value, period_label, publisher_id FROM observations
    WHERE series_id = 'p2p_platforms_operating' AND region = 'CN' AND reliability <> 'low'
    ORDER BY value DESC, period_end LIMIT 1
), zero AS (
    SELECT min(period_label) AS period_label, string_agg(DISTINCT publisher_id, ', ') AS publishers FROM observations
    WHERE series_id = 'p2p_institutions_operating_official' AND value = 0
), owed AS (
    SELECT value, period_label, publisher_id, qualifier FROM observations
    WHERE series_id = 'p2p_unrecovered_funds_official' ORDER BY period_end DESC LIMIT 1
), microloan AS (
    SELECT value, period_label, publisher_id FROM observations
    WHERE series_id = 'microloan_companies' AND region = 'CN' ORDER BY period_end DESC LIMIT 1
)
SELECT 'peak' AS headline, value, period_label, publisher_id, NULL AS qualifier FROM peak
UNION ALL SELECT 'zero', 0, period_label, publishers, NULL FROM zero WHERE period_label IS NOT NULL
UNION ALL SELECT 'owed', value, period_label, publisher_id, qualifier FROM owed
UNION ALL SELECT 'microloan', value, period_label, publisher_id, NULL FROM microloan
"""
PUBLISHER_NAMES = "SELECT publisher_id, name_zh, name_en FROM publishers"

COVERAGE = """
SELECT s.topic, count(DISTINCT s.series_id) AS series, count(o.obs_id) AS observations,
       count(DISTINCT o.publisher_id) AS publishers, min(o.period_end) AS first, max(o.period_end) AS last
FROM series s LEFT JOIN observations o USING (series_id) GROUP BY s.topic ORDER BY s.topic
"""

language = ui.lang()
info = ui.require_database()
build_id = info["build_id"]
st.title(t("app_title", language))
ui.build_caption(info)

headlines = {r["headline"]: r for r in data.query(HEADLINES, build_id=build_id).iter_rows(named=True)}
names = {
    r["publisher_id"]: r[f"name_{language}"]
    for r in data.query(PUBLISHER_NAMES, build_id=build_id).iter_rows(named=True)
}
columns = st.columns(4)
for column, (name, unit) in zip(
    columns, (("peak", "家"), ("zero", "家"), ("owed", "亿元"), ("microloan", "家")), strict=True
):
    row = headlines.get(name)
    with column:
        if row is None:
            st.metric(t(f"headline_{name}", language), "—")
            continue
        value = row["period_label"] if name == "zero" else f"{row['value']:,.0f} {unit}"
        qualifier = {"more_than": "> ", "about": "≈ "}.get(row.get("qualifier") or "", "")
        st.metric(t(f"headline_{name}", language), qualifier + value)
        who = ", ".join(names.get(p.strip(), p.strip()) for p in row["publisher_id"].split(","))
        st.caption(t("according_to", language, publisher=who, period=row["period_label"]))

show_events = ui.toggle(t("show_events", language), "ov_ev", value=True)
spec = figures.spec("overview_rise_and_fall")
ui.figure_block(spec.name, figures.default_view(spec, events=show_events), key="overview", build_id=build_id)

st.subheader(t("coverage", language))
st.dataframe(data.query(COVERAGE, build_id=build_id), hide_index=True)
