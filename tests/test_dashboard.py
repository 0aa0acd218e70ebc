"""The dashboard under Streamlit's AppTest, with and without a database."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from etl.paths import ROOT

ENTRY = str(ROOT / "dashboard.py")


def decode(values):
    """Plotly JSON numeric arrays arrive base64-encoded as {"dtype", "bdata"}."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return values


@pytest.fixture
def app_with(monkeypatch):
    def run(db_path):
        monkeypatch.setenv("LENDSCOPE_DB", str(db_path))
        return AppTest.from_file(ENTRY, default_timeout=60).run()

    return run


def test_overview_shows_build_and_chart_with_sources(app_with, built_db):
    at = app_with(built_db)
    assert not at.exception
    assert any("Build " in c.value for c in at.caption)
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    traces = {t["name"]: t for t in spec["data"]}
    assert set(traces) == {
        "网贷之家 / 盈灿咨询 (Wangdaizhijia (wdzj.com) / Yingcan Consulting)",
        "中国银行保险监督管理委员会 (China Banking and Insurance Regulatory Commission (CBIRC))",
    }
    wdzj = next(t for name, t in traces.items() if name.startswith("网贷之家"))
    assert decode(wdzj["y"]) == [1575, 2595]
    annotation = spec["layout"]["annotations"][0]["text"]
    assert annotation.startswith("Source: ") and "网贷之家" in annotation
    assert "Unit: 家" in spec["layout"]["title"]["text"]


def test_missing_database_says_how_to_build(app_with, tmp_path):
    at = app_with(tmp_path / "missing.duckdb")
    assert not at.exception
    assert "not available" in at.error[0].value and "no database at" in at.error[0].value
    assert any("make build" in m.value for m in at.markdown)


def test_unreadable_database_says_how_to_build(app_with, tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00" * 4096)
    at = app_with(junk)
    assert not at.exception
    assert "cannot open" in at.error[0].value
