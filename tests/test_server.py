"""The launcher (app/server.py) and the project's Streamlit settings, read on a live server.

TCP_NODELAY is read on the server's own end of a live websocket: the test finds the server's socket
for the client's connection (/proc/net/tcp and /proc/<pid>/fd), copies that descriptor into this
process with pidfd_getfd(2) and calls getsockopt on it. Stock `streamlit run` reads 0 there (Nagle
on, ~40 ms per rerun waiting for delayed ACKs), which shows the check can fail.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import platform
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench import load
from bench.st_client import StreamlitSession
from etl.paths import ROOT

pytestmark = pytest.mark.slow

SYS_PIDFD_GETFD = {"x86_64": 438, "aarch64": 438}.get(platform.machine())


def _socket_inode(local_port: int, remote_port: int) -> int | None:
    """The inode of the TCP socket from local_port to remote_port (IPv4 or IPv6 table)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote = int(fields[1].rsplit(":", 1)[1], 16), int(fields[2].rsplit(":", 1)[1], 16)
            if (local, remote) == (local_port, remote_port):
                return int(fields[9])
    return None


def server_side_nodelay(pid: int, server_port: int, client_port: int) -> int:
    """getsockopt(TCP_NODELAY) on the server's socket for the connection from client_port."""
    inode = _socket_inode(server_port, client_port)
    assert inode, f"no server-side socket {server_port} -> {client_port} in /proc/net/tcp"
    fds = [fd for fd in os.listdir(f"/proc/{pid}/fd") if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]"]
    assert fds, f"socket inode {inode} is not open in process {pid}"
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        copy = libc.syscall(SYS_PIDFD_GETFD, pidfd, int(fds[0]), 0)
        assert copy >= 0, f"pidfd_getfd failed: {os.strerror(ctypes.get_errno())}"
    finally:
        os.close(pidfd)
    with socket.socket(fileno=copy) as sock:  # closes only this process's copy
        return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


async def _nodelay_on_live_websocket(server: load.Server) -> tuple[int, bool]:
    async with StreamlitSession(server.port, timeout=60) as session:
        result = await session.run("")
        client_port = session.ws.transport.get_extra_info("sockname")[1]
        return server_side_nodelay(server.pid, server.port, client_port), result.ok


@pytest.mark.skipif(SYS_PIDFD_GETFD is None or not hasattr(os, "pidfd_open"), reason="needs Linux pidfd_getfd")
@pytest.mark.parametrize(("lean", "expected"), [(True, 1), (False, 0)], ids=["launcher", "stock-streamlit"])
def test_accepted_websocket_has_tcp_nodelay(tmp_path, lean, expected):
    port, log = load.free_port(), tmp_path / "server.log"
    server = load.Server(tmp_path / "none.duckdb", port, log, script="bench/empty_app.py", lean=lean)
    try:
        server.start()
        nodelay, ok = asyncio.run(_nodelay_on_live_websocket(server))
    finally:
        server.stop()
    assert ok, server.log_tail()
    assert nodelay == expected


def test_project_settings_turn_post_script_gc_and_the_file_watcher_off():
    """What a server started from the project directory reads (.streamlit/config.toml)."""
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print(config.get_option('runner.postScriptGC'), config.get_option('server.fileWatcherType'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "none"], out.stderr


def test_the_launcher_freezes_the_imported_libraries_out_of_full_collections():
    """After freeze_imports the libraries' objects sit in the permanent generation: a full collection
    scans only what was created since (it scanned ~150k objects, a 100-200 ms pause under load)."""
    code = (
        "import gc; from app.server import freeze_imports; frozen = freeze_imports(); "
        "print(frozen, len(gc.get_objects()))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    frozen, scanned = map(int, out.stdout.split())
    assert frozen > 50_000, out.stdout + out.stderr
    assert scanned < frozen / 20, (frozen, scanned)
