"""Build the database: read -> validate -> transform -> load into a temporary file -> hash ->
checkpoint -> close -> os.replace. The live file is only ever replaced whole, so a failed or
killed build leaves the previous database byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

import etl
from etl import claims
from etl.database import DatabaseUnavailable, connect_for_build, insert_frame
from etl.inputs import read_inputs
from etl.named_queries import QUERIES_DIR
from etl.paths import DATA_DIR, display_path
from etl.problems import InputError, Problem
from etl.transform import OBSERVATION_ID_SQL, OBSERVATION_KEY_COLUMN, to_frames
from etl.validate import validate

SCHEMA = Path(__file__).with_name("schema.sql")
# Tables whose content the build hashes (build_* tables describe the build itself).
CONTENT_TABLES = (
    "units",
    "publishers",
    "regions",
    "sources",
    "series",
    "observations",
    "event_categories",
    "events",
    "collection_methods",
    "collection_method_rules",
    "collection_method_evidence",
    "claims",
    "claim_evidence",
)
# For tests of the atomic swap only: seconds to wait after the temporary file is complete and
# before it replaces the live one, so a test can kill the build at that moment.
PAUSE_ENV = "LENDSCOPE_BUILD_PAUSE_BEFORE_SWAP"


@dataclass
class BuildResult:
    path: Path
    build_id: str
    row_counts: dict[str, int]
    seconds: float


class StepTimer:
    """Prints each step with its duration, so a slow step is visible in every build log."""

    def __init__(self, log):
        self.log = log
        self.started = time.perf_counter()

    @contextlib.contextmanager
    def step(self, name: str):
        t0 = time.perf_counter()
        self.log(f"  {name} ...")
        yield
        self.log(f"  {name}: {time.perf_counter() - t0:.2f} s")


def temp_path_for(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.building-{os.getpid()}")


def remove_stale_temp_files(db_path: Path, log) -> None:
    """Temporary files left by killed builds (their process is gone) are deleted."""
    pattern = re.compile(rf"^\.{re.escape(db_path.name)}\.building-(\d+)(\.wal)?$")
    for candidate in db_path.parent.glob(f".{db_path.name}.building-*"):
        m = pattern.match(candidate.name)
        if not m or int(m[1]) == os.getpid():
            continue
        try:
            os.kill(int(m[1]), 0)
        except ProcessLookupError:
            candidate.unlink(missing_ok=True)
            log(f"  removed a temporary file left by an interrupted build: {display_path(candidate)}")
        except PermissionError:
            pass  # another user's live process


def table_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """Row count and a content hash per table: DuckDB's hash() of each whole row, summed (a
    multiset hash: row order does not matter, equal rows do not cancel), then sha256 of count and
    sum. hash() is DuckDB's own function, without a seed: the same rows give the same sum on every
    run and machine with the pinned DuckDB (build_info records the version; an upgrade may change
    every id once). Casting each row to text for md5 instead took 3.7 CPU-s of a 1e6-row build, this
    0.1 s; one query for all tables saves a statement per table on small builds."""
    union = " UNION ALL ".join(
        f"SELECT '{table}' AS name, count(*) AS n, coalesce(sum(hash(t)::HUGEINT), 0) AS total FROM {table} AS t"
        for table in CONTENT_TABLES
    )
    rows = con.sql(f"SELECT name, n, sha256(n::VARCHAR || ':' || total::VARCHAR) FROM ({union})").fetchall()
    found = {name: (count, digest) for name, count, digest in rows}
    return {table: found[table] for table in CONTENT_TABLES}


def build(db_path: Path, data_dir: Path = DATA_DIR, log=print, queries_dir: Path = QUERIES_DIR) -> BuildResult:
    """Build `db_path` from `data_dir`. Raises InputError (every problem) on bad input."""
    timer = StepTimer(log)
    db_path = Path(db_path)
    log(f"Building {display_path(db_path)} from {display_path(data_dir)}")
    temp = temp_path_for(db_path)
    opening = _FileOpener(temp) if db_path.parent.is_dir() else None
    try:
        with timer.step("read inputs"):
            inputs = read_inputs(data_dir, queries_dir)
        with timer.step("validate"):
            problems = validate(inputs)
        if problems:
            raise InputError(problems)
        with timer.step("transform"):
            frames = to_frames(inputs)
    except BaseException:
        if opening:
            opening.discard()
        raise
    # The rows now live in `frames`: let the read copies go before loading (at 1e6 rows, 300 MB).
    inputs.observations, inputs.refreshed = [], []

    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(db_path, log)
        con = opening.connection() if opening else _open(temp)
        build_id, hashes = _write(con, temp, db_path, frames, inputs, queries_dir, timer, log)
    except (duckdb.Error, OSError) as exc:
        # A full disk, an unwritable folder, a file too large: one line, and the old database stays.
        _remove(temp)
        raise DatabaseUnavailable(
            f"cannot write the database in {display_path(db_path.parent)}: {_reason(exc)}; "
            f"the previous database{'' if db_path.exists() else ' (none)'} is kept"
        ) from None
    seconds = time.perf_counter() - timer.started
    counts = {table: count for table, (count, _) in hashes.items()}
    log(f"Built {display_path(db_path)} in {seconds:.2f} s, build id {build_id}")
    return BuildResult(db_path, build_id, counts, seconds)


def _open(temp: Path) -> duckdb.DuckDBPyConnection:
    """The temporary file, new, with the schema, inside the load's one open transaction (a commit
    per statement cost a WAL write each)."""
    _remove(temp)
    con = connect_for_build(temp)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(SCHEMA.read_text(encoding="utf-8"))
    except BaseException:
        con.close()
        raise
    return con


def _remove(temp: Path) -> None:
    for leftover in (temp, temp.with_name(temp.name + ".wal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


class _FileOpener:
    """Opens the temporary file (`_open`) on a thread of its own while the inputs are read and
    validated: DuckDB's start (about 20 ms: a new instance per file) and the schema (about 8 ms)
    release the GIL, so they overlap Python's work instead of following it. The inputs' verdict
    still comes first: on bad input the file is discarded and its own errors are never shown."""

    def __init__(self, temp: Path):
        self.temp = temp
        self._result: duckdb.DuckDBPyConnection | BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="open-build-file", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = _open(self.temp)
        except BaseException as exc:  # handed to the caller by connection()
            self._result = exc

    def connection(self) -> duckdb.DuckDBPyConnection:
        self._thread.join()
        if isinstance(self._result, BaseException):
            raise self._result
        return self._result

    def discard(self) -> None:
        self._thread.join()
        if isinstance(self._result, duckdb.DuckDBPyConnection):
            with contextlib.suppress(duckdb.Error):
                self._result.close()
        _remove(self.temp)


def _reason(exc: BaseException) -> str:
    """The cause in one line: the OS's words (No space left on device, Permission denied)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f" ({display_path(Path(exc.filename))})" if exc.filename else "")
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.split("Error: ", 1)[-1][:300]


