"""Every console and CLI query runs in a worker process with operating-system limits.

DuckDB's own limits do not cover planning: expressions folded while a query is planned ignore
`interrupt()` and `memory_limit` (25 s and +1.7 GB measured in the server process), and a 1 MB SQL
text takes seconds to parse. A separate process bounds all of that by construction:

- address space (RLIMIT_AS) a little above the engine's memory_limit: an allocation past it fails
  inside DuckDB, which reports it as out of memory, and the server's memory is never touched;
- CPU time (RLIMIT_CPU, reset per query) as a backstop;
- a wall-clock deadline kept by the parent, which kills the worker and starts a replacement;
- caps on SQL text and result bytes before anything is sent back.

Inside the worker the engine sandbox (etl.sandbox, etl.database) stays as it was: two walls. A small
pool of warm workers (database opened read-only, settings applied and locked) serves queries with
no start-up cost. Worker -> parent messages are JSON and Arrow IPC or file bytes, never pickle, so a
worker that misbehaves cannot run code in the server.

The worker is `python -m etl.isolation` (stdin/stdout carry length-prefixed messages).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

from etl.sandbox import Limits, QueryError, QueryResult, scrub_message, server_paths, timeout_message

_LENGTH = struct.Struct("!Q")
# After the deadline the parent waits this much for the worker's own clean timeout, then kills it.
GRACE_SECONDS = 0.25
STARTUP_SECONDS = 20.0
F_SETPIPE_SZ = 1031  # Linux fcntl: set a pipe's capacity
PIPE_BYTES = 1 << 20  # the unprivileged maximum (/proc/sys/fs/pipe-max-size)


def _memory_bytes(text: str) -> int:
    units = {"kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30, "b": 1}
    value = text.strip().lower().replace(" ", "")
    for unit in sorted(units, key=len, reverse=True):
        if value.endswith(unit):
            return int(float(value[: -len(unit)]) * units[unit])
    return int(value)


# --- the parent side -----------------------------------------------------------------------------


class Worker:
    """One worker process; used by one thread at a time (the pool hands it out)."""

    def __init__(self, db_path: Path, limits: Limits):
        from etl.paths import ROOT

        self.limits = limits
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(ROOT),
            "HOME": "/nonexistent",  # DuckDB derives folders from it; nothing of the server's to show
            "LANG": "C.UTF-8",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "etl.isolation"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd="/", env=env, start_new_session=True, close_fds=True,
        )  # fmt: skip
        self._ready = False
        self._pending = bytearray()  # bytes read from the worker beyond the message being read
        # A result crosses the pipe in one piece instead of 64 kB turns of writer and reader.
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                fcntl.fcntl(stream.fileno(), F_SETPIPE_SZ, PIPE_BYTES)
        config = {"db": str(db_path), "limits": asdict(limits), "parent": os.getpid(), "paths": server_paths(db_path)}
        self._write(pickle.dumps(config))

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(Exception):
                stream.close()

    def _write(self, payload: bytes) -> None:
        self.process.stdin.write(_LENGTH.pack(len(payload)) + payload)
        self.process.stdin.flush()

    def _read_exact(self, n: int, deadline: float) -> bytes:
        """n bytes of the worker's answer. Reads take what the pipe holds (an answer is written in
        one piece, so its header and payload usually arrive in one read) and keep the rest."""
        fd = self.process.stdout.fileno()
        pending = self._pending
        while len(pending) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, max(n - len(pending), PIPE_BYTES))
            if not chunk:
                raise EOFError
            pending += chunk
        data = bytes(pending[:n])
        del pending[:n]
        return data

    def _read_message(self, deadline: float, max_bytes: int) -> bytes:
        (length,) = _LENGTH.unpack(self._read_exact(_LENGTH.size, deadline))
        if length > max_bytes:
            raise EOFError  # a worker that sends more than was asked for is not trusted further
        return self._read_exact(length, deadline)

    def wait_ready(self) -> None:
        if self._ready:
            return
        header = json.loads(self._read_message(time.monotonic() + STARTUP_SECONDS, 1 << 16))
        if not header.get("ready"):
            raise EOFError
        self._ready = True

    def call(self, request: dict, seconds: float, max_bytes: int) -> tuple[dict, bytes]:
        self.wait_ready()
        self._write(pickle.dumps(request))
        deadline = time.monotonic() + seconds + GRACE_SECONDS
        header = json.loads(self._read_message(deadline, 1 << 20))
        payload = self._read_message(deadline, max_bytes) if header.get("payload") else b""
        return header, payload


class WorkerPool:
    """A few warm workers for one database file. Thread-safe: each call borrows one worker."""

    def __init__(self, db_path, limits: Limits | None = None, size: int = 2):
        self.db_path = Path(db_path).resolve()
        self.limits = limits or Limits()
        self.size = size
        self.paths = server_paths(self.db_path)
        # Last in, first out: the worker that just answered is handed out again while its caches
        # (CPU, DuckDB's buffers, the parsed statements) are warm; the others wait for concurrency.
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._workers: set[Worker] = set()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> Worker:
        worker = Worker(self.db_path, self.limits)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        """Kill at once; reap it and start its replacement in the background, so the user hears of
        the timeout now (a killed worker can take a moment to give back a large address space)."""
        with contextlib.suppress(ProcessLookupError, OSError):
            worker.process.kill()
        threading.Thread(target=self._replace, args=(worker,), name="lendscope-worker-replace", daemon=True).start()

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
        if not self._closed:
            self._idle.put(self._spawn())

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]

    def _call(self, request: dict, seconds: float, max_bytes: int) -> tuple[dict, bytes]:
        if len(request["sql"]) > self.limits.max_sql_chars:
            raise QueryError(
                "refused",
                f"the SQL text is {len(request['sql']):,} characters; the limit is {self.limits.max_sql_chars:,}",
            )
        try:
            worker = self._idle.get(timeout=max(seconds, 1.0))
        except queue.Empty:
            raise QueryError("busy", f"all {self.size} query workers are busy; try again in a few seconds") from None
        healthy = False
        started = time.monotonic()
        try:
            if not worker.alive():
                raise EOFError
            header, payload = worker.call(request, seconds, max_bytes + (1 << 20))
            # A worker that met its memory wall keeps the address space it grew (the allocator
            # does not give it back): it is replaced, so the next query gets its whole allowance.
            healthy = header.get("ok") or header.get("kind") != "memory"
        except TimeoutError:
            raise QueryError("timeout", timeout_message(seconds)) from None
        except (EOFError, OSError, ValueError):
            raise self._death(worker, seconds, time.monotonic() - started) from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._retire(worker)
        if not header.get("ok"):
            raise QueryError(header.get("kind", "failed"), scrub_message(str(header.get("message", "")), self.paths))
        return header, payload

    def _death(self, worker: Worker, seconds: float, elapsed: float) -> QueryError:
        """Why a worker stopped answering: its CPU allowance, its memory, or a crash."""
        with contextlib.suppress(Exception):
            worker.process.wait(timeout=2)
        code = worker.process.returncode
        if code == -signal.SIGXCPU:
            return QueryError("timeout", f"the query used up its CPU time allowance ({seconds:g} s limit)")
        if code is not None and code < 0 and elapsed >= seconds:
            return QueryError("timeout", timeout_message(seconds))
        return QueryError(
            "memory",
            f"the query worker stopped (exit {code}): the query needs more memory than its "
            f"{self.limits.memory_limit} limit allows",
        )

    def run(self, sql: str, params=None, max_rows: int | None = None) -> QueryResult:
        import pyarrow as pa

        from etl.sandbox import result_from_arrow

        cap = self.limits.display_rows if max_rows is None else max_rows
        request = {"op": "run", "sql": sql, "params": params, "max_rows": cap}
        header, payload = self._call(request, self.limits.timeout_seconds, max(self.limits.display_bytes * 2, cap * 64))
        with pa.ipc.open_stream(payload) as reader:
            table = reader.read_all()
        return result_from_arrow(table, header)

    def export(self, sql: str, params, fmt: str, meta: dict) -> tuple[bytes, dict]:
        request = {"op": "export", "sql": sql, "params": params, "format": fmt, "meta": meta}
        header, payload = self._call(request, self.limits.export_timeout_seconds, self.limits.export_bytes * 2)
        return payload, header


# --- the worker side -----------------------------------------------------------------------------


def _read_stdin(n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sys.stdin.buffer.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _receive():
    (length,) = _LENGTH.unpack(_read_stdin(_LENGTH.size))
    return pickle.loads(_read_stdin(length))  # from the parent, which is trusted


def _send(header: dict, payload=None) -> None:
    """One answer in one writev: the server wakes once per answer, and the payload (bytes or an
    Arrow buffer) is not copied into a joined message first."""
    header = {**header, "payload": payload is not None}
    data = json.dumps(header).encode()
    parts = [_LENGTH.pack(len(data)), data]
    if payload is not None:
        view = memoryview(payload)
        parts += [_LENGTH.pack(view.nbytes), view]
    views = [memoryview(part).cast("B") for part in parts]
    while views:
        written = os.writev(1, views)
        while views and written >= views[0].nbytes:
            written -= views[0].nbytes
            views.pop(0)
        if views:
            views[0] = views[0][written:]


def _vm_size() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _die_with_parent(parent: int) -> None:
    """Exit when the server dies, even in the middle of a query (no orphans holding memory).
    Not PR_SET_PDEATHSIG: that fires when the parent *thread* ends, and Streamlit runs each page
    in a thread of its own."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="lendscope-parent-watch", daemon=True).start()


