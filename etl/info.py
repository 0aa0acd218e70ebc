"""What a built database holds: build, tables, series with their periods and publishers."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.paths import display_path

SERIES_SUMMARY_SQL = """
SELECT s.series_id, s.unit, count(o.obs_id) AS observations,
       min(o.period_label) FILTER (WHERE o.period_end = (SELECT min(period_end) FROM observations x
                                                          WHERE x.series_id = s.series_id)) AS first_period,
       max(o.period_label) FILTER (WHERE o.period_end = (SELECT max(period_end) FROM observations x
                                                          WHERE x.series_id = s.series_id)) AS last_period,
       string_agg(DISTINCT o.publisher_id, ', ' ORDER BY o.publisher_id) AS publishers
FROM series s LEFT JOIN observations o USING (series_id)
GROUP BY s.series_id, s.unit
ORDER BY s.series_id
"""

PUBLISHER_SUMMARY_SQL = """
SELECT p.publisher_id, p.name_zh, count(o.obs_id) AS observations,
       count(DISTINCT o.series_id) AS series
FROM publishers p LEFT JOIN observations o USING (publisher_id)
GROUP BY ALL
HAVING count(o.obs_id) > 0
ORDER BY observations DESC, p.publisher_id
"""


def _table(rows: list[tuple], header: tuple[str, ...]) -> list[str]:
    cells = [tuple("" if v is None else str(v) for v in row) for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*header), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in cells]


def describe(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    build_id, built_at, version, duckdb_version = con.sql(
        "SELECT build_id, built_at, lendscope_version, duckdb_version FROM build_info"
    ).fetchall()[0]
    out = [
        f"Database  {display_path(path)} ({path.stat().st_size / 1e6:.1f} MB)",
        f"Build     {build_id}  built {built_at:%Y-%m-%d %H:%M:%S} UTC  lendscope {version}  duckdb {duckdb_version}",
        f"Inputs    {con.sql('SELECT count(*) FROM build_inputs').fetchall()[0][0]} files",
        "",
        "Tables",
    ]
    tables = con.sql(
        "SELECT table_name, row_count, substr(content_hash, 1, 16) FROM build_tables ORDER BY 1"
    ).fetchall()
    out += ["  " + line for line in _table(tables, ("table", "rows", "content hash"))]
    out += ["", "Series"]
    series = con.sql(SERIES_SUMMARY_SQL).fetchall()
    out += ["  " + line for line in _table(series, ("series", "unit", "obs", "first", "last", "publishers"))]
    out += ["", "Publishers"]
    publishers = con.sql(PUBLISHER_SUMMARY_SQL).fetchall()
    out += ["  " + line for line in _table(publishers, ("publisher", "name", "obs", "series"))]
    events = con.sql("SELECT count(*), min(date), max(date) FROM events").fetchall()[0]
    out += ["", f"Events    {events[0]}" + (f" from {events[1]} to {events[2]}" if events[0] else "")]
    return "\n".join(out)
