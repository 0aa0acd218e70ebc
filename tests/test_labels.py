"""app/labels.py: every id a reader could see resolves to words in the chosen language, and numbers
read as the language writes them (exact to the digits the source gave)."""

from __future__ import annotations

import re

import pytest

from app import labels


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (12200, "亿元", "zh", "1.22万亿元"),
        (8000, "亿元", "zh", "8,000亿元"),
        (0.5, "亿元", "zh", "5,000万元"),
        (12200, "亿元", "en", "1.22 trillion yuan"),
        (8000, "亿元", "en", "800 billion yuan"),
        (12345.67, "亿元", "en", "1.234567 trillion yuan"),
        (2595.0, "家", "en", "2,595"),
        (11534.0, "家", "zh", "11,534家"),
        (9.45, "%", "en", "9.45%"),
        (1234567, "人", "zh", "123.4567万人"),
        (950, "人", "zh", "950人"),
        (8.5, "月", "en", "8.5 months"),
        (0, "家", "en", "0"),
        (None, "家", "en", "—"),
    ],
)
def test_number_reads_as_the_language_writes_it(value, unit, lang, expected):
    assert labels.number(value, unit, lang) == expected


def test_a_count_is_never_shown_with_a_decimal_point():
    for value in (11534.0, 2595.0, 1.0):
        assert "." not in labels.number(value, "家", "en") and "." not in labels.number(value, "家", "zh")


def test_number_with_a_qualifier():
    assert labels.number(2000, "家", "zh", qualifier="nearly") == "近2,000家"
    assert labels.number(2000, "家", "en", qualifier="more_than") == "more than 2,000"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (8000, "亿元", "zh", "8,000亿"), (12000, "亿元", "zh", "1.2万亿"), (8000, "亿元", "en", "800 bn"),
        (12000, "亿元", "en", "1.2 tn"), (3000, "家", "en", "3,000"), (150000, "人", "zh", "15万"),
        (2500000, "人", "en", "2.5 m"), (0, "亿元", "en", "0"), (12.5, "%", "en", "12.5%"),
    ],
)  # fmt: skip
def test_axis_ticks_are_compact(value, unit, lang, expected):
    assert labels.tick(value, unit, lang) == expected


def test_units_in_the_readers_language():
    assert labels.unit("家", "zh", "p2p_platforms_operating") == "家"
    assert labels.unit("家", "en", "p2p_platforms_operating") == "platforms"
    assert labels.unit("家", "en", "microloan_companies") == "companies"
    assert labels.unit("家", "en", {"series_id": "online_microloan_licences"}) == "licences"
    assert labels.unit("亿元", "en") == "CNY 100 million" and labels.unit("人", "en") == "people"
    assert labels.axis_unit("亿元", "en") == "yuan" and labels.axis_unit("亿元", "zh") == "元"
    for unit in ("家", "人", "件", "亿元", "元", "%", "月", "通"):
        assert not re.search(r"[\u4e00-\u9fff]", labels.unit(unit, "en")), unit


def test_publisher_short_names_are_short_and_keep_the_chinese_in_english():
    row = {
        "publisher_id": "wdzj",
        "publisher_zh": "网贷之家 / 盈灿咨询",
        "publisher_en": "Wangdaizhijia (wdzj.com) / …",
    }
    assert labels.publisher(row, "zh") == "网贷之家" and labels.publisher(row, "en") == "WDZJ (网贷之家)"
    assert labels.publisher("pboc", "en") == "PBoC" and labels.publisher("pboc", "zh") == "人民银行"
    # Every bundled publisher, both languages: short, and never its snake_case id.
    for publisher_id in labels._catalogue("publishers"):
        for lang in ("zh", "en"):
            name = labels.publisher(publisher_id, lang)
            assert 0 < len(name) <= labels.SHORT_MAX, (publisher_id, name)
            assert "_" not in name, (publisher_id, name)


def test_an_unknown_publisher_falls_back_to_its_record_then_to_words():
    row = {"publisher_id": "x", "name_zh": "某机构(转载)", "name_en": "Some Institute (SI), Beijing"}
    assert labels.publisher(row, "zh") == "某机构" and labels.publisher(row, "en") == "SI"
    assert labels.publisher("no_such_one", "en") == "No such one"


def test_publisher_full_name_for_source_lines():
    assert labels.publisher_full("pboc", "en") == "People's Bank of China (PBoC) (中国人民银行)"
    assert labels.publisher_full("pboc", "zh") == "中国人民银行"


@pytest.mark.parametrize(
    ("label", "lang", "expected"),
    [
        ("2015", "en", "2015"), ("2015", "zh", "2015年"), ("2015-Q3", "en", "Q3 2015"),
        ("2015-Q3", "zh", "2015年第三季度"), ("2015-06", "en", "Jun 2015"), ("2015-06", "zh", "2015年6月"),
        ("2015-H1", "zh", "2015年上半年"), ("2020-10-22", "en", "22 Oct 2020"),
        ("2019-01/2019-09", "en", "Jan–Sep 2019"), ("2017-07/2018-06", "zh", "2017年7月–2018年6月"),
        ("to:2019-02", "en", "to Feb 2019 (cumulative)"), ("to:2019-02", "zh", "截至2019年2月(累计)"),
        ("odd label", "en", "odd label"),
    ],
)  # fmt: skip
def test_period_labels(label, lang, expected):
    assert labels.period(label, None, lang) == expected


def test_qualifier_reliability_topic_region_series():
    assert [labels.qualifier(q, "zh") for q in ("about", "nearly", "more_than", None)] == ["约", "近", "超过", ""]
    assert labels.qualifier("more_than", "en") == "more than"
    assert labels.reliability("low", "zh") == "低" and labels.reliability("high", "en") == "high"
    assert labels.topic("microloans", "en") == "Licensed lenders" and labels.topic("new_topic", "en") == "New topic"
    assert labels.region("CN-GD", "zh") == "广东" and labels.region("CN-GD", "en") == "Guangdong"
    assert labels.series("p2p_platforms_operating", "en").startswith("P2P lending platforms")
    assert labels.series({"name_zh": "甲", "name_en": None}, "en") == "甲"
    assert labels.category("p2p", "en") == "P2P lending"
