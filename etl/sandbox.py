"""Run a researcher's SQL safely: one read-only statement, a time limit, row and byte caps.

Two walls. The outer one is a worker process with operating-system limits (etl.isolation): the
parent kills it at a wall-clock deadline, and its address space and CPU time are capped, which
also bounds the work DuckDB does while *planning* (constant folding ignores both `interrupt()` and
`memory_limit`). The inner one is the engine (etl.database.read_only_config: no file or network
access, no extensions, no Python objects, locked configuration).

This module is the part that runs inside the worker: the statement check on DuckDB's parse tree
(for a clear message, and to refuse what reveals the server: settings, database paths), a time
limit by interrupting the query's own cursor (the worker stays warm for ordinary runaways), caps on
rows fetched (N+1, so a truncated result says so) and on result bytes, and the scrubbing of server
paths from every message and result.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import itertools
import json
import os
import re
import threading
import time
from dataclasses import dataclass, field

import duckdb
import polars as pl
import pyarrow as pa

from etl.database import DEFAULT_THREADS, Database

READING_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}

# Functions and views whose output names server paths, settings, secrets or the machine, and the
# two that run SQL held in a string (which the check could not see). Checked on the parse tree.
REVEALING_NAMES = frozenset(
    {
        "duckdb_databases", "pragma_database_list", "duckdb_settings", "current_setting", "getvariable",
        "duckdb_variables", "duckdb_secrets", "which_secret", "duckdb_secret_types", "duckdb_temporary_files",
        "duckdb_extensions", "duckdb_external_file_cache", "duckdb_logs", "duckdb_log_contexts", "duckdb_memory",
        "duckdb_prepared_statements", "duckdb_connection_count", "duckdb_approx_database_count",
        "pragma_user_agent", "user_agent", "pragma_platform", "pragma_metadata_info", "pragma_storage_info",
        "pragma_database_size", "database_size", "duckdb_optimizers", "query", "query_table",
    }
)  # fmt: skip

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    timeout_seconds: float = 5.0
    display_rows: int = 10_000
    export_rows: int = 1_000_000
    memory_limit: str = "1GB"
    threads: int = DEFAULT_THREADS
    max_sql_chars: int = 100_000
    # What one result may weigh: far below Streamlit's 200 MB message limit, and what the server
    # holds per session at most.
    display_bytes: int = 8 * MiB
    # A download file: the worker writes at most this much, then stops and says so in the file.
    export_bytes: int = 64 * MiB
    # Exports take longer than a look at the first rows; still a hard deadline.
    export_timeout_seconds: float = 30.0
    # Address space of a worker above what it uses when idle: DuckDB's memory_limit plus room
    # for Python, Arrow and the result being serialised.
    worker_headroom_bytes: int = 384 * MiB


class QueryError(Exception):
    """kind: refused (not allowed), failed (DuckDB error), timeout, memory, busy."""

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
    # "rows" when cut at the row cap, "bytes" when cut to stay under the byte cap.
    truncated_by: str | None = None


def check_statement(sql: str, max_chars: int = Limits.max_sql_chars) -> None:
    """Exactly one statement, one that only reads (also under EXPLAIN), and nothing that reveals
    the server."""
    if len(sql) > max_chars:
        raise QueryError("refused", f"the SQL text is {len(sql):,} characters; the limit is {max_chars:,}")
    problem = _statement_problem(sql)
    if problem:
        raise QueryError(*problem)


@functools.lru_cache(maxsize=512)
def _statement_problem(sql: str) -> tuple[str, str] | None:
    """Cached by text: the same query (a rerun, a shared link) is parsed once. The usual case, one
    plain SELECT, takes one parse: json_serialize_sql serialises SELECT statements only, so a tree
    with one statement is the whole check; anything else takes the longer way for its message."""
    tree = _serialized(sql)
    if not tree.get("error") and len(tree.get("statements") or []) == 1:
        return _names_problem(_names_in(tree))
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        return ("failed", str(exc))
    if len(statements) != 1:
        return ("refused", f"exactly one SQL statement is allowed; this text holds {len(statements)}")
    return _reading_problem(statements[0].query or sql, statements[0].type, wrapped=False)


def _reading_problem(text: str, kind, wrapped: bool) -> tuple[str, str] | None:
    if kind == duckdb.StatementType.EXPLAIN and not wrapped:
        inner = _explained_text(text)
        try:
            statements = duckdb.extract_statements(inner) if inner.strip() else []
        except duckdb.Error as exc:
            return ("failed", str(exc))
        if len(statements) != 1:
            return ("refused", "EXPLAIN must wrap exactly one statement")
        return _reading_problem(statements[0].query or inner, statements[0].type, wrapped=True)
    if kind == duckdb.StatementType.MULTI and _first_keyword(text) in ("PIVOT", "UNPIVOT", "PIVOT_WIDER"):
        # A PIVOT without an IN list: DuckDB first reads the distinct values, then selects.
        return _names_problem(_token_names(text))
    if kind != duckdb.StatementType.SELECT:
        where = "EXPLAIN wraps" if wrapped else "this is"
        return (
            "refused",
            f"only queries that read are allowed (SELECT, WITH, FROM, VALUES, PIVOT, DESCRIBE, SHOW, SUMMARIZE, "
            f"EXPLAIN of one of them); {where} a {kind.name} statement",
        )
    return _names_problem(_tree_names(text))


def _tokens(text: str) -> list[tuple[str, object]]:
    tokens = duckdb.tokenize(text)
    ends = [p for p, _ in tokens[1:]] + [len(text)]
    return [(text[p:end].strip(), kind) for (p, kind), end in zip(tokens, ends, strict=True)]


def _first_keyword(text: str) -> str:
    for word, kind in _tokens(text):
        if kind != duckdb.token_type.comment:
            return word.upper()
    return ""


def _explained_text(text: str) -> str:
    """The statement an EXPLAIN wraps: after EXPLAIN, an optional ANALYZE and an optional (options),
    comments anywhere between them."""
    positions = [p for p, _ in duckdb.tokenize(text)]
    words = [
        (w, pos) for (w, kind), pos in zip(_tokens(text), positions, strict=True) if kind != duckdb.token_type.comment
    ]
    i = 1  # past EXPLAIN
    if i < len(words) and words[i][0].upper() in ("ANALYZE", "ANALYSE"):
        i += 1
    if i < len(words) and words[i][0] == "(":
        depth = 0
        while i < len(words):
            depth += words[i][0].count("(") - words[i][0].count(")")
            i += 1
            if depth <= 0:
                break
    return text[words[i][1] :] if i < len(words) else ""


def _token_names(text: str) -> set[str]:
    kinds = (duckdb.token_type.identifier, duckdb.token_type.keyword)
    return {word.strip('"').lower() for word, kind in _tokens(text) if kind in kinds}


_PARSER_LOCK = threading.Lock()


@functools.cache
def _parser() -> duckdb.DuckDBPyConnection:
    """An empty in-memory engine that only parses (json_serialize_sql), sandboxed like the rest."""
    return duckdb.connect(
        ":memory:",
        config={"enable_external_access": False, "autoload_known_extensions": False, "threads": 1,
                "memory_limit": "64MB", "lock_configuration": True},
    )  # fmt: skip


def _serialized(text: str) -> dict:
    """DuckDB's parse tree of the text as JSON (an "error" entry for what it cannot serialise)."""
    with _PARSER_LOCK:
        cursor = _parser().cursor()
    try:
        return json.loads(cursor.execute("SELECT json_serialize_sql(?)", [text]).fetchall()[0][0])
    finally:
        cursor.close()


