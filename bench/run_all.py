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

from bench import bench_browser, bench_build, bench_check, bench_console, bench_export, bench_large, bench_pages
from bench.common import ROOT, git_head, machine, table
from etl.build import build


def load_test(sessions: int, seconds: int, out: Path, workers: int = 0, stock: bool = False) -> dict | None:
    script = ROOT / "bench" / "load.py"
    command = [sys.executable, str(script), "--sessions", str(sessions), "--seconds", str(seconds), "--swap",
               "--json", str(out), "--workers", str(workers), *(["--stock"] if stock else [])]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=False, timeout=seconds * 10 + 300)
    return json.loads(out.read_text()) if out.exists() else None


def load_section(load: dict, args, title: str, command: str) -> str:
    """The load test's summary as tables (the full JSON is written by bench/load.py --json)."""
    levels = [
        {"sessions": n, "interactions": v["interactions"], "per_second": v["per_second"], "p50_s": v["p50"],
         "p95_s": v["p95"], "errors": v["errors"], "server_cpu_ms_per_interaction": v["server_cpu_ms_per_interaction"],
         "server_cpu_cores": v["server_cpu_cores"], "server_rss_mb": v["rss_mb"]}
        for n, v in sorted(load["levels"].items(), key=lambda kv: int(kv[0]))
    ]  # fmt: skip
    one, top = str(min(map(int, load["levels"]))), str(max(map(int, load["levels"])))
    pages = [
        {"page": page, "p50_s_1": load["levels"][one]["pages"].get(page, {}).get("p50"),
         "p95_s_1": load["levels"][one]["pages"].get(page, {}).get("p95"),
         f"p50_s_{top}": stats["p50"], f"p95_s_{top}": stats["p95"],
         "p95_ratio": load["ratios_to_one_session"]["pages_p95"].get(page)}
        for page, stats in load["levels"][top]["pages"].items()
    ]  # fmt: skip
    rss, swap, targets = load["rss_mb"], load["swap"], load["targets"]
    ratios, sticky, config = load["ratios_to_one_session"], load["stickiness"], load["config"]
    swap_row = {k: swap.get(k) for k in ("ok", "sessions", "sessions_seeing_new_build_in_one_interaction",
                                          "interactions_during_swap", "failed_renders_during_swap",
                                          "failed_renders_after_swap", "stale_build_after_swap")}  # fmt: skip
    return "\n".join(
        [
            f"## {title}",
            f"`{command}` — {config['served_by']}; Streamlit websocket clients (bench/st_client.py) on loopback, "
            f"each cycling pages and changing filters with a {config['think']} s think time (one session alone: "
            f"{config['baseline_think']} s). Latency is measured at the client, from sending the rerun request to "
            "receiving script_finished. Server CPU is the server processes' utime + stime (/proc/<pid>/stat) over "
            "the level, per interaction. The database file is rebuilt and swapped midway through the top level. "
            f"Load average (1 min) {config['loadavg_1min']['start']} at start, {config['loadavg_1min']['end']} at end "
            "(other work on the machine included).",
            "",
            table(levels, list(levels[0])),
            "",
            "Per page (the load mix: a page from a link, then a filter change):",
            "",
            table(pages, list(pages[0])) if pages else "(no pages)",
            "",
            f"Ratios, {top} sessions to one session in the same run: p50 {ratios['p50']} ×, "
            f"**p95 {ratios['p95']} ×** (target ≤ 2), interactions/s {ratios['interactions_per_second']} ×, "
            f"server CPU per interaction {ratios['server_cpu_per_interaction']} ×; "
            f"RSS per added session {rss['per_session']} MB = {ratios['rss_per_session_vs_one_session_rss']} × "
            f"the server's RSS with one session (target ≤ 30 MB). RSS {rss['start']} MB at start, "
            f"{rss['after_warmup']} MB after warm-up, levels off: {targets['rss_levels_off']} "
            f"(growth over the last third of the top level: {rss['top_level_tail_growth']} MB).",
            *(
                [
                    f"Stickiness: {sticky['websockets']} websockets, {sticky['broken']} on another instance than "
                    f"their page; instances used: {', '.join(sticky['instances_used'])}."
                ]
                if sticky["instances_used"]
                else []
            ),
            "",
            "Swap under load:",
            "",
            table([swap_row], list(swap_row)),
            "",
            "Targets: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in targets.items()),
        ]
    )


