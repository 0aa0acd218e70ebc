"""The dashboard in a real headless Chromium (Debian's, driven by Playwright).

Each page renders; a filter change rewrites the URL; reopening the URL restores the view; the CSV
download holds the data and its source lines. Screenshots go to test-artifacts/.

Where no Chromium is installed these tests skip, unless LENDSCOPE_REQUIRE_BROWSER=1 (set by .ci/run),
which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
import requests

from etl.paths import ROOT
from tests.conftest import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

if not os.path.exists(CHROMIUM):
    if os.environ.get("LENDSCOPE_REQUIRE_BROWSER") == "1":
        raise RuntimeError("LENDSCOPE_REQUIRE_BROWSER=1 but no Chromium: apt-get install chromium")
    pytest.skip("no Chromium on this machine (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(bundled_db):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "LENDSCOPE_DB": str(bundled_db)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/_stcore/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


CHART_PAGES = ["", "platforms", "volume", "lenders", "regulation", "collection", "claims"]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_page_renders_its_chart(server, page, path):
    page.goto(f"{server}/{path}?lang=en")
    page.wait_for_selector(CHART, timeout=45_000)
    assert "Traceback" not in page.content()
    shot(page, path or "overview")


@pytest.mark.parametrize("path", ["sources", "sql"])
def test_table_pages_render(server, page, path):
    page.goto(f"{server}/{path}?lang=zh")
    page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stExpander"]', timeout=45_000)
    shot(page, path)


def test_platforms_chart_names_its_publishers_and_unit(server, page):
    page.goto(f"{server}/platforms?lang=zh&pl_f=year")
    page.wait_for_selector(CHART, timeout=45_000)
    svg_text = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first.text_content()
    assert "正常运营P2P网贷平台数" in svg_text and "单位: 家" in svg_text and "网贷之家" in svg_text


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
    switch = other.get_by_role("switch", name="Log scale")
    assert switch.is_checked()
    layout_log = other.evaluate(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').layout.yaxis.type"
    )
    assert layout_log == "log"
    shot(other, "platforms-restored-from-link")
    other.context.close()


def test_csv_download_holds_data_and_source_lines(server, page, tmp_path):
    page.goto(f"{server}/platforms?lang=en&pl_p=wdzj&pl_f=year")
    page.wait_for_selector(CHART, timeout=45_000)
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download CSV").click()
    path = tmp_path / "download.csv"
    download_info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert "# Source: Wangdaizhijia" in text and "# Unit: 家" in text and "# Citation: Lendscope" in text
    assert "pl_p=wdzj" in text  # the citation carries the permalink
    assert ",2014,2014-12-31,CN,wdzj," in text and "1575.0" in text


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
