"""`python -m etl info` and `validate` output, and the exit status for a missing database."""

from __future__ import annotations

import pytest

from tests.conftest import run_etl


def test_info_describes_the_database(built_db):
    result = run_etl("info", "--db", str(built_db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Build" in out and "lendscope" in out
    assert "observations" in out and "content hash" in out
    # Series with their first and last periods and publishers.
    line = next(line for line in out.splitlines() if line.strip().startswith("p2p_platforms_operating"))
    assert "家" in line and "2014" in line and "2020-08" in line and "cbirc, wdzj" in line
    assert "wdzj" in out.split("Publishers", 1)[1]
    assert "Events    1 from 2020-11-27 to 2020-11-27" in out


def test_info_on_a_missing_database_says_how_to_build(tmp_path):
    result = run_etl("info", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 3
    assert "no database at" in result.stderr and "make build" in result.stderr
    assert "Traceback" not in result.stderr


def test_info_on_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_text("not a database")
    result = run_etl("info", "--db", str(path))
    assert result.returncode == 3 and "cannot open" in result.stderr and "Traceback" not in result.stderr


def test_validate_reports_ok_or_problems(data_dir):
    ok = run_etl("validate", "--data", str(data_dir))
    assert ok.returncode == 0 and ok.stdout.startswith("OK: ") and "3 observations" in ok.stdout
    (data_dir / "observations" / "bad.csv").write_bytes(b"series\n")
    bad = run_etl("validate", "--data", str(data_dir))
    assert bad.returncode == 1 and "bad.csv:1: column 'period': missing column [rule: columns]" in bad.stderr


def test_usage_errors_exit_2():
    assert run_etl("frobnicate").returncode == 2


def foreign_database(tmp_path, kind: str):
    import duckdb

    path = tmp_path / f"{kind}.duckdb"
    with duckdb.connect(str(path)) as con:
        if kind == "partial":  # build_info and nothing else
            con.execute("CREATE TABLE build_info (build_id VARCHAR, built_at TIMESTAMP, lendscope_version VARCHAR, "
                        "duckdb_version VARCHAR)")  # fmt: skip
        else:
            con.execute("CREATE TABLE loans (id INTEGER)")
    return path


@pytest.mark.parametrize("kind", ["partial", "other"])
@pytest.mark.parametrize("command", [["info"], ["find", "1575"], ["coverage"], ["coverage", "--targets"]])
def test_commands_on_a_database_of_another_schema_say_so_in_one_line(tmp_path, kind, command):
    result = run_etl(*command, "--db", str(foreign_database(tmp_path, kind)))
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "not a Lendscope database of this version" in line and "rebuild" in line
