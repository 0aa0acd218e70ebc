"""The SQL console's limits hold for every query, through the page (AppTest runs the page in this
process, so this process is the server whose memory is measured) and the query command.

Each attack class here was run against the code before process isolation and failed there
(planning-time work ran on in the server, EXPLAIN ANALYZE ran what it wrapped, paths showed,
Markdown rendered, `@../x` ran, negative limits passed).
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from etl.paths import ROOT
from etl.sandbox import Limits
from tests.conftest import run_etl

TIGHT = Limits(timeout_seconds=1.0, memory_limit="256MB", export_rows=1_000_000)

# Folded while DuckDB plans: ignores interrupt() (ran ~4 s past a 0.5 s interrupt in-process).
PLANNING_CPU = "SELECT list_sum(list_transform(range(20000000), lambda x: hash(x) % 7)) AS s"
# Folded while planning too: an 800 MB list, ignoring memory_limit (in-process: +800 MB RSS).
PLANNING_MEMORY = "SELECT len(range(100000000)) AS n"
# A 1.3 MB SQL text: parsing alone took seconds before any limit started.
HUGE_TEXT = "SELECT " + "+".join(["1"] * 650_000) + " AS x"


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakRss:
    """Samples this process's RSS every 10 ms while the block runs."""

    def __enter__(self):
        self.start = rss_mb()
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.01)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.growth = self.peak - self.start


@pytest.fixture
def sql_page(open_page, bundled_db, monkeypatch):
    """The SQL page with tight limits (a small pool shared by these tests: same file, same limits)."""
    from app import console

    monkeypatch.setattr(console, "LIMITS", TIGHT)

    def run(**params):
        return open_page(bundled_db, "sql", lang="en", **params)

    run(sql="SELECT 1 AS warm")  # workers started and warm
    return run


def shown_error(at) -> tuple[str, str]:
    return at.error[0].value, at.code[-1].value


def test_planning_time_cpu_attack_is_stopped_within_limit_plus_one_second(sql_page):
    t0 = time.perf_counter()
    sql_page(sql="SELECT 2 AS quick")
    page_cost = time.perf_counter() - t0
    with PeakRss() as rss:
        t0 = time.perf_counter()
        at = sql_page(sql=PLANNING_CPU)
        elapsed = time.perf_counter() - t0 - page_cost
    headline, detail = shown_error(at)
    assert headline == "The query ran out of time:" and "1 s time limit" in detail
    assert elapsed < TIGHT.timeout_seconds + 1.0, elapsed
    assert rss.growth < 300, rss.growth
    assert sql_page(sql="SELECT 42 AS answer").dataframe[-1].value["answer"].tolist() == [42]  # replaced, serving


def test_planning_time_memory_attack_leaves_the_server_memory_alone(sql_page):
    with PeakRss() as rss:
        at = sql_page(sql=PLANNING_MEMORY)
    headline, detail = shown_error(at)
    assert headline == "The query ran out of memory:" and "256MB" in detail
    assert rss.growth < 300, rss.growth
    assert sql_page(sql="SELECT 7 AS n").dataframe[-1].value["n"].tolist() == [7]


def test_a_huge_sql_text_is_refused_before_it_is_parsed(sql_page):
    at = sql_page(plain="true")  # typed or pasted: a URL that long is dropped by Streamlit itself
    with PeakRss() as rss:
        t0 = time.perf_counter()
        at.text_area(key="sql").input(HUGE_TEXT).run()
        elapsed = time.perf_counter() - t0
    headline, detail = shown_error(at)
    assert headline == "The query was refused:" and "the limit is 100,000" in detail
    assert elapsed < 1.0 + 1.0 and rss.growth < 300


def test_a_result_over_the_message_size_gets_the_apps_message(sql_page):
    at = sql_page(sql="SELECT repeat('x', 4000) AS s FROM range(10000)")  # ~40 MB of text
    (warning,) = [w.value for w in at.warning]
    assert "larger than 8 MB" in warning
    shown = at.dataframe[-1].value
    assert 0 < len(shown) < 10_000 and shown["s"].str.len().max() == 4000


