"""Validated inputs -> typed polars frames, one per database table. Pure: no I/O, no DuckDB.

Derived columns are computed here: period type and dates from the label, `derived` from the
derivation text, reliability inherited from the source when the row leaves it empty, and a stable
observation id from the row's key.
"""

from __future__ import annotations

import hashlib

import polars as pl

from etl.inputs import CsvRows, Inputs, TomlEntry
from etl.paths import display_path
from etl.periods import parse_date, parse_period

OBSERVATION_KEY = ("series", "period", "region", "publisher", "vintage")


def _none_if_empty(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _entries_frame(entries: dict[str, TomlEntry], id_column: str, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    records = []
    for key in sorted(entries):
        values = entries[key].values
        record = {id_column: key}
        for column in columns:
            if column != id_column:
                record[column] = _none_if_empty(values.get(column))
        records.append(record)
    return pl.DataFrame(records, schema={id_column: pl.String, **{k: v for k, v in columns.items() if k != id_column}})


def _rows(tables: list[CsvRows]):
    for table in tables:
        name = display_path(table.path)
        for line, row in table.rows:
            yield name, line, row


def observation_id(row: dict[str, str]) -> str:
    key = "\x1f".join(row[c] for c in OBSERVATION_KEY)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def superseded_keys(inputs: Inputs) -> set[tuple]:
    """Keys of curated rows that a refresh has replaced."""
    refreshed = {tuple(row[c] for c in OBSERVATION_KEY) for _, _, row in _rows(inputs.refreshed)}
    return {tuple(row[c] for c in OBSERVATION_KEY) for _, _, row in _rows(inputs.observations)} & refreshed


def _observation_record(name: str, line: int, row: dict) -> dict:
    period = parse_period(row["period"])
    return {
        "obs_id": observation_id(row),
        "series_id": row["series"],
        "period_label": row["period"],
        "period_type": period.type,
        "period_start": period.start,
        "period_end": period.end,
        "region": row["region"],
        "publisher_id": row["publisher"],
        "value_text": row["value"],
        "unit": row["unit"],
        "qualifier": _none_if_empty(row["qualifier"]),
        "source_id": row["source"],
        "excerpt": row["excerpt"].strip(),
        "derivation": _none_if_empty(row["derivation"]),
        "vintage": parse_date(row["vintage"]) if row["vintage"].strip() else None,
        "row_reliability": _none_if_empty(row["reliability"]),
        "publisher_inferred": row["attribution"] == "inferred",
        "note": _none_if_empty(row["note"]),
        "input_file": name,
        "input_line": line,
    }


def observations_frame(inputs: Inputs) -> pl.DataFrame:
    replaced = superseded_keys(inputs)
    curated = [r for r in _rows(inputs.observations) if tuple(r[2][c] for c in OBSERVATION_KEY) not in replaced]
    records = [_observation_record(name, line, row) for name, line, row in [*curated, *_rows(inputs.refreshed)]]

    schema = {
        "obs_id": pl.String,
        "series_id": pl.String,
        "period_label": pl.String,
        "period_type": pl.String,
        "period_start": pl.Date,
        "period_end": pl.Date,
        "region": pl.String,
        "publisher_id": pl.String,
        "value_text": pl.String,
        "unit": pl.String,
        "qualifier": pl.String,
        "source_id": pl.String,
        "excerpt": pl.String,
        "derivation": pl.String,
        "vintage": pl.Date,
        "row_reliability": pl.String,
        "publisher_inferred": pl.Boolean,
        "note": pl.String,
        "input_file": pl.String,
        "input_line": pl.Int32,
    }
    frame = pl.DataFrame(records, schema=schema)
    source_reliability = pl.DataFrame(
        {
            "source_id": list(inputs.sources),
            "source_reliability": [e.values.get("reliability") for e in inputs.sources.values()],
        },
        schema={"source_id": pl.String, "source_reliability": pl.String},
    )
    return (
        frame.join(source_reliability, on="source_id", how="left")
        .with_columns(
            value=pl.col("value_text").cast(pl.Float64),
            derived=pl.col("derivation").is_not_null(),
            reliability=pl.coalesce("row_reliability", "source_reliability"),
        )
        .select(
            "obs_id",
            "series_id",
            "period_label",
            "period_type",
            "period_start",
            "period_end",
            "region",
            "publisher_id",
            "publisher_inferred",
            "value",
            "unit",
            "qualifier",
            "source_id",
            "excerpt",
            "derived",
            "derivation",
            "vintage",
            "reliability",
            "note",
            "input_file",
            "input_line",
        )
        .sort("series_id", "region", "period_end", "publisher_id", "vintage", nulls_last=True)
    )


def events_frame(inputs: Inputs) -> pl.DataFrame:
    records = []
    for name, line, row in _rows(inputs.events):
        records.append(
            {
                "event_id": row["id"],
                "date": parse_date(row["date"]),
                "in_force": parse_date(row["in_force"]) if row["in_force"].strip() else None,
                "authority": row["authority"].strip(),
                "title_zh": row["title_zh"].strip(),
                "title_en": row["title_en"].strip(),
                "title_zh_verified": row["title_zh_verified"] == "yes",
                "doc_number": _none_if_empty(row["doc_number"]),
                "category": row["category"],
                "gist_zh": row["gist_zh"].strip(),
                "gist_en": row["gist_en"].strip(),
                "source_id": row["source"],
                "excerpt": row["excerpt"].strip(),
                "note": _none_if_empty(row["note"]),
                "kind": row["kind"],
                "final_version": _none_if_empty(row["final_version"]),
                "input_file": name,
                "input_line": line,
            }
        )
    schema = {
        "event_id": pl.String,
        "date": pl.Date,
        "in_force": pl.Date,
        "authority": pl.String,
        "title_zh": pl.String,
        "title_en": pl.String,
        "title_zh_verified": pl.Boolean,
        "doc_number": pl.String,
        "category": pl.String,
        "gist_zh": pl.String,
        "gist_en": pl.String,
        "source_id": pl.String,
        "excerpt": pl.String,
        "note": pl.String,
        "kind": pl.String,
        "final_version": pl.String,
        "input_file": pl.String,
        "input_line": pl.Int32,
    }
    return pl.DataFrame(records, schema=schema).sort("date", "event_id")


def sources_frame(inputs: Inputs) -> pl.DataFrame:
    columns = {
        "publisher": pl.String,
        "title": pl.String,
        "url": pl.String,
        "accessed": pl.Date,
        "published": pl.Date,
        "licence": pl.String,
        "kind": pl.String,
        "reliability": pl.String,
        "note": pl.String,
    }
    frame = _entries_frame(inputs.sources, "source_id", columns)
    files = [inputs.sources[k].file for k in sorted(inputs.sources)]
    return frame.with_columns(defined_in=pl.Series(files, dtype=pl.String))


def regions_frame(inputs: Inputs) -> pl.DataFrame:
    rows = [row for _, row in inputs.regions.rows] if inputs.regions else []
    return pl.DataFrame(rows, schema={"code": pl.String, "name_zh": pl.String, "name_en": pl.String, "kind": pl.String})


def methods_frames(inputs: Inputs) -> dict[str, pl.DataFrame]:
    """collection_methods, and its rules and evidence as link tables."""
    text = pl.String
    methods, rules, evidence = [], [], []
    for method_id in sorted(inputs.methods, key=lambda m: (inputs.methods[m].values.get("position", 0), m)):
        values = inputs.methods[method_id].values
        methods.append(
            {"method_id": method_id, "position": values["position"]}
            | {k: values[k] for k in ("name_zh", "name_en", "article_zh", "article_en", "stage_zh", "stage_en")}
        )
        for number, rule in enumerate(values["rules"], start=1):
            rules.append(
                {"method_id": method_id, "rule_number": number, "event_id": rule["event"],
                 "limit_zh": rule["limit_zh"], "limit_en": rule["limit_en"], "clause_read": rule["clause_read"]}
            )  # fmt: skip
        for series_id in values["evidence"]:
            evidence.append({"method_id": method_id, "series_id": series_id})
    method_schema = {"method_id": text, "position": pl.Int32} | {
        k: text for k in ("name_zh", "name_en", "article_zh", "article_en", "stage_zh", "stage_en")
    }
    rule_schema = {
        "method_id": text, "rule_number": pl.Int32, "event_id": text, "limit_zh": text, "limit_en": text,
        "clause_read": pl.Boolean,
    }  # fmt: skip
    return {
        "collection_methods": pl.DataFrame(methods, schema=method_schema),
        "collection_method_rules": pl.DataFrame(rules, schema=rule_schema),
        "collection_method_evidence": pl.DataFrame(evidence, schema={"method_id": text, "series_id": text}),
    }


def to_frames(inputs: Inputs) -> dict[str, pl.DataFrame]:
    """Every table in load order (referenced tables first)."""
    catalogue = inputs.catalogue
    text = pl.String
    return {
        "units": _entries_frame(catalogue["units"], "unit", {"name_en": text, "kind": text}),
        "publishers": _entries_frame(
            catalogue["publishers"],
            "publisher_id",
            {"name_zh": text, "name_en": text, "kind": text, "url": text, "note": text},
        ),
        "regions": regions_frame(inputs),
        "sources": sources_frame(inputs),
        "series": _entries_frame(
            catalogue["series"],
            "series_id",
            {
                c: text
                for c in (
                    "topic",
                    "measure",
                    "unit",
                    "frequency",
                    "name_zh",
                    "name_en",
                    "definition_zh",
                    "definition_en",
                    "note",
                )
            },
        ),
        "observations": observations_frame(inputs),
        "event_categories": _entries_frame(
            catalogue["event_categories"], "category", {"name_zh": text, "name_en": text}
        ),
        "events": events_frame(inputs),
        **methods_frames(inputs),
    }
