"""make bench: run every benchmark and write one results table (bench/results.md).

Each figure is a median over repeated runs, with a ratio to a baseline measured in the same run.
Runs on loopback only; the load test starts and stops its own server.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import bench_browser, bench_build, bench_console, bench_large, bench_pages
from bench.common import ROOT, git_head, machine, table
from etl.build import build


def load_test(sessions: int, seconds: int, out: Path) -> dict | None:
    script = ROOT / "bench" / "load.py"
    if not script.exists():
        return None
    command = [sys.executable, str(script), "--sessions", str(sessions), "--seconds", str(seconds), "--swap",
               "--json", str(out)]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=False, timeout=seconds * 10 + 300)
    return json.loads(out.read_text()) if out.exists() else None


def load_section(load: dict, args) -> str:
    """The load test's summary as tables (the full JSON is written by bench/load.py --json)."""
    levels = [
        {"sessions": n, "interactions": v["interactions"], "per_second": v["per_second"], "p50_s": v["p50"],
         "p95_s": v["p95"], "errors": v["errors"], "server_rss_mb": v["rss_mb"]}
        for n, v in sorted(load["levels"].items(), key=lambda kv: int(kv[0]))
    ]  # fmt: skip
    latency, rss, swap, targets = load["latency"], load["rss_mb"], load["swap"], load["targets"]
    swap_row = {k: swap.get(k) for k in ("ok", "sessions", "sessions_seeing_new_build_in_one_interaction",
                                          "interactions_during_swap", "failed_renders_during_swap",
                                          "failed_renders_after_swap", "stale_build_after_swap")}  # fmt: skip
    return "\n".join(
        [
            "## Load, memory and a database swap while serving",
            f"`python bench/load.py --sessions {args.sessions} --seconds {args.seconds} --swap` — Streamlit "
            "websocket clients (bench/st_client.py) on loopback, each cycling pages and changing filters with a "
            f"{load['config']['think']} s think time; latency is server-side, from rerun request to script finished; "
            "the database file is rebuilt and swapped midway.",
            "",
            table(levels, list(levels[0])),
            "",
            f"p95 with {args.sessions} sessions / p95 with 1: **{latency['p95_ratio']}** (target ≤ 2). "
            f"Server RSS: {rss['start']} MB at start, {rss['after_warmup']} MB after warm-up, "
            f"{rss['per_session']} MB per session (target ≤ 30), levels off: {targets['rss_levels_off']}.",
            "",
            "Swap under load:",
            "",
            table([swap_row], list(swap_row)),
            "",
            "Targets: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in targets.items()),
        ]
    )


def main(args) -> str:
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lending.duckdb"
        build(db, log=lambda _: None)
        sections = [f"# Lendscope benchmarks\n\nMachine: {machine()}  \nCommit: {git_head()}  \n"
                    f"Run: `make bench` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"]  # fmt: skip

        result = bench_build.main(args.repeat, 1_000_000)
        sections.append("## ETL build\n`python -m bench.bench_build` — the full build (validate, transform, load, "
                        "claim check, hash, atomic swap) against DuckDB reading the same CSV files bare, in the "
                        "same run; targets: 1e6 rows ≤ 5 × and ≤ 1.5 GB, today's data ≤ 3 ×, 1e6 bad rows ≤ 10 s.\n\n"
                        + table([{"case": k, **v} for k, v in result.items()],
                                ["case", "build_median_s", "bare_read_median_s", "ratio", "peak_rss_mb", "exit",
                                 "repeat"]))  # fmt: skip

        rows = bench_pages.main(str(db), max(2, args.repeat // 2))
        sections.append("## Page render, server side\n`python bench/bench_pages.py` — AppTest, cold (first run) "
                        "and warm (rerun) medians; target warm ≤ 150 ms.\n\n"
                        + table(rows, ["page", "cold_s", "warm_s", "warm_vs_empty", "warm_vs_one_chart",
                                       "warm_target_150ms"]))  # fmt: skip

        if not args.no_browser:
            rows = bench_browser.main(str(db), args.repeat)
            sections.append("## Browser: navigation to chart drawn\n`python bench/bench_browser.py` — headless "
                            "Chromium, new context per visit; target ≤ 1.3 × the one-chart page.\n\n"
                            + table(rows, ["page", "nav_to_chart_s", "ratio", "target_1_3x"]))  # fmt: skip

        result = bench_console.main(str(db), args.repeat)
        sections.append("## SQL console overhead\n`python bench/bench_console.py` — the sandboxed console against "
                        "DuckDB with the same engine settings, on every named query; target median ratio ≤ 1.2.\n\n"
                        + table(result["queries"], ["query", "console_ms", "raw_ms", "ratio"])
                        + f"\n\nMedian ratio: **{result['median_ratio']}** ({result['target_median_ratio_1_2']})\n\n"
                        "Time-limit accuracy (a query that never ends):\n\n"
                        + table(result["time_limit"], ["limit_s", "stopped_after_s"]))  # fmt: skip

        result = bench_large.main(args.rows, 3)
        sections.append(f"## Large data: {result['rows']:,}-row SYNTHETIC loan table\n`python bench/bench_large.py` "
                        "— generated into its own database file (never lending.duckdb); console queries; "
                        "target ≤ 1 s each, peak RSS ≤ 1.5 GB.\n\n"
                        + table(result["queries"], ["query", "median_s", "target_1s"])
                        + f"\n\nGenerated in {result['generate_s']} s; peak RSS {result['peak_rss_mb']} MB "
                        f"({result['target_peak_rss_1_5gb']}); row cap holds: {result['row_cap_holds']}; "
                        f"time limit: {result['time_limit']}")  # fmt: skip

        load = load_test(args.sessions, args.seconds, Path(tmp) / "load.json")
        if load is not None:
            sections.append(load_section(load, args))
    sections.append(f"\nTotal benchmark time: {time.time() - started:.0f} s\n")
    return "\n\n".join(sections)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    args = parser.parse_args()
    report = main(args)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)