def test_other_sessions_are_served_during_an_attack(bundled_db):
    from etl.isolation import WorkerPool

    pool = WorkerPool(bundled_db, TIGHT, size=2)
    try:
        pool.run("SELECT 1")
        outcome, attack_ended = [], []

        def attack_once():
            outcome.append(_kind(pool, PLANNING_CPU))
            attack_ended.append(time.perf_counter())

        attack = threading.Thread(target=attack_once)
        attack.start()
        time.sleep(0.2)
        assert pool.run("SELECT count(*) AS n FROM events").frame["n"][0] > 0
        quick_ended = time.perf_counter()
        attack.join()
        # The 20M-element fold meets the CPU deadline or the address-space wall first, depending on the
        # machine's speed and load (under make test's load it was 'memory' one run in two): either way
        # the attack is stopped and its worker replaced, which is what this test is about.
        assert outcome[0] in ("timeout", "memory")
        # Served while the attack still ran, not queued behind it. An order, not a duration: a bound of
        # 0.5 s failed in CI under make test's load (0.69 s) with the pool working as it should.
        assert quick_ended < attack_ended[0], (quick_ended, attack_ended)
        before = set(pool.pids())
        assert _kind(pool, PLANNING_CPU) in ("timeout", "memory")
        deadline = time.monotonic() + 10
        while set(pool.pids()) & before == before and time.monotonic() < deadline:
            time.sleep(0.05)
        after = set(pool.pids())
        # Killed past its deadline, the worker is replaced; on an idle machine DuckDB may stop the query
        # itself within the grace period, and the worker lives on. Either way two workers serve.
        assert len(after) == 2 and (after == before or len(after - before) == 1), (before, after)
        assert pool.run("SELECT 3 AS n").frame["n"][0] == 3
    finally:
        pool.close()


def _kind(pool, sql):
    from etl.sandbox import QueryError

    try:
        pool.run(sql)
    except QueryError as exc:
        return exc.kind
    return "ok"


MARKDOWN = "[click me](http://evil.example/x) ![](http://evil.example/pixel.png)"


def test_identifiers_in_error_messages_are_plain_text(sql_page):
    at = sql_page(sql=f'SELECT * FROM "{MARKDOWN}"')
    markdown_like = [e.value for e in (*at.error, *at.warning, *at.markdown, *at.caption, *at.info)]
    assert not any("](http" in text for text in markdown_like), markdown_like
    assert MARKDOWN in at.code[-1].value  # shown, as text


def test_parameter_values_in_warnings_are_plain_text(sql_page):
    at = sql_page(nq="events_around_date", p_days=MARKDOWN)
    markdown_like = [e.value for e in (*at.error, *at.warning, *at.markdown, *at.caption, *at.info)]
    assert not any("](http" in text for text in markdown_like), markdown_like
    assert any(c.value == MARKDOWN for c in at.code)


def test_history_links_escape_the_sql(sql_page):
    at = sql_page(sql=f"SELECT '{MARKDOWN}' AS x")
    labels = [link.proto.label for link in at.get("page_link")]
    history = [label for label in labels if "evil" in label]
    assert history and not any("](http" in label for label in history)


# Reading settings or the database list, or an error text, would show where the server keeps things.
DISCLOSURES = [
    "SELECT * FROM duckdb_databases()",
    "SELECT * FROM duckdb_databases",
    "SELECT current_setting('temp_directory') AS t",
    "SELECT * FROM duckdb_settings()",
    "SELECT * FROM pragma_database_list",
    "SELECT * FROM query('SELECT * FROM duckdb_settings()')",
    "SELECT * FROM system.main.duckdb_settings()",
    "SELECT * FROM duckdb_secrets()",
    "EXPLAIN SELECT * FROM duckdb_databases()",
    "SELECT * FROM read_csv('{db}.csv')",
    "SELECT * FROM '{dir}/other.parquet'",
]


