"""Refresh against a real local HTTP server (pytest-httpserver): success, pagination, retries,
timeouts, refused and truncated connections, wrong formats, unchanged content. In every failure
the previous database, data/ and snapshots stay byte-identical."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import socket
import threading
import time
from pathlib import Path

import duckdb
import pytest
from werkzeug import Response

from etl.build import build
from etl.fetch import FetchPolicy
from etl.paths import DATA_DIR
from etl.refresh import EXIT_ALL_FAILED, EXIT_SOME_FAILED, copy_inputs, refresh
from tests.conftest import free_port, run_etl

FIXTURES = Path(__file__).parent / "fixtures"
FAST = FetchPolicy(connect_timeout=1, read_timeout=0.8, attempts=3, backoff=0.05, max_wait=3)
INDICATORS = {"FS.AST.PRVT.GD.ZS": "macro_private_credit_gdp", "FB.AST.NPER.ZS": "macro_bank_npl"}
NAMES = {
    "FS.AST.PRVT.GD.ZS": "Domestic credit to private sector (% of GDP)",
    "FB.AST.NPER.ZS": "Bank nonperforming loans to total gross loans (%)",
}
ISO3 = {"CN": "CHN", "US": "USA", "JP": "JPN", "KR": "KOR", "IN": "IND", "ID": "IDN", "BR": "BRA"}


def bundled_worldbank() -> list[dict]:
    """The curated World Bank figures: the API fixture serves the same real values."""
    path = DATA_DIR / "observations" / "worldbank.csv"
    with path.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["series"] in INDICATORS.values()]


def records(code: str) -> list[dict]:
    series = INDICATORS[code]
    out = [
        {
            "indicator": {"id": code, "value": NAMES[code]},
            "country": {"id": r["region"], "value": r["region"]},
            "countryiso3code": ISO3[r["region"]],
            "date": r["period"],
            "value": float(r["value"]),
            "unit": "",
            "obs_status": "",
            "decimal": 1,
        }
        for r in bundled_worldbank()
        if r["series"] == series
    ]
    # A missing figure comes as null: it must give no row.
    out.append(
        {
            "indicator": {"id": code, "value": NAMES[code]},
            "country": {"id": "CN", "value": "China"},
            "countryiso3code": "CHN",
            "date": "2005",
            "value": None,
            "unit": "",
            "obs_status": "",
            "decimal": 1,
        }
    )
    return out


def wb_page(code: str, page: int = 1, pages: int = 1) -> str:
    rows = records(code)
    chunk = rows[page - 1 :: pages]
    info = {
        "page": page,
        "pages": pages,
        "per_page": 1000,
        "total": len(rows),
        "sourceid": "2",
        "lastupdated": "2026-10-15",
    }
    return json.dumps([info, chunk])


@pytest.fixture
def tree(tmp_path):
    """A copy of the real input tree and a database built from it."""
    data = tmp_path / "data"
    copy_inputs(DATA_DIR, data)
    db = tmp_path / "lending.duckdb"
    build(db, data, log=lambda _: None)
    return data, db


def state(data: Path, db: Path) -> dict:
    """Every byte that a failed refresh must leave alone."""
    files = {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    return {"db": db.read_bytes(), **files}


def wb_config(httpserver, **extra) -> dict:
    return {
        "worldbank": {
            "base_url": httpserver.url_for("/"),
            "countries": ["CN", "US", "JP", "KR", "IN", "ID", "BR"],
            "first_year": 2005,
            "indicators": INDICATORS,
            **extra,
        }
    }


def serve_wb(httpserver, pages: int = 1):
    for code in INDICATORS:
        for page in range(1, pages + 1):
            httpserver.expect_request(
                f"/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/{code}",
                query_string={
                    "format": "json",
                    "per_page": "1000",
                    "date": f"2005:{time.localtime().tm_year}",
                    "page": str(page),
                },
            ).respond_with_data(wb_page(code, page, pages), content_type="application/json;charset=utf-8")


def run(tree, config, sources=("worldbank",), **kw):
    data, db = tree
    return refresh(db, data, list(sources), config=config, policy=kw.pop("policy", FAST), log=lambda _: None, **kw)


def db_rows(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_worldbank_success_replaces_curated_values_with_api_values(tree, httpserver):
    serve_wb(httpserver)
    data, db = tree
    report = run(tree, wb_config(httpserver))
    assert [r.status for r in report.results] == ["updated"] and report.exit_code == 0 and report.rebuilt
    kinds = db_rows(
        db,
        "SELECT DISTINCT s.kind FROM observations o JOIN sources s USING (source_id) "
        "WHERE o.series_id IN ('macro_private_credit_gdp', 'macro_bank_npl')",
    )
    assert kinds == [("API",)]  # every curated row of these series was replaced
    expected = len(bundled_worldbank())
    assert db_rows(db, "SELECT count(*) FROM observations WHERE source_id LIKE 'wb-api-%'") == [(expected,)]
    assert (data / "refreshed" / "worldbank.csv").exists() and (data / "refreshed" / "worldbank.toml").exists()
    metas = list((data / "snapshots" / "worldbank").glob("*/*.meta.json"))
    assert len(metas) == len(INDICATORS)
    meta = json.loads(metas[0].read_text())
    assert meta["status"] == 200 and len(meta["sha256"]) == 64 and meta["bytes"] > 0 and meta["url"].startswith("http")


def test_pagination_fetches_every_page(tree, httpserver):
    serve_wb(httpserver, pages=2)
    report = run(tree, wb_config(httpserver))
    assert report.results[0].status == "updated"
    assert len(list((tree[0] / "snapshots" / "worldbank").glob("*/*.meta.json"))) == 2 * len(INDICATORS)
    assert db_rows(tree[1], "SELECT count(*) FROM observations WHERE source_id LIKE 'wb-api-%'") == [
        (len(bundled_worldbank()),)
    ]


def flaky(first: Response, body_for):
    """A handler that answers `first` once, then the real body."""
    calls = {"n": 0}

    def handler(request):
        calls["n"] += 1
        if calls["n"] == 1:
            return first
        return Response(body_for(request), content_type="application/json")

    return handler, calls


def wb_body(request):
    code = request.path.rsplit("/", 1)[-1]
    return wb_page(code, int(request.args.get("page", 1)))


def test_429_with_retry_after_is_honoured(tree, httpserver):
    handler, calls = flaky(Response("slow down", status=429, headers={"Retry-After": "1"}), wb_body)
    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FS.AST.PRVT.GD.ZS").respond_with_handler(
        handler
    )
    started = time.monotonic()
    report = run(
        tree,
        wb_config(
            httpserver,
            indicators={"FS.AST.PRVT.GD.ZS": "macro_private_credit_gdp"},
        ),
    )
    assert report.results[0].status == "updated" and calls["n"] == 2
    assert time.monotonic() - started >= 1.0


def test_500_then_success(tree, httpserver):
    handler, calls = flaky(Response("oops", status=500), wb_body)
    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FS.AST.PRVT.GD.ZS").respond_with_handler(
        handler
    )
    report = run(tree, wb_config(httpserver, indicators={"FS.AST.PRVT.GD.ZS": "macro_private_credit_gdp"}))
    assert report.results[0].status == "updated" and calls["n"] == 2


def assert_failed_and_untouched(tree, before, report, *words):
    assert report.results[0].status == "failed", report.results[0].message
    for word in words:
        assert word in report.results[0].message
    assert not report.rebuilt and report.exit_code == EXIT_ALL_FAILED
    assert state(*tree) == before


def test_persistent_500_changes_nothing(tree, httpserver):
    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FS.AST.PRVT.GD.ZS").respond_with_data(
        "down", status=500
    )
    before = state(*tree)
    report = run(tree, wb_config(httpserver))
    assert_failed_and_untouched(tree, before, report, "HTTP 500", "/indicator/FS.AST.PRVT.GD.ZS")


def test_read_timeout(tree, httpserver):
    def slow(request):
        time.sleep(1.5)
        return Response(wb_body(request), content_type="application/json")

    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FS.AST.PRVT.GD.ZS").respond_with_handler(slow)
    before = state(*tree)
    report = run(tree, wb_config(httpserver), policy=FetchPolicy(read_timeout=0.3, attempts=2, backoff=0.05))
    assert_failed_and_untouched(tree, before, report, "timeout")


def test_connection_refused(tree):
    before = state(*tree)
    config = {"worldbank": {"base_url": f"http://127.0.0.1:{free_port()}/", "indicators": INDICATORS}}
    report = run(tree, config)
    assert_failed_and_untouched(tree, before, report, "connection", "Connection refused")


@contextlib.contextmanager
def raw_server(answer):
    """A bare TCP server on a free port, `answer(conn, stop)` called on a thread per connection;
    yields its URL. For answers no HTTP library would send (truncated, trickling)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=answer, args=(conn, stop), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join(timeout=2)  # before closing the socket its accept() waits on
        server.close()


