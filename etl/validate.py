"""The rules every input must pass. Each rule has a name that appears in its message.

Rules (name: what it rejects):
  columns / field-count / malformed-csv / malformed-toml / encoding / empty-file: structure (inputs.py)
  required: an empty cell or key that must hold a value
  plain-number: a value that is not a plain decimal number (units, separators, ranges, spaces)
  negative-count: a negative value in a count unit (家, 人 …)
  unknown-id: a series, unit, publisher, source, region or category that is not defined
  unit-mismatch: an observation whose unit differs from its series' unit
  period: a period or date that cannot be parsed
  cumulative-period: `to:` periods on a non-cumulative series, or plain periods on a cumulative one
  range-period: a span of months (2019-01/2019-09) on a series that is not a flow
  enum: a value outside its allowed set (reliability, kind, qualifier, topic …)
  url: a source url that is not http(s)
  duplicate-key / duplicate-id: the same key twice
  catalogue: unknown or missing keys in a catalogue or source table
  inferred-publisher: a row whose publisher is inferred (attribution = inferred) not marked low
  final-version (enum/unknown-id): an event's `final_version` that is not a later rule, or set on a non-draft
  estimate: a derivation that averages figures (a midpoint of a range is an estimate the page does not make)
  mid-period: an excerpt that dates the figure "mid-October" / "10月中旬" / "mid-2020" stored as that month's or
    year's end (record the day the page means, e.g. 2020-10-15, and say so in the note)
"""

from __future__ import annotations

import re
from datetime import date

from etl.claims import check_claim_entries
from etl.inputs import CsvRows, Inputs, TomlEntry
from etl.paths import display_path
from etl.periods import PeriodError, parse_date, parse_period
from etl.problems import Problem

RELIABILITY = ("high", "medium", "low")
QUALIFIERS = ("", "about", "nearly", "more_than", "less_than")
ATTRIBUTIONS = ("", "stated", "inferred")
UNIT_KINDS = ("count", "money", "rate", "duration", "other")
PUBLISHER_KINDS = (
    "regulator",
    "central bank",
    "court",
    "prosecutor",
    "government",
    "industry association",
    "industry data provider",
    "research institute",
    "news media",
    "company",
    "other",
)
TOPICS = ("platforms", "volume", "outcomes", "microloans", "regulation", "collection", "macro")
MEASURES = ("stock", "flow", "rate", "cumulative")
FREQUENCIES = ("annual", "semiannual", "quarterly", "monthly", "daily", "irregular")
SOURCE_KINDS = ("web page", "official release", "API", "document")
EVENT_KINDS = ("rule", "draft", "enforcement", "statement", "market")
REGION_KINDS = ("country", "province", "municipality", "autonomous region")

PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
AVERAGE = re.compile(r"\+.*\)\s*/\s*\d+\s*$|\b(avg|mean|average|midpoint)\b|平均", re.IGNORECASE)
# CN and its provinces (ISO 3166-2:CN), or another economy's ISO 3166-1 alpha-2 code for comparisons.
REGION_CODE = re.compile(r"^(CN-[A-Z]{2}|[A-Z]{2})$")
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

# (required keys, optional keys, {key: allowed values}) per catalogue section.
CATALOGUE_SCHEMA: dict[str, tuple[tuple, tuple, dict]] = {
    "units": (("name_en", "kind"), (), {"kind": UNIT_KINDS}),
    "publishers": (("name_zh", "name_en", "kind"), ("url", "note"), {"kind": PUBLISHER_KINDS}),
    "series": (
        ("topic", "measure", "unit", "frequency", "name_zh", "name_en", "definition_zh", "definition_en"),
        ("note",),
        {"topic": TOPICS, "measure": MEASURES, "frequency": FREQUENCIES},
    ),
    "event_categories": (("name_zh", "name_en"), (), {}),
}
SOURCE_SCHEMA = (
    ("publisher", "title", "url", "accessed", "kind", "reliability"),
    ("published", "licence", "note"),
    {"kind": SOURCE_KINDS, "reliability": RELIABILITY},
)


