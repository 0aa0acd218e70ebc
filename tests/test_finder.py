"""The figure finder: a number leads to every observation it can be, within rounding and scale."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from etl.finder import FinderError, find, readings
from tests.conftest import run_etl

FRAME = pl.DataFrame(
    [
        {"series_id": "p2p_platforms_operating", "value": 1575.0, "unit": "家", "unit_kind": "count",
         "period_end": date(2014, 12, 31), "reliability": "medium"},
        {"series_id": "p2p_loan_balance", "value": 12245.87, "unit": "亿元", "unit_kind": "money",
         "period_end": date(2017, 12, 31), "reliability": "medium"},
        {"series_id": "p2p_investors", "value": 17130000.0, "unit": "人", "unit_kind": "count",
         "period_end": date(2017, 12, 31), "reliability": "low"},
        {"series_id": "p2p_yield_avg", "value": 9.45, "unit": "%", "unit_kind": "rate",
         "period_end": date(2017, 12, 31), "reliability": "medium"},
        {"series_id": "bad_debt", "value": 357.6, "unit": "亿元", "unit_kind": "money",
         "period_end": date(2014, 12, 31), "reliability": "high"},
    ]
)  # fmt: skip


@pytest.mark.parametrize(
    ("query", "series"),
    [
        ("1575", "p2p_platforms_operating"),
        ("1,575", "p2p_platforms_operating"),
        ("1575家", "p2p_platforms_operating"),
        ("1.22万亿", "p2p_loan_balance"),
        ("12246", "p2p_loan_balance"),
        ("1.2245870 trillion", "p2p_loan_balance"),
        ("1713万", "p2p_investors"),
        ("17.13 million", "p2p_investors"),
        ("9.45%", "p2p_yield_avg"),
        ("0.0945", "p2p_yield_avg"),
        ("35.76 billion", "bad_debt"),
        ("357.6亿", "bad_debt"),
    ],
)
def test_number_leads_to_its_observation(query, series):
    assert find(FRAME, query)["series_id"].to_list() == [series]


@pytest.mark.parametrize("query", ["1576", "1.23万亿", "9.46%", "35.77 billion"])
def test_near_misses_do_not_match(query):
    assert find(FRAME, query).is_empty()


def test_year_and_unit_filters():
    assert find(FRAME, "1575", year=2015).is_empty()
    assert find(FRAME, "1575", year=2014, unit="家").height == 1
    assert find(FRAME, "1575", unit="亿元").is_empty()


def test_reading_labels_say_how_the_number_was_read():
    labels = {r.label for r in readings("1.22")}
    assert {"1.22", "1.22 × 万亿", "1.22%", "1.22 as a fraction = 122.00%"} <= labels


@pytest.mark.parametrize("query", ["abc", "", "12 34", "1575 dollars"])
def test_bad_numbers_raise(query):
    with pytest.raises(FinderError):
        readings(query)


def test_cli_find_1575_leads_to_the_2014_count(built_db):
    result = run_etl("find", "1575", "--db", str(built_db))
    assert result.returncode == 0, result.stderr
    assert "p2p_platforms_operating" in result.stdout and "period 2014" in result.stdout
    assert "publisher wdzj" in result.stdout and "https://m.kekenet.com" in result.stdout
    assert "No observation matches" in run_etl("find", "1576", "--db", str(built_db)).stdout
    assert run_etl("find", "many", "--db", str(built_db)).returncode == 2
