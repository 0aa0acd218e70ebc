"""PNG/SVG export: a browser per image (kaleido's default) against one long-lived renderer
(app/export.py keeps kaleido's sync server alive). Warm export should be well under 1 s.

    python -m bench.bench_export [--db data/lending.duckdb] [--repeat 5]

Prints a markdown table; the ratio is warm export to a per-image browser start, measured in the same run.
"""

from __future__ import annotations

import argparse
import time

from app import export, figures
from bench.common import machine, median, timed
from etl.database import connect_read_only
from etl.paths import resolve_db_path

SPECS = ("overview_rise_and_fall", "platforms_series", "lenders_after_p2p_companies", "province_ranking")


def report(db: str | None = None, repeat: int = 5) -> str:
    """The measurement as Markdown (bench/run_all.py puts it in bench/results.md)."""
    con = connect_read_only(resolve_db_path(db))
    built = {name: figures.export_figure(*figures.run_spec(con, name, "zh"), "zh") for name in SPECS}
    con.close()
    first = built[SPECS[0]]
    # Baseline: what the dashboard did before, a browser started for the image (no server running yet).
    t0 = time.perf_counter()
    first.to_image(format="png", scale=2)
    per_image_browser = time.perf_counter() - t0
    t0 = time.perf_counter()
    export.image_bytes(first, "png")  # starts the long-lived renderer
    cold = time.perf_counter() - t0
    rows = []
    for name, fig in built.items():
        for fmt in ("png", "svg"):
            times = timed(lambda fig=fig, fmt=fmt: export.image_bytes(fig, fmt), repeat)
            rows.append((name, fmt, median(times)))
    lines = [
        f"Machine: {machine()}",
        "",
        f"Per-image browser (baseline): {per_image_browser:.2f} s; renderer start + first image: {cold:.2f} s",
        "",
        "| figure | format | warm median (s) | ratio to per-image browser |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {fmt} | {seconds:.3f} | {seconds / per_image_browser:.2f} |" for name, fmt, seconds in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(report(args.db, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
