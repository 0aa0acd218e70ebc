"""Claim check: each claim of the seed article, its computed verdict, and the figures behind it;
and a figure finder for numbers met without a source."""

from __future__ import annotations

import html
import json
from datetime import date

import polars as pl
import streamlit as st

from app import check_view, data, figures, queries, tables, ui
from app.i18n import t
from etl.check import check
from etl.finder import FINDER_SQL, FinderError, find

SEED_POSTED = date(2025, 2, 12)  # the seed article's date (/work/shared/seed/README.md): 今年, 目前 resolve to it

# Verdict marks as inline SVG (an emoji renders as an empty box without an emoji font): a shape and a
# colour per verdict, with the verdict's words beside it, so neither colour nor shape alone carries it.
_MARK_PATHS = {
    "supported": ("#1b7f3b", '<path d="M5 10.5l3.2 3.2L15 7" fill="none" stroke="#fff" stroke-width="2.4"/>'),
    "partly supported": ("#b26a00", '<path d="M10 3a7 7 0 0 1 0 14z" fill="#fff"/>'),
    "contradicted": ("#b3261e", '<path d="M6.5 6.5l7 7M13.5 6.5l-7 7" stroke="#fff" stroke-width="2.4"/>'),
    "not testable with the data held": ("#5f6368", '<path d="M6 10h8" stroke="#fff" stroke-width="2.4"/>'),
}


def verdict_mark(verdict: str, language: str) -> str:
    colour, inner = _MARK_PATHS.get(verdict, _MARK_PATHS["not testable with the data held"])
    svg = (
        f'<svg width="20" height="20" viewBox="0 0 20 20" role="img" aria-hidden="true" '
        f'style="vertical-align:-4px"><circle cx="10" cy="10" r="9" fill="{colour}"/>{inner}</svg>'
    )
    words = html.escape(t("verdict_" + verdict, language))
    return f'{svg} <strong style="color:{colour}">{html.escape(t("verdict", language))}: {words}</strong>'


# Which evidence columns a reader sees, per claim (every column is in the claim_evidence table / SQL page).
EVIDENCE_COLUMNS = {
    "platform_counts_2014_2023": ["series_id", "publisher_id", "value_2014", "reliability_2014", "value_2023",
                                  "period_2023", "matches_2014", "matches_2023"],
    "market_keeps_growing": ["series_id", "peak", "peak_period", "peak_publisher", "latest", "latest_period",
                             "publisher_id", "latest_pct_of_peak", "still_expanding"],
    "regulation_tightening": ["date", "title", "authority", "category", "counted_as", "after_article"],
}  # fmt: skip
DEFAULT_EVIDENCE = ["series_id", "latest_value", "latest_period", "latest_publisher", "figures", "reliable_figures"]
# The claims that have a chart: figure specs naming their claim (app/figures/specs.toml).
CLAIM_CHARTS = {spec.claim: spec.name for spec in figures.specs().values() if spec.claim}


def evidence_table(claim_id: str, table: pl.DataFrame, language: str) -> pl.DataFrame:
    if "title_zh" in table.columns:
        table = table.with_columns(title=pl.col(f"title_{language}"))
    if "counted_as" in table.columns:
        table = table.with_columns(pl.col("counted_as").map_elements(lambda v: t(f"counted_{v}", language),
                                                                    return_dtype=pl.String))  # fmt: skip
    if "publisher_id" in table.columns and "latest_publisher" not in table.columns and claim_id.startswith("market"):
        table = table.rename({"publisher_id": "latest_publisher"})
    columns = EVIDENCE_COLUMNS.get(claim_id, DEFAULT_EVIDENCE)
    columns = ["latest_publisher" if c == "publisher_id" and claim_id.startswith("market") else c for c in columns]
    return tables.readable(table, language, columns)


@st.cache_resource(show_spinner=False, ttl=3600, max_entries=16)
def evidence_rows(build_id: str) -> dict[str, pl.DataFrame]:
    """claim id -> its evidence as a table (parsed from the stored JSON): once per build, not per rerun.
    Shared by all sessions; polars frames are not changed in place."""
    evidence = data.query(queries.CLAIM_EVIDENCE, build_id=build_id)
    out = {}
    for claim_id in evidence["claim_id"].unique().to_list():
        rows = [json.loads(e) for e in evidence.filter(pl.col("claim_id") == claim_id)["evidence"]]
        if rows:
            out[claim_id] = pl.DataFrame(rows, infer_schema_length=None)
    return out


