"""Benchmark of the article checker (issue 15) on the hand-annotated development set.

    python -m bench.bench_check [--db PATH] [--out bench/results.md] [--verbose]

Reports extraction recall (annotated claims found with the right base value), verdict agreement,
true claims called contradicted, altered numbers called contradicted, and the warm time to check a
3,000-character article. Writes its own section of bench/results.md (between markers), leaving the
rest of the file alone. The set is tests/fixtures/articles/*.toml; see its README.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.common import ROOT, machine, median
from etl.check import check
from etl.check.match import Store
from etl.database import connect_read_only
from etl.paths import resolve_db_path

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
HELD_OUT = ROOT / "tests" / "fixtures" / "articles_heldout"
START, END = "<!-- bench_check:start -->", "<!-- bench_check:end -->"
TARGETS = {"recall": 0.95, "agreement": 0.85, "true_contradicted": 0.03, "altered_contradicted": 0.90, "warm_s": 1.0}


def load_set(folder: Path = ARTICLES) -> list[dict]:
    passages = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            passage = tomllib.load(fh)
        passage["file"] = path.name
        passages.append(passage)
    return passages


def locate(text: str, quote: str, occurrence: int = 1) -> int:
    """Start of the n-th copy of `quote` that is a whole number (not the 15 inside 1504)."""
    pattern = re.escape(quote)
    if quote[:1].isdigit():
        pattern = r"(?<![\d.])(?<!\d,)" + pattern
    if quote[-1:].isdigit():
        pattern += r"(?![\d])"
    found = [m.start() for m in re.finditer(pattern, text)]
    if len(found) < occurrence:
        raise ValueError(f"quote {quote!r} (occurrence {occurrence}) not in the text")
    return found[occurrence - 1]


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def find_claim(result, start: int, end: int, value_base: float | None):
    """The extracted claim overlapping the quote with its base value. The sign is not compared: the checker
    stores a fall as a negative change (下降6.36% -> -6.36), and annotators write it either way. Nor are the
    units annotators wrote either way: durations (the checker counts 5年 as 60 months, 10天 as 10 days; some
    wrote 5, some 0.33 months) and basis points (32个基点 is 0.32 percentage points; some wrote 32)."""
    for item in result.claims:
        c = item.claim
        if not (c.start < end and start < c.end):
            continue
        if value_base is None or same_value(abs(c.value_base), abs(value_base)):
            return item
        for pattern, factor, tolerance in _OTHER_NOTATION:
            expected = abs(value_base) * factor
            if re.search(pattern, c.quote, re.IGNORECASE) and abs(abs(c.value_base) - expected) <= tolerance * expected:
                return item
    return None


# (words in the quote, annotated value x factor = the checker's, relative tolerance): days written as months
# were rounded (10天 = 0.33 months), over 30 or 30.4 days a month.
_OTHER_NOTATION = ((r"[年載载]|year", 12, 1e-9), (r"基[点點]|BP|basis point", 0.01, 1e-9), (r"[天日]|days?", 30, 0.03))


def article_date(passage: dict) -> date | None:
    """The passage's date; a page dated only by its month ("2018-09") counts as of the month's last day,
    one dated only by its year ("2019") as of the year's."""
    value = passage.get("date")
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value):
        return date(int(value), 12, 31)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = map(int, value.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1])
    return date.fromisoformat(value) if isinstance(value, str) else value


def evaluate(store: Store, passages: list[dict]) -> dict:
    rows, altered_rows = [], []
    extracted_total = 0
    for passage in passages:
        text, when = passage["text"], article_date(passage)
        result = check(text, store, when)
        extracted_total += len(result.claims)
        for claim in passage["claims"]:
            start = locate(text, claim["quote"], claim.get("occurrence", 1))
            end = start + len(claim["quote"])
            item = find_claim(result, start, end, float(claim["value_base"]))
            rows.append(
                {
                    "file": passage["file"],
                    "quote": claim["quote"],
                    "expected": claim["expected"],
                    "found": item is not None,
                    "verdict": item.verdict.verdict if item else "missed",
                    "subject": item.claim.subject if item else None,
                    "period": (item.claim.period.label if item and item.claim.period else None),
                    "want_subject": claim.get("subject"),
                    "want_period": claim.get("period"),
                }
            )
            if "altered" in claim:
                new_text = text[:start] + claim["altered"] + text[end:]
                altered = check(new_text, store, when)
                hit = find_claim(altered, start, start + len(claim["altered"]), None)
                verdict = hit.verdict.verdict if hit else "missed"
                altered_rows.append({"file": passage["file"], "quote": claim["altered"], "verdict": verdict})
    return {"rows": rows, "altered": altered_rows, "extracted_total": extracted_total}


def warm_time(store: Store, passages: list[dict], chars: int = 3000, repeat: int = 15) -> tuple[float, int, int]:
    text = ""
    for passage in passages * 3:
        text += passage["text"] + "\n\n"
        if len(text) >= chars:
            break
    text = text[:chars]
    check(text, store)  # warm-up: regex compilation, imports
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = check(text, store)
        times.append(time.perf_counter() - t0)
    return median(times), len(text), len(result.claims)


def summarise(evaluation: dict) -> dict:
    rows, altered = evaluation["rows"], evaluation["altered"]
    found = [r for r in rows if r["found"]]
    agree = [r for r in rows if r["verdict"] == r["expected"]]
    true_claims = [r for r in rows if r["expected"] == "consistent"]
    true_contradicted = [r for r in true_claims if r["verdict"] == "contradicted"]
    # Any claim called contradicted that the annotation does not call so (true or unverifiable).
    wrongly = [r for r in rows if r["verdict"] == "contradicted" and r["expected"] != "contradicted"]
    altered_contradicted = [r for r in altered if r["verdict"] == "contradicted"]
    return {
        "passages": len({r["file"] for r in rows}),
        "claims": len(rows),
        "recall": len(found) / len(rows),
        "agreement": len(agree) / len(rows),
        "true_claims": len(true_claims),
        "true_contradicted": len(true_contradicted) / max(1, len(true_claims)),
        "altered": len(altered),
        "altered_contradicted": len(altered_contradicted) / max(1, len(altered)),
        "extracted_total": evaluation["extracted_total"],
        "wrongly_contradicted": len(wrongly),
    }


# First runs of held-out passages, each before any change they prompted (recorded by hand, 2026-12-01):
# the honest estimate of how the checker does on text it has not seen.
HELD_OUT_FIRST_RUNS = (
    "h1-h6 (6 passages, 43 claims): recall 95.3 %, agreement 55.8 %, true claims called contradicted 21.4 % "
    "(6 of 28), altered numbers contradicted 66.7 %",
    "u1-u3, after the fixes h1-h6 prompted (3 passages, 34 claims): recall 91.2 %, agreement 70.6 %, true claims "
    "called contradicted 20.0 % (2 of 10), altered numbers contradicted 100 %",
)


def _first(passages, claims, found, agree, true_claims, true_contradicted, altered, altered_contradicted, wrongly):
    return {
        "passages": passages, "claims": claims, "recall": found / claims, "agreement": agree / claims,
        "true_claims": true_claims, "true_contradicted": true_contradicted / true_claims, "altered": altered,
        "altered_contradicted": altered_contradicted / altered, "wrongly_contradicted": wrongly,
    }  # fmt: skip


@dataclass(frozen=True)
class HeldOutSet:
    """A set annotated from the database before the checker ever ran on it, and its first run, recorded
    by hand before any change it prompted: the honest estimate of the checker on unseen text."""

    number: int
    written_after: str
    first_run: dict
    run_at: str
    # Written for testing from the database's figures by a helper who never ran the checker, once the
    # stored pages were used up; not a real article. Pooled apart from the sets of pages found.
    written: bool = False

    @property
    def folder(self) -> Path:
        return ROOT / "tests" / "fixtures" / f"articles_heldout{self.number}"


