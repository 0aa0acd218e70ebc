"""`make run` starts a server that answers /_stcore/health; stopped by its process group."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
import requests

from etl.paths import ROOT
from tests.conftest import free_port

pytestmark = pytest.mark.slow


def test_make_run_serves_health(tmp_path, built_db):
    port = free_port()
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}", f"DB={built_db}"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so streamlit dies with make
        env={**os.environ, "LENDSCOPE_DB": str(built_db)},
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                status = (response.status_code, response.text)
                if response.ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        assert status == (200, "ok"), (tmp_path / "run.log").read_text()
        assert f"http://localhost:{port}" in (tmp_path / "run.log").read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_make_run_serves_the_database_it_builds():
    """`make run DB=x` builds x and the server reads x (LENDSCOPE_DB), whatever the environment says."""
    env = {k: v for k, v in os.environ.items() if k != "LENDSCOPE_DB"}
    dry = subprocess.run(["make", "-n", "run", "DB=/tmp/elsewhere.duckdb", "PORT=1"], cwd=ROOT, env=env,
                         capture_output=True, text=True)  # fmt: skip
    (serve,) = [line for line in dry.stdout.splitlines() if " run dashboard.py" in line]  # app.server run …
    assert 'LENDSCOPE_DB="/tmp/elsewhere.duckdb"' in serve


def test_every_build_input_makes_the_database_stale(tmp_path, built_db):
    """make's view: the database is out of date after any input of the build changes."""
    db = tmp_path / "made.duckdb"
    assert subprocess.run(["make", f"DB={db}", str(db)], cwd=ROOT, capture_output=True).returncode == 0
    for source in ["queries/claim_platform_counts_2014_2023.sql", "etl/schema.sql", "etl/validate.py",
                   "etl/sources/worldbank.py", "data/claims.toml"]:  # fmt: skip
        now = time.time() + 60
        os.utime(db, (now - 30, now - 30))
        question = ["make", "-q", f"DB={db}", str(db)]
        assert subprocess.run(question, cwd=ROOT).returncode == 0, "up to date before the change"
        original = (ROOT / source).stat()
        os.utime(ROOT / source, (now, now))
        try:
            assert subprocess.run(question, cwd=ROOT).returncode == 1, f"{source} is not a prerequisite"
        finally:
            os.utime(ROOT / source, ns=(original.st_atime_ns, original.st_mtime_ns))
