"""Check an article in a real headless Chromium: paste a text, press Check, see the claims
highlighted by verdict, the pasted markup shown as text, and the CSV report with its citations.
Uses the server and browser fixtures of tests/test_browser.py (which skips without Chromium)."""

from __future__ import annotations

import pytest

from tests.browser_support import ARTIFACTS, full_screenshot
from tests.test_browser import browser, page, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

PASTED = (
    "As of the end of June 2020 China’s P2P lending platforms had fallen to just 29, a number which further "
    "dwindled to 15 by the end of August. The number of platforms had reached 2,813 in 2016. "
    "<b>Bold?</b> <img src=x onerror=\"document.title='pwned'\">"
)


def test_pasted_text_is_highlighted_by_verdict(server, page, tmp_path):  # noqa: F811
    page.goto(f"{server}/check?lang=en")
    box = page.get_by_label("Article text")
    box.wait_for(timeout=45_000)
    box.fill(PASTED)
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_selector("mark.lc-contradicted", timeout=30_000)
    marks = page.locator(".lc-text mark")
    seen = {(marks.nth(i).get_attribute("data-verdict"), marks.nth(i).inner_text()) for i in range(marks.count())}
    assert seen == {("consistent", "✓291"), ("consistent", "✓152"), ("contradicted", "✗2,8133")}
    text_box = page.locator(".lc-text")
    assert "<b>Bold?</b>" in text_box.inner_text()  # shown, not rendered
    assert text_box.locator("b, img").count() == 0 and page.title() != "pwned"
    page.get_by_text("3. 2,813 — Contradicted").wait_for(timeout=15_000)  # the claim's own entry below
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download the report (CSV)").click()
    path = tmp_path / "check.csv"
    download_info.value.save_as(path)
    report = path.read_text(encoding="utf-8")
    assert report.startswith("claim,quote,start,end") and "chinabankingnews.com" in report
    full_screenshot(page, ARTIFACTS / "check-article-en.png")
