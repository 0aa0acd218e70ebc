"""python -m etl figure: a chart as SVG or PNG through kaleido and Debian's Chromium."""

from __future__ import annotations

import os
import sys

import pytest

from tests.browser_support import missing_browser
from tests.conftest import run_etl


def need_browser() -> None:
    """Image export needs Chromium: say what to install rather than skip silently."""
    problem = missing_browser()
    if problem:
        if os.environ.get("LENDSCOPE_SKIP_BROWSER") == "1":
            pytest.skip(problem)
        pytest.fail(problem)


def test_svg_export_carries_title_unit_and_source(built_db, tmp_path):
    need_browser()
    out = tmp_path / "platforms.svg"
    result = run_etl("figure", "p2p_platforms_operating", "--format", "svg", "--lang", "zh", "--out", str(out),
                     "--db", str(built_db), timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "正常运营P2P平台数" in svg and "单位: 家" in svg and "来源" in svg
    assert "Lendscope" in svg and "网贷之家" in svg  # the citation and the publisher's short name


def test_a_spec_name_is_a_figure_too(built_db, tmp_path):
    need_browser()
    out = tmp_path / "timeline.svg"
    result = run_etl("figure", "regulation_timeline", "--format", "svg", "--out", str(out), "--db", str(built_db),
                     timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Regulation and market events" in out.read_text(encoding="utf-8")


def test_unknown_figure_is_a_usage_error(built_db):
    result = run_etl("figure", "no_such_series", "--db", str(built_db))
    assert result.returncode == 2 and "no figure 'no_such_series'" in result.stderr


def test_no_browser_gives_a_clear_message(built_db, tmp_path):
    # A PATH without any Chromium: the command must say so, not crash.
    result = run_etl("figure", "p2p_platforms_operating", "--out", str(tmp_path / "x.png"), "--db", str(built_db),
                     env={"PATH": os.path.dirname(sys.executable)})  # fmt: skip
    assert result.returncode == 5 and "no Chromium found" in result.stderr and "Traceback" not in result.stderr
