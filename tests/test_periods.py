from datetime import date

import pytest

from etl.periods import PeriodError, parse_date, parse_period


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2015", "year", date(2015, 1, 1), date(2015, 12, 31)),
        ("2015-H1", "half", date(2015, 1, 1), date(2015, 6, 30)),
        ("2015-H2", "half", date(2015, 7, 1), date(2015, 12, 31)),
        ("2016-Q1", "quarter", date(2016, 1, 1), date(2016, 3, 31)),
        ("2015-Q3", "quarter", date(2015, 7, 1), date(2015, 9, 30)),
        ("2016-02", "month", date(2016, 2, 1), date(2016, 2, 29)),
        ("2020-10-22", "day", date(2020, 10, 22), date(2020, 10, 22)),
        ("2019-01/2019-09", "range", date(2019, 1, 1), date(2019, 9, 30)),
        ("to:2018-12", "cumulative", None, date(2018, 12, 31)),
        ("to:2018", "cumulative", None, date(2018, 12, 31)),
        ("to:2020-10-22", "cumulative", None, date(2020, 10, 22)),
    ],
)
def test_labels_parse_to_type_and_dates(label, kind, start, end):
    period = parse_period(label)
    assert (period.type, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize(
    "label",
    [
        "",
        " 2015",
        "2015 ",
        "15",
        "2015-13",
        "2015-Q5",
        "2015-H3",
        "2015-02-30",
        "1890",
        "2015/06",
        "to:to:2015",
        "2015年",
    ],
)
def test_bad_labels_are_rejected_with_the_label_in_the_message(label):
    with pytest.raises(PeriodError) as info:
        parse_period(label)
    assert repr(label) in str(info.value) or repr(label.strip()) in str(info.value)


def test_parse_date_is_strict():
    assert parse_date("2020-11-06") == date(2020, 11, 6)
    for bad in ("2020-11", "2020/11/06", "2020-02-31"):
        with pytest.raises(PeriodError):
            parse_date(bad)
