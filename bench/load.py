"""Load test: N concurrent dashboard sessions over Streamlit's websocket protocol (bench/st_client.py),
each cycling through pages and filter changes, against a server this script starts on loopback.

    python bench/load.py --sessions 20 --seconds 30 [--port P] [--swap] [--think 1] [--json out.json]

1. Copies data/ into a temp dir and builds a database from it (`python -m etl build --db --data`).
2. Starts the server as `make run` does (`python -m app.server run dashboard.py …`: TCP_NODELAY, the
   project's .streamlit/config.toml with post-script GC off) on 127.0.0.1 with LENDSCOPE_DB pointing
   at it; --stock starts plain `streamlit run` with Streamlit's defaults instead. With --workers N,
   N instances behind HAProxy as `make serve` runs them (deploy/serve.py), and the sessions go
   through the proxy like browsers (GET the page, then the websocket with the stickiness cookie).
3. Warm-up: one session opens every page once (on every instance); these cold first runs are reported apart
   (--no-warmup starts the sessions on a cold server instead).
4. Ramps up: 1 session for --ramp-seconds, then 10 (if N > 10), then N for --seconds; sessions stay
   connected from level to level and new ones arrive spread over one think time. Each session opens
   a page from a link (page and query string, e.g. /platforms?lang=en&pl_f=year), changes one of its
   filters with a real widget change (WidgetStates), goes on to the next page, and pauses for the
   think time (mean --think, uniform ±50 %; the one-session baseline thinks at most 0.5 s) after
   each interaction.
5. With --swap, halfway through the N-session level it appends a marker to one source note in the
   copied data and rebuilds the same database file, which the build swaps in atomically; then checks
   that every session's first interaction started after the swap shows the new build id, that none
   shows the old one, and counts failed renders during and after the swap.

Records per interaction: latency (send to script_finished), errors (exception elements, st.error
alerts, a page without its build caption, unfinished runs, timeouts, disconnects), whether a filter
change reached the URL the app writes, and the server's RSS (process and children, from /proc) at
start, after each level and after the sessions close, and the server's CPU time (utime + stime of
its processes, /proc/<pid>/stat) per level, per interaction. Behind the proxy, which instance served
each session's page and took its websocket (stickiness). Ratios of the top level to one session.
Prints a JSON summary (--json writes it too).
Exit status 0 when every target was met (p95 at N ≤ 2 × p95 at 1, no errors, RSS growth ≤ 30 MB per
session and levelling off, swap seen, changes applied, sticky), 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/load.py`
    sys.path.insert(0, str(ROOT))

from bench.st_client import ClientError, RunTimeout, SessionDisconnected, StreamlitSession  # noqa: E402

HOST = "127.0.0.1"  # loopback only
PAGES = ["overview", "platforms", "volume", "lenders", "regulation", "claims"]
PAGE_QUERY = {"platforms": "pl_f=year", "volume": "vo_log=true"}  # links that restore a view
# Filter changes per page: (widget key, "toggle" | "select" | values to cycle through).
CHANGES: dict[str, list[tuple[str, str | tuple[str, ...]]]] = {
    "overview": [("ov_ev", "toggle")],
    "platforms": [("pl_log", "toggle"), ("pl_f", "select"), ("pl_ev", "toggle")],
    "volume": [("vo_f", "select"), ("vo_log", "toggle"), ("vo_s", "select")],
    "lenders": [("ln_log", "toggle"), ("pr_p", "select"), ("lo_f", "select"), ("lt", "select")],  # lt: the open tab
    "regulation": [("rg_q", ("P2P", "")), ("rg_y0", "select")],
    "claims": [("cf_n", ("1575", "9.45%", ""))],
}
TAB_KEYS = {"lenders": ("lt",)}  # stateful tab bars (only the open tab runs), opened in turn by the warm-up
BUILT_RE = re.compile(r"build id ([0-9a-f]+)")
SWAP_NOTE_FILE = Path("sources") / "p2p.toml"


# ---- the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    """pid and its descendants (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += children.get(p, [])
    return tree


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of a process and its children, in MB."""
    total_kb = 0
    for p in process_tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return round(total_kb / 1024, 1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (utime + stime from /proc/<pid>/stat;
    threads that have ended are included)."""
    ticks = 0
    for p in process_tree(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


class Server:
    """The dashboard's server in its own process group, on loopback, against `db`.

    `lean` (the default) starts it as `make run` does: through the launcher (app/server.py, which sets
    TCP_NODELAY) with the project's .streamlit/config.toml (post-script GC off). `lean=False` is stock
    `streamlit run` with Streamlit's defaults for both, as a baseline; `post_script_gc` and `nodelay`
    set one of them apart."""

    def __init__(
        self, db: Path, port: int, log_path: Path, watch_files: bool = False, script: str = "dashboard.py",
        lean: bool = True, post_script_gc: bool | None = None, nodelay: bool | None = None,
        env: dict | None = None,
    ):  # fmt: skip
        self.db, self.port, self.log_path, self.script = db, port, log_path, script
        # Streamlit's file watcher (on by default) unloads the app's modules when a source file
        # changes, and runs in progress then fail with KeyError: 'app'. Off, so an unrelated edit in
        # the working tree during a run does not count as a failure under load.
        self.watch_files = watch_files
        self.post_script_gc = (not lean) if post_script_gc is None else post_script_gc
        self.nodelay = lean if nodelay is None else nodelay
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        launcher = ["app.server", "run"] if self.nodelay else ["streamlit", "run"]
        command = [
            sys.executable, "-m", *launcher, self.script, "--server.headless", "true",
            "--server.port", str(self.port), "--server.address", HOST, "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "auto" if self.watch_files else "none",
            "--runner.postScriptGC", "true" if self.post_script_gc else "false",
        ]  # fmt: skip
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, "LENDSCOPE_DB": str(self.db), **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() kills it and any children
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not healthy after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def warm_ports(self) -> list[int]:
        return [self.port]

    def rss_mb(self) -> float:
        return rss_mb(self.pid)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class ProxiedServer:
    """`workers` instances behind HAProxy (deploy/serve.py's Cluster, as `make serve` runs them), with
    the Server interface: `port` is the proxy's; RSS and CPU are the instances' summed."""

    def __init__(self, db: Path, port: int, workers: int, run_dir: Path):
        from deploy.serve import Cluster

        ports = [free_port() for _ in range(workers)]
        self.cluster = Cluster(db=db, port=port, instance_ports=ports, run_dir=run_dir, drain_seconds=3)
        self.port = port

    def start(self, timeout: float = 90) -> None:
        self.cluster.start(timeout)

    def stop(self) -> None:
        self.cluster.stop()

    @property
    def warm_ports(self) -> list[int]:
        return self.cluster.instance_ports

    def rss_mb(self) -> float:
        return round(sum(rss_mb(pid) for pid in self.cluster.pids()), 1)

    def cpu_seconds(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.cluster.pids())

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(f"--- {i.name}\n{self.cluster.tail(i, lines)}" for i in self.cluster.instances)


# ---- the data -----------------------------------------------------------------------------------


def build_database(db: Path, data_dir: Path) -> str:
    """`python -m etl build --db db --data data_dir`; returns the build id."""
    done = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--db", str(db), "--data", str(data_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    match = BUILT_RE.search(done.stdout)
    if done.returncode != 0 or not match:
        raise RuntimeError(f"build failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return match.group(1)


def prepare(workdir: Path) -> tuple[Path, Path, str]:
    """A copy of data/ (so the swap can change it) and a database built from it."""
    data_dir = workdir / "data"
    shutil.copytree(
        ROOT / "data", data_dir, ignore=shutil.ignore_patterns("*.duckdb", "*.duckdb.wal", ".*.building-*", "snapshots")
    )
    db = workdir / "lending.duckdb"
    return data_dir, db, build_database(db, data_dir)


def change_inputs(data_dir: Path) -> None:
    """A harmless change that gives a new build id: a marker appended to the first source note."""
    path = data_dir / SWAP_NOTE_FILE
    text = path.read_text(encoding="utf-8")
    marker = f" [load-test swap {datetime.now(UTC):%Y-%m-%dT%H:%M:%S.%f}]"
    head, sep, tail = text.partition('\nnote = "')
    if not sep:
        raise RuntimeError(f"no note in {path}")
    end = tail.index('"\n')
    path.write_text(head + sep + tail[:end] + marker + tail[end:], encoding="utf-8")


# ---- the sessions -------------------------------------------------------------------------------


@dataclass
class Interaction:
    session: int
    kind: str  # "open" (a new session's first page), "load" (a page from a link), "change" (a widget)
    page: str
    detail: str
    level: int
    level_end: int
    t_start: float  # seconds since the load started
    t_end: float
    elapsed: float | None  # None: did not finish
    error: str | None  # None: rendered completely
    build_id: str | None
    plotly: bool
    applied: bool | None = None  # a change: did the URL the app wrote carry the new value?


@dataclass
class Swap:
    planned_at: float
    started: float | None = None
    done: float | None = None
    old_build_id: str | None = None
    new_build_id: str | None = None
    error: str | None = None


@dataclass
class Plan:
    port: int
    levels: list[int]
    seconds: float
    ramp_seconds: float
    think: float
    timeout: float
    max_interactions: int = 10_000  # per session
    swap: bool = False
    warmup: bool = True
    lang_zh_every: int = 4  # every 4th session reads Chinese
    settle: float = 3.0  # pause after the sessions close before the last RSS reading
    # One session alone: its latency does not depend on the think time, so the baseline thinks at
    # most this long, to collect enough samples in its time.
    baseline_think: float = 0.5


@dataclass
class Run:
    plan: Plan
    t0: float = field(default_factory=time.perf_counter)
    level: int = 0
    stopping: bool = False
    hard_deadline: float = float("inf")
    records: list[Interaction] = field(default_factory=list)
    swap: Swap | None = None
    swap_seen: set[int] = field(default_factory=set)  # sessions with an interaction started after the swap
    # Behind the proxy: per websocket session, (session, instance that served the page, instance
    # that took the websocket), from the proxy's X-Lendscope-Instance header.
    instances: list[tuple[int, str | None, str | None]] = field(default_factory=list)

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def think(self) -> float:
        """Mean pause between a session's interactions at the current level."""
        return min(self.plan.think, self.plan.baseline_think) if self.level == 1 else self.plan.think

    def finished(self, session: int) -> bool:
        if self.now() > self.hard_deadline:
            return True
        if not self.stopping:
            return False
        return self.swap is None or self.swap.error is not None or session in self.swap_seen


def classify(result) -> str | None:
    """Why a finished run is not a complete render (None when it is)."""
    if result.exceptions:
        return "exception: " + result.exceptions[0][:200]
    if result.status != "FINISHED_SUCCESSFULLY":
        return f"status: {result.status}"
    if result.errors:
        return "error alert: " + result.errors[0][:200]
    if result.build_id is None:
        return "no build caption"
    return None


def choose_change(session: StreamlitSession, page: str, visit: int) -> tuple[str, object] | None:
    """The next filter change on this page: (widget key, new value)."""
    options = [c for c in CHANGES.get(page, []) if c[0] in session.elements]
    if not options:
        return None
    key, how = options[visit % len(options)]
    widget = session.widget(key)
    if how == "toggle":
        return key, not (widget.value if widget.set_value else widget.default)
    if how == "select":
        labels = list(widget.options)
        current = labels.index(widget.raw_value) if widget.set_value and widget.raw_value in labels else widget.default
        return key, (current + 1) % len(labels)
    values = list(how)
    current = widget.value if widget.set_value else widget.default
    return key, values[(values.index(current) + 1) % len(values)] if current in values else values[0]


def change_applied(before: str, after: str, key: str, value: object) -> bool:
    """The app writes each widget's value to the URL as an id (omitted when it is the app's
    default): a change must change the key's parameter, and a toggle's to its new value or none."""
    old, new = parse_qs(before).get(key, [None])[0], parse_qs(after).get(key, [None])[0]
    if isinstance(value, bool) and new not in (None, str(value).lower()):
        return False
    return old != new


async def interact(run: Run, index: int, session: StreamlitSession, kind: str, page: str, detail: str, action):
    level, t_start = run.level, run.now()
    elapsed = build_id = None
    error, plotly, result = None, False, None
    try:
        result = await action()
        elapsed, build_id, plotly = result.elapsed, result.build_id, result.plotly
        error = classify(result)
    except RunTimeout as exc:
        error = f"timeout: {exc}"
    except SessionDisconnected as exc:
        error = f"disconnect: {exc}"
    except ClientError as exc:
        error = f"protocol: {exc}"
    record = Interaction(
        index, kind, page, detail, level, run.level, t_start, run.now(), elapsed, error, build_id, plotly
    )
    if run.swap and run.swap.done is not None and t_start >= run.swap.done:
        run.swap_seen.add(index)
    run.records.append(record)
    return record, result


async def session_loop(run: Run, index: int) -> None:
    plan = run.plan
    rng = random.Random(index)
    lang = "zh" if plan.lang_zh_every and index % plan.lang_zh_every == plan.lang_zh_every - 1 else "en"
    session: StreamlitSession | None = None
    page_no, count = index, 0
    await asyncio.sleep(rng.uniform(0, run.think()))  # users arrive spread out, not all at once
    try:
        while not run.finished(index) and count < plan.max_interactions:
            if session is None:
                session = StreamlitSession(plan.port, HOST, timeout=plan.timeout)
                try:
                    await session.connect()
                except ClientError as exc:
                    run.records.append(
                        Interaction(index, "connect", "", "", run.level, run.level, run.now(), run.now(), None,
                                    f"disconnect: {exc}", None, False)
                    )  # fmt: skip
                    session = None
                    await asyncio.sleep(1)
                    continue
                kind = "open"
                run.instances.append((index, session.page_instance, session.ws_instance))
            page = PAGES[page_no % len(PAGES)]
            query = "&".join(q for q in (f"lang={lang}", PAGE_QUERY.get(page, "")) if q)
            record, _ = await interact(run, index, session, kind, page, query, partial(session.run, page, query))
            count, kind = count + 1, "load"
            if record.error is None and not run.finished(index):
                await asyncio.sleep(run.think() * rng.uniform(0.5, 1.5))
                change = choose_change(session, page, page_no // len(PAGES))
                if change is not None:
                    key, value = change
                    before = session.query_string
                    record, result = await interact(
                        run,
                        index,
                        session,
                        "change",
                        page,
                        f"{key}={value}",
                        partial(session.set_widgets, {key: value}),
                    )
                    count += 1
                    if result is not None and record.error is None:
                        record.applied = change_applied(before, result.query_string, key, value)
            if record.error and record.error.split(":")[0] in ("timeout", "disconnect", "protocol"):
                await session.close()  # state unknown: start over in a new session, as a reload would
                session = None
            page_no += 1
            await asyncio.sleep(run.think() * rng.uniform(0.5, 1.5))
    finally:
        if session is not None:
            await session.close()


async def warmup(run: Run, pages: list[str] = PAGES, ports: list[int] | None = None) -> dict[str, float]:
    """Every page once in one session on each port (behind a proxy: on every instance, directly):
    the cold first runs (imports, empty caches), reported for the first."""
    cold: dict[str, float] = {}
    for port in ports or [run.plan.port]:
        async with StreamlitSession(port, HOST, timeout=max(run.plan.timeout, 60)) as session:
            for page in pages:
                result = await session.run(page, "lang=en")
                cold.setdefault(page, round(result.elapsed, 3))
                if classify(result):
                    raise RuntimeError(f"warm-up: {page} on port {port}: {classify(result)}")
                # Tabs run only when open: open each once, as the eager tabs were all run by the visit.
                for key in TAB_KEYS.get(page, ()):
                    for index in [*range(1, len(session.widget(key).options)), 0]:
                        result = await session.set_widgets({key: index})
                        if classify(result):
                            raise RuntimeError(f"warm-up: {page} {key}={index} on port {port}: {classify(result)}")
    return cold


async def do_swap(run: Run, db: Path, data_dir: Path, at: float) -> None:
    swap = run.swap
    await asyncio.sleep(max(0.0, at - run.now()))
    swap.started = run.now()
    try:
        change_inputs(data_dir)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "etl", "build", "--db", str(db), "--data", str(data_dir),
            cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        out, _ = await process.communicate()
        match = BUILT_RE.search(out.decode(errors="replace"))
        if process.returncode != 0 or not match:
            swap.error = f"build failed ({process.returncode}): {out.decode(errors='replace')[-500:]}"
        else:
            swap.new_build_id = match.group(1)
    except Exception as exc:  # reported, never hidden
        swap.error = f"{type(exc).__name__}: {exc}"
    swap.done = run.now()


async def sample_rss(run: Run, server, samples: list, every: float = 0.5) -> None:
    while True:
        samples.append((round(run.now(), 2), run.level, server.rss_mb()))
        await asyncio.sleep(every)


async def run_load(plan: Plan, server: Server, db: Path, data_dir: Path, build_id: str) -> dict:
    run = Run(plan)
    cpu0, loadavg = time.process_time(), os.getloadavg()
    rss = {"start": server.rss_mb()}
    cold = await warmup(run, ports=server.warm_ports) if plan.warmup else {}
    rss["after_warmup"] = server.rss_mb()
    samples: list = []
    sampler = asyncio.create_task(sample_rss(run, server, samples))
    cpu: dict[int, tuple[float, float]] = {}  # level -> server CPU seconds at its start and end
    tasks: list[asyncio.Task] = []
    swap_task = None
    bounds = {}
    try:
        for number, level in enumerate(plan.levels):
            last = number == len(plan.levels) - 1
            run.level = level
            start, cpu_start = run.now(), server.cpu_seconds()
            while len(tasks) < level:
                tasks.append(asyncio.create_task(session_loop(run, len(tasks))))
            duration = plan.seconds if last else plan.ramp_seconds
            if last and plan.swap:
                run.swap = Swap(planned_at=start + duration / 2, old_build_id=build_id)
                swap_task = asyncio.create_task(do_swap(run, db, data_dir, run.swap.planned_at))
            await asyncio.sleep(max(0.0, start + duration - run.now()))
            rss[str(level)] = server.rss_mb()  # sessions still connected
            if last:
                # Let every session finish its interaction (and, with a swap, make one after it).
                run.stopping = True
                run.hard_deadline = run.now() + 2 * plan.timeout + 30
                if swap_task:
                    await swap_task
                await asyncio.gather(*tasks)
            bounds[level] = (start, run.now())
            cpu[level] = (cpu_start, server.cpu_seconds())
    finally:
        run.stopping, run.hard_deadline = True, 0
        for task in [*tasks, *([swap_task] if swap_task else [])]:
            task.cancel()
        await asyncio.gather(*tasks, *([swap_task] if swap_task else []), return_exceptions=True)
    await asyncio.sleep(plan.settle)
    rss["after_close"] = server.rss_mb()
    sampler.cancel()
    summary = summarise(run, plan, rss, samples, cold, bounds, build_id, time.process_time() - cpu0, cpu)
    # Other work on the machine skews latency: the load average says how busy it was.
    summary["config"]["loadavg_1min"] = {"start": round(loadavg[0], 2), "end": round(os.getloadavg()[0], 2)}
    return summary


# ---- the summary --------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 4)


def latency_stats(records: list[Interaction]) -> dict:
    times = [r.elapsed for r in records if r.elapsed is not None]
    stats = {
        "interactions": len(records),
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "max": round(max(times), 4) if times else None,
    }
    for kind in ("open", "load", "change"):
        own = [r.elapsed for r in records if r.kind == kind and r.elapsed is not None]
        stats[kind] = {"n": len(own), "p50": percentile(own, 0.5), "p95": percentile(own, 0.95)}
    return stats


def summarise(
    run: Run, plan: Plan, rss: dict, samples: list, cold: dict, bounds: dict, build_id: str, cpu: float,
    server_cpu: dict | None = None,
):  # fmt: skip
    records = run.records
    steady = [r for r in records if r.level == r.level_end]
    levels = {}
    server_cpu = server_cpu or {}
    for level, (start, end) in bounds.items():
        own = [r for r in steady if r.level == level]
        # Every interaction that ran in the level's time costs server CPU in it, steady or not.
        ran = [r for r in records if r.level_end == level]
        cpu_start, cpu_end = server_cpu.get(level, (None, None))
        levels[str(level)] = {
            **latency_stats(own),
            "seconds": round(end - start, 1),
            "per_second": round(len(own) / max(end - start, 1e-9), 2),
            "errors": sum(r.error is not None for r in own),
            "rss_mb": rss.get(str(level)),
            "server_cpu_ms_per_interaction": (
                round(1000 * (cpu_end - cpu_start) / len(ran), 1) if cpu_start is not None and ran else None
            ),
            # CPU seconds per second of the level: 1.0 is one core busy.
            "server_cpu_cores": (
                round((cpu_end - cpu_start) / max(end - start, 1e-9), 2) if cpu_start is not None else None
            ),
            "pages": {
                page: {"n": len(mine), "p50": percentile(mine, 0.5), "p95": percentile(mine, 0.95)}
                for page in PAGES
                if (mine := [r.elapsed for r in own if r.page == page and r.elapsed is not None])
            },
        }
    errors = [r for r in records if r.error]
    by_type: dict[str, int] = {}
    for r in errors:
        by_type[r.error.split(":")[0]] = by_type.get(r.error.split(":")[0], 0) + 1
    first, top = plan.levels[0], plan.levels[-1]
    p95_1, p95_n = levels[str(first)]["p95"], levels[str(top)]["p95"]
    ratio = round(p95_n / p95_1, 2) if p95_1 and p95_n else None
    per_session = (
        round((rss[str(top)] - rss[str(first)]) / (top - first), 2) if top > first and str(first) in rss else None
    )
    # Levelling off: growth over the last third of the top level's samples (the swap, if any, is
    # halfway: its own jump is reported apart).
    top_samples = [s[2] for s in samples if s[1] == top]
    tail = top_samples[len(top_samples) * 2 // 3 :] if len(top_samples) >= 3 else top_samples
    tail_growth = round(tail[-1] - tail[0], 1) if tail else None
    swap = swap_summary(run, records) if run.swap else None
    before_swap = [
        r.elapsed
        for r in steady
        if r.level == top and r.elapsed is not None and run.swap and r.t_end < (run.swap.started or 0)
    ]
    changes = [r for r in records if r.kind == "change" and r.error is None]
    summary = {
        "config": {
            **{k: v for k, v in asdict(plan).items() if k != "port"},
            "sessions": top,
            "cpus": os.cpu_count(),
            "initial_build_id": build_id,
        },
        "cold_first_runs_s": cold,
        "levels": levels,
        "latency": {
            "p50_1": levels[str(first)]["p50"],
            "p95_1": p95_1,
            "p50_n": levels[str(top)]["p50"],
            "p95_n": p95_n,
            "p95_ratio": ratio,
            # The swap costs a rebuild on the same CPUs and a cold query cache (results are cached by
            # build id): the top level's latency before the swap, apart.
            **(
                {"p95_n_before_swap": percentile(before_swap, 0.95), "n_before_swap": len(before_swap)}
                if run.swap and run.swap.started is not None
                else {}
            ),
        },
        "interactions": len(records),
        "unfinished": sum(r.elapsed is None for r in records),
        "errors": {"total": len(errors), "by_type": by_type, "examples": [asdict(r) for r in errors[:5]]},
        "changes_checked": len(changes),
        "changes_not_applied": sum(not r.applied for r in changes),
        "changes_not_applied_examples": [asdict(r) for r in changes if not r.applied][:5],
        "rss_mb": {**rss, "per_session": per_session, "top_level_tail_growth": tail_growth},
        "rss_samples": samples[:: max(1, len(samples) // 60)],
        "swap": swap,
        "stickiness": stickiness(run),
        "ratios_to_one_session": ratios(levels, str(first), str(top), per_session, rss),
        "load_generator_cpu_s": round(cpu, 1),
    }
    summary["targets"] = {
        "p95_ratio_le_2": ratio is not None and ratio <= 2,
        "zero_errors": not errors and summary["unfinished"] == 0,
        "rss_per_session_le_30mb": per_session is None or per_session <= 30,
        "rss_levels_off": tail_growth is not None and tail_growth <= max(10.0, 0.03 * (tail[0] if tail else 0)),
        "swap_ok": swap is None or swap["ok"],
        "changes_applied": summary["changes_not_applied"] == 0,
        "sticky": summary["stickiness"]["broken"] == 0,
    }
    return summary


def stickiness(run: Run) -> dict:
    """Behind the proxy every websocket must land on the instance that served its page (the cookie)."""
    proxied = [(s, page, ws) for s, page, ws in run.instances if page or ws]
    broken = [{"session": s, "page": page, "websocket": ws} for s, page, ws in proxied if page != ws]
    return {
        "websockets": len(proxied),
        "broken": len(broken),
        "broken_examples": broken[:5],
        "instances_used": sorted({ws for _, _, ws in proxied if ws}),
    }


def ratios(levels: dict, first: str, top: str, per_session: float | None, rss: dict) -> dict:
    """The top level against one session, in the same run."""
    one, many = levels[first], levels[top]

    def ratio(a, b):
        return round(b / a, 2) if a and b else None

    return {
        "p50": ratio(one["p50"], many["p50"]),
        "p95": ratio(one["p95"], many["p95"]),
        "pages_p95": {
            page: ratio(one["pages"].get(page, {}).get("p95"), stats["p95"]) for page, stats in many["pages"].items()
        },
        "interactions_per_second": ratio(one["per_second"], many["per_second"]),
        "server_cpu_per_interaction": ratio(
            one["server_cpu_ms_per_interaction"], many["server_cpu_ms_per_interaction"]
        ),
        # Memory a session adds, against the server's memory with one session.
        "rss_per_session_vs_one_session_rss": ratio(rss.get(first), per_session),
    }


def swap_summary(run: Run, records: list[Interaction]) -> dict:
    swap = run.swap
    result = {**asdict(swap), "ok": False}
    if swap.error or swap.done is None:
        return result
    sessions = sorted({r.session for r in records if r.t_end >= swap.started})
    first_after = {}
    for r in sorted(records, key=lambda r: r.t_start):
        if r.t_start >= swap.done and r.session not in first_after:
            first_after[r.session] = r
    missed = [s for s in sessions if s not in first_after or first_after[s].build_id != swap.new_build_id]
    during = [r for r in records if r.t_end >= swap.started and r.t_start <= swap.done]
    after = [r for r in records if r.t_start >= swap.done]
    result.update(
        build_changed=swap.new_build_id != swap.old_build_id,
        sessions=len(sessions),
        sessions_seeing_new_build_in_one_interaction=len(sessions) - len(missed),
        sessions_missed=[
            {"session": s, "first_after": asdict(first_after[s]) if s in first_after else None} for s in missed
        ],
        interactions_during_swap=len(during),
        failed_renders_during_swap=sum(r.error is not None for r in during),
        failed_renders_after_swap=sum(r.error is not None for r in after),
        stale_build_after_swap=sum(r.build_id == swap.old_build_id for r in after),
        failed_render_examples=[asdict(r) for r in during + after if r.error][:5],
    )
    result["ok"] = bool(
        result["build_changed"]
        and sessions
        and not missed
        and result["failed_renders_during_swap"] == 0
        and result["failed_renders_after_swap"] == 0
        and result["stale_build_after_swap"] == 0
    )
    return result


# ---- the command --------------------------------------------------------------------------------


def levels_for(sessions: int) -> list[int]:
    return sorted({1, *([10] if sessions > 10 else []), sessions})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="duration of the N-session level")
    parser.add_argument("--ramp-seconds", type=float, help="duration of each lower level (default: min(seconds, 15))")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a session's interactions (s)")
    parser.add_argument("--timeout", type=float, default=30, help="per interaction (s)")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--swap", action="store_true", help="rebuild the database halfway through the N level")
    parser.add_argument("--json", type=Path, help="write the summary here too")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, data copy, server log)")
    parser.add_argument("--no-warmup", action="store_true", help="start the sessions on a cold server")
    parser.add_argument("--watch-files", action="store_true", help="leave Streamlit's file watcher on")
    parser.add_argument(
        "--workers", type=int, default=0, help="N instances behind HAProxy, as `make serve` (0: one instance, direct)"
    )
    parser.add_argument(
        "--stock", action="store_true", help="direct only: stock `streamlit run` (post-script GC on, no TCP_NODELAY)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 200 or not 0 < args.seconds <= 3600:
        parser.error("--sessions must be 1..200 and --seconds 0..3600")

    workdir = Path(tempfile.mkdtemp(prefix="lendscope-load-"))
    server = None
    try:
        print(f"building a database in {workdir} ...", file=sys.stderr)
        data_dir, db, build_id = prepare(workdir)
        port = args.port or free_port()
        if args.workers:
            server = ProxiedServer(db, port, args.workers, workdir / "serve")
            print(f"starting {args.workers} instances behind HAProxy on {HOST}:{port} ...", file=sys.stderr)
        else:
            server = Server(db, port, workdir / "server.log", watch_files=args.watch_files, lean=not args.stock)
            print(f"starting the server on {HOST}:{port} ...", file=sys.stderr)
        server.start()
        plan = Plan(
            port=port,
            levels=levels_for(args.sessions),
            seconds=args.seconds,
            ramp_seconds=args.ramp_seconds if args.ramp_seconds is not None else min(args.seconds, 15),
            think=args.think,
            timeout=args.timeout,
            swap=args.swap,
            warmup=not args.no_warmup,
        )
        print(f"load: levels {plan.levels} ...", file=sys.stderr)
        summary = asyncio.run(run_load(plan, server, db, data_dir, build_id))
        summary["config"]["served_by"] = (
            f"{args.workers} instance(s) behind HAProxy" if args.workers else ("stock streamlit run" if args.stock
                                                                                 else "one instance, direct")
        )  # fmt: skip
    finally:
        if server is not None:
            server.stop()
            if args.keep:
                print(f"kept {workdir}", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if all(summary["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
