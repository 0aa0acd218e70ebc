"""Consistency checks against real databases: each check fires on the slip it is meant to catch."""

from __future__ import annotations

import csv

import duckdb
import pytest

from etl import checks
from etl.build import build
from etl.inputs import OBSERVATION_COLUMNS
from etl.paths import DATA_DIR
from etl.problems import InputError
from tests.conftest import write_csv


@pytest.mark.parametrize(
    ("value", "digits"), [(17130000.0, "1713"), (9.45, "945"), (0.5, "5"), (2595.0, "2595"), (0.0, "0"), (-131, "131")]
)
def test_significant_digits(value, digits):
    assert checks.significant_digits(value) == digits


@pytest.mark.parametrize(
    ("value", "excerpt"),
    [
        (2595.0, "The report counted 2,595 P2P platforms"),
        (1357.0, "目前正在运营的借贷平台约1 357家"),
        (17130000.0, "投资人数与借款人数分别约为1713万人"),
        (12200.0, "贷款余额1.22万亿元"),
        (6.0, "there were only six P2P online-lending platforms"),
        (0.0, "P2P网贷机构已经归零"),
        (4394.61, "网贷行业总体贷款余额已经达到了4394。61亿元"),
    ],
)
def test_stated_values_are_found_in_their_excerpts(value, excerpt):
    assert checks.significant_digits(value) in checks.excerpt_digits(excerpt)


def test_a_transcription_slip_is_not_found():
    assert checks.significant_digits(2596.0) not in checks.excerpt_digits("The report counted 2,595 P2P platforms")


def db_with_rows(tmp_path, data_dir, rows):
    path = data_dir / "observations" / "p2p.csv"
    with path.open(encoding="utf-8") as fh:
        existing = list(csv.DictReader(fh))
    write_csv(path, OBSERVATION_COLUMNS, existing + rows)
    db = tmp_path / "checks.duckdb"
    build(db, data_dir, log=lambda _: None)
    return duckdb.connect(str(db), read_only=True)


def row(**cells):
    base = {"region": "CN", "publisher": "wdzj", "unit": "家", "source": "fx-wdzj-2015-xinhua"}
    return {**base, **cells}


def test_fixture_database_has_no_findings(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        assert checks.run_all(con) == []


def test_value_not_in_excerpt_fails_the_build(tmp_path, data_dir):
    """A validation rule now (it was a check of the built database only): the build refuses the row."""
    with pytest.raises(InputError) as caught:
        db_with_rows(
            tmp_path, data_dir, [row(series="p2p_platforms_operating", period="2016", value="2449", excerpt="2448家")]
        )
    (problem,) = [p for p in caught.value.problems if p.rule == "value-in-excerpt"]
    assert problem.file.endswith("p2p.csv") and problem.line == 5 and "2449" in problem.message


def test_cumulative_that_falls_is_an_error(tmp_path, data_dir):
    con = db_with_rows(
        tmp_path,
        data_dir,
        [
            row(series="p2p_turnover_cumulative", period="to:2017-12", unit="亿元", value="60000", excerpt="60000"),
            row(series="p2p_turnover_cumulative", period="to:2018-06", unit="亿元", value="59000", excerpt="59000"),
        ],
    )
    (finding,) = checks.cumulative_not_decreasing(con)
    assert finding.severity == "error" and "to:2018-06" in finding.message and finding.where.endswith(":6")


def test_year_end_and_december_disagreeing_is_a_flag(tmp_path, data_dir):
    con = db_with_rows(
        tmp_path, data_dir, [row(series="p2p_platforms_operating", period="2015-12", value="2596", excerpt="2596家")]
    )
    (finding,) = checks.year_end_vs_month_end(con)
    assert finding.severity == "flag" and "2015 = 2595" in finding.message and "2015-12 = 2596" in finding.message


def provincial_rows(values: list[str], note: str = ""):
    with open(data_dir_regions(), encoding="utf-8") as fh:
        codes = [r["code"] for r in csv.DictReader(fh) if r["code"].startswith("CN-")]
    return [
        row(series="p2p_platforms_operating", period="2017", region=code, value=v, excerpt=f"{v}家", note=note)
        for code, v in zip(codes, values, strict=True)
    ]


def data_dir_regions():
    return DATA_DIR / "regions.csv"


def test_provinces_adding_up_pass(tmp_path, data_dir):
    national = row(series="p2p_platforms_operating", period="2017", value="310", excerpt="310家")
    con = db_with_rows(tmp_path, data_dir, [national, *provincial_rows(["10"] * 31)])
    assert checks.provinces_vs_national(con) == []


@pytest.mark.parametrize(("note", "severity"), [("", "error"), ("the published table does not add up", "flag")])
def test_provinces_not_adding_up_is_an_error_unless_noted(tmp_path, data_dir, note, severity):
    national = row(series="p2p_platforms_operating", period="2017", value="320", excerpt="320家", note=note)
    con = db_with_rows(tmp_path, data_dir, [national, *provincial_rows(["10"] * 31)])
    (finding,) = checks.provinces_vs_national(con)
    assert finding.severity == severity and "sum to 310.00" in finding.message
