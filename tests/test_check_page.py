"""The "Check an article" page under AppTest: what a reader sees after pasting a text."""

from __future__ import annotations

import pytest

HOSTILE = (
    "截至2019年3月末,全国共有小额贷款公司7967家。据统计2023年网贷平台有近2000家。"
    '<script>alert("x")</script><img src=x onerror=alert(1)> **bold** [link](javascript:alert(1))'
)


def submit(at, text: str):
    at.text_area(key="chk_text").input(text)
    next(b for b in at.button if b.label in ("Check", "核查")).click()
    at.run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def highlighted_html(at) -> str:
    return next(h.proto.body for h in at.get("html") if "lc-text" in h.proto.body)


@pytest.mark.slow
def test_page_shows_verdicts_in_english(bundled_db, open_page):
    at = submit(open_page(bundled_db, "check", lang="en"), HOSTILE)
    assert at.title[0].value == "Check an article"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Consistent": "1", "Contradicted": "1", "Unverifiable": "0"}
    labels = [e.label for e in at.expander]
    assert labels == ["1. 7967家 — Consistent", "2. 近2000家 — Contradicted"]
    body = highlighted_html(at)
    assert 'class="lc-contradicted"' in body and "近2000家" in body
    # The pasted markup is shown as text, never run or rendered.
    assert "<script>" not in body and "&lt;script&gt;" in body and "<img" not in body
    explanations = [m.value for m in at.markdown]
    assert any("Contradicted" in v and "zero" in v for v in explanations)
    assert {d.proto.label for d in at.get("download_button")} == {
        "Download the report (Markdown)", "Download the report (CSV)",
    }  # fmt: skip


@pytest.mark.slow
def test_page_in_chinese_and_empty_input(bundled_db, open_page):
    at = open_page(bundled_db, "check", lang="zh")
    assert at.title[0].value == "文章核查"
    assert any("请粘贴文本" in i.value for i in at.info)
    at = submit(at, "截至2019年3月末,全国共有小额贷款公司8967家。")
    assert [e.label for e in at.expander] == ["1. 8967家 — 与数据不符"]
    assert any("中国人民银行" in m.value and "7967" in m.value for m in at.markdown)


@pytest.mark.slow
def test_page_says_when_nothing_is_a_claim(bundled_db, open_page):
    at = submit(open_page(bundled_db, "check", lang="en"), "Posted 2025-02-12. Call 13812345678. See page 3.")
    assert any("No numeric claims" in i.value for i in at.info)
    assert not at.metric