def validate(inputs: Inputs) -> list[Problem]:
    """All problems of the input set: structural ones already found, then every rule here."""
    problems = list(inputs.problems)
    for section, entries in inputs.catalogue.items():
        for key, entry in entries.items():
            problems += _check_table(entry, section, key, CATALOGUE_SCHEMA[section])
    for key, entry in inputs.sources.items():
        problems += _check_table(entry, "sources", key, SOURCE_SCHEMA)
        problems += _check_source(entry, key)
    for key, entry in inputs.catalogue["series"].items():
        unit = entry.values.get("unit")
        if isinstance(unit, str) and unit not in inputs.catalogue["units"]:
            problems.append(
                Problem(entry.file, entry.line, "unit", "unknown-id", f"series {key!r}: unknown unit {unit!r}")
            )
    regions = _check_regions(inputs.regions, problems) if inputs.regions else set()
    for table in [*inputs.observations, *inputs.refreshed]:
        problems += _check_observations(table, inputs, regions)
    key = ("series", "period", "region", "publisher", "vintage")
    # Curated and refreshed rows are checked apart: a refreshed row replaces a curated one of its key.
    problems += _duplicate_keys(inputs.observations, key, "observation")
    problems += _duplicate_keys(inputs.refreshed, key, "refreshed observation")
    for table in inputs.events:
        problems += _check_events(table, inputs)
    problems += _duplicate_keys(inputs.events, ("id",), "event")
    problems += check_claim_entries(inputs.claims, inputs.queries_dir)
    problems += _check_methods(inputs)
    return problems


METHOD_KEYS = (
    "position",
    "name_zh",
    "name_en",
    "article_zh",
    "article_en",
    "stage_zh",
    "stage_en",
    "evidence",
    "rules",
)
RULE_KEYS = ("event", "limit_zh", "limit_en", "clause_read")


def _check_methods(inputs: Inputs) -> list[Problem]:
    """Collection methods: every key present, every rule's event and every evidence series defined."""
    event_ids = {row["id"] for table in inputs.events for _, row in table.rows}
    out = []
    for method_id, entry in inputs.methods.items():
        where = (entry.file, entry.line)
        values = entry.values
        for key in METHOD_KEYS:
            if key not in values or values[key] in ("", []):
                out.append(Problem(*where, key, "required", f"method {method_id!r}: missing {key!r}"))
        for key in values:
            if key not in METHOD_KEYS:
                out.append(Problem(*where, key, "catalogue", f"method {method_id!r}: unknown key {key!r}"))
        for series_id in values.get("evidence", []):
            if series_id not in inputs.catalogue["series"]:
                out.append(
                    Problem(*where, "evidence", "unknown-id", f"method {method_id!r}: unknown series {series_id!r}")
                )
        for number, rule in enumerate(values.get("rules", []), start=1):
            label = f"method {method_id!r} rule {number}"
            for key in RULE_KEYS:
                if key not in rule or rule[key] == "":
                    out.append(Problem(*where, key, "required", f"{label}: missing {key!r}"))
            for key in rule:
                if key not in RULE_KEYS:
                    out.append(Problem(*where, key, "catalogue", f"{label}: unknown key {key!r}"))
            if rule.get("event") and rule["event"] not in event_ids:
                out.append(Problem(*where, "event", "unknown-id", f"{label}: unknown event {rule['event']!r}"))
            if "clause_read" in rule and not isinstance(rule["clause_read"], bool):
                out.append(Problem(*where, "clause_read", "enum", f"{label}: clause_read must be true or false"))
    return out


def _check_table(entry: TomlEntry, section: str, key: str, schema) -> list[Problem]:
    required, optional, allowed = schema
    out = []
    if not SLUG.match(key) and section not in ("units",):
        out.append(Problem(entry.file, entry.line, key, "catalogue", f"id {key!r} must be an ASCII slug"))
    for name in required:
        value = entry.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(Problem(entry.file, entry.line, name, "required", f"{section} {key!r}: missing {name!r}"))
    for name in entry.values:
        if name not in required and name not in optional:
            out.append(Problem(entry.file, entry.line, name, "catalogue", f"{section} {key!r}: unknown key {name!r}"))
    for name, choices in allowed.items():
        value = entry.values.get(name)
        if value is not None and value not in choices:
            out.append(
                Problem(
                    entry.file,
                    entry.line,
                    name,
                    "enum",
                    f"{section} {key!r}: {name} {value!r} is not one of {', '.join(choices)}",
                )
            )
    return out


def _check_source(entry: TomlEntry, key: str) -> list[Problem]:
    out = []
    url = entry.values.get("url")
    if isinstance(url, str) and url.strip() and not re.match(r"^https?://\S+$", url.strip()):
        out.append(Problem(entry.file, entry.line, "url", "url", f"source {key!r}: not an http(s) URL: {url!r}"))
    for name in ("accessed", "published"):
        value = entry.values.get(name)
        if value is not None and not (isinstance(value, date) or value == ""):
            out.append(
                Problem(
                    entry.file,
                    entry.line,
                    name,
                    "period",
                    f"source {key!r}: {name} must be a TOML date like 2026-11-29, not {value!r}",
                )
            )
    return out


