"""Console queries over the 10-million-row SYNTHETIC loan table: time per query, peak RSS, and the
console's limits on a big table (row cap, time limit).

    python bench/bench_large.py [--rows 10000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from bench.common import median, timed
from bench.synthetic_loans import generate
from etl.build import build
from etl.database import Database
from etl.sandbox import Limits, QueryError, Sandbox

QUERIES = {
    "by_month": "SELECT date_trunc('month', issue_date) AS month, count(*) AS loans, sum(amount_yuan) AS amount "
    "FROM loans GROUP BY ALL ORDER BY month",
    "by_province": "SELECT province, count(*) AS loans, avg(annual_rate_pct) AS rate FROM loans GROUP BY ALL "
    "ORDER BY loans DESC",
    "month_province": "SELECT date_trunc('month', issue_date) AS month, province, count(*) AS loans "
    "FROM loans GROUP BY ALL ORDER BY ALL",
    "percentiles": "SELECT status, quantile_cont(amount_yuan, [0.5, 0.9, 0.99]) AS amount_p50_p90_p99, "
    "quantile_cont(annual_rate_pct, 0.5) AS rate_p50 FROM loans GROUP BY status ORDER BY status",
    "overdue_share": "SELECT province, avg((status IN ('overdue', 'defaulted'))::INT) AS bad_share FROM loans "
    "GROUP BY ALL ORDER BY bad_share DESC",
}


def main(rows: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        # A Lendscope database (the console opens nothing else: its schema is checked on open) with
        # the synthetic table added to it.
        path = Path(tmp) / "synthetic_loans.duckdb"
        build(path, log=lambda _: None)
        generated_s = generate(path, rows, fresh=False)
        database = Database(path)
        sandbox = Sandbox(database, Limits(timeout_seconds=5))
        results = []
        for name, sql in QUERIES.items():
            sandbox.run(sql)
            seconds = median(timed(lambda sql=sql: sandbox.run(sql), repeat))
            results.append(
                {"query": name, "median_s": round(seconds, 3), "target_1s": "ok" if seconds <= 1 else "MISSED"}
            )
        capped = sandbox.run("SELECT * FROM loans")
        tight = Sandbox(database, Limits(timeout_seconds=0.2))
        t0 = time.perf_counter()
        try:
            tight.run("SELECT province, quantile_cont(amount_yuan, 0.5) FROM loans, range(50) GROUP BY ALL")
            stopped = None
        except QueryError as exc:
            stopped = {"kind": exc.kind, "after_s": round(time.perf_counter() - t0, 3)}
        database.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "generate_s": round(generated_s, 1),
        "queries": results,
        "row_cap_holds": capped.truncated and capped.frame.height == 10_000,
        "time_limit": stopped,
        "peak_rss_mb": round(peak_mb),
        "target_peak_rss_1_5gb": "ok" if peak_mb <= 1536 else "MISSED",
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(main(args.rows, args.repeat), indent=2))
