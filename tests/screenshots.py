"""`make screenshots`: every page in both languages at 1440, 1280 and 390 px wide, in test-artifacts/.

    python -m tests.screenshots [--db data/lending.duckdb] [--pages overview,platforms]

Each page is loaded once per language and resized through the three viewports (as a reader turning a
tablet would), tabs opened in turn; it prints each chart's plot-area fraction as it goes.
"""

from __future__ import annotations

import argparse
import sys

from etl.paths import resolve_db_path
from tests.browser_support import (
    ARTIFACTS,
    CHART_PAGES,
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

EXTRA_PAGES = {"check": "check", "sources": "sources", "sql": "sql"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("--pages", default=",".join([*CHART_PAGES, *EXTRA_PAGES]))
    args = parser.parse_args(argv)
    problem = missing_browser()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    wanted = args.pages.split(",")
    with streamlit_server(resolve_db_path(args.db), free_port()) as base, chromium() as browser:
        for name in wanted:
            path, tabs = CHART_PAGES.get(name, (EXTRA_PAGES.get(name, name), []))
            for lang in ("en", "zh"):
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                page = context.new_page()
                page.goto(f"{base}/{path}?lang={lang}")
                if name in CHART_PAGES:
                    wait_for_charts(page)
                elif name == "check":  # the article checker shows its work on its built-in example
                    page.locator(".st-key-chk_example button").click()
                    page.locator('[data-testid="stFormSubmitButton"] button').click()
                    page.wait_for_selector(".lc-text mark", timeout=45_000)
                else:
                    page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stExpander"]', timeout=45_000)
                for viewport in VIEWPORTS:
                    resize(page, viewport)
                    for tab in [None, *tabs]:
                        if tab is not None:
                            open_tab(page, tab)
                        suffix = "" if tab is None else f"-tab{tab}"
                        full_screenshot(page, ARTIFACTS / f"{name}{suffix}-{lang}-{viewport}.png")
                        for block in measure(page):
                            chart = block["chart"]
                            if chart:
                                w, h = chart["plot_w"] / chart["fig_w"], chart["plot_h"] / chart["fig_h"]
                                print(f"{name}{suffix} {lang} {viewport} {block['key']}: plot {w:.0%} × {h:.0%} "
                                      f"({chart['plot_w']:.0f}×{chart['plot_h']:.0f} px of "
                                      f"{chart['fig_w']:.0f}×{chart['fig_h']:.0f})")  # fmt: skip
                    if tabs:
                        open_tab(page, 0)
                context.close()
    print(f"screenshots in {ARTIFACTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
