"""Verdicts, computed from the figures: consistent, contradicted or unverifiable, with the reason in
Chinese and English (who published what, and by how much a claim is off).

A claim agrees with a figure when the figure lies in the claim's interval: its rounding (half a
unit of the last digit written; trailing zeros read as rounding to two significant digits), widened
by its qualifier — about ±10 %, nearly up to 10 % below, more than up to 1.5 × or the next round
number if higher (6000多 / 5000余: up to the next step, 6000–7000), less than down to half. A figure's
own rounding (trailing zeros as a claim's) and qualifier widen it in turn (a publisher's "more than"
only up to its next step: 超过3829亿 is 3829-3830亿).

A claim dated between figures (a day, a part of a month, 'now') agrees with one near enough in time;
it is contradicted only when it lies outside every figure around its date (see match._around).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from etl.check.extract import Claim
from etl.check.match import Candidates, base_value
from etl.check.numbers import place_of_last_nonzero
from etl.check.subjects import SUBJECTS
from etl.finder import UNIT_TO_BASE
from etl.output import format_number

VERDICTS = ("consistent", "contradicted", "unverifiable")
ABOUT, NEARLY, MORE_THAN_CAP, LESS_THAN_FLOOR = 0.10, 0.10, 1.5, 0.5
# A claim this many times above or below every figure (of 20 or more: "13 left" against 3 is a wrong count) is
# read as another measure, not refuted.
FAR_OFF = 10


def claim_interval(claim: Claim) -> tuple[float, float]:
    v, r = abs(claim.value_base), claim.tolerance_base
    q = claim.qualifier
    if q == "range" and claim.value_high_base is not None:
        lo, hi = sorted((abs(claim.value_base), abs(claim.value_high_base)))
        lo, hi = lo - r, hi + r
    elif q == "about":
        lo, hi = v * (1 - ABOUT) - r, v * (1 + ABOUT) + r
    elif q == "nearly":
        lo, hi = v * (1 - NEARLY) - r, v + r
    elif q == "more_than":
        # "more than 100" said of 165: up to the next round number (200) when that is above 1.5 times
        step = float(place_of_last_nonzero(Decimal(repr(v)))) if v else 0.0
        lo, hi = v - r, (v + claim.step_base + r) if claim.step_base else max(v * MORE_THAN_CAP, v + step) + r
    elif q == "less_than":
        lo, hi = v * LESS_THAN_FLOOR - r, v + r
    else:
        lo, hi = v - r, v + r
    if claim.value_base < 0:
        lo, hi = -hi, -lo
    return lo, hi


def figure_interval(row: dict) -> tuple[float, float]:
    x = base_value(row)
    factor = float(UNIT_TO_BASE.get(row["unit"], Decimal(1))) if row["unit_kind"] != "rate" else 1.0
    text = format_number(row["value"])
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    r = max(0.5 * 10 ** (-decimals) * factor, written_rounding(row.get("excerpt") or "", x, row["unit_kind"]))
    if not decimals and row["unit_kind"] != "rate" and text.endswith("00"):
        # 13700亿 is given to the hundred: 13652 rounds to it. Trailing zeros read as a claim's are (half the
        # last non-zero place, at most 2.5 %).
        place = float(place_of_last_nonzero(Decimal(text))) * factor
        r = max(r, min(place / 2, abs(x) * 0.025))
    q = row.get("qualifier")
    lo, hi = x - r, x + r
    if q in ("about", "nearly"):
        lo, hi = min(lo, x * 0.95), max(hi, x * 1.05) if q == "about" else hi
    elif q == "more_than":
        hi = max(hi, _more_than_top(row, factor))
    elif q == "less_than":
        lo = min(lo, x * LESS_THAN_FLOOR)
    return lo, hi


_RANGE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:-|–|—|~|～|至|到|and)\s*(\d[\d,]*(?:\.\d+)?)")


def _more_than_top(row: dict, factor: float) -> float:
    """Where a publisher's "more than X" stops. A writer rounds down to the figure's last written digit:
    超过3829亿 is 3829-3830亿, more than 5,000 is 5,000-6,000 (past 6,000 one would write 6,000), as a
    claim's 6000多 is. A lower end of a range stored as "more than" (500-800通, between 2,500 and 3,000)
    reaches the range's top."""
    value = Decimal(format_number(abs(float(row["value"]))))
    for m in _RANGE.finditer(row.get("excerpt") or ""):
        low, high = (Decimal(g.replace(",", "")) for g in m.groups())
        if low == value and high > low:
            return float(high) * factor
    return float(value + place_of_last_nonzero(value)) * factor


