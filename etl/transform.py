"""Validated inputs -> typed polars frames, one per database table. Pure: no I/O, no DuckDB.

Derived columns are computed here: period type and dates from the label, `derived` from the
derivation text, reliability inherited from the source when the row leaves it empty, and the row's key as one text
(`obs_key`), from which the load computes the stable observation id (OBSERVATION_ID_SQL).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from etl.inputs import LINE, OBSERVATION_COLUMNS, CsvRows, Inputs, TomlEntry
from etl.paths import display_path
from etl.periods import parse_date, parse_dates, parse_periods
from etl.values import to_number

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


def _frame(tables: list[CsvRows]) -> pl.DataFrame:
    """The tables' rows as one frame, with the file each row comes from."""
    frames = [t.frame.with_columns(input_file=pl.lit(display_path(t.path))) for t in tables]
    empty = CsvRows(Path(""), OBSERVATION_COLUMNS).frame.with_columns(input_file=pl.lit("", dtype=pl.String))
    return pl.concat(frames) if frames else empty


def observation_id(row: dict[str, str]) -> str:
    """sha256 of the key as written (stable across builds and versions), first 16 hex digits."""
    key = "\x1f".join(row[c] for c in OBSERVATION_KEY)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# The same id, computed by the load from the `obs_key` column this module writes: DuckDB's sha256
# runs natively and in parallel, where one Python hashlib call per row took 1.4 s at 1e6 rows.
OBSERVATION_KEY_COLUMN = "obs_key"
OBSERVATION_ID_SQL = f"substr(sha256({OBSERVATION_KEY_COLUMN}), 1, 16) AS obs_id"


def _empty_to_null(column: str) -> pl.Expr:
    value = pl.col(column).str.strip_chars()
    return pl.when(value != "").then(value)


def observations_frame(inputs: Inputs) -> pl.DataFrame:
    """Validated rows -> the observations table, column by column (periods parsed once per label)."""
    refreshed = _frame(inputs.refreshed)
    curated = _frame(inputs.observations)
    if refreshed.height:  # else no join and no concatenation: each would copy every row (1e6: ~600 MB)
        curated = curated.join(refreshed.select(OBSERVATION_KEY), on=OBSERVATION_KEY, how="anti")
        frame = pl.concat([curated, refreshed])
    else:
        frame = curated
    periods = parse_periods(frame["period"].unique().to_list())
    vintages = parse_dates([v for v in frame["vintage"].unique().to_list() if v.strip()])
    reliability = {key: e.values.get("reliability") for key, e in inputs.sources.items()}

    def lookup(column: str, mapping: dict, dtype) -> pl.Expr:
        """A value per row from a small table (an expression, not a joined copy of 1e6 rows)."""
        return pl.col(column).replace_strict(mapping, default=None, return_dtype=dtype)

    return frame.select(
        pl.concat_str([pl.col(c) for c in OBSERVATION_KEY], separator="\x1f").alias(OBSERVATION_KEY_COLUMN),
        pl.col("series").alias("series_id"),
        pl.col("period").alias("period_label"),
        lookup("period", {k: p.type for k, p in periods.items()}, pl.String).alias("period_type"),
        lookup("period", {k: p.start for k, p in periods.items()}, pl.Date).alias("period_start"),
        lookup("period", {k: p.end for k, p in periods.items()}, pl.Date).alias("period_end"),
        "region",
        pl.col("publisher").alias("publisher_id"),
        (pl.col("attribution") == "inferred").alias("publisher_inferred"),
        to_number(pl.col("value")).alias("value"),
        "unit",
        _empty_to_null("qualifier").alias("qualifier"),
        pl.col("source").alias("source_id"),
        pl.col("excerpt").str.strip_chars().alias("excerpt"),
        _empty_to_null("derivation").is_not_null().alias("derived"),
        _empty_to_null("derivation").alias("derivation"),
        lookup("vintage", vintages, pl.Date).alias("vintage"),
        pl.coalesce(_empty_to_null("reliability"), lookup("source", reliability, pl.String)).alias("reliability"),
        _empty_to_null("note").alias("note"),
        "input_file",
        pl.col(LINE).cast(pl.Int32).alias("input_line"),
    ).sort("series_id", "region", "period_end", "publisher_id", "vintage", nulls_last=True)


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
    columns = ("code", "name_zh", "name_en", "kind")
    if not inputs.regions:
        return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    return inputs.regions.frame.select(columns)


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
