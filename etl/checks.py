"""Consistency checks on a built database: the tests that catch a transcription slip.

Each check returns findings. `error` findings are defects in the data (a test fails on them);
`flag` findings are disagreements the sources themselves contain: they are reported, not fixed.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from etl import values


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str  # "error" | "flag"
    where: str  # file:line of the row(s) concerned
    message: str

    def __str__(self) -> str:
        return f"{self.severity.upper():5} {self.check}: {self.where}: {self.message}"


def _rows(con, sql: str, params=None) -> list[dict]:
    relation = con.sql(sql, params=params or [])
    names = relation.columns
    return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def significant_digits(value: float) -> str:
    """`17130000.0` -> `1713`; `9.45` -> `945`; `0.5` -> `5`: the digits a page must show."""
    text = f"{abs(value):.10f}".rstrip("0").rstrip(".")
    return pl.select(values.significant_digits(pl.lit(text))).item()


def excerpt_digits(excerpt: str) -> str:
    """The excerpt as the value-in-excerpt rule reads it (etl/values.py: the one implementation)."""
    return pl.select(values.excerpt_digits(pl.lit(excerpt))).item()


def value_not_in_excerpt(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """A stated (not derived) value whose digits do not appear in its excerpt is a likely slip.
    The build refuses such a row (validation rule value-in-excerpt); this checks a database
    built elsewhere, with the same expressions."""
    rows = con.sql(
        "SELECT value, unit, excerpt, input_file, input_line FROM observations WHERE NOT derived "
        "ORDER BY input_file, input_line"
    ).pl()
    text = pl.col("value").map_elements(lambda v: f"{abs(v):.10f}".rstrip("0").rstrip("."), return_dtype=pl.String)
    misses = rows.filter(
        ~values.excerpt_digits(pl.col("excerpt")).str.contains(values.significant_digits(text), literal=True)
    )
    return [
        Finding(
            "value-in-excerpt",
            "error",
            f"{row['input_file']}:{row['input_line']}",
            f"{row['value']:g} {row['unit']} is not stated in its excerpt {row['excerpt'][:80]!r} "
            "(if it is computed from the page, fill `derivation`)",
        )
        for row in misses.iter_rows(named=True)
    ]


def cumulative_not_decreasing(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """A cumulative series may not fall over time within one publisher's vintage."""
    sql = """
    SELECT series_id, region, publisher_id, vintage, period_label, value, input_file, input_line,
           lag(value) OVER w AS previous_value, lag(period_label) OVER w AS previous_label
    FROM observations JOIN series USING (series_id)
    WHERE measure = 'cumulative'
    WINDOW w AS (PARTITION BY series_id, region, publisher_id, vintage ORDER BY period_end)
    QUALIFY value < previous_value
    ORDER BY input_file, input_line
    """
    return [
        Finding(
            "cumulative-monotonic",
            "error",
            f"{r['input_file']}:{r['input_line']}",
            f"{r['series_id']} ({r['publisher_id']}) falls from {r['previous_value']:g} at {r['previous_label']} "
            f"to {r['value']:g} at {r['period_label']}",
        )
        for r in _rows(con, sql)
    ]


def year_end_vs_month_end(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """For a stock, a publisher's year-end figure and its December figure should agree."""
    sql = """
    SELECT a.series_id, a.publisher_id, a.period_label AS year_label, a.value AS year_value,
           b.period_label AS other_label, b.value AS other_value,
           a.input_file || ':' || a.input_line AS year_where, b.input_file || ':' || b.input_line AS other_where
    FROM observations a
    JOIN observations b ON a.series_id = b.series_id AND a.region = b.region
         AND a.publisher_id = b.publisher_id AND a.period_end = b.period_end
         AND a.vintage IS NOT DISTINCT FROM b.vintage AND a.obs_id <> b.obs_id
    JOIN series s ON s.series_id = a.series_id
    WHERE s.measure = 'stock' AND a.period_type = 'year' AND b.period_type IN ('month', 'quarter', 'day')
      AND a.value <> b.value
    ORDER BY a.input_file, a.input_line
    """
    return [
        Finding(
            "year-end-vs-month",
            "flag",
            f"{r['year_where']} vs {r['other_where']}",
            f"{r['series_id']} ({r['publisher_id']}): {r['year_label']} = {r['year_value']:g} but "
            f"{r['other_label']} = {r['other_value']:g}",
        )
        for r in _rows(con, sql)
    ]


# A provincial table adds up when the provinces' sum is within this share of the national row
# (published tables round each cell).
PROVINCE_SUM_TOLERANCE = 0.005


def provinces_vs_national(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Complete provincial tables (31 provinces) must add up to the national row, or say why not."""
    sql = """
    WITH provincial AS (
        SELECT series_id, period_label, publisher_id, vintage, count(*) AS provinces, sum(value) AS total,
               bool_or(coalesce(note, '') ILIKE '%not add up%' OR coalesce(note, '') LIKE '%不等于%'
                       OR coalesce(note, '') ILIKE '%discrepan%') AS discrepancy_noted
        FROM observations WHERE region LIKE 'CN-%'
        GROUP BY ALL
    )
    SELECT p.*, n.value AS national, n.input_file || ':' || n.input_line AS national_where,
           coalesce(n.note, '') ILIKE '%not add up%' OR coalesce(n.note, '') ILIKE '%discrepan%'
               OR coalesce(n.note, '') LIKE '%不等于%' AS national_noted
    FROM provincial p
    JOIN observations n ON n.region = 'CN' AND n.series_id = p.series_id AND n.period_label = p.period_label
         AND n.publisher_id = p.publisher_id AND n.vintage IS NOT DISTINCT FROM p.vintage
    WHERE p.provinces = 31
    ORDER BY p.series_id, p.period_label
    """
    findings = []
    for r in _rows(con, sql):
        gap = abs(r["total"] - r["national"])
        if gap <= PROVINCE_SUM_TOLERANCE * max(abs(r["national"]), 1) + 1e-9:
            continue
        noted = r["discrepancy_noted"] or r["national_noted"]
        findings.append(
            Finding(
                "provinces-sum",
                "flag" if noted else "error",
                r["national_where"],
                f"{r['series_id']} {r['period_label']} ({r['publisher_id']}): 31 provinces sum to "
                f"{r['total']:.2f}, national row is {r['national']:g}"
                + (" (discrepancy recorded in a note)" if noted else " — record the discrepancy in a note"),
            )
        )
    return findings


ALL_CHECKS = (value_not_in_excerpt, cumulative_not_decreasing, year_end_vs_month_end, provinces_vs_national)


def run_all(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    findings: list[Finding] = []
    for check in ALL_CHECKS:
        findings += check(con)
    return findings
