"""Coverage: per series, which periods and publishers are present, and where the gaps are."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date

import duckdb

from etl.checks import run_all

COVERAGE_SQL = """
SELECT o.series_id, s.unit, s.measure, o.publisher_id, o.period_type, o.period_label, o.period_end,
       o.region
FROM observations o JOIN series s USING (series_id)
WHERE (? IS NULL OR o.series_id LIKE ?)
ORDER BY o.series_id, o.publisher_id, o.period_type, o.period_end
"""


def label_index(period_type: str, label: str) -> int | None:
    """Position of a label on its calendar, so consecutive periods differ by one."""
    if period_type == "year":
        return int(label)
    if period_type == "half":
        return int(label[:4]) * 2 + int(label[-1]) - 1
    if period_type == "quarter":
        return int(label[:4]) * 4 + int(label[-1]) - 1
    if period_type == "month":
        return int(label[:4]) * 12 + int(label[5:7]) - 1
    return None


def label_of(period_type: str, index: int) -> str:
    if period_type == "year":
        return str(index)
    if period_type == "half":
        return f"{index // 2}-H{index % 2 + 1}"
    if period_type == "quarter":
        return f"{index // 4}-Q{index % 4 + 1}"
    return f"{index // 12}-{index % 12 + 1:02d}"


def _runs(indices: list[int], period_type: str) -> str:
    """[2010, 2011, 2012, 2015] -> '2010–2012, 2015'."""
    out, start = [], None
    for i, value in enumerate(indices):
        if start is None:
            start = value
        if i + 1 == len(indices) or indices[i + 1] != value + 1:
            a, b = label_of(period_type, start), label_of(period_type, value)
            out.append(a if start == value else f"{a}–{b}")
            start = None
    return ", ".join(out)


def gaps(period_type: str, labels: list[str]) -> tuple[str, str]:
    """(present runs, missing runs) between the first and last label of one period type."""
    indices = sorted({i for i in (label_index(period_type, label) for label in labels) if i is not None})
    if not indices:
        return ", ".join(sorted(set(labels))), ""
    missing = sorted(set(range(indices[0], indices[-1] + 1)) - set(indices))
    return _runs(indices, period_type), _runs(missing, period_type)


def calendar_labels(end: date) -> dict[str, str]:
    """For a stock, a figure at the end of December is a year-end, a Q4 and a December figure, whatever
    its label says: the calendar periods (year, quarter, month) a month-end date closes; none otherwise."""
    if end.day != calendar.monthrange(end.year, end.month)[1]:
        return {}
    labels = {"month": f"{end.year}-{end.month:02d}"}
    if end.month % 3 == 0:
        labels["quarter"] = f"{end.year}-Q{end.month // 3}"
    if end.month == 12:
        labels["year"] = str(end.year)
    return labels


def _stock_calendar(ends: list) -> dict[str, list[str]]:
    """A stock's period-end dates grouped by the calendars they fall on."""
    labels: dict[str, list[str]] = {"year-ends": [], "quarter-ends": [], "month-ends": []}
    for end in sorted(set(ends)):
        for period_type, label in calendar_labels(end).items():
            labels[f"{period_type}-ends"].append(label)
    return labels


_CALENDAR_TYPES = {"year-ends": "year", "quarter-ends": "quarter", "month-ends": "month"}


def report(con: duckdb.DuckDBPyConnection, series_pattern: str | None = None) -> str:
    pattern = series_pattern.replace("*", "%") if series_pattern else None
    rows = con.sql(COVERAGE_SQL, params=[pattern, pattern]).fetchall()
    by_series: dict[str, dict] = {}
    for series_id, unit, measure, publisher, period_type, label, end, region in rows:
        entry = by_series.setdefault(
            series_id,
            {
                "unit": unit, "measure": measure, "n": 0, "cells": defaultdict(set),
                "ends": defaultdict(list), "regions": defaultdict(set),
            },
        )  # fmt: skip
        entry["n"] += 1
        if region.startswith("CN-"):
            entry["regions"][(publisher, label)].add(region)
        elif region != "CN":
            entry["cells"][(f"{publisher}@{region}", period_type)].add(label)
        elif measure == "stock" and period_type != "day":
            entry["ends"][publisher].append(end)
        else:
            entry["cells"][(publisher, period_type)].add(label)

    out = []
    for series_id, entry in by_series.items():
        out.append(f"{series_id}  [{entry['unit']}, {entry['measure']}]  {entry['n']} observations")
        lines = []
        for publisher, ends in entry["ends"].items():
            for name, labels in _stock_calendar(ends).items():
                if labels:
                    lines.append((publisher, name, _CALENDAR_TYPES[name], labels))
        for (publisher, period_type), labels in entry["cells"].items():
            lines.append((publisher, period_type, period_type, sorted(labels)))
        for publisher, name, period_type, labels in sorted(lines, key=lambda x: (x[0], x[1])):
            present, missing = gaps(period_type, labels)
            line = f"  {publisher:<12} {name:<12} {len(labels):>3}: {present}"
            if missing:
                line += f"\n  {'':<12} {'':<12} gaps: {missing}"
            out.append(line)
        for (publisher, label), regions in sorted(entry["regions"].items()):
            kind = "complete (31 provinces)" if len(regions) >= 31 else f"partial ({len(regions)} provinces)"
            out.append(f"  {publisher:<12} {'provinces':<12} {label}: {kind}")
    totals = con.sql(
        "SELECT count(*), count(DISTINCT series_id), count(DISTINCT publisher_id), count(DISTINCT source_id) "
        "FROM observations"
    ).fetchall()[0]
    out.append("")
    out.append(
        f"Total: {totals[0]} observations in {totals[1]} series from {totals[2]} publishers, {totals[3]} sources"
    )
    findings = run_all(con)
    if findings:
        out.append("")
        out.append(f"Consistency ({len(findings)} findings; errors are data defects, flags are source disagreements):")
        out += [f"  {f}" for f in findings]
    else:
        out.append("Consistency: no findings")
    return "\n".join(out)
