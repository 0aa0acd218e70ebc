"""Read the files under data/ into plain Python structures, keeping where every value came from.

Only structure is checked here (encoding, CSV quoting, headers, TOML syntax); the meaning of the
values is checked by `validate`. Problems are collected, never raised one at a time.
"""

from __future__ import annotations

import codecs
import csv
import fnmatch
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

# tomli is the parser the standard library's tomllib was made from, compiled (mypyc): the same TOML
# 1.0 rules and messages, in a third of the time (25 -> 12 ms for today's 200 KB of catalogue and
# sources). Pinned below 2.4, which reads TOML 1.1: the dashboard's labels read the same catalogue
# files with tomllib and would reject what the build had accepted.
import tomli

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


# The column of a CSV frame that holds the line each row starts on.
LINE = "__line__"


@dataclass
class CsvRows:
    """One CSV file as a frame: a String column per expected column ("" for an empty cell) and LINE."""

    path: Path
    columns: tuple[str, ...] = ()
    frame: pl.DataFrame | None = None

    def __post_init__(self):
        if self.frame is None:
            self.frame = _empty_frame(self.columns)

    def __len__(self) -> int:
        return self.frame.height

    @property
    def rows(self) -> list[tuple[int, dict[str, str]]]:
        """(line, row) pairs, for the small tables checked row by row (regions, events)."""
        return [(row.pop(LINE), row) for row in self.frame.iter_rows(named=True)]


def _empty_frame(columns) -> pl.DataFrame:
    return pl.DataFrame(schema={**dict.fromkeys(columns, pl.String), LINE: pl.Int64})


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
    """Rows of one CSV file with the line each row starts on; structure problems are collected.

    A well-formed UTF-8 file (one record per line, clean quoting) is parsed by polars from its
    bytes; anything else is decoded and read by Python's strict csv reader, which tells exactly
    where the encoding or the structure breaks."""
    name = display_path(path)
    result = CsvRows(path, expected)
    raw = _read_bytes(path, files, problems)
    if raw is None:
        return result
    frame = _fast_frame(raw.removeprefix(codecs.BOM_UTF8), path, name, expected, problems)
    if frame is None:
        text = _decode(path, raw, problems)
        if text is None:
            return result
        frame = _strict_frame(text, name, expected, problems)
    if frame is None or frame is _REJECTED:
        return result
    if frame.height == 0:
        problems.append(Problem(name, None, None, "empty-file", "the file has a header but no rows"))
    result.frame = frame
    return result


def _finish(frame: pl.DataFrame, header: list[str], expected: tuple[str, ...]) -> pl.DataFrame:
    """Expected columns in order (a missing optional column as empty cells), then LINE."""
    missing = [pl.lit("", dtype=pl.String).alias(c) for c in expected if c not in header]
    return frame.with_columns(missing).select(*expected, LINE)


# A line whose every cell is plain (no quote, comma or CR) or wholly quoted ("" for a quote inside):
# one anchored match per line, which the regex engine runs as a single scan (replacing each quoted
# cell and searching the rest twice cost twice the CPU: 1.3 s at 1e6 lines).
_CELL = r'(?:[^",\r]*|"(?:[^"]|"")*")'
_CLEAN_LINE = rf"^\ufeff?{_CELL}(?:,{_CELL})*\r?$"
# The same rule for a small file's bytes, in Python: one polars streaming query costs ~2 ms to set
# up, most of the check on a file of a few hundred lines.
_CELL_BYTES = rb'(?:[^",\r]*|"(?:[^"]|"")*")'
_CLEAN_LINE_BYTES = re.compile(rb"(?:\xef\xbb\xbf)?" + _CELL_BYTES + rb"(?:," + _CELL_BYTES + rb")*\r?")
_SMALL_FILE = 1 << 20
_REJECTED = pl.DataFrame()  # the header is wrong: the problem is reported, the rows are not read


def _quotes_are_clean(path: Path, data: bytes) -> bool:
    """Every quote of the file opens or closes a whole quoted cell. A large file's physical lines
    are each read as one cell (no quoting, a separator that never occurs) by polars' streaming
    engine, in chunks: splitting 1e6 lines into Python objects cost seconds and 700 MB."""
    if len(data) <= _SMALL_FILE:
        return all(_CLEAN_LINE_BYTES.fullmatch(line) for line in data.split(b"\n") if b'"' in line)
    try:
        return not (
            pl.scan_csv(
                path,
                has_header=False,
                separator="\x1f",
                quote_char=None,
                infer_schema=False,
                new_columns=["l"],
                raise_if_empty=False,
            )
            .filter(pl.col("l").str.contains('"', literal=True))
            .select((~pl.col("l").str.contains(_CLEAN_LINE)).any())
            .collect(engine="streaming")
            .item()
        )
    except pl.exceptions.PolarsError:
        return False  # a \x1f in the text: the strict reader settles it


