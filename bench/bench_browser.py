"""Browser time from navigation to chart drawn, per page, against a one-chart Streamlit page
served and measured in the same run (Playwright driving Debian's Chromium).

    python bench/bench_browser.py --db data/lending.duckdb [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time

import requests

from bench.common import ROOT, median

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
PAGES = ["", "platforms", "volume", "lenders", "regulation", "collection", "claims"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: str, db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "LENDSCOPE_DB": db}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(f"{base}/_stcore/health", timeout=1).ok:
                break
        except requests.ConnectionError:
            time.sleep(0.2)
    return process, base


def navigation_to_chart(browser, url: str, repeat: int) -> float:
    times = []
    for _ in range(repeat + 1):  # the first visit warms the server and the browser cache
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(CHART, timeout=60_000)
        times.append(time.perf_counter() - t0)
        context.close()
    return median(times[1:])


def main(db: str, repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    app, app_url = serve("dashboard.py", db)
    base, base_url = serve("bench/baseline_app.py", db)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            baseline = navigation_to_chart(browser, base_url, repeat)
            rows = [{"page": "baseline: one-chart page", "nav_to_chart_s": round(baseline, 2), "ratio": 1.0}]
            for path in PAGES:
                seconds = navigation_to_chart(browser, f"{app_url}/{path}?lang=en", repeat)
                ratio = seconds / baseline
                rows.append({"page": path or "overview", "nav_to_chart_s": round(seconds, 2),
                             "ratio": round(ratio, 2), "target_1_3x": "ok" if ratio <= 1.3 else "MISSED"})  # fmt: skip
            browser.close()
    finally:
        for process in (app, base):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "data" / "lending.duckdb"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(main(args.db, args.repeat), indent=2))
