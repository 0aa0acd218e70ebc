"""The claim check: verdicts are computed by named queries at build time and follow the data."""

from __future__ import annotations

import re

import duckdb
import pytest

from etl.build import build
from etl.database import connect_read_only
from etl.inputs import read_inputs
from etl.named_queries import get
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
    assert verdict == "contradicted" and "1,575 is the end-2014 figure" in explanation and "WDZJ" in explanation
    assert "wdzj" not in explanation  # ids resolve to names

    # Change the data and the verdict follows, with no edit to the claim.
    csv_path = data_dir / "observations" / "p2p.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace(",1575,", ",1576,"), encoding="utf-8")
    build(tmp_path / "b.duckdb", data_dir, log=lambda _: None)
    verdict, explanation, _ = claims_of(tmp_path / "b.duckdb")["platform_counts_2014_2023"]
    assert verdict == "not testable with the data held" and "No series held 1,575" in explanation


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
TOKEN_NUMBER = re.compile(r"\{n:(-?[\d.]+)")


def numbers_in(value) -> set[float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {float(value)}
    if isinstance(value, str):
        return {float(n) for n in NUMBER.findall(value.replace(",", ""))}
    return set()


def test_every_figure_an_explanation_cites_is_in_its_evidence(tmp_path):
    """If a claim's query stops returning the figures its explanation cites, this fails. Checked on the
    query's own text (numbers as {n:…} tokens, before the build formats them as 9,799亿元 / 979.9 billion)."""
    path = tmp_path / "bundled.duckdb"
    build(path, log=lambda _: None)
    claims = read_inputs(DATA_DIR).claims
    assert claims, "the bundled data must hold the claim check"
    with duckdb.connect(str(path), read_only=True) as con:
        for claim_id, entry in claims.items():
            query = get(entry.values["query"])
            relation = con.sql(query.sql, params=query.bind(entry.values.get("params", {})) or None)
            rows = [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]
            assert rows, claim_id
            text_en = entry.values["text_en"]
            evidence = [{k: v for k, v in row.items() if not k.startswith("explanation")} for row in rows]
            known = set().union(*(numbers_in(v) for row in evidence for v in row.values()), numbers_in(text_en))
            for explanation in (rows[0]["explanation_en"], rows[0]["explanation_zh"]):
                plain = re.sub(r"\{(?:series|pub|period|mid|date):[^{}]*\}", "", explanation)
                cited = numbers_in(TOKEN_NUMBER.sub(lambda m: m[1], plain))
                missing = sorted(n for n in cited if n not in known and not 1990 <= n <= 2100)
                assert not missing, f"{claim_id}: {missing} cited but not in its evidence"


def bundled_copy(tmp_path):
    """The bundled inputs in a temporary folder, to change figures and rebuild."""
    import shutil

    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root, ignore=shutil.ignore_patterns("*.duckdb*"))
    return root


def append_rows(path, *rows: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


def claim(path, claim_id):
    return dict(zip(("verdict", "en", "zh"), claims_of(path)[claim_id], strict=True))


def test_market_keeps_growing_follows_every_kind_of_lender(tmp_path):
    root = bundled_copy(tmp_path)
    build(tmp_path / "a.duckdb", root, log=lambda _: None)
    before = claim(tmp_path / "a.duckdb", "market_keeps_growing")
    # P2P at zero, microloan balances and online-microloan counts below their highs: only consumer finance grows.
    assert before["verdict"] == "contradicted"
    assert "Only 1 of 4 kinds" in before["en"] and "mid-Nov 2020" in before["en"] and "-84%" in before["en"]
    assert "280" in before["en"] and "179" in before["en"] and "2020年11月中旬" in before["zh"]
    for text in (before["en"], before["zh"]):
        assert "_" not in text and "{" not in text and ".0 " not in text  # no id, token or 11534.0

    # New reliable figures above the highs for microloans and online microloans: now 3 of 4 kinds expand.
    append_rows(
        root / "observations" / "microloans_national.csv",
        "microloan_loan_balance,2025-Q4,CN,pboc,9900,亿元,,ml-chinadaily-2011-03-23,test figure 9900,,,medium,",
    )
    append_rows(
        root / "observations" / "online_microloans.csv",
        "online_microloan_companies,2025,CN,nfra,300,家,,ml-chinadaily-2011-03-23,test figure 300,,,medium,",
    )
    build(tmp_path / "b.duckdb", root, log=lambda _: None)
    after = claim(tmp_path / "b.duckdb", "market_keeps_growing")
    assert after["verdict"] == "partly supported" and "3 of 4 kinds" in after["en"]
    assert "9,900亿元" in after["zh"] and "990 billion yuan" in after["en"] and "Q4 2025" in after["en"]


def test_regulation_tightening_counts_a_rule_once(tmp_path):
    import csv

    root = bundled_copy(tmp_path)
    build(tmp_path / "a.duckdb", root, log=lambda _: None)
    before = claim(tmp_path / "a.duckdb", "regulation_tightening")
    events = list(csv.DictReader((root / "events" / "regulation.csv").open(encoding="utf-8")))
    bound = [e for e in events if e["category"] in ("collection", "personal_information")]
    article = "2025-02-12"
    rules = [e for e in bound if e["kind"] == "rule" and e["date"] <= article]
    drafts = [e for e in bound if e["kind"] == "draft" and e["final_version"]]
    assert drafts and any(e["kind"] == "enforcement" for e in bound)  # the data hold both cases
    assert before["verdict"] == "supported"
    assert f"hold {len(rules)} rules" in before["en"] and f"{len(drafts)} drafts are not counted again" in before["en"]

    # Call every rule before 2024 a statement: one year of rules is left, so "keeps improving" is only partly so.
    path = root / "events" / "regulation.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["category"] in ("collection", "personal_information") and row["date"] < "2024" and row["kind"] == "rule":
            row["kind"], row["final_version"] = "statement", ""
        if row["final_version"] and row["date"] < "2024":
            row["final_version"] = ""  # its final is no longer a rule
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    build(tmp_path / "b.duckdb", root, log=lambda _: None)
    after = claim(tmp_path / "b.duckdb", "regulation_tightening")
    assert after["verdict"] == "partly supported" and "hold 1 rules" in after["en"]


def test_a_forecast_is_marked_as_one(bundled_db):
    with connect_read_only(bundled_db) as con:
        rows = dict(con.sql("SELECT claim_id, forecast_en FROM claims WHERE forecast_en IS NOT NULL").fetchall())
    assert "more standardised" in rows["regulation_tightening"] and "market_keeps_growing" not in rows


def test_publishers_tied_on_the_latest_period_are_all_named(bundled_db):
    """The PBoC and the CBIRC both put P2P platforms at 0 in mid-November 2020: the check names both,
    rather than whichever one arg_max happened to pick (it changed with the build's transaction)."""
    with connect_read_only(bundled_db) as con:
        english, chinese = con.execute(
            "SELECT explanation_en, explanation_zh FROM claims WHERE claim_id = 'market_keeps_growing'"
        ).fetchone()
    assert "latest 0 (mid-Nov 2020, CBIRC/PBoC), 0% of the highest;" in english, english
    assert "(the two figures come from different publishers); Change in P2P" not in english
    assert re.search(r"最新0家?\(2020年11月中旬,银保监会/(中国)?人民银行\)", chinese), chinese
