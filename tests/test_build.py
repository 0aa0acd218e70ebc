"""The build: real DuckDB files, real subprocesses, atomic swap, determinism."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl.build import PAUSE_ENV, build
from etl.paths import DEFAULT_DB, ROOT, resolve_db_path
from etl.problems import InputError
from tests.conftest import run_etl


def table_hashes(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return dict(con.sql("SELECT table_name, content_hash FROM build_tables").fetchall())


def test_build_loads_every_table(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        counts = dict(con.sql("SELECT table_name, row_count FROM build_tables").fetchall())
        assert counts["observations"] == 3 and counts["events"] == 1 and counts["regions"] == 38
        row = con.sql(
            "SELECT period_type, period_end, value, derived, derivation, reliability, input_line "
            "FROM observations WHERE period_label = '2014'"
        ).fetchall()[0]
        assert row == ("year", __import__("datetime").date(2014, 12, 31), 1575.0, True, "2595 - 1020", "medium", 3)
        # build_inputs lists every input file with its checksum.
        inputs = dict(con.sql("SELECT path, sha256 FROM build_inputs").fetchall())
        assert any(p.endswith("observations/p2p.csv") for p in inputs)
        assert len(con.sql("SELECT build_id FROM build_info").fetchall()) == 1


@pytest.mark.parametrize("column", ["series_id", "region", "publisher_id", "unit", "source_id"])
def test_the_build_backs_up_the_validator_on_every_reference(tmp_path, data_dir, monkeypatch, column):
    """An id the validator let through (a bug there) fails the build naming the input row, and the
    old database stays: the database's own wall, checked once over the loaded rows (foreign keys
    declared on observations cost a lookup per row). Red with check_observation_references emptied."""
    import etl.build

    target = tmp_path / "lending.duckdb"
    build(target, data_dir, log=lambda _: None)
    before = target.read_bytes()
    real = etl.build.to_frames

    def broken_transform(inputs):
        frames = real(inputs)
        obs = frames["observations"]
        frames["observations"] = obs.with_columns(obs[column].scatter(0, "no_such_id"))
        return frames

    monkeypatch.setattr(etl.build, "to_frames", broken_transform)
    monkeypatch.setattr(etl.build, "validate", lambda inputs: [])
    with pytest.raises(InputError) as caught:
        build(target, data_dir, log=lambda _: None)
    problem = caught.value.problems[0]
    assert problem.rule == "reference" and problem.column == column and problem.line and "no_such_id" in problem.message
    assert problem.file.startswith("observations") or "observations" in problem.file, problem.file
    assert target.read_bytes() == before


def test_two_builds_of_the_same_inputs_have_the_same_content(tmp_path, data_dir):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    r1 = build(first, data_dir, log=lambda _: None)
    time.sleep(0.01)
    r2 = build(second, data_dir, log=lambda _: None)
    assert r1.build_id == r2.build_id
    assert table_hashes(first) == table_hashes(second)


def test_a_changed_figure_changes_the_build_id(tmp_path, data_dir):
    r1 = build(tmp_path / "a.duckdb", data_dir, log=lambda _: None)
    csv_path = data_dir / "observations" / "p2p.csv"
    text = csv_path.read_text(encoding="utf-8").replace(",15,", ",16,").replace("to 15 by", "to 16 by")
    csv_path.write_text(text, encoding="utf-8")
    r2 = build(tmp_path / "b.duckdb", data_dir, log=lambda _: None)
    assert r1.build_id != r2.build_id
    assert table_hashes(tmp_path / "a.duckdb")["observations"] != table_hashes(tmp_path / "b.duckdb")["observations"]
    assert table_hashes(tmp_path / "a.duckdb")["sources"] == table_hashes(tmp_path / "b.duckdb")["sources"]


def test_the_content_hash_sees_one_changed_text_cell(tmp_path, data_dir):
    """The hash is of whole rows: an edited excerpt alone (no key, no number) changes it."""
    build(tmp_path / "a.duckdb", data_dir, log=lambda _: None)
    csv_path = data_dir / "observations" / "p2p.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace("to 15 by", "to 15  by", 1), encoding="utf-8")
    build(tmp_path / "b.duckdb", data_dir, log=lambda _: None)
    a, b = table_hashes(tmp_path / "a.duckdb"), table_hashes(tmp_path / "b.duckdb")
    assert a["observations"] != b["observations"]
    assert {t: h for t, h in a.items() if t != "observations"} == {t: h for t, h in b.items() if t != "observations"}


def test_observation_ids_are_the_sha256_of_the_key_as_written(built_db, data_dir):
    """The load computes obs_id in SQL; it is the documented id (observation_id), so links to a
    figure keep working across builds and versions."""
    import csv

    from etl.transform import observation_id

    with (data_dir / "observations" / "p2p.csv").open(encoding="utf-8") as fh:
        rows = [row | {"attribution": row.get("attribution", "")} for row in csv.DictReader(fh)]
    with duckdb.connect(str(built_db), read_only=True) as con:
        query = "SELECT input_line, obs_id FROM observations WHERE input_file LIKE '%p2p.csv'"
        stored = dict(con.sql(query).fetchall())
    assert stored == {line: observation_id(row) for line, row in enumerate(rows, start=2)}


def test_bad_input_leaves_the_previous_database_byte_identical(built_db, data_dir):
    before = built_db.read_bytes()
    csv_path = data_dir / "observations" / "p2p.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace(",2595,", ',"2,595",'), encoding="utf-8")
    with pytest.raises(InputError):
        build(built_db, data_dir, log=lambda _: None)
    assert built_db.read_bytes() == before
    assert [p.name for p in built_db.parent.iterdir() if ".building-" in p.name] == []


def test_cli_build_with_broken_csv_exits_nonzero_naming_file_and_line(built_db, data_dir):
    before = built_db.read_bytes()
    csv_path = data_dir / "observations" / "p2p.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("1575", "1575家")
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_etl("build", "--db", str(built_db), "--data", str(data_dir))
    assert result.returncode == 1
    assert "observations/p2p.csv:3: column 'value': not a plain number" in result.stderr
    assert "nothing was built" in result.stderr
    assert built_db.read_bytes() == before


def test_sigkill_during_build_leaves_the_old_database_intact(built_db, data_dir):
    before = built_db.read_bytes()
    csv_path = data_dir / "observations" / "p2p.csv"
    text = csv_path.read_text(encoding="utf-8").replace(",15,", ",16,").replace("to 15 by", "to 16 by")
    csv_path.write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--db", str(built_db), "--data", str(data_dir)],
        cwd=ROOT,
        env={**os.environ, PAUSE_ENV: "30"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # The new file is complete and closed when the build announces its pause: kill it there.
        for line in process.stdout:
            if "pausing" in line:
                break
        temp = [p for p in built_db.parent.iterdir() if ".building-" in p.name]
        assert temp, "the build should have written its temporary file"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert built_db.read_bytes() == before
    with duckdb.connect(str(built_db), read_only=True) as con:
        assert con.sql("SELECT value FROM observations WHERE period_label = '2020-08'").fetchall()[0] == (15.0,)
    # The next build cleans up what the killed one left and swaps in the new content.
    result = run_etl("build", "--db", str(built_db), "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "removed a temporary file left by an interrupted build" in result.stdout
    assert [p for p in built_db.parent.iterdir() if ".building-" in p.name] == []
    with duckdb.connect(str(built_db), read_only=True) as con:
        assert con.sql("SELECT value FROM observations WHERE period_label = '2020-08'").fetchall()[0] == (16.0,)


def test_sigkill_while_loading_leaves_the_old_database_intact(built_db, data_dir):
    """Killed at a random early moment (before the pause): the live file is never touched."""
    before = built_db.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--db", str(built_db), "--data", str(data_dir)],
        cwd=ROOT,
        env={**os.environ, PAUSE_ENV: "30"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in process.stdout:
        if "load ..." in line:
            break
    process.kill()
    process.wait(timeout=10)
    assert built_db.read_bytes() == before


def test_build_prints_its_steps_with_timings(tmp_path, data_dir):
    result = run_etl("build", "--db", str(tmp_path / "x.duckdb"), "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    for step in ("read inputs", "validate", "transform", "load", "hash", "checkpoint", "swap"):
        assert f"  {step}: " in result.stdout and " s" in result.stdout
    assert "build id" in result.stdout


class TestDatabasePathRule:
    def test_default(self, monkeypatch):
        monkeypatch.delenv("LENDSCOPE_DB", raising=False)
        assert resolve_db_path() == DEFAULT_DB == ROOT / "data" / "lending.duckdb"

    def test_environment_overrides_default(self, monkeypatch, tmp_path):
        monkeypatch.setenv("LENDSCOPE_DB", str(tmp_path / "env.duckdb"))
        assert resolve_db_path() == tmp_path / "env.duckdb"

    def test_flag_overrides_environment(self, monkeypatch, tmp_path):
        monkeypatch.setenv("LENDSCOPE_DB", str(tmp_path / "env.duckdb"))
        assert resolve_db_path(str(tmp_path / "flag.duckdb")) == tmp_path / "flag.duckdb"

    def test_cli_commands_follow_the_rule(self, tmp_path, data_dir):
        env_db = tmp_path / "env.duckdb"
        flag_db = tmp_path / "flag.duckdb"
        assert run_etl("build", "--data", str(data_dir), env={"LENDSCOPE_DB": str(env_db)}).returncode == 0
        assert env_db.exists()
        result = run_etl("build", "--data", str(data_dir), "--db", str(flag_db), env={"LENDSCOPE_DB": str(env_db)})
        assert result.returncode == 0 and flag_db.exists()
        info = run_etl("info", env={"LENDSCOPE_DB": str(env_db)})
        assert info.returncode == 0 and "env.duckdb" in info.stdout
        info = run_etl("info", "--db", str(flag_db), env={"LENDSCOPE_DB": str(env_db)})
        assert info.returncode == 0 and "flag.duckdb" in info.stdout


def _file_size_limit(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_full_disk_is_one_line_exit_3_and_the_old_database_is_kept(built_db, data_dir):
    """No space for the new file (a file-size limit makes DuckDB's writes fail as a full disk does)."""
    before = built_db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--db", str(built_db), "--data", str(data_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=_file_size_limit(len(before) // 4),
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot write the database") and "File too large" in line
    assert "previous database is kept" in line
    assert built_db.read_bytes() == before
    assert [p for p in built_db.parent.iterdir() if ".building-" in p.name] == []


def test_unwritable_target_folder_is_one_line_and_exit_3(tmp_path, built_db):
    if os.geteuid() == 0:  # root writes anywhere chmod allows nothing; /sys refuses even root
        target, before = Path("/sys/lending.duckdb"), None
    else:
        target, before = built_db, built_db.read_bytes()
        built_db.parent.chmod(0o555)
    try:
        result = run_etl("build", "--db", str(target))
    finally:
        built_db.parent.chmod(0o755)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot write the database") and "Permission denied" in line
    if before is not None:
        assert built_db.read_bytes() == before