@pytest.mark.parametrize("sql", DISCLOSURES)
def test_no_server_path_in_any_output(built_db, sql):
    result = run_etl("query", sql.format(db=built_db, dir=built_db.parent), "--format", "csv", "--db", str(built_db))
    output = result.stdout + result.stderr
    for secret in (str(built_db.parent), str(ROOT), os.path.expanduser("~")):
        assert secret not in output, (secret, output)
    assert result.returncode == 4


EXPLAIN_WRAPPERS = [
    "EXPLAIN ANALYZE CREATE TEMP TABLE t AS SELECT 1",
    "EXPLAIN ANALYZE CREATE MACRO m() AS 1",
    "EXPLAIN ANALYZE BEGIN TRANSACTION",
    "EXPLAIN ANALYZE PREPARE p AS SELECT 1",
    "EXPLAIN ANALYZE SET threads = 1",
    "EXPLAIN (FORMAT json) CREATE TEMP TABLE t AS SELECT 1",
    "explain /* hidden */ analyse INSERT INTO units VALUES ('x', 'x', 'count')",
]


@pytest.mark.parametrize("sql", EXPLAIN_WRAPPERS)
def test_explain_analyze_does_not_run_what_it_wraps(built_db, sql):
    result = run_etl("query", sql, "--db", str(built_db))
    assert result.returncode == 4 and "refused" in result.stderr and "EXPLAIN wraps" in result.stderr


def test_explain_analyze_copy_cannot_write_into_the_databases_tmp_folder(built_db):
    folder = built_db.parent / f"{built_db.name}.tmp"
    folder.mkdir()
    result = run_etl(
        "query", f"EXPLAIN ANALYZE COPY (SELECT * FROM range(1000)) TO '{folder}/out.csv'", "--db", str(built_db)
    )
    assert result.returncode == 4 and "refused" in result.stderr
    assert [p.name for p in folder.iterdir() if p.name.endswith(".csv")] == []


def test_explain_of_a_read_and_pivot_are_accepted(built_db):
    for sql in ("EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT count(*) FROM observations",
                "PIVOT observations ON unit USING count(*) GROUP BY series_id"):  # fmt: skip
        result = run_etl("query", sql, "--format", "csv", "--db", str(built_db))
        assert result.returncode == 0, (sql, result.stderr)


class TestQueryCommandLimits:
    def test_named_queries_are_names_not_paths(self, built_db, tmp_path):
        outside = tmp_path / "evil.sql"
        outside.write_text("-- title: outside\nSELECT 'ran' AS x\n")
        relative = os.path.relpath(outside.with_suffix(""), ROOT / "queries")
        result = run_etl("query", f"@{relative}", "--db", str(built_db))
        assert result.returncode == 2 and "no named query" in result.stderr and "ran" not in result.stdout

    @pytest.mark.parametrize(
        ("option", "value"),
        [("--timeout", "-1"), ("--timeout", "0"), ("--timeout", "nan"), ("--timeout", "1e9"),
         ("--max-rows", "-1"), ("--max-rows", "0"), ("--max-rows", "99999999")],
    )  # fmt: skip
    def test_bad_limits_are_usage_errors(self, built_db, option, value):
        result = run_etl("query", "SELECT 1", option, value, "--db", str(built_db))
        assert result.returncode == 2 and option in result.stderr and "Traceback" not in result.stderr

    def test_errors_print_in_full_with_the_caret(self, built_db):
        result = run_etl("query", "SELECT period_label FROM observations\nWHERE valu > 1", "--db", str(built_db))
        assert result.returncode == 4
        assert "Candidate bindings" in result.stderr  # the second line of DuckDB's message
        syntax = run_etl("query", "SELECT 1 FORM observations", "--db", str(built_db))
        lines = syntax.stderr.splitlines()
        echo = next(i for i, line in enumerate(lines) if line.startswith("LINE 1:"))
        column = lines[echo].index("observations")
        assert lines[echo + 1].index("^") == column


