"""How a checked text is shown (the article checker, etl.check): verdict counts, the text with each claim
highlighted by its verdict, and per claim its explanation, subject, period, region and the figures behind
the verdict with their publishers, excerpts and links. Used by "Check an article" and by the seed's Claim
check page, so a number reads the same on both.

The text is hostile input: it is shown only through html.escape (highlighting) or escaped Markdown
(labels, explanations), never rendered as HTML or Markdown of its own.
"""

from __future__ import annotations

import html

import polars as pl
import streamlit as st

from app import data, labels
from app.i18n import t
from etl.check import CheckResult
from etl.check.match import REGIONS_SQL, Store
from etl.check.report import md_escape, subject_name
from etl.finder import FINDER_SQL

MAX_SHOWN = 100  # claims listed one by one; the downloads hold them all

# Verdict marks as text (U+2713 check mark, U+2717 ballot x: text symbols, not emoji; st.html strips inline
# SVG), each with its own underline so colour is not the only cue.
MARKS = {
    "consistent": '<span class="lc-mark" aria-hidden="true">\u2713</span>',
    "contradicted": '<span class="lc-mark" aria-hidden="true">\u2717</span>',
    "unverifiable": '<span class="lc-mark" aria-hidden="true">?</span>',
}
STYLE = """<style>
.lc-text { white-space: pre-wrap; line-height: 2.0; font-size: 1.02rem; overflow-wrap: anywhere;
           border: 1px solid #d0d7de; border-radius: 6px; padding: 0.8rem 1rem; max-height: 32rem; overflow-y: auto; }
.lc-text mark { background: none; color: inherit; padding: 0 1px; border-radius: 3px; text-underline-offset: 4px; }
.lc-text mark.lc-consistent { background: #dafbe1; text-decoration: underline solid #1a7f37 2px; }
.lc-text mark.lc-contradicted { background: #ffebe9; text-decoration: underline double #cf222e 2px; }
.lc-text mark.lc-unverifiable { background: #eaeef2; text-decoration: underline dotted #57606a 2px; }
.lc-text .lc-mark { font-size: 0.8em; font-weight: 700; margin-right: 2px; }
.lc-text mark.lc-consistent .lc-mark { color: #1a7f37; }
.lc-text mark.lc-contradicted .lc-mark { color: #cf222e; }
.lc-text mark.lc-unverifiable .lc-mark { color: #57606a; }
.lc-text sup { font-size: 0.7em; color: #57606a; margin-left: 1px; }
.lc-legend { font-size: 0.85rem; color: #57606a; }
</style>"""


@st.cache_resource(show_spinner=False, max_entries=2)
def store(build_id: str) -> Store:
    """The observations indexed for the checker, once per database build."""
    observations = data.query(FINDER_SQL, build_id=build_id).to_dicts()
    regions = data.query(REGIONS_SQL, build_id=build_id).to_dicts()
    return Store.from_rows(observations, regions)


def verdict_name(verdict: str, language: str) -> str:
    return t(f"check_verdict_{verdict}", language)


def highlighted(result: CheckResult, language: str) -> str:
    """The text, escaped, with each claim marked by its verdict (title = the explanation)."""
    text, parts, pos = result.text, [], 0
    for n, item in enumerate(result.claims, start=1):
        c, v = item.claim, item.verdict
        if c.start < pos:  # overlapping spans cannot both be marked
            continue
        explanation = v.explanation_zh if language == "zh" else v.explanation_en
        title = html.escape(f"{n}. {verdict_name(v.verdict, language)}: {explanation}", quote=True)
        parts.append(html.escape(text[pos : c.start]))
        parts.append(
            f'<mark class="lc-{v.verdict}" data-verdict="{v.verdict}" title="{title}">{MARKS[v.verdict]}'
            f"{html.escape(text[c.start : c.end])}<sup>{n}</sup></mark>"
        )
        pos = c.end
    parts.append(html.escape(text[pos:]))
    lang_attr = "zh" if language == "zh" else "en"
    return f'{STYLE}<div class="lc-text" lang="{lang_attr}">{"".join(parts)}</div>'


def _figures_table(figures: list[dict], language: str) -> pl.DataFrame:
    rows = [
        {
            t("check_col_publisher", language): labels.publisher(f, language),
            t("check_col_series", language): labels.series(f["series_id"], language),
            t("check_col_period", language): labels.period(f["period_label"], f.get("period_type"), language),
            t("check_col_value", language): labels.number(f["value"], f["unit"], language, f["series_id"],
                                                          f.get("qualifier")),
            t("check_col_reliability", language): labels.reliability(f["reliability"], language),
            t("check_col_source", language): f["source_url"],
            t("check_col_excerpt", language): f["excerpt"],
        }
        for f in figures
    ]  # fmt: skip
    return pl.DataFrame(rows)


def summary(result: CheckResult, language: str, heading: bool = True) -> None:
    """n claims, and how many are consistent, contradicted and unverifiable."""
    counts = result.counts()
    if heading:
        st.subheader(t("check_summary", language, n=len(result.claims)))
    for column, verdict in zip(st.columns(3), ("consistent", "contradicted", "unverifiable"), strict=True):
        column.metric(verdict_name(verdict, language), counts[verdict])


def text_with_marks(result: CheckResult, language: str) -> None:
    st.html(highlighted(result, language))
    st.html(f'<p class="lc-legend">{html.escape(t("check_legend", language))}</p>')


def claim_details(result: CheckResult, language: str, limit: int = MAX_SHOWN, key: str = "check") -> None:
    """One expander per claim (a contradicted one open): explanation, what was matched, the figures.
    Each is built only while open (opening reruns), like the charts' tables: a page of many claims
    would otherwise convert every figures table on every rerun."""
    if len(result.claims) > limit:
        st.caption(t("check_shown", language, shown=limit, n=len(result.claims)))
    for n, item in enumerate(result.claims[:limit], start=1):
        c, v = item.claim, item.verdict
        label = f"{n}. {md_escape(c.quote)} — {verdict_name(v.verdict, language)}"
        box = st.expander(label, expanded=v.verdict == "contradicted", key=f"{key}-claim-{n}", on_change="rerun")
        if not box.open:
            continue
        with box:
            st.markdown(md_escape(v.explanation_zh if language == "zh" else v.explanation_en))
            period = labels.period(c.period.label, None, language) if c.period else t("check_not_stated", language)
            st.caption(
                t(
                    "check_detail", language, subject=md_escape(subject_name(c.subject, language)), period=period,
                    region=labels.region(c.region, language), qualifier=t(f"check_qualifier_{c.qualifier}", language),
                )
            )  # fmt: skip
            if v.figures:
                source = t("check_col_source", language)
                st.dataframe(
                    _figures_table(v.figures, language), hide_index=True,
                    column_config={source: st.column_config.LinkColumn(source)},
                )  # fmt: skip
