"""The dashboard in a real headless Chromium (Debian's, driven by Playwright).

The parametrised check covers every figure spec × en/zh × 1440×900, 1280×800 and 390×844: the plot
area measured from the DOM (plotly's drag layer against the figure's SVG), no snake_case id in the
block's visible text or the chart's text, the source line, citation, five downloads and copy link.
Each page is loaded once per language and resized through the viewports, so the whole matrix costs
a few page loads. Without Chromium or Playwright these tests fail saying what to install (set
LENDSCOPE_SKIP_BROWSER=1 to skip them on purpose).

Mutation checks (run by hand, both red): the legend moved back to the right of the plot
(orientation v, x=1.02) fails platforms_series at 390 px (plot 134 of 358 px wide); 480 px added to
the charts' bottom margin fails overview_rise_and_fall at every viewport (plot 38 px tall).
"""

from __future__ import annotations

import io
import os
import re

import polars as pl
import pytest

from app import figures
from tests.browser_support import (
    ARTIFACTS,
    CHART,
    VIEWPORTS,
    chromium,
    full_screenshot,
    measure,
    missing_browser,
    open_tab,
    resize,
    streamlit_server,
    wait_for_charts,
)  # fmt: skip
from tests.conftest import free_port

pytestmark = pytest.mark.slow

# spec -> (page path, extra query string, tab index or None, figure block key prefix)
SPEC_VIEWS = {
    "overview_rise_and_fall": ("", "", None, "overview"),
    "platforms_series": ("platforms", "", None, "pl-"),
    "volume_series": ("volume", "", None, "vo-"),
    "lenders_after_p2p_companies": ("lenders", "", 0, "ap-companies"),
    "lenders_after_p2p_balances": ("lenders", "ap_m=balances", 0, "ap-balances"),
    "lenders_national": ("lenders", "", 1, "ln-"),
    "province_map": ("lenders", "", 2, "prov-map"),
    "province_ranking": ("lenders", "pr_v=bar", 2, "prov-bar"),
    "province_change": ("lenders", "", 2, "prov-change"),
    "lenders_others": ("lenders", "", 3, "lo-"),
    "collection_evidence": ("collection", "", None, "co-"),
    "regulation_timeline": ("regulation", "", None, "rg-timeline"),
    "claim_platform_counts_2014_2023": ("claims", "", None, "claim-platform-counts-2014-2023"),
    "claim_market_keeps_growing": ("claims", "", None, "claim-market-keeps-growing"),
}
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
URL = re.compile(r"https?://\S+")


def test_every_spec_is_checked_in_the_browser():
    assert set(SPEC_VIEWS) == set(figures.specs()), "a new figure spec needs its entry in SPEC_VIEWS"


@pytest.fixture(scope="module")
def browser():
    problem = missing_browser()
    if problem:
        if os.environ.get("LENDSCOPE_SKIP_BROWSER") == "1":
            pytest.skip(problem)
        pytest.fail(problem)
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def server(bundled_db):
    with streamlit_server(bundled_db, free_port()) as base:
        yield base


