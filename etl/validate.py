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
  value-in-excerpt: a stated (not derived) value whose digits its excerpt does not show
  control-char: NUL, ESC, other control characters or bidi overrides (U+202E) in a cell or TOML string
  missing-file / not-a-file / not-a-folder / unreadable / symlink: an input that cannot be read (inputs.py)

Problems are gathered as frames and capped: the first MAX_LISTED in file order are listed, the
rest counted per rule. When an input could not be read at all (a broken catalogue, a missing
regions.csv), the problems that follow from it (every "unknown id") are counted, not listed.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from etl.claims import check_claim_entries
from etl.inputs import LINE, CsvRows, Inputs, TomlEntry
from etl.paths import display_path
from etl.periods import Period, PeriodError, parse_date, parse_dates, parse_periods
from etl.problems import PROBLEM_FRAME, Problem, Problems
from etl.values import (
    FORBIDDEN_PATTERN,
    MAX_SIGNIFICANT_DIGITS,
    excerpt_digits,
    forbidden_character,
    forbidden_in,
    is_plain_number,
    significant_digit_count,
    significant_digits,
    value_problem,
)

FILE = "__file__"  # the input file of each row (its index) when several files are checked as one frame
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

AVERAGE_PATTERN = r"(?i)\+.*\)\s*/\s*\d+\s*$|\b(avg|mean|average|midpoint)\b|平均"
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


CONTROL_MESSAGE = "the invisible control or direction character {}; remove it"
# Problems listed in full; beyond this, a count per rule (1e6 bad rows must not print 1e6 lines).
MAX_LISTED = 200
# Root causes: an input that could not be read. Its dependents (column, rules) are counted, not listed.
UNREADABLE_RULES = {"malformed-toml", "malformed-csv", "encoding", "empty-file", "missing-file", "not-a-file",
                    "not-a-folder", "unreadable", "symlink", "columns"}  # fmt: skip
DEPENDENT_RULES = {"unknown-id", "unit-mismatch", "range-period", "cumulative-period", "negative-count", "claim-query"}
DEPENDENTS = {  # input folder or file -> the columns whose ids it defines
    "catalogue": {"series", "unit", "publisher", "category", "evidence", "query"},
    "sources": {"source"},
    "refreshed": {"source"},
    "regions.csv": {"region"},
    "events": {"event"},
    "observations": {"query"},
}


def validate(inputs: Inputs) -> Problems:
    """All problems of the input set: structural ones already found, then every rule here."""
    problems = list(inputs.problems)
    frames: list[pl.DataFrame] = []
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
    for group in (*inputs.catalogue.values(), inputs.sources, inputs.claims, inputs.methods):
        for key, entry in group.items():
            problems += _toml_characters(entry, key)
    regions = _check_regions(inputs.regions, problems) if inputs.regions else set()
    frames.append(_check_observations([*inputs.observations, *inputs.refreshed], inputs, regions))
    key = ("series", "period", "region", "publisher", "vintage")
    # Curated and refreshed rows are checked apart: a refreshed row replaces a curated one of its key.
    frames.append(_duplicate_keys(inputs.observations, key, "observation"))
    frames.append(_duplicate_keys(inputs.refreshed, key, "refreshed observation"))
    for table in inputs.events:
        problems += _check_events(table, inputs)
    frames.append(_duplicate_keys(inputs.events, ("id",), "event"))
    problems += check_claim_entries(inputs.claims, inputs.queries_dir)
    problems += _check_methods(inputs)
    return summarise(problems, frames)


def summarise(problems: list[Problem], frames: list[pl.DataFrame]) -> Problems:
    """One sorted list: root causes first-class, their dependents counted, the rest capped."""
    everything = pl.concat([_as_frame(problems), *frames], how="vertical_relaxed")
    roots = everything.filter(pl.col("rule").is_in(UNREADABLE_RULES))["file"].unique().to_list()
    blocked = set()
    for file in roots:
        for part, columns in DEPENDENTS.items():
            if f"/{part}/" in f"/{file}" or file.endswith(part):
                blocked |= columns
    dependent = pl.col("rule").is_in(DEPENDENT_RULES) & pl.col("column").is_in(list(blocked))
    suppressed = everything.filter(dependent)
    listed = everything.filter(~dependent).sort("file", "line", "column", "rule", nulls_last=False)
    result = Problems(Problem(**row) for row in listed.head(MAX_LISTED).iter_rows(named=True))
    result.omitted = _counts(listed.slice(MAX_LISTED))
    result.suppressed = _counts(suppressed)
    return result


