"""A live dashboard in a real headless Chromium, shared by the browser tests and `make screenshots`.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright (never `playwright install`). When it
or Playwright is missing, `require_browser()` says what to install; the tests fail with that message
rather than skip (set LENDSCOPE_SKIP_BROWSER=1 to skip them on purpose).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time

import requests

from etl.paths import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
VIEWPORTS = {"1440": (1440, 900), "1280": (1280, 800), "390": (390, 844)}
# Pages with charts, and the tabs whose charts are only laid out once the tab is open.
CHART_PAGES = {
    "overview": ("", []),
    "platforms": ("platforms", []),
    "volume": ("volume", []),
    "lenders": ("lenders", [1, 2, 3]),
    "regulation": ("regulation", []),
    "collection": ("collection", []),
    "claims": ("claims", []),
}
INSTALL_HINT = (
    "browser tests need Debian's Chromium and Playwright: `apt-get install -y chromium fonts-noto-cjk` "
    "(as root) and `make install-dev` (pip playwright; never `playwright install`). "
    "Set LENDSCOPE_SKIP_BROWSER=1 to skip them on purpose."
)


def missing_browser() -> str | None:
    """Why browser tests cannot run here, or None."""
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM}: {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright is not installed: {INSTALL_HINT}"
    return None


@contextlib.contextmanager
def streamlit_server(db_path, port: int):
    """`streamlit run dashboard.py` on a free port against a database; yields its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "LENDSCOPE_DB": str(db_path)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/_stcore/health", timeout=2).ok:
                    break
            except requests.RequestException:  # not listening yet, or too busy starting to answer
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Every figure block on the page (ui.figure_block wraps each in a container keyed "figure-…"): its
# text, and for its chart the figure (.main-svg) and plot area (plotly's drag layer .nsewdrag).
MEASURE_JS = """
() => {
 // Material icons are ligatures ("expand_more"): their names are not text a reader sees.
 const visibleText = el => {
   const clone = el.cloneNode(true);
   clone.querySelectorAll('[data-testid="stIconMaterial"], .material-symbols-rounded').forEach(i => i.remove());
   document.body.appendChild(clone);
   const text = clone.innerText;
   clone.remove();
   return text;
 };
 return [...document.querySelectorAll('[class*="st-key-figure-"]')].filter(b => b.offsetParent !== null).map(b => {
  const key = [...b.classList].find(c => c.startsWith('st-key-figure-')).slice('st-key-figure-'.length);
  const plot = b.querySelector('.js-plotly-plot');
  let chart = null;
  if (plot && plot.offsetParent !== null) {
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    const drags = [...plot.querySelectorAll('.nsewdrag')].map(d => d.getBoundingClientRect());
    // A map has no drag layer: its plot area is the geo subplot's background.
    const geo = plot.querySelector('.geolayer .bg') || plot.querySelector('.geolayer');
    const area = drags.sort((a, b) => b.width * b.height - a.width * a.height)[0]
      || (geo ? geo.getBoundingClientRect() : null);
    chart = {fig_w: svg.width, fig_h: svg.height, plot_w: area ? area.width : 0, plot_h: area ? area.height : 0,
             svg_text: [...plot.querySelectorAll('.main-svg text')].map(t => t.textContent).join(' | ')};
  }
  const text = el => { const e = b.querySelector(el); return e ? e.innerText : ''; };
  return {key, chart, title: text('.ls-title'), subtitle: text('.ls-subtitle'), source: text('.ls-source'),
          cite: text('.ls-cite'), text: visibleText(b),
          downloads: [...b.querySelectorAll('[data-testid="stDownloadButton"] button')].map(x => x.innerText),
          // Labels cut to an ellipsis: any element inside a button whose text is wider than its box.
          clipped: [...b.querySelectorAll('[data-testid="stDownloadButton"] button, [data-testid="stPopover"] button')]
            .filter(x => [x, ...x.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
            .map(x => x.innerText),
          copy_link: !!b.querySelector('[data-testid="stPopover"] button')};
});
}
"""


def wait_for_charts(page, timeout: float = 60_000) -> None:
    page.wait_for_selector(CHART, timeout=timeout)
    page.wait_for_load_state("networkidle")
    settle(page)


def measure(page) -> list[dict]:
    return page.evaluate(MEASURE_JS)


# Every visible chart laid out at its container's width (plotly relayouts after a resize or a tab opens).
SETTLED_JS = """
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
  .filter(p => p.offsetParent !== null)
  .every(p => { const s = p.querySelector('.main-svg'); const w = p.getBoundingClientRect().width;
                return s && w > 0 && Math.abs(s.getBoundingClientRect().width - w) < 3; })
"""


def settle(page) -> None:
    page.wait_for_function(SETTLED_JS, timeout=15_000)
    page.wait_for_timeout(250)


# The page's tabs run lazily: a click reruns the script, which fills the opened tab's panel. Opened =
# the script has finished and the panel the tab controls holds elements (its old content is gone).
TAB_FILLED_JS = """
id => { const panel = document.getElementById(id);
        const state = document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state');
        return state === 'notRunning' && panel && panel.querySelector('[data-testid="stElementContainer"]'); }
"""


def open_tab(page, index: int) -> None:
    tab = page.locator('[data-testid="stMain"] [role="tablist"]').first.locator('[data-testid="stTab"]').nth(index)
    tab.click()
    page.wait_for_function(TAB_FILLED_JS, arg=tab.get_attribute("aria-controls"), timeout=60_000)
    page.wait_for_timeout(200)
    settle(page)


def resize(page, viewport: str) -> None:
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(200)
    settle(page)


def full_screenshot(page, path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to its height."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll(SCROLLERS)].map(e => e.scrollHeight))".replace(
            "SCROLLERS", repr('[data-testid="stMain"], [data-testid="stAppViewContainer"]')
        )
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 16_000)})
    page.wait_for_timeout(700)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    page.wait_for_timeout(400)
