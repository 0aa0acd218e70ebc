# ruff: noqa: E501  (tables of patterns read best one per line)
"""Periods written in the text: 2014年, 2016年末, 2019年第三季度, 2018年1-9月, 截至2020年11月中旬,
"by end-June 2024", "the first half of 2018", "last year" (resolved against the article's date).

Each mention gives a ClaimPeriod: the span it covers (for flows: turnover *in* 2018) and the window
its "as of" point falls in (for stocks: platforms *at the end of* 2018 -> any figure dated in
December 2018). Labels follow etl/periods.py (2018, 2018-H1, 2018-Q3, 2018-06, 2018-01/2018-09,
2020-11-06); a part of a month adds -early / -mid / -late (2020-11-mid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from etl.check.numbers import CN_DIGITS
from etl.check.text import Spans
from etl.periods import month_end

MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class ClaimPeriod:
    label: str
    type: str  # year | half | quarter | month | part | day | range | span (several years, or across a year end)
    start: date
    end: date
    window: tuple[date, date]  # where an "as of" figure for this period may be dated


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    period: ClaimPeriod | None  # None: written but not resolvable (no year known)
    year_written: int | None  # the year as written, for context of later mentions
    as_of: bool  # 截至 / as of / by: a point, not a span
    anchored: bool = True  # its year is written (2018年, 去年); 下半年 / July alone borrow one from context


def year_period(y: int) -> ClaimPeriod:
    return ClaimPeriod(str(y), "year", date(y, 1, 1), date(y, 12, 31), (date(y, 12, 1), date(y, 12, 31)))


def half_period(y: int, h: int) -> ClaimPeriod:
    end = month_end(y, 6 * h)
    return ClaimPeriod(f"{y}-H{h}", "half", date(y, 1 if h == 1 else 7, 1), end, (end.replace(day=1), end))


def quarter_period(y: int, q: int) -> ClaimPeriod:
    end = month_end(y, 3 * q)
    return ClaimPeriod(f"{y}-Q{q}", "quarter", date(y, 3 * q - 2, 1), end, (end.replace(day=1), end))


def month_period(y: int, m: int, part: str | None = None) -> ClaimPeriod:
    end = month_end(y, m)
    if part is None:
        return ClaimPeriod(f"{y}-{m:02d}", "month", date(y, m, 1), end, (date(y, m, 1), end))
    days = {"early": (1, 10), "mid": (11, 20), "late": (21, end.day), "end": (21, end.day)}[part]
    window = (date(y, m, days[0]), date(y, m, days[1]))
    if part == "end":  # 6月末 is the month-end figure: the month's own label
        return ClaimPeriod(f"{y}-{m:02d}", "month", date(y, m, 1), end, window)
    return ClaimPeriod(f"{y}-{m:02d}-{part}", "part", window[0], window[1], window)


def year_part_period(y: int, part: str) -> ClaimPeriod:
    """ "early 2019", "mid-2018", "late 2017": a third of the year, where a figure said of it may be dated."""
    first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    window = (date(y, first, 1), month_end(y, last))
    return ClaimPeriod(f"{y}-{part}", "part", window[0], window[1], window)


def day_period(y: int, m: int, d: int) -> ClaimPeriod | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return ClaimPeriod(day.isoformat(), "day", day, day, (day, day))


def span_period(y: int, m1: int, m2: int) -> ClaimPeriod | None:
    if not 1 <= m1 < m2 <= 12:
        return None
    if (m1, m2) == (1, 12):
        return year_period(y)
    if (m1, m2) in ((1, 6), (7, 12)):
        return half_period(y, 1 if m1 == 1 else 2)
    if m2 - m1 == 2 and m1 % 3 == 1:
        return quarter_period(y, m2 // 3)
    end = month_end(y, m2)
    return ClaimPeriod(f"{y}-{m1:02d}/{y}-{m2:02d}", "range", date(y, m1, 1), end, (end.replace(day=1), end))


def previous_period(period: ClaimPeriod) -> ClaimPeriod | None:
    """The year, half, quarter or month just before `period` (its start is their end)."""
    y = period.start.year
    if period.type == "year":
        return year_period(y - 1)
    if period.type == "half":
        return half_period(y, 1) if period.start.month == 7 else half_period(y - 1, 2)
    if period.type == "quarter":
        q = (period.start.month - 1) // 3 + 1
        return quarter_period(y, q - 1) if q > 1 else quarter_period(y - 1, 4)
    if period.type == "month":
        m = period.start.month
        return month_period(y, m - 1) if m > 1 else month_period(y - 1, 12)
    return None


# "three months later", "a year earlier": how many months the words say
_SMALL_COUNTS = {
    "a": 1,
    "the": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "six": 6,
    "nine": 9,
    "twelve": 12,
    "eighteen": 18,
}
# ("twelve months earlier", "three months later", "the year before": the counts written as words)
SMALL_COUNT_WORDS = "|".join(_SMALL_COUNTS)
# "a year", "three months", "2 quarters": a span of time as the text counts it (months_of reads its groups)
SOME_TIME = rf"(?P<n>{SMALL_COUNT_WORDS}|\d+)\s+(?P<unit>years?|quarters?|months?)"


def months_of(count: str, unit: str) -> int:
    """Months in 'a year', 'three months', '2 quarters' (count as written, unit as written)."""
    n = _SMALL_COUNTS.get(count.lower()) or int(count)
    return n * {"y": 12, "q": 3, "m": 1}[unit[0].lower()]


def moved_by_months(period: ClaimPeriod, months: int) -> ClaimPeriod | None:
    """The year, half, quarter or month `months` later (earlier when negative), or the same day whole years
    away; None when the move does not land on a period of the same kind."""
    if period.type == "day":
        if months % 12:
            return None
        return day_period(period.start.year + months // 12, period.start.month, period.start.day)
    step = {"year": 12, "half": 6, "quarter": 3, "month": 1}.get(period.type)
    if step is None or months % step:
        return None
    y, m = divmod(period.start.year * 12 + period.start.month - 1 + months, 12)
    m += 1
    if period.type == "year":
        return year_period(y)
    if period.type == "half":
        return half_period(y, 1 if m <= 6 else 2)
    if period.type == "quarter":
        return quarter_period(y, (m - 1) // 3 + 1)
    return month_period(y, m)


def months_span(y1: int, m1: int, y2: int, m2: int) -> ClaimPeriod | None:
    """2017年7月到2018年6月, 2015年-2017年: whole months from one year into another."""
    if (y2, m2) <= (y1, m1) or not (y1 >= MIN_YEAR and y2 <= MAX_YEAR):
        return None
    if y1 == y2:
        return span_period(y1, m1, m2)
    end = month_end(y2, m2)
    return ClaimPeriod(f"{y1}-{m1:02d}/{y2}-{m2:02d}", "span", date(y1, m1, 1), end, (date(y1, m1, 1), end))


MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<mname>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# 2023一季度, 2022前三季度: a year written without 年 before a quarter
_CN_YEAR = (
    rf"(?P<year>(?:19|20)\d{{2}}|[{CN_DIGITS}]{{4}})\s*(?:年度?|(?=第?[一二三四1-4]季度|前[一二三]季度|上半年|下半年))"
)
_CN_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?"
# (7月刚过半, 7月第二周: a part of the month, a week of it)
_CN_PART = r"(?P<part>上半月|下半月|上旬|中旬|下旬|刚过半|第[一二三四1-4]周|初|中|末|底)"
# (not 前一季度 / 上一季: "the previous quarter", said relative to the one the text is about)
_CN_Q = r"(?:第\s*|(?<![前上]))(?P<q>[一二三四1-4])\s*季度?(?P<qend>末|底)?"  # 第二季底: Taiwan writes 季 for 季度
_CN_HALF = r"(?P<half>上半年|下半年)(?P<hend>末|底)?"
_CN_SPAN = r"(?P<m1>1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2})\s*(?:月份?)?\s*[-－~～至到]\s*(?P<m2>1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2})\s*月"
_CN_FIRST = r"前(?P<firstq>[二三])季度|前(?P<firstm>\d{1,2}|[一二三四五六七八九十]{1,2})个月"
_CN_RELATIVE = r"(?P<rel>去年|上一年|上年|前一年|前年|今年|本年|当年|同年|明年)"
_AS_OF_ZH = r"(?P<asof>截至|截止到?|截止至|到|至)?\s*"

# 2017年7月到2018年6月 / 2015年-2017年 / 2015-2017年: a span into another year (read before the single periods).
ZH_SPAN_PATTERN = re.compile(
    r"(?P<y1>(?:19|20)\d{2})\s*年?\s*(?:(?P<m1>1[0-2]|0?[1-9])\s*月份?)?\s*(?:-|－|~|～|至|到|—|–)\s*"
    r"(?P<y2>(?:19|20)\d{2})\s*年(?:\s*(?P<m2>1[0-2]|0?[1-9])\s*月份?)?(?:间|間|期间|期間|一年间|一年間)?"
)
ZH_PATTERN = re.compile(
    _AS_OF_ZH
    + rf"(?:{_CN_YEAR}|{_CN_RELATIVE})?\s*"
    + rf"(?:(?P<yend>年末|年底|年终|末|底)|(?P<ystart>年初)|(?P<whole>全年)|{_CN_HALF}|{_CN_Q}|{_CN_FIRST}|{_CN_SPAN}"
    + rf"|{_CN_MONTH}\s*(?:(?P<day>[0-3]?\d)\s*[日号]|{_CN_PART})?)?"
)

EN_PATTERN = re.compile(
    r"(?P<asof>\b(?:as of|as at|by|at|until|through|to)\s+)?(?:the\s+)?"
    r"(?:"
    # "in the first two months after the Amendment took effect": a span from an event, which no period says
    r"(?P<nafter>first\s+(?:few|two|three|four|five|six|\d+)\s+(?:days|weeks|months)\s+(?:after|since|following)\b)"
    r"|(?:(?:end|close)\s+of\s+(?:the\s+)?)?(?P<qword>first|second|third|fourth|1st|2nd|3rd|4th|(?<=the )(?:last|final)(?=\s+quarter\s+of\s+(?:19|20)\d\d))[\s-]+quarter(?:\s*\(Q[1-4]\))?(?:\s+(?:of\s+)?(?P<qyear>(?:19|20)\d{2}))?"
    r"|Q(?P<qnum>[1-4])\s*(?:of\s+)?(?P<qyear2>(?:19|20)\d{2})"  # Q3 2014, "by Q3 of 2014"
    r"|(?P<qyear3>(?:19|20)\d{2})\s*Q(?P<qnum3>[1-4])"
    r"|\b(?P<qnum4>[1-4])Q(?P<qyear4>(?:19|20)?\d{2})\b"  # 1Q18, 3Q2019 (analysts' notes)
    r"|(?P<halfthis>first|second)\s+half\s+of\s+(?:this|the)\s+month"
    r"|(?P<halfm>first|second)\s+half\s+of\s+"
    + _MONTH.replace("mname", "mname3")
    + r"(?:\s+(?P<myear3>(?:19|20)\d{2}))?"
    r"|first\s+(?P<nq>two|three)\s+quarters(?:\s+of\s+(?:(?P<nqyear>(?:19|20)\d{2})|(?P<nqrel>this|last)\s+year))?"
    r"|(?:(?:end|close)\s+of\s+(?:the\s+)?)?(?P<hword>first|second)\s+half(?:\s+(?:of\s+)?(?:(?P<hyear>(?:19|20)\d{2})|(?P<hrel>this|last)\s+year))?"
    r"|H(?P<hnum>[12])\s*(?P<hyear2>(?:19|20)\d{2})"
    r"|first\s+(?P<nmonths>three|six|nine|eleven)\s+months(?:\s+of\s+(?:(?P<nyear>(?:19|20)\d{2})|(?P<nrel>this|last)\s+year))?"
    r"|(?:(?P<epart>end|close|start|beginning|middle)\s+of\s+|(?P<hpart>end|mid|early|late)-|(?P<wpart>early|mid|late)\s+)?"
    r"(?:(?P<mthis>this)\s+)?"  # "this May": the article's year ("last May" is left alone: which May is unclear)
    + _MONTH
    + r"(?:\s+(?P<mday>[0-3]?\d)(?:st|nd|rd|th)?,?)?(?:\s+(?:of\s+|in\s+)?(?P<myear>(?:19|20)\d{2})|\s+(?P<mrel>this|last)\s+year)?"
    r"|(?P<mday2>[0-3]?\d)\s+" + _MONTH.replace("mname", "mname2") + r"(?:\s+(?P<myear2>(?:19|20)\d{2}))?"
    r"|(?:(?P<ypart>end|close|start|beginning)\s+of\s+|(?P<yhpart>end|year-end|mid|early|late)-?\s*)?(?P<year>(?:19|20)\d{2})(?P<ysuffix>\s+year-end)?"
    r"|(?:(?P<relpart>end|start)\s+of\s+)?(?P<rel>last|this|previous|past)\s+year"
    # "by the end of the year", "8,910 at the end of that year": of the text's year (the one last named)
    r"|(?P<cyend>(?:end|close)\s+of\s+(?:the|that)\s+year|year[- ]end)"
    # "compared with 575 in mid-year": the middle of the text's year
    r"|(?<=in )(?P<cymid>mid-?year)"
    # "the yield averaged 9.45% for the full year", "full-year turnover": the whole of the text's year (全年)
    r"|(?P<ywhole>(?:(?:for|over|during|in)\s+the\s+(?:full|whole|entire)\s+year|for\s+the\s+year|full[- ]year)"
    r"(?!\s+(?:of\s+)?(?:19|20)\d\d))"  # (not "for the full year 2017": that year)
    r"|(?P<mrelm>last|this|previous|past)\s+month"
    r"|(?P<thatmonth>that\s+month)"
    r"|(?P<srel>this|last)\s+(?P<season>spring|summer|autumn|fall|winter)"
    r")\b",
    re.IGNORECASE,
)

_CN_SMALL = {c: i for i, c in enumerate("〇一二三四五六七八九", start=0)}


def _cn_small(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_SMALL[text[1]]
    if text.endswith("十"):
        return 10 * _CN_SMALL[text[0]]
    if len(text) == 2 and text[1] in _CN_SMALL:  # 十一 handled above; 二十 not a month
        return 10 * _CN_SMALL[text[0]] + _CN_SMALL[text[1]]
    return _CN_SMALL[text]


def _cn_year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str({"〇": 0, "零": 0, "两": 2}.get(c, _CN_SMALL.get(c, 0))) for c in text))


_RELATIVE_OFFSET = {"去年": -1, "上年": -1, "上一年": -1, "前一年": -1, "前年": -2, "今年": 0, "本年": 0, "明年": 1, "last": -1, "previous": -1,
                    "past": -1, "this": 0}  # fmt: skip


def _resolve_year(written: int | None, rel: str | None, context_year: int | None, article: date | None) -> int | None:
    if written is not None:
        return written if MIN_YEAR <= written <= MAX_YEAR else None
    if rel in ("当年", "同年"):
        return context_year
    if rel in ("上年", "上一年", "前一年") and context_year is not None:
        # 截至2022年12月末…;而在上年末…6453家: statistics' "the year before", said of the year the text is about
        # (去年, "last year", is the article's)
        return context_year - 1
    if rel is not None:
        base = article.year if article else None
        return base + _RELATIVE_OFFSET[rel.lower()] if base is not None else None
    return context_year


def _zh_period(m: re.Match, year: int | None) -> ClaimPeriod | None:
    if year is None:
        return None
    g = m.groupdict()
    if g["month"]:
        month = _cn_small(g["month"])
        if not 1 <= month <= 12:
            return None
        if g["day"]:
            return day_period(year, month, int(g["day"]))
        part = {"上旬": "early", "初": "early", "中旬": "mid", "中": "mid", "下旬": "late", "末": "end", "底": "end",
                "上半月": "early", "下半月": "late", "刚过半": "mid", "第一周": "early", "第1周": "early",
                "第二周": "mid", "第2周": "mid", "第三周": "mid", "第3周": "mid", "第四周": "late", "第4周": "late"}  # fmt: skip
        return month_period(year, month, part.get(g["part"]) if g["part"] else None)
    if g["q"]:
        return quarter_period(year, _cn_small(g["q"]))
    if g["half"]:
        return half_period(year, 1 if g["half"] == "上半年" else 2)
    if g["firstq"]:
        return span_period(year, 1, 3 * _cn_small(g["firstq"]))
    if g["firstm"]:
        return span_period(year, 1, _cn_small(g["firstm"]))
    if g["m1"]:
        return span_period(year, _cn_small(g["m1"]), _cn_small(g["m2"]))
    return year_period(year)


_N_MONTHS = {"three": 3, "six": 6, "nine": 9, "eleven": 11}
_N_QUARTERS = {"two": 2, "three": 3}


def _en_period(m: re.Match, context_year: int | None, article: date | None) -> tuple[ClaimPeriod | None, int | None]:
    g = m.groupdict()
    if g["nafter"]:
        return None, None

    def year_of(written, rel=None):
        return _resolve_year(int(written) if written else None, rel, context_year, article)

    if g["qword"] or g["qnum"] or g["qnum3"] or g["qnum4"]:
        # ("the last quarter of 2021", "the final quarter of 2019": the fourth, when a year says which)
        q = {
            "first": 1,
            "1st": 1,
            "second": 2,
            "2nd": 2,
            "third": 3,
            "3rd": 3,
            "fourth": 4,
            "4th": 4,
            "last": 4,
            "final": 4,
        }
        number = q[g["qword"].lower()] if g["qword"] else int(g["qnum"] or g["qnum3"] or g["qnum4"])
        short = g["qyear4"]
        written = g["qyear"] or g["qyear2"] or g["qyear3"] or (short if not short or len(short) == 4 else f"20{short}")
        y = year_of(written)
        return (quarter_period(y, number) if y else None), int(written) if written else None
    if g["hword"] or g["hnum"]:
        number = 1 if (g["hword"] or "").lower() == "first" or g["hnum"] == "1" else 2
        written = g["hyear"] or g["hyear2"]
        y = year_of(written, g["hrel"])
        return (half_period(y, number) if y else None), int(written) if written else None
    if g["nmonths"]:
        y = year_of(g["nyear"], g["nrel"])
        months = _N_MONTHS[g["nmonths"].lower()]
        return (span_period(y, 1, months) if y else None), int(g["nyear"]) if g["nyear"] else None
    if g["nq"]:
        y = year_of(g["nqyear"], g["nqrel"])
        return (span_period(y, 1, 3 * _N_QUARTERS[g["nq"].lower()]) if y else None), (
            int(g["nqyear"]) if g["nqyear"] else None
        )
    if g.get("halfthis"):  # "in the first half of this month": a part of the article's month
        if article is None:
            return None, None
        return month_period(article.year, article.month, "early" if g["halfthis"].lower() == "first" else "late"), None
    if g["halfm"]:
        month = MONTHS[g["mname3"].lower().rstrip(".")]
        y = year_of(g["myear3"])
        part = "early" if g["halfm"].lower() == "first" else "late"
        return (month_period(y, month, part) if y else None), int(g["myear3"]) if g["myear3"] else None
    if g["mname"] or g["mname2"]:
        month = MONTHS[(g["mname"] or g["mname2"]).lower().rstrip(".")]
        written = g["myear"] or g["myear2"]
        y = year_of(written, g["mrel"] or g["mthis"])
        if y is None:
            return None, None
        day = g["mday"] or g["mday2"]
        if day:
            return day_period(y, month, int(day)), int(written) if written else None
        part = (g["epart"] or g["hpart"] or g["wpart"] or "").lower()
        part = {"end": "end", "close": "end", "start": "early", "beginning": "early", "early": "early",
                "middle": "mid", "mid": "mid", "late": "late"}.get(part)  # fmt: skip
        period = month_period(y, month, part)
        if part is None and g["asof"] and g["asof"].strip().lower() in ("as of", "as at", "by"):
            # "still operating as of July": at the start of July or at its end; both are its figure.
            before = date(y, month, 1) - timedelta(days=1)
            period = ClaimPeriod(period.label, period.type, period.start, period.end, (before, period.end))
        return period, int(written) if written else None
    if g["year"]:
        y = int(g["year"])
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None, None
        if (g["yhpart"] or "").lower() in ("early", "mid", "late"):
            return year_part_period(y, g["yhpart"].lower()), y
        return year_period(y), y
    if g["rel"]:
        y = year_of(None, g["rel"])
        return (year_period(y) if y else None), None
    if g["cyend"] or g["ywhole"]:
        return (year_period(context_year) if context_year else None), None
    if g["cymid"]:
        return (year_part_period(context_year, "mid") if context_year else None), None
    if g.get("season") and article is not None:  # "this summer": its three months, in the article's year
        first = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[g["season"].lower()]
        y = article.year - (1 if g["srel"].lower() == "last" else 0)
        if first == 12:
            return months_span(y, 12, y + 1, 2), None
        return span_period(y, first, first + 2), None
    if g["mrelm"] and article is not None:  # "last month": the month before the article's
        back = 0 if g["mrelm"].lower() == "this" else 1
        y, m0 = article.year, article.month - back
        if m0 < 1:
            y, m0 = y - 1, 12
        return month_period(y, m0), None
    return None, None


_COUNT_AFTER = re.compile(
    r"\s*(?:[a-z-]+\s+){0,2}(?:platforms?|compan(?:y|ies)|firms|lenders|institutions|people|persons|investors|"
    r"borrowers|yuan|RMB|complaints|cases|staff|employees)\b",
    re.IGNORECASE,
)
# "1575 by the end of 2014": a number followed by its own period is not a year.
_PERIOD_AFTER = re.compile(
    r"\s+(?:by|as of|at|in|for)\s+(?:the\s+)?(?:(?:end|start|middle)\s+of\s+|end-)?(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d{2}\b"
)
# "as of the end of 2019 consumer finance firms had …": after these words a year is a year, whatever follows.
_PERIOD_BEFORE = re.compile(r"(?:\b(?:end|start|beginning|middle) of|\bas of|\bsince|\bby|\bduring|\bin)\s+$", re.I)


def _year_is_dated(norm: str, m: re.Match) -> bool:
    """'as of the end of 2019 consumer finance firms': the year is written as a date, not a count."""
    return m.start("year") > m.start() or bool(_PERIOD_BEFORE.search(norm, max(0, m.start() - 16), m.start()))


_EN_MONTH_WORDS = r"January|February|March|April|May|June|July|August|September|October|November|December"
# "During January to June", "from January through September 2016": whole months of one year.
EN_SPAN_PATTERN = re.compile(
    rf"\b(?P<m1>{_EN_MONTH_WORDS})(?:\s*[-–]\s*|\s+(?:to|through|until)\s+)(?P<m2>{_EN_MONTH_WORDS})"
    r"(?:,?\s+(?:of\s+|in\s+)?(?P<y>(?:19|20)\d{2}))?\b",
    re.IGNORECASE,
)
# 较上月份275.90亿元, 上月的500亿元: only where it dates the number right after it ("结束了上个月下降趋势" does not)
_LAST_MONTH_ZH = re.compile(r"上个?月份?(?![末底初])(?=\s*(?:的|为|為)?\s*[\d一二三四五六七八九十])")
# 是2013年的2.39倍, 已是去年问题平台的1/4, 的一半: a period compared after it is named, by a multiple or a
# fraction (the extractor's test of a compared period uses it too)
COMPARED_BY_MULTIPLE = r"[^,，。；;\d]{0,10}?的\s*(?:\d+(?:\.\d+)?\s*倍|\d+\s*/\s*\d+|[一二三四五六七八九十]+分之|一半)"
_COMPARED_AFTER_ZH = re.compile(COMPARED_BY_MULTIPLE)
# (and "down 40 percent from the peak at the end of June 2015": the English "from", with its peak)
_STARTING_BEFORE = re.compile(
    r"(?:自|从|從|\bsince|\bfrom(?:\s+(?:the|its|a)\s+(?:peak|high|low|record|level))?(?:\s+(?:at|in|of))?"
    r"|\b(?:began|begun|started|starting|beginning)\s+(?:in|at)?)\s*$",  # "a contraction that began in 2016"
    re.IGNORECASE,
)
_COMPARISON_BEFORE = re.compile(
    r"(?:same period (?:in|of)|compared (?:with|to)|than|versus|\bvs\.?|比|较|相比|同比|与|对照|延续了?|[低高少多]于)\s*(?:the\s+)?"
    r"(?:end of\s+)?$",
    re.IGNORECASE,
)
# "against 252.8 billion yuan in 2014", "from 17.13 million in 2017", "after a Rmb19bn drop in 2018": the period
# of a figure the text compares with, named right after it (the match ends where the period begins).
# (not "from 01Caijing", a publisher's name: no figure starts 0 and another digit; not "compared with 2014. In the
# first quarter": a figure ends in a digit; not "from 2014 to 2017": a year is no figure)
FIGURE_THEN_PERIOD_EN = (
    # "up from some RMB105.8bn in 2013", "down from perhaps 5,200 at the end of 2017"
    r"(?:(?:some|about|around|nearly|almost|over|more than|just|perhaps|roughly|approximately|an estimated|only|barely"
    r"|close to|under|less than|fewer than|well over|as many as)\s+)?"
    r"(?P<figure>(?:[A-Za-z$]{1,4}\s?)?(?!0\d)(?!(?:19|20)\d\d(?![\d.,]))\d(?:[\d.,]*\d)?)\s*(?:[A-Za-z%-]+\s+){0,4}?"
    r"(?:(?:in|at|by|for|during)\s+(?:the\s+)?)?$"
)
COMPARED_FIGURE_EN = re.compile(
    r"(?:\bagainst|\bfrom|\bthan|\bafter|\bversus|\bvs\.?|\bcompared (?:with|to)|\b(?:up|down) on)\s+(?:an?\s+|the\s+)?"
    + FIGURE_THEN_PERIOD_EN,
    re.IGNORECASE,
)
_AFTER_A_NUMBER = re.compile(
    r"\d[\d.,]*\s*(?:[A-Za-z%]+\s+){0,3}?(?:in|at|by|for|of)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I
)
_LATER_EN = re.compile(rf"\b{SOME_TIME}\s+later\b", re.IGNORECASE)
# "The year before, the index counted 362,000 complaints": a sentence that opens a year (or months) before the period
# last named (not "up from 1,000 a year earlier": a compared figure, read with its comparison)
_EARLIER_OPENING_EN = re.compile(
    rf"(?:^|(?<=[.!?;]\s)|(?<=\n)){SOME_TIME}\s+"
    r"(?P<back>earlier|before|previously)\b(?=,)",
    re.IGNORECASE,
)
_WHEN_AFTER_A_PERIOD = re.compile(
    rf"(?:\b{SOME_TIME}\s+(?:earlier|before|ago)\s*)?,\s*"
    r"(?P<when>when)\b",
    re.IGNORECASE,
)
_AT_THAT_TIME = re.compile(r"当时|那时|彼时|\bat\s+(?:the|that)\s+(?:time|date|point)\b", re.IGNORECASE)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|stated|noted|announced|reported|wrote|added|told(?:\s+[\w-]+){0,3})\s*$|(?:表示|称|說|说|指出|透露)\s*$",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\(\s*[A-Z][\w.&'-]*(?:\s+(?:and|&|et al\.?)?\s*[A-Z]?[\w.&'-]*){0,3},?\s*$")
_MONTH_ONLY_EN = {"may", "march"}  # English words that are months only in context


def _same_part_of(period: ClaimPeriod, year: int) -> ClaimPeriod | None:
    """The half, quarter or month of `period` in another year."""
    if period.type == "half":
        return half_period(year, 1 if period.start.month == 1 else 2)
    if period.type == "quarter":
        return quarter_period(year, (period.start.month - 1) // 3 + 1)
    if period.type == "month":
        return month_period(year, period.start.month)
    return None


def find_periods(norm: str, article: date | None, masked: list[tuple[int, int]]) -> list[Mention]:
    """Every period mention, in text order; a mention without a year takes the latest year written
    before it (or the article's year)."""
    raw = []
    for m in ZH_SPAN_PATTERN.finditer(norm):
        if bool(m["m1"]) == bool(m["m2"]) and int(m["y2"]) > int(m["y1"]):
            raw.append(("span", m, m.start()))
    for m in _LATER_EN.finditer(norm):
        raw.append(("later", m, m.start()))
    for m in _EARLIER_OPENING_EN.finditer(norm):
        raw.append(("later", m, m.start()))
    span_starts = set()
    for m in EN_SPAN_PATTERN.finditer(norm):
        raw.append(("enspan", m, m.start()))
        span_starts.add(m.start())
    for m in ZH_PATTERN.finditer(norm):
        g = m.groupdict()
        has_anchor = g["year"] or g["rel"]
        has_part = any(g[k] for k in ("yend", "ystart", "whole", "half", "q", "firstq", "firstm", "m1", "month"))
        if not (has_anchor or has_part):
            continue
        if not has_anchor and g["yend"] not in (None, "年末", "年底", "年终"):
            continue  # 末 / 底 alone is not a period
        start = m.start("asof") if g["asof"] else m.start()
        start += len(norm[start : m.end()]) - len(norm[start : m.end()].lstrip())  # "\n\n2018年…": its own paragraph
        raw.append(("zh", m, start))
    for m in _LAST_MONTH_ZH.finditer(norm):
        raw.append(("lastmonth", m, m.start()))
    for m in _WHEN_AFTER_A_PERIOD.finditer(norm):
        raw.append(("when", m, m.start("when")))
    for m in _AT_THAT_TIME.finditer(norm):
        # (not "the CBIRC said at the time": when a statement was made)
        if not _SAID_BEFORE.search(norm, max(0, m.start() - 24), m.start()):
            raw.append(("then", m, m.start()))
    for m in EN_PATTERN.finditer(norm):
        g = m.groupdict()
        name = (g.get("mname") or "").lower()
        if name in _MONTH_ONLY_EN and not (
            g["myear"]
            or g["mday"]
            or g["epart"]
            or g["hpart"]
            or g["asof"]
            or g["mthis"]
            or re.search(r"\b(?:in|since|from|until|of)\s+$", norm[max(0, m.start() - 7) : m.start()], re.IGNORECASE)
            or (norm[m.start() - 1 : m.start()] in ("(", "（") and re.match(r"\s*[:：]", norm[m.end() :]))  # "(March: "
        ):
            continue  # ("from 4.05 million in March": the month, not the verb)
        if (g.get("mname2") or "").lower() in _MONTH_ONLY_EN and not g["myear2"]:
            continue  # "2 may be", "3 march on": not "19 August"
        if (
            g["year"]
            and _CITATION.search(norm, max(0, m.start() - 40), m.start())
            and re.match(r"\s*[a-z]?\s*\)", norm[m.end() :])
        ):
            continue  # "(PBoC, 2017)", "(Wang 2019)": a source's year of publication, not a period
        if g["year"] and (
            re.match(r",\d{3}|\d|\.\d", norm[m.end() : m.end() + 4])
            or (_COUNT_AFTER.match(norm, m.end()) and not _year_is_dated(norm, m))
            or _PERIOD_AFTER.match(norm, m.end())
        ):
            continue  # 2,000 / 2000 platforms: a number, not a year
        # "in the April-June quarter": a span of months that starts after the "the" of a month's mention wins
        start = m.start()
        lead = re.match(r"the\s+", norm[start : m.end()], re.IGNORECASE)
        if lead and start + lead.end() in span_starts:
            start += lead.end()
        raw.append(("en", m, start))
    raw.sort(key=lambda r: r[2])
    masked_spans = Spans(masked)
    out: list[Mention] = []
    context_year = article.year if article else None
    year_in_text = False  # context_year is a year the text wrote, not the article's
    # The latest year the text has dated something in: "for the year" is the year the text reports on ("ended 2018
    # with 1,021 platforms, less than half the 2,448 at the end of 2016. Turnover for the year …": 2018)
    latest_year = None
    compared_mentions: set[int] = set()  # ids of the mentions named as a comparison (较截至3月末的…)
    month_year = None  # the year of the last month-level mention: "July" after "end of December last year"
    year_said_at = -1  # where the text last wrote a year that dates what follows
    month_of_year = None  # and its month
    last_end = -1
    last_dating = None  # the last mention that was not a comparison
    last_month = None  # the last month named, for 上月
    own_month = None  # the last month named that is not a comparison, for "that month"
    for kind, m, start in raw:
        if start < last_end or start in masked_spans:
            continue
        # 较2017年9月份减少74.1%: a compared period dates nothing after it, not even a bare month
        compared = bool(
            _COMPARISON_BEFORE.search(norm, max(0, start - 28), start)
            or _COMPARED_AFTER_ZH.match(norm, m.end())
            or COMPARED_FIGURE_EN.search(norm, max(0, start - 48), start)
        )
        # 自2018年5月后逐月下降。…截至3月底: a starting point does not date the bare months after it either
        starting = bool(_STARTING_BEFORE.search(norm, max(0, start - 32), start))
        if kind == "lastmonth":
            # 较上月份275.90亿元: the month before the last one named (2014年9月份), else before the article's
            named = last_month.end if last_month is not None else article
            period = None
            if named is not None:
                y, mo = (named.year, named.month - 1) if named.month > 1 else (named.year - 1, 12)
                period = month_period(y, mo)
            written, year, as_of, anchored = None, None, False, period is not None
        elif kind == "when":
            # "since end-2017, when the regulator counted 22 companies", "up from 1.21 trillion yuan a year earlier,
            # when the CBA said loans had reached 1.15 trillion": the clause is of the period just named (even one
            # named as a start or a comparison), or of the time before the period last named that the words say
            period = None
            if m["n"] and last_dating is not None and last_dating.period is not None:
                period = moved_by_months(last_dating.period, -months_of(m["n"], m["unit"]))
            elif not m["n"] and out and re.fullmatch(r"\s*,\s*", norm[out[-1].end : m.start("when")]):
                period = out[-1].period
            written, year, anchored = None, (period.end.year if period else None), period is not None
            # (it dates its own clause, not what follows: "the Rmb877.1bn of end-March 2020, when Covid froze
            # lending. Staff numbers shrank to 72,200")
            as_of, compared, starting = False, True, False
        elif kind == "then":
            # 今年6月底,…当时在运营的机构只剩29家; "said 427 were operating at that date": the period named last
            period = last_dating.period if last_dating is not None else None
            written, year, anchored = None, (period.end.year if period else None), period is not None
            as_of = bool(last_dating and last_dating.as_of)
        elif kind == "later":
            # "Three months later the count had risen to 7,086": the last period named, moved on
            base = last_dating.period if last_dating is not None else None
            months = months_of(m["n"], m["unit"]) * (-1 if m.groupdict().get("back") else 1)
            period = moved_by_months(base, months) if base is not None else None
            if base is not None and m.groupdict().get("back") and m["n"].lower() == "the" and m["unit"][0] in "yY":
                period = year_period(base.end.year - 1)  # "The year before": the whole of the year before
            written, year, as_of, anchored = None, (period.end.year if period else None), False, period is not None
        elif kind == "enspan":
            m1, m2 = MONTHS[m["m1"].lower()], MONTHS[m["m2"].lower()]
            y = int(m["y"]) if m["y"] else (month_year or context_year)
            if not m["y"] and month_year is None and article is not None:
                y = article.year if m2 <= article.month else article.year - 1
            period = span_period(y, m1, m2) if y else None
            written, year, as_of, anchored = (int(m["y"]) if m["y"] else None), y, False, bool(m["y"])
        elif kind == "span":
            y1, y2 = int(m["y1"]), int(m["y2"])
            period = months_span(y1, int(m["m1"] or 1), y2, int(m["m2"] or 12))
            written, year, as_of, anchored = y2, y2, False, True
        elif kind == "zh":
            g = m.groupdict()
            written = _cn_year(g["year"]) if g["year"] else None
            # 截至3月末 with no year: the year of the last month named with one (截至2013年3月末), not of a
            # year mentioned in passing since (中国在2008年…允许试行).
            bare_month = not (g["year"] or g["rel"]) and bool(g["month"] or g["q"])
            year = _resolve_year(written, g["rel"], month_year if bare_month and month_year else context_year, article)
            later = article is not None and month_year is not None and month_year < article.year - (article.month < 3)
            if bare_month and later and g["month"] and month_of_year and _cn_small(g["month"]) < month_of_year:
                # 于2015年10月实现了第一个万亿元…截至5月底, in a June 2016 report: a month before the one named, a
                # year or more before the article, is the latest such month by the article's date
                month = _cn_small(g["month"])
                year = article.year if month <= article.month else article.year - 1
            named = last_dating
            same_sentence = named is not None and not re.search(r"[。！？!?\n]", norm[named.end : start])
            if not (g["year"] or g["rel"]) and g["whole"] and same_sentence and named.period is not None:
                # 去年…贷款余额全年减少190亿元: the whole of the year the sentence has named (去年 too), not of
                # one it compared with (同比2023年末的4.81万人…,全年减少148亿元)
                year = named.period.end.year
            period = _zh_period(m, year)
            if g["yend"] or g["whole"]:
                period = year_period(year) if year else None
            elif g["ystart"]:  # 年初: a stock at the start of the year is its level at the end of the last
                period = year_period(year - 1) if year else None
            as_of = (
                bool(g["asof"]) or bool(g["yend"]) or bool(g["part"] in ("末", "底")) or bool(g["qend"] or g["hend"])
            )
            # A bare month dated by the last month named with a year (截至3月末 after 截至2013年3月末) is as
            # firmly dated as that one; a bare half or year part is not (上半年高、下半年低).
            anchored = bool(g["year"] or g["rel"]) or (bare_month and month_year is not None)
            # (今年4月…到了5月: a month of a year said relatively dates the bare months after it too)
            said = written if written is not None else (year if g["rel"] else None)
            if said is not None and (g["month"] or g["q"] or g["half"]) and not (compared or starting):
                month_year = said
                month_of_year = period.end.month if period is not None else None
        else:
            g = m.groupdict()
            month_only = bool(g["mname"] or g["mname2"]) and not (g["myear"] or g["myear2"] or g["mrel"] or g["mthis"])
            # ("The contraction continued into 2020: … fell to 7,458 by end-March": a year written earlier in the
            # month's own sentence dates it, not the year of the last month named)
            year_before = year_said_at >= 0 and not re.search(r"[.。!?！？\n]\s", norm[year_said_at:start])
            year_for_month = month_year if month_only and month_year and not year_before else context_year
            if month_only and month_year is None and article is not None and not year_before:
                # "as of the end of January" in a February 2017 article: the latest January by then
                month = MONTHS[(g["mname"] or g["mname2"]).lower().rstrip(".")]
                year_for_month = article.year if month <= article.month else article.year - 1
            # "in the first three quarters", "the first nine months" with no year: of the text's year, else the
            # latest such span over by the article's date
            months_only = bool(g["nq"] or g["nmonths"]) and not (g["nqyear"] or g["nqrel"] or g["nyear"] or g["nrel"])
            if months_only and article is not None and not year_in_text:
                span_end = 3 * _N_QUARTERS[g["nq"].lower()] if g["nq"] else _N_MONTHS[g["nmonths"].lower()]
                year_for_month = article.year if month_end(article.year, span_end) <= article else article.year - 1
            period, written = _en_period(m, year_for_month, article)
            if g["ywhole"] and latest_year is not None:
                period = year_period(latest_year)
            if (
                (g["rel"] or "").lower() == "previous"
                and not g["relpart"]
                and last_dating is not None
                and last_dating.period is not None
                and last_dating.period.type == "year"
            ):
                # "accepted 170,999 cases last year, up from 142,467 the previous year": the year before the one the
                # text has just named, not before the article's
                period = year_period(last_dating.period.end.year - 1)
            if g["thatmonth"]:  # "Then July happened. 165 platforms ran into trouble that month": the month named last
                period = month_period(own_month.end.year, own_month.end.month) if own_month is not None else None
            year = period.end.year if period else None
            # "compared to October", "relative to 2017": the to of a comparison, not "up to"
            as_of = bool(m.group("asof")) and not re.search(
                r"\b(?:compared|relative|close|equal|similar)\s*$", norm[max(0, m.start() - 12) : m.start()], re.I
            )
            anchored = not (month_only or (months_only and year_in_text) or g["cyend"] or g["ywhole"] or g["cymid"])
            if (
                period is not None
                and period.type in ("month", "part", "day")
                and not month_only
                and not (compared or starting)
                and not g["year"]  # (a part of a year, "mid-2016", is not a month that dates bare months)
            ):
                month_year = period.end.year
                month_of_year = period.end.month
        if not (compared or starting) and period is not None and (article is None or period.end <= article):
            latest_year = max(latest_year or period.end.year, period.end.year)  # ("last year" too)
        if compared or starting:
            pass  # "from the same period in 2014", 比2014年, 自2018年5月: they do not date what follows
        elif written is not None and MIN_YEAR <= written <= MAX_YEAR:
            context_year, year_in_text = written, True
            # (not a year said right after a number, that number's own: "2.8 trillion yuan in 2017 and 2.06 trillion in
            # 2016, and outstanding loans shrank to … by the end of December")
            own = _AFTER_A_NUMBER.search(norm, max(0, start - 40), start)
            year_said_at = m.end() if period is not None and period.type in ("year", "part") and not own else -1
        elif year is not None and (m.groupdict().get("rel") or "").lower() in ("今年", "本年", "this"):
            context_year = year  # "this year" is the article's own year; "last year" is usually a comparison
            year_in_text = True
        parts = [x for x in out if x.period is not None and x.period.type in ("half", "quarter", "month")]
        if period is not None and period.type == "year" and parts and re.match(r"\s*同期", norm[m.end() :]):
            # 2016年6月,新上线平台有47家,而2015年同期…达到207家: the same month of 2015. The period the text is
            # about, not one it compared with (截至2019年9月末…;较截至3月末的9272.21亿元…;较去年同期的8332家: 2018-Q3)
            dating = [x for x in parts if id(x) not in compared_mentions]
            same = (dating or parts)[-1].period
            period = _same_part_of(same, period.start.year) or period
            # 2012、2013年同期新增贷款分别为531亿元、434亿元: the years listed before it too
            k = len(out) - 1
            while k >= 0 and out[k].period is not None and out[k].period.type == "year":
                gap = norm[out[k].end : out[k + 1].start if k + 1 < len(out) else start]
                if not re.fullmatch(r"\s*(?:、|和|与|及|,|，)\s*", gap):
                    break
                shifted = _same_part_of(same, out[k].period.start.year)
                out[k] = Mention(out[k].start, out[k].end, shifted, out[k].year_written, out[k].as_of, out[k].anchored)
                k -= 1
        out.append(Mention(start, m.end(), period, written, as_of, anchored))
        if not compared:
            last_dating = out[-1]
        else:
            compared_mentions.add(id(out[-1]))
        if period is not None and period.type in ("month", "part") and kind != "lastmonth":
            last_month = period
            if not compared:  # ("at end-November the tally had been 1,099, against 1,718 in January, … that month")
                own_month = period
        last_end = m.end()
    return _months_sharing_a_year(norm, _listed_months(norm, out))


_EN_MONTH_JOIN = re.compile(r"\s*(?:and|or|&|,)\s*", re.IGNORECASE)


def _months_sharing_a_year(norm: str, mentions: list[Mention]) -> list[Mention]:
    """ "in September and October 2018": a month named alone before a month with its year has that year (the year
    before, if it comes later in the year: "December and January 2019")."""
    out = list(mentions)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if (
            a.period is not None
            and b.period is not None
            and a.period.type == b.period.type == "month"
            and not a.anchored
            and b.anchored
            and re.match(r"[A-Za-z]", norm[a.start : a.start + 1] or " ")
            and _EN_MONTH_JOIN.fullmatch(norm, a.end, b.start)
        ):
            year = b.period.end.year if a.period.end.month <= b.period.end.month else b.period.end.year - 1
            out[k] = Mention(a.start, a.end, month_period(year, a.period.end.month), b.year_written, a.as_of, True)
    return out


# 2017年7、8、9月: months listed before the one written with 月, each a month of the same year
# The words that join months listed together (7、8、9月, 6和7月); extract.py reads such lists too.
MONTH_LIST_JOIN = r"\s*[、,，和及与]\s*"
_MONTH_LIST = re.compile(rf"((?:(?:1[0-2]|0?[1-9]){MONTH_LIST_JOIN})+)$")
_LISTED_MONTH = re.compile(r"1[0-2]|0?[1-9]")


def _listed_months(norm: str, mentions: list[Mention]) -> list[Mention]:
    out = []
    for mention in mentions:
        p = mention.period
        listed = (
            _MONTH_LIST.search(norm, max(0, mention.start - 16), mention.start)
            if p is not None and p.type == "month" and re.match(r"\d", norm[mention.start : mention.start + 1])
            else None
        )
        if listed:
            for m in _LISTED_MONTH.finditer(norm, listed.start(1), listed.end(1)):
                if int(m[0]) < p.end.month:
                    period = month_period(p.end.year, int(m[0]))
                    out.append(Mention(m.start(), m.end(), period, mention.year_written, False, mention.anchored))
        out.append(mention)
    return out


def parse_article_date(text: str | None) -> date | None:
    if not text:
        return None
    from etl.periods import PeriodError, parse_date

    try:
        return parse_date(text)
    except PeriodError:
        return None
