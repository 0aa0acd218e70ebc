"""A short load test over Streamlit's websocket protocol (bench/st_client.py, bench/load.py): a real
server on a free loopback port, three sessions for about five seconds, and the database rebuilt and
swapped halfway. The full benchmark is `python bench/load.py --sessions 20 --seconds 30 --swap`."""

from __future__ import annotations

import asyncio

import pytest

from bench import load
from bench.st_client import StreamlitSession

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(server, database, copied data dir, build id); the server is always stopped (process group)."""
    workdir = tmp_path_factory.mktemp("load")
    data_dir, db, build_id = load.prepare(workdir)
    server = load.Server(db, load.free_port(), workdir / "server.log")
    try:
        server.start()
        # One first render before any concurrent ones: concurrent first runs on a cold server can fail
        # (plotly's is_homogeneous_array reads a half-imported pandas from sys.modules).
        plan = load.Plan(port=server.port, levels=[1], seconds=0, ramp_seconds=0, think=0, timeout=60)
        asyncio.run(load.warmup(load.Run(plan), pages=["platforms"]))
        yield server, db, data_dir, build_id
    finally:
        server.stop()


def test_client_renders_a_page_and_changes_a_widget(served):
    server, _, _, build_id = served

    async def visit():
        async with StreamlitSession(server.port, timeout=60) as session:
            opened = await session.run("platforms", "lang=en&pl_f=year")
            changed = await session.set_widgets({"pl_log": True})
            return opened, changed

    opened, changed = asyncio.run(visit())
    assert opened.ok and not opened.errors, server.log_tail()
    assert opened.build_id == build_id
    assert opened.plotly
    assert opened.query_string == "lang=en&pl_f=year"
    assert {"pl_f", "pl_log", "pl_p"} <= set(opened.widget_ids)
    assert changed.ok and changed.plotly
    assert changed.query_string == "lang=en&pl_f=year&pl_log=true"  # the app saw the WidgetStates change


def test_three_sessions_with_a_database_swap(served):
    server, db, data_dir, build_id = served
    plan = load.Plan(
        port=server.port, levels=[3], seconds=5, ramp_seconds=0, think=0.3, timeout=20, swap=True, warmup=False,
        settle=0,
    )  # fmt: skip
    summary = asyncio.run(load.run_load(plan, server, db, data_dir, build_id))
    context = (summary["errors"], summary["swap"], server.log_tail())

    assert summary["errors"]["total"] == 0, context
    assert summary["unfinished"] == 0, context
    assert summary["interactions"] >= 6, context
    assert summary["changes_checked"] > 0, context
    assert summary["changes_not_applied"] == 0, summary["changes_not_applied_examples"]

    swap = summary["swap"]
    assert swap["error"] is None and swap["build_changed"], context
    assert swap["sessions"] == 3, context
    assert swap["sessions_seeing_new_build_in_one_interaction"] == 3, swap["sessions_missed"]
    assert swap["failed_renders_during_swap"] == 0 and swap["failed_renders_after_swap"] == 0, context
    assert swap["stale_build_after_swap"] == 0, context
    assert swap["ok"]
