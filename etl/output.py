"""Write a result frame as a table, CSV, JSON or Parquet (in Python, never with SQL COPY)."""

from __future__ import annotations

import json
import sys

import polars as pl


def format_number(value: float) -> str:
    """All the digits a figure has, none it lacks: 12245.87 -> '12245.87', 1575.0 -> '1575'."""
    return f"{value:.10f}".rstrip("0").rstrip(".")


def flatten_nested(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists and structs as JSON text, for formats that hold only flat cells (CSV, XLSX)."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    return frame.with_columns(
        pl.col(name).map_elements(lambda v: json.dumps(_plain(v), ensure_ascii=False), return_dtype=pl.String)
        for name in nested
    )


def _plain(value):
    if isinstance(value, pl.Series):
        value = value.to_list()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value if isinstance(value, (int, float, str, bool, type(None))) else str(value)


def write_frame(frame: pl.DataFrame, fmt: str, out: str | None) -> None:
    if fmt == "parquet":
        frame.write_parquet(out)
        return
    if fmt == "csv":
        text = flatten_nested(frame).write_csv()
    elif fmt == "json":
        text = frame.write_json()
    else:
        with pl.Config(tbl_rows=50, tbl_cols=20, fmt_str_lengths=60, tbl_hide_dataframe_shape=True):
            text = str(frame)
    if out:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
