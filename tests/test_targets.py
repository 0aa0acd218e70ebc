"""Coverage targets: read from TOML, checked against real databases, reported by `python -m etl coverage`."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import targets
from etl.build import build
from etl.database import connect_read_only
from etl.inputs import OBSERVATION_COLUMNS
from etl.paths import DATA_DIR
from etl.problems import InputError
from tests.conftest import FIXTURE_OBSERVATIONS, run_etl, write_csv


def write_targets(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def con(built_db):
    with connect_read_only(built_db) as connection:
        yield connection


def evaluate(con, tmp_path: Path, text: str) -> targets.Result:
    return targets.evaluate(con, targets.load_targets(write_targets(tmp_path / "targets.toml", text)))[0]


YEAR_ENDS = """
[[target]]
id = "platforms"
text = "platforms at every year-end"
series = ["p2p_platforms_operating"]
calendar = "year"
span = [{span}]
every = true
{extra}
"""


def test_every_year_end_in_the_span_is_met_when_all_are_present(con, tmp_path):
    result = evaluate(con, tmp_path, YEAR_ENDS.format(span='"2014", "2015"', extra=""))
    assert result.met and (result.reached, result.wanted) == (2, 2)


def test_a_missing_year_end_is_named(con, tmp_path):
    result = evaluate(con, tmp_path, YEAR_ENDS.format(span='"2013", "2015"', extra=""))
    assert not result.met and result.missing == ["2013"]
    assert "NOT MET" in result.line() and "missing: 2013" in result.line()


def test_two_publishers_per_period_are_counted_separately(con, tmp_path):
    """The fixture has only 网贷之家 at end-2015: one publisher does not satisfy a two-publisher target."""
    result = evaluate(con, tmp_path, YEAR_ENDS.format(span='"2015", "2015"', extra="publishers_per_period = 2"))
    assert not result.met and result.missing == ["2015"]
    named = evaluate(con, tmp_path, YEAR_ENDS.format(span='"2015", "2015"', extra='require_publisher = "cbirc"'))
    assert not named.met


def test_a_stock_at_a_month_end_fills_that_month_quarter_and_not_a_year(con, tmp_path):
    months = YEAR_ENDS.replace('calendar = "year"', 'calendar = "month"')
    assert evaluate(con, tmp_path, months.format(span='"2020-08", "2020-08"', extra="")).met
    quarters = YEAR_ENDS.replace('calendar = "year"', 'calendar = "quarter"')
    assert not evaluate(con, tmp_path, quarters.format(span='"2020-Q3", "2020-Q3"', extra="")).met
    assert not evaluate(con, tmp_path, YEAR_ENDS.format(span='"2020", "2020"', extra="")).met


def test_at_least_counts_present_periods(con, tmp_path):
    text = YEAR_ENDS.replace("every = true", "at_least = 2").format(span='"2010", "2020"', extra="")
    result = evaluate(con, tmp_path, text)
    assert result.met and result.reached == 2
    assert result.missing and "missing" not in result.line(), "a met target does not list the periods it lacks"


def test_a_period_resting_only_on_a_bound_is_named(tmp_path, data_dir):
    bound = {
        "series": "p2p_platforms_operating", "period": "2016", "region": "CN", "publisher": "wdzj",
        "value": "2000", "unit": "家", "qualifier": "more_than", "source": "fx-wdzj-2015-xinhua",
        "excerpt": "The report counted 2,595 P2P platforms across the country, more than 2000",
    }  # fmt: skip
    write_csv(data_dir / "observations" / "p2p.csv", OBSERVATION_COLUMNS, [*FIXTURE_OBSERVATIONS, bound])
    db = tmp_path / "bound.duckdb"
    build(db, data_dir, log=lambda _: None)
    with connect_read_only(db) as con:
        result = evaluate(con, tmp_path, YEAR_ENDS.format(span='"2015", "2016"', extra=""))
    assert result.met and result.on_bounds == ["2016"]
    assert "filled only by a bound" in result.line()


def test_observations_target_counts_rows_by_pattern(con, tmp_path):
    text = '[[target]]\nid = "n"\nkind = "observations"\ntext = "rows"\npattern = "p2p_*"\nat_least = 4\n'
    result = evaluate(con, tmp_path, text)
    assert (result.reached, result.met) == (3, False)


def test_provincial_tables_and_dates_on_the_bundled_data(bundled_db, tmp_path):
    text = """
