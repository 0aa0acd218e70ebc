"""The claim check: each claim of the seed article is tested by a named query at build time.

A claim query returns evidence rows that all carry the same `verdict`, `explanation_zh` and
`explanation_en`, computed in SQL from the data. If the data change, the verdict and the figures in
the explanation change with them; nothing about a verdict is typed in by hand. The SQL writes numbers,
ids and periods as tokens ({n:…}, {pub:…}, {period:…}); they are formatted here, once per language, by
the dashboard's labels module (pure), so the stored text is what a reader reads.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import duckdb
import polars as pl

from app.labels import render
from etl.database import insert_frame
from etl.inputs import TomlEntry
from etl.named_queries import NamedQueryError, get
from etl.paths import display_path
from etl.problems import Problem

VERDICTS = ("supported", "partly supported", "contradicted", "not testable with the data held")
CLAIM_KEYS_REQUIRED = ("position", "section_zh", "text_zh", "text_en", "test_zh", "test_en", "query")
CLAIM_KEYS_OPTIONAL = ("params", "forecast_zh", "forecast_en")
REQUIRED_COLUMNS = ("verdict", "explanation_zh", "explanation_en")


@dataclass
class EvaluatedClaim:
    claim_id: str
    values: dict
    verdict: str
    explanation_zh: str
    explanation_en: str
    evidence: list[dict]


def check_claim_entries(claims: dict[str, TomlEntry], queries_dir) -> list[Problem]:
    problems = []
    for claim_id, entry in claims.items():
        for key in CLAIM_KEYS_REQUIRED:
            value = entry.values.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                problems.append(
                    Problem(entry.file, entry.line, key, "required", f"claim {claim_id!r}: missing {key!r}")
                )
        for key in entry.values:
            if key not in CLAIM_KEYS_REQUIRED and key not in CLAIM_KEYS_OPTIONAL:
                problems.append(
                    Problem(entry.file, entry.line, key, "catalogue", f"claim {claim_id!r}: unknown key {key!r}")
                )
        query = entry.values.get("query")
        if isinstance(query, str) and query:
            try:
                get(query, queries_dir).bind(entry.values.get("params", {}))
            except NamedQueryError as exc:
                problems.append(Problem(entry.file, entry.line, "query", "claim-query", str(exc)))
    return problems


def _jsonable(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float, str, bool, type(None))):
        return value
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return str(value)


def evaluate(con: duckdb.DuckDBPyConnection, claims: dict[str, TomlEntry], queries_dir) -> list[EvaluatedClaim]:
    """Run every claim's query; a query that breaks the contract fails the build with its name."""
    results, problems = [], []
    order = sorted(claims, key=lambda c: (claims[c].values.get("position", 0), c))
    queries = {name: get(name, queries_dir) for name in {claims[c].values["query"] for c in order}}

    def run(claim_id: str):
        """(columns, rows) or the engine's error, on a cursor of its own."""
        query = queries[claims[claim_id].values["query"]]
        cursor = con.cursor()
        try:
            # execute, not sql(): a relation is bound once to be made and again to run (5-10 ms a query).
            rows = cursor.execute(query.sql, query.bind(claims[claim_id].values.get("params", {})) or None).fetchall()
            return [column[0] for column in cursor.description], rows
        except duckdb.Error as exc:
            return exc
        finally:
            cursor.close()

    # Two at a time: on small data each query is mostly single-threaded planning and setup (about
    # 30 ms), so the build's two DuckDB threads would otherwise leave a core idle.
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = dict(zip(order, pool.map(run, order), strict=True))
    for claim_id in order:
        entry = claims[claim_id]
        where = (entry.file, entry.line, "query")
        query = queries[entry.values["query"]]
        outcome = outcomes[claim_id]
        if isinstance(outcome, duckdb.Error):
            problems.append(
                Problem(*where, "claim-query", f"claim {claim_id!r}: query {query.name!r} failed: {outcome}")
            )
            continue
        columns, fetched = outcome
        rows = [dict(zip(columns, row, strict=True)) for row in fetched]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing or not rows:
            problems.append(
                Problem(
                    *where,
                    "claim-query",
                    f"claim {claim_id!r}: query {display_path(query.path)} must return at least one row with "
                    f"columns {', '.join(REQUIRED_COLUMNS)}" + (f" (missing {', '.join(missing)})" if missing else ""),
                )
            )
            continue
        verdicts = {(r["verdict"], r["explanation_zh"], r["explanation_en"]) for r in rows}
        verdict, explanation_zh, explanation_en = next(iter(verdicts))
        if len(verdicts) != 1 or verdict not in VERDICTS or not explanation_zh or not explanation_en:
            problems.append(
                Problem(
                    *where,
                    "claim-query",
                    f"claim {claim_id!r}: every row must carry one verdict (one of {', '.join(VERDICTS)}) and "
                    f"non-empty explanations; got {sorted({v[0] for v in verdicts}, key=str)}",
                )
            )
            continue
        evidence = [{k: _jsonable(v) for k, v in row.items() if k not in REQUIRED_COLUMNS} for row in rows]
        results.append(
            EvaluatedClaim(
                claim_id, entry.values, verdict, render(explanation_zh, "zh"), render(explanation_en, "en"), evidence
            )
        )
    if problems:
        from etl.problems import InputError

        raise InputError(problems)
    return results


def load(con: duckdb.DuckDBPyConnection, evaluated: list[EvaluatedClaim]) -> None:
    text, number = pl.String, pl.Int32
    claims = pl.DataFrame(
        [
            {
                "claim_id": c.claim_id,
                "position": int(c.values["position"]),
                **{k: c.values[k] for k in ("section_zh", "text_zh", "text_en", "test_zh", "test_en")},
                "query_name": c.values["query"],
                "verdict": c.verdict,
                "explanation_zh": c.explanation_zh,
                "explanation_en": c.explanation_en,
                "forecast_zh": c.values.get("forecast_zh"),
                "forecast_en": c.values.get("forecast_en"),
            }
            for c in evaluated
        ],
        schema={"claim_id": text, "position": number}
        | dict.fromkeys(("section_zh", "text_zh", "text_en", "test_zh", "test_en", "query_name", "verdict"), text)
        | dict.fromkeys(("explanation_zh", "explanation_en", "forecast_zh", "forecast_en"), text),
    )
    evidence = pl.DataFrame(
        [
            (c.claim_id, row_number, json.dumps(row, ensure_ascii=False, sort_keys=True))
            for c in evaluated
            for row_number, row in enumerate(c.evidence, start=1)
        ],
        schema={"claim_id": text, "row_number": number, "evidence": text},
        orient="row",
    )
    insert_frame(con, "claims", claims)
    insert_frame(con, "claim_evidence", evidence)