def _as_frame(problems: list[Problem]) -> pl.DataFrame:
    return pl.DataFrame(
        [(p.file, p.line, p.column, p.rule, p.message) for p in problems], schema=PROBLEM_FRAME.schema, orient="row"
    )


def _counts(frame: pl.DataFrame) -> dict[str, int]:
    return dict(frame.group_by("rule").len().sort("rule").iter_rows())


def _toml_characters(entry: TomlEntry, key: str) -> list[Problem]:
    out = []

    def walk(value, path: str) -> None:
        if isinstance(value, str):
            found = forbidden_in(value)
            if found:
                out.append(Problem(entry.file, entry.line, path, "control-char",
                                   f"{key!r}: contains {CONTROL_MESSAGE.format(found)}"))  # fmt: skip
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, path)

    walk(entry.values, "")
    if forbidden_in(key):
        out.append(
            Problem(entry.file, entry.line, None, "control-char", "a key contains an invisible control character")
        )
    return out


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
        for column, cell in row.items():
            if forbidden_in(cell):
                problems.append(
                    Problem(name, line, column, "control-char", f"contains {forbidden_in(cell)}; remove it")
                )
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


def _check_observations(tables: list[CsvRows], inputs: Inputs, regions: set[str]) -> pl.DataFrame:
    """Every row rule over whole columns (polars expressions, no loop per row): a frame of problems.
    The files are checked as one frame with a column naming each row's file: one pass per build,
    not one per file (nine small files cost nine times the rules' set-up, 0.1 s of a 0.5 s build)."""
    if not tables:
        return PROBLEM_FRAME
    units = inputs.catalogue["units"]
    series_entries = inputs.catalogue["series"]
    count_units = [u for u, e in units.items() if e.values.get("kind") == "count"]
    # Each row's file as a small integer (a name per row cost 16 MB at 1e6 rows), named in the messages.
    names = {i: display_path(t.path) for i, t in enumerate(tables)}
    frame = pl.concat([t.frame.with_columns(pl.lit(i, dtype=pl.UInt16).alias(FILE)) for i, t in enumerate(tables)])
    periods = parse_periods(frame["period"].unique().to_list())
    vintages = parse_dates([v for v in frame["vintage"].unique().to_list() if v.strip()])

    def lookup(column: str, mapping: dict) -> pl.Expr:
        """A value per row from a small table keyed by `column` (an expression: no joined copy)."""
        return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.String)

    series_unit = lookup("series", {k: e.values.get("unit") for k, e in series_entries.items()})
    measure = lookup("series", {k: e.values.get("measure") for k, e in series_entries.items()})
    period_type = lookup("period", {k: p.type for k, p in periods.items() if isinstance(p, Period)})
    period_error = lookup("period", {k: str(p) for k, p in periods.items() if isinstance(p, PeriodError)})
    vintage_error = lookup("vintage", {k: str(v) for k, v in vintages.items() if isinstance(v, PeriodError)})
    c = pl.col
    out = _Emitter(frame, names)
    for column in ("series", "period", "region", "publisher", "value", "unit", "source", "excerpt"):
        out.emit(c(column).str.strip_chars() == "", column, "required", pl.lit("empty cell"))
    for column, known, what in (
        ("series", inputs.catalogue["series"], "series"),
        ("unit", units, "unit"),
        ("publisher", inputs.catalogue["publishers"], "publisher"),
        ("source", inputs.sources, "source"),
        ("region", regions, "region"),
    ):
        known = list(known)
        hint = (
            pl.when(c(column).str.strip_chars().is_in(known))
            .then(pl.lit(" (surrounding spaces?)"))
            .otherwise(pl.lit(""))
        )
        out.emit(
            (c(column).str.strip_chars() != "") & ~c(column).is_in(known), column, "unknown-id",
            pl.format("unknown {} '{}'{}", pl.lit(what), c(column).str.slice(0, 60), hint),
        )  # fmt: skip
    nonempty_value = c("value").str.strip_chars() != ""
    out.emit(
        nonempty_value & value_problem(c("value")).is_not_null(), "value", "plain-number", value_problem(c("value"))
    )
    plain = is_plain_number(c("value")) & (significant_digit_count(c("value")) <= MAX_SIGNIFICANT_DIGITS)
    number = pl.when(plain).then(c("value")).cast(pl.Float64, strict=False)
    out.emit(
        c("unit").is_in(count_units) & plain & (number < 0), "value", "negative-count",
        pl.format("negative count {} {}", c("value"), c("unit")),
    )  # fmt: skip
    out.emit(
        series_unit.is_not_null() & (c("unit") != "") & (c("unit") != series_unit), "unit", "unit-mismatch",
        pl.format("unit '{}' but series '{}' is in '{}'", c("unit"), c("series"), series_unit),
    )  # fmt: skip
    has_period = c("period").str.strip_chars() != ""
    out.emit(has_period & period_error.is_not_null(), "period", "period", period_error)
    parsed = has_period & period_type.is_not_null() & measure.is_not_null()
    out.emit(
        parsed & (period_type == "range") & (measure != "flow"), "period", "range-period",
        pl.format("a span of months ({}) is only for flow series; '{}' is a {}",
                  c("period"), c("series"), measure),
    )  # fmt: skip
    cumulative = measure == "cumulative"
    out.emit(
        parsed & (cumulative != (period_type == "cumulative")), "period", "cumulative-period",
        pl.format(
            "series '{}' is {}: needs {}", c("series"), measure,
            pl.when(cumulative).then(pl.lit("a to:<period> label"))
            .otherwise(pl.lit("a plain period (to: is for cumulative series)")),
        ),
    )  # fmt: skip
    out.emit(
        c("derivation").str.contains(AVERAGE_PATTERN), "derivation", "estimate",
        pl.lit("averaging figures (e.g. the midpoint of a range) makes an estimate the page does not state; "
               "record a stated bound with a qualifier instead"),
    )  # fmt: skip
    out.emit(vintage_error.is_not_null(), "vintage", "period", vintage_error)
    out.emit(
        ~c("qualifier").is_in(QUALIFIERS), "qualifier", "enum",
        pl.format("'{}' not one of {}", c("qualifier").str.slice(0, 40), pl.lit(str(QUALIFIERS[1:]))),
    )  # fmt: skip
    out.emit(
        ~c("attribution").is_in(ATTRIBUTIONS), "attribution", "enum",
        pl.format("'{}' not stated or inferred", c("attribution").str.slice(0, 40)),
    )  # fmt: skip
    out.emit(
        (c("attribution") == "inferred") & (c("reliability") != "low"), "reliability", "inferred-publisher",
        pl.lit("a figure whose publisher is inferred (not named on the page) must be marked low reliability"),
    )  # fmt: skip
    out.emit(
        (c("reliability") != "") & ~c("reliability").is_in(RELIABILITY), "reliability", "enum",
        pl.format("'{}' not one of {}", c("reliability").str.slice(0, 40), pl.lit(str(RELIABILITY))),
    )  # fmt: skip
    mid = _mid_period_messages(frame, periods)
    if mid:
        key = pl.concat_str([c("period"), pl.lit("\x00"), c("excerpt")])
        message = key.replace_strict(mid, default=None, return_dtype=pl.String)
        out.emit(message.is_not_null(), "period", "mid-period", message)
    _forbidden_characters(out, FREE_TEXT_COLUMNS)
    # A stated figure must be in the words quoted for it; a derived one (derivation filled) is
    # computed from the page, so its digits need not appear.
    stated = plain & (c("derivation").str.strip_chars() == "") & (c("excerpt").str.strip_chars() != "")
    digits = significant_digits(c("value"))
    # The excerpt as written first: normalising (full-width digits, 2,595 -> 2595) only joins
    # digits, so digits found in the raw text are found in the normalised one, and only the rest
    # (a few rows, not 1e6: 0.46 s of regex) need it.
    misses = frame.filter(stated.fill_null(False) & ~c("excerpt").str.contains(digits, literal=True))
    misses = misses.filter(~excerpt_digits(c("excerpt"), words=False).str.contains(digits, literal=True))
    misses = misses.filter(~excerpt_digits(c("excerpt")).str.contains(significant_digits(c("value")), literal=True))
    out.add(
        misses, "excerpt", "value-in-excerpt",
        pl.format("{} {} is not stated in its excerpt '{}' (if it is computed from the page, fill `derivation`)",
                  c("value"), c("unit"), c("excerpt").str.slice(0, 80)),
    )  # fmt: skip
    return out.frame()


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")  # fmt: skip
CHINESE_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
MIDDLE_WORDS = r"(?i)中旬|\bmid|年中"


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


