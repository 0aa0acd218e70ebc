"""Find where a number comes from: every observation that matches it within rounding, also across
unit scales (万 / 亿 / 万亿, billion / million, % vs a fraction). Pure: works on a frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import polars as pl

from etl.output import format_number

# Observation units -> factor to a base quantity (yuan for money, the count itself otherwise).
UNIT_TO_BASE = {"亿元": Decimal(10) ** 8, "元": Decimal(1), "家": Decimal(1), "人": Decimal(1), "件": Decimal(1)}

# Ways a number is written, with the factor to the base quantity.
SCALE_WORDS = {
    "": Decimal(1),
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "万亿": Decimal(10) ** 12,
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
_NUMBER = re.compile(
    r"^\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*(万亿|万|亿|thousand|million|billion|trillion|%)?\s*(元|家|人|件|yuan)?\s*$",
    re.IGNORECASE,
)


class FinderError(ValueError):
    pass


@dataclass(frozen=True)
class Reading:
    """One interpretation of the number searched for."""

    base_value: Decimal  # in base units (or percent for rates)
    tolerance: Decimal  # half a unit of the last digit written, in the same units
    label: str  # how it was read, e.g. "1.22 × 万亿"
    is_rate: bool


def _half_ulp(text: str) -> Decimal:
    digits = text.split(".", 1)
    decimals = len(digits[1]) if len(digits) == 2 else 0
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


def readings(query: str) -> list[Reading]:
    """All the ways `query` may be meant: written scale if given, otherwise every scale."""
    m = _NUMBER.match(query)
    if not m:
        raise FinderError(f"not a number: {query!r} (examples: 1575, 1.22万亿, 35.76 billion, 9.45%)")
    text = m[1].replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise FinderError(f"not a number: {query!r}") from None
    half = _half_ulp(text)
    scale = (m[2] or "").lower()
    if scale == "%":
        return [Reading(number, half, f"{text}%", True)]
    scales = {scale: SCALE_WORDS[scale]} if scale else SCALE_WORDS
    out = [
        Reading(number * factor, half * factor, f"{text} × {word}" if word else text, False)
        for word, factor in scales.items()
    ]
    if not scale:
        # A bare number may also be a rate written as a percentage or as a fraction.
        out.append(Reading(number, half, f"{text}%", True))
        out.append(Reading(number * 100, half * 100, f"{text} as a fraction = {number * 100}%", True))
    return out


def _observation_half_ulp(value: float) -> Decimal:
    return _half_ulp(format_number(value))


def find(frame: pl.DataFrame, query: str, year: int | None = None, unit: str | None = None) -> pl.DataFrame:
    """Observations matching `query`. `frame` needs value, unit, unit_kind, period_end (date) columns."""
    found = []
    candidates = readings(query)
    for row in frame.iter_rows(named=True):
        if year is not None and row["period_end"].year != year:
            continue
        if unit is not None and row["unit"] != unit:
            continue
        value = Decimal(repr(row["value"]))
        is_rate = row["unit_kind"] == "rate"
        factor = Decimal(1) if is_rate else UNIT_TO_BASE.get(row["unit"])
        if factor is None:
            continue
        base = value * factor
        own_tolerance = _observation_half_ulp(row["value"]) * factor
        for reading in candidates:
            if reading.is_rate != is_rate:
                continue
            gap = abs(base - reading.base_value)
            if gap <= max(reading.tolerance, own_tolerance):
                closeness = float(gap / reading.base_value) if reading.base_value else float(gap)
                found.append({**row, "read_as": reading.label, "relative_gap": closeness})
                break
    if not found:
        return frame.clear().with_columns(read_as=pl.lit(None, pl.String), relative_gap=pl.lit(None, pl.Float64))
    result = pl.DataFrame(found, schema={**frame.schema, "read_as": pl.String, "relative_gap": pl.Float64})
    reliability_order = pl.col("reliability").replace_strict({"high": 0, "medium": 1, "low": 2}, default=3)
    return result.sort([pl.col("relative_gap"), reliability_order, pl.col("period_end")])


FINDER_SQL = """
SELECT o.series_id, s.name_en AS series_name_en, s.name_zh AS series_name_zh, o.period_label, o.period_end,
       o.region, o.publisher_id, p.name_zh AS publisher_zh, o.value, o.unit, u.kind AS unit_kind, o.qualifier,
       o.derived, o.reliability, src.url AS source_url, src.title AS source_title, o.excerpt,
       o.obs_id, o.period_type, o.period_start, o.vintage, s.measure, p.name_en AS publisher_en
FROM observations o
JOIN series s USING (series_id)
JOIN units u ON u.unit = o.unit
JOIN publishers p USING (publisher_id)
JOIN sources src USING (source_id)
"""
