"""The SQL console's engine side for the dashboard: one sandboxed Database per process (separate
from the dashboard's own, with the console's memory limit), successful results cached by build."""

from __future__ import annotations

import io

import polars as pl
import streamlit as st

from etl.database import Database
from etl.output import flatten_nested
from etl.paths import resolve_db_path
from etl.sandbox import Limits, QueryResult, Sandbox

LIMITS = Limits()


@st.cache_resource(show_spinner=False)
def _sandbox(path: str) -> Sandbox:
    return Sandbox(Database(path, LIMITS.memory_limit, LIMITS.threads), LIMITS)


def sandbox() -> Sandbox:
    return _sandbox(str(resolve_db_path()))


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
