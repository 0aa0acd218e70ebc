"""Render time of each page, two ways, each against an empty Streamlit script and a one-chart page
measured in the same run:

* AppTest (`main`): cold (first run in a fresh AppTest) and warm (a rerun), in this process. AppTest
  skips Streamlit's post-rerun GC and the network, so it understates the live cost.
* Over the websocket (`websocket`): a live server (the launcher, as `make run`), one session, the
  load test's mix per page (reloads and filter changes, bench/load.py's CHANGES); wall time at the
  client from rerun request to script finished, and the server process's CPU per interaction
  (utime + stime from /proc/<pid>/stat over a batch of interactions). Run against stock
  `streamlit run`, post-script GC off only, and both tunings, so each change is measured.

    python bench/bench_pages.py --db data/lending.duckdb [--repeat 5] [--websocket]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import load
from bench.common import ROOT, median
from bench.st_client import StreamlitSession

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


# ---- over the websocket, against a live server -------------------------------------------------

SERVERS = {  # label -> load.Server options
    "stock streamlit run": {"lean": False},
    "post-script GC off": {"lean": False, "post_script_gc": False},
    "GC off + TCP_NODELAY (make run)": {"lean": True},
}
CPU_TARGET_MS = 50


async def _page_costs(server: load.Server, page: str | None, rounds: int, batch: int) -> dict:
    """One session on one page: `rounds` batches of `batch` interactions (reloads alternating with
    the load test's filter changes). Wall time per interaction; server CPU per interaction per batch."""
    query = "&".join(q for q in ("lang=en", load.PAGE_QUERY.get(page or "", "")) if q)
    elapsed, cpu = [], []
    async with StreamlitSession(server.port, load.HOST, timeout=60) as session:
        first = await session.run(page or "", query)
        if not first.ok:
            raise RuntimeError(f"{page}: {first.status} {first.exceptions}")
        for n in range(rounds):
            cpu0 = server.cpu_seconds()
            for i in range(batch):
                change = load.choose_change(session, page, n * batch + i) if page and i % 2 else None
                result = await (session.set_widgets(dict([change])) if change else session.run(None))
                if not result.ok:
                    raise RuntimeError(f"{page}: {result.status} {result.exceptions}")
                elapsed.append(result.elapsed)
            cpu.append((server.cpu_seconds() - cpu0) / batch)
    return {"wall_ms": round(1000 * median(elapsed), 1), "server_cpu_ms": round(1000 * median(cpu), 1)}


def websocket(db: str, rounds: int = 3, batch: int = 8, pages: list[str] = PAGES) -> list[dict]:
    """Per server configuration: the empty and one-chart baselines, then every page."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, options in SERVERS.items():
            targets = [("baseline: empty script", "bench/empty_app.py", None),
                       ("baseline: one-chart page", "bench/baseline_app.py", None),
                       *((page, "dashboard.py", page) for page in pages)]  # fmt: skip
            for script in ("bench/empty_app.py", "bench/baseline_app.py", "dashboard.py"):
                server = load.Server(Path(db), load.free_port(), Path(tmp) / "server.log", script=script, **options)
                try:
                    server.start()
                    if script == "dashboard.py":  # cold first runs (imports) are not what is measured
                        plan = load.Plan(port=server.port, levels=[1], seconds=0, ramp_seconds=0, think=0, timeout=60)
                        asyncio.run(load.warmup(load.Run(plan), pages=pages))
                    for name, entry, page in targets:
                        if entry == script:
                            costs = asyncio.run(_page_costs(server, page, rounds, batch))
                            rows.append({"server": label, "page": name, **costs})
                finally:
                    server.stop()
    for row in rows:
        base = next(r for r in rows if r["server"] == row["server"] and r["page"] == "baseline: one-chart page")
        stock = next((r for r in rows if r["server"] == "stock streamlit run" and r["page"] == row["page"]), None)
        base_cpu = base["server_cpu_ms"]
        row["cpu_vs_one_chart"] = round(row["server_cpu_ms"] / base_cpu, 1) if base_cpu else ""
        row["wall_vs_stock"] = round(row["wall_ms"] / stock["wall_ms"], 2) if stock and stock["wall_ms"] else ""
        row["cpu_vs_stock"] = (
            round(row["server_cpu_ms"] / stock["server_cpu_ms"], 2) if stock and stock["server_cpu_ms"] else ""
        )
        if not row["page"].startswith("baseline"):
            row["cpu_target_50ms"] = "ok" if row["server_cpu_ms"] <= CPU_TARGET_MS else "MISSED"
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "data" / "lending.duckdb"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--websocket", action="store_true", help="over the websocket against live servers instead")
    args = parser.parse_args()
    result = websocket(args.db, args.repeat) if args.websocket else main(args.db, args.repeat)
    print(json.dumps(result, indent=2))