@pytest.fixture
def truncating_server():
    """Announces 1000 bytes, sends 20, closes: a truncated body."""

    def answer(conn, stop):
        with conn:
            conn.recv(65536)
            conn.sendall(
                b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{"page": 1, "pages"'
            )

    with raw_server(answer) as url:
        yield url


def test_truncated_body(tree, truncating_server):
    before = state(*tree)
    report = run(tree, {"worldbank": {"base_url": truncating_server, "indicators": INDICATORS}})
    assert_failed_and_untouched(tree, before, report, "truncated")


def test_html_error_page_where_json_is_expected(tree, httpserver):
    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FS.AST.PRVT.GD.ZS").respond_with_data(
        "<html><body><h1>Service Unavailable</h1></body></html>", content_type="text/html"
    )
    before = state(*tree)
    report = run(tree, wb_config(httpserver))
    assert_failed_and_untouched(tree, before, report, "expected JSON", "text/html")


def test_api_error_inside_a_200_response(tree, httpserver):
    error = [{"message": [{"id": "120", "key": "Invalid value", "value": "The provided parameter value is not valid"}]}]
    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FS.AST.PRVT.GD.ZS").respond_with_json(error)
    before = state(*tree)
    report = run(tree, wb_config(httpserver))
    assert_failed_and_untouched(tree, before, report, "120 Invalid value")