def _tree_names(text: str) -> set[str]:
    """Every function and table named anywhere in the statement's parse tree."""
    tree = _serialized(text)
    if tree.get("error"):  # not serialisable (some SELECT forms): fall back to the tokens
        return _token_names(text)
    return _names_in(tree)


def _names_in(tree: dict) -> set[str]:
    names: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in ("function_name", "table_name"):
                if isinstance(node.get(key), str):
                    names.add(node[key].lower())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return names


def _names_problem(names: set[str]) -> tuple[str, str] | None:
    revealing = sorted(names & REVEALING_NAMES)
    if revealing:
        return (
            "refused",
            f"{revealing[0]} is not available here: it shows the server's settings, files or machine "
            "(or runs SQL held in a string)",
        )
    return None


# Absolute paths with at least two parts (/srv/x, /root/.duckdb/...): a server path in a message.
_ABSOLUTE_PATH = re.compile(r"(?<![\w./~])/(?:[^\s/\"'`(),;]+/)+[^\s/\"'`(),;]*")


def server_paths(database_path) -> list[tuple[str, str]]:
    """Paths this server would give away, longest first, with what to write instead."""
    from etl.paths import ROOT

    db = os.path.abspath(database_path)
    pairs = [(db, "<database>"), (os.path.dirname(db), "<server path>"), (str(ROOT), "<server path>")]
    home = os.path.expanduser("~")
    if home not in ("", "/"):
        pairs.append((home, "<server path>"))
    return sorted({p for p in pairs if len(p[0]) > 1}, key=lambda p: -len(p[0]))