_WRITTEN = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(trillion|billion|million|万亿|亿|万)?", re.I)
_WRITTEN_SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "万亿": 1e12, "亿": 1e8, "万": 1e4}


@functools.lru_cache(maxsize=4096)
def written_rounding(excerpt: str, x: float, unit_kind: str) -> float:
    """Half a unit of the last digit of the figure as its source wrote it: "908 billion yuan" (stored as
    9080亿元) is 907.5-908.5 billion, not 9079.5-9080.5亿. 0 when the excerpt does not state it."""
    if unit_kind == "rate" or not x:
        return 0.0
    for m in _WRITTEN.finditer(excerpt):
        whole, fraction, word = m[1].replace(",", ""), m[2] or "", (m[3] or "").lower()
        scale = _WRITTEN_SCALE.get(word, 1.0)
        if abs(float(f"{whole}.{fraction or 0}") * scale - abs(x)) <= abs(x) * 1e-9:
            return 0.5 * 10 ** (-len(fraction)) * scale
    return 0.0


def agrees(claim: Claim, row: dict) -> bool:
    lo, hi = claim_interval(claim)
    flo, fhi = figure_interval(row)
    if flo < hi and lo < fhi:  # half-open roundings: 344 is not 343 (both ±0.5 would touch at 343.5)
        return True
    # A figure with decimals written with them dropped (12245.87 -> "12245") is the same figure.
    x, unit = base_value(row), 2 * claim.tolerance_base
    return claim.qualifier == "exact" and not float(row["value"]).is_integer() and 0 <= x - claim.value_base < unit


@dataclass
class Verdict:
    verdict: str
    series_id: str | None
    figures: list[dict]  # the figures behind the verdict (agreeing first), or the nearest ones
    explanation_zh: str
    explanation_en: str


def _value_text(row: dict, lang: str) -> str:
    qualifier = {"about": ("约", "about "), "nearly": ("近", "nearly "), "more_than": ("超过", "more than "),
                 "less_than": ("不到", "less than ")}.get(row.get("qualifier") or "", ("", ""))  # fmt: skip
    number = format_number(row["value"])
    if lang == "zh":
        return f"{qualifier[0]}{number}{row['unit']}"
    return f"{qualifier[1]}{english_amount(row['value'], row['unit'])}"


EN_UNITS = {"家": "", "人": " persons", "件": " cases", "%": "%", "月": " months", "通": " calls", "元": " yuan"}


def english_amount(value: float, unit: str) -> str:
    """9272 亿元 -> '927.2 billion yuan'; 1575 家 -> '1,575'; 9.45 % -> '9.45%'."""
    if unit == "亿元":
        yuan = value * 1e8
        for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
            if abs(yuan) >= size:
                return f"{format_number(round(yuan / size, 4))} {word} yuan"
        return f"{format_number(yuan)} yuan"
    number = format_number(value)
    if abs(value) >= 1000 and float(value).is_integer():
        number = f"{int(value):,}"
    return f"{number}{EN_UNITS.get(unit, ' ' + unit)}"


def _figure_text(row: dict, lang: str) -> str:
    if lang == "zh":
        return f"{row['publisher_zh']}:{_value_text(row, 'zh')}({row['period_label']})"
    return f"{row['publisher_en']}: {_value_text(row, 'en')} ({row['period_label']})"


def _list(rows: list[dict], lang: str, limit: int = 4) -> str:
    shown = [_figure_text(r, lang) for r in rows[:limit]]
    more = len(rows) - limit
    if more > 0:
        shown.append(f"另有{more}个" if lang == "zh" else f"{more} more")
    return ";".join(shown) if lang == "zh" else "; ".join(shown)


def _gap(claim: Claim, row: dict) -> tuple[str, str]:
    lo, hi = claim_interval(claim)
    x = base_value(row)
    reference = claim.value_base if claim.qualifier != "range" else (lo if x < lo else hi)
    if x == 0:
        return "为零", "zero"
    if reference == 0:
        return "", ""
    pct = (x - reference) / abs(reference) * 100
    direction_zh = "高" if pct > 0 else "低"
    direction_en = "higher" if pct > 0 else "lower"
    return f"{direction_zh}{abs(pct):.1f}%", f"{abs(pct):.1f}% {direction_en}"


def _subject_names(claim: Claim) -> tuple[str, str]:
    subject = SUBJECTS.get(claim.subject) if claim.subject else None
    return (subject.name_zh, subject.name_en) if subject else ("", "")


def _period_text(claim: Claim) -> str:
    return claim.period.label if claim.period else "?"


