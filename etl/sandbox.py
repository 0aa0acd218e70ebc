"""Run a researcher's SQL safely: one read-only statement, a time limit, row caps.

The safety is in the engine (etl.database.read_only_config: no file or network access, no
extensions, no Python objects, locked configuration). This module adds what the engine does not:
exactly one statement of a reading kind (for a clear message), a time limit enforced by
interrupting the query's own cursor, and caps on the rows fetched, fetched as N+1 so a truncated
result says so honestly.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import itertools
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
    problem = _statement_problem(sql)
    if problem:
        raise QueryError(*problem)


@functools.lru_cache(maxsize=2048)
def _statement_problem(sql: str) -> tuple[str, str] | None:
    """Cached by text: the same query (a rerun, a shared link) is parsed once."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        return ("failed", str(exc))
    if len(statements) != 1:
        return ("refused", f"exactly one SQL statement is allowed; this text holds {len(statements)}")
    kind = statements[0].type
    if kind not in READING_STATEMENTS:
        return (
            "refused",
            f"only queries that read are allowed (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, "
            f"EXPLAIN); this is a {kind.name} statement",
        )
    return None


class Watchdog:
    """One thread for every time limit in the process: interrupts a cursor whose deadline passes.
    (A timer thread per query cost more than many of the queries it guarded.)"""

    def __init__(self):
        self._heap: list[tuple[float, int, object]] = []
        self._cancelled: set[int] = set()
        self._active: set[int] = set()
        self._counter = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(self, seconds: float, on_timeout) -> int:
        token = next(self._counter)
        with self._wake:
            heapq.heappush(self._heap, (time.monotonic() + seconds, token, on_timeout))
            self._active.add(token)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="lendscope-query-watchdog", daemon=True)
                self._thread.start()
            self._wake.notify()
        return token

    def cancel(self, token: int) -> None:
        with self._wake:
            if token in self._active:  # not fired yet
                self._active.discard(token)
                self._cancelled.add(token)

    def _run(self) -> None:
        with self._wake:
            while True:
                while self._heap and self._heap[0][1] in self._cancelled:
                    self._cancelled.discard(heapq.heappop(self._heap)[1])
                if not self._heap:
                    self._wake.wait(timeout=60)
                    if not self._heap:
                        self._thread = None
                        return
                    continue
                deadline, _, on_timeout = self._heap[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._wake.wait(timeout=delay)
                    continue
                _, token, _ = heapq.heappop(self._heap)
                self._active.discard(token)
                # A failing callback must not stop the time limits of everyone else.
                with contextlib.suppress(Exception):
                    on_timeout()


WATCHDOG = Watchdog()


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

        started = time.perf_counter()
        token = WATCHDOG.start(self.limits.timeout_seconds, stop)
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
            WATCHDOG.cancel(token)
            cursor.close()
        seconds = time.perf_counter() - started
        truncated = frame.height > cap
        return QueryResult(frame.head(cap), truncated, cap, seconds, types)