HELD_OUT_SETS = (
    HeldOutSet(2, "held-out 1's fixes", _first(9, 79, 75, 66, 45, 3, 42, 40, 6), "13:01 UTC"),
    HeldOutSet(3, "held-out 2's fixes", _first(5, 37, 37, 33, 17, 1, 17, 15, 2), "13:16 UTC"),
    # Besides its 4 disagreements, 3 claims annotated unverifiable were contradicted (a span's sum, a mark).
    HeldOutSet(4, "held-out 3's fixes", _first(4, 31, 30, 27, 13, 0, 13, 12, 3), "13:24 UTC"),
    # Written by two helpers who neither ran nor read the checker, on P2P (5) and on microloans, online
    # microloans and consumer finance (6); first run at 8d31e52, after held-out 4's fixes and the two rules
    # for held-out 2's last gaps (a number "of them"; a list of regions).
    HeldOutSet(5, "held-out 4's fixes", _first(10, 140, 123, 94, 41, 8, 36, 28, 22), "15:24 UTC"),
    HeldOutSet(6, "held-out 4's fixes", _first(13, 111, 97, 76, 42, 5, 37, 26, 9), "15:24 UTC"),
    # Written the same way after held-out 5 and 6's fixes (first run at d81e969, checker at 8b70ddb): debt
    # collection, complaints, courts and the P2P wind-down (7); articles mixing the whole sector (8).
    HeldOutSet(7, "held-out 5 and 6's fixes", _first(12, 91, 79, 59, 27, 4, 23, 10, 7), "15:58 UTC"),
    HeldOutSet(8, "held-out 5 and 6's fixes", _first(12, 123, 118, 96, 45, 6, 41, 32, 10), "15:58 UTC"),
    # After held-out 7 and 8's fixes (first run at 48e76b2, checker at bed401e): Chinese pages of every kind
    # (9) and English ones (10).
    HeldOutSet(9, "held-out 7 and 8's fixes", _first(10, 77, 75, 48, 44, 5, 37, 22, 8), "16:11 UTC"),
    HeldOutSet(10, "held-out 7 and 8's fixes", _first(11, 80, 74, 54, 31, 8, 30, 18, 9), "16:11 UTC"),
    # After held-out 9 and 10's fixes (first run at c3c417b, checker at d4e8aa2): Chinese (11) and English (12).
    HeldOutSet(11, "held-out 9 and 10's fixes", _first(11, 136, 129, 104, 49, 3, 41, 31, 14), "16:23 UTC"),
    HeldOutSet(12, "held-out 9 and 10's fixes", _first(12, 95, 86, 69, 26, 3, 22, 19, 12), "16:23 UTC"),
    # After held-out 11 and 12's fixes (first run at the merge after df85449): Chinese (13) and English (14).
    HeldOutSet(13, "held-out 11 and 12's fixes", _first(8, 100, 93, 83, 32, 2, 32, 26, 3), "16:29 UTC"),
    HeldOutSet(14, "held-out 11 and 12's fixes", _first(9, 83, 74, 56, 22, 0, 17, 5, 2), "16:29 UTC"),
    # After held-out 13 and 14's fixes (first run at b56a9fc, checker at 86d4456): Chinese (15) and English (16).
    HeldOutSet(15, "held-out 13 and 14's fixes", _first(9, 67, 57, 49, 22, 1, 18, 16, 2), "16:36 UTC"),
    HeldOutSet(16, "held-out 13 and 14's fixes", _first(10, 84, 64, 54, 17, 2, 15, 6, 5), "16:36 UTC"),
    # Session 6: four sets written at once by four helpers after checker 8e4c064 (first run at the merge
    # after 54d929c, whose fixes came from the older sets only): Chinese local news, procuratorates and
    # police (17), English business press and filings (18), traditional Chinese from Hong Kong and Taiwan
    # (19), Chinese industry reports and regulators' press conferences (20).
    HeldOutSet(17, "held-out 15 and 16's fixes", _first(11, 141, 129, 119, 23, 2, 18, 11, 2), "17:41 UTC"),
    HeldOutSet(18, "held-out 15 and 16's fixes", _first(11, 87, 73, 63, 27, 2, 26, 18, 2), "17:41 UTC"),
    HeldOutSet(19, "held-out 15 and 16's fixes", _first(9, 102, 93, 82, 24, 1, 22, 18, 6), "17:41 UTC"),
    HeldOutSet(20, "held-out 15 and 16's fixes", _first(9, 137, 128, 112, 32, 4, 28, 17, 7), "17:41 UTC"),
    # Four more, written the same way while 17-20's fixes were made (first run at the merge after f98ce0f):
    # the P2P wind-down in local reports (21), English papers, law firms and reposts (22), traditional
    # Chinese (23), microloan and consumer-finance business press (24).
    HeldOutSet(21, "held-out 17-20's fixes", _first(9, 102, 99, 88, 28, 5, 25, 20, 6), "17:49 UTC"),
    HeldOutSet(22, "held-out 17-20's fixes", _first(13, 77, 64, 50, 23, 2, 21, 12, 6), "17:49 UTC"),
    HeldOutSet(23, "held-out 17-20's fixes", _first(9, 97, 85, 81, 20, 0, 18, 17, 2), "17:49 UTC"),
    HeldOutSet(24, "held-out 17-20's fixes", _first(7, 119, 108, 86, 53, 6, 41, 36, 13), "17:49 UTC"),
    # And four more while 21-24's fixes were made (first run at the merge after e7a5d50): P2P growth-era
    # reports (25), English wires and filings (26), traditional Chinese columns and blogs (27), collection,
    # complaints and courts (28). Four of 27's nine pages are also sources of observations (its README).
    HeldOutSet(25, "held-out 21-24's fixes", _first(10, 186, 171, 145, 46, 4, 37, 27, 12), "18:03 UTC"),
    HeldOutSet(26, "held-out 21-24's fixes", _first(7, 77, 70, 59, 26, 2, 26, 16, 4), "18:03 UTC"),
    HeldOutSet(27, "held-out 21-24's fixes", _first(9, 130, 123, 104, 39, 1, 32, 16, 3), "18:03 UTC"),
    HeldOutSet(28, "held-out 21-24's fixes", _first(12, 178, 168, 157, 26, 1, 22, 14, 2), "18:03 UTC"),
    # And four more while 25-28's fixes were made (first run at the merge after c58d532): regional Chinese
    # reports (29), English papers, consultancies and blogs (30), traditional Chinese press (31), consumer
    # finance, complaints and collection (32; 13 of its 16 passages report CBIRC complaint bulletins).
    HeldOutSet(29, "held-out 25-28's fixes", _first(9, 91, 85, 75, 14, 2, 24, 19, 4), "18:12 UTC"),
    HeldOutSet(30, "held-out 25-28's fixes", _first(10, 87, 81, 75, 21, 3, 20, 19, 5), "18:12 UTC"),
    HeldOutSet(31, "held-out 25-28's fixes", _first(12, 154, 139, 129, 27, 0, 28, 24, 6), "18:12 UTC"),
    HeldOutSet(32, "held-out 25-28's fixes", _first(16, 175, 173, 167, 25, 0, 25, 19, 2), "18:12 UTC"),
    # And four more while 29-32's fixes were made (first run at the merge after 0eab8e0): Chinese pages of
    # 2019-2025 (33), English explainers, state media and blogs (34), P2P reports in both scripts (35),
    # microloans and consumer finance (36). Helpers found the stored pages on these topics nearly used up:
    # 33, 34 and 36 have fewer decidable claims than asked; two of 36's passages were dropped as duplicates.
    HeldOutSet(33, "held-out 29-32's fixes", _first(9, 65, 60, 55, 15, 0, 15, 14, 3), "18:19 UTC"),
    HeldOutSet(34, "held-out 29-32's fixes", _first(9, 60, 45, 37, 19, 0, 15, 12, 4), "18:19 UTC"),
    HeldOutSet(35, "held-out 29-32's fixes", _first(7, 83, 82, 77, 20, 1, 25, 23, 4), "18:19 UTC"),
    HeldOutSet(36, "held-out 29-32's fixes", _first(9, 60, 46, 32, 12, 0, 12, 1, 5), "18:19 UTC"),
    # And four more while 33-36's fixes were made (first run at the merge after ee1c187), on any topic: Chinese
    # (37), English (38; its worldfootballweekly passage dropped at merge, being in 39 too), traditional
    # Chinese (39), collection, complaints and consumer finance (40, with 9 decidable claims only).
    HeldOutSet(37, "held-out 33-36's fixes", _first(6, 90, 87, 78, 25, 1, 25, 20, 5), "18:28 UTC"),
    HeldOutSet(38, "held-out 33-36's fixes", _first(7, 52, 46, 40, 14, 1, 14, 8, 2), "18:28 UTC"),
    HeldOutSet(39, "held-out 33-36's fixes", _first(9, 78, 76, 66, 20, 2, 20, 18, 5), "18:28 UTC"),
    HeldOutSet(40, "held-out 33-36's fixes", _first(7, 71, 69, 61, 9, 0, 7, 2, 1), "18:28 UTC"),
    # The last four, written while 37-40's fixes were made (first run at the merge after 7f9ec95), on any topic:
    # Chinese (41), English (42), traditional Chinese (43), microloans, consumer finance and courts (44). The
    # stored pages were nearly used up: 41, 43 and 44 have 6-15 decidable claims each, not the 25 asked.
    HeldOutSet(41, "held-out 37-40's fixes", _first(8, 64, 58, 54, 9, 1, 14, 12, 2), "18:37 UTC"),
    HeldOutSet(42, "held-out 37-40's fixes", _first(9, 68, 60, 49, 21, 1, 18, 13, 3), "18:37 UTC"),
    HeldOutSet(43, "held-out 37-40's fixes", _first(6, 54, 48, 45, 4, 0, 6, 3, 1), "18:37 UTC"),
    HeldOutSet(44, "held-out 37-40's fixes", _first(9, 109, 102, 96, 12, 0, 12, 7, 2), "18:37 UTC"),
    # Session 7's round, written after 41-44's fixes (a947a7b); first run at the merge, checker unchanged. 46 and
    # 48 each hold passages from pages the database was built from (their helpers say so in the READMEs).
    HeldOutSet(45, "held-out 41-44's fixes", _first(8, 60, 55, 47, 12, 2, 16, 13, 4), "19:42 UTC"),
    HeldOutSet(46, "held-out 41-44's fixes", _first(9, 80, 70, 54, 19, 2, 27, 17, 7), "19:41 UTC"),
    HeldOutSet(47, "held-out 41-44's fixes", _first(7, 93, 87, 75, 20, 0, 19, 15, 5), "19:41 UTC"),
    HeldOutSet(48, "held-out 41-44's fixes", _first(8, 88, 79, 67, 24, 5, 20, 18, 10), "19:41 UTC"),
    # Session 7's second round, written while 45-48's fixes were made; each first run at its merge, on the checker of
    # 9f0ef46 (49 in a worktree at that commit). Stored pages with decidable figures are used up: 49, 50 and 52 hold
    # 3-12 decidable claims each.
    HeldOutSet(49, "held-out 45-48's fixes", _first(5, 79, 75, 73, 3, 0, 3, 2, 2), "20:12 UTC"),
    HeldOutSet(50, "held-out 45-48's fixes", _first(7, 58, 52, 43, 8, 0, 10, 1, 0), "20:06 UTC"),
    HeldOutSet(51, "held-out 45-48's fixes", _first(8, 86, 77, 67, 17, 0, 15, 11, 2), "20:07 UTC"),
    HeldOutSet(52, "held-out 45-48's fixes", _first(9, 62, 54, 52, 9, 0, 6, 6, 0), "20:06 UTC"),
    # Session 7's third round, written while 49-52's fixes were made; first run at the merge, on f6d522b. The pages
    # corpus is used up: 53 and 56 hold 7 and 11 decidable claims.
    HeldOutSet(53, "held-out 49-52's fixes", _first(6, 64, 58, 53, 2, 0, 7, 6, 4), "20:28 UTC"),
    HeldOutSet(54, "held-out 49-52's fixes", _first(8, 66, 63, 56, 15, 0, 16, 10, 2), "20:28 UTC"),
    HeldOutSet(55, "held-out 49-52's fixes", _first(7, 74, 68, 67, 22, 0, 22, 19, 0), "20:28 UTC"),
    HeldOutSet(56, "held-out 49-52's fixes", _first(5, 50, 47, 42, 8, 0, 8, 6, 0), "20:28 UTC"),
    # Session 7's fourth round, written while 53-56's fixes were made; first runs on b426b2b (in a worktree at that
    # commit, before any change they prompted).
    HeldOutSet(57, "held-out 53-56's fixes", _first(7, 64, 57, 51, 8, 0, 11, 8, 5), "20:40 UTC"),
    HeldOutSet(58, "held-out 53-56's fixes", _first(9, 79, 71, 59, 13, 2, 18, 11, 4), "20:39 UTC"),
    HeldOutSet(59, "held-out 53-56's fixes", _first(5, 63, 59, 56, 7, 0, 6, 6, 3), "20:38 UTC"),
    HeldOutSet(60, "held-out 53-56's fixes", _first(7, 102, 96, 92, 6, 0, 6, 2, 0), "20:36 UTC"),
    # Session 8's round, written from d4517aa while the session's first fixes (a publisher's "more than", a claim
    # dated between figures, …) were made; first runs on ed4907a before any change they prompted. Run on d4517aa
    # they were the same but for 2 fewer altered numbers caught (62: 6, 63: 9). 61-63 hold 15, 17 and 16 decidable
    # claims: the stored pages are used up.
    HeldOutSet(61, "held-out 57-60's fixes", _first(8, 71, 68, 64, 13, 0, 13, 9, 0), "22:00 UTC"),
    HeldOutSet(62, "held-out 57-60's fixes", _first(8, 73, 69, 59, 15, 2, 12, 7, 4), "22:00 UTC"),
    HeldOutSet(63, "held-out 57-60's fixes", _first(10, 107, 94, 86, 10, 0, 12, 10, 1), "22:00 UTC"),
    # Session 8's second round, written from d810d2e (checker ed4907a) while 61-63's fixes were made; each first run
    # at its merge, before any change it prompted: 66 on 9f8a2b2, 65 on 3cece3c, 64 on dbd43b3. 15-16 decidable
    # claims each.
    HeldOutSet(64, "held-out 61-63's fixes", _first(6, 65, 63, 52, 10, 3, 12, 9, 4), "22:12 UTC"),
    HeldOutSet(65, "held-out 61-63's fixes", _first(7, 79, 68, 59, 12, 1, 15, 8, 2), "22:10 UTC"),
    HeldOutSet(66, "held-out 61-63's fixes", _first(6, 49, 48, 45, 15, 1, 15, 13, 1), "22:07 UTC"),
    # Session 8's third round, written from b6f9781 while 64-66's fixes were made; first runs at each merge, before
    # any change they prompted: 68 and 69 on 978a4ce, 67 on ffddcae. 69 holds only 9 decidable claims.
    HeldOutSet(67, "held-out 64-66's fixes", _first(8, 89, 82, 74, 4, 0, 13, 10, 5), "22:27 UTC"),
    HeldOutSet(68, "held-out 64-66's fixes", _first(8, 56, 54, 42, 15, 1, 15, 10, 5), "22:25 UTC"),
    HeldOutSet(69, "held-out 64-66's fixes", _first(7, 82, 74, 74, 7, 0, 6, 6, 0), "22:25 UTC"),
    # Session 8's fourth round, written from 645f1c2 while 67-69's fixes were made; first runs on the checker of
    # 6ae9c4a (its last change), before any change they prompted. The stored pages are used up: 70-72 hold 4, 5
    # and 4 decidable claims.
    HeldOutSet(70, "held-out 67-69's fixes", _first(5, 45, 44, 44, 3, 0, 3, 3, 0), "22:44 UTC"),
    HeldOutSet(71, "held-out 67-69's fixes", _first(6, 57, 48, 48, 5, 0, 5, 5, 0), "22:47 UTC"),
    HeldOutSet(72, "held-out 67-69's fixes", _first(7, 49, 37, 37, 4, 0, 4, 4, 0), "22:50 UTC"),
    # Session 9's round: 73 from pages found (written from 0c6e73a; first run at its merge on 0bf1e80, after two of
    # 74-75's fixes); it holds 15 decidable claims, the brief's minimum.
    HeldOutSet(73, "held-out 70-72's fixes", _first(13, 90, 81, 71, 6, 0, 15, 6, 2), "00:18 UTC"),
    # Session 9: the stored pages being used up, two helpers wrote passages in the styles of real pieces (wire
    # reports, business papers, 百家号 pieces, theses, Hong Kong and Taiwan papers) from the database's figures,
    # quoted as journalists quote them, with a few careless errors; written from 0c6e73a without running the
    # checker. First runs on 4bbda42, whose checker gives every claim of the earlier sets what 0c6e73a gave.
    HeldOutSet(74, "held-out 70-72's fixes", _first(11, 130, 129, 104, 125, 3, 113, 93, 3), "00:09 UTC", written=True),
    HeldOutSet(75, "held-out 70-72's fixes", _first(11, 132, 121, 59, 121, 10, 120, 57, 10), "00:09 UTC", written=True),
    # Session 9's second written round, from 16937ba (after most of 74-75's fixes), the same way; first runs at
    # their merge on 0e1b3e8, before any change they prompted.
    HeldOutSet(76, "held-out 73-75's fixes", _first(10, 143, 142, 114, 134, 4, 130, 108, 4), "01:09 UTC", written=True),
    HeldOutSet(77, "held-out 73-75's fixes", _first(11, 159, 147, 88, 148, 16, 146, 91, 16), "01:09 UTC", written=True),
    HeldOutSet(78, "held-out 73-75's fixes", _first(9, 117, 112, 87, 108, 5, 102, 74, 5), "01:09 UTC", written=True),
    # Session 9's third written round, from 606b67b (the session's last checker); first runs on 606b67b. In 80 four
    # of the ten true claims called contradicted were the annotation's error, not the checker's: the passage wrote
    # 海南 (Hainan) for Hunan's figures, which the checker rightly found contradicted by Hainan's; against the
    # corrected annotation 6 of 132 true claims were contradicted. The passage now says 湖南.
    HeldOutSet(79, "held-out 76-78's fixes", _first(9, 119, 99, 50, 109, 11, 107, 56, 11), "01:52 UTC", written=True),
    HeldOutSet(
        80, "held-out 76-78's fixes", _first(9, 143, 143, 121, 136, 10, 134, 126, 10), "01:52 UTC", written=True
    ),
    # Session 10's written round, from 98231e6, the same way (English with comparisons and lists; English and
    # traditional Chinese; simplified Chinese); first runs at their merge on 4741953, after three of the
    # session's rules (prompted by the seen sets 77 and 79), before any change they prompted.
    HeldOutSet(81, "held-out 79-80's fixes", _first(11, 138, 132, 71, 129, 14, 125, 67, 14), "02:31 UTC", written=True),
    HeldOutSet(82, "held-out 79-80's fixes", _first(13, 174, 155, 79, 162, 5, 160, 72, 5), "02:31 UTC", written=True),
    HeldOutSet(83, "held-out 79-80's fixes", _first(10, 118, 118, 96, 102, 3, 95, 78, 4), "02:34 UTC", written=True),
    # Session 10's second written round, from ea992ef (after most of 81-83's fixes), the same way; first runs at
    # their merge on 6365071, before any change they prompted. 85's helper read ea992ef's commit message (which
    # quotes two Gansu figures its passage reuses) only after writing; its README says so.
    HeldOutSet(84, "held-out 81-83's fixes", _first(9, 126, 125, 78, 122, 13, 118, 71, 13), "03:11 UTC", written=True),
    HeldOutSet(85, "held-out 81-83's fixes", _first(9, 113, 94, 53, 102, 7, 97, 47, 7), "03:11 UTC", written=True),
    HeldOutSet(86, "held-out 81-83's fixes", _first(10, 122, 122, 99, 109, 7, 108, 89, 7), "03:11 UTC", written=True),
    # Session 10's third written round, from dd4d0fc (after most of 84-86's fixes); first runs at their merge on
    # 4cb345a, before any change they prompted.
    HeldOutSet(87, "held-out 84-86's fixes", _first(10, 125, 101, 69, 121, 12, 121, 69, 12), "03:30 UTC", written=True),
    HeldOutSet(88, "held-out 84-86's fixes", _first(10, 101, 101, 69, 94, 7, 94, 65, 7), "03:30 UTC", written=True),
    # Session 10's fourth written round, from 2a1f288 (after most of 87-88's fixes); first runs at their merge on
    # 024a81c, before any change they prompted.
    HeldOutSet(89, "held-out 87-88's fixes", _first(9, 98, 82, 50, 91, 7, 91, 51, 7), "04:01 UTC", written=True),
    HeldOutSet(90, "held-out 87-88's fixes", _first(9, 109, 109, 89, 103, 8, 94, 81, 8), "04:01 UTC", written=True),
    # Session 11's written round, from dc23d1f (English P2P and microloans; English consumer finance, online
    # microloans, complaints, courts and the wind-down; simplified and traditional Chinese); first runs at their merge
    # on 8392e4d, before any change they prompted. Each helper ran `git log --oneline | head -5` before reading its
    # brief and so saw the subjects of the five commits before dc23d1f (which quote a few English phrasings); their
    # READMEs say so and which phrasings they then avoided.
    HeldOutSet(91, "held-out 89-90's fixes", _first(10, 156, 145, 106, 145, 7, 145, 100, 7), "06:52 UTC", written=True),
    HeldOutSet(92, "held-out 89-90's fixes", _first(11, 150, 122, 81, 139, 10, 139, 81, 10), "06:52 UTC", written=True),
    HeldOutSet(93, "held-out 89-90's fixes", _first(11, 139, 139, 128, 130, 4, 130, 121, 4), "06:52 UTC", written=True),
    # Session 11's second written round, from ecc4fa3 (after most of 91-93's fixes): English P2P and microloans (94),
    # English consumer finance, complaints, courts and the wind-down (95), traditional and simplified Chinese (96);
    # first runs at their merge on d6475da, before any change they prompted. Their helpers ran no git log.
    HeldOutSet(94, "held-out 91-93's fixes", _first(10, 121, 113, 79, 112, 6, 112, 74, 6), "07:15 UTC", written=True),
    HeldOutSet(95, "held-out 91-93's fixes", _first(10, 111, 100, 52, 101, 0, 101, 39, 0), "07:15 UTC", written=True),
    HeldOutSet(96, "held-out 91-93's fixes", _first(10, 137, 137, 116, 124, 6, 124, 108, 6), "07:15 UTC", written=True),
    # Session 11's third written round, from eac9394 (after most of 94-96's fixes): English of every kind (97), English
    # read as translated from Chinese sources (98), Chinese (99); first runs at their merge on 7fa2081, before any
    # change they prompted. 97's helper ran `git show --stat` on its own commit at the end (file names only).
    HeldOutSet(97, "held-out 94-96's fixes", _first(10, 116, 104, 67, 108, 2, 108, 61, 2), "07:39 UTC", written=True),
    HeldOutSet(98, "held-out 94-96's fixes", _first(11, 144, 134, 91, 133, 7, 133, 86, 7), "07:39 UTC", written=True),
    HeldOutSet(99, "held-out 94-96's fixes", _first(10, 131, 131, 108, 120, 4, 120, 100, 4), "07:39 UTC", written=True),
    # Session 12's written round, from e81202b (after session 11's review mends and 'for the year'): English news (100),
    # English reports, notes and blogs (101), Chinese (102); first runs at their merge on 992f336 (2026-12-02), before
    # any change they prompted. The helpers read only etl/check/subjects.py, etl/periods.py and set 97's example.
    HeldOutSet(100, "session 11's review", _first(10, 143, 131, 94, 118, 5, 118, 73, 5), "13:19 UTC", written=True),
    HeldOutSet(101, "session 11's review", _first(10, 147, 147, 102, 124, 5, 124, 85, 6), "13:19 UTC", written=True),
    HeldOutSet(102, "session 11's review", _first(10, 138, 138, 127, 116, 4, 116, 109, 5), "13:19 UTC", written=True),
    # Session 13's written round, from 212d426 (session 12's last checker): English wire news (103), English think-tank,
    # rating-agency, working-paper and blog styles (104), Chinese with three traditional passages (105); first runs at
    # their merge on efeb469 (2026-12-02), before any change they prompted (the one checker change since 212d426,
    # 844d772, was made before they were read). Each helper ran `git log --oneline | head -5` before reading its brief
    # and saw the subjects of 212d426's five commits; their READMEs say so.
    HeldOutSet(103, "session 12's fixes", _first(10, 146, 129, 102, 123, 6, 123, 86, 6), "14:55 UTC", written=True),
    HeldOutSet(104, "session 12's fixes", _first(10, 158, 154, 120, 134, 3, 134, 101, 3), "14:55 UTC", written=True),
    HeldOutSet(105, "session 12's fixes", _first(10, 127, 127, 113, 106, 6, 106, 97, 6), "14:55 UTC", written=True),
    # Session 13's second written round, from bea2275 (after the first of 103-105's fixes): English aftermath news and
    # NGO writing (106), English investor letters, monthly-report translations and forum posts on 2015-2019 (107),
    # Chinese regulator, court and tracker styles (108); first runs at each merge (107 on 724f2b4, 106 on 11e2892, 108
    # on f9b08c7, all on the checker of 1ff83ef), before any change they prompted. The helpers ran no git command but
    # rev-parse, add and commit.
    HeldOutSet(
        106, "held-out 103-105's fixes", _first(10, 144, 132, 87, 119, 1, 119, 68, 1), "15:18 UTC", written=True
    ),
    HeldOutSet(
        107, "held-out 103-105's fixes", _first(10, 169, 168, 128, 142, 8, 142, 112, 9), "15:17 UTC", written=True
    ),
    HeldOutSet(
        108, "held-out 103-105's fixes", _first(10, 163, 163, 151, 136, 2, 136, 122, 2), "15:18 UTC", written=True
    ),
    # Session 13's third written round, from 805ecfb: English financial press and sell-side/rating research (109),
    # English explainers, Q&A and transcripts (110), Chinese Q&A, WeChat, brokerage, local-paper and court styles (111);
    # first runs at each merge on the checker of 980941a (109 and 111 on its working tree, whose one difference was a
    # test's line breaks), before any change they prompted. The helpers ran no git command but rev-parse, add, commit.
    HeldOutSet(
        109, "held-out 106-108's fixes", _first(10, 175, 167, 111, 147, 16, 147, 101, 16), "15:29 UTC", written=True
    ),
    HeldOutSet(
        110, "held-out 106-108's fixes", _first(10, 158, 148, 94, 133, 6, 133, 78, 6), "15:31 UTC", written=True
    ),
    HeldOutSet(
        111, "held-out 106-108's fixes", _first(10, 159, 159, 134, 133, 3, 133, 108, 4), "15:29 UTC", written=True
    ),
    # Session 13's fourth written round, from b923858: English regional news, releases, statements, blogs and essays
    # (112), English analytical writing (113), Chinese wire, commentary, association, regulator, blogger and institute
    # styles (114); first runs at each merge on the checker of 6622c30, before any change they prompted (114 after its
    # two occurrence numbers were corrected to bench_check's whole-number count, c0d39ba).
    HeldOutSet(
        112, "held-out 109-111's fixes", _first(10, 148, 132, 107, 123, 0, 123, 83, 0), "16:11 UTC", written=True
    ),
    HeldOutSet(
        113, "held-out 109-111's fixes", _first(10, 143, 141, 107, 118, 7, 118, 92, 7), "16:11 UTC", written=True
    ),
    HeldOutSet(
        114, "held-out 109-111's fixes", _first(10, 152, 152, 136, 124, 2, 124, 104, 2), "16:12 UTC", written=True
    ),
    # Session 14's written round, from 244a98f: English wire, regulator, court and investor styles (115), English
    # advocacy, op-ed, podcast, textbook, thesis, forum and memo styles (116), Chinese WeChat, Zhihu, law-firm,
    # regulator, brokerage, encyclopedia and Hong Kong / Taiwan styles (117); first runs at their merge on the checker
    # of 912092d, before any change they prompted. The helpers ran no git command but rev-parse, add, commit.
    HeldOutSet(
        115, "held-out 112-114's fixes", _first(10, 167, 160, 121, 140, 5, 140, 101, 5), "17:59 UTC", written=True
    ),
    HeldOutSet(
        116, "held-out 112-114's fixes", _first(10, 167, 160, 108, 141, 7, 141, 76, 7), "17:59 UTC", written=True
    ),
    HeldOutSet(
        117, "held-out 112-114's fixes", _first(10, 161, 160, 124, 135, 7, 135, 104, 7), "17:59 UTC", written=True
    ),
    # Session 14's second written round, from 71b9ed2: English business press, rating, state-media and think-tank
    # styles (118), English non-specialist writing: blogs, a fact-check, a Q&A, a leaflet, a thread, a pitch deck
    # (119), Chinese long-read, wire, flash, association, monthly, journal, proposal, self-media and Taiwan / Hong Kong
    # styles (120); first runs at their merge on the checker of 6c9634b, before any change they prompted. The helpers
    # ran no git command but rev-parse, add, commit (120's writer read one development fixture's head for the sign of
    # falls, as its README says).
    HeldOutSet(
        118, "held-out 115-117's fixes", _first(10, 165, 159, 115, 138, 4, 138, 97, 6), "18:49 UTC", written=True
    ),
    HeldOutSet(
        119, "held-out 115-117's fixes", _first(10, 155, 149, 104, 128, 8, 128, 84, 8), "18:49 UTC", written=True
    ),
    HeldOutSet(
        120, "held-out 115-117's fixes", _first(10, 170, 170, 130, 143, 7, 143, 109, 9), "18:49 UTC", written=True
    ),
)