def test_unchanged_response_changes_nothing(tree, httpserver):
    serve_wb(httpserver)
    assert run(tree, wb_config(httpserver)).rebuilt
    before = state(*tree)
    report = run(tree, wb_config(httpserver))
    assert [r.status for r in report.results] == ["unchanged"] and not report.rebuilt and report.exit_code == 0
    assert state(*tree) == before


# --- PBoC report pages -------------------------------------------------------------------------


def pboc_config(httpserver) -> dict:
    return {"pboc_microloan": {"listing_url": httpserver.url_for("/pboc/index.html")}}


def serve_pboc(httpserver, page: str | None = None):
    httpserver.expect_request("/pboc/index.html").respond_with_data(
        (FIXTURES / "pboc_listing.html").read_text(encoding="utf-8"), content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/pboc/2016.html").respond_with_data(
        page or (FIXTURES / "pboc_microloan_2016.html").read_text(encoding="utf-8"),
        content_type="text/html; charset=utf-8",
    )


def test_pboc_report_discovered_parsed_and_loaded(tree, httpserver):
    serve_pboc(httpserver)
    _, db = tree
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert [r.status for r in report.results] == ["updated"], report.results[0].message
    rows = dict(
        db_rows(
            db,
            "SELECT region, value FROM observations WHERE series_id = 'microloan_companies' AND period_label = '2016'",
        )
    )
    assert rows["CN"] == 8673 and rows["CN-FJ"] == 118 and rows["CN-GX"] == 309 and len(rows) == 32
    kind = db_rows(
        db,
        "SELECT DISTINCT s.kind FROM observations o JOIN sources s USING (source_id) "
        "WHERE o.series_id = 'microloan_loan_balance' AND o.period_label = '2016'",
    )
    assert kind == [("official release",)]