def _mid_period_messages(frame: pl.DataFrame, periods: dict) -> dict[str, str]:
    """ "period\\x00excerpt" -> message, for the distinct pairs whose excerpt names a middle of the period
    (a regex filter first, so Python sees only those few pairs)."""
    pairs = frame.filter(pl.col("excerpt").str.contains(MIDDLE_WORDS)).select("period", "excerpt").unique()
    out = {}
    for label, excerpt in pairs.iter_rows():
        period = periods.get(label)
        if isinstance(period, Period) and (stated := _mid_period(excerpt, period)):
            out[f"{label}\x00{excerpt}"] = (
                f"the excerpt says {stated!r} but period {label!r} means the end of the {period.type}; "
                f"record the day (e.g. {period.end:%Y-%m}-15) and say so in the note"
            )
    return out


# Free-text columns; every other column must match a catalogue id, a pattern or an enum, whose
# rules already refuse a control character.
FREE_TEXT_COLUMNS = ("excerpt", "derivation", "note")


def _forbidden_characters(out: _Emitter, columns) -> None:
    for column in columns:
        out.emit(
            pl.col(column).str.contains(FORBIDDEN_PATTERN), column, "control-char",
            pl.format("contains " + CONTROL_MESSAGE, forbidden_character(pl.col(column))),
        )  # fmt: skip