def _fast_frame(
    data: bytes, path: Path, name: str, expected: tuple[str, ...], problems: list[Problem]
) -> pl.DataFrame | None:
    """polars' parse of a file whose structure is plain: valid UTF-8, every record on its own
    line, the right number of fields, every quote a whole quoted field, no blank line. None means
    "not plain": the strict reader then reports exactly what is wrong and where (polars would not
    say, or would guess)."""
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None  # a lone carriage return
    # The file's own bytes when it ends in one line end (the usual case): rstrip and split would
    # each copy the whole file (2 x 178 MB at 1e6 rows).
    end = len(data)
    while end and data[end - 1] in b"\r\n":
        end -= 1
    body = data if data[end:] in (b"", b"\n", b"\r\n") else data[:end]
    if not end or body.isspace():
        return None
    try:
        newline = body.find(b"\n")
        first_line = body[: newline if newline >= 0 else end].rstrip(b"\r").decode("utf-8")
    except UnicodeDecodeError:
        return None
    header = [h.strip() for h in next(csv.reader([first_line]))]
    if not _check_header(name, header, expected, problems):
        return _REJECTED
    try:
        frame = pl.read_csv(
            body, has_header=True, infer_schema=False, empty_string_is_null=False, new_columns=header,
            quote_char='"', raise_if_empty=False, encoding="utf8",
        )  # fmt: skip
    except pl.exceptions.PolarsError:
        return None  # not UTF-8, or too many fields somewhere
    # One row per line (a multi-line cell, a blank line or an opened quote changes the count), and
    # no missing field (polars pads a short row with nulls; an empty cell is "").
    if frame.height != body.count(b"\n", 0, end) or frame.width != len(header) or any(frame.null_count().row(0)):
        return None
    if b'"' in body and not _quotes_are_clean(path, body):
        return None  # text after a closing quote, or a quote inside an unquoted cell
    frame = frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias(LINE))
    return _finish(frame, header, expected)


def _strict_frame(text: str, name: str, expected: tuple[str, ...], problems: list[Problem]) -> pl.DataFrame | None:
    """Python's strict csv reader, record by record, naming the line a structure problem starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    records: list[list[str]] = []
    lines: list[int] = []
    next_line = 1
    try:
        for record in reader:
            start_line, next_line = next_line, reader.line_num + 1
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # a blank line
            if header is None:
                header = [h.strip() for h in record]
                if not _check_header(name, header, expected, problems):
                    return None
                continue
            if len(record) != len(header):
                spans = reader.line_num - start_line
                hint = (
                    f"; the record runs from line {start_line} to {reader.line_num}: a quote opened on line "
                    f"{start_line} is closed only there"
                    if spans
                    else " (an unquoted comma, or a missing one?)"
                )
                problems.append(
                    Problem(
                        name, start_line, None, "field-count",
                        f"{len(record)} fields where the header has {len(header)}{hint}",
                    )
                )  # fmt: skip
                continue
            records.append(record)
            lines.append(start_line)
    except csv.Error as exc:
        # The reader fails where it notices, often lines later; the record starts at next_line.
        runs = (
            f"; a quote opened on line {next_line} runs to line {reader.line_num}"
            if reader.line_num > next_line
            else ""
        )
        problems.append(
            Problem(name, next_line, None, "malformed-csv", f"malformed CSV: {exc}{runs} (an unbalanced quote?)")
        )
        return None
    if header is None:
        problems.append(Problem(name, None, None, "empty-file", "the file has no header row"))
        return None
    columns = list(zip(*records, strict=True)) if records else [()] * len(header)
    frame = pl.DataFrame(
        {column: pl.Series(column, values, dtype=pl.String) for column, values in zip(header, columns, strict=True)}
    ).with_columns(pl.Series(LINE, lines, dtype=pl.Int64))
    return _finish(frame, header, expected)


def _read_bytes(path: Path, files: dict, problems: list[Problem]) -> bytes | None:
    """The bytes of an input file, or a problem naming why it cannot be read."""
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        problems.append(Problem(name, None, None, "not-a-file", "a folder where a file is expected"))
        return None
    except OSError as exc:
        problems.append(Problem(name, None, None, "unreadable", f"cannot read the file: {exc.strerror or exc}"))
        return None
    files[name] = (hashlib.sha256(raw).hexdigest(), len(raw))
    return raw


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


# A table header of bare or plainly quoted keys, `[series."p2p-x".unit]  # comment`: read by this
# pattern; any other header (escapes, literal strings) by tomli. tomli.loads per header line
# cost 480 parser set-ups per build.
_KEY = r'[A-Za-z0-9_-]+|"[^"\\]*"'
_PLAIN_HEADER = re.compile(rf"\[\s*((?:{_KEY})(?:\s*\.\s*(?:{_KEY}))*)\s*\]\s*(?:#.*)?")
_HEADER_KEY = re.compile(_KEY)


def _table_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line of each `[a.b]` table header, keyed by its key path (quoted keys understood)."""
    lines: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("[") or stripped.startswith("[["):
            continue
        if plain := _PLAIN_HEADER.fullmatch(stripped):
            lines[tuple(key.strip('"') for key in _HEADER_KEY.findall(plain[1]))] = number
            continue
        try:
            parsed = tomli.loads(stripped)
        except tomli.TOMLDecodeError:
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
    raw = _read_bytes(path, files, problems)
    if raw is None:
        return None
    text = _decode(path, raw, problems)
    if text is None:
        return None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        m = _TOML_POSITION.search(str(exc))
        problems.append(Problem(name, int(m[1]) if m else None, None, "malformed-toml", f"malformed TOML: {exc}"))
        return None
    return data, _table_lines(text)