def pboc_variant(old: str, new: str) -> str:
    page = (FIXTURES / "pboc_microloan_2016.html").read_text(encoding="utf-8")
    assert old in page
    return page.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("<td>贷款余额</td>", "<td>贷款总额</td>", ["no 贷款余额 column"]),
        ("<td>机构数量</td>", "<td>机构</td>", ["no table with 地区名称 and 机构数量"]),
        ("<td>118</td>", "<td>一百一十八</td>", ["福建省", "机构数量", "not a number"]),
        ("<tr><td>天津市</td>", "<tr><td>北京市</td>", ["北京市 appears twice"]),
    ],
)
def test_pboc_format_problems_fail_clearly_and_change_nothing(tree, httpserver, old, new, words):
    serve_pboc(httpserver, pboc_variant(old, new))
    before = state(*tree)
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert_failed_and_untouched(tree, before, report, *words)


def report_for(day: str, page: str | None = None) -> str:
    """The 2016 fixture page re-dated to another quarter-end (same figures: the tests are about fetching)."""
    year = day[:4]
    page = page or (FIXTURES / "pboc_microloan_2016.html").read_text(encoding="utf-8")
    return page.replace("2016-12-31", day).replace("截至2016年末", f"截至{year}年{int(day[5:7])}月末")


def html(body: str) -> str:
    return f'<html><head><meta charset="utf-8"><title>统计数据</title></head><body>{body}</body></html>'


def serve_html(httpserver, path: str, text: str, **kw):
    httpserver.expect_request(path, **kw).respond_with_data(text, content_type="text/html; charset=utf-8")


def refreshed_periods(db: Path) -> list[str]:
    return [
        label
        for (label,) in db_rows(
            db,
            "SELECT DISTINCT o.period_label FROM observations o JOIN sources s USING (source_id) "
            "WHERE o.series_id = 'microloan_companies' AND o.region = 'CN' AND s.kind = 'official release' "
            "ORDER BY 1",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        # No table date and no 截至 sentence: nothing says which quarter the table is.
        ('<tr><td colspan="5">2016-12-31</td></tr>', "", ["no table date"]),
        # A table date that is not a quarter-end.
        ("2016-12-31", "2016-11-30", ["2016-11 is not a quarter-end"]),
    ],
)
def test_pboc_period_problems_fail_clearly(tree, httpserver, old, new, words):
    page = pboc_variant(old, new).replace("截至2016年末,", "")
    serve_pboc(httpserver, page)
    before = state(*tree)
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert_failed_and_untouched(tree, before, report, *words)


def test_pboc_period_from_the_table_not_from_a_publication_date(tree, httpserver):
    """A report page also shows when it was published (a date that is no quarter-end): the table's own
    date decides the period; without one, 截至YYYY年末 in the text does."""
    published = pboc_variant("<body>", "<body><p>发布时间:2017-01-24</p>")
    serve_pboc(httpserver, published)
    assert run(tree, pboc_config(httpserver), sources=["pboc_microloan"]).results[0].status == "updated"
    assert refreshed_periods(tree[1]) == ["2016"]


def test_pboc_period_from_the_text_when_the_table_has_no_date(tree, httpserver):
    serve_pboc(httpserver, pboc_variant('<tr><td colspan="5">2016-12-31</td></tr>', ""))
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert report.results[0].status == "updated", report.results[0].message
    assert refreshed_periods(tree[1]) == ["2016"]


def test_pboc_early_titles_and_further_listing_pages(tree, httpserver):
    """Early reports are titled 数据统计报告; the listing says how many pages it has (totalpage)."""
    first = html(
        '<input name="article_paging_list_hidden" totalpage="2">'
        '<a href="/pboc/2016.html">2016年小额贷款公司统计数据报告</a>'
    )
    serve_html(httpserver, "/pboc/index.html", first)
    serve_html(httpserver, "/pboc/list-2.html", html('<a href="/pboc/2011.html">2011年小额贷款公司数据统计报告</a>'))
    serve_html(httpserver, "/pboc/2016.html", report_for("2016-12-31"))
    serve_html(httpserver, "/pboc/2011.html", report_for("2011-12-31"))
    config = {"pboc_microloan": pboc_config(httpserver)["pboc_microloan"] | {
        "listing_page_url": httpserver.url_for("/pboc/list-{page}.html"),
    }}  # fmt: skip
    report = run(tree, config, sources=["pboc_microloan"])
    assert report.results[0].status == "updated", report.results[0].message
    assert refreshed_periods(tree[1]) == ["2011", "2016"]
    asked = [request.path for request, _ in httpserver.log]
    assert "/pboc/list-3.html" not in asked, "totalpage=2: no third listing page is asked for"


