"""The dashboard under Streamlit's AppTest: every page, both languages, permalinks, missing database."""

from __future__ import annotations

import base64
import json

import duckdb
import numpy as np
import pytest

from etl.database import connect_read_only

PAGES = ["overview", "platforms", "volume", "lenders", "regulation", "collection", "claims", "sources", "sql"]
TITLES = {
    "platforms": ("P2P平台", "P2P platforms"),
    "lenders": ("持牌放贷机构", "Licensed lenders"),
    "regulation": ("监管时间线", "Regulation"),
    "claims": ("原文说法核查", "Claim check"),
}


def decode(values):
    """Plotly JSON numeric arrays arrive base64-encoded as {"dtype", "bdata"}."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return values


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(open_page, bundled_db, page, lang):
    at = open_page(bundled_db, page, lang=lang)
    if page in TITLES:
        assert at.title[0].value == TITLES[page][0 if lang == "zh" else 1]
    assert any(c.value.startswith("数据版本" if lang == "zh" else "Build ") for c in at.caption)


def test_platforms_chart_holds_the_chosen_publisher_only(open_page, bundled_db):
    at = open_page(bundled_db, "platforms", lang="zh", pl_p=["wdzj"], pl_f="year")
    (spec,) = specs(at)
    assert [t["name"] for t in spec["data"]] == ["网贷之家"]
    trace = spec["data"][0]
    points = dict(zip(trace["x"], decode(trace["y"]), strict=True))
    assert points["2014-12-31"] == 1575 and points["2016-12-31"] == 2448
    assert all(x.endswith("-12-31") for x in trace["x"])  # year-end only
    texts = " ".join(m.value for m in at.markdown)
    assert "单位: 家" in texts and "来源: 网贷之家 / 盈灿咨询" in texts


def test_how_many_platforms_at_end_2016_according_to_whom(open_page, bundled_db):
    """The issue's acceptance question, answered by the chart in English."""
    at = open_page(bundled_db, "platforms", lang="en", pl_f="year")
    (spec,) = specs(at)
    at_2016 = {t["name"]: dict(zip(t["x"], decode(t["y"]), strict=True)).get("2016-12-31") for t in spec["data"]}
    answers = {name: v for name, v in at_2016.items() if v is not None}
    assert answers["WDZJ (网贷之家)"] == 2448
    assert len(answers) >= 2  # publishers disagree: all are shown


def test_query_parameters_restore_every_control(open_page, bundled_db):
    at = open_page(
        bundled_db, "platforms", lang="en", pl_s="p2p_institutions_operating_official", pl_log="true", pl_ev="true"
    )
    assert at.selectbox(key="pl_s.en").value == "p2p_institutions_operating_official"
    assert at.toggle(key="pl_log").value is True and at.toggle(key="pl_ev").value is True
    (spec,) = specs(at)
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert "Regulation events" in [t.get("name") for t in spec["data"]]
    assert dict(at.query_params)["pl_s"] == "p2p_institutions_operating_official"


def test_changing_a_control_writes_the_url(open_page, bundled_db):
    at = open_page(bundled_db, "platforms", lang="en")
    at.toggle(key="pl_log").set_value(True).run()
    assert at.query_params["pl_log"] == ["true"] or at.query_params["pl_log"] == "true"


@pytest.mark.parametrize(("param", "value"), [("pl_p", "nonsense"), ("pl_f", "weekly"), ("pl_log", "maybe")])
def test_invalid_parameters_fall_back_with_a_notice(open_page, bundled_db, param, value):
    at = open_page(bundled_db, "platforms", lang="en", **{param: value})
    assert any(f"`{param}={value}`" in w.value for w in at.warning)
    assert len(specs(at)) == 1  # the default view is drawn


def test_invalid_language_falls_back_with_a_notice(open_page, bundled_db):
    at = open_page(bundled_db, "overview", lang="fr")
    assert any("`lang=fr`" in w.value for w in at.warning)
    assert at.title[0].value == "Lendscope · 网贷数据"


def test_overview_headlines_are_computed(open_page, bundled_db):
    at = open_page(bundled_db, "overview", lang="en")
    text = " ".join(m.value for m in at.markdown)
    # The regulators' peak by their own words (never the max across trackers), and zero by mid-November.
    assert "about 5,000" in text and "mid-Nov 2020" in text and "more than 800 billion yuan" in text
    assert "2,771" not in text  # 银率网's early-2016 figure is no peak
    with connect_read_only(bundled_db) as con:
        latest = con.sql(
            "SELECT value FROM observations WHERE series_id = 'microloan_companies' AND region = 'CN' "
            "AND reliability <> 'low' ORDER BY period_end DESC LIMIT 1"
        ).fetchall()[0][0]
    assert f"{latest:,.0f}" in text