def pooled(runs: list[dict]) -> dict:
    """Several sets' figures as one set's: counts summed, rates recomputed."""
    total = {
        k: sum(r[k] for r in runs) for k in ("passages", "claims", "true_claims", "altered", "wrongly_contradicted")
    }
    for rate, base in (("recall", "claims"), ("agreement", "claims"), ("true_contradicted", "true_claims"),
                       ("altered_contradicted", "altered")):  # fmt: skip
        total[rate] = sum(r[rate] * r[base] for r in runs) / max(1, total[base])
    return total


# What each round's first run got wrong, and the general rules they became (tests/test_check_rules.py).
FIRST_RUN_FINDINGS = (
    "Held-out 2's first run: a news dateline (BEIJING, July 8 (Xinhua) --) taken as the figures' period; 对比来看 "
    "(by comparison) read as a comparison of the next clause's period; a bare 下半年 from an earlier sentence "
    "outranking 去年; 2024年以来 (since 2024) read as the year 2024; 笔 not read as a count, 人次 (person-times) "
    "neither; a part of what is counted (部分平台, of which 93, 京津沪渝四个直辖市) checked as the whole; 分别 "
    "mapped to every region in the sentence instead of the ones just before it; and a guard: a claim said of a "
    "list of regions or over a span since a date is never contradicted.",
    "",
    "Held-out 3: 'as of the end of 2019 consumer finance firms' read as 2019 firms; 'on 19 August' not read as a "
    "date; 'licensed' read as licences; 'the assets of' unread; clients and MFIs not read as counts; and a guard: "
    "a number whose kind (money, %) is only guessed from nearby words is never contradicted.",
    "",
    "Held-out 4: no true claim contradicted, but 今年前7个月累计成交量 (a sum over seven months) was checked "
    "against the total since inception and 离单月2000亿元大关一步之遥 (a mark not reached) as a figure. Rules: a "
    "sum over a span never matches a stock or a total since inception; a mark not reached is not a figure; "
    "1929.73 is not a year; 'shrunk by' is a fall. Then, for held-out 2's last gaps: a number 'of them' counts a "
    "part of the count before it; a figure said of a list of regions names the nearest figure of each and is "
    "consistent only if every one agrees.",
    "",
    "Held-out 5 and 6 (251 claims, written by two people who had not seen the checker, on harder pages: "
    "monthly reports with a dozen figures a paragraph, traditional script, rules with no series) came out far "
    "below the rounds before them. That is the estimate for new text, not the 'now' rows.",
    "",
    "Held-out 7 and 8 (214 claims), written after 5 and 6's fixes, came out there again (agreement 65 % and 78 %, "
    "true claims contradicted 15 % and 13 %): each round's fixes make its own set pass but do not carry to the "
    "next set's phrasings. The first-run rows are the estimate for new text.",
    "",
    "Held-out 9 and 10 (157 claims), after 7 and 8's fixes: agreement 62 % and 68 %, true claims contradicted "
    "11 % and 26 %. Three rounds of fresh text have not moved the first runs towards the targets.",
    "",
    "Held-out 11 and 12 (231 claims), after 9 and 10's fixes: agreement 76 % and 73 %, true claims contradicted "
    "6 % and 12 %, but 26 claims that should be unverifiable called contradicted.",
    "",
    "Held-out 13 and 14 (183 claims), after 11 and 12's fixes (among them: a figure more than 10 times off "
    "every one held is read as another measure): agreement 83 % and 67 %, true claims contradicted 6 % and 0 % "
    "(2 of 54 together), claims wrongly contradicted 5; but only 29 % of held-out 14's altered numbers caught.",
    "",
    "Held-out 15 and 16 (151 claims), the last round, after 13 and 14's fixes: agreement 73 % and 64 %, true "
    "claims contradicted 5 % and 12 % (3 of 39 together), recall 85 % and 76 %, altered numbers caught 89 % and "
    "40 %. Over six rounds the first runs moved from 56–71 % agreement and 20 % of true claims contradicted to "
    "64–86 % and 0–12 %: better, and short of the targets on every round. Each round's faults were general "
    "(tests/test_check_rules.py has a test per rule); each new round found new ones. Treat a verdict as a lead.",
    "",
    "Held-out 17-44 (session 6, 2,794 claims on 258 passages), seven rounds of four sets, each set written by a "
    "helper from the database while the previous round's faults were fixed: first runs pooled 81.7 % agreement, "
    "6.6 % of true claims contradicted (42 of 634), 73.2 % of altered numbers caught, 91.9 % recall; the last four "
    "rounds (held-out 29-44, 1,361 claims) 83.5 %, 4.5 % (12 of 267), 76.4 % and 92.4 %. The faults were of the "
    "same kinds as before, in phrasings not met yet: compared periods (相比2015年全年成交量9823亿元, 是2013年的2.39倍, "
    "较上月份, Y年同期, 'compared to the previous month'), starting points (自2018年5月后, 'from the peak at the end "
    "of June 2015'), parts (a set counted or named at the head of the sentence, a count with its share or a "
    "property, index samples, ranked firms, one kind of bank's complaints, loan kinds), spans and windows "
    "(2012—2016年分别为…, 三年内, 48天内, 'this summer'), other measures and lenders (liabilities, auto finance, "
    "consumer-association complaints), traditional characters the old table lacked (now OpenCC's), and numbers "
    "written as 五六千, 三成, 四分之一, CNY758.1 billion. The error rate fell over the rounds; no round met every "
    "target, and the last rounds' helpers found the stored pages with decidable figures nearly used up.",
    "",
    "Held-out 45-60 (session 7, 1,168 claims on 115 passages), four rounds of four sets on the same protocol: "
    "the first round (45-48, after 41-44's fixes) fell back to 75.7 % agreement and 9 of 75 true claims "
    "contradicted; the three after it (49-60, 847 claims) pooled 83.9 % agreement, 1.7 % of true claims "
    "contradicted (2 of 118), 68.8 % of altered numbers caught and 91.7 % recall, so the harmful error met its "
    "target on unseen text while agreement, recall and above all altered numbers did not. The faults: one kind "
    "of a whole (closed, run-off platforms; a province less a city, a city, another country, another product's "
    "return), periods (前一季度 read as Q1, 去年同期 against a compared period, a year-to-date with 截至, months "
    "listed together, a heading dated below it, 'before' a date), peaks (最高时, 鼎峰, reached at a date), "
    "differences in percentage points, and figures as precise as their source wrote them (908 billion, "
    "neighbouring whole numbers). The pages corpus is used up: sets 49-60 hold 3-22 decidable claims each, so "
    "these rates rest on 118 true claims and 128 altered numbers.",
    "",
    "Held-out 61-72 (session 8, 822 claims on 86 passages), four rounds of three sets, each first run at its merge "
    "on the checker of that moment: pooled 91.1 % recall, 83.2 % agreement, 7.1 % of true claims contradicted (8 of "
    "113) and 75.2 % of altered numbers caught (94 of 125); the last two rounds (67-72, 378 claims) 89.7 %, 84.4 %, "
    "2.6 % (1 of 38) and 82.6 %. The faults and the session's rules: a publisher's 'more than X' read as anything "
    "up to 1.5 X (now up to X's next step, 超过3829亿 = 3829-3830亿); a claim dated between figures ('now', a day) "
    "could never be contradicted (now it is, outside every figure around its date); durations, 个 counts, halves, "
    "1/3, basis points, bln/trn, 兆, English loose sizes (thousands, dozens) dropped or read in the wrong unit; "
    "spun synonyms (小额借款公司); parts (the companies that reported results, '22 backed by banks', a tracker's "
    "risk pool); court cases concluded against cases received; a year to a day (2015年截至12月23日) read as since "
    "inception. The pages corpus is used up: the last round's sets hold 4-5 decidable claims each.",
    "",
    "Held-out 73-78 (session 9, 771 claims on 65 passages). 73 is the last set of pages found (90 claims, 15 "
    "decidable): 90.0 % recall, 78.9 % agreement, no true claim contradicted (of 6), 6 of 15 altered numbers caught. "
    "With the pages used up, 74-78 were written by helpers, in the styles of real pieces, from the database's figures "
    "(quoted rounded, qualified, in other units, with a few careless errors), in two rounds: 74-75 (262 claims) "
    "scored 95.4 %, 62.2 %, 5.3 % (13 of 246) and 64.4 %; after their fixes 76-78 (419 claims) scored 95.7 %, "
    "69.0 %, 6.4 % (25 of 390) and 72.2 %. By language: Chinese 74 then 76 stayed at 80 % agreement, 2-3 % of "
    "true claims contradicted and 83 % of altered numbers caught; English 75 then 77 rose from 44.7 % to 55.3 % "
    "agreement and from 47.5 % to 62.3 % of altered numbers caught, but called 8-11 % of true claims contradicted. "
    "The faults were mostly English: periods ('a year earlier', 'three months later', 'by the end of the year', "
    "'July-September', 'the third-quarter complaints', 'against 252.8 billion yuan in 2014', a citation's year), "
    "subjects ('online microlenders', 'loan book', 'CFCs', 'the rate offered to investors', 'went live'), 'for' "
    "read as the 'or' of a change, bare numbers that continue a count by place, a publisher's seat ('Shanghai-based') "
    "read as the figures' region; and in Chinese 上年 read from the article's date, compared figures listed after "
    "their period, provincial breakdowns after 其中 read as parts. A third written round on the session's last "
    "checker (79-80, 262 claims; the English brief asked for comparisons, lists and ellipses) scored 92.4 %, 65.3 %, "
    "8.6 % (21 of 245) and 75.5 %: Chinese 80 at 84.6 % agreement and 94.0 % of altered numbers caught, 7.4 % of true "
    "claims contradicted (4.5 % against its corrected annotation), English 79 at 42.0 %, 10.1 % and 52.3 %: the "
    "English rules fixed the phrasings met, not the next ones. Written passages are not real articles: these rates "
    "measure the phrasings, not the pages journalists meet.",
    "Held-out 81-90 (session 10, 1,224 claims on 100 passages), four written rounds (English with comparisons and "
    "lists; English with traditional Chinese; simplified and traditional Chinese), each first run at its merge on the "
    "checker of that moment: pooled 93.1 % recall, 61.5 % agreement, 7.3 % of true claims contradicted (83 of 1,135) "
    "and 62.6 % of altered numbers caught; by round 57.2 %, 63.7 %, 61.1 % and 67.1 % agreement, 5.6-8.8 % of true "
    "claims contradicted. By language: English (81, 84, 87, 89) 90.3 %, 55.0 %, 9.9 % and 56.7 %; English with "
    "traditional Chinese (82, 85) 86.8 %, 46.0 %, 4.5 % and 46.3 %; Chinese (83, 86, 88, 90) 100 %, 78.4 %, 6.1 % and "
    "80.1 %. The faults: periods of compared figures ('fell to 125 from 147', 'against 334 at end-2016', a period "
    "in brackets with its number, a paragraph whose periods are all comparisons, the lead period taken from a "
    "comparison, 'from … in 2014 to …'), lists read in order (依次为, a span of quarters 一至三季度末, periods and "
    "products listed respectively, 这两个数字分别…), places (全省 after a heading's province, a province past its "
    "own compared figure's year, 'followed by Sichuan's'), bare numbers continuing a count across sentences "
    "('Jilin had 501', 'its tally'), and a lender named only before a sentence taking its complaints. The first runs "
    "did not rise over the rounds: each round's fixes carried to the seen sets, and the next round met other "
    "phrasings.",
    "Held-out 91-99 (session 11, 1,205 claims on 94 passages), three written rounds of two English sets and one "
    "Chinese, each first run at its merge: pooled 93.4 % recall, 68.7 % agreement, 4.1 % of true claims contradicted "
    "(46 of 1,112) and 69.2 % of altered numbers caught; by round 70.8 %, 66.9 % and 68.0 % agreement, 5.1 %, 3.6 % "
    "and 3.6 % of true claims contradicted. Chinese (93, 96, 99) 100 %, 86.5 %, 3.7 % and 88.0 %; English (91, 92, "
    "94, 95, 97, 98) 90.0 %, 59.6 %, 4.3 % and 59.8 %. The faults, nearly all English: measure words ('monthly "
    "volume', 'loans arranged', 'composite annual rate', 'headcount', 'payrolls', 'internet microlending'), bare "
    "numbers going on with a count ('A month later the figure was 427', 'there were 280', 'It stood at nearly two "
    "thousand', '84,390 in 2018; 97,995 in 2019'), lists without a measure ('the numbers had been 460.4bn and "
    "493.8bn', 这两个数字分别变成5081家、7366亿元), changes listed after a change word ('lenders had fallen by 53% and "
    "borrowers by 35%'), 'Its courts' and 'the province', the collection complaints among all financial ones, the "
    "sector of a text named first or most often, periods ('in the same month a year earlier', 'in the previous "
    "quarter', 'the last quarter of 2021', 'a contraction that began in 2016'), and word boundaries ('nevertheless' "
    "read as 'ever').",
    "Held-out 100-102 (session 12, 428 claims on 30 passages), one written round (English news, English reports and "
    "blogs, Chinese) first run at its merge, after session 11's review was mended: 97.2 % recall, 75.5 % agreement, "
    "3.9 % of true claims contradicted (14 of 358), 74.6 % of altered numbers caught; Chinese (102) 100 %, 92.0 %, "
    "3.4 % and 94.0 %, English (100, 101) 95.9 %, 67.6 %, 4.1 % and 65.3 %. The faults fixed after it, all English: "
    "a bare list ending in 'and 16 of them' across a paragraph break, 'that month', a city named in an earlier "
    "English sentence, 'had dropped to 956.1 billion yuan and monthly turnover to 144.8 billion', a figure after "
    "'up from' taking the measure of the figure before it, 'people invested', '22.43 million borrowed', 'cumulative "
    "volume'. Left: bare numbers in speech ('from 314,276 in 2018 to 181,275 last year'), measures the data name "
    "otherwise (collection firms and staff, recovered assets).",
    "Held-out 103-114 (session 13, 1,842 claims on 120 passages), four written rounds of two English sets and one "
    "Chinese, each first run at its merge on the checker of that moment: pooled 96.2 % recall, 75.5 % agreement, "
    "3.9 % of true claims contradicted (60 of 1,538), 74.9 % of altered numbers caught; Chinese (105, 108, 111, 114) "
    "100 %, 88.9 %, 2.6 % and 86.4 %; English 94.4 %, 69.0 %, 4.5 % and 69.4 %. By round: 77.7 %, 76.9 %, 68.9 % and "
    "79.0 % agreement, 4.1 %, 2.8 %, 6.1 % and 2.5 % of true claims contradicted (109, financial press, alone 10.9 "
    "%). The faults fixed after them: a sum with no money measure going on with the sum before ('a much bigger "
    "figure: ¥3.9 trillion'), 'the former / the latter', 'loans were / declined to', a measure with its own number "
    "('lenders had dropped 88% and borrowers 73%'), 'the previous month / year' and 上一季度末 / 前一年 stepping back "
    "from the period last named, the date a statement was made, 'early / mid / late 2019' as a third of the year, "
    "a lender named in an aside or an 'including' clause, a paragraph going on with the lender of the one before, "
    "enforcement cases as their own count, another publisher's figure for the same time ('versus Rmb1.21tn on Diyi "
    "Wangdai's coverage'), places that 'led the pack with 64' or 'hosted 12'. Left: English agreement on new text "
    "near 70 %; 'That compares with about 1,100 a year earlier, when Rong360 counted 1,099' (a 'when' clause's "
    "period); deadlines after a figure ('ahead of a June 2018 deadline') dating it.",
    "Held-out 115-120 (session 14, 985 claims on 60 passages), two written rounds of two English sets and one "
    "Chinese, each first run at its merge: pooled 97.3 % recall, 71.3 % agreement, 4.6 % of true claims contradicted "
    "(38 of 825), 69.2 % of altered numbers caught; round 115-117 71.3 % agreement and 4.6 % contradicted, round "
    "118-120 (after 115-117's fixes) 71.2 % and 4.6 %: the fixes between rounds did not move the next round's first "
    "run. Chinese (117, 120) 99.7 %, 76.7 %, 5.0 % and 76.6 %; English 96.0 %, 68.5 %, 4.4 % and 65.4 %. The faults "
    "fixed after them: a figure after 'from' keeping the place of the one compared, banks' complaints in a piece on "
    "collection or courts, 'not P2P' naming no sector, asides ('those that stopped repaying investors'), Box / "
    "Exhibit numbers, 'average rate', 今年4月…到了5月, 当时 and 'at that date', 'of which 230,000, or 49.3%, were "
    "tagged violent collection', 'The year before,', a 'when' clause's period ('since end-2017, when …'), 網路小貸, "
    "我省 after the nation named elsewhere, 'in mid-year', 'Their number'. Left: bare months at the end of a text "
    "whose last year named is not theirs ('At the end of June, 139 platforms' in a 2020 obituary after 2019), a "
    "sector named after the number in a trailing clause ('a reflection of the online lenders registered there').",
)


