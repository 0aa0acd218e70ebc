"""Read the files under data/ into plain Python structures, keeping where every value came from.

Only structure is checked here (encoding, CSV quoting, headers, TOML syntax); the meaning of the
values is checked by `validate`. Problems are collected, never raised one at a time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from etl.paths import DATA_DIR, ROOT, display_path
from etl.problems import Problem

OBSERVATION_COLUMNS = (
    "series",
    "period",
    "region",
    "publisher",
    "value",
    "unit",
    "qualifier",
    "source",
    "excerpt",
    "derivation",
    "vintage",
    "reliability",
    "note",
    "attribution",
)
EVENT_COLUMNS = (
    "id",
    "date",
    "in_force",
    "authority",
    "title_zh",
    "title_en",
    "title_zh_verified",
    "doc_number",
    "category",
    "gist_zh",
    "gist_en",
    "source",
    "excerpt",
    "note",
    "kind",
    "final_version",
)
REGION_COLUMNS = ("code", "name_zh", "name_en", "kind")
# Columns a file may leave out; a missing optional column reads as empty cells.
OPTIONAL_COLUMNS = {"attribution"}

CATALOGUE_SECTIONS = ("units", "publishers", "series", "event_categories")


@dataclass
class CsvRows:
    path: Path
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line, row)


@dataclass
class TomlEntry:
    file: str
    line: int | None
    values: dict


@dataclass
class Inputs:
    """Everything read from data/, with the location of each record."""

    catalogue: dict[str, dict[str, TomlEntry]] = field(
        default_factory=lambda: {section: {} for section in CATALOGUE_SECTIONS}
    )
    sources: dict[str, TomlEntry] = field(default_factory=dict)
    claims: dict[str, TomlEntry] = field(default_factory=dict)
    methods: dict[str, TomlEntry] = field(default_factory=dict)
    queries_dir: Path = ROOT / "queries"
    regions: CsvRows | None = None
    observations: list[CsvRows] = field(default_factory=list)
    refreshed: list[CsvRows] = field(default_factory=list)  # data/refreshed/*.csv: fetched by refresh
    events: list[CsvRows] = field(default_factory=list)
    files: dict[str, tuple[str, int]] = field(default_factory=dict)  # path -> (sha256, bytes)
    problems: list[Problem] = field(default_factory=list)


def _decode(path: Path, raw: bytes, problems: list[Problem]) -> str | None:
    name = display_path(path)
    if not raw.strip():
        problems.append(Problem(name, None, None, "empty-file", "the file is empty"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                name,
                line,
                None,
                "encoding",
                f"not UTF-8: byte {raw[exc.start]:#04x} at offset {exc.start} (save the file as UTF-8)",
            )
        )
        return None


def read_csv(path: Path, expected: tuple[str, ...], files: dict, problems: list[Problem]) -> CsvRows:
    """Rows of one CSV file with the line each row starts on; structure problems are collected."""
    name = display_path(path)
    result = CsvRows(path)
    raw = path.read_bytes()
    files[name] = (hashlib.sha256(raw).hexdigest(), len(raw))
    text = _decode(path, raw, problems)
    if text is None:
        return result
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    next_line = 1
    try:
        for record in reader:
            start_line, next_line = next_line, reader.line_num + 1
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # a blank line
            if header is None:
                header = [h.strip() for h in record]
                if not _check_header(name, header, expected, problems):
                    return result
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(
                        name,
                        start_line,
                        None,
                        "field-count",
                        f"{len(record)} fields where the header has {len(header)} "
                        "(an unquoted comma, or a missing one?)",
                    )
                )
                continue
            row = dict.fromkeys(c for c in expected if c in OPTIONAL_COLUMNS) | dict(zip(header, record, strict=True))
            result.rows.append((start_line, {c: (row[c] or "") for c in row}))
    except csv.Error as exc:
        problems.append(
            Problem(
                name,
                reader.line_num or next_line,
                None,
                "malformed-csv",
                f"malformed CSV: {exc} (an unbalanced quote?)",
            )
        )
        return result
    if header is None:
        problems.append(Problem(name, None, None, "empty-file", "the file has no header row"))
    elif not result.rows:
        problems.append(Problem(name, None, None, "empty-file", "the file has a header but no rows"))
    return result


def _check_header(name: str, header: list[str], expected: tuple[str, ...], problems: list) -> bool:
    ok = True
    seen = set()
    for column in header:
        if column in seen:
            problems.append(Problem(name, 1, column, "columns", "column appears twice in the header"))
            ok = False
        seen.add(column)
    for column in expected:
        if column not in seen and column not in OPTIONAL_COLUMNS:
            problems.append(Problem(name, 1, column, "columns", "missing column"))
            ok = False
    for column in header:
        if column not in expected:
            problems.append(Problem(name, 1, column, "columns", f"unexpected column; expected {', '.join(expected)}"))
            ok = False
    return ok


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _table_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line of each `[a.b]` table header, keyed by its key path (quoted keys understood)."""
    lines: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("[") or stripped.startswith("[["):
            continue
        try:
            parsed = tomllib.loads(stripped)
        except tomllib.TOMLDecodeError:
            continue
        path: list[str] = []
        node = parsed
        while isinstance(node, dict) and len(node) == 1:
            key = next(iter(node))
            path.append(key)
            node = node[key]
        lines[tuple(path)] = number
    return lines


