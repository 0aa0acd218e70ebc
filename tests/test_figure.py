"""python -m etl figure: a chart as SVG or PNG through kaleido and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from tests.conftest import run_etl

HAS_CHROMIUM = shutil.which("chromium") is not None


@pytest.mark.skipif(not HAS_CHROMIUM and os.environ.get("LENDSCOPE_REQUIRE_BROWSER") != "1", reason="no Chromium")
def test_svg_export_carries_title_unit_and_source(built_db, tmp_path):
    out = tmp_path / "platforms.svg"
    result = run_etl("figure", "p2p_platforms_operating", "--format", "svg", "--lang", "zh", "--out", str(out),
                     "--db", str(built_db), timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "正常运营P2P平台数" in svg and "单位: 家" in svg and "来源" in svg


def test_unknown_figure_is_a_usage_error(built_db):
    result = run_etl("figure", "no_such_series", "--db", str(built_db))
    assert result.returncode == 2 and "no figure 'no_such_series'" in result.stderr


def test_no_browser_gives_a_clear_message(built_db, tmp_path):
    # A PATH without any Chromium: the command must say so, not crash.
    result = run_etl("figure", "p2p_platforms_operating", "--out", str(tmp_path / "x.png"), "--db", str(built_db),
                     env={"PATH": os.path.dirname(sys.executable)})  # fmt: skip
    assert result.returncode == 5 and "no Chromium found" in result.stderr and "Traceback" not in result.stderr