def _write(con, temp: Path, db_path: Path, frames, inputs, queries_dir: Path, timer: StepTimer, log):
    """Load into `temp` (open on `con`, with its schema), hash, checkpoint, close, then swap it in
    for `db_path`."""
    try:
        try:
            with timer.step("load"):
                for table, frame in frames.items():
                    if table == "observations":
                        insert_frame(con, table, frame, f"* EXCLUDE ({OBSERVATION_KEY_COLUMN}), {OBSERVATION_ID_SQL}")
                    else:
                        insert_frame(con, table, frame)
                    frames[table] = None  # loaded: let the frame go (at 1e6 rows, 300 MB)
                # An index built once over the loaded rows, not row by row during the insert (2-3 x
                # cheaper at 1e6 rows); a duplicate id still fails the build here.
                con.execute("ALTER TABLE observations ADD PRIMARY KEY (obs_id)")
                check_observation_references(con)
                files = sorted((path, sha, size) for path, (sha, size) in inputs.files.items())
                schema = {"path": pl.String, "sha256": pl.String, "bytes": pl.Int64}
                insert_frame(con, "build_inputs", pl.DataFrame(files, schema=schema, orient="row"))
            # Committed before the claim queries run: they read the rows as stored, in the stored
            # order (within the open transaction a tie in a query's arg_max resolved differently).
            con.execute("COMMIT")
            con.execute("BEGIN TRANSACTION")
            with timer.step("claim check"):
                claims.load(con, claims.evaluate(con, inputs.claims, queries_dir))
            with timer.step("hash"):
                hashes = table_hashes(con)
                rows = [(table, count, digest) for table, (count, digest) in hashes.items()]
                schema = {"table_name": pl.String, "row_count": pl.Int64, "content_hash": pl.String}
                insert_frame(con, "build_tables", pl.DataFrame(rows, schema=schema, orient="row"))
                build_id = con.sql(
                    "SELECT substr(sha256(string_agg(table_name || ':' || content_hash, ',' "
                    "ORDER BY table_name)), 1, 16) FROM build_tables"
                ).fetchall()[0][0]
                con.execute(
                    "INSERT INTO build_info VALUES (?, ?, ?, ?)",
                    [build_id, datetime.now(UTC).replace(tzinfo=None), etl.__version__, duckdb.__version__],
                )
            con.execute("COMMIT")
            with timer.step("checkpoint"):
                con.execute("CHECKPOINT")
        finally:
            con.close()
        pause = float(os.environ.get(PAUSE_ENV, "0") or 0)
        if pause > 0:
            log(f"  pausing {pause} s before the swap ({PAUSE_ENV})")
            time.sleep(pause)
        with timer.step("swap"):
            # A WAL left beside the live file would be replayed onto the new file: remove it.
            db_path.with_name(db_path.name + ".wal").unlink(missing_ok=True)
            os.replace(temp, db_path)
            _fsync_dir(db_path.parent)
    except BaseException:
        _remove(temp)
        raise
    return build_id, hashes


# (column of observations, table, its key): what a declared foreign key would have enforced.
OBSERVATION_REFERENCES = (
    ("series_id", "series", "series_id"),
    ("region", "regions", "code"),
    ("publisher_id", "publishers", "publisher_id"),
    ("unit", "units", "unit"),
    ("source_id", "sources", "source_id"),
)


def check_observation_references(con: duckdb.DuckDBPyConnection, most: int = 20) -> None:
    """Every id an observation names is a row of its table: one anti-join per reference over the
    loaded rows. The validator checks the same before the load; this is the database's own wall
    (a bug in validation or transform fails the build, naming the input row, never a dangling id)."""
    parts = [
        f"SELECT input_file, input_line, '{column}' AS col, {column} AS value, '{table}' AS tbl "
        f"FROM observations o ANTI JOIN {table} t ON o.{column} = t.{key}"
        for column, table, key in OBSERVATION_REFERENCES
    ]
    rows = con.execute(f"SELECT * FROM ({' UNION ALL '.join(parts)}) ORDER BY ALL LIMIT {most}").fetchall()
    if rows:
        raise InputError(
            [Problem(f, n, col, "reference", f"{value!r} is not in the {tbl} table") for f, n, col, value, tbl in rows]
        )


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
