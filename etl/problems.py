"""A located problem in an input file. Every rule reports through this, so messages look alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

# The columns a rule's problems are gathered in before they become Problem objects.
PROBLEM_FRAME = pl.DataFrame(
    schema={"file": pl.String, "line": pl.Int64, "column": pl.String, "rule": pl.String, "message": pl.String}
)
# A message quotes the input it is about: control characters in it would act on the terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" column '{self.column}':" if self.column else ""
        return printable(f"{where}:{column} {self.message} [rule: {self.rule}]")


class Problems(list):
    """The problems listed (at most validate.MAX_LISTED), and counts per rule of those not listed:
    `omitted` beyond the cap, `suppressed` because they follow from an input that could not be read."""

    def __init__(self, items=()):
        super().__init__(items)
        self.omitted: dict[str, int] = {}
        self.suppressed: dict[str, int] = {}

    @property
    def total(self) -> int:
        return len(self) + sum(self.omitted.values()) + sum(self.suppressed.values())


def _per_rule(counts: dict[str, int]) -> str:
    return ", ".join(f"{rule} {n:,}" for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


class InputError(Exception):
    """Raised with every problem of a run, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.omitted = dict(getattr(problems, "omitted", {}))
        self.suppressed = dict(getattr(problems, "suppressed", {}))
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or "", p.rule))
        self.total = len(self.problems) + sum(self.omitted.values()) + sum(self.suppressed.values())
        super().__init__(f"{self.total} problem(s) in the input files")

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.omitted:
            lines.append(f"… and {sum(self.omitted.values()):,} more not listed ({_per_rule(self.omitted)})")
        if self.suppressed:
            lines.append(
                f"{sum(self.suppressed.values()):,} dependent problem(s) not listed ({_per_rule(self.suppressed)}): "
                "they follow from the unreadable input above; fix it first"
            )
        lines.append(f"{self.total:,} problem(s); nothing was built.")
        return "\n".join(lines)
