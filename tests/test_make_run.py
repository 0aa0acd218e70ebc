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
