"""The dashboard's data access: one shared read-only Database per process, query results cached
by the database's build id, so a rebuilt (swapped) file is picked up without a restart.
Streamlit is used here only for its caches.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import queries
from etl.database import Database, DatabaseUnavailable
from etl.paths import resolve_db_path

__all__ = ["DatabaseUnavailable", "build_info", "query", "series_catalogue", "series_observations"]


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    return Database(path)


def database() -> Database:
    return _database(str(resolve_db_path()))


def _run(sql: str, params: tuple = ()) -> pl.DataFrame:
    cursor = database().cursor()
    try:
        return cursor.sql(sql, params=list(params)).pl()
    finally:
        cursor.close()


def build_info() -> dict:
    """Build id and time; raises DatabaseUnavailable when there is no usable database."""
    frame = _run(queries.BUILD_INFO)
    if frame.is_empty():
        raise DatabaseUnavailable("the database has no build_info row: rebuild it with `make build`")
    return frame.row(0, named=True)


@st.cache_data(show_spinner=False, ttl=3600, max_entries=256)
def _cached(build_id: str, sql: str, params: tuple) -> pl.DataFrame:
    # build_id is part of the key only: a new build means new results.
    return _run(sql, params)


def query(sql: str, params: tuple = ()) -> pl.DataFrame:
    return _cached(build_info()["build_id"], sql, params)


def series_catalogue() -> pl.DataFrame:
    return query(queries.SERIES)


def series_observations(series_id: str, region: str = "CN") -> pl.DataFrame:
    return query(queries.SERIES_OBSERVATIONS, (series_id, region))
