"""SQL console: overhead of process isolation against raw DuckDB, time-limit accuracy, and every
runaway class against the live server (websocket client), measuring how soon it is stopped, the
server process's memory during the attack, and how another session is served meanwhile.

python -m bench.bench_console --db data/lending.duckdb [--repeat 7] [--no-live]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.common import ROOT, median
from etl.database import connect_read_only
from etl.isolation import WorkerPool
from etl.named_queries import load_all
from etl.sandbox import Limits, QueryError

RUNAWAY = "SELECT max(hash(x)) FROM range(1000000000000) t(x)"
PLANNING_CPU = "SELECT list_sum(list_transform(range(60000000), lambda x: hash(x) % 7))"

# Each runaway class of issue 18, as a visitor would send it to the live server (default limits:
# 5 s, 1 GB). Planning-time ones ignore DuckDB's interrupt() and memory_limit.
ATTACKS = {
    "execution-time runaway": RUNAWAY,
    "planning-time CPU (folded lambda over a constant range)": PLANNING_CPU,
    "planning-time memory (8 GB constant list)": "SELECT len(range(1000000000))",
    "planning-time sort of a constant list": (
        "SELECT len(list_sort(list_transform(range(10000000), lambda x: hash(x))))"
    ),
    "1.3 MB SQL text": "SELECT " + "+".join(["1"] * 650_000),
}


def overhead(db: str, repeat: int) -> dict:
    """The console as a user gets it (worker pool: statement check on the parse tree, IPC, Arrow,
    polars) against DuckDB itself with the same engine settings, fetching the same first 10,001 rows
    into polars, on every named query with its default parameters.

    Two runs of each: the same text again (a rerun, another parameter value: the worker's parse of
    the text is cached) and a first run of a text (a comment makes each text new to both sides, so
    the console pays its statement check every time). Per query the median of the repeats on each
    side; best_ratio compares the fastest repeats."""
    queries = {name: (q.sql, q.bind()) for name, q in load_all().items()}
    # The workers' settings, to the letter, on a copy of the file: a process that already holds the
    # database open with other settings (make bench's page benchmarks) could not open it again.
    copy_dir = tempfile.TemporaryDirectory(prefix="bench-console-")
    raw_path = Path(copy_dir.name) / Path(db).name
    shutil.copyfile(db, raw_path)
    raw = connect_read_only(raw_path, temp_directory="")
    pool = WorkerPool(db, Limits(display_rows=10_000), size=2)
    rows = []
    fresh = itertools.count()

    def ours(sql, params):
        return pool.run(sql, params)

    def theirs(sql, params):
        return raw.sql(sql, params=params).limit(10_001).pl()

    try:
        for name, (sql, params) in queries.items():
            for _ in range(pool.size):  # every worker has run it once, as has DuckDB
                ours(sql, params)
            theirs(sql, params)
            times: dict[str, list[float]] = {"console": [], "raw": [], "console_first": [], "raw_first": []}
            for _ in range(repeat):  # interleaved, so a busy moment of the machine hits both alike
                text = f"{sql}\n-- run {next(fresh)}"
                for key, fn, query in (("console", ours, sql), ("raw", theirs, sql),
                                       ("console_first", ours, text), ("raw_first", theirs, text)):  # fmt: skip
                    t0 = time.perf_counter()
                    fn(query, params)
                    times[key].append(time.perf_counter() - t0)
            m = {k: median(v) for k, v in times.items()}
            rows.append(
                {"query": name, "console_ms": round(1000 * m["console"], 2), "raw_ms": round(1000 * m["raw"], 2),
                 "ratio": round(m["console"] / m["raw"], 2),
                 "first_run_ratio": round(m["console_first"] / m["raw_first"], 2),
                 "best_ratio": round(min(times["console"]) / min(times["raw"]), 2)}
            )  # fmt: skip
        accuracy = []
        for limit in (0.5, 1.0, 2.0):
            timed_pool = WorkerPool(db, Limits(timeout_seconds=limit), size=1)
            timed_pool.run("SELECT 1")
            for sql, label in ((RUNAWAY, "execution"), (PLANNING_CPU, "planning")):
                t0 = time.perf_counter()
                with contextlib.suppress(QueryError):
                    timed_pool.run(sql)
                accuracy.append(
                    {"limit_s": limit, "kind": label, "stopped_after_s": round(time.perf_counter() - t0, 3)}
                )
                timed_pool.run("SELECT 1")  # the replacement is up
            timed_pool.close()
    finally:
        pool.close()
        raw.close()
        copy_dir.cleanup()
    ratio = median([r["ratio"] for r in rows])
    # Where the fixed cost of a round trip weighs least: the slower half of the queries.
    slow_half = sorted(rows, key=lambda r: r["raw_ms"])[len(rows) // 2 :]
    return {
        "queries": rows,
        "median_ratio": round(ratio, 3),
        "median_first_run_ratio": round(median([r["first_run_ratio"] for r in rows]), 3),
        "median_ratio_slower_half": round(median([r["ratio"] for r in slow_half]), 3),
        # Best of the repeats on each side: what is left when the machine's other work is taken out
        # (on a shared machine every wake-up of a worker or of the server can wait for a core).
        "median_best_ratio": round(median([r["best_ratio"] for r in rows]), 3),
        "median_overhead_ms": round(median([r["console_ms"] - r["raw_ms"] for r in rows]), 2),
        "target_median_ratio_1_2": "ok" if ratio <= 1.2 else "MISSED",
        "load_average": os.getloadavg(),
        "time_limit": accuracy,
    }


def _rss_mb(pid: int) -> float:
    """The server process alone (its query workers are separate processes with their own caps)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _attack(port: int, pid: int, name: str, sql: str) -> dict:
    from bench.st_client import StreamlitSession

    async with StreamlitSession(port, timeout=120) as other, StreamlitSession(port, timeout=120) as attacker:
        await other.run("platforms", "lang=en")
        before = [(await other.run("platforms", "lang=en")).elapsed for _ in range(5)]
        # The same session first runs a trivial query: what the page costs without the attack.
        plain = len(sql) > 500_000  # typed into the text box: Streamlit drops a query string that long
        await attacker.run("sql", urlencode({"lang": "en", "sql": "SELECT 1", **({"plain": "true"} if plain else {})}))
        page_cost = min([(await attacker.run("sql", urlencode({"lang": "en", "sql": f"SELECT {i}"}
                                                              | ({"plain": "true"} if plain else {})))).elapsed
                         for i in range(2, 5)])  # fmt: skip
        if plain:
            run = attacker.set_widgets({"sql": sql})
        else:
            run = attacker.run("sql", urlencode({"lang": "en", "sql": sql}))
        base = _rss_mb(pid)
        peak = base
        during: list[float] = []
        task = asyncio.ensure_future(run)
        while not task.done():
            peak = max(peak, _rss_mb(pid))
            t0 = time.perf_counter()
            await other.run("platforms", "lang=en")
            during.append(time.perf_counter() - t0)
            peak = max(peak, _rss_mb(pid))
        result = await task
    return {
        "attack": name,
        "page_run_s": round(result.elapsed, 2),
        "page_without_query_s": round(page_cost, 2),
        "stopped_after_s": round(result.elapsed - page_cost, 2),
        "message": next((t for t in result.texts if t.startswith("The query")), "?"),
        "server_rss_growth_mb": round(peak - base, 1),
        "other_session_before_ms": round(1000 * median(before)),
        "other_session_during_ms": round(1000 * median(during)) if during else None,
        "other_session_runs_during": len(during),
    }