[[target]]
id = "tables"
kind = "provincial_tables"
text = "complete provincial year-end tables"
series = ["microloan_companies", "microloan_loan_balance"]
at_least = 1

[[target]]
id = "dates"
kind = "dates"
text = "dates"
series = ["online_microloan_companies", "online_microloan_licences"]
at_least = 1
"""
    with connect_read_only(bundled_db) as con:
        tables, dates = targets.evaluate(con, targets.load_targets(write_targets(tmp_path / "t.toml", text)))
        complete_year_ends = con.sql(
            "SELECT count(*) FROM (SELECT period_end FROM observations WHERE series_id = 'microloan_companies' "
            "AND region LIKE 'CN-%' AND month(period_end) = 12 GROUP BY period_end "
            "HAVING count(DISTINCT region) = 31)"
        ).fetchall()[0][0]
        national_dates = con.sql(
            "SELECT count(DISTINCT period_end) FROM observations "
            "WHERE series_id IN ('online_microloan_companies', 'online_microloan_licences') AND region = 'CN'"
        ).fetchall()[0][0]
    # The 2018-Q1 table is a quarter-end: it never counts as a year-end table, however many provinces it has.
    assert tables.met and tables.reached == complete_year_ends >= 1
    # Provincial rows (Jiangxi 2023-07) are not national dates.
    assert dates.met and dates.reached == national_dates


@pytest.mark.parametrize(
    "text, says",
    [
        ('[[target]]\nid = "a"\nkind = "weekly"\ntext = "x"\n', "kind must be one of"),
        ('[[target]]\nid = "a"\ntext = "x"\nseries = ["s"]\ncalendar = "year"\nspan = ["2015", "2010"]\nevery = true\n',
         "span must be"),
        ('[[target]]\nid = "a"\ntext = "x"\nseries = ["s"]\nspan = ["2010", "2015"]\n', "say every = true or at_least"),
        ('[[target]]\nid = "a"\ntext = "x"\nseries = ["s"]\nspan = ["2010", "2015"]\nevery = true\nwhen = 1\n',
         "unknown key 'when'"),
        ('[[target]]\nid = "a"\ntext = "x"\nkind = "dates"\nseries = ["s"]\n', "needs at_least"),
        ("[[target]\n", "not valid TOML"),
    ],
)  # fmt: skip
def test_a_bad_targets_file_names_the_file_and_the_target(tmp_path, text, says):
    path = write_targets(tmp_path / "coverage_targets.toml", text)
    with pytest.raises(InputError) as caught:
        targets.load_targets(path)
    report = caught.value.report()
    assert "coverage_targets.toml" in report and says in report


def test_the_bundled_targets_name_only_series_that_exist(bundled_db):
    goals = targets.load_targets(DATA_DIR / "coverage_targets.toml")
    assert {g.issue for g in goals} >= {3, 4}
    with connect_read_only(bundled_db) as con:
        known = {row[0] for row in con.sql("SELECT series_id FROM series").fetchall()}
    named = {s for g in goals for s in g.series}
    assert named and named <= known, named - known


def test_coverage_command_prints_the_targets(bundled_db):
    result = run_etl("coverage", "--db", str(bundled_db), "--targets")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Targets (")
    assert "#4 microloan-year-ends" in result.stdout and "Total: " not in result.stdout
    full = run_etl("coverage", "--db", str(bundled_db), "--series", "microloan_companies")
    assert "Total: " in full.stdout and "Targets (" in full.stdout


def test_coverage_command_with_a_broken_targets_file_exits_1_naming_it(bundled_db, tmp_path):
    write_targets(tmp_path / "coverage_targets.toml", '[[target]]\nid = "a"\nkind = "weekly"\ntext = "x"\n')
    result = run_etl("coverage", "--db", str(bundled_db), "--data", str(tmp_path))
    assert result.returncode == 1
    assert "coverage_targets.toml" in result.stderr and "kind must be one of" in result.stderr
