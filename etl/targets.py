"""Coverage targets: what the issues ask the data to reach, checked against a built database.

The targets live in data/coverage_targets.toml so that `python -m etl coverage` can say, for each one,
whether it is met and which periods are still missing. They describe the goal; they never add data.

Kinds of target:
  periods            every (or at least N) period of a calendar within a span has a figure for each series,
                     optionally from a number of distinct publishers and from a named publisher
  provincial_tables  at least N periods where every series has all 31 provinces
  dates              at least N distinct reference dates with a figure in any of the series
  observations       at least N observations in series matching a pattern

Every published figure counts, including "about N" and "more than N" ones, because that is how the
publisher stated it; but a period that rests only on a bound ("more than", "less than") is named in the
result, so a reader sees how firm each filled period is.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from etl.coverage import calendar_labels, label_index, label_of
from etl.paths import display_path
from etl.periods import PeriodError, parse_period
from etl.problems import InputError, Problem

KINDS = ("periods", "provincial_tables", "dates", "observations")
CALENDARS = ("year", "quarter", "month")
PROVINCES = 31


@dataclass(frozen=True)
class Target:
    id: str
    kind: str
    text: str
    issue: int | None = None
    series: tuple[str, ...] = ()
    region: str = "CN"
    calendar: str = "year"
    span: tuple[str, str] | None = None
    every: bool = False
    at_least: int | None = None
    publishers_per_period: int = 1
    require_publisher: str | None = None
    pattern: str | None = None


@dataclass
class Result:
    target: Target
    met: bool
    reached: int
    wanted: int
    missing: list[str] = field(default_factory=list)
    on_bounds: list[str] = field(default_factory=list)

    def line(self) -> str:
        mark = "met    " if self.met else "NOT MET"
        issue = f"#{self.target.issue} " if self.target.issue else ""
        out = f"  {mark} {issue}{self.target.id}: {self.reached} of {self.wanted} — {self.target.text}"
        if self.missing and not self.met:
            out += f"\n          missing: {', '.join(self.missing)}"
        if self.on_bounds:
            out += f"\n          filled only by a bound (more/less than): {', '.join(self.on_bounds)}"
        return out


# --- reading -------------------------------------------------------------------------------------------


def _span_index(calendar: str, label: str) -> int:
    """Position of a span label on its calendar; ValueError for a label of another calendar."""
    try:
        period = parse_period(label)
    except PeriodError as exc:
        raise ValueError(label) from exc
    if period.type != calendar:
        raise ValueError(label)
    return label_index(calendar, label)


def load_targets(path: Path) -> list[Target]:
    """Read and check the targets file; every problem is reported with the file and the target's id."""
    shown = display_path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError([Problem(shown, None, None, "targets", "file not found")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(shown, None, None, "toml", f"not valid TOML: {exc}")]) from None
    problems: list[Problem] = []
    targets: list[Target] = []
    seen: set[str] = set()
    for n, entry in enumerate(raw.get("target", []), start=1):
        where = entry.get("id") or f"target #{n}"

        def bad(key: str, message: str, where=where) -> None:
            problems.append(Problem(shown, None, key, "targets", f"{where}: {message}"))

        allowed = set(Target.__dataclass_fields__)
        for key in entry:
            if key not in allowed:
                bad(key, f"unknown key '{key}'")
        if not entry.get("id"):
            bad("id", "a target needs an id")
        elif entry["id"] in seen:
            bad("id", "duplicate id")
        seen.add(entry.get("id", ""))
        kind = entry.get("kind", "periods")
        if kind not in KINDS:
            bad("kind", f"kind must be one of {', '.join(KINDS)}, not '{kind}'")
            continue
        if not entry.get("text"):
            bad("text", "say in words what the target is")
        calendar = entry.get("calendar", "year")
        if calendar not in CALENDARS:
            bad("calendar", f"calendar must be one of {', '.join(CALENDARS)}, not '{calendar}'")
            continue
        span = entry.get("span")
        if span is not None:
            try:
                if len(span) != 2 or _span_index(calendar, span[0]) > _span_index(calendar, span[1]):
                    raise ValueError(span)
            except (ValueError, TypeError):
                bad("span", f"span must be [first, last] {calendar} labels in order, not {span!r}")
                continue
            span = (span[0], span[1])
        if kind == "observations":
            if not entry.get("pattern"):
                bad("pattern", "an observations target needs a series pattern")
        elif not entry.get("series"):
            bad("series", "list the series the target is about")
        if kind == "periods" and span is None:
            bad("span", "a periods target needs a span")
        if kind == "periods" and not entry.get("every") and not entry.get("at_least"):
            bad("at_least", "say every = true or at_least = N")
        if kind != "periods" and not entry.get("at_least"):
            bad("at_least", f"a {kind} target needs at_least = N")
        targets.append(
            Target(
                id=entry.get("id", ""),
                kind=kind,
                text=entry.get("text", ""),
                issue=entry.get("issue"),
                series=tuple(entry.get("series", ())),
                region=entry.get("region", "CN"),
                calendar=calendar,
                span=span,
                every=bool(entry.get("every", False)),
                at_least=entry.get("at_least"),
                publishers_per_period=int(entry.get("publishers_per_period", 1)),
                require_publisher=entry.get("require_publisher"),
                pattern=entry.get("pattern"),
            )
        )
    if problems:
        raise InputError(problems)
    return targets


