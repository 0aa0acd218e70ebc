"""The one module that opens DuckDB files.

Readers (dashboard, `info`, later the SQL console) get a read-only connection with external
access off and the configuration locked, so a query can read the database and nothing else.
The build gets a read-write connection to a new temporary file, never to the live one.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

import duckdb

from etl.paths import display_path


class DatabaseUnavailable(Exception):
    """The database file is missing or cannot be opened; the message says how to fix it."""


# One process may hold only one configuration per database file (DuckDB refuses a second connection
# with different settings), so the dashboard and its SQL console share these.
DEFAULT_MEMORY_LIMIT = "1GB"
DEFAULT_THREADS = 2


def read_only_config(
    memory_limit: str = DEFAULT_MEMORY_LIMIT, threads: int = DEFAULT_THREADS, temp_directory: str | None = None
) -> dict:
    """The sandbox, in the engine: no files, no network, no extensions, no Python objects, bounded
    memory and threads, no spilling to disk, and the configuration locked so SQL cannot undo it.
    Order matters: lock_configuration comes last, or the settings after it could not be applied.
    temp_directory="" (the SQL console's workers) also closes the one folder DuckDB would still let a
    statement write into, `<db>.tmp/`, and keeps the database's path out of the settings."""
    extra = {} if temp_directory is None else {"temp_directory": temp_directory}
    return {
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "python_enable_replacements": False,
        "threads": threads,
        "memory_limit": memory_limit,
        "max_temp_directory_size": "0KB",
        **extra,
        "lock_configuration": True,
    }


BUILD_HINT = "build it with `make build` (or `python -m etl build`)"


def connect_read_only(
    path: Path,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    threads: int = DEFAULT_THREADS,
    temp_directory: str | None = None,
) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not path.exists():
        raise DatabaseUnavailable(f"no database at {display_path(path)}: {BUILD_HINT}")
    try:
        con = duckdb.connect(str(path), read_only=True, config=read_only_config(memory_limit, threads, temp_directory))
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise DatabaseUnavailable(
            f"cannot open {display_path(path)} ({type(exc).__name__}: {first_line[:200]}); rebuild it: {BUILD_HINT}"
        ) from None
    try:
        check_schema(con, path)
    except BaseException:
        con.close()
        raise
    return con


SCHEMA_FILE = Path(__file__).with_name("schema.sql")
COLUMNS_SQL = (
    "SELECT table_name, column_name, data_type FROM duckdb_columns() "
    "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal"
)
REBUILD_HINT = "rebuild it with `make build` (or `python -m etl build`)"


@functools.cache
def expected_columns() -> frozenset[tuple[str, str, str]]:
    """(table, column, type) of every table this version's schema.sql creates."""
    with duckdb.connect(":memory:") as con:
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        return frozenset(con.sql(COLUMNS_SQL).fetchall())


def check_schema(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The file's tables and columns are this version's, and it says which build it is; otherwise
    every page and command would fail later with a missing-table error. One cheap catalogue query."""
    try:
        found = set(con.sql(COLUMNS_SQL).fetchall())
        missing = sorted(expected_columns() - found)
        rows = None if missing else con.sql("SELECT count(*) FROM build_info").fetchall()[0][0]
    except duckdb.Error as exc:
        missing, rows = [("?", "?", type(exc).__name__)], None
    if missing:
        tables = sorted({table for table, _, _ in missing})
        what = f"missing or different: {', '.join(tables[:5])}" + (" …" if len(tables) > 5 else "")
        raise DatabaseUnavailable(
            f"{display_path(path)} is not a Lendscope database of this version ({what}); {REBUILD_HINT}"
        )
    if rows != 1:
        raise DatabaseUnavailable(
            f"{display_path(path)} is not a Lendscope database of this version (build_info holds {rows} rows, "
            f"not one); {REBUILD_HINT}"
        )


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame, select: str = "*") -> None:
    """Insert a polars frame's rows, matched by column name, through Arrow: one statement whatever
    the row count (executemany costs a statement per row: 130 ms for the claims' 200 rows)."""
    con.register("incoming", frame.to_arrow())
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT {select} FROM incoming")
    finally:
        con.unregister("incoming")


def connect_for_build(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to a fresh file (the caller makes sure nobody else uses it)."""
    return duckdb.connect(str(path), config={"threads": 2})


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """Changes when the file is swapped (new inode) or rewritten; None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Database:
    """A shared read-only connection that follows the file when a build swaps it.

    DuckDB returns the cached instance for a path while any connection to it is open, so after a
    swap the old connection must be closed before a new one sees the new file.
    """

    def __init__(
        self,
        path: Path,
        memory_limit: str = DEFAULT_MEMORY_LIMIT,
        threads: int = DEFAULT_THREADS,
        temp_directory: str | None = None,
    ):
        self.path = Path(path)
        self.temp_directory = temp_directory
        self.memory_limit = memory_limit
        self.threads = threads
        self._lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one query (cursors are cheap; connections are not shared across threads)."""
        with self._lock:
            identity = file_identity(self.path)
            if self._connection is None or identity != self._identity:
                self._close_locked()
                self._connection = connect_read_only(self.path, self.memory_limit, self.threads, self.temp_directory)
                self._identity = identity
            return self._connection.cursor()

    def close(self) -> None:
        with self._lock:
            self._close_locked()

    def _close_locked(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None
                self._identity = None
