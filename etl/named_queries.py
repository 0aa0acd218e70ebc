"""Named queries: queries/*.sql, each with a header that describes it and its parameters.

    -- title: P2P platforms in operation, by publisher
    -- title_zh: 正常运营的P2P平台数(按发布机构)   (what a Chinese reader of the SQL page sees)
    -- group: P2P platforms   (how the SQL page groups its examples; default "Other")
    -- group_zh: P2P平台
    -- description: One row per publisher and period. (may repeat; lines are joined)
    -- param: series text p2p_platforms_operating  The series id
    -- param: year integer 2016  A year

Parameters are written `$name` in the SQL and always bound, never formatted into the text.
Types: text, integer, number, date, boolean. Every parameter has a default, so every query runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from etl.paths import ROOT, display_path
from etl.periods import PeriodError, parse_date

QUERIES_DIR = ROOT / "queries"
PARAM_TYPES = ("text", "integer", "number", "date", "boolean")
_HEADER = re.compile(r"^--\s*(title|title_zh|group|group_zh|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^([a-z_][a-z0-9_]*)\s+(\w+)\s+(\S+)\s*(.*)$")


class NamedQueryError(ValueError):
    pass


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str
    description: str

    def convert(self, raw) -> object:
        """A form or command-line value -> the typed value bound to the query."""
        if raw is None:
            raw = self.default
        if not isinstance(raw, str):
            return raw
        text = raw.strip()
        try:
            if self.type == "text":
                return raw
            if self.type == "integer":
                return int(text)
            if self.type == "number":
                return float(text)
            if self.type == "date":
                return parse_date(text)
            if text.lower() in ("true", "yes", "1"):
                return True
            if text.lower() in ("false", "no", "0"):
                return False
            raise ValueError
        except (ValueError, PeriodError):
            raise NamedQueryError(f"parameter {self.name!r}: {raw!r} is not a valid {self.type}") from None


@dataclass
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    sql: str
    parameters: list[Parameter] = field(default_factory=list)
    group: str = "Other"
    title_zh: str | None = None  # what the SQL page shows a Chinese reader (descriptions stay English)
    group_zh: str | None = None

    def title_in(self, lang: str) -> str:
        return (self.title_zh if lang == "zh" else None) or self.title

    def group_in(self, lang: str) -> str:
        return (self.group_zh if lang == "zh" else None) or self.group

    def bind(self, values: dict | None = None) -> dict:
        values = dict(values or {})
        unknown = set(values) - {p.name for p in self.parameters}
        if unknown:
            raise NamedQueryError(f"query {self.name!r} has no parameter(s) {', '.join(sorted(unknown))}")
        return {p.name: p.convert(values.get(p.name)) for p in self.parameters}


def parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title, group, description, parameters, body = None, "Other", [], [], []
    translated: dict[str, str] = {}
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(line.strip()) if in_header else None
        if m:
            key, value = m[1], m[2].strip()
            if key == "title":
                title = value
            elif key == "group":
                group = value or group
            elif key in ("title_zh", "group_zh"):
                translated[key] = value
            elif key == "description":
                description.append(value)
            else:
                p = _PARAM.match(value)
                if not p or p[2] not in PARAM_TYPES:
                    raise NamedQueryError(
                        f"{display_path(path)}:{number}: a param line is `-- param: name type default description` "
                        f"with type one of {', '.join(PARAM_TYPES)}"
                    )
                parameters.append(Parameter(p[1], p[2], p[3], p[4].strip()))
            continue
        if in_header and line.strip().startswith("--"):
            continue
        in_header = False
        body.append(line)
    if not title:
        raise NamedQueryError(f"{display_path(path)}:1: the header needs a `-- title:` line")
    sql = "\n".join(body).strip().rstrip(";").strip()
    named = NamedQuery(path.stem, path, title, " ".join(description), sql, parameters, group, **translated)
    used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))
    declared = {p.name for p in parameters}
    if used != declared:
        raise NamedQueryError(
            f"{display_path(path)}: parameters used in the SQL {sorted(used)} "
            f"differ from those declared {sorted(declared)}"
        )
    for p in parameters:
        p.convert(None)  # the default itself must be valid
    return named


def load_all(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    return {path.stem: parse(path) for path in sorted(directory.glob("*.sql"))}


def get(name: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    """A named query by its name only: one of the files listed in the folder, never a path
    (`@../../x` would otherwise run any .sql file on the machine)."""
    known = {p.stem: p for p in directory.glob("*.sql")}
    if name not in known:
        raise NamedQueryError(f"no named query {name!r}; known: {', '.join(sorted(known))}")
    return parse(known[name])