def test_pboc_listing_without_a_page_count_stops_at_a_404(tree, httpserver):
    serve_html(httpserver, "/pboc/index.html", html('<a href="/pboc/2016.html">2016年小额贷款公司统计数据报告</a>'))
    serve_html(httpserver, "/pboc/list-2.html", html('<a href="/pboc/2015.html">2015年小额贷款公司统计数据报告</a>'))
    httpserver.expect_request("/pboc/list-3.html").respond_with_data("not found", status=404)
    serve_html(httpserver, "/pboc/2016.html", report_for("2016-12-31"))
    serve_html(httpserver, "/pboc/2015.html", report_for("2015-12-31"))
    config = {"pboc_microloan": pboc_config(httpserver)["pboc_microloan"] | {
        "listing_page_url": httpserver.url_for("/pboc/list-{page}.html"), "max_listing_pages": 10,
    }}  # fmt: skip
    report = run(tree, config, sources=["pboc_microloan"])
    assert report.results[0].status == "updated", report.results[0].message
    assert refreshed_periods(tree[1]) == ["2015", "2016"]


def fixture_table_rows() -> list[list[str]]:
    import re as _re

    page = (FIXTURES / "pboc_microloan_2016.html").read_text(encoding="utf-8")
    rows = [_re.findall(r"<td[^>]*>(.*?)</td>", tr) for tr in _re.findall(r"<tr>(.*?)</tr>", page)]
    return [r for r in rows if len(r) == 5]


def test_pboc_table_in_an_html_attachment(tree, httpserver):
    serve_html(httpserver, "/pboc/index.html", html('<a href="/pboc/2016.html">2016年小额贷款公司统计数据报告</a>'))
    serve_html(
        httpserver, "/pboc/2016.html",
        html('<p>截至2016年末,全国共有小额贷款公司8673家。</p>'
             '<a href="/pboc/attachDir/2016.htm">附件:小额贷款公司分地区情况统计表</a>'),
    )  # fmt: skip
    serve_html(httpserver, "/pboc/attachDir/2016.htm", (FIXTURES / "pboc_microloan_2016.html").read_text("utf-8"))
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert report.results[0].status == "updated", report.results[0].message
    data, db = tree
    assert refreshed_periods(db) == ["2016"]
    note, url = db_rows(db, "SELECT note, url FROM sources WHERE source_id = 'pboc-microloan-2016'")[0]
    assert url.endswith("/pboc/2016.html") and "attachDir/2016.htm" in note
    metas = [json.loads(p.read_text()) for p in (data / "snapshots" / "pboc_microloan").rglob("*.meta.json")]
    assert {m["url"].rsplit("/", 1)[-1]: m["referrer"] for m in metas} == {
        "2016.html": None, "2016.htm": httpserver.url_for("/pboc/2016.html"),
    }  # fmt: skip


