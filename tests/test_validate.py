"""Each validation rule rejects a bad input with a message naming file, line, column and rule."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from etl.build import build
from etl.inputs import _table_lines, read_inputs
from etl.problems import InputError, Problem
from etl.validate import MAX_LISTED, validate

HEADER = "series,period,region,publisher,value,unit,qualifier,source,excerpt,derivation,vintage,reliability,note"
GOOD = "p2p_platforms_operating,2016,CN,wdzj,2448,家,,fx-wdzj-2015-xinhua,正常运营平台数量…2448家,,,,"


def problems_for(data_dir: Path) -> list[Problem]:
    return validate(read_inputs(data_dir))


def write_rows(data_dir: Path, *rows: str, header: str = HEADER, name: str = "extra.csv") -> Path:
    path = data_dir / "observations" / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def only(problems: list[Problem], rule: str) -> list[Problem]:
    return [p for p in problems if p.rule == rule]


def test_fixture_tree_is_valid(data_dir):
    assert problems_for(data_dir) == []


def test_a_good_extra_row_is_accepted(data_dir):
    write_rows(data_dir, GOOD)
    assert problems_for(data_dir) == []


@pytest.mark.parametrize(
    ("cell", "replacement", "rule", "column"),
    [
        ("2448", "2448家", "plain-number", "value"),
        ("2448", '"2,448"', "plain-number", "value"),
        ("2448", "2400-2500", "plain-number", "value"),
        ("2448", " 2448", "plain-number", "value"),
        ("2448", "约2448", "plain-number", "value"),
        ("2448", "-2448", "negative-count", "value"),
        ("2448,家", "2448,万家", "unknown-id", "unit"),
        ("2448,家", "2448,亿元", "unit-mismatch", "unit"),
        ("p2p_platforms_operating", "p2p_platforms_open", "unknown-id", "series"),
        ("wdzj", "wangdaizhijia", "unknown-id", "publisher"),
        ("fx-wdzj-2015-xinhua", "no-such-source", "unknown-id", "source"),
        (",CN,", ",CN-XX,", "unknown-id", "region"),
        (",2016,", ",2016-13,", "period", "period"),
        (",2016,", ",2016年,", "period", "period"),
        (",2016,", ",to:2016,", "cumulative-period", "period"),
        (",2016,", ",2016-01/2016-09,", "range-period", "period"),
        ("正常运营平台数量…2448家", "", "required", "excerpt"),
        ("2448,家,,", "2448,家,approximately,", "enum", "qualifier"),
        ("2448家,,,,", "2448家,,2017-02-30,,", "period", "vintage"),
        ("2448家,,,,", "2448家,,,certain,", "enum", "reliability"),
        ("2448家,,,,", "2448家,(2400 + 2500) / 2,,,", "estimate", "derivation"),
    ],
)
def test_row_rules(data_dir, cell, replacement, rule, column):
    assert cell in GOOD
    path = write_rows(data_dir, GOOD.replace(cell, replacement, 1))
    found = only(problems_for(data_dir), rule)
    assert found, f"expected a {rule} problem"
    problem = found[0]
    assert problem.file.endswith("observations/extra.csv")
    assert (problem.line, problem.column) == (2, column)
    text = str(problem)
    assert f"{path.name}:2:" in text and f"column '{column}'" in text and f"[rule: {rule}]" in text


def test_cumulative_series_requires_to_label(data_dir):
    write_rows(data_dir, "p2p_turnover_cumulative,2018-12,CN,wdzj,79000,亿元,,fx-wdzj-2015-xinhua,累计成交量,,,,")
    assert only(problems_for(data_dir), "cumulative-period")[0].line == 2


def test_missing_and_extra_columns(data_dir):
    write_rows(data_dir, GOOD.rsplit(",", 1)[0], header=HEADER.replace(",note", ""), name="missing.csv")
    write_rows(data_dir, GOOD + ",x", header=HEADER + ",comment", name="more.csv")
    problems = only(problems_for(data_dir), "columns")
    assert {(Path(p.file).name, p.line, p.column) for p in problems} == {
        ("missing.csv", 1, "note"),
        ("more.csv", 1, "comment"),
    }


def test_field_count(data_dir):
    write_rows(data_dir, GOOD, GOOD + ",surplus")
    problem = only(problems_for(data_dir), "field-count")[0]
    assert problem.line == 3


def test_duplicate_key_names_both_lines(data_dir):
    write_rows(data_dir, GOOD, GOOD.replace("2448,", "2449,"))
    problem = only(problems_for(data_dir), "duplicate-key")[0]
    assert problem.line == 3 and "extra.csv:2" in problem.message


def test_two_vintages_of_one_figure_are_allowed(data_dir):
    write_rows(data_dir, GOOD, GOOD.replace("2448", "2240").replace(",,,,", ",,2019-01-05,,"))
    assert problems_for(data_dir) == []


def test_unbalanced_quote_is_a_malformed_csv(data_dir):
    write_rows(data_dir, GOOD, GOOD.replace("正常运营", '"正常运营', 1), GOOD.replace("2016", "2017"))
    problem = only(problems_for(data_dir), "malformed-csv")[0]
    assert problem.file.endswith("extra.csv") and problem.line is not None and problem.line >= 3


def test_not_utf8(data_dir):
    path = data_dir / "observations" / "gbk.csv"
    path.write_bytes(("\n".join([HEADER, GOOD]) + "\n").encode("gbk"))
    problem = only(problems_for(data_dir), "encoding")[0]
    assert problem.file.endswith("gbk.csv") and problem.line == 2


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", HEADER.encode() + b"\n"])
def test_empty_file(data_dir, content):
    (data_dir / "observations" / "empty.csv").write_bytes(content)
    problem = only(problems_for(data_dir), "empty-file")[0]
    assert problem.file.endswith("empty.csv")


def test_empty_url_in_source(data_dir):
    path = data_dir / "sources" / "fixture.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('url = "https://m.kekenet', 'url = "#https://m.kekenet'))
    path.write_text(
        path.read_text(encoding="utf-8").replace('url = "#https://m.kekenet.com/read/201601/420294.shtml"', 'url = ""')
    )
    problem = only(problems_for(data_dir), "required")[0]
    assert problem.file.endswith("sources/fixture.toml") and problem.line == 2 and problem.column == "url"


def test_bad_url_scheme(data_dir):
    path = data_dir / "sources" / "fixture.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("https://m.kekenet", "ftp://m.kekenet"))
    assert only(problems_for(data_dir), "url")[0].column == "url"


def test_malformed_toml_names_the_line(data_dir):
    path = data_dir / "catalogue" / "broken.toml"
    path.write_text('[series.x]\ntopic = "platforms\n', encoding="utf-8")
    problem = only(problems_for(data_dir), "malformed-toml")[0]
    assert problem.file.endswith("catalogue/broken.toml") and problem.line == 2


@pytest.mark.parametrize(
    "toml_1_1",
    ['[series.x]\nunit = { a = "b", }\n', '[series.x]\nunit = {\n  a = "b" }\n', '[series.x]\nname_en = "\\e"\n'],
    ids=["trailing comma in an inline table", "newline in an inline table", "escape \\e"],
)
def test_toml_1_1_syntax_is_malformed_as_the_dashboard_reads_it(data_dir, toml_1_1):
    """The build reads TOML as tomllib does (the dashboard's labels read the catalogue with it): a
    parser that accepts TOML 1.1 would build files that every page then fails to read."""
    path = data_dir / "catalogue" / "newer.toml"
    path.write_text(toml_1_1, encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(toml_1_1)
    problem = only(problems_for(data_dir), "malformed-toml")[0]
    assert problem.file.endswith("catalogue/newer.toml") and problem.line == 2


def test_unknown_catalogue_key_and_missing_key(data_dir):
    path = data_dir / "catalogue" / "more.toml"
    path.write_text(
        '[series.p2p_x]\ntopic = "platforms"\nmeasure = "stock"\nunit = "家"\nfrequency = "monthly"\n'
        'name_zh = "x"\nname_en = "x"\ndefinition_zh = "x"\ndefiniton_en = "typo"\n',
        encoding="utf-8",
    )
    problems = problems_for(data_dir)
    assert only(problems, "catalogue")[0].column == "definiton_en"
    assert only(problems, "required")[0].column == "definition_en"


def test_duplicate_source_id_across_files(data_dir):
    (data_dir / "sources" / "copy.toml").write_text(
        (data_dir / "sources" / "fixture.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    problems = only(problems_for(data_dir), "duplicate-id")
    assert len(problems) == 2
    assert all(p.file.endswith("fixture.toml") and "copy.toml:" in p.message for p in problems)


def test_event_rules(data_dir):
    path = data_dir / "events" / "more.csv"
    path.write_text(
        "id,date,in_force,authority,title_zh,title_en,title_zh_verified,doc_number,category,gist_zh,gist_en,"
        "source,excerpt,note,kind,final_version\n"
        "bad id,2020-13-01,,a,b,c,maybe,,nonsense,g,h,fx-cbirc-2020,,,law,\n"
        "a-rule,2020-01-01,,a,b,c,no,,market,g,h,fx-cbirc-2020,e,,rule,2020-11-p2p-zero\n"
        "a-draft,2020-01-01,,a,b,c,no,,market,g,h,fx-cbirc-2020,e,,draft,2020-11-p2p-zero\n"
        "b-draft,2020-01-01,,a,b,c,no,,market,g,h,fx-cbirc-2020,e,,draft,no-such-event\n",
        encoding="utf-8",
    )
    problems = [p for p in problems_for(data_dir) if p.file.endswith("more.csv")]
    columns = {(p.rule, p.column) for p in problems}
    assert {("enum", "id"), ("period", "date"), ("enum", "title_zh_verified"), ("unknown-id", "category")} <= columns
    assert {("required", "excerpt"), ("enum", "kind")} <= columns
    # A final version is named only by a draft, and must be a known, later rule (the fixture's event is a statement).
    finals = sorted((p.line, p.rule) for p in problems if p.column == "final_version")
    assert finals == [(3, "enum"), (4, "enum"), (5, "unknown-id")]


def test_every_problem_of_a_run_is_reported(data_dir):
    write_rows(
        data_dir, GOOD.replace("2448", '"2,448"', 1), GOOD.replace("2016", "2016-13"), GOOD.replace(",wdzj,", ",x,")
    )
    (data_dir / "observations" / "empty.csv").write_bytes(b"")
    rules = sorted((Path(p.file).name, p.line, p.rule) for p in problems_for(data_dir))
    assert rules == [
        ("empty.csv", None, "empty-file"),
        ("extra.csv", 2, "plain-number"),
        ("extra.csv", 3, "period"),
        ("extra.csv", 4, "unknown-id"),
    ]


def test_the_bundled_data_is_valid():
    """The real data/ tree must always pass: this is what `make run` builds."""
    problems = validate(read_inputs())
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_inferred_publisher_must_be_low_reliability(data_dir):
    header = HEADER + ",attribution"
    write_rows(data_dir, GOOD + ",inferred", header=header)
    problem = only(problems_for(data_dir), "inferred-publisher")[0]
    assert (problem.line, problem.column) == (2, "reliability")
    write_rows(data_dir, GOOD.replace(",,,,", ",,,low,") + ",inferred", header=header)
    assert problems_for(data_dir) == []
    write_rows(data_dir, GOOD + ",guessed", header=header)
    assert only(problems_for(data_dir), "enum")[0].column == "attribution"


@pytest.mark.parametrize(
    "period, excerpt, flagged",
    [
        ("2020-10", '"15 by the end of August, 6 by mid-October and 3 at the start of November"', "mid-October"),
        ("2020-11", "截至11月中旬已清零", "11月中旬"),
        ("2020-11", "截至十一月中旬已清零", "十一月中旬"),
        ("2020-11", "截至中旬已清零", "中旬"),
        ("2020", "by mid-2020 only 29 remained", "mid-2020"),
        # The excerpt's mid-month is another month's, or the figure is already a dated point: no problem.
        ("2020-08", '"15 by the end of August, 6 by mid-October"', None),
        ("2020-10-15", "6 by mid-October", None),
        ("2020-11", "截至11月末已清零", None),
    ],
)
def test_a_mid_month_excerpt_cannot_be_stored_as_a_month_end(data_dir, period, excerpt, flagged):
    row = f"p2p_platforms_operating,{period},CN,cbirc,6,家,,fx-cbirc-2020,{excerpt},,,,"
    write_rows(data_dir, row)
    found = only(problems_for(data_dir), "mid-period")
    if flagged is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].column == "period" and repr(flagged) in found[0].message


# --- Hardening (issue 16): every bad input is a located problem, never a traceback ------------------


@pytest.mark.parametrize("value", ["１２", "١٢", "2４48", "٢٤٤٨"])
def test_non_ascii_digits_in_a_value_are_refused_by_validate_and_build(tmp_path, data_dir, value):
    write_rows(data_dir, GOOD.replace(",2448,", f",{value},", 1).replace("2448家", f"{value}家"))
    problem = only(problems_for(data_dir), "plain-number")[0]
    assert (problem.line, problem.column) == (2, "value") and "ASCII digits" in problem.message
    with pytest.raises(InputError):  # the same rule in build: a located problem, not a polars traceback
        build(tmp_path / "x.duckdb", data_dir, log=lambda _: None)


@pytest.mark.parametrize("period", ["２０１６", "٢٠١٦", "2016-Q４", "to:２０１６"])
def test_non_ascii_digits_in_a_period_are_refused(data_dir, period):
    write_rows(data_dir, GOOD.replace(",2016,", f",{period},", 1))
    problem = only(problems_for(data_dir), "period")[0]
    assert (problem.line, problem.column) == (2, "period")


def test_a_400_digit_value_is_refused_not_stored_as_inf(tmp_path, data_dir):
    value = "9" * 400
    write_rows(data_dir, GOOD.replace(",2448,", f",{value},", 1).replace("2448家", f"{value}家"))
    problem = only(problems_for(data_dir), "plain-number")[0]
    assert problem.line == 2 and "400 significant digits" in problem.message
    assert len(str(problem)) < 300  # the value is not echoed whole
    with pytest.raises(InputError):
        build(tmp_path / "x.duckdb", data_dir, log=lambda _: None)


def test_fifteen_digits_are_still_a_number(data_dir):
    write_rows(data_dir, GOOD.replace(",2448,", ",123456789012.345,", 1).replace("2448家", "123456789012.345家"))
    assert problems_for(data_dir) == []


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e", "\u2066", "\x7f"])
def test_control_and_bidi_characters_in_an_excerpt_are_refused(data_dir, char):
    write_rows(data_dir, GOOD.replace("正常运营", f"正常{char}运营", 1))
    problem = only(problems_for(data_dir), "control-char")[0]
    assert (problem.line, problem.column) == (2, "excerpt")
    assert f"U+{ord(char):04X}" in problem.message
    assert char not in str(problem)  # and the message itself does not carry it to the terminal


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e"])
def test_control_and_bidi_characters_in_a_name_are_refused(data_dir, char):
    path = data_dir / "catalogue" / "series.toml"
    text = path.read_text(encoding="utf-8")
    escaped = f"\\u{ord(char):04X}"  # TOML forbids raw control characters; an escape reaches the value
    path.write_text(
        text.replace('name_zh = "正常运营P2P平台数"', f'name_zh = "正常运营{escaped}P2P平台数"'), encoding="utf-8"
    )
    problem = only(problems_for(data_dir), "control-char")[0]
    assert problem.file.endswith("catalogue/series.toml") and problem.column == "name_zh"


def test_an_excerpt_that_does_not_state_its_value_is_refused(data_dir):
    write_rows(data_dir, GOOD.replace(",2448,", ",2449,", 1))
    problem = only(problems_for(data_dir), "value-in-excerpt")[0]
    assert (problem.line, problem.column) == (2, "excerpt") and "2449" in problem.message


def test_a_derived_value_need_not_appear_in_its_excerpt(data_dir):
    write_rows(data_dir, GOOD.replace(",2448,", ",2449,", 1).replace("2448家,,", "2448家,2448 + 1,", 1))
    assert problems_for(data_dir) == []


@pytest.mark.parametrize(
    ("value", "excerpt"), [("2595", "counted 2,595 platforms"), ("6", "only six platforms"), ("0", "已经归零"),
                           ("12", "共１２家"), ("4394.61", "达到了4394。61亿元")],
)  # fmt: skip
def test_excerpt_readings_that_state_the_value(data_dir, value, excerpt):
    write_rows(data_dir, GOOD.replace(",2448,", f",{value},", 1).replace("正常运营平台数量…2448家", excerpt))
    assert only(problems_for(data_dir), "value-in-excerpt") == []


def test_a_stray_quote_is_reported_on_its_own_line(data_dir):
    rows = [GOOD.replace("2016", str(year)) for year in range(2001, 2016)]
    rows[2] = rows[2].replace("正常运营", '"正常运营', 1)  # line 4; the next quote is ten lines on
    rows[12] = rows[12].replace("正常运营", '正常"运营', 1)
    write_rows(data_dir, *rows)
    found = [p for p in problems_for(data_dir) if p.rule in ("malformed-csv", "field-count")]
    assert found and found[0].line == 4, found
    assert "line 4" in found[0].message


def test_a_missing_observations_folder_is_named(data_dir):
    shutil.rmtree(data_dir / "observations")
    problems = problems_for(data_dir)
    assert [(Path(p.file).name, p.rule) for p in problems] == [("observations", "missing-file")]


def test_an_unreadable_observations_folder_is_named(data_dir, monkeypatch):
    real = os.listdir

    def listdir(path):
        if Path(path).name == "observations":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr("etl.inputs.os.listdir", listdir)
    (problem,) = problems_for(data_dir)
    assert problem.file.endswith("observations") and problem.rule == "unreadable"
    assert "Permission denied" in problem.message


def test_a_folder_named_like_a_csv_does_not_stop_validation(data_dir):
    (data_dir / "observations" / "folder.csv").mkdir()
    write_rows(data_dir, GOOD.replace("2448,", "2448x,", 1))
    rules = {(Path(p.file).name, p.rule) for p in problems_for(data_dir)}
    assert ("folder.csv", "not-a-file") in rules and ("extra.csv", "plain-number") in rules


def test_a_symlink_pointing_outside_data_is_refused(data_dir, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("root:x:0:0:SECRET-CONTENT\n", encoding="utf-8")
    (data_dir / "observations" / "linked.csv").symlink_to(secret)
    (data_dir / "sources" / "linked.toml").symlink_to(secret)
    problems = problems_for(data_dir)
    assert {(Path(p.file).name, p.rule) for p in problems} == {("linked.csv", "symlink"), ("linked.toml", "symlink")}
    assert not any("SECRET" in str(p) for p in problems)


def test_a_symlink_inside_data_is_followed(data_dir):
    os.rename(data_dir / "observations" / "p2p.csv", data_dir / "p2p.csv")
    (data_dir / "observations" / "p2p.csv").symlink_to(data_dir / "p2p.csv")
    assert problems_for(data_dir) == []


def test_a_broken_catalogue_reports_its_cause_then_counts_what_follows(data_dir):
    path = data_dir / "catalogue" / "series.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('topic = "platforms"', 'topic = "platforms', 1))
    write_rows(data_dir, *[GOOD.replace("2016", str(year)) for year in range(1995, 2010)])
    problems = problems_for(data_dir)
    assert [p.rule for p in problems] == ["malformed-toml"]
    assert problems.suppressed.get("unknown-id", 0) >= 18
    report = InputError(problems).report()
    assert "dependent problem(s) not listed" in report and len(report.splitlines()) == 3


def test_a_missing_regions_file_reports_its_cause_then_counts_what_follows(data_dir):
    (data_dir / "regions.csv").unlink()
    problems = problems_for(data_dir)
    assert [(Path(p.file).name, p.rule) for p in problems] == [("regions.csv", "missing-file")]
    assert problems.suppressed == {"unknown-id": 3}


def test_messages_are_capped_with_a_count_per_rule(data_dir):
    periods = [f"{1990 + i // 12}-{i % 12 + 1:02d}" for i in range(1000)]
    write_rows(data_dir, *[GOOD.replace("2016", period).replace("2448,", f"x{i},") for i, period in enumerate(periods)])
    problems = problems_for(data_dir)
    assert len(problems) == MAX_LISTED
    assert problems.total == 1000 and problems.omitted == {"plain-number": 800}
    report = InputError(problems).report().splitlines()
    assert len(report) == MAX_LISTED + 2 and "800 more not listed (plain-number 800)" in report[-2]


@pytest.mark.parametrize("small_file", [1 << 20, 0], ids=["python-check", "polars-check"])
def test_text_between_quoted_parts_of_a_cell_is_not_read_silently(data_dir, monkeypatch, small_file):
    """polars reads `"正常运营"平台"数量"` without complaint, as 正常运营平台数量 (quotes dropped);
    the file-wide quote check (in Python for a small file, polars for a large one) must send the
    file to the strict reader, which names the line."""
    monkeypatch.setattr("etl.inputs._SMALL_FILE", small_file)
    rows = [GOOD.replace("2016", str(year)) for year in range(2001, 2006)]
    rows[1] = rows[1].replace("正常运营平台数量…2448家", '"正常运营"平台"数量…2448家"')
    write_rows(data_dir, *rows)
    problems = problems_for(data_dir)
    assert [(p.rule, p.line) for p in problems if p.rule in ("malformed-csv", "field-count")] == [
        ("malformed-csv", 3)
    ], problems


@pytest.mark.parametrize(
    "header",
    ['[a.b]', '[ a . "b c" ]  # note', '["a.b"]', "['literal']", '["日本"]', '[a]x', '[]', '[a.]', '[a."b\\"c"]',
     '[a.b.c]', '[ "p2p-x" ]'],
)  # fmt: skip
def test_table_header_lines_read_as_tomllib_reads_them(header):
    """The header pattern gives each `[a.b]` the key path tomllib gives it (or none when tomllib
    refuses the line), so a problem names the line of its table."""
    try:
        parsed, path = tomllib.loads(header), []
        while isinstance(parsed, dict) and len(parsed) == 1:
            key = next(iter(parsed))
            path.append(key)
            parsed = parsed[key]
        expected = {tuple(path): 1}
    except tomllib.TOMLDecodeError:
        expected = {}
    assert _table_lines(header) == expected