# --- checking ------------------------------------------------------------------------------------------

ROWS_SQL = """
SELECT o.series_id, s.measure, o.period_type, o.period_label, o.period_end, o.region, o.publisher_id,
       coalesce(o.qualifier IN ('more_than', 'less_than'), false) AS is_bound
FROM observations o JOIN series s USING (series_id)
WHERE list_contains(?, o.series_id)
"""


def _calendar_label(calendar: str, measure: str, period_type: str, label: str, end: date) -> str | None:
    """The calendar period a figure fills, if any: a stock by the date it stands at (see
    coverage.calendar_labels), a flow only a period of its own length."""
    if measure == "stock":
        return None if period_type in ("range", "cumulative") else calendar_labels(end).get(calendar)
    return label if period_type == calendar else None


def _periods(con: duckdb.DuckDBPyConnection, target: Target) -> Result:
    rows = con.sql(ROWS_SQL, params=[list(target.series)]).fetchall()
    publishers: dict[tuple[str, str], set[str]] = {}
    firm: dict[tuple[str, str], set[str]] = {}
    for series_id, measure, period_type, label, end, region, publisher, is_bound in rows:
        if region != target.region:
            continue
        period = _calendar_label(target.calendar, measure, period_type, label, end)
        if period is not None:
            publishers.setdefault((series_id, period), set()).add(publisher)
            if not is_bound:
                firm.setdefault((series_id, period), set()).add(publisher)

    first, last = (_span_index(target.calendar, p) for p in target.span)
    span = [label_of(target.calendar, i) for i in range(first, last + 1)]

    def filled(period: str, by: dict[tuple[str, str], set[str]]) -> bool:
        for series_id in target.series:
            found = by.get((series_id, period), set())
            if len(found) < target.publishers_per_period:
                return False
            if target.require_publisher and target.require_publisher not in found:
                return False
        return True

    present = [p for p in span if filled(p, publishers)]
    missing = [p for p in span if not filled(p, publishers)]
    on_bounds = [p for p in present if not filled(p, firm)]
    wanted = len(span) if target.every else target.at_least
    return Result(target, len(present) >= wanted, len(present), wanted, missing, on_bounds)


def _provincial_tables(con: duckdb.DuckDBPyConnection, target: Target) -> Result:
    rows = con.sql(ROWS_SQL, params=[list(target.series)]).fetchall()
    provinces: dict[tuple[str, str, str], set[str]] = {}
    for series_id, measure, period_type, label, end, region, publisher, _is_bound in rows:
        if not region.startswith("CN-"):
            continue
        period = _calendar_label(target.calendar, measure, period_type, label, end)
        if period is not None:
            provinces.setdefault((publisher, period, series_id), set()).add(region)
    tables: dict[tuple[str, str], int] = {}
    for (publisher, period, _series), regions in provinces.items():
        tables[(publisher, period)] = min(tables.get((publisher, period), PROVINCES), len(regions))
    complete = sorted(
        f"{period} ({publisher})"
        for (publisher, period), n in tables.items()
        if n >= PROVINCES and all(len(provinces.get((publisher, period, s), ())) >= PROVINCES for s in target.series)
    )
    partial = sorted(
        f"{period} ({publisher}, {n} provinces)"
        for (publisher, period), n in tables.items()
        if f"{period} ({publisher})" not in complete
    )
    result = Result(target, len(complete) >= target.at_least, len(complete), target.at_least)
    if not result.met:
        result.missing = [f"complete: {', '.join(complete) or 'none'}; partial: {', '.join(partial) or 'none'}"]
    return result


def _dates(con: duckdb.DuckDBPyConnection, target: Target) -> Result:
    rows = con.sql(ROWS_SQL, params=[list(target.series)]).fetchall()
    ends = sorted({end for *_, end, region, _publisher, _is_bound in rows if region == target.region})
    result = Result(target, len(ends) >= target.at_least, len(ends), target.at_least)
    if not result.met:
        result.missing = [f"have {', '.join(str(e) for e in ends) or 'none'}"]
    return result


def _observations(con: duckdb.DuckDBPyConnection, target: Target) -> Result:
    (n,) = con.sql("SELECT count(*) FROM observations WHERE series_id GLOB ?", params=[target.pattern]).fetchall()[0]
    return Result(target, n >= target.at_least, n, target.at_least)


_CHECKS = {
    "periods": _periods,
    "provincial_tables": _provincial_tables,
    "dates": _dates,
    "observations": _observations,
}


def evaluate(con: duckdb.DuckDBPyConnection, targets: list[Target]) -> list[Result]:
    return [_CHECKS[t.kind](con, t) for t in targets]


def report(results: list[Result]) -> str:
    met = sum(r.met for r in results)
    lines = [f"Targets ({met} of {len(results)} met; set in data/coverage_targets.toml):"]
    lines += [r.line() for r in results]
    return "\n".join(lines)