def test_pboc_table_in_an_xlsx_attachment(tree, httpserver):
    from datetime import datetime
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["小额贷款公司分地区情况统计表"])
    sheet.append([datetime(2019, 12, 31)])
    for row in fixture_table_rows():
        sheet.append([float(c) if c.replace(".", "").isdigit() else c for c in row])
    buffer = BytesIO()
    book.save(buffer)
    serve_html(httpserver, "/pboc/index.html", html('<a href="/pboc/2019.html">2019年小额贷款公司统计数据报告</a>'))
    serve_html(httpserver, "/pboc/2019.html", html('<a href="/pboc/2019.xlsx">附件:分地区情况统计表</a>'))
    httpserver.expect_request("/pboc/2019.xlsx").respond_with_data(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert report.results[0].status == "updated", report.results[0].message
    values = dict(
        db_rows(
            tree[1],
            "SELECT region, value FROM observations WHERE source_id = 'pboc-microloan-2019' "
            "AND series_id = 'microloan_loan_balance'",
        )
    )
    assert values["CN"] == 9272.8 and values["CN-BJ"] == 142.0 and len(values) == 32


def test_pboc_unreadable_page_fails_naming_it_until_excluded(tree, httpserver):
    listing = html(
        '<a href="/pboc/2016.html">2016年小额贷款公司统计数据报告</a>'
        '<a href="/pboc/2015.html">2015年小额贷款公司统计数据报告</a>'
    )
    serve_html(httpserver, "/pboc/index.html", listing)
    serve_html(httpserver, "/pboc/2016.html", report_for("2016-12-31"))
    serve_html(httpserver, "/pboc/2015.html", html('<a href="/pboc/attachDir/2015.pdf">附件:分地区情况统计表</a>'))
    httpserver.expect_request("/pboc/attachDir/2015.pdf").respond_with_data(
        b"%PDF-1.4 ...", content_type="application/pdf"
    )
    before = state(*tree)
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert_failed_and_untouched(tree, before, report, "/pboc/attachDir/2015.pdf", "exclude_urls")
    excluded = {"pboc_microloan": pboc_config(httpserver)["pboc_microloan"] | {
        "exclude_urls": [httpserver.url_for("/pboc/2015.html")],
    }}  # fmt: skip
    assert run(tree, excluded, sources=["pboc_microloan"]).results[0].status == "updated"
    assert refreshed_periods(tree[1]) == ["2016"]


def test_pboc_pages_not_modified_keep_their_figures(tree, httpserver):
    """The second refresh gets 304 for the page it already has and a new page: both periods stay loaded,
    and the day's snapshot holds both pages."""
    serve_html(httpserver, "/pboc/index.html", html('<a href="/pboc/2016.html">2016年小额贷款公司统计数据报告</a>'))
    httpserver.expect_request("/pboc/2016.html", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    httpserver.expect_request("/pboc/2016.html").respond_with_data(
        report_for("2016-12-31"), content_type="text/html; charset=utf-8", headers={"ETag": '"v1"'}
    )
    assert run(tree, pboc_config(httpserver), sources=["pboc_microloan"]).results[0].status == "updated"
    httpserver.clear()
    listing = html(
        '<a href="/pboc/2016.html">2016年小额贷款公司统计数据报告</a>'
        '<a href="/pboc/2017.html">2017年一季度小额贷款公司统计数据报告</a>'
    )
    serve_html(httpserver, "/pboc/index.html", listing)
    httpserver.expect_request("/pboc/2016.html", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    serve_html(httpserver, "/pboc/2017.html", report_for("2017-03-31"))
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert report.results[0].status == "updated", report.results[0].message
    assert refreshed_periods(tree[1]) == ["2016", "2017-Q1"]
    saved = sorted(p.name for p in (tree[0] / "snapshots" / "pboc_microloan").rglob("*.html"))
    assert len(saved) == 2 and any("2016" in name for name in saved)


def test_some_failed_is_told_apart_from_all_failed(tree, httpserver):
    serve_pboc(httpserver)
    config = pboc_config(httpserver) | {
        "worldbank": {"base_url": f"http://127.0.0.1:{free_port()}/", "indicators": INDICATORS}
    }
    report = run(tree, config, sources=["pboc_microloan", "worldbank"])
    assert sorted(r.status for r in report.results) == ["failed", "updated"]
    assert report.exit_code == EXIT_SOME_FAILED and report.rebuilt


def test_cli_with_the_network_cut(tree):
    data, db = tree
    (data / "refresh.toml").write_text(
        f'[worldbank]\nbase_url = "http://127.0.0.1:{free_port()}/"\n'
        f'[pboc_microloan]\nlisting_url = "http://127.0.0.1:{free_port()}/index.html"\n',
        encoding="utf-8",
    )
    before = state(data, db)
    result = run_etl("refresh", "--db", str(db), "--data", str(data))
    assert result.returncode == EXIT_ALL_FAILED, result.stderr
    lines = [line for line in result.stdout.splitlines() if "failed:" in line]
    assert len(lines) == 2 and all("127.0.0.1" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr
    assert state(data, db) == before


def test_cli_offline(tree):
    data, db = tree
    before = state(data, db)
    result = run_etl("refresh", "--offline", "--db", str(db), "--data", str(data))
    assert result.returncode == 0 and "offline" in result.stdout and "2 offline" in result.stdout
    assert state(data, db) == before


# --- Hardening (issue 16): bounded requests, one line per failed source, no source lost to another --

WB_PATH = "/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FS.AST.PRVT.GD.ZS"


def one_line_failure(report, source="worldbank") -> str:
    (result,) = [r for r in report.results if r.source_id == source]
    assert result.status == "failed", result.message
    assert "\n" not in result.message and "Traceback" not in result.message
    return result.message


@pytest.fixture
def trickling_server():
    """Sends its headers, then one byte every 50 ms: each read is quick, the whole answer endless."""

    def answer(conn, stop):
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            try:
                while not stop.is_set():
                    conn.sendall(b" ")
                    time.sleep(0.05)
            except OSError:
                pass

    with raw_server(answer) as url:
        yield url


def test_a_trickling_server_meets_the_request_deadline(tree, trickling_server):
    before = state(*tree)
    policy = FetchPolicy(read_timeout=0.5, attempts=2, backoff=0.05, request_deadline=1.0)
    started = time.monotonic()
    report = run(tree, {"worldbank": {"base_url": trickling_server, "indicators": INDICATORS}}, policy=policy)
    assert time.monotonic() - started < 6  # two tries of 1 s, not the server's whim
    assert "longer than 1 s in total" in one_line_failure(report)
    assert state(*tree) == before


def test_a_source_meets_its_total_deadline(tree, httpserver):
    def slow(request):
        time.sleep(0.4)
        return Response(wb_body(request), content_type="application/json")

    httpserver.expect_request(WB_PATH).respond_with_handler(slow)
    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FB.AST.NPER.ZS").respond_with_handler(slow)
    policy = FetchPolicy(read_timeout=2, attempts=1, request_deadline=5, source_deadline=0.6)
    report = run(tree, wb_config(httpserver), policy=policy)
    assert "time budget (0.6 s) is spent" in one_line_failure(report)


def test_an_absurd_page_count_is_refused_before_fetching_it(tree, httpserver):
    body = json.loads(wb_page("FS.AST.PRVT.GD.ZS"))
    body[0]["pages"] = 10_000_000
    httpserver.expect_request(WB_PATH).respond_with_json(body)
    report = run(tree, wb_config(httpserver))
    assert "10,000,000 pages" in one_line_failure(report)
    assert len(httpserver.log) == 1


def test_requests_per_source_are_capped(tree, httpserver):
    serve_wb(httpserver, pages=3)
    report = run(tree, wb_config(httpserver), policy=FetchPolicy(attempts=1, max_source_requests=2))
    assert "more than 2 requests for one source" in one_line_failure(report)
    assert len(httpserver.log) == 2


def test_bytes_per_response_and_per_source_are_capped(tree, httpserver):
    serve_wb(httpserver)
    report = run(tree, wb_config(httpserver), policy=FetchPolicy(attempts=1, max_response_bytes=500))
    assert "cap of 500 bytes" in one_line_failure(report) or "the cap is 500" in one_line_failure(report)
    report = run(tree, wb_config(httpserver), policy=FetchPolicy(attempts=1, max_source_bytes=3000))
    assert "the source's answers exceed the cap of 3,000 bytes" in one_line_failure(report)


def test_a_redirect_loop_names_its_url_and_spares_the_other_source(tree, httpserver):
    serve_pboc(httpserver)
    httpserver.expect_request(WB_PATH).respond_with_data("", status=302, headers={"Location": WB_PATH})
    report = run(tree, pboc_config(httpserver) | wb_config(httpserver), sources=["pboc_microloan", "worldbank"])
    message = one_line_failure(report)
    assert "redirect loop" in message and "indicator/FS.AST.PRVT.GD.ZS" in message
    assert [r.status for r in report.results if r.source_id == "pboc_microloan"] == ["updated"]
    assert report.rebuilt and report.exit_code == EXIT_SOME_FAILED
    assert refreshed_periods(tree[1]) == ["2016"]


def test_one_source_failing_validation_spares_the_other(tree, httpserver):
    serve_pboc(httpserver)
    body = json.loads(wb_page("FS.AST.PRVT.GD.ZS"))
    body[1][0]["value"] = 1e300  # 301 digits: refused by validation, not stored as a number
    httpserver.expect_request(WB_PATH).respond_with_json(body)
    httpserver.expect_request("/v2/country/CN;US;JP;KR;IN;ID;BR/indicator/FB.AST.NPER.ZS").respond_with_data(
        wb_page("FB.AST.NPER.ZS"), content_type="application/json"
    )
    report = run(tree, pboc_config(httpserver) | wb_config(httpserver), sources=["pboc_microloan", "worldbank"])
    assert {r.source_id: r.status for r in report.results} == {"pboc_microloan": "updated", "worldbank": "failed"}
    assert report.rebuilt and refreshed_periods(tree[1]) == ["2016"]
    assert not (tree[0] / "refreshed" / "worldbank.csv").exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda b: [b[0], {"records": b[1]}], "records are a dict"),
        (lambda b: [b[0], [{**b[1][0], "value": "n/a"}, *b[1][1:]]], "'n/a' is not a number"),
        (lambda b: [{**b[0], "pages": "many"}, b[1]], "pages is 'many'"),
        (lambda b: [b[0], ["a string", *b[1]]], "not a list of objects"),
        (lambda b: [b[0], [{**b[1][0], "indicator": "FS"}, *b[1][1:]]], "must be objects"),
        (lambda b: [{"message": "down for maintenance"}], "down for maintenance"),
    ],
)
def test_unexpected_json_shapes_fail_in_one_line(tree, httpserver, change, words):
    httpserver.expect_request(WB_PATH).respond_with_json(change(json.loads(wb_page("FS.AST.PRVT.GD.ZS"))))
    httpserver.expect_request(WB_PATH.replace("FS.AST.PRVT.GD.ZS", "FB.AST.NPER.ZS")).respond_with_data(
        wb_page("FB.AST.NPER.ZS"), content_type="application/json"
    )
    before = state(*tree)
    report = run(tree, wb_config(httpserver))
    message = one_line_failure(report)
    assert words in message and "FS.AST.PRVT.GD.ZS" in message, message
    assert state(*tree) == before


def test_gbk_declared_as_utf8_json_is_refused_not_stored_garbled(tree, httpserver):
    body = wb_page("FS.AST.PRVT.GD.ZS").replace(NAMES["FS.AST.PRVT.GD.ZS"], "国内私营部门信贷")
    httpserver.expect_request(WB_PATH).respond_with_data(
        body.encode("gbk"), content_type="application/json; charset=utf-8"
    )
    report = run(tree, wb_config(httpserver))
    assert "not UTF-8" in one_line_failure(report) and "refused" in one_line_failure(report)


def test_gbk_declared_as_utf8_html_is_detected_and_decoded(tree, httpserver):
    httpserver.expect_request("/pboc/index.html").respond_with_data(
        (FIXTURES / "pboc_listing.html").read_text(encoding="utf-8").encode("gbk"),
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/pboc/2016.html").respond_with_data(
        (FIXTURES / "pboc_microloan_2016.html").read_text(encoding="utf-8").encode("gbk"),
        content_type="text/html; charset=utf-8",
    )
    report = run(tree, pboc_config(httpserver), sources=["pboc_microloan"])
    assert report.results[0].status == "updated", report.results[0].message
    (title,) = db_rows(tree[1], "SELECT title FROM sources WHERE source_id = 'pboc-microloan-2016'")[0]
    assert title == "2016年小额贷款公司统计数据报告"


def test_leftover_staging_folders_are_removed_on_the_next_run(tree):
    data, db = tree
    legacy, dead, live = data / ".refresh-k2j4h1", data / ".refresh-999999999-abc", data / f".refresh-{os.getpid()}-x"
    for folder in (legacy, dead, live):
        (folder / "inputs").mkdir(parents=True)
    lines = []
    refresh(db, data, ["worldbank"], offline=True, config={}, log=lines.append)
    assert not legacy.exists() and not dead.exists()
    assert live.exists()  # a refresh running now keeps its folder
    assert sum("removed a staging folder" in line for line in lines) == 2