def _check_regions(table: CsvRows, problems: list[Problem]) -> set[str]:
    name = display_path(table.path)
    codes: set[str] = set()
    for line, row in table.rows:
        code = row["code"]
        if not REGION_CODE.match(code):
            problems.append(
                Problem(name, line, "code", "enum", f"not an ISO 3166-2:CN or ISO 3166-1 alpha-2 code: {code!r}")
            )
        if row["kind"] not in REGION_KINDS:
            problems.append(Problem(name, line, "kind", "enum", f"kind {row['kind']!r} not in {REGION_KINDS}"))
        for column in ("name_zh", "name_en"):
            if not row[column].strip():
                problems.append(Problem(name, line, column, "required", "empty"))
        if code in codes:
            problems.append(Problem(name, line, "code", "duplicate-id", f"region {code!r} listed twice"))
        codes.add(code)
    return codes


def _require(name, line, row, columns, out) -> None:
    for column in columns:
        if not row[column].strip():
            out.append(Problem(name, line, column, "required", "empty cell"))


def _known(name, line, row, column, known, what, out) -> None:
    value = row[column]
    if value.strip() and value not in known:
        hint = " (surrounding spaces?)" if value.strip() in known else ""
        out.append(Problem(name, line, column, "unknown-id", f"unknown {what} {value!r}{hint}"))


def _check_observations(table: CsvRows, inputs: Inputs, regions: set[str]) -> list[Problem]:
    name = display_path(table.path)
    series = inputs.catalogue["series"]
    units = inputs.catalogue["units"]
    out: list[Problem] = []
    for line, row in table.rows:
        _require(
            name, line, row, ("series", "period", "region", "publisher", "value", "unit", "source", "excerpt"), out
        )
        _known(name, line, row, "series", series, "series", out)
        _known(name, line, row, "unit", units, "unit", out)
        _known(name, line, row, "publisher", inputs.catalogue["publishers"], "publisher", out)
        _known(name, line, row, "source", inputs.sources, "source", out)
        _known(name, line, row, "region", regions, "region", out)

        value = row["value"]
        if value.strip() and not PLAIN_NUMBER.match(value):
            out.append(
                Problem(
                    name,
                    line,
                    "value",
                    "plain-number",
                    f"not a plain number: {value!r} (no units, thousands separators, ranges or spaces; "
                    "put 约/近/超过 in `qualifier`)",
                )
            )
        unit = units.get(row["unit"])
        if unit and unit.values.get("kind") == "count" and PLAIN_NUMBER.match(value) and float(value) < 0:
            out.append(Problem(name, line, "value", "negative-count", f"negative count {value} {row['unit']}"))

        series_entry = series.get(row["series"])
        if series_entry and row["unit"] and row["unit"] != series_entry.values.get("unit"):
            out.append(
                Problem(
                    name,
                    line,
                    "unit",
                    "unit-mismatch",
                    f"unit {row['unit']!r} but series {row['series']!r} is in {series_entry.values.get('unit')!r}",
                )
            )
        if row["period"].strip():
            try:
                period = parse_period(row["period"])
            except PeriodError as exc:
                out.append(Problem(name, line, "period", "period", str(exc)))
            else:
                if series_entry and period.type == "range" and series_entry.values.get("measure") != "flow":
                    out.append(
                        Problem(
                            name,
                            line,
                            "period",
                            "range-period",
                            f"a span of months ({row['period']}) is only for flow series; "
                            f"{row['series']!r} is a {series_entry.values.get('measure')}",
                        )
                    )
                cumulative = series_entry and series_entry.values.get("measure") == "cumulative"
                if series_entry and cumulative != (period.type == "cumulative"):
                    want = "a to:<period> label" if cumulative else "a plain period (to: is for cumulative series)"
                    out.append(
                        Problem(
                            name,
                            line,
                            "period",
                            "cumulative-period",
                            f"series {row['series']!r} is {series_entry.values.get('measure')}: needs {want}",
                        )
                    )
                if stated := _mid_period(row["excerpt"], period):
                    out.append(
                        Problem(
                            name,
                            line,
                            "period",
                            "mid-period",
                            f"the excerpt says {stated!r} but period {row['period']!r} means the end of the "
                            f"{period.type}; record the day (e.g. {period.end:%Y-%m}-15) and say so in the note",
                        )
                    )
        if AVERAGE.search(row["derivation"]):
            out.append(
                Problem(
                    name,
                    line,
                    "derivation",
                    "estimate",
                    "averaging figures (e.g. the midpoint of a range) makes an estimate the page does not state; "
                    "record a stated bound with a qualifier instead",
                )
            )
        if row["vintage"].strip():
            try:
                parse_date(row["vintage"])
            except PeriodError as exc:
                out.append(Problem(name, line, "vintage", "period", str(exc)))
        if row["qualifier"] not in QUALIFIERS:
            out.append(Problem(name, line, "qualifier", "enum", f"{row['qualifier']!r} not one of {QUALIFIERS[1:]}"))
        if row["attribution"] not in ATTRIBUTIONS:
            out.append(Problem(name, line, "attribution", "enum", f"{row['attribution']!r} not stated or inferred"))
        elif row["attribution"] == "inferred" and row["reliability"] != "low":
            out.append(
                Problem(
                    name,
                    line,
                    "reliability",
                    "inferred-publisher",
                    "a figure whose publisher is inferred (not named on the page) must be marked low reliability",
                )
            )
        if row["reliability"] and row["reliability"] not in RELIABILITY:
            out.append(Problem(name, line, "reliability", "enum", f"{row['reliability']!r} not one of {RELIABILITY}"))
    return out


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")  # fmt: skip
CHINESE_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _mid_period(excerpt: str, period) -> str | None:
    """The words of the excerpt that put the figure in the middle of the period's own month or year, if any."""
    if period.type == "month":
        month = period.end.month
        names = (MONTH_NAMES[month - 1], MONTH_NAMES[month - 1][:3])
        patterns = [
            rf"\bmid[- ](?:{'|'.join(names)})\b",
            rf"(?<!\d)0?{month}月中旬",
            rf"(?<!十){CHINESE_MONTHS[month - 1]}月中旬",
        ]
        if not re.search(r"\d+月|[一二三四五六七八九十]+月|\bmid[- ][a-z]+", excerpt, re.IGNORECASE):
            patterns.append(r"中旬|\bmid-month\b")  # no month named: the page means the period's own month
    elif period.type == "year":
        patterns = [rf"\bmid[- ]{period.end.year}\b", rf"{period.end.year}年(?:年)?中(?!国)"]
    else:
        return None
    found = re.search("|".join(patterns), excerpt, re.IGNORECASE)
    return found[0] if found else None


