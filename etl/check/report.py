"""A check as JSON (the stable interface), Markdown or CSV (reports a fact-checker can attach)."""

from __future__ import annotations

import csv
import io
import json

from etl.check import Checked, CheckResult
from etl.check.subjects import SUBJECTS

FIGURE_KEYS = ("obs_id", "value", "unit", "publisher_id", "period_label", "url")
VERDICT_NAMES = {
    "consistent": ("相符", "consistent"),
    "contradicted": ("不符", "contradicted"),
    "unverifiable": ("无法核查", "unverifiable"),
}


def claim_json(item: Checked) -> dict:
    c, v = item.claim, item.verdict
    return {
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
        "value": c.value,
        "value_base": c.value_base,
        "unit_kind": c.unit_kind,
        "qualifier": c.qualifier,
        "period": c.period.label if c.period else None,
        "subject": c.subject or "unknown",
        "series_id": v.series_id,
        "region": c.region,
        "verdict": v.verdict,
        "figures": [
            {
                "obs_id": f["obs_id"],
                "value": float(f["value"]),
                "unit": f["unit"],
                "publisher_id": f["publisher_id"],
                "period_label": f["period_label"],
                "url": f["source_url"],
            }
            for f in v.figures
        ],
        "explanation_zh": v.explanation_zh,
        "explanation_en": v.explanation_en,
    }


def to_json(result: CheckResult) -> str:
    return json.dumps({"claims": [claim_json(c) for c in result.claims]}, ensure_ascii=False, indent=2)


def subject_name(key: str | None, lang: str) -> str:
    subject = SUBJECTS.get(key) if key else None
    if subject is None:
        return "未识别" if lang == "zh" else "not recognised"
    return subject.name_zh if lang == "zh" else subject.name_en


def md_escape(text: str) -> str:
    """Markdown-inert text: a report built from a pasted article must not turn into links or HTML."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_{}[]<>()#+!|~":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def to_markdown(result: CheckResult, lang: str = "en", build_id: str = "") -> str:
    zh = lang == "zh"
    counts = result.counts()
    title = "# 文章核查报告" if zh else "# Article check report"
    lines = [title, ""]
    summary = (
        f"共{len(result.claims)}个数字说法:相符{counts['consistent']},不符{counts['contradicted']},无法核查{counts['unverifiable']}。"
        if zh
        else f"{len(result.claims)} numeric claims: {counts['consistent']} consistent, "
        f"{counts['contradicted']} contradicted, "
        f"{counts['unverifiable']} unverifiable."
    )
    lines.append(summary)
    if result.article_date:
        lines.append(("文章日期:" if zh else "Article date: ") + result.article_date.isoformat())
    if build_id:
        lines.append(("数据版本:Lendscope " if zh else "Data: Lendscope build ") + build_id)
    for note in result.notes:
        lines.append(("注意:" if zh else "Note: ") + note)
    lines.append("")
    for n, item in enumerate(result.claims, start=1):
        c, v = item.claim, item.verdict
        verdict = VERDICT_NAMES[v.verdict][0 if zh else 1]
        lines.append(f"## {n}. {md_escape(c.quote)} — {verdict}")
        lines.append("")
        context = _context(result.text, c.start, c.end)
        lines.append(f"> {md_escape(context)}")
        lines.append("")
        period = c.period.label if c.period else ("未说明" if zh else "not stated")
        if zh:
            lines.append(f"- 主题:{subject_name(c.subject, lang)};期间:{period};地区:{c.region};限定:{c.qualifier}")
        else:
            lines.append(
                f"- Subject: {subject_name(c.subject, lang)}; period: {period}; region: {c.region}; "
                f"qualifier: {c.qualifier}"
            )
        lines.append(f"- {md_escape(v.explanation_zh if zh else v.explanation_en)}")
        for f in v.figures:
            publisher = f["publisher_zh"] if zh else f["publisher_en"]
            lines.append(
                f"  - {md_escape(publisher)}, {f['period_label']}: {f['value']:g} {f['unit']} — "
                f"<{f['source_url']}> — “{md_escape(f['excerpt'][:200])}”"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return (
        ("…" if lo else "")
        + text[lo:start]
        + "【"
        + text[start:end]
        + "】"
        + text[end:hi]
        + ("…" if hi < len(text) else "")
    )


CSV_COLUMNS = (
    "claim", "quote", "start", "end", "value", "value_base", "unit_kind", "qualifier", "period", "subject",
    "series_id", "region", "verdict", "explanation_en", "explanation_zh", "obs_id", "figure_value", "figure_unit",
    "publisher_id", "publisher", "figure_period", "url", "excerpt",
)  # fmt: skip


def to_csv(result: CheckResult) -> str:
    """One row per claim and figure (a claim with no figure has one row with empty figure cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for n, item in enumerate(result.claims, start=1):
        row = claim_json(item)
        head = [n, _cell(row["quote"]), row["start"], row["end"], row["value"], row["value_base"], row["unit_kind"],
                row["qualifier"], row["period"] or "", row["subject"], row["series_id"] or "", row["region"],
                row["verdict"], row["explanation_en"], row["explanation_zh"]]  # fmt: skip
        figures = item.verdict.figures or [None]
        for f in figures:
            tail = (
                [f["obs_id"], f["value"], f["unit"], f["publisher_id"], f["publisher_en"], f["period_label"],
                 f["source_url"], _cell(f["excerpt"])]
                if f else [""] * 8
            )  # fmt: skip
            writer.writerow(head + tail)
    return buffer.getvalue()


def _cell(text: str) -> str:
    """No spreadsheet formulas from pasted text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