def read_inputs(data_dir: Path = DATA_DIR, queries_dir: Path = ROOT / "queries") -> Inputs:
    """Read every input file under data_dir; structural problems land in `Inputs.problems`."""
    inputs = Inputs(queries_dir=queries_dir)
    problems = inputs.problems
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        problems.append(Problem(display_path(data_dir), None, None, "missing-file", "input folder not found"))
        return inputs
    root = data_dir.resolve()

    def listing(folder: str, pattern: str, required: bool = False) -> list[Path]:
        return _listing(root, data_dir / folder, pattern, problems, required)

    def single(file_name: str) -> Path | None:
        path = data_dir / file_name
        if not (path.exists() or path.is_symlink()):
            return None
        return path if _allowed(root, path, problems) else None

    for path in listing("catalogue", "*.toml", required=True):
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

    for path in listing("sources", "*.toml", required=True):
        parsed = read_toml(path, inputs.files, problems)
        if parsed is not None:
            data, lines = parsed
            _collect(inputs.sources, "sources", data, display_path(path), lines, (), problems)

    claims_path = single("claims.toml")
    if claims_path:
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

    methods_path = single("collection_methods.toml")
    if methods_path:
        parsed = read_toml(methods_path, inputs.files, problems)
        if parsed is not None:
            data, lines = parsed
            name = display_path(methods_path)
            _collect(inputs.methods, "methods", data.get("methods", {}), name, lines, ("methods",), problems)

    regions_path = single("regions.csv")
    if regions_path:
        inputs.regions = read_csv(regions_path, REGION_COLUMNS, inputs.files, problems)
    elif not (data_dir / "regions.csv").is_symlink():
        problems.append(Problem(display_path(data_dir / "regions.csv"), None, None, "missing-file", "file not found"))

    for path in listing("observations", "*.csv", required=True):
        inputs.observations.append(read_csv(path, OBSERVATION_COLUMNS, inputs.files, problems))
    # Figures fetched by `python -m etl refresh` (data/refreshed/): they replace curated rows of the
    # same key (series, period, region, publisher, vintage).
    for path in listing("refreshed", "*.toml"):
        parsed = read_toml(path, inputs.files, problems)
        if parsed is not None:
            data, lines = parsed
            _collect(inputs.sources, "sources", data, display_path(path), lines, (), problems)
    for path in listing("refreshed", "*.csv"):
        inputs.refreshed.append(read_csv(path, OBSERVATION_COLUMNS, inputs.files, problems))
    for path in listing("events", "*.csv"):
        inputs.events.append(read_csv(path, EVENT_COLUMNS, inputs.files, problems))
    return inputs


def _allowed(root: Path, path: Path, problems: list[Problem]) -> bool:
    """A symbolic link may point anywhere inside the input folder, never outside it: its content
    would be read (and echoed in messages) as if it were data."""
    try:
        path.resolve().relative_to(root)
        return True
    except ValueError:
        problems.append(
            Problem(display_path(path), None, None, "symlink", "a symbolic link pointing outside data/ is refused")
        )
    except OSError as exc:
        problems.append(
            Problem(display_path(path), None, None, "unreadable", f"cannot resolve the path: {exc.strerror or exc}")
        )
    return False


def _listing(root: Path, directory: Path, pattern: str, problems: list[Problem], required: bool) -> list[Path]:
    """The files of one input folder matching `pattern`, sorted; a missing (if required), unreadable
    or outside-pointing folder is a problem named here, so the cause is not hidden behind its effects."""
    name = display_path(directory)
    if not directory.exists():
        if required or directory.is_symlink():
            problems.append(Problem(name, None, None, "missing-file", "folder not found"))
        return []
    if not _allowed(root, directory, problems):
        return []
    if not directory.is_dir():
        problems.append(Problem(name, None, None, "not-a-folder", "a file where a folder is expected"))
        return []
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        problems.append(Problem(name, None, None, "unreadable", f"cannot read the folder: {exc.strerror or exc}"))
        return []
    return [directory / n for n in names if fnmatch.fnmatch(n, pattern) and _allowed(root, directory / n, problems)]


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
