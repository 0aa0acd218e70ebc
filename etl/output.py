"""Write a result frame as a table, CSV, JSON or Parquet (in Python, never with SQL COPY)."""

from __future__ import annotations

import sys

import polars as pl


def format_number(value: float) -> str:
    """All the digits a figure has, none it lacks: 12245.87 -> '12245.87', 1575.0 -> '1575'."""
    return f"{value:.10f}".rstrip("0").rstrip(".")


def write_frame(frame: pl.DataFrame, fmt: str, out: str | None) -> None:
    if fmt == "parquet":
        frame.write_parquet(out)
        return
    if fmt == "csv":
        text = frame.write_csv()
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
