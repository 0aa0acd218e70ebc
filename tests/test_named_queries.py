"""Named queries: headers parse, parameters are typed and bound, every shipped query runs."""

from __future__ import annotations

import re

import pytest

from etl.database import Database
from etl.named_queries import NamedQueryError, load_all, parse
from etl.sandbox import Sandbox


def write(tmp_path, text):
    path = tmp_path / "q.sql"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_and_parameters(tmp_path):
    q = parse(
        write(
            tmp_path,
            "-- title: Platforms\n-- description: One row per year.\n-- description: Second line.\n"
            "-- param: series text p2p_platforms_operating  The series\n-- param: year integer 2016  A year\n"
            "SELECT * FROM observations WHERE series_id = $series AND year(period_end) = $year;\n",
        )
    )
    assert (q.name, q.title, q.description) == ("q", "Platforms", "One row per year. Second line.")
    assert [(p.name, p.type, p.default) for p in q.parameters] == [
        ("series", "text", "p2p_platforms_operating"),
        ("year", "integer", "2016"),
    ]
    assert q.bind({"year": "2015"}) == {"series": "p2p_platforms_operating", "year": 2015}
    assert not q.sql.endswith(";")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT 1", "needs a `-- title:`"),
        ("-- title: x\n-- param: y weird 1\nSELECT $y", "type one of"),
        ("-- title: x\nSELECT $y", "differ from those declared"),
        ("-- title: x\n-- param: y integer abc\nSELECT $y", "'abc' is not a valid integer"),
    ],
)
def test_bad_headers_are_rejected(tmp_path, text, message):
    with pytest.raises(NamedQueryError, match=message):
        parse(write(tmp_path, text))


def test_bad_values_and_unknown_parameters(tmp_path):
    q = parse(write(tmp_path, "-- title: x\n-- param: d date 2020-01-01 a day\nSELECT $d"))
    with pytest.raises(NamedQueryError, match="'d'"):
        q.bind({"d": "yesterday"})
    with pytest.raises(NamedQueryError, match="no parameter"):
        q.bind({"e": "1"})


def test_every_shipped_query_runs_with_its_defaults(built_db):
    queries = load_all()
    database = Database(built_db)
    try:
        sandbox = Sandbox(database)
        for name, q in queries.items():
            result = sandbox.run(q.sql, q.bind())
            assert result.frame.width > 0, name
    finally:
        database.close()


def test_a_value_containing_sql_stays_a_value(built_db, tmp_path):
    q = parse(
        write(
            tmp_path, "-- title: x\n-- param: s text a  s\nSELECT count(*) AS n FROM observations WHERE series_id = $s"
        )
    )
    database = Database(built_db)
    try:
        result = Sandbox(database).run(q.sql, q.bind({"s": "x' OR '1'='1"}))
        assert result.frame["n"][0] == 0
    finally:
        database.close()


def test_every_shipped_query_has_a_chinese_title_and_group():
    """The SQL page lists the queries to a Chinese reader by these (red when a header line is missing)."""
    queries = load_all()
    assert queries
    for name, query in queries.items():
        assert query.title_zh and re.search(r"[\u4e00-\u9fff]", query.title_zh), name
        assert query.group_zh and query.group_in("zh") != query.group, name
        assert query.title_in("en") == query.title


def test_the_chinese_sql_page_lists_the_queries_in_chinese(open_page, bundled_db):
    at = open_page(bundled_db, "sql", lang="zh")
    shown = " ".join(link.label for link in at.get("page_link"))
    assert "P2P平台的兴起与退出" in shown and "The rise and fall" not in shown
