"""The SQL console in a real headless Chromium: a query typed into the editor runs on Ctrl+Enter,
its `$param` becomes a field, and each download holds the result (asserted on the bytes).

Shares the server and browser fixtures of tests/test_browser.py (skips the same way without Chromium).
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from etl.database import connect_read_only
from tests.test_browser import ARTIFACTS, browser, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

QUERY = "SELECT series_id, count(*) AS n FROM observations WHERE region = $region GROUP BY 1 ORDER BY 2 DESC, 1"


def expected(bundled_db) -> list[tuple[str, int]]:

    with connect_read_only(bundled_db) as con:
        return con.sql(QUERY.replace("$region", "'CN'")).fetchall()


def download(browser_page, name: str) -> tuple[str, bytes]:
    with browser_page.expect_download(timeout=30_000) as info:
        browser_page.get_by_role("button", name=name).click()
    path = info.value.path()
    return info.value.suggested_filename, open(path, "rb").read()


def test_editor_runs_on_ctrl_enter_fills_a_param_and_downloads_each_format(server, page, bundled_db):  # noqa: F811
    import pyarrow.parquet as pq

    page.goto(f"{server}/sql?lang=en")
    editor = page.wait_for_selector('iframe[title*="code_editor"]', timeout=45_000).content_frame()
    editor.wait_for_selector(".ace_editor", timeout=20_000)
    editor.click(".ace_content")
    page.keyboard.type(QUERY)
    page.keyboard.press("Escape")  # close the completion popup, if open
    page.keyboard.press("Control+Enter")

    field = page.get_by_role("textbox", name="$region")
    field.wait_for(timeout=20_000)
    assert page.get_by_text("Fill in $region to run the query.").is_visible()
    field.fill("CN")
    field.press("Enter")
    page.get_by_text(re.compile(r"^\d+ rows in ")).wait_for(timeout=20_000)
    page.wait_for_url(re.compile(r"p_region=CN"), timeout=10_000)
    assert "sql=SELECT" in page.url
    rows = expected(bundled_db)
    assert page.get_by_text(f"{len(rows)} rows in ").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sql-editor-run.png"))

    name, content = download(page, "ZIP (CSV + README)")
    assert name.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    lines = archive.read("query.csv").decode("utf-8-sig").splitlines()
    assert lines[0] == "series_id,n" and lines[1] == f"{rows[0][0]},{rows[0][1]}" and len(lines) == len(rows) + 1
    readme = archive.read("README.md").decode()
    assert QUERY in readme and "region = 'CN'" in readme and "Complete:" in readme
    assert "Database build: " in readme and "Citation: Lendscope" in readme

    name, content = download(page, "Parquet")
    assert name.endswith(".parquet") and content[:4] == b"PAR1"
    table = pq.read_table(io.BytesIO(content))
    assert [tuple(r.values()) for r in table.to_pylist()] == rows
    facts = pq.ParquetFile(io.BytesIO(content)).metadata.metadata
    assert json.loads(facts[b"lendscope.sql"]) == QUERY and json.loads(facts[b"lendscope.truncated"]) is False

    name, content = download(page, "JSON")
    document = json.loads(content)
    assert document["sql"] == QUERY and document["params"] == {"region": "CN"} and document["truncated"] is False
    assert [(r["series_id"], r["n"]) for r in document["data"]] == rows


def test_a_link_from_the_history_reopens_a_query(server, page):  # noqa: F811
    page.goto(f"{server}/sql?lang=en&sql=SELECT%2042%20AS%20answer")
    page.get_by_text("1 rows in ").wait_for(timeout=45_000)
    editor = page.wait_for_selector('iframe[title*="code_editor"]', timeout=45_000).content_frame()
    editor.click(".ace_content")
    page.keyboard.press("Control+A")
    page.keyboard.type("SELECT 7 AS seven")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(re.compile(r"sql=SELECT\+7"), timeout=15_000)
    page.get_by_role("tab", name="History").click()
    # The URL changes before the rerun it starts is drawn: a link clicked while Streamlit redraws the
    # side column can be replaced under the click and lost (CI, 372 s run). The history lists
    # SELECT 7 once that rerun is on screen.
    page.get_by_role("link", name=re.compile("SELECT 7 AS seven")).wait_for(timeout=45_000)
    page.get_by_role("link", name=re.compile("SELECT 42 AS answer")).click()
    page.wait_for_url(re.compile(r"sql=SELECT\+42"), timeout=15_000)
    # The editor holds the query again (a new editor instance: look it up afresh).
    page.wait_for_function(
        """() => [...document.querySelectorAll('iframe[title*="code_editor"]')].some(f =>
             (f.contentDocument?.querySelector('.ace_content')?.textContent || '').includes('SELECT 42 AS answer'))""",
        timeout=15_000,
    )


LONG_QUERY = (
    "SELECT o.series_id, o.period_label, o.region, o.value, o.unit, p.name_en AS publisher\n"
    "FROM observations o JOIN publishers p USING (publisher_id)\n"
    "WHERE o.series_id = 'p2p_platforms_operating' AND o.region = 'CN'\n"
    "ORDER BY o.period_end, p.name_en, o.value DESC, o.unit, o.region, o.period_label"
)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_run_button_never_covers_the_sql(server, page, width):  # noqa: F811
    """The editor's floating Run button sits below the last line of SQL, not over it (at 390 px the
    wrapped last line ran under it)."""
    from urllib.parse import quote

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/sql?lang=en&sql={quote(LONG_QUERY)}")
    frame = page.wait_for_selector('iframe[title*="code_editor"]', timeout=45_000).content_frame()
    frame.wait_for_function("() => document.querySelector('.ace_content')?.textContent.includes('ORDER BY')")
    boxes = frame.evaluate(
        """() => {
            const lines = [...document.querySelectorAll('.ace_text-layer .ace_line')].filter(l => l.textContent.trim());
            const last = lines[lines.length - 1].getBoundingClientRect();
            const button = [...document.querySelectorAll('button')].find(b => b.textContent.includes('Run'));
            const b = button.getBoundingClientRect();
            return {line_bottom: last.bottom, button_top: b.top, button_bottom: b.bottom};
        }"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"sql-run-button-{width}.png"))
    assert boxes["button_top"] >= boxes["line_bottom"] - 1, boxes
