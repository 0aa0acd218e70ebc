"""Check any article: every numeric claim in a text, matched to the figures the database holds for
its subject, region and period, with a computed verdict. Pure Python (no Streamlit).

    from etl.check import check
    from etl.check.match import Store
    result = check(text, Store.from_connection(con), article_date=date(2025, 2, 12))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from etl.check.extract import Claim, extract
from etl.check.match import Store, candidates
from etl.check.text import MAX_CHARS, InputProblem
from etl.check.verdict import VERDICTS, Verdict, decide

__all__ = ["MAX_CHARS", "VERDICTS", "CheckResult", "Checked", "InputProblem", "Store", "check"]


@dataclass
class Checked:
    claim: Claim
    verdict: Verdict


@dataclass
class CheckResult:
    text: str  # the text checked (cut at MAX_CHARS)
    claims: list[Checked]
    notes: tuple[str, ...]
    article_date: date | None

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for c in self.claims:
            out[c.verdict.verdict] += 1
        return out


def check(text: str, store: Store, article_date: date | None = None) -> CheckResult:
    claims, notes = extract(text, article_date, store.regions)
    checked = [Checked(c, decide(c, candidates(store, c))) for c in claims]
    return CheckResult(text[:MAX_CHARS], checked, notes, article_date)
