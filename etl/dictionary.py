"""The data dictionary: every table and column of the database with a description, read from the
comments in schema.sql (one source of truth) and, for columns without one, from common names."""

from __future__ import annotations

import re
from pathlib import Path

SCHEMA = Path(__file__).with_name("schema.sql")

COMMON = {
    "name_zh": "Name in Chinese",
    "name_en": "Name in English",
    "note": "Free-text note: scope, definition differences, disagreements",
    "unit": "Unit of the value (家, 人, 亿元, % …)",
    "kind": "Kind of record (see the table's allowed values)",
    "url": "Address of the page or document",
    "publisher_id": "Publisher id: who produced the figure (publishers table)",
    "series_id": "Series id (series table)",
    "source_id": "Source id: the page the figure or event was read on (sources table)",
    "region": "CN for national, else an ISO 3166-2:CN province code (regions table)",
    "value": "The figure, in the unit",
    "qualifier": "about / nearly / more_than / less_than when the page says 约/近/超过/不足",
    "excerpt": "The words of the page that state it, verbatim",
    "derived": "True when the value is computed from figures on the page (see derivation)",
    "reliability": (
        "high (the publisher's own or an official release), medium (reputable repost), "
        "low (content farm, vendor claim, unnamed origin, inferred publisher)"
    ),
    "input_file": "Input file under data/ the row came from",
    "input_line": "Line of that file",
    "title_zh": "Chinese title",
    "title_en": "English title",
    "gist_zh": "What it does, in Chinese",
    "gist_en": "What it does, in English",
    "category": "Event category (event_categories table)",
    "date": "Date issued or happened",
    "in_force": "Date in force, where different",
    "authority": "Issuing authority",
    "doc_number": "Document number where one exists and was seen (e.g. 银发〔2015〕221号)",
    "event_id": "Event id (events table)",
    "method_id": "Collection method id (collection_methods table)",
    "claim_id": "Claim id (claims table)",
    "definition_zh": "Definition in Chinese: whose scope, what is counted",
    "definition_en": "Definition in English: whose scope, what is counted",
    "topic": "platforms / volume / outcomes / microloans / regulation / collection / macro",
    "measure": "stock (level at period end) / flow (total over period) / rate / cumulative (since inception)",
    "frequency": "Finest frequency published",
    "title": "The page's own title",
    "accessed": "Day the stored copy was read",
    "published": "Publication date, if the page states it",
    "licence": "Licence, if known",
    "publisher": "Who published the page read (may be a repost site)",
    "code": "ISO 3166-2:CN code (2017 letter codes) or CN",
    "period_start": "First day of the period (NULL for cumulative to date)",
    "period_end": "Last day of the period (for a stock: the date of the level)",
    "vintage": "When the publisher published this version; two vintages of one figure are two rows",
    "derivation": "The arithmetic, when derived",
    "position": "Order",
    "rule_number": "Order of the rule within its method",
    "row_number": "Order of the evidence row",
    "sha256": "SHA-256 of the file",
    "bytes": "Size in bytes",
    "path": "Input file path, relative to the project",
    "table_name": "Table name",
    "row_count": "Rows in the table",
    "lendscope_version": "Version of the pipeline that built the file",
    "duckdb_version": "DuckDB version that built the file",
    "defined_in": "Input file that defines it",
    "stage_zh": "When in the delinquency the article says it is used (Chinese)",
    "stage_en": "When in the delinquency the article says it is used (English)",
    "period_type": "year / half / quarter / month / day / range / cumulative, from the label",
    "title_zh_verified": "True when the Chinese title was read verbatim on a page; false for a translation",
    "limit_en": "How the rule limits the method, in English",
    "text_en": "The claim in English",
    "test_en": "What data would test it, in English",
    "verdict": "supported / partly supported / contradicted / not testable with the data held, computed by the query",
    "explanation_zh": "Why, in Chinese, written by the query from the figures",
    "explanation_en": "Why, in English, written by the query from the figures",
}

_TABLE = re.compile(r"CREATE TABLE (\w+) \(")
_COLUMN = re.compile(r"^\s{4}(\w+)\s+([A-Z]+(?:\(\d+(?:,\s*\d+)?\))?)")


def describe_schema(text: str | None = None) -> list[dict]:
    """[{table, column, type, description}] for every column declared in schema.sql."""
    text = text if text is not None else SCHEMA.read_text(encoding="utf-8")
    out, table, last = [], None, None
    for line in text.splitlines():
        if m := _TABLE.search(line):
            table = m[1]
            continue
        if table is None:
            continue
        if line.startswith(")"):
            table = None
            continue
        m = _COLUMN.match(line)
        comment = line.split("--", 1)[1].strip() if "--" in line else ""
        if m and m[1] not in ("PRIMARY", "CHECK", "UNIQUE", "FOREIGN"):
            last = {"table": table, "column": m[1], "type": m[2], "description": comment or COMMON.get(m[1], "")}
            out.append(last)
        elif last is not None and comment and line.strip().startswith("--"):
            last["description"] += " " + comment  # a comment continued on the next line
    return out