def _check_events(table: CsvRows, inputs: Inputs) -> list[Problem]:
    name = display_path(table.path)
    out: list[Problem] = []
    events = {row["id"]: row for t in inputs.events for _, row in t.rows}
    for line, row in table.rows:
        _require(
            name,
            line,
            row,
            (
                "id",
                "date",
                "authority",
                "title_zh",
                "title_en",
                "title_zh_verified",
                "category",
                "gist_zh",
                "gist_en",
                "source",
                "excerpt",
                "kind",
            ),
            out,
        )
        if row["kind"] and row["kind"] not in EVENT_KINDS:
            out.append(Problem(name, line, "kind", "enum", f"event kind {row['kind']!r} not one of {EVENT_KINDS}"))
        if row["final_version"] and row["kind"] != "draft":
            out.append(Problem(name, line, "final_version", "enum", "only a draft names its final version"))
        elif row["final_version"]:
            final = events.get(row["final_version"])
            if final is None:
                out.append(
                    Problem(name, line, "final_version", "unknown-id", f"unknown event {row['final_version']!r}")
                )
            elif final["kind"] != "rule" or final["date"] < row["date"]:
                out.append(
                    Problem(
                        name, line, "final_version", "enum",
                        f"the final version {row['final_version']!r} must be a rule issued after the draft",
                    )
                )  # fmt: skip
        if row["id"] and not SLUG.match(row["id"]):
            out.append(Problem(name, line, "id", "enum", f"event id {row['id']!r} must be an ASCII slug"))
        for column in ("date", "in_force"):
            if row[column].strip():
                try:
                    parse_date(row[column])
                except PeriodError as exc:
                    out.append(Problem(name, line, column, "period", str(exc)))
        if row["title_zh_verified"] and row["title_zh_verified"] not in ("yes", "no"):
            out.append(Problem(name, line, "title_zh_verified", "enum", "must be yes or no"))
        _known(name, line, row, "category", inputs.catalogue["event_categories"], "event category", out)
        _known(name, line, row, "source", inputs.sources, "source", out)
    return out


def _duplicate_keys(tables: list[CsvRows], key_columns: tuple[str, ...], what: str) -> list[Problem]:
    seen: dict[tuple, tuple[str, int]] = {}
    out = []
    for table in tables:
        name = display_path(table.path)
        for line, row in table.rows:
            key = tuple(row[c] for c in key_columns)
            if key in seen:
                first_file, first_line = seen[key]
                out.append(
                    Problem(
                        name,
                        line,
                        None,
                        "duplicate-key",
                        f"duplicate {what} key ({', '.join(key_columns)}) = {key}; first at {first_file}:{first_line}",
                    )
                )
            else:
                seen[key] = (name, line)
    return out
