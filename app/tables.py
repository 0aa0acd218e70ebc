"""Tables as a reader reads them: translated headers, ids resolved to names, numbers and dates formatted
for the language, empty cells empty (never "None"). Pure (no Streamlit): a frame in, a frame of text out.

Names and numbers come from app/labels.py; header words from app/i18n.py (`col_<column>` keys). A column
with no header word keeps its own name, so a missing translation shows up in review, not as a crash.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from app import labels
from app.i18n import STRINGS, t

# Columns holding the value of a figure: formatted with the row's unit (and series, qualifier).
VALUE_COLUMNS = ("value", "peak", "latest", "from_value", "to_value", "change", "value_2014", "value_2023")
LINK_COLUMNS = ("source_url", "url")


def header(column: str, lang: str) -> str:
    key = f"col_{column}"
    return t(key, lang) if key in STRINGS else column


def _cell(column: str, value, row: dict, lang: str) -> str:
    if value is None:
        return ""
    if column in VALUE_COLUMNS and isinstance(value, (int, float)):
        unit = row.get("unit") or ""
        q = row.get("qualifier") if column == "value" else None
        return labels.number(value, unit, lang, series=row.get("series_id"), qualifier=q)
    if column in ("series_id",):
        return labels.series(value, lang)
    if column in ("publisher_id", "latest_publisher", "peak_publisher"):  # "cbirc/pboc": publishers tied
        return " / ".join(labels.publisher(one, lang) for one in str(value).split("/"))
    if column in ("publisher_zh", "publisher_en", "publisher"):
        record = {"publisher_id": row.get("publisher_id"), "publisher_zh": row.get("publisher_zh"),
                  "publisher_en": row.get("publisher_en")}  # fmt: skip
        return labels.publisher(record, lang) if row.get("publisher_id") else str(value)
    if column in ("period_label", "peak_period", "latest_period", "period", "period_2023", "first_period",
                  "last_period"):  # fmt: skip
        return labels.period(str(value), row.get("period_type") if column == "period_label" else None, lang)
    if column == "period_type":
        return labels.period_type(value, lang)
    if column == "unit":
        return labels.unit(value, lang, series=row.get("series_id"))
    if column == "qualifier":
        return labels.qualifier(value, lang)
    if column in ("reliability", "reliability_2014"):
        return labels.reliability(value, lang)
    if column == "region":
        return labels.region(value, lang)
    if column == "topic":
        return labels.topic(value, lang)
    if column == "category":
        return labels.category(value, lang)
    if column == "kind" and f"kind_{value}" in STRINGS:
        return t(f"kind_{value}", lang)
    if isinstance(value, bool):
        return t("yes", lang) if value else t("no", lang)
    if isinstance(value, datetime):
        return labels.date_label(value.date(), lang)
    if isinstance(value, date):
        return labels.date_label(value, lang)
    if isinstance(value, float):
        return labels.number(value, "", lang)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def readable(frame: pl.DataFrame, lang: str, columns: list[str] | tuple[str, ...] | None = None) -> pl.DataFrame:
    """The chosen columns (all by default, in that order, those present), as text, with translated headers.
    Two columns whose headers translate alike keep only the first (e.g. publisher_zh and publisher_en)."""
    chosen = [c for c in (columns or frame.columns) if c in frame.columns]
    out: dict[str, list[str]] = {}
    rows = frame.to_dicts()
    for column in chosen:
        name = header(column, lang)
        if name in out:
            continue
        out[name] = [_cell(column, row.get(column), row, lang) for row in rows]
    return pl.DataFrame(out, schema={name: pl.String for name in out}) if out else pl.DataFrame()


def link_headers(columns, lang: str) -> list[str]:
    """Headers (as readable() writes them) of the columns that hold a URL."""
    return [header(c, lang) for c in columns if c in LINK_COLUMNS]