def websocket_pages_section(rows: list[dict]) -> str:
    return (
        "## Page render over the websocket (live server)\n`python bench/bench_pages.py --websocket` — one session "
        "per page against a live server, the load test's mix (reloads alternating with filter changes); wall time "
        "at the client (rerun request to script_finished) and the server process's CPU per interaction "
        "(utime + stime from /proc/<pid>/stat over batches of 8), medians. Three servers in the same run: stock "
        "`streamlit run`, post-script GC off, and GC off + TCP_NODELAY (the launcher, as `make run` and "
        "`make serve` start it). Target: ≤ 50 ms server CPU per interaction on every page.\n\n"
        + table(
            rows,
            [
                "server",
                "page",
                "wall_ms",
                "server_cpu_ms",
                "cpu_vs_one_chart",
                "wall_vs_stock",
                "cpu_vs_stock",
                "cpu_target_50ms",
            ],
        )
    )


def section(name: str, make) -> str:
    """One benchmark's section; a benchmark that fails is reported, and the others still run."""
    try:
        return make()
    except Exception as exc:  # reported in results.md, never hidden
        return f"## {name}\n**FAILED**: {type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"


def main(args) -> str:
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lending.duckdb"
        build(db, log=lambda _: None)
        sections = [f"# Lendscope benchmarks\n\nMachine: {machine()}  \nCommit: {git_head()}  \n"
                    f"Run: `make bench` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"]  # fmt: skip

        def build_section():
            result = bench_build.main(args.repeat, 1_000_000)
            return ("## ETL build\n`python -m bench.bench_build` — the full build (validate, transform, load, "
                    "claim check, hash, atomic swap) against DuckDB reading the same CSV files bare, in the "
                    "same run; targets: 1e6 rows ≤ 5 × and ≤ 1.5 GB, today's data ≤ 3 ×, 1e6 bad rows ≤ 10 s.\n\n"
                    + table([{"case": k, **v} for k, v in result.items()],
                            ["case", "build_median_s", "bare_read_median_s", "ratio", "cpu_ratio", "peak_rss_mb",
                             "peak_rss_mb_max", "exit", "repeat"]))  # fmt: skip

        sections.append(section("ETL build", build_section))

        def apptest_section():
            rows = bench_pages.main(str(db), max(2, args.repeat // 2))
            return ("## Page render with AppTest (in process)\n`python bench/bench_pages.py` — Streamlit's AppTest, "
                    "cold (first run) and warm (rerun) medians; target warm ≤ 150 ms. AppTest runs the script in "
                    "this process without the network and without Streamlit's post-rerun GC: the live cost is in "
                    "the websocket section below.\n\n"
                    + table(rows, ["page", "cold_s", "warm_s", "warm_vs_empty", "warm_vs_one_chart",
                                   "warm_target_150ms"]))  # fmt: skip

        sections.append(section("Page render with AppTest (in process)", apptest_section))
        sections.append(
            section("Page render over the websocket (live server)",
                    lambda: websocket_pages_section(bench_pages.websocket(str(db), max(3, args.repeat // 2))))
        )  # fmt: skip

        def browser_section():
            rows = bench_browser.main(str(db), args.repeat)
            return ("## Browser: navigation to chart drawn\n`python bench/bench_browser.py` — headless "
                    "Chromium, new context per visit; target ≤ 1.3 × the one-chart page.\n\n"
                    + table(rows, ["page", "nav_to_chart_s", "ratio", "target_1_3x"]))  # fmt: skip

        if not args.no_browser:
            sections.append(section("Browser: navigation to chart drawn", browser_section))

        def console_section():
            result = bench_console.main(str(db), args.repeat)
            return ("## SQL console overhead\n`python -m bench.bench_console` — queries in isolated worker "
                        "processes against DuckDB with the same engine settings, on every named query; target "
                        "median ratio ≤ 1.2. `first_run_ratio`: each text new to both sides (the console's "
                        "statement check not cached).\n\n"
                        + table(result["queries"], ["query", "console_ms", "raw_ms", "ratio", "first_run_ratio"])
                        + f"\n\nMedian ratio: **{result['median_ratio']}** ({result['target_median_ratio_1_2']}); "
                        f"first run of a text {result['median_first_run_ratio']}; slower half of the queries "
                        f"{result['median_ratio_slower_half']}; load average {result['load_average']}\n\n"
                        "Time-limit accuracy (a query that never ends; one folded while planning):\n\n"
                        + table(result["time_limit"], ["limit_s", "kind", "stopped_after_s"])
                        + "\n\nEvery runaway class against the live server (default limits: 5 s, 1 GB); targets: "
                        "stopped within limit + 1 s, server RSS ≤ +300 MB:\n\n"
                        + table(result["attacks"], ["attack", "stopped_after_s", "server_rss_growth_mb",
                                                    "other_session_before_ms", "other_session_during_ms",
                                                    "target_limit_plus_1s", "target_rss_300mb"]))  # fmt: skip

        sections.append(section("SQL console overhead", console_section))

        # The article checker's accuracy on its three annotated sets and its warm speed (its section keeps
        # the markers bench_check writes by itself).
        sections.append(section("Article checker (issue 15)", lambda: bench_check.report(str(db))))
        sections.append(
            section("PNG/SVG export",
                    lambda: "## PNG/SVG export\n`python -m bench.bench_export` — warm export through the long-lived "
                    "renderer against a browser started per image, in the same run.\n\n"
                    + bench_export.report(str(db), args.repeat))
        )  # fmt: skip

        def large_section():
            result = bench_large.main(args.rows, 3)
            return (f"## Large data: {result['rows']:,}-row SYNTHETIC loan table\n`python bench/bench_large.py` "
                        "— generated into its own database file (never lending.duckdb); console queries; "
                        "target ≤ 1 s each, peak RSS ≤ 1.5 GB.\n\n"
                        + table(result["queries"], ["query", "median_s", "target_1s"])
                        + f"\n\nGenerated in {result['generate_s']} s; peak RSS {result['peak_rss_mb']} MB "
                        f"({result['target_peak_rss_1_5gb']}); row cap holds: {result['row_cap_holds']}; "
                        f"time limit: {result['time_limit']}")  # fmt: skip

        sections.append(section("Large data", large_section))

        headline = None
        for workers, title in ((args.workers, f"Load through HAProxy: {args.workers} instances, as `make serve`"),
                               (0, "Load on one instance, direct (as `make run`)")):  # fmt: skip
            command = (f"python bench/load.py --sessions {args.sessions} --seconds {args.seconds} --swap"
                       + (f" --workers {workers}" if workers else ""))  # fmt: skip
            load = load_test(args.sessions, args.seconds, Path(tmp) / f"load-{workers}.json", workers)
            if load is None:
                sections.append(f"## {title}\n**FAILED**: `{command}` wrote no summary")
                continue
            sections.append(load_section(load, args, title, command))
            if workers and headline is None:
                one, top = load["latency"]["p95_1"], load["latency"]["p95_n"]
                headline = (f"Through the proxy, {args.sessions} sessions: p95 {top} s = "
                            f"**{load['latency']['p95_ratio']} × one session** ({one} s), "
                            f"{load['errors']['total']} errors.")  # fmt: skip
        if headline:
            sections.insert(1, headline + "\n")
    sections.append(f"\nTotal benchmark time: {time.time() - started:.0f} s\n")
    return "\n\n".join(sections)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="instances behind HAProxy in the proxied load test")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    args = parser.parse_args()
    report = main(args)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)