NOTE_TEXT = {
    "threshold": (
        "“{quote}”是法定限额或门槛,不是统计数字。",
        '"{quote}" is a legal limit or threshold, not a statistic.',
    ),
    "forecast": ("“{quote}”是预测,不是已发生的数字。", '"{quote}" is a forecast, not a figure on record.'),
    "per_time": (
        "“{quote}”是每月/每天等的平均数,数据记录的是期间总数或期末数。",
        '"{quote}" is an average per month, day or year; the data hold totals and end-of-period figures.',
    ),
    "other_product": (
        "“{quote}”是其他投资品(银行理财、信托、货币基金、存款等)的收益率,数据只记录网贷的收益率。",
        '"{quote}" is the return of another product (bank wealth-management products, trusts, money-market '
        "funds, deposits); the data hold online lending's returns only.",
    ),
    "abroad": (
        "“{quote}”说的是中国以外的国家或地区,数据只记录中国的数字。",
        '"{quote}" is a figure of a country other than China; the data hold China\'s figures only.',
    ),
    "city": (
        "“{quote}”说的是一个城市的数字,数据只记录全国和各省的数字。",
        "\"{quote}\" is a figure of one city; the data hold the nation's and the provinces' figures only.",
    ),
    "definition": ("“{quote}”是换算或定义,不是统计数字。", '"{quote}" is a conversion or definition, not a statistic.'),
    "person_times": (
        "“{quote}”是人次(人数乘次数),数据记录的是人数或户数,口径不同。",
        '"{quote}" counts person-times (visits or services), not persons; the data hold persons, a different measure.',
    ),
    "sample": (
        "“{quote}”是统计所依据的样本数,不是全行业的数字。",
        '"{quote}" is the size of the sample a statistic was computed from, not a count of the sector.',
    ),
    "spread": (
        "“{quote}”说的是各家数字的分布范围,不是一个统计数字。",
        '"{quote}" is how widely figures vary, not one figure.',
    ),
    "average": (
        "“{quote}”是每家机构的平均数,数据记录的是全行业的总数。",
        '"{quote}" is an average per institution; the data hold totals for the sector.',
    ),
    "year_on_year": (
        "“{quote}”是与一年前相比的增减,数据记录的是自年初以来的新增贷款,口径不同。",
        '"{quote}" is a change against a year earlier; the data hold net new loans since the start of the year, '
        "a different measure.",
    ),
    "subgroup": (
        "“{quote}”说的是其中一部分(部分机构或地区),不是全行业的数字;数据中没有这一部分的数字。",
        '"{quote}" is about a part of what the text counts (some companies or places), not the whole sector; '
        "the data hold no figure for that part.",
    ),
}


DOUBT_TEXT = {
    "regions": ("所在句子同时提到几个地区", "is said in a clause naming several regions"),
    "since": ("说的是某时以来的累计", "covers a span since a date, not one period"),
    "unit": ("没有写明单位(元或%)", "is written without a unit (yuan or %)"),
    "date": (
        "所说的日期与数据中数字的日期不完全相同(同月不同日)",
        "is dated differently from the figures held (another day of the month)",
    ),
    "span": ("说的是跨越几年的一段时间,没有说是哪一年末", "is said of a span of years, not of one year's end"),
    "before": ("说的是某个日期之前的情况,不是该日期当时的数字", "is said of a time before a date, not at that date"),
    "window": (
        "说的是若干天、若干月或若干年之内的数字,数据记录的是整月、整季或整年",
        "is counted over a window of days, months or years; the data hold calendar months, quarters and years",
    ),
    "region": (
        "所在处说的是某个省份(全省、前文所说的省),没有说明是全国还是该省的数字",
        "may be a province's figure (the text speaks of a province here: 'the whole province', or one named "
        "just before), not the nation's",
    ),
    "unfinished": ("所说的时期在文章发表时尚未结束", "is of a period that was not over when the article was written"),
    "vague": ("是约略的说法(几百、上万),不是确切数字", "is a loose size (hundreds, tens of thousands), not a figure"),
}