FINDER_COLUMNS = ["value", "unit", "read_as", "series_id", "period_label", "region", "publisher_id",
                  "reliability", "source_url", "excerpt"]  # fmt: skip


# The finder compares the number with every observation (a third of the page's rerun when a number is
# typed): each (build, number, year, language) is computed once. The number is capped by ui.text_input
# and the entries are bounded. A FinderError is raised again on every call (Streamlit caches no errors).
@st.cache_resource(show_spinner=False, ttl=3600, max_entries=256)
def finder_table(build_id: str, number: str, year: int | None, language: str) -> pl.DataFrame:
    found = find(data.query(FINDER_SQL, build_id=build_id), number, year=year)
    return found if found.is_empty() else tables.readable(found, language, FINDER_COLUMNS)


# The seed's sentences are fixed: their numbers are checked once per build, not on every rerun.
@st.cache_resource(show_spinner=False, ttl=3600, max_entries=64)
def seed_numbers(build_id: str, text: str):
    return check(text, check_view.store(build_id), SEED_POSTED)


language, info = ui.page_header("page_claims")
build_id = info["build_id"]
st.caption(t("claims_article", language))
claims = data.query(queries.CLAIMS, build_id=build_id)
evidence = evidence_rows(build_id)
for claim in claims.iter_rows(named=True):
    verdict = claim["verdict"]
    st.subheader(claim["text_zh"])
    if language == "en":
        st.markdown(f"*{ui.escape_markdown(claim['text_en'])}*")
    half = f" ({html.escape(t('testable_half', language))})" if claim.get(f"forecast_{language}") else ""
    st.markdown(
        verdict_mark(verdict, language) + half + " — " + html.escape(claim["explanation_" + language]),
        unsafe_allow_html=True,
    )
    if claim.get(f"forecast_{language}"):
        st.markdown(
            verdict_mark("not testable with the data held", language).split("<strong")[0]
            + f" <strong>{html.escape(t('forecast', language))}</strong>: "
            + html.escape(claim[f"forecast_{language}"]),
            unsafe_allow_html=True,
        )
    # Its numbers go through the article checker (extract → match → verdict), shown as on "Check an article";
    # a claim with no number (the collection methods, the outlook) keeps only its own query.
    numbers = seed_numbers(build_id, claim["text_zh"])
    if numbers.claims:
        st.markdown(f"**{html.escape(t('claims_numbers', language))}**")
        check_view.summary(numbers, language, heading=False)
        check_view.text_with_marks(numbers, language)
        check_view.claim_details(numbers, language, key=f"seed-{claim['claim_id']}")
    st.caption(f"{t('how_tested', language)}: {claim['test_' + language]}")
    st.page_link(
        "app/pages/sql.py", label=t("headline_see_rule", language),
        query_params={"nq": claim["query_name"], **({"lang": language} if language != "zh" else {})},
    )  # fmt: skip
    table = evidence.get(claim["claim_id"])
    if table is not None:
        if claim["claim_id"] in CLAIM_CHARTS:
            spec_name = CLAIM_CHARTS[claim["claim_id"]]
            ui.figure_block(spec_name, figures.View(), key=f"claim_{claim['claim_id']}", build_id=build_id)
        # Lazy, like the charts' data tables: converted and sent only while open (opening reruns).
        evidence_box = st.expander(
            t("evidence", language), key=f"claim_{claim['claim_id']}_evidence", on_change="rerun"
        )
        if evidence_box.open:
            with evidence_box:
                st.dataframe(evidence_table(claim["claim_id"], table, language), hide_index=True)

st.divider()
st.subheader(t("finder", language))
c1, c2 = st.columns([3, 1])
with c1:
    number = ui.text_input(t("finder_input", language), "cf_n")
with c2:
    year_text = ui.text_input(t("years", language), "cf_y")
year = ui.year_value(year_text, "cf_y")
if number.strip():
    try:
        shown = finder_table(build_id, number, year, language)
    except FinderError as exc:
        ui.plain_warning(str(exc))  # it quotes what was typed: text, not markdown
    else:
        if shown.is_empty():
            st.info(t("finder_none", language, number=ui.plain_code(number)))
        else:
            links = {h: st.column_config.LinkColumn(h) for h in tables.link_headers(FINDER_COLUMNS, language)}
            st.dataframe(shown, hide_index=True, column_config=links)
