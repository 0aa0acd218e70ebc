"""Fixtures: small, real input trees and real DuckDB files built from them.

The fixture tree copies the project's catalogue and regions, and adds a handful of cited figures
(real ones, copied from the bundled data's sources) so every test runs the real pipeline.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from etl.build import build
from etl.inputs import EVENT_COLUMNS, OBSERVATION_COLUMNS
from etl.paths import DATA_DIR, ROOT

FIXTURE_SOURCES = """
[fx-wdzj-2015-xinhua]
publisher = "可可英语 (repost of Xinhua report on 网贷之家's 2015 annual report)"
title = "China's P2P lending platforms number 2,595 at end of 2015"
url = "https://m.kekenet.com/read/201601/420294.shtml"
accessed = 2026-11-29
kind = "web page"
reliability = "medium"

[fx-cbirc-2020]
publisher = "China Banking News"
title = "China's P2P lending sector crushed out of existence completely"
url = "https://www.chinabankingnews.com/2020/11/30/chinas-P2P-lending-sector-crushed-out-of-existence-completely/"
accessed = 2026-11-29
published = 2020-11-30
kind = "web page"
reliability = "medium"
"""

FIXTURE_SERIES = """
[series.p2p_platforms_operating]
topic = "platforms"
measure = "stock"
unit = "家"
frequency = "monthly"
name_zh = "正常运营P2P平台数"
name_en = "P2P platforms in normal operation"
definition_zh = "统计机构所监测的正常运营P2P网贷平台数量"
definition_en = "P2P lending platforms in normal operation as monitored by the publisher"

[series.p2p_turnover_cumulative]
topic = "volume"
measure = "cumulative"
unit = "亿元"
frequency = "monthly"
name_zh = "累计成交量"
name_en = "Cumulative turnover"
definition_zh = "自行业起步以来的累计成交量"
definition_en = "Turnover since the sector began"
"""

FIXTURE_OBSERVATIONS = [
    {
        "series": "p2p_platforms_operating", "period": "2015", "region": "CN", "publisher": "wdzj",
        "value": "2595", "unit": "家", "source": "fx-wdzj-2015-xinhua",
        "excerpt": "The report counted 2,595 P2P platforms across the country",
    },
    {
        "series": "p2p_platforms_operating", "period": "2014", "region": "CN", "publisher": "wdzj",
        "value": "1575", "unit": "家", "source": "fx-wdzj-2015-xinhua",
        "excerpt": "an increase of 1,020 compared with the 2014 figure", "derivation": "2595 - 1020",
    },
    {
        "series": "p2p_platforms_operating", "period": "2020-08", "region": "CN", "publisher": "cbirc",
        "value": "15", "unit": "家", "source": "fx-cbirc-2020",
        "excerpt": "further dwindled to 15 by the end of August, 6 by mid-October and 3 at the start of November",
    },
]  # fmt: skip

FIXTURE_EVENTS = [
    {
        "id": "2020-11-p2p-zero", "date": "2020-11-27", "authority": "中国银保监会",
        "title_zh": "P2P网贷机构归零", "title_en": "P2P lenders reach zero", "title_zh_verified": "no",
        "category": "market", "gist_zh": "在运营P2P网贷机构降至零", "gist_en": "Operating P2P lenders fell to zero",
        "source": "fx-cbirc-2020", "excerpt": "had fallen to zero by mid-November",
        "kind": "statement",
    }
]  # fmt: skip


def write_csv(path: Path, columns, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A small valid input tree (catalogue and regions copied from data/)."""
    root = tmp_path / "data"
    (root / "catalogue").mkdir(parents=True)
    for name in ("units.toml", "publishers.toml", "event_categories.toml"):
        shutil.copy(DATA_DIR / "catalogue" / name, root / "catalogue" / name)
    (root / "catalogue" / "series.toml").write_text(FIXTURE_SERIES, encoding="utf-8")
    shutil.copy(DATA_DIR / "regions.csv", root / "regions.csv")
    (root / "sources").mkdir()
    (root / "sources" / "fixture.toml").write_text(FIXTURE_SOURCES, encoding="utf-8")
    write_csv(root / "observations" / "p2p.csv", OBSERVATION_COLUMNS, FIXTURE_OBSERVATIONS)
    write_csv(root / "events" / "events.csv", EVENT_COLUMNS, FIXTURE_EVENTS)
    return root


@pytest.fixture
def built_db(tmp_path: Path, data_dir: Path) -> Path:
    path = tmp_path / "lending.duckdb"
    build(path, data_dir, log=lambda _: None)
    return path


def run_etl(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m etl ...` in a real subprocess, from the project root."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory) -> Path:
    """The real bundled data, built once per test session."""
    path = tmp_path_factory.mktemp("bundled") / "lending.duckdb"
    build(path, log=lambda _: None)
    return path


@pytest.fixture
def open_page(monkeypatch):
    """A dashboard page under Streamlit's AppTest, on a given database, with URL parameters."""
    from streamlit.testing.v1 import AppTest

    def run(db_path, page="overview", **params):
        monkeypatch.setenv("LENDSCOPE_DB", str(db_path))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page != "overview":
            at.switch_page(f"app/pages/{page}.py")
            at.run()
        assert not at.exception, at.exception[0].value if at.exception else ""
        return at

    return run


def free_port() -> int:
    """A loopback port nobody listens on (for servers the tests start, or to test refused connections)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store(bundled_db):
    """The article checker's view of the bundled data (etl.check.match.Store)."""
    from etl.check.match import Store
    from etl.database import connect_read_only

    con = connect_read_only(bundled_db)
    try:
        return Store.from_connection(con)
    finally:
        con.close()
