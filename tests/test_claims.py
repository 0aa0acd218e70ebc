"""The claim check: verdicts are computed by named queries at build time and follow the data."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from etl.build import build
from etl.inputs import read_inputs
from etl.paths import DATA_DIR
from etl.problems import InputError
from etl.validate import validate

CLAIM_1 = (DATA_DIR / "claims.toml").read_text(encoding="utf-8").split("[claims.market_keeps_growing]")[0]


def claims_of(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            row[0]: row[1:]
            for row in con.sql("SELECT claim_id, verdict, explanation_en, explanation_zh FROM claims").fetchall()
        }


def test_claim_verdict_is_computed_from_the_data(tmp_path, data_dir):
    (data_dir / "claims.toml").write_text(CLAIM_1, encoding="utf-8")
    build(tmp_path / "a.duckdb", data_dir, log=lambda _: None)
    verdict, explanation, _ = claims_of(tmp_path / "a.duckdb")["platform_counts_2014_2023"]
    # The fixture holds 1575 for 2014 (wdzj) and no figure near 2023: the claim is contradicted.
    assert verdict == "contradicted" and "1575 is the end-2014 figure" in explanation and "wdzj" in explanation

    # Change the data and the verdict follows, with no edit to the claim.
    csv_path = data_dir / "observations" / "p2p.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace(",1575,", ",1576,"), encoding="utf-8")
    build(tmp_path / "b.duckdb", data_dir, log=lambda _: None)
    verdict, explanation, _ = claims_of(tmp_path / "b.duckdb")["platform_counts_2014_2023"]
    assert verdict == "not testable with the data held" and "No series held 1575" in explanation


def test_a_claim_query_breaking_its_contract_fails_the_build(tmp_path, data_dir, built_db):
    before = built_db.read_bytes()
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "bad_claim.sql").write_text("-- title: bad\nSELECT 1 AS verdict", encoding="utf-8")
    (data_dir / "claims.toml").write_text(
        CLAIM_1.replace('query = "claim_platform_counts_2014_2023"', 'query = "bad_claim"'), encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        build(built_db, data_dir, log=lambda _: None, queries_dir=queries)
    message = info.value.report()
    assert "claims.toml" in message and "platform_counts_2014_2023" in message and "explanation_zh" in message
    assert built_db.read_bytes() == before


def test_a_claim_naming_a_missing_query_is_a_validation_error(data_dir):
    (data_dir / "claims.toml").write_text(CLAIM_1.replace("claim_platform_counts_2014_2023", "nope"), encoding="utf-8")
    problems = validate(read_inputs(data_dir))
    assert [(p.rule, p.column) for p in problems] == [("claim-query", "query")]
    assert "no named query 'nope'" in problems[0].message


def test_claim_queries_are_inputs_of_the_build(tmp_path, data_dir):
    (data_dir / "claims.toml").write_text(CLAIM_1, encoding="utf-8")
    inputs = read_inputs(data_dir)
    assert "queries/claim_platform_counts_2014_2023.sql" in inputs.files


NUMBER = re.compile(r"(?<![\d.\-:])\d+(?:\.\d+)?(?![\d\-:])")


def numbers_in(value) -> set[float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {float(value)}
    if isinstance(value, str):
        return {float(n) for n in NUMBER.findall(value)}
    return set()


def test_every_figure_an_explanation_cites_is_in_its_evidence(tmp_path):
    """If a claim's query stops returning the figures its explanation cites, this fails."""
    path = tmp_path / "bundled.duckdb"
    build(path, log=lambda _: None)
    with duckdb.connect(str(path), read_only=True) as con:
        claims = con.sql("SELECT claim_id, text_en, explanation_en, explanation_zh FROM claims").fetchall()
        assert claims, "the bundled data must hold the claim check"
        for claim_id, text_en, explanation_en, explanation_zh in claims:
            evidence = [json.loads(e) for (e,) in con.sql(
                "SELECT evidence FROM claim_evidence WHERE claim_id = ? ORDER BY row_number", params=[claim_id]
            ).fetchall()]  # fmt: skip
            assert evidence, claim_id
            known = set().union(*(numbers_in(v) for row in evidence for v in row.values()), numbers_in(text_en))
            for explanation in (explanation_en, explanation_zh):
                cited = numbers_in(explanation)
                missing = sorted(n for n in cited if n not in known and not 1990 <= n <= 2100)
                assert not missing, f"{claim_id}: {missing} cited but not in its evidence"
