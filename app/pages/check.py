"""Check an article: paste a text, see every numeric claim highlighted by its verdict, the figures
behind each verdict (publisher, period, excerpt, link), a summary, and the report to download.

The pasted text is hostile input: it is shown only through html.escape (highlighting) or escaped
Markdown (labels, explanations), never rendered as HTML or Markdown of its own.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app import check_view, ui
from app.i18n import t
from etl.check import MAX_CHARS, CheckResult, InputProblem, check
from etl.check.report import to_csv, to_markdown

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
    result = check(text, check_view.store(build_id), article_date)
except InputProblem as exc:
    st.error(t("check_unreadable", language, error=exc))
    st.stop()

_notes(result, language)
if not result.claims:
    st.info(t("check_none", language))
    st.stop()

check_view.summary(result, language)
check_view.text_with_marks(result, language)

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
check_view.claim_details(result, language)
