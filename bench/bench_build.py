"""ETL build time against a bare DuckDB load of the same input files.

python bench/bench_build.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import duckdb

from bench.common import median, timed
from etl.build import build
from etl.paths import DATA_DIR


def bare_load(path: Path) -> None:
    """The floor: DuckDB reading the same CSV files into one table, no validation or provenance."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    files = [str(p) for p in sorted((DATA_DIR / "observations").glob("*.csv"))]
    events = [str(p) for p in sorted((DATA_DIR / "events").glob("*.csv"))]
    con.execute(f"CREATE TABLE o AS SELECT * FROM read_csv({files!r}, all_varchar = true, union_by_name = true)")
    con.execute(f"CREATE TABLE e AS SELECT * FROM read_csv({events!r}, all_varchar = true)")
    con.close()


def main(repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bench.duckdb"
        ours = timed(lambda: build(target, log=lambda _: None), repeat)
        floor = timed(lambda: bare_load(Path(tmp) / "bare.duckdb"), repeat)
    return {
        "build_median_s": round(median(ours), 3),
        "bare_load_median_s": round(median(floor), 3),
        "ratio": round(median(ours) / median(floor), 2),
        "repeat": repeat,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    print(json.dumps(main(parser.parse_args().repeat), indent=2))
