"""The SQL console's engine side for the dashboard: the sandbox runs on the dashboard's one shared
read-only Database (DuckDB allows one configuration per file and process); successful results are
cached by build."""

from __future__ import annotations

import io

import polars as pl
import streamlit as st

from app import data
from etl.output import flatten_nested
from etl.sandbox import Limits, QueryResult, Sandbox

LIMITS = Limits()


def sandbox() -> Sandbox:
    return Sandbox(data.database(), LIMITS)


# Only successful results are cached (a raised QueryError is not), bounded in entries and time.
@st.cache_data(show_spinner=False, ttl=600, max_entries=64)
def run(build_id: str, sql: str, params: tuple[tuple[str, object], ...], max_rows: int) -> QueryResult:
    return sandbox().run(sql, dict(params) or None, max_rows=max_rows)


def to_bytes(frame: pl.DataFrame, fmt: str) -> bytes:
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        return buffer.getvalue()
    if fmt == "json":
        return frame.write_json().encode("utf-8")
    return ("\ufeff" + flatten_nested(frame).write_csv()).encode("utf-8")