class _Emitter:
    """Collects the rules over the rows of `source` (whose FILE column names each row's file), then
    evaluates every condition in one parallel pass and builds messages only for the rows that
    fail: (file, line, column, rule, message) frames."""

    def __init__(self, source: pl.DataFrame, names: dict[int, str]):
        self.source, self.names, self.rules, self.parts = source, names, [], []

    def emit(self, condition: pl.Expr, column: str, rule: str, message: pl.Expr) -> None:
        self.rules.append((condition, column, rule, message))

    def add(self, rows: pl.DataFrame, column: str | None, rule: str, message: pl.Expr) -> None:
        if rows.height:
            self.parts.append(
                rows.select(
                    pl.col(FILE).replace_strict(self.names, return_dtype=pl.String).alias("file"),
                    pl.col(LINE).alias("line"),
                    pl.lit(column, dtype=pl.String).alias("column"), pl.lit(rule).alias("rule"),
                    message.cast(pl.String).alias("message"),
                )
            )  # fmt: skip

    def frame(self) -> pl.DataFrame:
        if self.rules:
            masks = self.source.select(
                [condition.fill_null(False).alias(f"_{i}") for i, (condition, *_) in enumerate(self.rules)]
            )
            failing = masks.select(pl.all().any()).row(0)
            for i, (_, column, rule, message) in enumerate(self.rules):
                if failing[i]:
                    self.add(self.source.filter(masks[f"_{i}"]), column, rule, message)
            self.rules = []
        return pl.concat(self.parts) if self.parts else PROBLEM_FRAME


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
        for column, cell in row.items():
            found = forbidden_in(cell)
            if found:
                out.append(Problem(name, line, column, "control-char",
                                   f"contains {CONTROL_MESSAGE.format(found)}"))  # fmt: skip
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


def _duplicate_keys(tables: list[CsvRows], key_columns: tuple[str, ...], what: str) -> pl.DataFrame:
    """Rows whose key was already seen (in this or an earlier file), naming where it was first."""
    frames = [t.frame.select(*key_columns, LINE).with_columns(file=pl.lit(display_path(t.path))) for t in tables]
    if not frames:
        return PROBLEM_FRAME
    rows = pl.concat(frames).with_row_index("_order")
    is_repeat = ~rows.select(pl.struct(*key_columns).is_first_distinct()).to_series()
    repeated = rows.filter(is_repeat)
    if repeated.is_empty():
        return PROBLEM_FRAME
    firsts = rows.filter(~is_repeat).select(
        *key_columns, pl.col("file").alias("_first_file"), pl.col(LINE).alias("_first_line")
    )
    repeated = repeated.join(firsts, on=list(key_columns), how="left", nulls_equal=True).sort("_order")
    key_text = pl.concat_str(
        [pl.lit("'") + pl.col(k).str.slice(0, 40) + pl.lit("'") for k in key_columns], separator=", "
    )
    return repeated.select(
        "file", pl.col(LINE).alias("line"), pl.lit(None, dtype=pl.String).alias("column"),
        pl.lit("duplicate-key").alias("rule"),
        pl.format(
            "duplicate {} key ({}) = ({}); first at {}:{}", pl.lit(what), pl.lit(", ".join(key_columns)), key_text,
            pl.col("_first_file"), pl.col("_first_line"),
        ).alias("message"),
    )  # fmt: skip