def test_province_ranking_draws_the_complete_2016_table(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en", pr_s="microloan_companies", pr_p="2016", pr_v="bar")
    bars = [s for s in specs(at) if s["data"] and s["data"][0]["type"] == "bar"]
    assert len(decode(bars[0]["data"][0]["x"])) == 31


def test_regulation_search_finds_the_p2p_interim_measures(open_page, bundled_db):
    at = open_page(bundled_db, "regulation", lang="zh", rg_q="网络借贷信息中介机构业务活动管理暂行办法")
    titles = [e.label for e in at.expander]
    assert any("网络借贷信息中介机构业务活动管理暂行办法" in label for label in titles)
    assert len(titles) < 10


def test_claim_check_shows_computed_verdicts_and_the_finder(open_page, bundled_db):
    at = open_page(bundled_db, "claims", lang="en", cf_n="1575")
    text = " ".join(m.value for m in at.markdown)
    assert "Verdict: Contradicted" in text and "1,575 is the end-2014 figure" in text
    found = at.dataframe[-1].value
    from app import labels

    assert labels.series("p2p_platforms_operating", "en") in set(found["Series"])
    assert "WDZJ (网贷之家)" in set(found["Publisher"]) and "1,575" in set(found["Value"])


def test_sql_page_runs_a_query_from_the_url(open_page, bundled_db):
    at = open_page(bundled_db, "sql", lang="en", sql="SELECT count(*) AS n FROM events")
    with connect_read_only(bundled_db) as con:
        events = con.sql("SELECT count(*) FROM events").fetchall()[0][0]
    assert at.dataframe[-1].value["n"].tolist() == [events]
    assert any("rows in" in c.value for c in at.caption)


def test_sql_page_refuses_writes_and_keeps_the_sql(open_page, bundled_db):
    at = open_page(bundled_db, "sql", lang="en", sql="DROP TABLE observations", plain="true")
    assert at.error[0].value == "The query was refused:" and "DROP statement" in at.code[0].value
    assert at.text_area(key="sql").value == "DROP TABLE observations"


def test_sql_page_named_query_with_a_parameter(open_page, bundled_db):
    at = open_page(bundled_db, "sql", lang="en", nq="provincial_ranking", p_period="2016")
    assert len(at.dataframe[-1].value) == 31


def test_sql_page_truncation_notice(open_page, bundled_db):
    at = open_page(bundled_db, "sql", lang="en", sql="SELECT * FROM range(20000)")
    assert any("Truncated at 10,000 rows" in w.value for w in at.warning)


@pytest.mark.parametrize("page", ["overview", "platforms", "claims", "sql"])
def test_missing_database_says_how_to_build(open_page, tmp_path, page):
    at = open_page(tmp_path / "missing.duckdb", page, lang="en")
    assert "not available" in at.error[0].value and "no database at" in at.error[0].value
    assert any("make build" in m.value for m in at.markdown)


def test_unreadable_database_says_how_to_build(open_page, tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00" * 4096)
    at = open_page(junk, "overview", lang="en")
    assert "cannot open" in at.error[0].value


def test_rebuilt_database_is_picked_up_without_restart(open_page, tmp_path, data_dir):
    from etl.build import build

    db = tmp_path / "live.duckdb"
    first = build(db, data_dir, log=lambda _: None).build_id
    at = open_page(db, "overview", lang="en")
    assert any(first in c.value for c in at.caption)
    csv_path = data_dir / "observations" / "p2p.csv"
    text = csv_path.read_text(encoding="utf-8").replace(",15,", ",16,").replace("to 15 by", "to 16 by")
    csv_path.write_text(text, encoding="utf-8")
    second = build(db, data_dir, log=lambda _: None).build_id
    at.run()
    assert any(second in c.value for c in at.caption) and first != second


def test_chart_footer_notes_derived_revised_and_weak_figures(open_page, bundled_db):
    at = open_page(bundled_db, "platforms", lang="en", pl_p=["wdzj"])
    footer = " ".join(m.value for m in at.markdown if "ls-note" in m.value)
    assert "Notes:" in footer and "derived from figures on the page" in footer
    assert "several vintages (revised)" in footer  # 网贷之家's 2017 year-end: 1931 and 2240


def test_overview_captions_name_publishers(open_page, bundled_db):
    at = open_page(bundled_db, "overview", lang="zh")
    captions = " ".join(c.value for c in at.caption)
    assert "据银保监会" in captions and "人民银行" in captions and "cbirc" not in captions


def test_sql_page_offers_one_click_downloads(open_page, bundled_db):
    at = open_page(bundled_db, "sql", lang="en", sql="SELECT * FROM range(20000)")
    labels = [b.label for b in at.get("download_button")]
    assert labels[:3] == ["ZIP (CSV + README)", "Parquet", "JSON"]  # no "prepare" step
    size = bundled_db.stat().st_size / 1e6
    assert labels[3] == f"Download the whole database (DuckDB file, {size:.1f} MB)"


# --- Hardening (issue 16): link values are text, bounded, and a foreign database file is named -------

INJECTION = "` [Session expired](http://evil.example/login) ![](http://evil.example/pixel.png) **bold** $x$ :red[x]"


def rendered_html(markdown_text: str) -> str:
    """What a CommonMark renderer (Streamlit's markdown is CommonMark + extensions) makes of it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown_text)


@pytest.mark.parametrize("page", PAGES)
def test_a_link_parameter_cannot_inject_markdown_on_any_page(bundled_db, page, monkeypatch):
    """Each page as a browser opening /<page>?lang=… runs it: the language is seeded on that page."""
    from streamlit.testing.v1 import AppTest

    from etl.paths import ROOT

    monkeypatch.setenv("LENDSCOPE_DB", str(bundled_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if page != "overview":
        at.switch_page(f"app/pages/{page}.py")  # the link opens this page first
    at.query_params["lang"] = INJECTION
    at.run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    (notice,) = [w.value for w in at.warning if "lang=" in w.value]
    html = rendered_html(notice)
    assert "<a " not in html and "<img" not in html and "<strong>" not in html, html
    code = html.split("<code>", 1)[1].split("</code>", 1)[0]  # the value is shown, literally, as code
    assert code.startswith("lang=` [Session expired](http://evil.example/login) ![](http")


def test_plain_code_and_escaped_text_cannot_be_closed():
    from app.ui import escape_markdown, plain_code

    for value in ("```", "a`b``c", " `x` ", "x\n\n[a](http://e.x)", "<img src=x onerror=alert(1)>"):
        html = rendered_html(f"see {plain_code(value)} here")
        assert html.count("<code>") == 1 and "<a " not in html and "<img" not in html, (value, html)
        html = rendered_html(escape_markdown(f"{value} **b** [l](http://e.x) ![](http://e.x/i)"))
        assert "<a " not in html and "<img" not in html and "<strong>" not in html and "<code>" not in html, html


def test_an_overlong_parameter_is_refused_unread(open_page, bundled_db):
    at = open_page(bundled_db, "claims", lang="en", cf_n="1" * 100_000)
    (notice,) = [w.value for w in at.warning if "cf_n" in w.value]
    assert "too long (100,000 characters; at most 200)" in notice and len(notice) < 400
    assert at.text_input(key="cf_n").value == ""
    assert not any("match" in i.value for i in at.info)  # the finder did not run on it


def test_too_many_values_for_one_parameter_are_refused(open_page, bundled_db):
    at = open_page(bundled_db, "platforms", lang="en", pl_p=["wdzj"] * 60)  # a valid id, 60 times
    assert any("`pl_p=60 values`" in w.value for w in at.warning)


def test_a_bad_year_gets_the_standard_notice_not_a_python_message(open_page, bundled_db):
    at = open_page(bundled_db, "claims", lang="en", cf_n="1575", cf_y="abc")
    warnings = [w.value for w in at.warning]
    assert any("`cf_y=abc`" in w and "not valid" in w for w in warnings), warnings
    assert not any("invalid literal" in w for w in warnings)
    series = set(at.dataframe[-1].value["Series"])  # searched all years
    assert "P2P lending platforms in normal operation (industry trackers)" in series


def test_a_finder_error_quoting_the_input_is_shown_as_text(open_page, bundled_db):
    at = open_page(bundled_db, "claims", lang="en", cf_n="[x](http://evil.example)")
    (warning,) = [w.value for w in at.warning]
    assert "<a " not in rendered_html(warning) and "not a number" in warning


def foreign_databases(tmp_path):
    partial = tmp_path / "partial.duckdb"
    with duckdb.connect(str(partial)) as con:  # build_info and nothing else
        con.execute("CREATE TABLE build_info (build_id VARCHAR, built_at TIMESTAMP, lendscope_version VARCHAR, "
                    "duckdb_version VARCHAR)")  # fmt: skip
        con.execute("INSERT INTO build_info VALUES ('x', now(), '0.1.0', '2.0')")
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE loans (id INTEGER)")
    return {"partial": partial, "other": other}


@pytest.mark.parametrize("kind", ["partial", "other"])
@pytest.mark.parametrize("page", ["overview", "platforms", "claims", "sources", "sql"])
def test_a_database_of_another_schema_is_named_on_every_page(open_page, tmp_path, page, kind):
    at = open_page(foreign_databases(tmp_path)[kind], page, lang="en")
    assert "not a Lendscope database of this version" in at.error[0].value
    assert any("make build" in m.value for m in at.markdown)


def test_the_chinese_schema_pane_heads_its_columns_in_chinese(open_page, bundled_db):
    """The column names stay SQL identifiers; the headings over them are the reader's language."""
    at = open_page(bundled_db, "sql", lang="zh")
    headings = json.loads(at.dataframe[0].proto.columns)
    assert [headings[c]["label"] for c in ("column", "type", "description")] == ["列名", "类型", "说明(英文)"]