def _serve(db: str) -> tuple[subprocess.Popen, int]:
    """The dashboard as `make run` starts it, in a session of its own, once healthy."""
    import requests

    from tests.conftest import free_port

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true", "--server.port",
         str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "LENDSCOPE_DB": db}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=5).ok:
                return process, port
        time.sleep(0.3)
    raise RuntimeError("the dashboard did not become healthy in 120 s")


def live(db: str) -> list[dict]:
    process, port = _serve(db)
    try:
        rows = []
        for name, sql in ATTACKS.items():
            row = asyncio.run(_attack(port, process.pid, name, sql))
            row["target_limit_plus_1s"] = "ok" if row["stopped_after_s"] <= Limits().timeout_seconds + 1 else "MISSED"
            row["target_rss_300mb"] = "ok" if row["server_rss_growth_mb"] <= 300 else "MISSED"
            rows.append(row)
        return rows
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # serve() starts it in a session of its own
        process.wait(timeout=30)


def main(db: str, repeat: int, with_live: bool = True) -> dict:
    result = overhead(db, repeat)
    result["attacks"] = live(db) if with_live else []
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="data/lending.duckdb")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-live", action="store_true", help="skip the attacks on a live server")
    args = parser.parse_args()
    print(json.dumps(main(str(Path(args.db).resolve()), args.repeat, not args.no_live), indent=2, ensure_ascii=False))