def decide(claim: Claim, found: Candidates) -> Verdict:
    zh_name, en_name = _subject_names(claim)
    quote = claim.quote.strip()
    if claim.subject is None:
        if claim.change:
            zh = f"“{quote}”是增减量,不是水平值;数据记录的是水平值,请对照前后两期的数字。"
            en = f'"{quote}" is a rise or fall, not a level; the data hold levels: compare the two periods\' figures.'
        elif claim.notes:
            zh, en = NOTE_TEXT[claim.notes[0]]
            zh, en = zh.format(quote=quote), en.format(quote=quote)
        else:
            zh = f"无法判断“{quote}”统计的是什么(未识别出数据中有的主题),因此无法核查。"
            en = (
                f'The checker cannot tell what "{quote}" counts (no subject the data hold was recognised), '
                "so it cannot be checked."
            )
        return Verdict("unverifiable", None, [], zh, en)
    primary = SUBJECTS[claim.subject].series[0]
    if claim.currency != "CNY":
        return Verdict("unverifiable", primary, [], f"“{quote}”是外币金额;数据以人民币记录,不作换算。",
                       f'"{quote}" is in a foreign currency; the data hold yuan and do not convert.')  # fmt: skip
    if claim.period is None and not SUBJECTS[claim.subject].any_period:
        near = found.nearest
        zh = f"文中没有说明“{quote}”({zh_name})指哪个时间,无法核查。" + (
            f"数据中最近的数字:{_list(near, 'zh')}。" if near else ""
        )
        en = f'The text does not say when "{quote}" ({en_name}) applies, so it cannot be checked.' + (
            f" Latest figures held: {_list(near, 'en')}." if near else ""
        )
        return Verdict("unverifiable", near[0]["series_id"] if near else primary, near, zh, en)
    if found.by_region:
        return _said_of_regions(claim, found, quote)
    if not found.figures:
        near = found.nearest
        region = "" if claim.region == "CN" else f"({claim.region})"
        zh = f"数据中没有{zh_name}{region}在{_period_text(claim)}的数字。" + (
            f"最接近的:{_list(near, 'zh')}。" if near else "该主题在此地区没有任何数字。"
        )
        en = (
            f"The data hold no figure for {en_name}{' in ' + claim.region if region else ''} for {_period_text(claim)}."
            + (f" Nearest: {_list(near, 'en')}." if near else " They hold none for this subject in this region.")
        )
        return Verdict("unverifiable", near[0]["series_id"] if near else primary, near, zh, en)
    agreeing = [r for r in found.figures if agrees(claim, r)]
    others = [r for r in found.figures if not agrees(claim, r)]
    carried_zh = "(P2P网贷机构已于2020年11月清零,此后一直为零)" if found.carried_zero else ""
    carried_en = (
        " (P2P lending was wound down to zero by November 2020 and has stayed there)" if found.carried_zero else ""
    )
    if agreeing:
        zh = f"与数据相符:{_list(agreeing, 'zh')}{carried_zh}。"
        en = f"Consistent with {_list(agreeing, 'en')}{carried_en}."
        if others:
            zh += f"其他发布机构的数字不同:{_list(others, 'zh')}。"
            en += f" Other figures differ: {_list(others, 'en')}."
        return Verdict("consistent", agreeing[0]["series_id"], agreeing + others, zh, en)
    ranked = sorted(others, key=lambda r: abs(base_value(r) - claim.value_base))
    if found.around and not claim.doubts and _outside(claim, found.around):
        return _outside_verdict(claim, found.around, quote)
    doubts = claim.doubts or (["date"] if found.imprecise else [])
    if doubts:
        # Disagreeing is not proof when the text leaves the match uncertain: say what is nearest instead.
        why_zh, why_en = DOUBT_TEXT[doubts[0]]
        zh = f"“{quote}”{why_zh},无法确定对应数据中的哪个数字,因此无法核查。最接近的:{_list(ranked, 'zh')}。"
        en = (
            f'"{quote}" {why_en}, so which figure it matches is not certain; it cannot be checked. '
            f"Nearest: {_list(ranked, 'en')}."
        )
        return Verdict("unverifiable", ranked[0]["series_id"], ranked, zh, en)
    if _far_off(claim, ranked[0]):
        # 82 platforms against 1,645, 4,721 employees against 66,931: a figure this far from every one held
        # is almost always of something else (a part, one company, another measure), not a wrong total.
        zh = (
            f"“{quote}”与数据中所有数字相差{FAR_OFF:g}倍以上,很可能说的是别的(其中一部分、单家机构或另一口径),"
            f"因此无法核查。最接近的:{_list(ranked, 'zh')}。"
        )
        en = (
            f'"{quote}" is more than {FAR_OFF:g} times off every figure held, so it most likely counts something '
            f"else (a part, one company, another measure); it cannot be checked. Nearest: {_list(ranked, 'en')}."
        )
        return Verdict("unverifiable", ranked[0]["series_id"], ranked, zh, en)
    gap_zh, gap_en = _gap(claim, ranked[0])
    zh = f"与数据不符:文中为“{quote}”,而{_list(ranked, 'zh')}{carried_zh};最接近的数字{gap_zh}。"
    en = (
        f'Contradicted: the text says "{quote}", but {_list(ranked, "en")}{carried_en}; the closest figure is {gap_en}.'
    )
    return Verdict("contradicted", ranked[0]["series_id"], ranked, zh, en)