@pytest.fixture(scope="module")
def measured(server, browser):
    """(path, query, lang) -> {viewport: {tab: [figure blocks]}}, each page loaded once per language."""
    cache: dict = {}

    def get(path: str, query: str, lang: str) -> dict:
        if (path, query, lang) not in cache:
            tabs = sorted({tab for p, q, tab, _ in SPEC_VIEWS.values() if p == path and q == query and tab})
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            page.goto(f"{server}/{path}?lang={lang}{'&' + query if query else ''}")
            wait_for_charts(page)
            result = {}
            for viewport in VIEWPORTS:
                resize(page, viewport)
                result[viewport] = {0: measure(page)}
                for tab in tabs:
                    open_tab(page, tab)
                    result[viewport][tab] = measure(page)
                if tabs:
                    open_tab(page, 0)
            context.close()
            cache[(path, query, lang)] = result
        return cache[(path, query, lang)]

    return get


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("spec_name", list(SPEC_VIEWS))
def test_every_chart_is_legible_sourced_and_downloadable(measured, spec_name, lang, viewport):
    path, query, tab, prefix = SPEC_VIEWS[spec_name]
    blocks = [b for b in measured(path, query, lang)[viewport][tab or 0] if b["key"].startswith(prefix)]
    assert blocks, f"no figure block {prefix!r} on /{path}"
    block = blocks[0]
    chart = block["chart"]
    assert chart and chart["fig_w"] > 0, "the chart is not drawn"
    width, height = chart["plot_w"] / chart["fig_w"], chart["plot_h"] / chart["fig_h"]
    where = (
        f"{spec_name} {lang} {viewport}: plot {chart['plot_w']:.0f}×{chart['plot_h']:.0f} "
        f"of {chart['fig_w']:.0f}×{chart['fig_h']:.0f}"
    )
    if viewport == "390":
        assert width >= 0.80 and chart["plot_h"] >= 220, where
    else:
        assert width >= 0.60 and height >= 0.45, where
    visible = URL.sub("", block["text"]) + " " + chart["svg_text"]
    assert not SNAKE.findall(visible), f"{where}: raw ids on screen: {sorted(set(SNAKE.findall(visible)))}"
    assert block["title"].strip() and block["subtitle"].strip()
    assert block["source"].startswith("来源" if lang == "zh" else "Source"), block["source"]
    assert block["cite"].startswith("引用" if lang == "zh" else "Cite") and "Lendscope" in block["cite"]
    assert len(block["downloads"]) == 5 and block["copy_link"], block["downloads"]
    assert not block["clipped"], f"{where}: button labels cut off: {block['clipped']}"
    if lang == "en":  # English pages show English units and magnitudes: no 家 / 亿元 / 人 / 万 by a number
        assert not re.search(r"[家亿人]", block["subtitle"]), block["subtitle"]
        assert not re.search(r"\d\s*(?:家|亿|万|人)", chart["svg_text"]), where


# --- behaviour in the browser -----------------------------------------------------------------------


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def test_year_end_figures_sit_on_their_own_years_tick(server, page):
    """网贷之家's end-2015 2,595 is drawn on the "2015" tick, not the next year's."""
    page.goto(f"{server}/platforms?lang=en&pl_p=wdzj&pl_f=year&pl_y0=2012&pl_y1=2018")
    page.wait_for_selector(CHART, timeout=45_000)
    layout = page.evaluate("() => document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').layout")
    ticks = dict(zip(layout["xaxis"]["ticktext"], layout["xaxis"]["tickvals"], strict=True))
    assert ticks["2015"].startswith("2015-12-31")


def test_changing_a_filter_updates_the_url_and_the_url_restores_it(server, page, browser):
    page.goto(f"{server}/platforms?lang=en")
    page.wait_for_selector(CHART, timeout=45_000)
    page.get_by_text("Log scale").click()
    page.wait_for_url(re.compile(r"pl_log=true"), timeout=15_000)
    link = page.url
    assert "lang=en" in link

    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(link)
    other.wait_for_selector(CHART, timeout=45_000)
    assert other.get_by_role("switch", name="Log scale").is_checked()
    layout_log = other.evaluate(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').layout.yaxis.type"
    )
    assert layout_log == "log"
    # The chart's copy-link action offers the same link.
    other.get_by_role("button", name="Copy link").first.click()
    assert "pl_log=true" in other.locator('[data-testid="stPopoverBody"] code').first.inner_text()
    other.context.close()


def test_time_range_is_in_the_url_and_limits_the_chart(server, page):
    page.goto(f"{server}/platforms?lang=en&pl_y0=2014&pl_y1=2016")
    page.wait_for_selector(CHART, timeout=45_000)
    xs = page.evaluate(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').data.flatMap(t => t.x || [])"
    )
    years = {int(str(x)[:4]) for x in xs}
    assert years and min(years) >= 2014 and max(years) <= 2016