def scrub_message(text: str, paths: list[tuple[str, str]] = ()) -> str:
    """An error text without server paths. The SQL echo (`LINE n:` and its caret) is the user's own
    text and keeps its layout, so the caret stays under the right column."""
    lines = text.split("\n")
    out = []
    echo = False
    for line in lines:
        if line.startswith("LINE ") or (echo and set(line) <= {" ", "^"}):
            echo = line.startswith("LINE ")
            out.append(line)
            continue
        echo = False
        for path, replacement in paths:
            line = line.replace(path, replacement)
        out.append(_ABSOLUTE_PATH.sub("<path>", line))
    return "\n".join(out)


def _needles(paths: list[tuple[str, str]]) -> list[bytes]:
    """The shortest texts whose absence proves every path absent: a path that contains another
    (the database's path holds its folder's) cannot be in a cell the other is not in."""
    texts = {path for path, _ in paths}
    return [t.encode() for t in texts if not any(o != t and o in t for o in texts)]


def _may_hold(column: pa.ChunkedArray, needles: list[bytes]) -> bool:
    """Whether any cell could hold a needle: one search of each chunk's character data (a cell's
    text is contiguous there, so a needle in a cell is always found; text that only spans two
    cells, or lies outside a slice, is a false alarm that costs a replace, never a miss). A regex
    over every cell took 0.3-1 ms a query, more than the rest of the worker's own work."""
    for chunk in column.chunks:
        data = chunk.buffers()[2]
        if data is not None and data.size:
            text = data.to_pybytes()
            if any(needle in text for needle in needles):
                return True
    return False


def scrub_table(table: pa.Table, paths: list[tuple[str, str]]) -> pa.Table:
    """Blank the server's paths in string cells too (a second wall behind the name check)."""
    import pyarrow.compute as pc

    if not paths:
        return table
    needles = _needles(paths)
    columns = []
    changed = False
    for column in table.columns:
        if (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)) and _may_hold(column, needles):
            for path, replacement in paths:
                column = pc.replace_substring(column, path, replacement)
            changed = True
        columns.append(column)
    return pa.table(columns, schema=table.schema) if changed else table


def fit_bytes(table: pa.Table, max_bytes: int) -> tuple[pa.Table, bool]:
    """The longest prefix of the table within max_bytes (a second cap behind the row cap)."""
    if table.nbytes <= max_bytes:
        return table, False
    rows = int(table.num_rows * max_bytes / max(table.nbytes, 1))
    while rows > 0 and table.slice(0, rows).nbytes > max_bytes:
        rows //= 2
    return table.slice(0, rows), True


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
        deadline = time.monotonic() + seconds
        with self._wake:
            # Wake the thread only when this deadline comes before the one it sleeps towards (it
            # wakes for that one anyway): a wake-up per query cost the worker a thread switch.
            earlier = not self._heap or deadline < self._heap[0][0]
            heapq.heappush(self._heap, (deadline, token, on_timeout))
            self._active.add(token)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="lendscope-query-watchdog", daemon=True)
                self._thread.start()
            elif earlier:
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


