"""A located problem in an input file. Every rule reports through this, so messages look alike."""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{where}:{column} {self.message} [rule: {self.rule}]"


class InputError(Exception):
    """Raised with every problem of a run, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or "", p.rule))
        super().__init__(f"{len(self.problems)} problem(s) in the input files")

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s); nothing was built.")
        return "\n".join(lines)
