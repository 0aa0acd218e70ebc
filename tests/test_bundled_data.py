"""The bundled data, built for real: every figure cited, no consistency errors, coverage holds."""

from __future__ import annotations

import pytest

from etl import checks
from etl.build import build
from etl.database import connect_read_only
from tests.conftest import run_etl


@pytest.fixture(scope="module")
def con(bundled_db):
    with connect_read_only(bundled_db) as connection:
        yield connection


def scalar(con, sql, params=None):
    return con.sql(sql, params=params or []).fetchall()[0][0]


def test_no_consistency_errors(con):
    errors = [f for f in checks.run_all(con) if f.severity == "error"]
    assert errors == [], "\n".join(map(str, errors))


def test_every_observation_is_cited(con):
    uncited = scalar(
        con,
        "SELECT count(*) FROM observations o JOIN sources s USING (source_id) "
        "WHERE trim(o.excerpt) = '' OR s.url NOT LIKE 'http%' OR trim(s.title) = ''",
    )
    assert uncited == 0


def test_inferred_publishers_are_low_reliability(con):
    assert scalar(con, "SELECT count(*) FROM observations WHERE publisher_inferred AND reliability <> 'low'") == 0


def test_each_publishers_figure_is_its_own_row(con):
    """Two publishers' year-end 2017 counts are both kept, never merged."""
    publishers = scalar(
        con,
        "SELECT count(DISTINCT publisher_id) FROM observations "
        "WHERE series_id = 'p2p_platforms_operating' AND period_end = DATE '2017-12-31'",
    )
    assert publishers >= 2


def test_wdzj_revision_of_2017_is_kept_as_two_vintages(con):
    rows = con.sql(
        "SELECT value, vintage FROM observations WHERE series_id = 'p2p_platforms_operating' "
        "AND publisher_id = 'wdzj' AND period_label = '2017' ORDER BY vintage"
    ).fetchall()
    assert [v for v, _ in rows] == [1931.0, 2240.0] and rows[0][1] < rows[1][1]


def test_the_official_wind_down_reaches_zero_in_november_2020(con):
    last = con.sql(
        "SELECT period_label, value FROM observations WHERE series_id = 'p2p_institutions_operating_official' "
        "ORDER BY period_end DESC LIMIT 1"
    ).fetchall()[0]
    assert last == ("2020-11-15", 0.0)  # "by mid-November": a dated point


def test_provincial_2016_table_is_complete_and_adds_up(con):
    provinces = scalar(
        con,
        "SELECT count(DISTINCT region) FROM observations WHERE series_id = 'microloan_companies' "
        "AND period_label = '2016' AND region LIKE 'CN-%'",
    )
    assert provinces == 31
    assert [f for f in checks.provinces_vs_national(con) if f.severity == "error"] == []


def test_coverage_command_reports_series_and_consistency(bundled_db):
    result = run_etl("coverage", "--db", str(bundled_db), "--series", "p2p_platforms_operating")
    assert result.returncode == 0, result.stderr
    assert "p2p_platforms_operating  [家, stock]" in result.stdout
    assert "year-ends" in result.stdout and "wdzj" in result.stdout
    assert "Total: " in result.stdout


def test_two_builds_of_the_bundled_data_have_one_build_id(bundled_db, tmp_path):
    """Claim explanations are written by SQL that joins many rows into one text: without an order,
    DuckDB's threads joined them differently from build to build, and the build id changed with them."""
    again = build(tmp_path / "again.duckdb", log=lambda _: None)
    with connect_read_only(bundled_db) as con:
        first = con.sql("SELECT build_id FROM build_info").fetchall()[0][0]
    assert again.build_id == first
