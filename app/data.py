"""The dashboard's data access: one shared read-only Database per process, query results cached
by the database's build id, so a rebuilt (swapped) file is picked up without a restart and no
query runs twice for one build. Streamlit is used here only for its caches.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from app import queries
from etl import named_queries
from etl.database import Database, DatabaseUnavailable, file_identity
from etl.paths import resolve_db_path

__all__ = ["DatabaseUnavailable", "build_info", "query"]


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    return Database(path)


def database() -> Database:
    return _database(str(resolve_db_path()))


def _run(sql: str, params: tuple | dict = ()) -> pl.DataFrame:
    cursor = database().cursor()
    try:
        bound = params if isinstance(params, dict) else list(params)
        return cursor.sql(sql, params=bound or None).pl()
    finally:
        cursor.close()


# path -> (file identity, build info). A build swaps in a new file (new inode), so the file's identity
# says whether the row can have changed: one stat per call instead of a query on every rerun.
_BUILD_INFO: dict[str, tuple[tuple[int, int, int], dict]] = {}


def build_info() -> dict:
    """Build id and time; re-read only when the file changed (a swap), so a new build is noticed at
    the next rerun. Raises DatabaseUnavailable when there is no usable database."""
    path = str(resolve_db_path())
    identity = file_identity(Path(path))
    known = _BUILD_INFO.get(path)
    if identity is not None and known is not None and known[0] == identity:
        return known[1]
    info = _read_build_info()
    if identity is not None:
        _BUILD_INFO[path] = (identity, info)
    return info


def _read_build_info() -> dict:
    try:
        frame = _run(queries.BUILD_INFO)
    except DatabaseUnavailable:
        raise
    except Exception as exc:  # a file that opens but is not a Lendscope database
        raise DatabaseUnavailable(f"{type(exc).__name__}: {exc}; rebuild it with `make build`") from exc
    if frame.is_empty():
        raise DatabaseUnavailable("the database has no build_info row: rebuild it with `make build`")
    return frame.row(0, named=True)


# Bounded: a few hundred distinct queries per build, an hour at most, so memory levels off.
@st.cache_data(show_spinner=False, ttl=3600, max_entries=512)
def _cached(build_id: str, sql: str, params: tuple) -> pl.DataFrame:
    # build_id is part of the key only: a new build means new results.
    return _run(sql, params)


def query(sql: str, params: tuple = (), build_id: str | None = None) -> pl.DataFrame:
    return _cached(build_id or build_info()["build_id"], sql, params)


@st.cache_data(show_spinner=False, ttl=3600, max_entries=512)
def _cached_named(build_id: str, name: str, items: tuple) -> pl.DataFrame:
    named = _named_query(name)
    return _run(named.sql, named.bind(dict(items)))


@st.cache_resource(show_spinner=False)
def _named_query(name: str) -> named_queries.NamedQuery:
    return named_queries.get(name)


def named(name: str, build_id: str, **params) -> pl.DataFrame:
    """A named query of queries/ (the one home of chart SQL), its parameters bound by name."""
    return _cached_named(build_id, name, tuple(sorted(params.items())))


def series_catalogue(build_id: str) -> pl.DataFrame:
    return query(queries.SERIES, build_id=build_id)


def series_observations(build_id: str, series_id: str, region: str = "CN") -> pl.DataFrame:
    return named("series_by_publisher", build_id, series=series_id, region=region)


def events(build_id: str) -> pl.DataFrame:
    return named("regulation_events", build_id)
