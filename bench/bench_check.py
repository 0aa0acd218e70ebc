"""Benchmark of the article checker (issue 15) on the hand-annotated development set.

    python -m bench.bench_check [--db PATH] [--out bench/results.md] [--verbose]

Reports extraction recall (annotated claims found with the right base value), verdict agreement,
true claims called contradicted, altered numbers called contradicted, and the warm time to check a
3,000-character article. Writes its own section of bench/results.md (between markers), leaving the
rest of the file alone. The set is tests/fixtures/articles/*.toml; see its README.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from datetime import date
from pathlib import Path

from bench.common import ROOT, machine, median
from etl.check import check
from etl.check.match import Store
from etl.database import connect_read_only
from etl.paths import resolve_db_path

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
HELD_OUT = ROOT / "tests" / "fixtures" / "articles_heldout"
HELD_OUT_2 = ROOT / "tests" / "fixtures" / "articles_heldout2"  # fresh set, annotated before its first run
HELD_OUT_3 = ROOT / "tests" / "fixtures" / "articles_heldout3"  # written after held-out 2's fixes
HELD_OUT_4 = ROOT / "tests" / "fixtures" / "articles_heldout4"  # written after held-out 3's fixes
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
    for item in result.claims:
        c = item.claim
        if c.start < end and start < c.end and (value_base is None or same_value(c.value_base, value_base)):
            return item
    return None


def article_date(passage: dict) -> date | None:
    value = passage.get("date")
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


# The fresh set's first run (tests/fixtures/articles_heldout2), taken before any change it prompted
# (recorded by hand, 2026-12-01 13:01 UTC): the current estimate on unseen text.
HELD_OUT_2_FIRST_RUN = {
    "passages": 9, "claims": 79, "recall": 75 / 79, "agreement": 66 / 79, "true_claims": 45,
    "true_contradicted": 3 / 45, "altered": 42, "altered_contradicted": 40 / 42, "wrongly_contradicted": 6,
}  # fmt: skip
# The third set's first run (2026-12-01 13:16 UTC), after the fixes held-out 2 prompted and before its own.
HELD_OUT_3_FIRST_RUN = {
    "passages": 5, "claims": 37, "recall": 37 / 37, "agreement": 33 / 37, "true_claims": 17,
    "true_contradicted": 1 / 17, "altered": 17, "altered_contradicted": 15 / 17, "wrongly_contradicted": 2,
}  # fmt: skip
# The fourth set's first run (2026-12-01 13:24 UTC), after held-out 3's fixes and before its own. Besides the
# 4 disagreements, 3 claims annotated unverifiable were called contradicted (a span's sum, a mark not reached).
HELD_OUT_4_FIRST_RUN = {
    "passages": 4, "claims": 31, "recall": 30 / 31, "agreement": 27 / 31, "true_claims": 13,
    "true_contradicted": 0 / 13, "altered": 13, "altered_contradicted": 12 / 13, "wrongly_contradicted": 3,
}  # fmt: skip


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
    held_out_2: dict | None = None,
    held_out_3: dict | None = None,
    held_out_4: dict | None = None,
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
    if held_out_2:
        lines += [
            "",
            "**A fresh held-out set** (tests/fixtures/articles_heldout2: passages none of the above used, "
            "annotated from the database before the checker saw them). Its first run is the honest figure for "
            "unseen text; the row after it is the same set after the general fixes it prompted (no longer unseen).",
            "",
            "| set | passages / claims | recall | agreement | true claims called contradicted "
            "| any claim wrongly contradicted | altered contradicted |",
            "|---|---|---|---|---|---|---|",
            _row("first run, unseen (held-out 2)", HELD_OUT_2_FIRST_RUN),
            _row("held-out 2 now (seen)", held_out_2),
            *(
                [
                    _row("first run, unseen (held-out 3, after held-out 2's fixes)", HELD_OUT_3_FIRST_RUN),
                    _row("held-out 3 now (seen)", held_out_3),
                ]
                if held_out_3
                else []
            ),
            *(
                [
                    _row("first run, unseen (held-out 4, after held-out 3's fixes)", HELD_OUT_4_FIRST_RUN),
                    _row("held-out 4 now (seen)", held_out_4),
                ]
                if held_out_4
                else []
            ),
            _row("development set now", summary),
            "| target | | ≥ 95 % | ≥ 85 % | ≤ 3 % | | ≥ 90 % |",
            "",
            "What the first run got wrong, and the general rule each fault became (tests/test_check_rules.py): "
            "a news dateline (BEIJING, July 8 (Xinhua) --) taken as the figures' period; 对比来看 (by comparison) "
            "read as a comparison of the next clause's period; a bare 下半年 from an earlier sentence outranking "
            "去年; 2024年以来 (since 2024) read as the year 2024; 笔 not read as a count, 人次 (person-times) "
            "neither; a part of what is counted (部分平台, of which 93, 京津沪渝四个直辖市) checked as the whole; "
            "分别 mapped to every region in the sentence instead of the ones just before it. And one guard: a claim "
            "said of a list of regions (浙江和江苏…均) or over a span since a date is never contradicted: it is "
            "unverifiable and the nearest figures are named. Still missed: numbers with no noun after them "
            "('nine Chinese provinces', 'About 97 of them').",
        ]
    if held_out_3:
        lines += [
            "",
            "The third set (tests/fixtures/articles_heldout3), written after those fixes, is the estimate after "
            "that round; its first run found faults of the same families, each now a rule: 'as of the end of "
            "2019 consumer finance firms' read as 2019 firms; 'on 19 August' not read as a date; 'licensed' read "
            "as licences; 'the assets of' unread; clients and MFIs not read as counts; and a guard: a number whose "
            "kind (money, %) is only guessed from nearby words is never contradicted. Two rounds of unseen text "
            "both came out near the targets but not on them (agreement 83–89 %, true claims called contradicted "
            "6–7 %): new text should be expected there, not at the 'now' rows.",
        ]
    if held_out_4:
        lines += [
            "",
            "The fourth set (tests/fixtures/articles_heldout4), written after the third set's fixes: first run "
            "agreement 87.1 %, no true claim called contradicted, but 3 claims that should be unverifiable were "
            "contradicted: 今年前7个月累计成交量 (a sum over seven months) checked against the total since "
            "inception, and 离单月2000亿元大关一步之遥 (a mark not reached) checked as a figure. Rules since: a sum "
            "over a span never matches a stock or a total since inception; a mark the text says was not reached "
            "is not a figure; 1929.73 is not a year; 'shrunk by' is a fall.",
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


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
    held_out_2 = summarise(evaluate(store, load_set(HELD_OUT_2))) if HELD_OUT_2.exists() else None
    held_out_3 = summarise(evaluate(store, load_set(HELD_OUT_3))) if HELD_OUT_3.exists() else None
    held_out_4 = summarise(evaluate(store, load_set(HELD_OUT_4))) if HELD_OUT_4.exists() else None
    return section(summary, warm_time(store, passages), store_s, held_out, held_out_2, held_out_3, held_out_4)


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
