"""Run a researcher's SQL safely: one read-only statement, a time limit, row caps.

The safety is in the engine (etl.database.read_only_config: no file or network access, no
extensions, no Python objects, locked configuration). This module adds what the engine does not:
exactly one statement of a reading kind (for a clear message), a time limit enforced by
interrupting the query's own cursor, and caps on the rows fetched, fetched as N+1 so a truncated
result says so honestly.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import duckdb
import polars as pl

from etl.database import DEFAULT_MEMORY_LIMIT, DEFAULT_THREADS, Database

READING_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


@dataclass(frozen=True)
class Limits:
    timeout_seconds: float = 5.0
    display_rows: int = 10_000
    export_rows: int = 1_000_000
    memory_limit: str = DEFAULT_MEMORY_LIMIT
    threads: int = DEFAULT_THREADS


class QueryError(Exception):
    """kind: refused (not allowed), failed (DuckDB error), timeout, memory."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


@dataclass
class QueryResult:
    frame: pl.DataFrame
    truncated: bool
    row_cap: int
    seconds: float
    column_types: list[str] = field(default_factory=list)


def check_statement(sql: str) -> None:
    """Exactly one statement, and one that only reads."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError("failed", str(exc)) from None
    if len(statements) != 1:
        raise QueryError("refused", f"exactly one SQL statement is allowed; this text holds {len(statements)}")
    kind = statements[0].type
    if kind not in READING_STATEMENTS:
        raise QueryError(
            "refused",
            f"only queries that read are allowed (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, "
            f"EXPLAIN); this is a {kind.name} statement",
        )


class Sandbox:
    def __init__(self, database: Database, limits: Limits | None = None):
        self.database = database
        self.limits = limits or Limits()

    def run(self, sql: str, params: dict | list | None = None, max_rows: int | None = None) -> QueryResult:
        check_statement(sql)
        cap = self.limits.display_rows if max_rows is None else max_rows
        cursor = self.database.cursor()
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            cursor.interrupt()

        timer = threading.Timer(self.limits.timeout_seconds, stop)
        started = time.perf_counter()
        timer.start()
        try:
            relation = cursor.sql(sql, params=params)
            if relation is None:  # defensive: a statement that returns nothing
                raise QueryError("refused", "the statement returns no result")
            types = [str(t) for t in relation.types]
            frame = relation.limit(cap + 1).pl()
        except duckdb.InterruptException:
            raise QueryError(
                "timeout", f"the query was stopped at the {self.limits.timeout_seconds:g} s time limit"
            ) from None
        except duckdb.OutOfMemoryException as exc:
            raise QueryError(
                "memory",
                f"the query needs more memory than its {self.limits.memory_limit} limit: {str(exc).splitlines()[0]}",
            ) from None
        except duckdb.Error as exc:
            if timed_out.is_set():
                raise QueryError(
                    "timeout", f"the query was stopped at the {self.limits.timeout_seconds:g} s time limit"
                ) from None
            raise QueryError("failed", str(exc)) from None
        finally:
            timer.cancel()
            cursor.close()
        seconds = time.perf_counter() - started
        truncated = frame.height > cap
        return QueryResult(frame.head(cap), truncated, cap, seconds, types)
