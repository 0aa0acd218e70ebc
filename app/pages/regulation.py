"""Regulation: a filterable, searchable timeline; every event links to its source."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import data, figures, labels, queries, ui
from app.i18n import pick, t

language, info = ui.page_header("page_regulation")
build_id = info["build_id"]

events = data.events(build_id)
categories = {
    r["category"]: pick(r, "name", language)
    for r in data.query(queries.EVENT_CATEGORIES, build_id=build_id).iter_rows(named=True)
}
years = sorted({d.year for d in events["date"]}) or [2015]

chosen = ui.multiselect(t("category", language), list(categories), "rg_c", list(categories), format_func=categories.get)
c1, c2 = st.columns(2)
with c1:
    authority = ui.text_input(t("authority", language), "rg_a")
with c2:
    text = ui.text_input(t("search_text", language), "rg_q")
year_labels = [str(y) for y in years]
c3, c4 = st.columns(2)
with c3:
    first = ui.selectbox(t("from_period", language), year_labels, "rg_y0", index=0)
with c4:
    last = ui.selectbox(t("to_period", language), year_labels, "rg_y1", index=len(year_labels) - 1)


def matches(frame: pl.DataFrame) -> pl.DataFrame:
    out = frame.filter(pl.col("category").is_in(chosen) & pl.col("date").dt.year().is_between(int(first), int(last)))
    if authority.strip():
        out = out.filter(pl.col("authority").str.contains(authority.strip(), literal=True))
    if text.strip():
        needle = text.strip().lower()
        haystack = pl.concat_str(
            ["title_zh", "title_en", "gist_zh", "gist_en", "doc_number"], separator=" ", ignore_nulls=True
        )
        out = out.filter(haystack.str.to_lowercase().str.contains(needle, literal=True))
    return out


def _timeline_view(shown: pl.DataFrame) -> figures.View:
    """The timeline draws the events the filters keep; the filters are its view (and its cache key)."""
    return figures.View(ids=tuple(shown["event_id"].to_list()))


shown = matches(events)
st.caption(t("events_found", language, n=shown.height))
if shown.height:
    ui.figure_block("regulation_timeline", _timeline_view(shown), key="rg_timeline", build_id=build_id)
# Editors' notes exist in English only: a Chinese reader sees them on request, never by surprise.
show_notes = language == "en" or ui.toggle(t("show_english_notes", language), "rg_n")


@st.cache_resource(show_spinner=False, ttl=3600, max_entries=16)
def timeline_entries(build_id: str, language: str) -> dict[str, tuple[str, str, str | None]]:
    """event id -> (expander label, body markdown, note markdown or None), for every event: the same for
    every session and rerun, so built once per build and language (it was a third of a rerun). One
    markdown element per event (its paragraphs joined), not seven: fewer messages to build and send.
    Shared by all sessions: a mapping of immutable tuples nobody mutates."""
    events = data.events(build_id)
    categories = {
        r["category"]: pick(r, "name", language)
        for r in data.query(queries.EVENT_CATEGORIES, build_id=build_id).iter_rows(named=True)
    }
    sources = {r["source_id"]: r for r in data.query(queries.SOURCES, build_id=build_id).iter_rows(named=True)}
    titles = {r["event_id"]: pick(r, "title", language) for r in events.iter_rows(named=True)}
    entries = {}
    for row in events.iter_rows(named=True):
        title = row["title_zh"] if language == "zh" else row["title_en"]
        other = row["title_en"] if language == "zh" else row["title_zh"]
        flag = "" if row["title_zh_verified"] else " " + t("title_unverified", language)
        lines = [f"**{other}**{flag}", f"{row['authority']} · {categories.get(row['category'], row['category'])}"]
        kind = t(f"kind_{row['kind']}", language)
        if row.get("final_version") in titles:
            kind += " · " + t("final_version_is", language, title=titles[row["final_version"]])
        lines.append(f"{t('col_kind', language)}: {kind}")
        if row["doc_number"]:
            lines.append(f"{t('doc_number', language)}: {row['doc_number']}")
        if row["in_force"]:
            lines.append(f"{t('in_force', language)}: {labels.date_label(row['in_force'], language)}")
        lines.append(pick(row, "gist", language))
        lines.append(f"{t('source', language)}: [{row['source_title']}]({row['source_url']}) — “{row['excerpt']}”")
        note = None
        if row["note"]:
            note = (t("english_note", language) if language == "zh" else "") + ui.cite_sources(row["note"], sources)
        entries[row["event_id"]] = (f"{labels.date_label(row['date'], language)} · {title}", "\n\n".join(lines), note)
    return entries


entries = timeline_entries(build_id, language)
for event_id in shown.sort("date", descending=True)["event_id"].to_list():
    label, body, note = entries[event_id]
    with st.expander(label):
        st.markdown(body)
        if note and show_notes:
            st.caption(note)