def test_downloads_are_written_in_the_worker_and_say_when_they_are_cut(bundled_db):
    import io
    import json
    import zipfile

    import pyarrow.parquet as pq

    from etl.isolation import WorkerPool

    limits = Limits(timeout_seconds=5, export_rows=1000, export_bytes=2**20)
    pool = WorkerPool(bundled_db, limits, size=1)
    meta = {"sql": "SELECT * FROM range(5000)", "build_id": "b123", "name": "q", "permalink": "http://x/sql?sql=1"}
    try:
        with PeakRss() as rss:
            content, info = pool.export(meta["sql"], None, "zip", meta)
            archive = zipfile.ZipFile(io.BytesIO(content))
            readme = archive.read("README.md").decode()
            assert archive.read("q.csv").decode("utf-8-sig").splitlines()[:2] == ["range", "0"]
            assert len(archive.read("q.csv").decode("utf-8-sig").splitlines()) == 1001
            assert "TRUNCATED" in readme and "SELECT * FROM range(5000)" in readme and "b123" in readme
            assert "Citation: Lendscope" in readme and info["truncated_by"] == "rows"

            content, _ = pool.export(meta["sql"], None, "parquet", meta)
            parquet = pq.ParquetFile(io.BytesIO(content))
            facts = {k.decode(): v.decode() for k, v in parquet.metadata.metadata.items() if k.startswith(b"lendscope")}
            assert parquet.metadata.num_rows == 1000 and json.loads(facts["lendscope.truncated"]) is True

            content, _ = pool.export("SELECT repeat('y', 2000) AS s FROM range(900)", None, "json", meta)
            document = json.loads(content)
            assert document["truncated"] is True and "larger than 1 MB" in document["note"]
            assert 0 < len(document["data"]) < 900 and len(content) <= 2**20 + 4096

            content, info = pool.export("SELECT series_id, value FROM observations WHERE false", None, "zip", meta)
            assert zipfile.ZipFile(io.BytesIO(content)).read("q.csv").decode("utf-8-sig") == "series_id,value\n"
            assert info["rows"] == 0 and info["truncated_by"] is None
        assert rss.growth < 100
    finally:
        pool.close()


def test_date_columns_show_as_dates_not_midnight_timestamps(sql_page):
    """The table widget shows a DATE as `2017-12-31 00:00:00` unless told it is a date."""
    import json

    at = sql_page(sql="SELECT DATE '2017-12-31' AS period_end, TIMESTAMP '2017-12-31 08:30' AS fetched, 1 AS n")
    configs = [json.loads(frame.proto.columns or "{}") for frame in at.dataframe]
    columns = next(c for c in configs if "period_end" in c)  # the result (the other is the schema)
    assert columns["period_end"]["type_config"] == {"type": "date", "format": "YYYY-MM-DD"}
    assert "fetched" not in columns and "n" not in columns  # timestamps keep their time


def test_a_worker_that_ran_out_of_memory_is_replaced(bundled_db):
    """The allocator keeps what a worker grew up to its wall: a worker reused after that had too
    little left for the next query (a 40 MB result failed after an earlier memory error)."""
    from etl.isolation import WorkerPool

    pool = WorkerPool(bundled_db, TIGHT, size=1)
    try:
        pool.run("SELECT 1")
        (before,) = pool.pids()
        assert _kind(pool, "SELECT list(x) AS l FROM range(100000000) t(x)") == "memory"  # caught: it lives on
        result = pool.run("SELECT repeat('x', 4000) AS s FROM range(10000)")
        assert result.frame.height > 0 and pool.pids() != [before]
    finally:
        pool.close()
