"""Server-side render time of each page, cold (first run in a fresh AppTest) and warm (a rerun),
against an empty Streamlit script and a one-chart page measured in the same run.

    python bench/bench_pages.py --db data/lending.duckdb [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import time

from streamlit.testing.v1 import AppTest

from bench.common import ROOT, median

PAGES = ["overview", "platforms", "volume", "lenders", "regulation", "collection", "claims", "sources", "sql"]


def measure(entry: str, page: str | None, repeat: int) -> tuple[float, float]:
    colds, warms = [], []
    for _ in range(repeat):
        at = AppTest.from_file(entry, default_timeout=120)
        at.query_params["lang"] = "en"
        t0 = time.perf_counter()
        at.run()
        if page and page != "overview":
            at.switch_page(f"app/pages/{page}.py")
            t0 = time.perf_counter()  # the page's own first run (imports already paid by the entry)
            at.run()
        colds.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
        for _ in range(3):
            t1 = time.perf_counter()
            at.run()
            warms.append(time.perf_counter() - t1)
    return median(colds), median(warms)


def main(db: str, repeat: int) -> list[dict]:
    os.environ["LENDSCOPE_DB"] = db
    rows = []
    for name, entry, page in (
        ("baseline: empty script", str(ROOT / "bench" / "empty_app.py"), None),
        ("baseline: one-chart page", str(ROOT / "bench" / "baseline_app.py"), None),
    ):
        cold, warm = measure(entry, page, repeat)
        rows.append({"page": name, "cold_s": round(cold, 3), "warm_s": round(warm, 3)})
    empty_warm = rows[0]["warm_s"]
    chart_warm = rows[1]["warm_s"]
    for page in PAGES:
        cold, warm = measure(str(ROOT / "dashboard.py"), page, repeat)
        rows.append(
            {
                "page": page, "cold_s": round(cold, 3), "warm_s": round(warm, 3),
                "warm_vs_empty": round(warm / empty_warm, 1), "warm_vs_one_chart": round(warm / chart_warm, 1),
                "warm_target_150ms": "ok" if warm <= 0.150 else "MISSED",
            }
        )  # fmt: skip
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "data" / "lending.duckdb"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(main(args.db, args.repeat), indent=2))
