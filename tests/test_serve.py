"""`make serve`'s layout, short form: two instances behind HAProxy (deploy/serve.py's Cluster) on
free loopback ports; stickiness, draining, and sessions through the proxy while the database is
rebuilt and swapped under both instances. Behaviour only; the timings are in bench/ (`make bench`)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import urllib.request

import pytest

from bench import load
from bench.st_client import INSTANCE_HEADER
from deploy.serve import COOKIE, Cluster, haproxy_config

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("haproxy") is None, reason="HAProxy is not installed (apt-get install haproxy)"),
]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("serve")
    data_dir, db, build_id = load.prepare(workdir)
    cluster = Cluster(db=db, port=load.free_port(), instance_ports=[load.free_port(), load.free_port()],
                      run_dir=workdir / "run", drain_seconds=3)  # fmt: skip
    try:
        cluster.start()
        # Every instance warm before concurrent sessions (a cold server's concurrent first runs can fail).
        plan = load.Plan(port=cluster.port, levels=[1], seconds=0, ramp_seconds=0, think=0, timeout=60)
        asyncio.run(load.warmup(load.Run(plan), pages=["platforms"], ports=cluster.instance_ports))
        yield cluster, db, data_dir, build_id
    finally:
        cluster.stop()


def get(port: int, cookie: str | None = None) -> tuple[str | None, str | None]:
    """GET / through the proxy: (instance that answered, stickiness cookie set)."""
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/", headers=headers), timeout=10) as r:
        assert r.status == 200
        set_cookie = next((c for c in r.headers.get_all("Set-Cookie") or [] if c.startswith(f"{COOKIE}=")), None)
        return r.headers.get(INSTANCE_HEADER), set_cookie.split("=", 1)[1].split(";")[0] if set_cookie else None


def test_config_is_valid_for_haproxy(tmp_path):
    config = haproxy_config("127.0.0.1", 8500, [("i1", 8501), ("i2", 8502)], tmp_path / "s.sock")
    path = tmp_path / "haproxy.cfg"
    path.write_text(config)
    check = subprocess.run(["haproxy", "-c", "-q", "-f", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "timeout tunnel 1h" in config and "option httpchk GET /_stcore/health" in config


def test_the_documented_deployment_config_matches_make_serve(tmp_path):
    """deploy/haproxy.cfg (for a real host) is valid and carries every backend setting make serve uses."""
    from etl.paths import ROOT

    deployed = (ROOT / "deploy" / "haproxy.cfg").read_text()
    check = subprocess.run(["haproxy", "-c", "-q", "-f", str(ROOT / "deploy" / "haproxy.cfg")], capture_output=True,
                           text=True)  # fmt: skip
    assert check.returncode == 0, check.stderr
    generated = haproxy_config("127.0.0.1", 8500, [("i1", 8501)], tmp_path / "s.sock")
    backend = generated.split("backend ", 1)[1].splitlines()[1:]
    settings = [line.strip() for line in backend if line.strip() and not line.strip().startswith(("#", "server "))]
    deployed_lines = {line.strip() for line in deployed.splitlines() if not line.strip().startswith("#")}
    missing = [line for line in settings if line not in deployed_lines]
    assert not missing, missing
    assert "timeout tunnel 1h" in deployed_lines


def test_new_browsers_spread_and_each_stays_on_its_instance(cluster):
    proxy, *_ = cluster
    first = [get(proxy.port) for _ in range(4)]
    assert {instance for instance, _ in first} == {"i1", "i2"}, first  # both instances take new browsers
    for instance, cookie in first:
        assert cookie == instance, first  # the cookie names the instance that served the page
        assert {get(proxy.port, cookie)[0] for _ in range(5)} == {instance}


def test_a_draining_instance_takes_no_new_browsers_but_keeps_its_own(cluster):
    proxy, *_ = cluster
    proxy.set_state("i1", "drain")
    try:
        assert {get(proxy.port)[0] for _ in range(4)} == {"i2"}
        assert get(proxy.port, "i1")[0] == "i1"  # an open session's browser still reaches its instance
    finally:
        proxy.set_state("i1", "ready")
    assert {get(proxy.port)[0] for _ in range(4)} == {"i1", "i2"}


def test_sessions_through_the_proxy_with_a_database_swap(cluster):
    proxy, db, data_dir, build_id = cluster
    plan = load.Plan(port=proxy.port, levels=[4], seconds=6, ramp_seconds=0, think=0.3, timeout=30, swap=True,
                     warmup=False, settle=0)  # fmt: skip
    server = load.ProxiedServer.__new__(load.ProxiedServer)  # the running cluster, with the Server interface
    server.cluster, server.port = proxy, proxy.port
    summary = asyncio.run(load.run_load(plan, server, db, data_dir, build_id))
    context = (summary["errors"], summary["swap"], summary["stickiness"], server.log_tail())

    assert summary["errors"]["total"] == 0 and summary["unfinished"] == 0, context
    assert summary["interactions"] >= 8, context
    assert summary["changes_not_applied"] == 0, summary["changes_not_applied_examples"]
    stickiness = summary["stickiness"]
    assert stickiness["websockets"] >= 4 and stickiness["broken"] == 0, context
    assert stickiness["instances_used"] == ["i1", "i2"], context
    swap = summary["swap"]
    assert swap["build_changed"] and swap["sessions"] == 4, context
    assert swap["sessions_seeing_new_build_in_one_interaction"] == 4, swap["sessions_missed"]
    assert swap["failed_renders_during_swap"] == 0 and swap["failed_renders_after_swap"] == 0, context
    assert swap["stale_build_after_swap"] == 0 and swap["ok"], context