def test_csv_download_opens_with_defaults_and_holds_sources(server, page, tmp_path):
    page.goto(f"{server}/platforms?lang=en&pl_p=wdzj&pl_f=year")
    page.wait_for_selector(CHART, timeout=45_000)
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download CSV").click()
    raw = download_info.value.path().read_bytes()
    assert raw.startswith("\ufeff".encode())
    frame = pl.read_csv(io.BytesIO(raw))  # polars' defaults: the header row comes first
    assert frame.columns[0].lstrip("\ufeff") == "series" and "source_url" in frame.columns
    row = frame.filter(pl.col("period_label").cast(pl.String) == "2014").row(0, named=True)
    assert row["value"] == 1575 and row["publisher_id"] == "wdzj" and row["source_url"].startswith("http")
    assert row["unit"] == "platforms" and row["excerpt"]


def test_table_tab_shows_one_row_per_period(server, page):
    page.goto(f"{server}/platforms?lang=en&pl_p=wdzj&pl_f=year")
    page.wait_for_selector(CHART, timeout=45_000)
    page.get_by_role("tab", name="Table").first.click()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=15_000)
    assert grid.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    full_screenshot(page, ARTIFACTS / "platforms-table-en.png")


@pytest.mark.parametrize("path", ["sources", "sql"])
def test_table_pages_render_without_a_traceback(server, page, path):
    page.goto(f"{server}/{path}?lang=zh")
    page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stExpander"]', timeout=45_000)
    assert "Traceback" not in page.content()


def test_the_database_file_downloads_and_opens(server, page, tmp_path, bundled_db):
    """Researchers can take the whole DuckDB file away and open it read-only."""
    import duckdb

    page.goto(f"{server}/sql?lang=en")
    button = page.get_by_role("button", name=re.compile("Download the whole database"))
    button.wait_for(timeout=45_000)
    with page.expect_download(timeout=60_000) as download_info:
        button.click()
    assert download_info.value.suggested_filename.startswith("lendscope-")
    path = tmp_path / "lendscope.duckdb"
    download_info.value.save_as(path)
    assert path.read_bytes() == bundled_db.read_bytes()
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM observations").fetchall()[0][0] > 1000


@pytest.mark.parametrize(
    ("path", "lang", "width"), [("claims", "en", 1440), ("platforms", "zh", 1280), ("claims", "zh", 390)]
)
def test_a_hostile_link_shows_its_values_as_text(server, browser, path, lang, width):
    """Issue 16: a value closing the notice's code span made a clickable link and a fetched image."""
    from urllib.parse import quote, urlparse

    ARTIFACTS.mkdir(exist_ok=True)
    payload = "` [Session expired](http://evil.example/login) ![](http://evil.example/pixel.png)"
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        fetched = []
        page.on("request", lambda r: fetched.append(r.url) if urlparse(r.url).hostname == "evil.example" else None)
        page.goto(f"{server}/{path}?lang={lang}&pl_p={quote(payload)}&cf_n={'1' * 5000}&cf_y=abc")
        page.wait_for_selector('[data-testid="stAlert"]', timeout=45_000)
        page.wait_for_timeout(1500)
        assert page.locator('a[href*="evil.example"]').count() == 0
        assert page.locator('img[src*="evil.example"]').count() == 0 and fetched == []
        alerts = " ".join(page.locator('[data-testid="stAlert"]').all_text_contents())
        if path == "platforms":
            assert "[Session expired](http://evil.example/login)" in alerts  # shown, literally
        else:
            assert "cf_n" in alerts and "5,000" in alerts and "cf_y=abc" in alerts
        page.locator('[data-testid="stAlert"]').last.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"hostile-link-{path}-{lang}-{width}.png"))
    finally:
        context.close()
