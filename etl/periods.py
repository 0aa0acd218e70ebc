"""Period labels -> (type, first day, last day).

Labels: `2015` (year), `2015-H1`, `2015-Q3`, `2015-06` (month), `2020-10-22` (a day: a figure
stated "as of" that date), `2019-01/2019-09` (a flow over a span of whole months, e.g. year to
date), and `to:<label>` (cumulative from inception to the end of <label>).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

PERIOD_TYPES = ("year", "half", "quarter", "month", "day", "range", "cumulative")

# re.ASCII: `\d` would also take full-width (２０１０) and Arabic-Indic digits; `$` would take a final
# newline, so \Z.
_YEAR = re.compile(r"^(\d{4})\Z", re.ASCII)
_HALF = re.compile(r"^(\d{4})-H([12])\Z", re.ASCII)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])\Z", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{2})\Z", re.ASCII)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\Z", re.ASCII)

# Lending data before 1990 or after 2100 is a typo, not a figure.
MIN_YEAR, MAX_YEAR = 1990, 2100


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    label: str
    type: str
    start: date | None  # None for cumulative-to-date (since inception)
    end: date


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _check_year(year: int, label: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year out of range {MIN_YEAR}-{MAX_YEAR} in period {label!r}")


def parse_period(label: str) -> Period:
    text = label.strip()
    if text != label or not text:
        raise PeriodError(f"period {label[:40]!r} is empty or has surrounding spaces")
    if text.startswith("to:"):
        inner = parse_period(text[3:])
        if inner.type == "cumulative":
            raise PeriodError(f"nested cumulative period {label!r}")
        return Period(text, "cumulative", None, inner.end)
    if "/" in text:
        first, _, last = text.partition("/")
        if not (_MONTH.match(first) and _MONTH.match(last)):
            raise PeriodError(f"a range period is two months, like 2019-01/2019-09, not {label!r}")
        start, end = parse_period(first), parse_period(last)
        if end.end <= start.end:
            raise PeriodError(f"range period {label!r} must end after it starts")
        return Period(text, "range", start.start, end.end)
    if m := _YEAR.match(text):
        year = int(m[1])
        _check_year(year, text)
        return Period(text, "year", date(year, 1, 1), date(year, 12, 31))
    if m := _HALF.match(text):
        year, half = int(m[1]), int(m[2])
        _check_year(year, text)
        return Period(text, "half", date(year, 1 if half == 1 else 7, 1), month_end(year, 6 * half))
    if m := _QUARTER.match(text):
        year, quarter = int(m[1]), int(m[2])
        _check_year(year, text)
        first_month = 3 * quarter - 2
        return Period(text, "quarter", date(year, first_month, 1), month_end(year, 3 * quarter))
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        _check_year(year, text)
        if not 1 <= month <= 12:
            raise PeriodError(f"month {month} out of range in period {label!r}")
        return Period(text, "month", date(year, month, 1), month_end(year, month))
    if m := _DAY.match(text):
        year = int(m[1])
        _check_year(year, text)
        try:
            day = date(year, int(m[2]), int(m[3]))
        except ValueError as exc:
            raise PeriodError(f"not a calendar date: {label!r} ({exc})") from None
        return Period(text, "day", day, day)
    raise PeriodError(
        f"cannot parse period {label[:40]!r}; expected 2015, 2015-H1, 2015-Q3, 2015-06, 2015-06-30 or to:<one of those>"
    )


def _parse_each(parse, texts) -> dict:
    """Each distinct text parsed once (a large table has many rows but few periods or dates); a text
    that does not parse maps to its PeriodError."""
    out = {}
    for text in set(texts):
        try:
            out[text] = parse(text)
        except PeriodError as exc:
            out[text] = exc
    return out


def parse_periods(labels) -> dict[str, Period | PeriodError]:
    return _parse_each(parse_period, labels)


def parse_dates(texts) -> dict[str, date | PeriodError]:
    return _parse_each(parse_date, texts)


def parse_date(text: str) -> date:
    """A strict YYYY-MM-DD date."""
    m = _DAY.match(text.strip())
    if not m:
        raise PeriodError(f"not a YYYY-MM-DD date: {text!r}")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise PeriodError(f"not a calendar date: {text!r} ({exc})") from None
