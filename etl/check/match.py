"""Match a claim to the figures the database holds for its subject, region and period.

Subject and period decide a match, never the value alone: a figure is a candidate only if it is in
one of the subject's series, for the claim's region, and for the claim's period (a stock: dated in
the period's "as of" window; a flow: over the same span).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from etl.check.extract import Claim
from etl.check.subjects import SUBJECTS
from etl.check.when import ClaimPeriod
from etl.finder import FINDER_SQL, UNIT_TO_BASE

REGIONS_SQL = "SELECT code, name_zh, name_en FROM regions ORDER BY code"
POINT_MEASURES = ("stock", "cumulative")
_MONTH_CUMULATIVE = re.compile(r"to:\d{4}-\d{2}")


def is_point_series(row: dict) -> bool:
    """Figures "as of" a date (stocks, cumulative totals, changes since a base date)."""
    return row["measure"] in POINT_MEASURES or row["series_id"].endswith("_change_official")


def base_value(row: dict) -> float:
    factor = UNIT_TO_BASE.get(row["unit"], Decimal(1)) if row["unit_kind"] != "rate" else Decimal(1)
    return float(Decimal(repr(row["value"])) * factor)


@dataclass
class Store:
    """Every observation, indexed by (series, region); built once per database build."""

    rows: dict[tuple[str, str], list[dict]]
    regions: list[dict]

    @classmethod
    def from_rows(cls, observations: list[dict], regions: list[dict]) -> Store:
        index: dict[tuple[str, str], list[dict]] = {}
        for row in observations:
            index.setdefault((row["series_id"], row["region"]), []).append(row)
        for rows in index.values():
            rows.sort(key=lambda r: (r["period_end"], r["publisher_id"], str(r.get("vintage"))))
        return cls(index, regions)

    @classmethod
    def from_connection(cls, con) -> Store:
        observations = con.sql(FINDER_SQL).pl().to_dicts()
        regions = con.sql(REGIONS_SQL).pl().to_dicts()
        return cls.from_rows(observations, regions)

    def series_rows(self, series_id: str, region: str) -> list[dict]:
        return self.rows.get((series_id, region), [])


def period_matches(row: dict, period: ClaimPeriod) -> bool:
    if is_point_series(row):
        if period.type == "span":  # a stock "in 2015-2017": any of its points (the extractor doubts it)
            return period.start <= row["period_end"] <= period.end
        if period.type == "range":
            return False  # a sum over a span (1-7月累计, since 2024) is a flow, not the stock at its end
        first, last = period.window
        if row["period_type"] == "cumulative" and _MONTH_CUMULATIVE.fullmatch(row["period_label"]):
            # to:2019-02, a total to a month: it stands for that month, like a month's figure.
            month_start = row["period_end"].replace(day=1)
            return month_start <= last and first <= row["period_end"]
        if row["period_type"] == "month" and row["period_start"] is not None:
            # A month figure of a stock stands for its month ("6 by mid-October" is filed as 2020-10).
            return row["period_start"] <= last and first <= row["period_end"]
        return first <= row["period_end"] <= last
    return row["period_start"] == period.start and row["period_end"] == period.end


@dataclass
class Candidates:
    figures: list[dict]  # the figures for the claim's subject, region and period
    nearest: list[dict]  # when there are none: the closest figures of the subject, for the explanation
    carried_zero: bool = False  # figures are a wound-down sector's last zero, carried forward
    # The figures fall in the claim's window but are not dated as precisely as it (a month's figure for
    # "on 6 November", a count of the 21st for "as of November"): a disagreement proves nothing.
    imprecise: bool = False
    # A claim said of a list of regions: (name_zh, name_en, its figures for the period, its nearest
    # figures when there are none) for each of them.
    by_region: list[tuple[str, str, list[dict], list[dict]]] = field(default_factory=list)
    # For an imprecise match: the figures from the last one dated before the claim's window (a 'now'
    # may quote a figure that old) to the first one after the claim's date, when the figures just
    # before and just after the date are within ENVELOPE_DAYS of each other. A stock between two dates
    # lies between its values at them, so a claim outside all of them is refuted.
    around: list[dict] = field(default_factory=list)


def _distance(row: dict, period: ClaimPeriod | None) -> float:
    if period is None:
        return -row["period_end"].toordinal()  # latest first
    return abs((row["period_end"] - period.end).days)


def candidates(store: Store, claim: Claim) -> Candidates:
    subject = SUBJECTS.get(claim.subject) if claim.subject else None
    if subject is None:
        return Candidates([], [])
    if len(claim.regions) > 1 and claim.period is not None and not subject.any_period:
        names = {r["code"]: (r["name_zh"], r["name_en"]) for r in store.regions}
        by_region = []
        for code in claim.regions:
            found = candidates(store, replace(claim, region=code, regions=()))
            zh, en = names.get(code, (code, code))
            by_region.append((zh, en, found.figures, found.nearest[:1]))
        own = candidates(store, replace(claim, regions=()))
        return replace(own, by_region=by_region)
    series = [*subject.series, *(s for key in claim.alternatives for s in SUBJECTS[key].series)]
    rows = [r for s in series for r in store.series_rows(s, claim.region)]
    rows = [r for r in rows if _kind_fits(claim, r)]
    if subject.any_period:
        if claim.period is not None:  # "the peak (2015): 3,465" is also a claim about 2015
            rows += [
                r for s in subject.also for r in store.series_rows(s, claim.region) if period_matches(r, claim.period)
            ]
        return Candidates(rows, [])
    if claim.period is None:
        return Candidates([], sorted(rows, key=lambda r: _distance(r, None))[:3])
    found = [r for r in rows if period_matches(r, claim.period)]
    if not found:
        zero = _wound_down_zero(rows, claim.period)
        if zero:
            return Candidates(zero, [], carried_zero=True)
    nearest = [] if found else sorted(rows, key=lambda r: _distance(r, claim.period))[:3]
    imprecise = bool(found) and not any(_same_instant(r, claim.period) for r in found if is_point_series(r))
    imprecise = imprecise and all(is_point_series(r) for r in found)
    around = _around(rows, claim.period) if imprecise else []
    return Candidates(found, nearest, imprecise=imprecise, around=around)


# Two quarters and a little: the figures bracketing a date are at most a quarter's figures apart on each
# side. Across a whole year a stock may rise and fall (P2P platforms peaked between two year-ends).
ENVELOPE_DAYS = 200


def _around(rows: list[dict], period: ClaimPeriod) -> list[dict]:
    points = [r for r in rows if is_point_series(r)]
    before = [r["period_end"] for r in points if r["period_end"] <= period.end]
    after = [r["period_end"] for r in points if r["period_end"] >= period.end]
    if not before or not after or (min(after) - max(before)).days > ENVELOPE_DAYS:
        return []
    first = max((d for d in before if d < period.window[0]), default=max(before))
    return [r for r in points if first <= r["period_end"] <= min(after)]


def _same_instant(row: dict, period: ClaimPeriod) -> bool:
    """A stock's figure dated as precisely as the claim: one ending on the day for a day, the month's end (or
    the month's own figure) for a month, a day in the window for a part of a month; years, halves and
    quarters are their last month's figures."""
    by_day = row["period_type"] == "day"
    if period.type == "day":
        return row["period_end"] == period.end  # that day's figure, or a month's or quarter's ending on it
    if row["period_type"] == "cumulative" and _MONTH_CUMULATIVE.fullmatch(row["period_label"]):
        return period.type != "part"  # a total to a month's end: as precise as a month, quarter or year
    if period.type == "month":
        return not by_day or row["period_end"] == period.end
    if period.type == "part":
        return by_day
    return True


def _kind_fits(claim: Claim, row: dict) -> bool:
    kind = row["unit_kind"]
    if claim.unit_kind == "money":
        return kind == "money"
    if claim.unit_kind == "percent":
        return kind == "rate" and row["unit"] == "%"
    if claim.unit_kind == "months":
        return row["unit"] == "月"
    return kind == "count" or row["unit"] in ("家", "人", "件", "通")


def _wound_down_zero(rows: list[dict], period: ClaimPeriod) -> list[dict]:
    """A stock that fell to zero and has no later figure stays at zero (P2P since November 2020)."""
    points = [r for r in rows if is_point_series(r) and r["series_id"].startswith("p2p_")]
    if not points:
        return []
    last_end = max(r["period_end"] for r in points)
    last = [r for r in points if r["period_end"] == last_end]
    if period.window[0] > last_end and all(r["value"] == 0 for r in last):
        return last
    return []


def as_date(value) -> date | None:
    return value if isinstance(value, date) else None
