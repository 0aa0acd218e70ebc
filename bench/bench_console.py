"""SQL console overhead against raw DuckDB on the same queries, and time-limit accuracy.

python bench/bench_console.py --db data/lending.duckdb [--repeat 7]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time

from bench.common import median, timed
from etl.database import Database, connect_read_only
from etl.named_queries import load_all
from etl.sandbox import Limits, QueryError, Sandbox

RUNAWAY = "SELECT max(hash(x)) FROM range(1000000000000) t(x)"


def main(db: str, repeat: int, queries: dict[str, tuple[str, dict | None]] | None = None) -> dict:
    if queries is None:
        queries = {name: (q.sql, q.bind()) for name, q in load_all().items() if not name.startswith("claim_")}
    # The baseline is DuckDB itself with the same engine settings (one process may hold only one
    # configuration per file): the difference is the console's statement check, timer and row cap.
    raw = connect_read_only(db)
    database = Database(db)
    sandbox = Sandbox(database, Limits(display_rows=10_000))
    rows = []
    for name, (sql, params) in queries.items():
        sandbox.run(sql, params)  # warm both once
        raw.sql(sql, params=params).pl()
        ours = timed(lambda sql=sql, params=params: sandbox.run(sql, params), repeat)
        theirs = timed(lambda sql=sql, params=params: raw.sql(sql, params=params).limit(10_001).pl(), repeat)
        rows.append(
            {"query": name, "console_ms": round(1000 * median(ours), 2), "raw_ms": round(1000 * median(theirs), 2),
             "ratio": round(median(ours) / median(theirs), 2)}
        )  # fmt: skip
    ratios = sorted(r["ratio"] for r in rows)
    accuracy = []
    for limit in (0.5, 1.0, 2.0):
        box = Sandbox(database, Limits(timeout_seconds=limit))
        t0 = time.perf_counter()
        with contextlib.suppress(QueryError):
            box.run(RUNAWAY)
        accuracy.append({"limit_s": limit, "stopped_after_s": round(time.perf_counter() - t0, 3)})
    database.close()
    raw.close()
    return {
        "queries": rows,
        "median_ratio": ratios[len(ratios) // 2],
        "target_median_ratio_1_2": "ok" if ratios[len(ratios) // 2] <= 1.2 else "MISSED",
        "time_limit": accuracy,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="data/lending.duckdb")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(main(args.db, args.repeat), indent=2))