def read_toml(path: Path, files: dict, problems: list[Problem]) -> tuple[dict, dict] | None:
    name = display_path(path)
    raw = path.read_bytes()
    files[name] = (hashlib.sha256(raw).hexdigest(), len(raw))
    text = _decode(path, raw, problems)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POSITION.search(str(exc))
        problems.append(Problem(name, int(m[1]) if m else None, None, "malformed-toml", f"malformed TOML: {exc}"))
        return None
    return data, _table_lines(text)


def read_inputs(data_dir: Path = DATA_DIR, queries_dir: Path = ROOT / "queries") -> Inputs:
    """Read every input file under data_dir; structural problems land in `Inputs.problems`."""
    inputs = Inputs(queries_dir=queries_dir)
    problems = inputs.problems

    for path in sorted((data_dir / "catalogue").glob("*.toml")):
        parsed = read_toml(path, inputs.files, problems)
        if parsed is None:
            continue
        data, lines = parsed
        name = display_path(path)
        for section, entries in data.items():
            if section not in CATALOGUE_SECTIONS:
                problems.append(
                    Problem(
                        name,
                        lines.get((section,)),
                        section,
                        "catalogue",
                        f"unknown section [{section}]; expected one of {', '.join(CATALOGUE_SECTIONS)}",
                    )
                )
                continue
            _collect(inputs.catalogue[section], section, entries, name, lines, (section,), problems)

    for path in sorted((data_dir / "sources").glob("*.toml")):
        parsed = read_toml(path, inputs.files, problems)
        if parsed is not None:
            data, lines = parsed
            _collect(inputs.sources, "sources", data, display_path(path), lines, (), problems)

    claims_path = data_dir / "claims.toml"
    if claims_path.exists():
        parsed = read_toml(claims_path, inputs.files, problems)
        if parsed is not None:
            data, lines = parsed
            _collect(
                inputs.claims, "claims", data.get("claims", {}), display_path(claims_path), lines, ("claims",), problems
            )
            for query_name in sorted({e.values.get("query") for e in inputs.claims.values()} - {None}):
                query_path = queries_dir / f"{query_name}.sql"
                if query_path.exists():  # its checksum is an input of the build: it computes a verdict
                    raw = query_path.read_bytes()
                    inputs.files[display_path(query_path)] = (hashlib.sha256(raw).hexdigest(), len(raw))

    methods_path = data_dir / "collection_methods.toml"
    if methods_path.exists():
        parsed = read_toml(methods_path, inputs.files, problems)
        if parsed is not None:
            data, lines = parsed
            name = display_path(methods_path)
            _collect(inputs.methods, "methods", data.get("methods", {}), name, lines, ("methods",), problems)

    regions_path = data_dir / "regions.csv"
    if regions_path.exists():
        inputs.regions = read_csv(regions_path, REGION_COLUMNS, inputs.files, problems)
    else:
        problems.append(Problem(display_path(regions_path), None, None, "missing-file", "file not found"))

    for path in sorted((data_dir / "observations").glob("*.csv")):
        inputs.observations.append(read_csv(path, OBSERVATION_COLUMNS, inputs.files, problems))
    # Figures fetched by `python -m etl refresh` (data/refreshed/): they replace curated rows of the
    # same key (series, period, region, publisher, vintage).
    for path in sorted((data_dir / "refreshed").glob("*.toml")):
        parsed = read_toml(path, inputs.files, problems)
        if parsed is not None:
            data, lines = parsed
            _collect(inputs.sources, "sources", data, display_path(path), lines, (), problems)
    for path in sorted((data_dir / "refreshed").glob("*.csv")):
        inputs.refreshed.append(read_csv(path, OBSERVATION_COLUMNS, inputs.files, problems))
    for path in sorted((data_dir / "events").glob("*.csv")):
        inputs.events.append(read_csv(path, EVENT_COLUMNS, inputs.files, problems))
    return inputs


def _collect(target, section, entries, name, lines, prefix, problems) -> None:
    if not isinstance(entries, dict):
        problems.append(Problem(name, None, section, "catalogue", f"[{section}] must be a table"))
        return
    for key, values in entries.items():
        line = lines.get((*prefix, key))
        if not isinstance(values, dict):
            problems.append(Problem(name, line, key, "catalogue", f"{key!r} must be a [table]"))
            continue
        if key in target:
            first = target[key]
            problems.append(
                Problem(
                    name,
                    line,
                    key,
                    "duplicate-id",
                    f"{section} id {key!r} is already defined at {first.file}:{first.line}",
                )
            )
            continue
        target[key] = TomlEntry(name, line, values)