def _far_off(claim: Claim, closest_row: dict) -> bool:
    closest, value = base_value(closest_row), claim.value_base
    return abs(closest) >= 20 and bool(value) and not 1 / FAR_OFF <= abs(value / closest) <= FAR_OFF


# A claim matched only by a looser date is refuted by the figures around it only when it is within this
# factor of them: twice or half the figures is more often another subject, region or date misread (a
# province's 3 platforms against the nation's 29) than a wrong figure.
AROUND_FACTOR = 2


def _outside(claim: Claim, rows: list[dict]) -> bool:
    closest = base_value(min(rows, key=lambda r: abs(base_value(r) - claim.value_base)))
    if not closest or not 1 / AROUND_FACTOR <= abs(claim.value_base / closest) <= AROUND_FACTOR:
        return False
    lo, hi = claim_interval(claim)
    intervals = [figure_interval(r) for r in rows]
    return hi <= min(i[0] for i in intervals) or lo >= max(i[1] for i in intervals)


def _outside_verdict(claim: Claim, around: list[dict], quote: str) -> Verdict:
    """A claim dated between figures (a day, 'now'), outside every value the stock took around that date."""
    ranked = sorted(around, key=lambda r: abs(base_value(r) - claim.value_base))
    dated = sorted(around, key=lambda r: r["period_end"])
    first, last = dated[0]["period_label"], dated[-1]["period_label"]
    gap_zh, gap_en = _gap(claim, ranked[0])
    zh = (
        f"与数据不符:文中为“{quote}”({_period_text(claim)}),而该日期前后({first}至{last})的数字为"
        f"{_list(ranked, 'zh')},文中数字在这些数字之外;最接近的数字{gap_zh}。"
    )
    en = (
        f'Contradicted: the text says "{quote}" ({_period_text(claim)}), but the figures around that date '
        f"({first} to {last}) are {_list(ranked, 'en')}, and the claim lies outside them all; the closest figure "
        f"is {gap_en}."
    )
    return Verdict("contradicted", ranked[0]["series_id"], ranked, zh, en)


def _said_of_regions(claim: Claim, found: Candidates, quote: str) -> Verdict:
    """A figure said of a list of regions (浙江和江苏…均超过400亿元, "Guangdong and Chongqing"): consistent
    only when a figure of every region agrees (each of them); otherwise the text may mean their sum or
    any one of them, so it is unverifiable and the nearest figure of each region is named."""
    agreeing = [[r for r in figures if agrees(claim, r)] for _, _, figures, _ in found.by_region]
    if all(agreeing):
        shown = [rows[0] for rows in agreeing]
        zh = ";".join(
            f"{name_zh}:{_list(rows, 'zh')}" for (name_zh, *_), rows in zip(found.by_region, agreeing, strict=True)
        )
        en = "; ".join(
            f"{name_en}: {_list(rows, 'en')}" for (_, name_en, *_), rows in zip(found.by_region, agreeing, strict=True)
        )
        zh, en = f"与数据相符,所列每个地区都是如此:{zh}。", f"Consistent for each region named: {en}."
        return Verdict("consistent", shown[0]["series_id"], shown, zh, en)
    nearest = [
        sorted(figures, key=lambda r: abs(base_value(r) - claim.value_base))[:1] or near
        for _, _, figures, near in found.by_region
    ]
    why_zh, why_en = DOUBT_TEXT["regions"]
    zh = ";".join(
        f"{name_zh}:{_list(rows, 'zh') if rows else '无'}"
        for (name_zh, *_), rows in zip(found.by_region, nearest, strict=True)
    )
    en = "; ".join(
        f"{name_en}: {_list(rows, 'en') if rows else 'none held'}"
        for (_, name_en, *_), rows in zip(found.by_region, nearest, strict=True)
    )
    shown = [row for rows in nearest for row in rows]
    return Verdict(
        "unverifiable", shown[0]["series_id"] if shown else SUBJECTS[claim.subject].series[0], shown,
        f"“{quote}”{why_zh},可能是合计,也可能是其中之一,因此无法核查。各地区最接近的数字:{zh}。",
        f'"{quote}" {why_en}: it may be their sum or any one of them, so it cannot be checked. Nearest for each: {en}.',
    )  # fmt: skip
