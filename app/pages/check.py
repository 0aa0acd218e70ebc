"""Check an article: paste a text, see every numeric claim highlighted by its verdict, the figures
behind each verdict (publisher, period, excerpt, link), a summary, and the report to download.

The pasted text is hostile input: it is shown only through html.escape (highlighting) or escaped
Markdown (labels, explanations), never rendered as HTML or Markdown of its own.
"""

from __future__ import annotations

import html
from datetime import date

import polars as pl
import streamlit as st

from app import data, labels, ui
from app.i18n import t
from etl.check import MAX_CHARS, CheckResult, InputProblem, check
from etl.check.match import REGIONS_SQL, Store
from etl.check.report import md_escape, subject_name, to_csv, to_markdown
from etl.finder import FINDER_SQL

MAX_SHOWN = 100  # claims listed one by one; the downloads hold them all

EXAMPLES = {
    "zh": (
        "据相关统计数据显示我国网贷平台的数量已经从2014年的1575家增加到了2023年的近2000家。"
        "截至2019年3月末,全国共有小额贷款公司7967家。贷款余额9272亿元,一季度减少273亿元。"
        "截至2024年6月底,全国登记在册的小额贷款公司有5428家,这类持牌网络小贷机构在2023年登记数量是97家。",
        date(2025, 2, 12),
    ),
    "en": (
        "As of the end of June 2020 China’s P2P lending platforms had fallen to just 29, a number which further "
        "dwindled to 15 by the end of August, 6 by mid-October and 3 at the start of November. "
        "The number of platforms had reached 2,813 in 2016, and the outstanding P2P loan balance was 961 billion "
        "yuan as of the end of the first half of 2018.",
        date(2020, 11, 30),
    ),
}

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
def _store(build_id: str) -> Store:
    """The observations indexed for the checker, once per database build."""
    observations = data.query(FINDER_SQL, build_id=build_id).to_dicts()
    regions = data.query(REGIONS_SQL, build_id=build_id).to_dicts()
    return Store.from_rows(observations, regions)


def _verdict_name(verdict: str, language: str) -> str:
    return t(f"check_verdict_{verdict}", language)


def highlighted(result: CheckResult, language: str) -> str:
    """The text, escaped, with each claim marked by its verdict (title = the explanation)."""
    text, parts, pos = result.text, [], 0
    for n, item in enumerate(result.claims, start=1):
        c, v = item.claim, item.verdict
        if c.start < pos:  # overlapping spans cannot both be marked
            continue
        explanation = v.explanation_zh if language == "zh" else v.explanation_en
        title = html.escape(f"{n}. {_verdict_name(v.verdict, language)}: {explanation}", quote=True)
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


def _notes(result: CheckResult, language: str) -> None:
    for note in result.notes:
        if note.startswith("input cut"):
            st.warning(t("check_cut", language, n=f"{MAX_CHARS:,}"))
        elif note.startswith("HTML"):
            st.info(t("check_html", language))


def _load_example() -> None:
    text, when = EXAMPLES[ui.lang()]
    st.session_state["chk_text"] = text
    st.session_state["chk_date"] = when


language, info = ui.page_header("page_check")
build_id = info["build_id"]
st.caption(t("check_intro", language, n=f"{MAX_CHARS:,}"))
st.button(t("check_example", language), on_click=_load_example, key="chk_example")
with st.form("chk_form", border=False):
    text = st.text_area(
        t("check_text", language), key="chk_text", height=220, max_chars=MAX_CHARS,
        placeholder=t("check_placeholder", language),
    )  # fmt: skip
    article_date = st.date_input(
        t("check_date", language), value=None, key="chk_date", min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)
    )
    st.form_submit_button(t("check_run", language), type="primary")

if not (text or "").strip():
    st.info(t("check_empty", language))
    st.stop()

try:
    result = check(text, _store(build_id), article_date)
except InputProblem as exc:
    st.error(t("check_unreadable", language, error=exc))
    st.stop()

_notes(result, language)
if not result.claims:
    st.info(t("check_none", language))
    st.stop()

counts = result.counts()
st.subheader(t("check_summary", language, n=len(result.claims)))
for column, verdict in zip(st.columns(3), ("consistent", "contradicted", "unverifiable"), strict=True):
    column.metric(_verdict_name(verdict, language), counts[verdict])
st.html(highlighted(result, language))
st.html(f'<p class="lc-legend">{html.escape(t("check_legend", language))}</p>')

downloads = st.columns(2)
downloads[0].download_button(
    t("check_download_md", language), lambda: to_markdown(result, language, build_id), "lendscope-check.md",
    "text/markdown", key="chk_md", on_click="ignore",
)  # fmt: skip
downloads[1].download_button(
    t("check_download_csv", language), lambda: to_csv(result), "lendscope-check.csv", "text/csv", key="chk_csv",
    on_click="ignore",
)  # fmt: skip

st.subheader(t("check_claims", language))
if len(result.claims) > MAX_SHOWN:
    st.caption(t("check_shown", language, shown=MAX_SHOWN, n=len(result.claims)))
for n, item in enumerate(result.claims[:MAX_SHOWN], start=1):
    c, v = item.claim, item.verdict
    label = f"{n}. {md_escape(c.quote)} — {_verdict_name(v.verdict, language)}"
    with st.expander(label, expanded=v.verdict == "contradicted"):
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