def worker_main() -> None:
    import resource

    config = _receive()
    _die_with_parent(config["parent"])
    import duckdb
    import pyarrow as pa

    from etl.database import Database
    from etl.sandbox import Sandbox

    limits = Limits(**config["limits"])
    database = Database(Path(config["db"]), limits.memory_limit, limits.threads, temp_directory="")
    sandbox = Sandbox(database, limits, config.get("paths"))
    with contextlib.suppress(Exception):  # open and warm up now, before any limit applies
        sandbox.run("SELECT 1 AS ready")
    # The address space it has now, plus the engine's memory and some headroom: a planning-time
    # expression that ignores memory_limit meets this wall instead.
    ceiling = _vm_size() + _memory_bytes(limits.memory_limit) + limits.worker_headroom_bytes
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _send({"ready": True, "address_space_limit": ceiling})
    while True:
        try:
            request = _receive()
        except EOFError:
            return
        seconds = limits.export_timeout_seconds if request["op"] == "export" else limits.timeout_seconds
        # CPU time is counted over the process's life: allow this query its own share (all its
        # threads busy for the whole wall-clock limit, plus a second).
        used = resource.getrusage(resource.RUSAGE_SELF)
        allowance = int(used.ru_utime + used.ru_stime + seconds * max(limits.threads, 1) + 2)
        resource.setrlimit(resource.RLIMIT_CPU, (allowance, resource.RLIM_INFINITY))
        try:
            if request["op"] == "export":
                content, info = sandbox.export(request["sql"], request["params"], request["format"], request["meta"])
                _send({"ok": True, **info}, content)
            else:
                table, info = sandbox.arrow(request["sql"], request["params"], request["max_rows"])
                sink = pa.BufferOutputStream()
                with pa.ipc.new_stream(sink, table.schema) as writer:
                    writer.write_table(table)
                _send({"ok": True, **info}, sink.getvalue())
        except QueryError as exc:
            _send({"ok": False, "kind": exc.kind, "message": str(exc)})
        except (MemoryError, duckdb.OutOfMemoryException, pa.ArrowMemoryError):
            _send({"ok": False, "kind": "memory", "message": f"the query needs more memory than its "
                   f"{limits.memory_limit} limit"})  # fmt: skip
        except Exception as exc:  # anything else: a clear message, and the worker stays usable
            _send({"ok": False, "kind": "failed", "message": f"{type(exc).__name__}: {exc}"})


if __name__ == "__main__":
    worker_main()