def timeout_message(seconds: float) -> str:
    return f"the query was stopped at the {seconds:g} s time limit"


class Sandbox:
    """The engine side: runs in a worker process (etl.isolation), or in-process for tests."""

    def __init__(self, database: Database, limits: Limits | None = None, paths: list | None = None):
        self.database = database
        self.limits = limits or Limits()
        # A worker runs with a neutral HOME, so the server passes the paths it would give away.
        self.paths = [tuple(p) for p in paths] if paths else server_paths(database.path)

    def _error(self, exc: duckdb.Error, timed_out: bool, seconds: float) -> QueryError:
        if timed_out or isinstance(exc, duckdb.InterruptException):
            return QueryError("timeout", timeout_message(seconds))
        text = scrub_message(str(exc), self.paths)
        if isinstance(exc, duckdb.OutOfMemoryException):
            return QueryError(
                "memory", f"the query needs more memory than its {self.limits.memory_limit} limit: {text}"
            )
        return QueryError("failed", text)

    @contextlib.contextmanager
    def _relation(self, sql: str, params, seconds: float):
        """The statement checked and bound, on its own cursor, interrupted at the time limit."""
        check_statement(sql, self.limits.max_sql_chars)
        cursor = self.database.cursor()
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            cursor.interrupt()

        token = WATCHDOG.start(seconds, stop)
        try:
            relation = cursor.sql(sql, params=params or None)
            if relation is None:  # defensive: a statement that returns nothing
                raise QueryError("refused", "the statement returns no result")
            yield relation
        except duckdb.Error as exc:
            raise self._error(exc, timed_out.is_set(), seconds) from None
        finally:
            WATCHDOG.cancel(token)
            cursor.close()

    def arrow(self, sql: str, params=None, max_rows: int | None = None) -> tuple[pa.Table, dict]:
        """The first rows as Arrow (cap + 1 fetched), cut to the byte cap, paths blanked."""
        cap = self.limits.display_rows if max_rows is None else max_rows
        started = time.perf_counter()
        with self._relation(sql, params, self.limits.timeout_seconds) as relation:
            types = [str(t) for t in relation.types]
            table = relation.limit(cap + 1).to_arrow_table()
        truncated_by = "rows" if table.num_rows > cap else None
        table, cut = fit_bytes(table.slice(0, cap), self.limits.display_bytes)
        table = scrub_table(table, self.paths)
        if cut:
            truncated_by = "bytes"
        info = {"seconds": time.perf_counter() - started, "types": types, "truncated_by": truncated_by, "cap": cap}
        return table, info

    def run(self, sql: str, params: dict | list | None = None, max_rows: int | None = None) -> QueryResult:
        table, info = self.arrow(sql, params, max_rows)
        return result_from_arrow(table, info)

    def export(self, sql: str, params, fmt: str, meta: dict) -> tuple[bytes, dict]:
        """A download file written from the result's batches, stopping at the row and byte caps."""
        from etl.result_files import write_export

        started = time.perf_counter()
        with self._relation(sql, params, self.limits.export_timeout_seconds) as relation:
            reader = relation.limit(self.limits.export_rows + 1).to_arrow_reader(batch_size=20_000)
            batches = (scrub_table(pa.Table.from_batches([b]), self.paths) for b in reader)
            try:
                content, info = write_export(
                    batches, fmt, meta, self.limits.export_rows, self.limits.export_bytes, reader.schema
                )
            except duckdb.Error as exc:  # raised while the batches are read
                raise self._error(exc, False, self.limits.export_timeout_seconds) from None
        info["seconds"] = time.perf_counter() - started
        return content, info


def result_from_arrow(table: pa.Table, info: dict) -> QueryResult:
    frame = pl.from_arrow(table)
    if isinstance(frame, pl.Series):
        frame = frame.to_frame()
    truncated_by = info.get("truncated_by")
    return QueryResult(frame, truncated_by is not None, info["cap"], info["seconds"], info["types"], truncated_by)