def _row(name: str, s: dict) -> str:
    contradicted = round(s["true_contradicted"] * s["true_claims"])
    return (
        f"| {name} | {s['passages']} / {s['claims']} | {s['recall']:.1%} | {s['agreement']:.1%} | "
        f"{s['true_contradicted']:.1%} ({contradicted} of {s['true_claims']}) | {s['wrongly_contradicted']} | "
        f"{s['altered_contradicted']:.1%} |"
    )


def section(
    summary: dict,
    warm: tuple[float, int, int],
    store_s: float,
    held_out: dict | None = None,
    held_now: list[tuple[HeldOutSet, dict]] = (),
) -> str:
    s, (warm_s, chars, n_claims) = summary, warm

    def ok(name, value, higher=True):
        good = value >= TARGETS[name] if higher else value <= TARGETS[name]
        return "ok" if good else "MISSED"

    lines = [
        START,
        "## Article checker (issue 15)",
        f"`python -m bench.bench_check` on the development set (tests/fixtures/articles: {s['passages']} passages, "
        f"{s['claims']} hand-annotated claims, {s['altered']} altered copies). {machine()}.",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| claims found with the right base value | {s['recall']:.1%} | ≥ 95 % | {ok('recall', s['recall'])} |",
        f"| verdicts agreeing with the annotation | {s['agreement']:.1%} | ≥ 85 % | "
        f"{ok('agreement', s['agreement'])} |",
        f"| true claims called contradicted ({s['true_claims']} true) | {s['true_contradicted']:.1%} | ≤ 3 % | "
        f"{ok('true_contradicted', s['true_contradicted'], higher=False)} |",
        f"| altered numbers called contradicted | {s['altered_contradicted']:.1%} | ≥ 90 % | "
        f"{ok('altered_contradicted', s['altered_contradicted'])} |",
        f"| warm check of a {chars:,}-character article ({n_claims} claims) | {warm_s * 1000:.0f} ms | ≤ 1 s | "
        f"{ok('warm_s', warm_s, higher=False)} |",
        "",
        f"Loading the observations into the checker's index (once per build): {store_s * 1000:.0f} ms. "
        f"Claims extracted in all passages: {s['extracted_total']} (annotated: {s['claims']}). "
        "The set was written while building the checker, so these are development figures; "
        "unseen passages score lower (below).",
    ]
    if held_out:
        h = held_out
        lines += [
            "",
            f"**On text it had not seen the checker does much worse.** Held-out passages "
            f"(tests/fixtures/articles_heldout: {h['passages']} passages, {h['claims']} claims), annotated before "
            "they were run, first runs: " + "; ".join(HELD_OUT_FIRST_RUNS) + ". "
            "Every fault they showed was general and was fixed (a comma inside 6,232 ended a clause; 'U.S. dollars', "
            "'new loans', 个基点 unread; 'end of the first quarter' lost its as-of; a comparison's period "
            "(相比2017年底, down from … last year) taken as the claim's; 'from 80,846 to 78,280'; "
            "a quarter's flow dated at its end; "
            "12245 for 12245.87; 环比拉长 not read as a change), so these passages are no longer unseen: now recall "
            f"{h['recall']:.1%}, agreement {h['agreement']:.1%}, true claims called contradicted "
            f"{h['true_contradicted']:.1%}, altered numbers contradicted {h['altered_contradicted']:.1%}. "
            "Expect new text to land between the first-run and these figures; new unseen passages are needed.",
        ]
    if held_now:
        found = [(h, now) for h, now in held_now if not h.written]
        firsts = [h.first_run for h, _ in found]
        written = [h.first_run for h, _ in held_now if h.written]
        lines += [
            "",
            f"**Fresh held-out sets** (tests/fixtures/articles_heldout2 … {held_now[-1][0].number}: passages none of "
            "the above used, "
            "annotated from the database before the checker saw them, each written after the previous round's "
            "fixes). A set's first run is the honest figure for unseen text; its 'now' row is the same set after "
            "the general fixes it prompted (no longer unseen).",
            "",
            "| set | passages / claims | recall | agreement | true claims called contradicted "
            "| any claim wrongly contradicted | altered contradicted |",
            "|---|---|---|---|---|---|---|",
            *(
                line
                for h, now in held_now
                for line in (
                    _row(
                        f"first run, unseen (held-out {h.number}{', written' if h.written else ''}, after "
                        f"{h.written_after})",
                        h.first_run,
                    ),
                    _row(f"held-out {h.number} now (seen)", now),
                )
            ),
            _row(
                f"all first runs pooled, pages found (held-out {found[0][0].number}–{found[-1][0].number})",
                pooled(firsts),
            ),
            *(_row(f"first runs pooled, {label}", pooled(runs)) for label, runs in _rounds(held_now)),
            *([_row("all first runs pooled, passages written from the database", pooled(written))] if written else []),
            _row("development set now", summary),
            "| target | | ≥ 95 % | ≥ 85 % | ≤ 3 % | | ≥ 90 % |",
            "",
            *FIRST_RUN_FINDINGS,
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def _rounds(held_now: list[tuple[HeldOutSet, dict]]) -> list[tuple[str, list[dict]]]:
    """The first runs of each round (sets written after the same fixes), labelled by their sets."""
    groups: dict[tuple[str, bool], list[HeldOutSet]] = {}
    for h, _ in held_now:
        groups.setdefault((h.written_after, h.written), []).append(h)
    return [
        (
            f"held-out {sets[0].number}–{sets[-1].number}{', written' if written else ''} (after {after})",
            [h.first_run for h in sets],
        )
        for (after, written), sets in groups.items()
        if len(sets) > 1
    ]


def write_section(out: Path, text: str) -> None:
    current = out.read_text(encoding="utf-8") if out.exists() else ""
    if START in current and END in current:
        head, rest = current.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        updated = head + text + tail
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    out.write_text(updated, encoding="utf-8")


def report(db: str | None = None, verbose: bool = False) -> str:
    """This benchmark's section of bench/results.md (with its markers), measured on the database `db`."""
    con = connect_read_only(resolve_db_path(db))
    t0 = time.perf_counter()
    store = Store.from_connection(con)
    store_s = time.perf_counter() - t0
    con.close()
    passages = load_set()
    evaluation = evaluate(store, passages)
    summary = summarise(evaluation)
    if verbose:
        for r in evaluation["rows"]:
            if r["verdict"] != r["expected"]:
                print(
                    f"  {r['file']}: {r['quote']!r} expected {r['expected']}, got {r['verdict']} (subject "
                    f"{r['subject']} / {r['want_subject']}, period {r['period']} / {r['want_period']})"
                )
        for r in evaluation["altered"]:
            if r["verdict"] != "contradicted":
                print(f"  altered {r['file']}: {r['quote']!r} got {r['verdict']}")
    held_out = summarise(evaluate(store, load_set(HELD_OUT))) if HELD_OUT.exists() else None
    held_now = [(h, summarise(evaluate(store, load_set(h.folder)))) for h in HELD_OUT_SETS if h.folder.exists()]
    return section(summary, warm_time(store, passages), store_s, held_out, held_now)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database (default: $LENDSCOPE_DB, else data/lending.duckdb)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--verbose", action="store_true", help="list every claim that is missed or disagrees")
    args = parser.parse_args(argv)
    text = report(args.db, args.verbose)
    print(text)
    if not args.no_write:
        write_section(Path(args.out), text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
