# ruff: noqa: E501  (tables of patterns read best one per line)
"""Find every numeric claim in a text: the number as written, its value in base units, unit kind,
qualifier, period, subject and region. Pure: text in, claims out (no database).

Not claims: years and dates (they are periods), page numbers, phone numbers, times, ordinals
(第3, No. 3), numbers inside words (P2P, M3, 5G), URLs and HTML tags, view counters.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from etl.check import subjects as subj
from etl.check.numbers import (
    ARABIC,
    CN_NUMERAL,
    ENGLISH_WORDS,
    SCALES,
    NumberError,
    arabic,
    chinese,
    decimals_written,
    english,
    place_of_last_nonzero,
)
from etl.check.text import ENGLISH_STOP, clause_bounds, paragraphs, prepare, sentences, tag_spans
from etl.check.text import Spans as _Spans
from etl.check.when import (
    COMPARED_BY_MULTIPLE,
    COMPARED_FIGURE_EN,
    FIGURE_THEN_PERIOD_EN,
    MONTH_LIST_JOIN,
    SOME_TIME,
    ClaimPeriod,
    Mention,
    find_periods,
    half_period,
    month_end,
    month_period,
    months_of,
    moved_by_months,
    previous_period,
    quarter_period,
    span_period,
    year_period,
)

QUALIFIERS = ("exact", "about", "nearly", "more_than", "less_than", "range")


@dataclass
class Claim:
    start: int
    end: int
    quote: str
    value: float  # as written, in the written scale (1.22 for 1.22万亿元); a range's low end
    value_base: float  # in base units: yuan, count, percent, months
    value_high_base: float | None  # a range's high end
    tolerance_base: float  # half a unit of the last digit written (rounding), in base units
    step_base: float  # the place of the last non-zero digit, in base units (6000多: 1000)
    unit: str  # as written (亿元, 家, %, yuan, platforms, '')
    unit_kind: str
    qualifier: str
    period: ClaimPeriod | None
    subject: str | None
    region: str
    change: int = 0  # -1 / +1: the number is a decrease / increase, not a level
    currency: str = "CNY"
    notes: list[str] = field(default_factory=list)
    # Why a disagreement would not prove the claim wrong (several regions named, a span "since" a date):
    # the verdict is then unverifiable, never contradicted.
    doubts: list[str] = field(default_factory=list)
    regions: tuple[str, ...] = ()  # the list of regions the claim is said of together, when there is one
    alternatives: tuple[str, ...] = ()  # other subjects the words can mean (总数: in operation, or ever)


# --- spans that hold no claims -------------------------------------------------------------
_NOT_CLAIMS = re.compile(
    r"(?<!\d)(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8}|[48]00[- ]?\d{3}[- ]?\d{4}|[48]00\d{7})(?!\d)"  # phones
    r"|(?:拨打|热线|电话|致电|hotline|dial|call)\s*[:：]?\s*\d{3,5}(?!\d)"  # service numbers: 12378, 110
    r"|第\s*\d+\s*(?:页|頁|版|条|章|节|期|名|位|届|次|批)"  # page, article, rank
    r"|\b(?:p|pp|page|pages|No|no|Nr|Art|art|article|Article|section|Section|Table|Figure|Fig|Chapter|chapter|Box|Exhibit|"
    r"Exercise|Appendix|Annex|Chart|Panel)\.?\s*\d+(?:\.\d+)*|(?:(?<![\u4e00-\u9fff])|(?<=[如见見]))[图圖表]\s*\d+(?:\.\d+)*(?![\d.万亿億%])"
    r"|#\d+|\b(?:top|TOP|Top)\s*\d+|\b01\s*(?:Think\s*Tank|Caijing|Finance)\b"  # 01 Think Tank (零壹智库): a name
    r"|(?<!\d)(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)"  # 2025-02-12
    r"|(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)"  # times
    r"|(?<!\d)\d+\s*(?:人看过|人阅读|人浏览|次阅读|次浏览|人点赞|人收藏|阅读|浏览|views|likes|comments|shares)"
    r"|〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号|\(\d{4}\)\s*\d+\s*号|(?<!\d)\d+\s*号文"
    r"|(?<!\d)\d+(?:·|\.)15(?=晚会|消费者)|第[一二三四五六七八九十百]+"
    r"|(?<![\d一二三四五六七八九十百千两])[万萬]得"  # 万得 (Wind), the data vendor: a name, not ten thousand
    r"|(?:^|(?<=\n))[ \t\u3000]*\d{1,2}\s*[.、．](?!\d)"  # a section's or list item's number: "1. 平台数量"
)

# A news dateline ("BEIJING, July 8 (Xinhua) --", 新华社北京7月8日电) is when the article was filed,
# not the period of its figures.
_DATELINE = re.compile(
    r"\b[A-Z][A-Z .]{2,20},\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,\s*\d{4})?\s*(?:\([A-Za-z ]+\)\s*)?(?=--|—|–|\()"
    r"|(?:新华社|新華社|新华网|新華網|中新网|中新網|中新社|人民网|人民網|央视网|央視網)[^\s,，。]{0,6}?\d{1,2}月\d{1,2}日(?:电|電|讯|訊)"
)

# --- units written after a number (longest first) ---------------------------------------------
_ZH_UNIT = re.compile(
    r"\s*(?P<unit>万亿元|亿元|万元|千元|元人民币|元|亿美元|万美元|美元|家|个平台|个机构|个网贷平台|个多月|多个月|个月|个百分点|个基点|基点|"
    r"个季度|个省份|个省市|个省区|个省|省份|省市|省|个年头|年头|载|个|人次|万人|人|名|位|户|件|起|宗|条|笔|"
    r"百分点|%|BP|bp|通|张|倍|天|日|年|岁|次|小时|分钟|周|月|米|平方米|公里|成(?![交立为為功本员員长長果熟都效型绩績本]))"
)
_EN_UNIT_AFTER = re.compile(
    r"\s*(?P<unit>%|percentage points?|basis points?|bps\b|per ?cent|yuan|renminbi|RMB|CNY|kuai|U\.?S\.? dollars|dollars|USD|times|years?|"
    r"days?|hours?|months?|weeks?|fold|x\b)",
    re.IGNORECASE,
)
_EN_NOUN = re.compile(
    r"(?P<noun>platforms?|(?:web)?sites?|portals?|marketplaces?|providers?|start-?ups|outfits|collapses|compan(?:y|ies)|firms?|lenders?|institutions?|operators?|organi[sz]ations?|players?|"
    r"entities|licen[cs]es?|people|persons?|investors?|borrowers?|users?|employees|staff|workers|suspects|individuals|"
    r"debtors|residents|customers|clients|accounts|complaints?|cases|lawsuits|disputes|calls|months|loans|MFIs?|"
    r"micro-?lenders|microfinance institutions|micro-?credit (?:firms|companies)|provinces|cities|countries|banks|syndicates|gangs|businesses)\b",
    re.IGNORECASE,
)
_FOREIGN_CODE = {"新台币": "TWD", "台币": "TWD", "港币": "HKD", "港元": "HKD", "澳门元": "MOP", "日元": "JPY",
                 "欧元": "EUR", "英镑": "GBP", "韩元": "KRW", "美金": "USD"}  # fmt: skip
_FOREIGN_BEFORE = re.compile(rf"(?P<cur>{'|'.join(_FOREIGN_CODE)})\s*(?:约|近|超过|逾)?\s*$")
_CURRENCY_BEFORE = re.compile(r"(?P<cur>US\$|HK\$|\$|USD|RMB|CNY|¥|￥|yuan)\s*$", re.IGNORECASE)

_UNIT_KIND = {
    "万亿元": subj.MONEY, "亿元": subj.MONEY, "万元": subj.MONEY, "千元": subj.MONEY, "元人民币": subj.MONEY,
    "元": subj.MONEY, "亿美元": subj.MONEY, "万美元": subj.MONEY, "美元": subj.MONEY,
    "家": subj.ENTITIES, "个平台": subj.ENTITIES, "个机构": subj.ENTITIES, "个网贷平台": subj.ENTITIES,
    "万人": subj.PERSONS, "人": subj.PERSONS, "名": subj.PERSONS, "位": subj.PERSONS, "户": subj.PERSONS,
    "件": subj.CASES, "起": subj.CASES, "宗": subj.CASES, "条": subj.CASES, "笔": subj.CASES,
    "人次": subj.PERSONS,
    "个月": subj.MONTHS, "张": subj.ENTITIES, "%": subj.PERCENT, "个基点": subj.OTHER, "基点": subj.OTHER,
    "倍": subj.OTHER, "成": subj.PERCENT, "个百分点": subj.PERCENT, "百分点": subj.PERCENT, "通": subj.CALLS,
    "个多月": subj.MONTHS, "多个月": subj.MONTHS, "BP": subj.OTHER, "bp": subj.OTHER,
    # Counts of provinces (在五省试点, 22个省) and of quarters, ages, times: claims no series holds.
    "个季度": subj.OTHER, "个省份": subj.OTHER, "个省市": subj.OTHER, "个省区": subj.OTHER, "个省": subj.OTHER,
    "省份": subj.OTHER, "省市": subj.OTHER, "省": subj.OTHER, "岁": subj.OTHER, "次": subj.OTHER, "年": subj.OTHER,
}  # fmt: skip
# 十年, 10余年, 三四年间, 十多年的时间: a number of years. 14年和15年 (years written short) and 3年期 are not.
_YEARS_OF_TIME = re.compile(r"(?:间|之久|的时间|时间|历史|以来|来|内|多)")
# 发展已11年, 过去3年, 连续3年, 花了7年: a number of years, not a year written short
_DURATION_BEFORE = re.compile(r"(?:已|已经|近|过去|连续|持续|长达|历时|花了|用了|不到|仅|短短|将近|经过|了)\s*$")
_UNIT_FACTOR = {"成": Decimal(10), "个基点": Decimal("0.01"), "基点": Decimal("0.01"), "BP": Decimal("0.01"),
                "bp": Decimal("0.01"), "万亿元": Decimal(10) ** 12, "亿元": Decimal(10) ** 8, "万元": Decimal(10) ** 4, "千元": Decimal(1000),
                "亿美元": Decimal(10) ** 8, "万美元": Decimal(10) ** 4, "万人": Decimal(10) ** 4}  # fmt: skip
_NOT_A_CLAIM_UNIT = {
    "天",
    "日",
    "年",
    "岁",
    "次",
    "小时",
    "分钟",
    "周",
    "月",
    "米",
    "平方米",
    "公里",
    "个",
}
_EN_NOUN_KIND = {
    "platform": subj.ENTITIES, "site": subj.ENTITIES, "websit": subj.ENTITIES, "portal": subj.ENTITIES,
    "marketplace": subj.ENTITIES, "provider": subj.ENTITIES, "start": subj.ENTITIES, "outfit": subj.ENTITIES,
    "collapse": subj.ENTITIES, "compan": subj.ENTITIES, "firm": subj.ENTITIES, "lender": subj.ENTITIES,
    "institution": subj.ENTITIES, "operator": subj.ENTITIES, "organi": subj.ENTITIES, "player": subj.ENTITIES,
    "entities": subj.ENTITIES, "licen": subj.ENTITIES, "complaint": subj.CASES, "case": subj.CASES,
    "lawsuit": subj.CASES, "dispute": subj.CASES, "call": subj.CALLS, "month": subj.MONTHS, "loan": subj.OTHER,
    "mfi": subj.ENTITIES, "micro": subj.ENTITIES, "province": subj.OTHER, "cit": subj.OTHER, "countr": subj.OTHER,
    "bank": subj.ENTITIES, "syndicate": subj.OTHER, "gang": subj.OTHER, "business": subj.ENTITIES,
}  # fmt: skip

# --- qualifiers ------------------------------------------------------------------------------
# "edged up to 9.76%", "climbing up to 1.2 trillion": a rise to the number, not a bound (but "lending up to 24%",
# "rates of up to 36%" are bounds: the verbs are listed, not any word in -ed or -ing)
_ROSE_UP = "".join(
    rf"(?<!\b{verb} )"
    for verb in (
        "rose", "risen", "rising", "grew", "grown", "growing", "went", "gone", "going", "edged", "edging", "climbed",
        "climbing", "moved", "moving", "inched", "inching", "ticked", "ticking", "jumped", "jumping", "crept",
        "creeping", "shot", "shooting", "bounced", "bouncing", "spiked", "spiking", "soared", "soaring", "ramped",
        "ramping", "headed", "heading", "trended", "trending", "picked", "picking", "revised", "revising", "stepped",
        "stepping", "crawled", "crawling",
    )
)  # fmt: skip
_QUAL_BEFORE = [
    # 跌破6000家 (fell below 6,000): a bound from above, before 破 is read as 突破 (broke through).
    ("less_than", r"(?:跌破了?|跌穿|fell below|fallen below|dropped below|dipped below|slipped below)\s*$"),
    ("more_than", r"(?:超过了?|超出|超|逾|(?<![走经度通跨越])过|多于|高于|突破|破|不止|(?:至少|最少)(?:有|为|為|达|達|在)?|more than|over|above|in excess of|upwards of|exceeding|exceeded|exceeds?|at least|just over|topped|tops?|surpassed|surpassing|surpass(?:es)?|passed|crossed|broke through|as many as|as much as"
     r"|(?:passed|crossed|topped|surpassed|broke through|hit) the)\s*$"),  # "passed the CNY1 trillion mark"
    ("nearly", r"(?<![最附])(?:将近|接近|逼近|几近|近|快|nearly|almost|close to|just under|approaching|nearing)\s*$"),
    # 保守估计为3.36万亿元: a conservative estimate is a floor
    ("more_than", r"保守估计(?:为|达到?)?\s*$"),
    ("about", r"(?:大约|约为|约合|约|大概|差不多|估计|预计|around|about|approximately|roughly|some|an estimated|estimated|circa|~)\s*$"),
    ("less_than", r"(?:不到|不足|少于|低于|未超过|不超过|未满|less than|fewer than|under|below|no more than|at most|(?<!\bback )" + _ROSE_UP + r"up to)\s*$"),  # (not "edging back up to 9.15%": a rise to it)
]  # fmt: skip
_QUAL_BEFORE = [(q, re.compile(p, re.IGNORECASE)) for q, p in _QUAL_BEFORE]
_QUAL_AFTER_UNIT = re.compile(
    r"\s*(?P<q>左右|上下|前后|以上|有余|之多|以下|以内|or more|or so|plus|and more)", re.IGNORECASE
)
_QUAL_AFTER_NUMBER = re.compile(r" ?(?P<q>余|多|来|几)")  # 8000 多傢: pages that space out their numbers
_RANGE_JOIN = re.compile(r"\s*(?:-|~|～|至|到|—|–|to|and)\s*", re.IGNORECASE)
_VAGUE = {"数": (2, 9), "几": (2, 9), "上": None}

_CHANGE_DOWN = re.compile(r"减少|下降|下滑|降低|回落|缩减|降幅|减幅|跌|降|减|少了|down|lower|fell|dropped|declined|decreased|"
                          r"plunged|slid|shrank|shrunk|contracted|slumped|decline|drop|fall|decrease|plunge|decreasing|declining|"
                          r"falling|dropping|shrinking", re.IGNORECASE)  # fmt: skip
_CURRENTLY = re.compile(
    r"目前|当前|现在|如今|至今|截至目前|迄今|currently|now|so far|to date|at present|today", re.IGNORECASE
)
# "only 29 operators remain", "still have 800 billion yuan unpaid", "has been reduced to only 29": up to now, when
# nothing else in the text dates the figure (weaker than "now": a period named before still does)
_PRESENT_EN = re.compile(
    r"\bremain(?:s|ing)?\b|\bstill (?:have|has|hold|holds|owe|owes)\b"
    r"|\b(?:has|have) (?:been )?(?:reduced|shrunk|fallen|dropped|declined|decreased|risen|grown|increased|dwindled)\b",
    re.IGNORECASE,
)
_FORECAST = re.compile(
    r"或将|有望|预测|将达到|将突破|将超过|将达|(?:很有|很|有)可能(?:会|将)?(?:跌|降|突破|超过|达到|升|涨)|forecast|projected|"
    r"is expected to|are expected to|will reach|could reach|would reach|is set to|(?:is|are) likely to"
    # "they expect the number of P2P lenders to contract to fewer than 200"
    r"|\bexpects? (?:[\w-]+ ){1,8}?to (?:contract|shrink|fall|drop|decline|rise|grow|reach|increase|exceed|hit)\b",
    re.IGNORECASE,
)
_EXPECTS = re.compile(r"预计|预测|预期|预估|forecasts?|predicts?|expects?|projects?", re.IGNORECASE)
_WILL = re.compile(r"将|会|\b(?:will|would|could)\b", re.IGNORECASE)
_PER_TIME = re.compile(
    r"(?:每月|月均|每天|每日|日均|每年|年均|每周|per month|a month|each month|monthly|per day|a day|each day|daily|per year|a year|annually)\S{0,12}$",
    re.IGNORECASE,
)
# ("8,133 a year earlier" is the figure of the year before, not one per year.)
_PER_TIME_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:per|a|each)\s+(?:day|month|week|year)\b(?!\s+(?:earlier|before|ago|prior|later)\b)"
    r"|\s*/\s*(?:天|月|日|day|month)",
    re.IGNORECASE,
)
_SUBGROUP = re.compile(
    r"(?:其中|of which|among them|including)[^。；;]*、[^。；;]*$|前\s*$|(?:最高|最多|最大|排名前)的\s*$"
    r"|\b(?:top|the largest|the biggest)\s*$",
    re.IGNORECASE,
)
# A part of what the sentence counts: some platforms, "of which 93", 京津沪渝四个直辖市 (a group of regions).
_SUBSET_BEFORE = re.compile(
    r"(?:(?<!本金)(?<!一)(?<!大)部分(?!数据)|有平台|有的平台|有些平台|上榜|入榜|入选|某些|个别|個別|一些|少数|少數|其中|其他|其余|头部机构|头部公司|头部平台|龙头|\bleading (?:firms|companies|platforms)\b|\bsome (?:of|platforms|companies|firms|lenders)\b|\bcertain\b"
    r"|\bof (?:which|whom|them|these)\b|\bamong (?:them|these)\b"
    r")"
    # (not 大陆31个省市, the 31 provinces: all of them)
    r"|(?<!全国)(?<!全國)(?<!分布在)(?<!分布于)(?<!覆盖)(?<!遍布)(?<![一二三四五六七八九十两兩\d])(?!(?:31|三十一)(?!\d))[一二三四五六七八九十两兩\d]+\s*[个個]?(?:直[辖轄]市|省份|省市|省区|省區|地区|地區|\s(?:provinces|municipalities|regions))",
    re.IGNORECASE,
)
# "離單月2000億元大關一步之遙" (a step away from 200 bn), "short of the 2,000 mark": a mark the figure did
# not reach, not a figure of the text.
_MARK_BEFORE = re.compile(r"(?:离|離|距离|距離|距|冲击|衝擊|冲刺|衝刺|away from|short of)\S{0,8}\s*$", re.IGNORECASE)
# "长时间网站无法访问511家,占比70.87%", "49 (27%)", "85 platforms, accounting for 11.8%": one part of a
# breakdown of a whole, each given with its share.
_SHARE_AFTER = re.compile(
    r"\s*(?:[,，、]?\s*(?:占比|佔比|占|占到|占据|accounting for|or|making up|representing)\s*(?:了|约|近)?\s*"
    r"(?:[^,，。;；]{0,12}的)?\s*\d+(?:\.\d+)?\s*%|[(（]\s*\d+(?:\.\d+)?\s*%\s*[)）])",
    re.IGNORECASE,
)
# "..., including cash withdrawal difficulties for 49, the absconding of three": the items of a list that
# follows "including" are parts of what the sentence counts.
_INCLUDING_BEFORE = re.compile(r"\b(?:including|such as|among which)\b[^。；;!?]*$", re.IGNORECASE)
# "About 97 of them are registered in Guangdong", "two of these": a part of a count said just before,
# with no noun of its own. It counts what that count counts; no series holds the part.
_PART_OF_AFTER = re.compile(r"\s+(?:of|among)\s+(?:them|these|those|which|whom)\b", re.IGNORECASE)
# "home to 64, 55, 23, 22 and 16 of them": each number of a bare list that ends in "and N of them" (not "there were
# just 78, 28 of them in Guangdong": the whole, then its part)
_LISTED_PART_OF_AFTER = re.compile(
    r"(?:(?:\s*,\s*\d(?:[\d,.]*\d)?)*(?:,?\s+and\s+)\d(?:[\d,.]*\d)?)?" + _PART_OF_AFTER.pattern,
    re.IGNORECASE,
)
_SINCE_AFTER = re.compile(r"\s*(?:以来|以來|至今|以后|以後)")
_SINCE_BEFORE = re.compile(r"\bsince\s*$", re.IGNORECASE)
_NEGATIVE_CONTEXT = re.compile(
    r"(?:(?<!综合)(?<!平均)年利率|利率上限|红线|不得超过|不得|不能|不应|不可|最高不得|上限为?|threshold|cap of|capped at|must not exceed|"
    r"shall not exceed|may not exceed)\s*$",
    re.IGNORECASE,
)
# 超过60%的平台就有19家: a share that qualifies what is counted (the platforms above 60 %), not a figure.
_QUALIFIES_A_NOUN = re.compile(
    r"的(?:平台|机构|公司|企业|用户|借款人|投资人|投诉|客户|网贷平台|项目|标的|借款|贷款|产品)"
)


@dataclass
class _Token:
    start: int
    end: int  # end of the number (with its scale word)
    value: Decimal  # with the scale applied
    decimals: int
    scale: Decimal
    written: str
    vague: tuple[int, int] | None = None  # 数千: (2, 9) x scale


def _in(spans, pos: int) -> bool:
    if isinstance(spans, _Spans):
        return pos in spans
    return any(a <= pos < b for a, b in spans)


_SCALE_ZH = r"(?:万亿|千万|百万|亿|万|千|兆(?=元|人民币))"
_SCALE_EN = r"(?:\s*(?:trillion|billion|million|thousand|bln|trln|trn|mln|bn|tn|mn)\b|(?:bln|mln|trn|bn|tn|mn|m|k)\b)"
_NUMBER_ZH = re.compile(rf"(?P<num>{ARABIC})\s*(?P<scale>{_SCALE_ZH})?")
_NUMBER_EN_SCALE = re.compile(rf"(?P<scale>{_SCALE_EN})", re.IGNORECASE)
_CN_RUN = re.compile(rf"(?P<vague>[数几上])?(?P<run>{CN_NUMERAL}+)")
_ZERO = re.compile(
    r"(?:降至|降为|降到|减至|减少到|减为|下降到|下降至|为|至|to|reached|at|down to)\s*(?P<zero>零|0|zero)(?![0-9.])"
    r"|(?P<whole>完全|全部)归零",  # 网贷机构数量已完全归零: "fully to zero", a count of zero
    re.IGNORECASE,
)
_ORDER_OF_SIZE = re.compile(r"\s*(?:级别|量级|级)")  # 万亿元级别, 千亿级: an order of size, not a figure
_FRACTION_ZH = re.compile(r"(?P<whole>[一二三四五六七八九十两]{1,3})分之(?P<part>[一二三四五六七八九十两]{1,3})")
_SLASH_FRACTION = re.compile(r"(?<![\d/.,])(?P<part>[1-9])/(?P<whole>[2-9]|10)(?![\d/.])")
_PERCENT_ZH = re.compile(rf"百分之(?P<run>{CN_NUMERAL}+|\d+(?:\.\d+)?)")
# 一半, 半数, 近半, 过半, "nearly half", "half of": a share of 50 % (not 半年, 上半年, "the first half")
_HALF = re.compile(
    r"一半|半数|半數|(?<=[近过過超逾])半(?![年月天日小])|(?:(?<=nearly )|(?<=almost )|(?<=than )|(?<=over ))half\b"
    r"|\bhalf(?= of\b)",
    re.IGNORECASE,
)


def _tokens(norm: str, masked: list[tuple[int, int]]) -> list[_Token]:
    out: list[_Token] = []
    masked, taken = _Spans(masked), _Spans()

    def add(token: _Token):
        if token.start in masked or token.start in taken:
            return
        out.append(token)
        taken.add(token.start, token.end)

    for m in _PERCENT_ZH.finditer(norm):
        run = m["run"]
        try:
            value = arabic(run) if run[0].isdigit() else chinese(run)
        except NumberError:
            continue
        decimals = decimals_written(run) if run[0].isdigit() else (len(run.split("点", 1)[1]) if "点" in run else 0)
        add(_Token(m.start(), m.end(), value, decimals, Decimal(1), m.group(0)))
    for m in _SLASH_FRACTION.finditer(norm):
        # 1/3, 超过1/4: a share, in percent (not 24/7, dates or scores: a part smaller than a whole of 2-10)
        part, whole = int(m["part"]), int(m["whole"])
        if part < whole:
            add(_Token(m.start(), m.end(), Decimal(part) / Decimal(whole) * 100, 1, Decimal(1), "分之"))
    for m in _NUMBER_ZH.finditer(norm):
        number, scale_word = m["num"], m["scale"]
        end = m.end() if scale_word else m.end("num")
        scale = SCALES[scale_word] if scale_word else Decimal(1)
        if not scale_word:
            en = _NUMBER_EN_SCALE.match(norm, m.end("num"))
            if en:
                scale_word = en["scale"].strip().lower()
                scale = SCALES[scale_word]
                end = en.end()
        if not scale_word and re.match(r"[A-Za-z]", norm[end : end + 1]) and not _EN_UNIT_AFTER.match(norm, end):
            continue  # 9th, 5G, 3D, 2B: part of a word, not a figure
        try:
            value = arabic(number)
        except NumberError:
            continue
        add(_Token(m.start(), end, value * scale, decimals_written(number), scale, number))
    for m in _CN_RUN.finditer(norm):
        run = m["run"]
        start = m.start("run")
        if _in(taken, start):
            continue
        if run in ("万", "亿", "万亿") and _SCALE_OF_NUMBER_BEFORE.search(norm, max(0, start - 3), start):
            continue  # the 亿 of 600多亿 / 5个亿: the scale of the number before, not a number
        if run.endswith("点"):
            run = run[:-1]
        if run == "百" and norm.startswith("分", m.end()):
            continue  # the 百 of 个百分点 or 百分比: a word, not a hundred
        if not run or len(run) > 24:
            continue
        if len(run) == 1 and run not in "十百千万亿" and not (run != "一" and _LONE_DIGIT_COUNT.match(norm, m.end())):
            continue  # 一家, 三是: a lone digit character is not a figure (五省, 三次, 四个多月 are counts)
        pair = re.fullmatch(r"([一二三四五六七八九])([一二三四五六七八九])(?P<magnitude>[十百千]?(?:万|亿|万亿)?)", run)
        if (
            pair
            and chinese(run[1]) == chinese(run[0]) + 1
            and (pair["magnitude"] or _LONE_DIGIT_COUNT.match(norm, m.end()))
        ):
            # 三四年间, 五六家: "three or four", a loose size; 五六千家, 七八十亿元: five or six thousand
            low, magnitude = chinese(run[0]), pair["magnitude"]
            size = chinese("一" + magnitude) if magnitude else Decimal(1)
            scale = next((SCALES[w] for w in ("万亿", "亿", "万") if magnitude.endswith(w)), Decimal(1))
            add(_Token(start, m.end(), size, 0, scale, run, (int(low), int(low) + 1)))
            continue
        try:
            value = chinese(run)
        except NumberError:
            continue
        scale = Decimal(1)
        for word, factor in (("万亿", SCALES["万亿"]), ("亿", SCALES["亿"]), ("万", SCALES["万"])):
            if run.endswith(word) and len(run) > len(word):
                scale = factor
                break
        vague = None
        magnitude = run and re.fullmatch(r"[十百千]?(?:万|亿|万亿)?", run)  # 百, 十万, 百亿, 千万
        if m["vague"] in ("数", "几") and magnitude:
            vague = (2, 9)
            start = m.start()
        elif m["vague"] == "上" and magnitude and run != "十":
            start = m.start()
        decimals = len(run.split("点", 1)[1]) if "点" in run else 0
        add(
            _Token(
                start,
                m.start("run") + len(run),
                value,
                decimals,
                scale,
                m.group(0)[: m.start("run") - m.start() + len(run)],
                vague,
            )
        )
    for m in _FRACTION_ZH.finditer(norm):
        # 四分之一, 不到五分之一: a share, in percent (a quarter = 25 %)
        try:
            whole, part = chinese(m["whole"]), chinese(m["part"])
        except NumberError:
            continue
        if whole:
            add(_Token(m.start(), m.end(), part / whole * 100, 1, Decimal(1), m.group(0)))
    for m in _HALF.finditer(norm):  # ("the first half of 2018" is a period: its span is masked)
        add(_Token(m.start(), m.end(), Decimal(50), 0, Decimal(1), "二分之一"))  # read as a share, in percent
    for m in _ZERO.finditer(norm):
        group = "zero" if m["zero"] else 0
        add(_Token(m.start(group), m.end(group), Decimal(0), 0, Decimal(1), m[group]))
    for m in _VAGUE_EN.finditer(norm):
        # "thousands of savers", "tens of millions of investors", "dozens of platforms": a loose size, 2-9 x
        size = Decimal(1)
        for word in m["size"].lower().replace(" of ", " ").split():
            size *= _VAGUE_EN_SIZE[word]
        add(_Token(m.start(), m.end("size"), size, 0, Decimal(1), m["size"], (2, 9)))
    for m in re.finditer(ENGLISH_WORDS, norm, re.IGNORECASE):
        words = m.group(0)
        if words.lower() in ("one", "a", "zero") or _in(taken, m.start()):
            continue
        try:
            value = english(words)
        except NumberError:
            continue
        if value == 0:
            continue
        add(_Token(m.start(), m.end(), value, 0, Decimal(1), words))
    out.sort(key=lambda t: t.start)
    return out


_VAGUE_EN_SIZE = {"tens": Decimal(10), "dozens": Decimal(12), "hundreds": Decimal(100), "thousands": Decimal(1000),
                  "millions": Decimal(10) ** 6, "billions": Decimal(10) ** 9, "trillions": Decimal(10) ** 12}  # fmt: skip
_VAGUE_EN = re.compile(
    r"\b(?P<size>(?:(?:tens|hundreds) of )?(?:hundreds|thousands|millions|billions|trillions)|dozens)\b", re.IGNORECASE
)
_LONE_DIGIT_COUNT = re.compile(
    r"(?:个多月|多个月|个月|个季度|个省份|个省市|个省|省份|省市|省(?![份市区内级委政])|次|年间|年|载|家|岁|天|个小时|小时|周|倍|成(?![交立为為功本员員长長果熟都效型绩績]))"
)
_SCALE_OF_NUMBER_BEFORE = re.compile(r"\d\s*[多余来个]$")
# 善林财富600多亿, 月成交金额大约5个亿: a scale after 多/余/来 or 个, with no 元: yuan, colloquially.
_SCALE_AFTER = re.compile(r"(?:个)?(?P<scale>万亿|亿)(?![元美])")


# Where the words that may name what an English number counts end (not "1,931 twelve months earlier": another
# number; but the 2 of P2P is a letter's)
_EN_NOUN_STOP = re.compile(
    r"[,.;:!?，。；（(]|(?<![A-Za-z])\d|\b(?:and|from|to|in|by|at|for|with|which|that"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)\b",
    re.IGNORECASE,
)


def _unit_after(norm: str, token: _Token) -> tuple[str, str, Decimal, int, str]:
    """(unit as written, kind, factor to base, end of the unit, currency)."""
    pos = token.end
    if token.written.startswith("百分之") or "分之" in token.written:
        return "%", subj.PERCENT, Decimal(1), token.end, "CNY"  # 百分之九点四五, 四分之一
    suffix = _QUAL_AFTER_NUMBER.match(norm, pos)
    if suffix and suffix["q"] in "余多来":
        pos = suffix.end()
    scale = _SCALE_AFTER.match(norm, pos) if token.scale == 1 else None
    if scale and (pos > token.end or scale.group(0).startswith("个")):
        return scale["scale"], subj.MONEY, SCALES[scale["scale"]], scale.end(), "CNY"
    m = _ZH_UNIT.match(norm, pos)
    if m:
        unit = m["unit"]
        if unit == "年" and not (
            not token.written[:1].isdigit()
            or pos > token.end
            or _YEARS_OF_TIME.match(norm, m.end())
            or _DURATION_BEFORE.search(norm, max(0, token.start - 4), token.start)
        ):
            return unit, "skip", Decimal(1), m.end(), "CNY"
        if unit == "省" and re.match(r"[份市区内级委政]", norm[m.end() : m.end() + 1]):
            return unit, "skip", Decimal(1), m.end(), "CNY"  # 省级, 省委: a word, not a count of provinces
        if unit in ("年", "个年头", "年头", "载"):
            return unit, subj.MONTHS, Decimal(12), m.end(), "CNY"  # 发展已11年, 12个年头: a duration, in months
        if unit == "个":
            return unit, subj.OTHER, Decimal(1), m.end(), "CNY"  # 147个, 17个罪名: a count of something
        if unit in _NOT_A_CLAIM_UNIT and unit not in ("岁", "次", "天", "小时", "周"):
            return unit, "skip", Decimal(1), m.end(), "CNY"
        currency = "USD" if "美元" in unit else "CNY"
        if unit in ("万亿元", "亿元", "万元", "千元", "元") and (
            foreign := _FOREIGN_BEFORE.search(norm, max(0, token.start - 6), token.start)
        ):
            currency = _FOREIGN_CODE[foreign["cur"]]  # 约合新台币315亿元, 港币50亿元: 元 of another currency
        return unit, _UNIT_KIND.get(unit, subj.OTHER), _UNIT_FACTOR.get(unit, Decimal(1)), m.end(), currency
    m = _EN_UNIT_AFTER.match(norm, pos)
    if m:
        unit = m["unit"].lower()
        if unit in ("%", "percent", "per cent", "percentage point", "percentage points"):
            return m["unit"], subj.PERCENT, Decimal(1), m.end(), "CNY"
        if unit in ("yuan", "renminbi", "rmb", "cny", "kuai"):
            return m["unit"], subj.MONEY, Decimal(1), m.end(), "CNY"
        if unit.endswith("dollars") or unit == "usd":
            return m["unit"], subj.MONEY, Decimal(1), m.end(), "USD"
        if unit.startswith("month"):
            return m["unit"], subj.MONTHS, Decimal(1), m.end(), "CNY"
        if unit.startswith("year"):
            return m["unit"], subj.MONTHS, Decimal(12), m.end(), "CNY"  # "5 years": a duration, in months
        if unit.startswith("basis point") or unit == "bps":
            return m["unit"], subj.OTHER, Decimal("0.01"), m.end(), "CNY"  # in percentage points: 32 bp = 0.32
        # "one to two years", "30 days", "10 times": durations and multiples no series holds
        return m["unit"], subj.OTHER, Decimal(1), m.end(), "CNY"
    before = norm[max(0, token.start - 6) : token.start]
    cur = _CURRENCY_BEFORE.search(before)
    if cur:
        currency = "CNY" if cur["cur"].upper() in ("RMB", "CNY", "¥", "￥", "YUAN") else "USD"
        return "", subj.MONEY, Decimal(1), token.end, currency
    # English: a noun a few words on names what is counted (1082 regularly operating P2P platforms)
    window = norm[pos : pos + 60]
    stop = _EN_NOUN_STOP.search(window)
    segment = window[: stop.start()] if stop else window
    noun = _EN_NOUN.search(segment)
    if noun and len(segment[: noun.start()].split()) <= 4:
        word = noun["noun"].lower()
        kind = next((k for prefix, k in _EN_NOUN_KIND.items() if word.startswith(prefix)), subj.PERSONS)
        if word.startswith("lender") and token.value * token.scale >= 100_000:
            kind = subj.PERSONS  # "2.1 million active lenders": people who lend, not lending firms
        return noun["noun"], kind, Decimal(1), token.end, "CNY"
    if token.scale >= SCALES["亿"] and re.search(r"[亿万]$", token.written + norm[token.start : token.end][-1:]):
        return "", subj.MONEY, Decimal(1), token.end, "CNY"  # 超过8000亿: Chinese money without 元
    return "", "", Decimal(1), token.end, "CNY"


def _qualifier(
    norm: str, start: int, after_number: int, after_unit: int, clause_start: int
) -> tuple[str, int, int, str]:
    """(qualifier, new start, new end, suffix kind) from words just before the number and after it."""
    # "more than CNY1 trillion", "passed the Rmb1 trillion mark": the qualifier stands before the currency
    currency = _CURRENCY_BEFORE.search(norm, max(clause_start, start - 6), start)
    words_end = currency.start() if currency else start
    before = norm[max(clause_start, words_end - 14) : words_end]
    qualifier, new_start, new_end, suffix_kind = "exact", start, after_unit, ""
    for name, pattern in _QUAL_BEFORE:
        m = pattern.search(before)
        if m:
            qualifier, new_start = name, words_end - (len(before) - m.start())
            break
    suffix = _QUAL_AFTER_NUMBER.match(norm, after_number)
    if suffix and suffix["q"] in "余多来" and after_unit > after_number:
        qualifier, suffix_kind = ("about" if suffix["q"] == "来" else "more_than"), "step"
    m = _QUAL_AFTER_UNIT.match(norm, after_unit)
    if m:
        q = m["q"].lower()
        new_end = m.end()
        if q in ("左右", "上下", "前后", "or so"):
            qualifier = "about"
        elif q in ("以下", "以内"):
            qualifier = "less_than"
        else:
            qualifier, suffix_kind = "more_than", suffix_kind or "open"
    return qualifier, new_start, new_end, suffix_kind


class _Index:
    """Hits sorted by start, read by range in O(log n): every claim looks at a window of text."""

    def __init__(self, items, start=lambda h: h.start, end=lambda h: h.end):
        self.items = sorted(items, key=start)
        self.starts = [start(h) for h in self.items]
        self._end = end

    def within(self, lo: int, hi: int) -> list:
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [h for h in self.items[i:j] if self._end(h) <= hi]


@dataclass
class _Context:
    norm: str
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    mentions: list[Mention]
    regions: list[tuple[re.Pattern, str]]
    main_sector: str | None
    article: date | None
    sentence_starts: list[int] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    measures: _Index | None = None
    sectors: _Index | None = None
    modifiers: _Index | None = None
    region_hits: _Index | None = None
    mention_index: _Index | None = None
    when_index: _Index | None = None
    lead_period: Mention | None = None  # the article's first "as of" period
    asides: frozenset = frozenset()  # the sector hits named in an aside (_in_an_aside), found once per text


def _paragraph_of(ctx: _Context, pos: int) -> tuple[int, int]:
    index = bisect_right(ctx.paragraph_starts, pos) - 1
    return ctx.paragraphs[index] if index >= 0 else (0, len(ctx.norm))


def _same_or_last_paragraph(ctx: _Context, antecedent: Claim, pos: int, claims: list[Claim]) -> bool:
    """The antecedent of "of them" is in the paragraph of `pos`, or in the one before when no number comes before
    `pos` in its own ("China had 280 online microlending companies …" / "Guangdong … were home to 64, 55 … of
    them")."""
    here = _paragraph_of(ctx, pos)
    if _paragraph_of(ctx, antecedent.start) == here:
        return True
    if here[0] == 0 or any(here[0] <= c.start < pos for c in claims):
        return False
    return _paragraph_of(ctx, antecedent.start) == _paragraph_of(ctx, here[0] - 1)


LONG_SENTENCE = 600  # characters; a longer "sentence" (a table, a list without stops) is read in a window


def _sentence_of(ctx: _Context, pos: int) -> tuple[int, int]:
    index = bisect_right(ctx.sentence_starts, pos) - 1
    if index < 0 or pos >= ctx.sentences[index][1]:
        return (pos, pos + 1)
    start, end = ctx.sentences[index]
    if end - start > LONG_SENTENCE:
        half = LONG_SENTENCE // 2
        return max(start, pos - half), min(end, pos + half)
    return start, end


def _nearest(hits, pos: int, end: int):
    """The hit closest to the number [pos, end); on a tie, the one before it."""

    def gap(h):
        return (pos - h.end) if h.end <= pos else (h.start - end) + 0.5 if h.start >= end else 0

    return min(hits, key=gap) if hits else None


# What joins the items of a list: 、 和 及 与, a comma (with "and" after it or not), " and ", " & "
# (a currency before the next number: "1,680, RMB 329.2 billion and RMB 139.0 billion")
_IN_A_LIST = re.compile(
    r"\s*(?:[、,，]\s*(?:and\s+|和|及|与)?|\s(?:and|&)\s|和|及|与|與)\s*(?:(?:RMB|CNY|Rmb|US\$|HK\$|\$|¥|￥)\s*)?",
    re.IGNORECASE,
)


_THESE_NUMBERS = re.compile(
    r"这两个数字|这两个数据|这两项数据|这两项|这两者|两者|these two (?:figures|numbers)|the two figures", re.I
)
_QUARTERS_TO = re.compile(r"([一二三1-3])(?:季度末?)?\s*(?:至|到|-|—|–)\s*([二三四2-4])季度末?")
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _respectively(ctx: _Context, sentence, claim_start: int, kind: str, siblings: list[tuple[int, str]]):
    """For '...A、B分别为x、y' / 'A and B ... respectively': the index of this number among its
    siblings, and the measures and regions listed before the 分别."""
    text = ctx.norm[sentence[0] : sentence[1]]
    # (the 分别/依次 before the number, the "respectively" after it: 依次为江苏省、辽宁省及广东省,机构数分别为562家…)
    found = list(re.finditer(r"分别|依次|respectively", text, re.IGNORECASE))
    leading = [f for f in found if f.group(0).lower() != "respectively" and sentence[0] + f.start() < claim_start]
    trailing = [f for f in found if f.group(0).lower() == "respectively" and sentence[0] + f.start() > claim_start]
    m = leading[-1] if leading else trailing[0] if trailing else (found[0] if found else None)
    if not m:
        return None
    word = m.group(0).lower()
    pivot, last = sentence[0] + m.start(), sentence[1]
    if word == "respectively":
        verbs = (
            r"\b(?:were|was|are|is|numbered|stood at|reached|reaching|(?:rising|falling|rose|fell|grew|climbed|dropped|slipped) to"
            r"|having|had|has|have|with|took (?:on|in)|received|accepted|handled|recorded|counted|logged|registered|employed"
            r"|totall?ed|came to|amounted to)\b"
        )
        # (the last verb before the number: "At the end of June 2020 that number was 29, and at end-August just 15,
        # with loan balances, lenders and borrowers down 84%, 88% and 73% respectively")
        said = [v for v in re.finditer(verbs, text) if sentence[0] + v.start() < claim_start]
        pivot = sentence[0] + (said[-1] if said else re.search(verbs, text) or m).start()
        last = sentence[0] + m.start()  # "… 3.0975 million and 5.1357 million respectively, for declines of …"
    group = [s for s, k in siblings if pivot < s < last and (k == kind or not k or not kind)]
    if group and word in ("分别", "依次"):
        # 分别为441.05万人、476.24万人,…仍多近35万: the list after 分别 ends at its clause's comma.
        stop = re.compile(r"[，,;；。](?!\d{3}(?!\d))(?!\s*(?:和|及|与|and)?\s*[\d一二三四五六七八九十])").search(
            ctx.norm, group[0], sentence[1]
        )
        group = [s for s in group if not stop or s < stop.start()]
    if claim_start not in group or len(group) < 2:
        return None
    index = group.index(claim_start)
    # (the measures named before the numbers, after the verb too: "with loan balances, lenders and borrowers down …")
    named_until = group[0] if word == "respectively" else pivot
    measures = [
        h for h in ctx.measures.within(sentence[0], named_until) if not kind or kind in subj.MEASURE_KINDS[h.name]
    ]
    # 投资人约1331万人,借款人约1992万人。而2017年,这两个数字分别是1713万和2243万: the measures of the sentence before
    if (
        not measures
        and _THESE_NUMBERS.search(ctx.norm, sentence[0], pivot)
        and (previous := _previous_sentence(ctx, sentence)) is not None
    ):
        measures = [h for h in ctx.measures.within(*previous) if not kind or kind in subj.MEASURE_KINDS[h.name]]
    # "Active lenders and borrowers": 'lenders' is read as investors and as entities; one word is one measure.
    spans = {}
    for h in measures:
        if (h.start, h.end) not in spans or spans[(h.start, h.end)].name == "entities":
            spans[(h.start, h.end)] = h
    measures = sorted(spans.values(), key=lambda h: h.start)
    if len(measures) > len(group) and len({h.name for h in measures[-len(group) :]}) == len(group):
        # 投资人和借款人总数…接近4000万人,其中投资人与借款人分别约为1713万人和2243万人: the ones just before 分别
        measures = measures[-len(group) :]
    regions = [(h.start, h.name) for h in ctx.region_hits.within(sentence[0], pivot)]
    regions.sort()
    if len(regions) > len(group):  # "最多的是江苏省…,辽宁和吉林则分别以…": the list is the regions just before
        regions = regions[-len(group) :]
    # 2011年、2012年和2013年…分别为50家、200家、800家: the list of periods just before 分别, one per number.
    periods: list = []
    for m in reversed([m for m in ctx.mention_index.within(sentence[0], pivot) if m.period is not None]):
        if periods and not _IN_A_LIST.fullmatch(ctx.norm, m.end, periods[0].start):
            break
        periods.insert(0, m)
    listed = [m.period for m in periods]
    if word == "respectively" and len(listed) != len(group):
        # "9.63 and 9.69 months in September and October 2018 respectively": the periods listed after the numbers
        said = [p for p in ctx.mention_index.within(group[-1], last) if p.period is not None]
        if len(said) == len(group) and all(_IN_A_LIST.fullmatch(ctx.norm, a.end, b.start) for a, b in pairwise(said)):
            listed = [p.period for p in said]
    before = [m for m in ctx.mention_index.within(sentence[0], pivot) if m.period is not None]
    if (
        len(before) >= 2
        and (
            _PERIOD_TO.fullmatch(ctx.norm, before[-2].end, before[-1].start)
            or (  # "2014 to 2016": the "to" is read as the second mention's own "as of" word
                not ctx.norm[before[-2].end : before[-1].start].strip()
                and re.match(r"(?:to|until|through)\s", ctx.norm[before[-1].start : before[-1].end], re.IGNORECASE)
            )
        )
    ):
        first, last = before[-2].period, before[-1].period  # "from 2014 to 2016 … respectively"
        whole = first.type == last.type == "year"
        span = ClaimPeriod("", "span", first.start, last.end, (first.start, last.end)) if whole else None
    else:
        span = listed[0] if len(listed) == 1 and listed[0].type == "span" else None
    # "…fell to 6,841 by the end of March, 6,686 by the end of June and 6,453 by December, … down from 7,458 at the end
    # of 2020. Outstanding loans … rose to 865.3, 886.5 and 941.5 billion yuan respectively": the periods the sentence
    # before listed, one for each number (not the one it compared with)
    if (
        len(listed) != len(group)
        and not ctx.mention_index.within(*sentence)
        and (previous := _previous_sentence(ctx, sentence)) is not None
    ):
        own = [p for p in ctx.mention_index.within(*previous) if p.period is not None and not _a_comparisons(ctx, p)]
        if len(own) == len(group):
            listed = [p.period for p in own]
    quarters = _QUARTERS_TO.search(ctx.norm, sentence[0], pivot)
    if quarters and (year := [m for m in before if m.end <= quarters.start() and m.period.type == "year"]):
        # 2022年一至三季度末…依次为6232家、6150家和6054家: one quarter's end for each number, in order
        first, last = (_QUARTER_NUMBER[quarters[k]] for k in (1, 2))
        if last - first + 1 == len(group):
            listed = [quarter_period(year[-1].period.end.year, q) for q in range(first, last + 1)]
    if span is not None and (span.start.month, span.end.month) == (1, 12):
        # 2012—2016年分别为212亿元、1058亿元…: a span of whole years, one year for each number, in order.
        years = range(span.start.year, span.end.year + 1)
        if len(years) == len(group):
            listed = [year_period(y) for y in years]
    return index, len(group), measures, regions, listed


# "the numbers had been 460.4bn and 493.8bn", 这两个数字分别变成5081家、7366亿元, 一季度末则为5490家、7580亿元: numbers
# listed with no measure of their own, after a sentence that gave the same measures
_THE_SAME_MEASURES = re.compile(
    _THESE_NUMBERS.pattern
    + r"|这两个指标|两项指标|(?:those|these|the|both) (?:figures|numbers)|the corresponding figures",
    re.IGNORECASE,
)


def _list_around(ctx: _Context, sentence, claim: Claim, claims: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """The numbers of the sentence, and the run of them joined as a list (、, 和, "and") that holds `claim`."""
    listed = [c for c in claims if sentence[0] <= c.start < sentence[1]]
    i = next(k for k, c in enumerate(listed) if c is claim)
    lo = hi = i
    while lo > 0 and _IN_A_LIST.fullmatch(ctx.norm, listed[lo - 1].end, listed[lo].start):
        lo -= 1
    while hi + 1 < len(listed) and _IN_A_LIST.fullmatch(ctx.norm, listed[hi].end, listed[hi + 1].start):
        hi += 1
    return listed, listed[lo : hi + 1]


# 分别达到7530亿元和7106亿元,较上年末的5246.49亿元、4927.8亿元: the list compared with follows the list it is compared to
_COMPARED_LIST_BEFORE = re.compile(
    r"\s*[,，]?\s*(?:较|比|相比|與|与|高于|低于)[^,，。;；\d]{0,10}?的?\s*|,?\s+(?:up |down )?(?:from|against|compared with)\s+",
    re.IGNORECASE,
)


def _compared_list_subject(ctx: _Context, sentence, claim: Claim, claims: list[Claim]) -> str | None:
    """The subject of a number in a list compared with the list just before it, of as many numbers: the one in the
    same place of that list."""
    listed, group = _list_around(ctx, sentence, claim, claims)
    if len(group) < 2:
        return None
    first = listed.index(group[0])
    earlier = listed[max(0, first - len(group)) : first]
    if (
        len(earlier) != len(group)
        or not _COMPARED_LIST_BEFORE.fullmatch(ctx.norm, earlier[-1].end, group[0].start)
        or any(not _IN_A_LIST.fullmatch(ctx.norm, a.end, b.start) for a, b in pairwise(earlier))
        or ctx.measures.within(earlier[-1].end, group[-1].start)
    ):
        return None
    subjects = [c.subject for c in earlier]
    if None in subjects or len(set(subjects)) < len(subjects):
        return None
    return subjects[group.index(claim)]


def _subject_listed_before(ctx: _Context, sentence, claim: Claim, claims: list[Claim], out: list[Claim]) -> str | None:
    """The subject of a number in a list that names no measure ("at end-September 2019 the numbers had been 460.4bn
    and 493.8bn"): the sentence before said the same measures in the same order, with numbers of the same kinds;
    each number takes the first of them, in order, of its own kind."""
    norm = ctx.norm
    _, group = _list_around(ctx, sentence, claim, claims)
    if len(group) < 2 or ctx.measures.within(group[0].end, group[-1].start):
        return None
    named = ctx.measures.within(sentence[0], group[0].start)
    anaphor = _THE_SAME_MEASURES.search(norm, sentence[0], group[0].start)
    if named and not (anaphor and all(h.end <= anaphor.start() for h in named)):
        return None
    previous = _previous_sentence(ctx, sentence, same_paragraph=True)
    if previous is None:
        return None
    before = [c for c in out if previous[0] <= c.start < previous[1] and c.subject]
    taken, subjects = 0, []
    for c in group:
        # (a bare number matches a count: "5,500 companies with a loan balance of 762.9bn yuan; a year later it was
        # 5,257 and 753.3bn yuan")
        # (and a scale word with no currency a balance as well: "the numbers had been 1,950 and 460.4bn")
        kinds = (
            (c.unit_kind,) if c.unit_kind else _COUNT_KINDS if c.tolerance_base < 1000 else (subj.MONEY, *_COUNT_KINDS)
        )
        match = next((k for k in range(taken, len(before)) if before[k].unit_kind in kinds), None)
        if match is None:
            return None
        subjects.append(before[match].subject)
        taken = match + 1
    return subjects[group.index(claim)]


def _measure_of_former_or_latter(ctx: _Context, sentence, claim: Claim, out: list[Claim]) -> Claim | None:
    """ "… 7,680 microloan companies, with a loan balance of 928.8 billion yuan. A quarter before the former stood at
    7,797 and the latter at 924.1 billion yuan": the former is the first of the two last measures the sentence before
    counts, the latter the second (前者 / 后者 alike), when nothing but words stands between the word and the number."""
    norm = ctx.norm
    words = list(_FORMER_LATTER.finditer(norm, sentence[0], claim.start))
    if not words or _A_NUMBER.search(norm, words[-1].end(), claim.start):
        return None
    if ctx.measures.within(words[-1].end(), claim.start) or _regions_in(ctx, sentence[0], words[-1].start()):
        return None  # (比如辽宁和重庆,前者有小贷公司499家: the former of two places, counting what it names)
    previous = _previous_sentence(ctx, sentence, same_paragraph=True)
    if previous is None:
        return None
    named: dict[str, Claim] = {}
    for c in out:
        if previous[0] <= c.start < previous[1] and c.subject and not c.notes:
            named.setdefault(c.subject, c)
    if len(named) < 2:
        return None
    former, latter = list(named.values())[-2:]
    pointed = former if "前" in words[-1][0] or "former" in words[-1][0].lower() else latter
    if claim.unit_kind and claim.unit_kind != pointed.unit_kind:
        return None
    return pointed


def _money_said_before(ctx: _Context, sentence, claim: Claim, claims: list[Claim], out: list[Claim]) -> Claim | None:
    """The sum of money a sentence that names no measure goes on with ("Diyi Wangdai … has a much bigger figure:
    ¥3.9 trillion", after "2017 turnover at ¥2.80 trillion"): the last sum said before it in its sentence or the one
    before in its paragraph, of a subject held in money."""
    if any(subj.MONEY in subj.MEASURE_KINDS[h.name] for h in ctx.measures.within(*sentence)):
        return None  # (not "which tracks more platforms": a count)
    previous = _previous_sentence(ctx, sentence, same_paragraph=True)
    since = previous[0] if previous else sentence[0]
    sums = [c for c in out if since <= c.start < claim.start and c.unit_kind == subj.MONEY and not c.notes]
    if not sums or not sums[-1].subject or sums[-1].change or subj.SUBJECTS[sums[-1].subject].kinds[0] != subj.MONEY:
        return None  # (nor a change: 贷款余额骤降167亿元 … 全年累计流失148亿元, whose sign is not said)
    _, group = _list_around(ctx, sentence, claim, claims)
    if len(group) > 1 and len({c.subject for c in sums}) > 1:
        # "held loans of just Rmb97bn and assets of Rmb107.7bn; by end-2017 those figures were Rmb261.4bn and
        # Rmb282.5bn": a list after sums of several measures is theirs in order, or nobody's
        return None
    return sums[-1]


# Words that say a bare number counts what was counted before it: "the figure was 427", "there were 280", "4,863 of
# them", "Only 6 remained", "Jiangsu received 142,467"
_COUNTED_BEFORE = re.compile(
    r"\b(?:there\s+(?:were|are|was|is|remained|remain)|the\s+(?:figure|number|count|tally|total)|that\s+(?:number|figure|count)"
    r"|(?:it|they|this|that)(?=\s+(?:stood|was|were|came|fell|rose|dropped|had))"
    r"|put\s+(?:the|their|its)\s+(?:survivors|number|count|tally|total)\s+at"  # "put the survivors at 1,363"
    r"|their\s+number|(?:received|accepted|concluded|counted|numbered|totall?ed|took\s+(?:in|on)|drew|logged|handled)"
    r"(?:\s+them)?)"
    r"(?:\s+(?:was|were|is|stood\s+at|had\s+been|came\s+to|fell\s+to|rose\s+to|dropped\s+to|at|(?:had\s+|has\s+)?reached))?"
    r"(?:\s+(?:still|just|only|already))?\s*$",
    re.IGNORECASE,
)
_COUNTED_AFTER = re.compile(
    r"\s+(?:of\s+them\b|(?:remained|were\s+left|were\s+still)\b"
    r"|(?:had|have)\s+been\s+(?:issued|granted|approved)\b|were\s+(?:issued|granted|approved)\b)",  # "78 had been issued"
    re.IGNORECASE,
)
_COUNT_KINDS = (subj.ENTITIES, subj.CASES, subj.PERSONS)


def _count_said_before(ctx: _Context, sentence, clause, claim: Claim, out: list[Claim]):
    """The count a bare number (no unit, no measure in its sentence) goes on with: the last count said before it in
    its sentence or the one before, when words say so ("A month later the figure was 427") or a semicolon lists it
    after that count ("84,390 in 2018; 97,995 in 2019"); else, after "there were" / "of them", the lenders the
    sentence before names first ("Online microloan companies … became …. … there were 280")."""
    norm = ctx.norm
    previous = _previous_sentence(ctx, sentence, same_paragraph=True)
    cued = bool(
        _COUNTED_BEFORE.search(norm, max(clause[0], claim.start - 40), claim.start)
        or _COUNTED_AFTER.match(norm, claim.end)
    )
    if ctx.measures.within(*(clause if cued else sentence)):
        return None
    # "84,390 in 2018; 97,995 in 2019", "received 142,467 in 2021 and 170,999 in 2022": a list of one count
    listed = (previous is not None and re.search(r"[;；]", norm[previous[1] - 1 : sentence[0]])) or any(
        sentence[0] <= c.start < claim.start and c.subject and c.unit_kind in _COUNT_KINDS for c in out
    )
    # (words by the number: not "The new financial regulator put the number at 6,550")
    said = {h.name for h in ctx.modifiers.within(max(clause[0], claim.start - 24), min(clause[1], claim.end + 24))}
    if not (cued or listed) or said - {"operating", "received", "concluded"}:
        return None  # (not "some 900 new ones opened": another count than the one before)
    # (the sentence before up to its full stop: "…, 462 online lending institutions were still in operation, …; lenders
    # had fallen by 53% and borrowers by 35%. A month later the figure was 427")
    # (not cut at an English stop: "the figure" reaches back past a sentence that counts nothing, as in held-out 77,
    # 85 and 91, six claims)
    since = _full_sentence_start(ctx, previous[0]) if previous else sentence[0]
    counts = [c for c in out if since <= c.start < claim.start and c.subject and c.unit_kind in _COUNT_KINDS]
    if counts and counts[-1].subject.startswith("court_cases") and said & {"received", "concluded"}:
        return replace(
            counts[-1], subject=subj.court_cases_subject(said)
        )  # "… accepted 170,955 such cases. Jiangsu received …"
    if counts:
        return counts[-1]
    if not cued or previous is None:
        return None
    # (or licences: "Licences for online microloan companies multiplied after 2016. By the end of that year, 78 had
    # been issued")
    first = next((h for h in ctx.measures.within(*previous) if h.name in ("entities", "licences")), None)
    sector = _nearest(ctx.sectors.within(*previous), first.start, first.end) if first else None
    if sector is None:
        return None
    key = subj.subject_for(sector.name, first.name, set(), subj.ENTITIES)
    return (
        Claim(claim.start, claim.end, "", 0, 0, None, 0, 0, "", subj.ENTITIES, "exact", None, key, "CN")
        if key
        else None
    )


def _today(ctx: _Context) -> ClaimPeriod | None:
    """'Now' (目前, currently) at the article's date: any figure from two months before it to the end of its
    month (a year-end count published days later). Dated to a day, so a figure of another day agrees or
    leaves it unverifiable, never contradicts it: 'now' is loose."""
    if ctx.article is None:
        return None
    day = ctx.article
    return ClaimPeriod(day.isoformat(), "day", day, day, (day - timedelta(days=62), month_end(day.year, day.month)))


# The number written right after the period it is compared with (较2018年1月份1718家, 相较于2021年末的9415亿元),
# or right before it after "from"/"compared with" (down from 2,000 at the end of 2017): the comparison's
# own figure, dated by it.
# 较2015年三季度巅峰期的8965家: the compared figure's own period, with the peak named between.
_RIGHT_AFTER_PERIOD = re.compile(r"\s*(?:份|(?:巅峰期|高峰期|峰值期?|顶峰期?|最高峰|鼎盛期|高点)?(?:的|时的|时)?)\s*")
# (not a change: 较2023年减少148亿元 is the fall since then, not a figure of 2023; not English words: "fell by 56
# compared to October to 1184" is November's 1184)
_COMPARED_MEASURE = re.compile(
    r"\s*(?:全年|全年度|同期|年末|年底|末)?(?:(?!增|减|降|升|涨|跌|多|少)[^\dA-Za-z\s,，。；;:：、]){1,10}?(?:的|为|為|是)?\s*[(（]?\s*"
)
_UNIT_WORDS_ONLY = re.compile(r"\s*(?:[a-z-]+\s+){0,2}?", re.IGNORECASE)
_OWN_PERIOD_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:in|by|as of|as at|at|for|during|over|throughout)\s+(?:the\s+)?", re.IGNORECASE
)
# The words that introduce a figure the text compares with: "up from", "against", "compared with".
_COMPARED_WORDS = r"\bfrom|\bcompared (?:with|to)|\bversus|\bvs\.?|\bagainst"
_COMPARED_FIGURE = re.compile(rf"(?:{_COMPARED_WORDS})\s*$", re.IGNORECASE)
_COMPARED_WITH_BEFORE = re.compile(rf"(?:{_COMPARED_WORDS})\s+(?:the\s+)?$", re.IGNORECASE)
_RIGHT_BEFORE_PERIOD = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?:at|in|by|as of|for)?\s*", re.IGNORECASE)


_LATER = re.compile(r"\S+\s+(?:years?|quarters?|months?)\s+later", re.IGNORECASE)
_AS_OF_WORD = re.compile(r"(?:at|by|as of|as at|in|for|during)\s", re.IGNORECASE)
_COMPARED_LIST = re.compile(r"(?:末|底)?的\s*(?:\d[\d.,]*\s*(?:万亿元|亿元|万元|亿|万|家|人|%)?\s*[、和及与]\s*)+")


def _comparison_period(ctx: _Context, clause, start: int, end: int, sentence=None) -> ClaimPeriod | None:
    for m in ctx.mention_index.within(sentence[0] if sentence else clause[0], start):
        if m.period is not None and _compared(ctx, m, 6) and _COMPARED_LIST.fullmatch(ctx.norm, m.end, start):
            return m.period  # 分别较2022年末的8844亿元、8349亿元: the compared figures listed, all of that period
        if m.period is not None and _compared(ctx, m, 6) and _COMPARED_MEASURE.fullmatch(ctx.norm, m.end, start):
            # 相比2015年全年成交量9823亿元, 相比2016年全年网贷成交量(20638.72亿元): the compared figure, named
            # with its measure (a bracket may open between), is of the compared period.
            return m.period
    for m in ctx.mention_index.within(clause[0], clause[1]):
        if m.period is None:
            continue
        if m.end <= start and _RIGHT_AFTER_PERIOD.fullmatch(ctx.norm, m.end, start) and _compared(ctx, m, 6):
            return m.period
        if (
            m.start >= end
            and _COMPARED_FIGURE.search(ctx.norm, max(clause[0], start - 20), start)
            and _RIGHT_BEFORE_PERIOD.fullmatch(ctx.norm, end, m.start)
        ):
            return m.period
    return None


# "from 9.93 billion yuan in the same month a year earlier", "in the same period of last year"
_SAME_TIME_A_YEAR_EARLIER = re.compile(
    r"\s*(?:\)\s*)?(?:,\s*)?(?:in|for|during|over)\s+the\s+same\s+(?:month|quarter|period|time|half)\s+"
    r"(?:(?:a|one)\s+year\s+(?:earlier|before|ago)|(?:of\s+)?(?:last|the\s+previous|the\s+prior)\s+year)\b",
    re.IGNORECASE,
)
_THE_PERIOD_BEFORE = re.compile(
    r"\s*(?:(?:in|for|during|over)\s+)?the\s+(?:previous|prior|preceding)\s+(?P<unit>quarter|month|year)\b",
    re.IGNORECASE,
)
# "compared with 8,551 a year before", "from 17.47 percent a year earlier", "489.26 billion yuan three months
# earlier": the same period that long before (not "down 19 billion yuan from a year earlier", a change over the year)
_SOME_TIME_EARLIER = re.compile(
    r"\s+(?:(?!(?:from|than|on|over)\b)[a-z-]+\s+){0,2}?"
    rf"{SOME_TIME}\s+(?:earlier|before|ago|prior)\b",
    re.IGNORECASE,
)


# "fell to 125 from 147", "versus 2,804": a figure compared with, said with no period of its own
_COMPARED_WITH = (
    r"\b(?:from|against|versus|vs\.?|compared (?:with|to))\s+(?:(?:about|some|nearly|almost|around|just)\s+)?"
    r"(?:CNY|RMB|Rmb|US\$|\$)?\s*"
)
_BARE_COMPARED_BEFORE = re.compile(_COMPARED_WITH + "$", re.IGNORECASE)


_FROM_BEFORE = re.compile(r"\bfrom\b", re.IGNORECASE)
# (case-sensitive: a publisher's name is capitalised)
_BY_ANOTHER_PUBLISHER = re.compile(
    r"(?:\s*yuan)?\s+(?:on|per|by|according to|in)\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:'s)?\s+(?:[a-z]+\s+)?"
    r"(?:count|coverage|figures?|data|tally|estimates?|numbers?|reckoning|measure|books)\b"
    r"|(?:\s*yuan)?\s+(?:per|according to)\s+[A-Z]"
)
_TO_A_NUMBER = re.compile(r"\s*(?:[A-Za-z]+\s+){0,3}?to\s+(?:about\s+)?(?:CNY|RMB|Rmb|US\$|\$)?\s*\d", re.IGNORECASE)


def _bare_compared_figure(ctx: _Context, clause, start: int, end: int) -> bool:
    if _BRACKET_AFTER_A_NUMBER.search(ctx.norm, max(0, start - 24), start) and ctx.norm.startswith(")", end):
        return True  # "in Jiangsu to 562 (564)": the figure before, in brackets with no period of its own
    compared = _BARE_COMPARED_BEFORE.search(ctx.norm, max(clause[0], start - 24), start)
    if not compared or _TO_A_NUMBER.match(ctx.norm, end):
        return False  # (not "fell from 80,846 to 78,280": a span from one period to another, read as such)
    if ctx.region_hits.within(compared.start(), clause[1]):
        return False  # "against RMB 81.9 billion in Zhejiang": another place, the same time
    if _BY_ANOTHER_PUBLISHER.match(ctx.norm, end):
        return False  # "Rmb789bn at year-end per Wangdaizhijia, versus Rmb1.21tn on Diyi Wangdai's": another count
    # (its own period said after it, or "a year earlier", is its own)
    return not any(m.start >= end for m in ctx.mention_index.within(end, clause[1])) and not _SOME_TIME_EARLIER.match(
        ctx.norm, end
    )


def _compared_with_the_figure_before(ctx: _Context, sentence, clause, claim: Claim, out: list[Claim]) -> Claim | None:
    """ "arranged about 2.8 trillion yuan of loans last year, …, up from 2.06 trillion yuan in 2016": a figure after
    "from", "against" or "compared with", in a clause that names no measure, is of what the figure before it in its
    sentence, of the same kind, is."""
    if not _BARE_COMPARED_BEFORE.search(ctx.norm, max(clause[0], claim.start - 24), claim.start):
        return None
    if ctx.measures.within(*clause) or ctx.sectors.within(*clause) or ctx.region_hits.within(*clause):
        return None
    if _MEASURES_RESPECTIVELY.search(ctx.norm, *sentence):
        return None  # ("… compared with 238.42 billion yuan and 117.89 billion yuan respectively": in order)
    before = [c for c in out if sentence[0] <= c.start < claim.start]
    if not before or not before[-1].subject or before[-1].change:
        return None  # (a change compared with a level: "net new loans … were only 25.1 billion yuan, against …")
    return before[-1] if before[-1].unit_kind == claim.unit_kind else None


def _comparison_base(ctx: _Context, sentence, start: int) -> ClaimPeriod | None:
    """The period the paragraph compares with ("against 334 at end-2016"), for a figure compared with and said
    with no period: "Ningxia lost more: its tally fell to 125 from 147" is end-2016's 147. None if none is named."""
    paragraph = _paragraph_of(ctx, start)
    named = [
        m for m in ctx.mention_index.within(paragraph[0], start) if m.period is not None and _a_comparisons(ctx, m)
    ]
    return named[-1].period if named else None


_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|announced|stated|reported|noted|told|wrote|disclosed|revealed|statement|remarks)\b", re.IGNORECASE
)
_THAT_AFTER = re.compile(r"\s*,?\s*that\b", re.IGNORECASE)


def _date_of_saying(ctx: _Context, sentence, mention: Mention) -> bool:
    return bool(
        _THAT_AFTER.match(ctx.norm, mention.end)
        and _SPEECH_BEFORE.search(ctx.norm, max(sentence[0], mention.start - 40), mention.start)
    )


def _last_period_named_before(ctx: _Context, sentence) -> Mention | None:
    """The period last named before the sentence, in its paragraph or the one before."""
    paragraph = _paragraph_of(ctx, sentence[0])
    lo = _paragraph_of(ctx, paragraph[0] - 1)[0] if paragraph[0] > 0 else 0
    named = [m for m in ctx.mention_index.within(lo, sentence[0]) if m.period is not None]
    # (not a compared figure's: "fell to 1,645 at end-July, … down from 1,842 at end-June")
    named = [m for m in named if not (_a_comparisons(ctx, m) or _of_a_compared_figure(ctx, m))] or named
    return named[-1] if named else None


def _first_period_named(ctx: _Context, lo: int, hi: int) -> Mention | None:
    return next((m for m in ctx.mention_index.within(lo, hi) if m.period is not None), None)


# "At the end of the previous quarter the balance stood at …", 上一季度末贷款余额为…: a sentence led by the period
# before the one the text has just named
_LED_BY_THE_PERIOD_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:previous|prior|preceding)\s+(?P<unit>quarter|month)\b|(?:上一?个?|前一个?)(?P<zh>季度?)(?:末|底)?",
    re.IGNORECASE,
)


def _period_before_the_last_named(ctx: _Context, sentence, start: int) -> ClaimPeriod | None:
    lead = _LED_BY_THE_PERIOD_BEFORE.search(ctx.norm, sentence[0], start)
    if lead is None or ctx.mention_index.within(sentence[0], start):
        return None
    named = _last_period_named_before(ctx, sentence)
    if named is None:
        return None
    unit = (lead["unit"] or "quarter").lower()  # (not 上月, last month from the article's date)
    period = named.period
    if unit == "quarter" and period.type not in ("quarter", "month"):
        return None
    if unit == "month" and period.type != "month":
        return None
    return moved_by_months(period, -months_of("a", unit))


def _period_for(ctx: _Context, clause, sentence, start: int, end: int) -> ClaimPeriod | None:
    if (led := _period_before_the_last_named(ctx, sentence, start)) is not None:
        return led
    same = _SAME_TIME_A_YEAR_EARLIER.match(ctx.norm, end)
    if same is not None:
        # "rose to 32.94 billion yuan in September, up from 27.59 billion yuan in August and from 9.93 billion yuan
        # in the same month a year earlier": the sentence's first period (what its figure is of), a year back
        lead = _first_period_named(ctx, sentence[0], start)
        return moved_by_months(lead.period, -12) if lead is not None else None
    before = _THE_PERIOD_BEFORE.match(ctx.norm, end)
    if before is not None:
        # "the total was 90,595, against 87,281 in the previous quarter": the sentence's period, one step back
        # (the period last named before it, when the sentence names none: "fell to 1,645 at end-July. … dropped to
        # 144.8 billion yuan from 175.7 billion yuan the previous month")
        lead = _first_period_named(ctx, sentence[0], start) or _last_period_named_before(ctx, sentence)
        if lead is not None and lead.period.type == before["unit"].lower():
            return moved_by_months(lead.period, -months_of("a", before["unit"]))
    if _bare_compared_figure(ctx, clause, start, end):
        # never the period of the figure it is compared with: the paragraph's comparison period, else unknown
        return _comparison_base(ctx, sentence, start)
    period = _period_said(ctx, clause, sentence, start, end)
    earlier = _SOME_TIME_EARLIER.match(ctx.norm, end)
    if earlier is not None:
        # "7,551 companies at end-2019, down from 8,133 a year earlier and a peak of 8,965 at end-September 2015": a
        # year before the period named before it, not one named after it for another number
        # (of the figure compared with, not of another compared figure: "8,665 by the end of March, down from 8,673 at
        # the end of 2016 and 8,867 a year earlier")
        named = [m for m in ctx.mention_index.within(sentence[0], start) if m.period is not None]
        named = [m for m in named if not (_of_a_compared_figure(ctx, m) or _a_comparisons(ctx, m))] or named
        period = named[-1].period if named else period
    if period is None or earlier is None:
        return period
    # (None when the move lands on no period the data hold: "two months before" a year)
    return moved_by_months(period, -months_of(earlier["n"], earlier["unit"]))


def _with_when(ctx: _Context, mentions: list, span, start: int) -> list:
    """The mentions in a span, with the "when" clauses' periods that stand before the number in it, in text order."""
    when = [m for m in ctx.when_index.within(span[0], span[1]) if m.start < start]
    return sorted([*mentions, *when], key=lambda m: m.start) if when else mentions


def _period_said(ctx: _Context, clause, sentence, start: int, end: int) -> ClaimPeriod | None:
    compared = _comparison_period(ctx, clause, start, end, sentence)
    if compared is not None:
        return compared
    # (a "when" clause dates the numbers in it, not one before it: "465, up from 430 at the end of June, when their
    # loans stood at …")
    in_clause = _with_when(ctx, ctx.mention_index.within(clause[0], clause[1]), clause, start)
    now = list(_CURRENTLY.finditer(ctx.norm, clause[0], start))
    if now:
        said = now[-1].span()
        # 从2022年一季度的6232家到如今的5688家: "now" said after the period named before it dates this number
        # (with no article date, nothing does: not the period it came from)
        if any(m.end <= said[0] for m in in_clause) and not any(m.end > said[0] and m.start < start for m in in_clause):
            return _today(ctx)
    if not in_clause and _CURRENTLY.search(ctx.norm, clause[0], clause[1]) and ctx.article is not None:
        return _today(ctx)
    in_sentence = _with_when(ctx, ctx.mention_index.within(sentence[0], sentence[1]), sentence, start)
    # "from 100 in 2008 to 8791 in 2014": a period the number is said "in" (by, as of) right after it is its own
    right_after = [
        m
        for m in in_clause
        if m.start >= end
        and (
            _OWN_PERIOD_AFTER.fullmatch(ctx.norm, end, m.start)
            # "4,878 at the end of March": the mention begins with its own "at" (by, as of)
            # (after the number's own words: "613 people by the end of September 2021")
            or (_UNIT_WORDS_ONLY.fullmatch(ctx.norm, end, m.start) and _AS_OF_WORD.match(ctx.norm, m.start))
        )
    ]
    if right_after and right_after[0].period is not None:
        # (said right after the number, it is the number's own even in a comparison: "up from 5,267 at end-June
        # and 4,878 at the end of March")
        attached = not ctx.norm[end : right_after[0].start].strip()
        if attached or not _compared(ctx, right_after[0], 6):
            return right_after[0].period
    # ", up from the 249 counted … last November": the compared figure itself, dated by its own clause
    opens = _FROM_CLAUSE.match(ctx.norm, clause[0])
    if opens and opens.end() - 1 == start and (own := [m for m in in_clause if m.start >= end and m.period]):
        return own[0].period
    for level, pool in enumerate((in_clause, in_sentence)):
        # "下降至1021家,相比2017年底减少…": a period named only as the comparison is not the number's
        pool = [m for m in pool if not _compared(ctx, m, 6)]
        # "compared to the previous month" with no article date: a mention that resolves to no period does not
        # hide one that does
        pool = [m for m in pool if m.period is not None] or pool
        # "the CBIRC said in a statement in November that 427 … were still operating at end-October": when it was
        # said, not what it is of, if the sentence names another period
        pool = [m for m in pool if not _date_of_saying(ctx, sentence, m)] or pool
        # (nor one of a compared figure before it: "330 … at the end of March, against 334 at end-2016, and … 12.9 …")
        # (unless the clause goes on with its "when": "up from 430 at the end of June, when their loans stood at …")
        before = [
            m
            for m in pool
            if m.end <= start
            and (not _of_a_compared_figure(ctx, m) or _WHEN_AFTER.match(ctx.norm, m.end))
            and not _bracketed_with_a_number(ctx, m, outside=start)
            # "fell from 17.86 per cent … in 2014 to 9.06 per cent": the period of the figure a move starts from
            and not (_TO_A_NUMBER.match(ctx.norm, m.end) and _FROM_BEFORE.search(ctx.norm, sentence[0], m.start))
        ]
        after = [
            m
            for m in pool
            if m.start >= end
            and not _of_a_compared_figure(ctx, m, end)
            and not _DATES_THE_NEXT.match(ctx.norm, m.end)
            # "Headcount fell further, to some 72,200 (80,846 at end-2019)": the bracket's number's period
            and not _bracketed_with_a_number(ctx, m, outside=start)
        ]
        # "fell to 13.31 million …, and borrowers, who had numbered 19.92 million in 2017", "…, against 1.72 trillion
        # and 1.36 trillion at the end of September": in another clause, a period said right after another number
        # is that number's
        after = [m for m in after if not _own_period_of_a_later_number(ctx, m, end)]
        if level == 1 and before:
            return before[-1].period
        best = _nearest(before + after, start, end)
        if best is not None:
            return best.period
    paragraph = _paragraph_of(ctx, start)
    earlier = ctx.mention_index.within(max(paragraph[0], sentence[0] - 2000), sentence[0])
    # 'Now' with no article date to say when: the periods named before still date the figure.
    if _CURRENTLY.search(ctx.norm, sentence[0], sentence[1]) and ctx.article is not None:
        return _today(ctx)
    own = [m for m in earlier if not _a_comparisons(ctx, m)]
    # ("…slipped to Rmb589bn, the lowest since early 2016. Average yields held at 9.49 per cent": a starting point)
    own = [m for m in own if not _SINCE_BEFORE.search(ctx.norm, max(0, m.start - 8), m.start)]
    if earlier and not own and ctx.lead_period is not None and ctx.lead_period.end <= paragraph[0]:
        # 陕西方面,…分别低于2016年底的273家…;该省实收资本244.81亿元: every period of the paragraph so far is a
        # comparison, so the article's lead period dates it
        earlier = [ctx.lead_period]
    earlier = own or earlier
    # "(12.07 billion yuan at end-2016)": a period in brackets with its number is that number's
    earlier = [m for m in earlier if not _bracketed_with_a_number(ctx, m)] or earlier
    earlier = [m for m in earlier if m.period is not None] or earlier
    # From an earlier sentence, a period whose year is written (去年, 2018年末) outranks a bare part that
    # borrowed its year ("上半年高、下半年低" describes a trend, it does not date the next figure).
    earlier = [m for m in earlier if m.anchored] or earlier
    # "… who had numbered 19.92 million in 2017.": a period said "in" right after a number in an earlier sentence
    # is that number's; the text's period is one that dates a sentence ("last year", "by the end of 2018")
    earlier = [m for m in earlier if not _said_right_after_a_number(ctx, m)] or earlier
    # (前年底为116.7亿元: a period its own number follows dates that number, not the next sentence)
    earlier = [m for m in earlier if not _DATES_THE_NEXT.match(ctx.norm, m.end)] or earlier
    if earlier:  # the last period named before, unless it was only a comparison ("down from … last year")
        return _unless_now_since(ctx, earlier[-1], sentence[0]) or earlier[-1].period
    if (heading := _heading_dated_below(ctx, paragraph)) is not None:
        return heading
    # Another paragraph: the article's lead period (its first "as of" date), else the last one named.
    lead = ctx.lead_period
    if lead is not None and lead.start < sentence[0]:
        return lead.period
    anywhere = [m for m in ctx.mention_index.within(max(0, sentence[0] - 2000), sentence[0]) if m.period is not None]
    # 2018年…成交额19,366.33亿元,较2017年减少…  [heading] 历史累计成交额10.27万亿: not the compared year
    anywhere = [m for m in anywhere if not _a_comparisons(ctx, m)] or anywhere
    if anywhere:
        return _unless_now_since(ctx, anywhere[-1], sentence[0]) or anywhere[-1].period
    return _today(ctx) if _PRESENT_EN.search(ctx.norm, sentence[0], sentence[1]) else None


def _number_then_period(prepositions: str) -> re.Pattern:
    """A number, up to three unit words, then one of `prepositions` before the period: "19.92 million in 2017"."""
    return re.compile(rf"\d[\d.,]*\s*(?:[A-Za-z%]+\s+){{0,3}}?(?:{prepositions})\s+(?:the\s+)?$", re.IGNORECASE)


# The period said right after a number is that number's ("19.92 million in 2017", "1,263 by December"); in an
# earlier sentence only one said "in" ("by the end of 2018", "as of …" date the sentence they end).
_NUMBER_THEN_OWN_PERIOD = _number_then_period("in|at|by|as of|as at|for")
_NUMBER_THEN_IN_PERIOD = _number_then_period("in|for|during")
_NUMBER_THEN_UNIT_WORDS = re.compile(r"\d[\d.,]*\s*(?:[A-Za-z%]+\s+){0,3}?$", re.IGNORECASE)


_WHEN_AFTER = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)


def _bracketed_with_a_number(ctx: _Context, mention: Mention, outside: int | None = None) -> bool:
    """'(12.07 billion yuan at end-2016)', (2016年底为287.8亿元): the period of the number in its brackets (and
    `outside`, a position, is not in them)."""
    lo = max(0, mention.start - 40)
    opened = max(ctx.norm.rfind("(", lo, mention.start), ctx.norm.rfind("（", lo, mention.start))
    if opened < 0 or re.search(r"[)）]", ctx.norm[opened : mention.start]):
        return False
    closes = re.search(r"[()（）]", ctx.norm[mention.end : mention.end + 40])
    if not closes or closes.group(0) not in ")）":
        return False
    if outside is not None and opened < outside < mention.end + closes.start():
        return False
    inside = ctx.norm[opened : mention.start] + " " + ctx.norm[mention.end : mention.end + closes.start()]
    return bool(re.search(r"(?<![\d.,])(?!(?:19|20)\d\d(?!\d))\d", inside))  # a number, not a year: not (2013-2015)


def _said_right_after_a_number(ctx: _Context, mention: Mention) -> bool:
    """'896 new problem platforms in 2015': the period of the number just before it, in an earlier sentence."""
    return bool(_NUMBER_THEN_IN_PERIOD.search(ctx.norm, max(0, mention.start - 40), mention.start))


_COMMA_AFTER_A_YEAR = re.compile(r"(?<=\d)[,，](?=\s)")


def _own_period_of_a_later_number(ctx: _Context, mention: Mention, end: int) -> bool:
    """The mention is said right after another number, in a clause after the one the number ending at `end` is in."""
    # (a comma after a year ends a clause too: "from about 10.4% in mid-2016, and the average loan term …")
    if not (
        _CLAUSE_STOP.search(ctx.norm, end, mention.start) or _COMMA_AFTER_A_YEAR.search(ctx.norm, end, mention.start)
    ):
        return False
    lo = max(end, mention.start - 40)
    if _AS_OF_WORD.match(ctx.norm, mention.start):  # the mention holds its own "at": "1.36 trillion at the end of …"
        return bool(_NUMBER_THEN_UNIT_WORDS.search(ctx.norm, lo, mention.start))
    return bool(_NUMBER_THEN_OWN_PERIOD.search(ctx.norm, lo, mention.start))


_FROM_THE_BEFORE = re.compile(rf"(?:{_COMPARED_WORDS})\s+(?:the\s+|a\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE)
_IN_A_PLACE_AFTER = re.compile(r"\s+in\s+", re.IGNORECASE)


# "Shanghai-based industry tracker Wangdaizhijia": where a publisher sits, not where its figures are of.
_BASED_AFTER = re.compile(r"[- ]based\b", re.IGNORECASE)


def _region_just_before(ctx: _Context, pos: int, reach: int = 40) -> bool:
    """A province named in the clause before `pos` ("Guangdong is home to 64 of them", "Zhejiang (23)")."""
    lo = max(0, pos - reach)
    stops = list(_CLAUSE_STOP.finditer(ctx.norm, lo, pos))
    return bool(ctx.region_hits.within(stops[-1].end() if stops else lo, pos))


def _continues_a_count(ctx: _Context, start: int, end: int) -> bool:
    """A bare number compared with ("up from the 249") or listed by place ("Zhejiang (23)", "17 in Chongqing")."""
    norm = ctx.norm
    if _FROM_THE_BEFORE.search(norm, max(0, start - 32), start):
        return True
    if norm[max(0, start - 1) : start] == "(" and ctx.region_hits.within(max(0, start - 24), start):
        return True
    # "Jilin had 501", "in Liaoning to 467", "Jiangsu's 4,716": a place and its number
    if any(_PLACE_THEN_NUMBER.fullmatch(norm, h.end, start) for h in ctx.region_hits.within(max(0, start - 48), start)):
        return True
    return _in_a_place_after(ctx, end)


_PRODUCTS_NUMBER = re.compile(r"(?:\s+(?:complaints|business))?\s*(?:for|at|with|had|:)?\s*\d")
_A_PLACES_NUMBER = re.compile(r"(?:'s)?:?\s*(?:had|has|with|hosted)?\s*\(?\d")
# ("Guangdong Province led the pack with 64, followed by Chongqing Municipality with 55", "Hainan hosted 12")
_PLACE_THEN_NUMBER = re.compile(
    r"(?:\s+(?:Province|Municipality|Autonomous Region))?(?:'s)?:?\s*"
    r"(?:had|has|with|to|on|at|was|stood at|hosted|counted|(?:led|topped) (?:the (?:pack|list|ranking|table) )?with)?\s*",
    re.IGNORECASE,
)
_BRACKET_AFTER_A_NUMBER = re.compile(r"\d\s*\($")


def _in_a_period_after(ctx: _Context, end: int) -> bool:
    """A period said right after `end` ("94 of them in June", "92 of them in December alone", "900 of them in the
    first half of 2018": a mention may start at its "the" or after it)."""
    said = _IN_A_PERIOD_AFTER.match(ctx.norm, end)
    starts = {said.start("the"), said.end()} if said else set()
    return bool(said and any(m.start in starts for m in ctx.mention_index.within(said.start("the"), said.end() + 40)))


_IN_A_PERIOD_AFTER = re.compile(r"\s+(?:in|during|for|over)\s+(?P<the>)(?:the\s+)?", re.IGNORECASE)


def _in_a_place_after(ctx: _Context, end: int) -> bool:
    place = _IN_A_PLACE_AFTER.match(ctx.norm, end)
    return bool(place and ctx.region_hits.within(place.end(), place.end() + 24))


# 由當時的約2萬件,升至2021年第4季的2.9萬餘件: a period written right before another number (its 的) is that number's.
# 前年底为116.7亿元, 2016年末仅有296家: so is one its number follows with 为/是/有 (the period the clause is of).
_DATES_THE_NEXT = re.compile(
    r"\s*(?:末|底)?(?:同期)?(?:的|时|为|是|仅有|仅为|只有|还有|有|达到?)\s*(?:约|近|超过|逾|达)?\s*\d"
)


def _of_a_compared_figure(ctx: _Context, mention: Mention, after: int = 0) -> bool:
    """'came to 982.3 billion yuan, against 252.8 billion yuan in 2014': 2014 is the period of the figure compared
    with (one that starts at `after` or later: between the number and the period), and dates nothing else."""
    found = COMPARED_FIGURE_EN.search(ctx.norm, max(after, mention.start - 48), mention.start)
    if found is not None:
        return found.start("figure") >= after
    # "against 85.7 billion in March and 245.9 billion in the whole first quarter": the next figure of a compared list
    item = _LISTED_FIGURE_EN.search(ctx.norm, max(after, mention.start - 48), mention.start)
    if item is None or item.start("figure") < after:
        return False
    joined = [m for m in ctx.mention_index.within(max(0, item.start() - 48), item.start()) if m.end == item.start()]
    return bool(joined) and _of_a_compared_figure(ctx, joined[0])


_LISTED_FIGURE_EN = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)" + FIGURE_THEN_PERIOD_EN, re.IGNORECASE)


def _heading_dated_below(ctx: _Context, paragraph: tuple[int, int]) -> ClaimPeriod | None:
    """存量平台661家,死亡率高达90% / 截至2019年8月31日,零壹智库监测到的…: a heading (a short line with no period
    and no full stop) states what the paragraph below it dates in its first words."""
    lo, hi = paragraph
    if hi - lo > 40 or _FULL_STOP.search(ctx.norm, lo, hi) or ctx.mention_index.within(lo, hi):
        return None
    below = re.compile(r"\s*").match(ctx.norm, hi).end()
    first = ctx.mention_index.within(below, below + 24)
    return first[0].period if first and first[0].as_of and first[0].period is not None else None


def _unless_now_since(ctx: _Context, mention: Mention, before: int) -> ClaimPeriod | None:
    """央行数据显示,目前全国小贷公司数量最多的省市…。(next paragraph) 广东省小贷公司共有350家: a "now" said after
    the last period named dates what follows, as that period would have."""
    now = [m for m in _CURRENTLY.finditer(ctx.norm, mention.end, before)]
    return _today(ctx) if now and ctx.article is not None else None


# (少于/高于2016年底的296家: "fewer/more than")
_COMPARED = re.compile(
    r"\bfrom\b|compared|than|versus|\bvs\b|比|较|相比|同期|对照|延续了?|沿袭了?|[少多高低]于", re.IGNORECASE
)
_FROM_CLAUSE = re.compile(r"\s*(?:(?:up|down)\s+)?from\s+(?:the\s+|a\s+)?\d", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"(?<!\d)[,，](?!\d)|[;；。:：!?！？\n]")


def _a_comparisons(ctx: _Context, mention: Mention) -> bool:
    """A period named as a comparison (down from … last year) or as a compared figure's ("against 334 at end-2016")."""
    return _compared(ctx, mention, 28) or _of_a_compared_figure(ctx, mention)


def _compared(ctx: _Context, mention: Mention, reach: int) -> bool:
    """The period is named as a comparison (相比2017年底, down from … last year): the comparison word
    stands in the mention's own clause ("对比来看,截至2021年底…" is not one)."""
    lo = max(0, mention.start - reach)
    stops = list(_CLAUSE_STOP.finditer(ctx.norm, lo, mention.start))
    if stops:
        lo = stops[-1].end()
    # 是2013年的3.87倍, 与一季度的8722.01亿元相比: the comparison is said after the period
    # (within its sentence: "…, down from 427 at the end of October last year. As recently as Nov 6, three were …")
    clause_start = max(0, mention.start - 120, _sentence_of(ctx, mention.start)[0])
    if stops := list(_CLAUSE_STOP.finditer(ctx.norm, clause_start, mention.start)):
        clause_start = stops[-1].end()
    return bool(
        # ", up from the 249 counted by the National Internet Finance Association last November": a clause that
        # opens with the figure compared with
        _FROM_CLAUSE.match(ctx.norm, clause_start)
        or _COMPARED.search(ctx.norm, lo, mention.start)
        or _COMPARED_AFTER.match(ctx.norm, mention.end)
        # 从上年的6778件增长至14791件: the figure a rise starts from, of its own period
        or (ctx.norm[max(0, mention.start - 1) : mention.start] == "从" and ctx.norm.startswith("的", mention.end))
        or re.search(
            r"\b(?:compared(?:\s+(?:with|to))?|relative\s+to|up from|down from)\s*$",
            ctx.norm[max(0, mention.start - 16) : mention.start],
            re.I,
        )
    )


_COMPARED_AFTER = re.compile(rf"(?:{COMPARED_BY_MULTIPLE}|[^,，。；;]{{0,16}}?(?:相比|相較|相较|比较|比較|相当|相當))")


# (领跑全国, 全国第一, 居全国首位: a ranking among the provinces, not a national figure)
_NATIONAL = re.compile(
    r"(?<!领跑)(?<!领先)(?<!居)(?<!位居)(?<!位列)(?<!排名)全国(?!第|首位|之首|前列|领先)"
    r"|全行业|nationwide|national|across the country|China's|in China",
    re.IGNORECASE,
)


def _regions_in(ctx: _Context, lo: int, hi: int) -> list:
    return ctx.region_hits.within(lo, hi)


_COMPARED_PLACE = re.compile(r"(?:比|较|相比于?|相较于?|不如)\s*$")  # (not "fewer than Anhui's 5,183, whose 445 …")
_COMPARED_CLAUSE = re.compile(r"\s*(?:较|比|相比|相较于?|与)\s*(?:19|20)\d{2}")


# A figure after "from", "against" or "compared with", or the figures listed after it with their years ("from 103,553
# in 2020, 117,995 in 2019 and 84,390 in 2018")
_COMPARED_FIGURES_BEFORE = re.compile(
    _COMPARED_WITH + r"(?:[\d.,]+\s+(?:in|at)\s+(?:(?:19|20)\d{2}|[\w-]+(?:\s+[\w-]+){0,3}?)\s*"
    r"(?:,\s*(?:and\s+)?|and\s+))*$",
    re.IGNORECASE,
)


def _region_for(ctx: _Context, clause, sentence, start: int, end: int) -> str:
    """A province named in the clause, or named before the number in its sentence; else China."""
    in_clause = _regions_in(ctx, *clause)
    # "followed by Chongqing with 55, Zhejiang with 23 and Jiangxi with 22": the place the number is said with
    said_with = [h for h in in_clause if h.end <= start and _PLACE_THEN_NUMBER.fullmatch(ctx.norm, h.end, start)]
    # (not a place named after the number with a number of its own: "Hainan, a newcomer, hosted 12 and Heilongjiang 21")
    in_clause = [h for h in in_clause if h.start < end or not _A_PLACES_NUMBER.match(ctx.norm, h.end)]
    best = said_with[-1] if said_with else _nearest(in_clause, start, end)
    if best is not None:
        return best.name
    if (pointed := _former_or_latter(ctx, sentence, start)) is not None:
        return pointed
    if _NATIONAL.search(ctx.norm, clause[0], clause[1]):
        return "CN"
    before = sorted(_regions_in(ctx, sentence[0], start), key=lambda h: h.start)
    # 吉林…公司有440家,比内蒙古还多,贷款余额却只有75.3亿元: a place named as the comparison is not the one spoken of
    before = [h for h in before if not _COMPARED_PLACE.search(ctx.norm, max(0, h.start - 12), h.start)] or before
    whole = _full_sentence_start(ctx, sentence[0])
    if not before and not _NATIONAL.search(ctx.norm, whole, start):
        # 重庆共有小额贷款公司265家,比年初减少10家;从业人员4269人: a semicolon goes on with the same place (not
        # 全国共有小额贷款公司8951家,重庆占比2.9%;贷款余额9594亿元: the nation's, with a province's share)
        named = sorted(_regions_in(ctx, whole, start), key=lambda h: h.start)
        before = named if len({h.name for h in named}) == 1 else []
    if before and any(
        m.year_written
        and not _compared(ctx, m, 6)
        and not _of_a_compared_figure(ctx, m)
        and not _DATES_THE_NEXT.match(ctx.norm, m.end)
        for m in ctx.mention_index.within(before[-1].end, start)
    ):
        # 2007年,首个P2P平台拍拍贷在上海成立,…截至2023年6月,正常运营平台仅存3家: a place said of another time
        # (not 黑龙江省…253家,较2016年底的266家减少13家;贷款余额…: the same place's compared figure)
        return "CN"
    return before[-1].name if before else "CN"


_MORE_AFTER = re.compile(r"\s+more\b(?!\s+than)", re.IGNORECASE)
_STILL = re.compile(r"\b(?:still|remain(?:ed|ing)?|left)\b", re.IGNORECASE)
_ANOTHER_BEFORE = re.compile(r"\b(?:another|an additional|a further)\s+$", re.IGNORECASE)
_PAST_THE = re.compile(r"\b(?:past|off|below|beyond|since)\s+(?:its|the|their)\s+$", re.IGNORECASE)


def _past_the_peak(norm: str, peak: subj.Hit) -> bool:
    """'past its peak', 'below the peak': beyond the peak, not at it."""
    return bool(_PAST_THE.search(norm, max(0, peak.start - 12), peak.start))


_FEWER_AFTER = re.compile(r"\s+(?:fewer|less)\b(?!\s+than)", re.IGNORECASE)
_POINTS = re.compile(r"个?百分点|个?基点|BP|bp|percentage points?|basis points?|bps?", re.IGNORECASE)
# Countries an article compares China with (the data hold China's figures only)
_ABROAD = re.compile(
    r"美国|美國|英国|英國|日本|韩国|韓國|德国|德國|法国|法國|印度尼西亚|印度|印尼|欧洲|歐洲|欧美|歐美|海外"
    r"|\b(?:the )?(?:United States|U\.S\.|US|America|UK|U\.K\.|Britain|Japan|Korea|Germany|France|India|Indonesia|Europe)\b"
    r"(?!\s*\$|\.?\s*dollars?)"  # not the US of US$24 billion
    r"|\b(?:American|British|Japanese|Korean|German|French|Indian|Indonesian|European)\b"
)
_CHINA_NAMED = re.compile(r"中国|中國|我国|我國|全国|全國|国内|國內|\bChina\b|\bChinese\b|nationwide", re.IGNORECASE)


def _abroad(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """2015年英國網絡借貸的活躍個體投資人的數量為100萬人,2016年為250萬人; "the US (10.4 billion dollars)": a figure
    of another country, named before it in its sentence with no word for China between."""
    places = list(_ABROAD.finditer(ctx.norm, sentence[0], claim.start))
    return bool(places) and not _CHINA_NAMED.search(ctx.norm, places[-1].end(), claim.start)


# Cities (not the province-level four) an article gives figures for; the data hold the nation and provinces only.
_CITY = re.compile(
    r"(?:深圳|广州|杭州|宁波|温州|厦门|青岛|大连|苏州|南京|成都|武汉|西安|郑州|长沙|合肥|济南|沈阳|哈尔滨|长春|石家庄|"
    r"太原|南昌|福州|昆明|贵阳|南宁|海口|兰州|银川|西宁|呼和浩特|乌鲁木齐|拉萨|东莞|佛山|无锡|常州|台州|金华|嘉兴|"
    r"绍兴|泉州|珠海|惠州|中山|温州)(?:市|地区)?"
    r"|\b(?:Shenzhen|Guangzhou|Hangzhou|Ningbo|Wenzhou|Xiamen|Qingdao|Dalian|Suzhou|Nanjing|Chengdu|Wuhan|Xi'an|"
    r"Zhengzhou|Changsha|Hefei|Jinan|Shenyang|Dongguan|Foshan|Wuxi)\b"
)


def _of_a_city(ctx: _Context, sentence, claim: Claim) -> bool:
    """深圳有小额贷款公司118家,贷款余额315.35亿元: a city's figure, named before it in its (full) sentence with no
    province, and no word for the whole country, between (a city named in an earlier sentence is not carried: it
    more often starts an example than the subject: "I'm 34, I work in Hangzhou, … Then July happened. By the end of
    July only 1,645 platforms were still operating")."""
    start = _sentence_start_at_any_stop(ctx, sentence[0])
    cities = [  # not the city taken out of a province: 浙江省(不含宁波,下同)
        m
        for m in _CITY.finditer(ctx.norm, start, claim.start)
        if not re.search(
            r"(?:不含|不包括|未含|除去?|excluding|except)\s*$", ctx.norm[max(0, m.start() - 6) : m.start()]
        )
    ]
    if not cities:
        return False
    after = cities[-1].end()
    return not ctx.region_hits.within(after, claim.start) and not _CHINA_NAMED.search(ctx.norm, after, claim.start)


# Products whose returns an article sets beside online lending's (the data hold none of theirs).
_OTHER_PRODUCT = re.compile(
    r"银行理财|理财产品|信托|货币基金|货币市场基金|余额宝|定期存款|活期存款|存款利率|国债|债券|股票|基金收益"
    r"|wealth[- ]management products?|WMPs?\b|WMP’s|trusts?\b|money[- ]market funds?|deposits?\b|bonds?\b|"
    r"treasur(?:y|ies)|stocks?\b|equities",
    re.IGNORECASE,
)


def _another_product(ctx: _Context, clause, claim: Claim) -> bool:
    """ "the average return on trust wealth management products was 8.9%", 银行理财产品收益率为4.37%: a rate of
    another product, named in the clause before the number after any online-lending word."""
    products = list(_OTHER_PRODUCT.finditer(ctx.norm, clause[0], claim.start))
    if not products or not any(h.name == "yield" for h in ctx.measures.within(clause[0], claim.end + 8)):
        return False
    sectors = ctx.sectors.within(clause[0], claim.start)
    return not sectors or sectors[-1].start < products[-1].start()


# 停业平台20家, 全年停业平台超过600家: closures alone, one kind of the exits the trackers count (退出 = 停业 and
# 问题 platforms together, wdzj's 1,279 in 2018), not all of them
_CLOSURES = r"停业(?![及、与和或]|转型及)(?:转型)?(?:的)?(?:平台|机构)"  # 停业平台, 停业转型平台, not 停业及问题平台
_CLOSED_ONLY = re.compile(rf"(?<![及、与和或]){_CLOSURES}(?:数量?|数)?(?:为|有|达|共)?\s*$")
_BECAUSE_AFTER = re.compile(r"\s*(?:平台|机构|公司)?(?:均|都|皆)?(?:因为?|由于)")
_INCLUDED_BEFORE = re.compile(r"[(（]\s*(?:含|包括|包含|including|incl\.?)\s*$", re.IGNORECASE)
_LESS_A_PART = re.compile(
    r"\s*(?:省|市|自治区)?\s*[(（]\s*(?:不含|不包括|未含|除去?|excluding|excl\.?|except|not including)", re.IGNORECASE
)


def _region_less_a_part(ctx: _Context, claim: Claim) -> bool:
    """The claim's province is named, earlier in the paragraph, with a part taken out of it (广东省(不含深圳,下同),
    "Guangdong (excluding Shenzhen)"): its figures are not the province's."""
    paragraph = _paragraph_of(ctx, claim.start)
    return any(
        h.name == claim.region and _LESS_A_PART.match(ctx.norm, h.end)
        for h in ctx.region_hits.within(paragraph[0], claim.start)
    )


_FROM_PEAK = re.compile(r"(?:\bfrom|从|由|较|比|相比)\s*(?:(?:a|the|its|their)\s+)?(?:历史|歷史)?$", re.IGNORECASE)
_CLOSED_ONLY_AFTER = re.compile(rf"(?<=家)\s*{_CLOSURES}")  # 17家停业转型平台
# 2015年668家跑路, 提现困难的有21家: one kind of problem platform (the trackers' 问题平台 also count the ones with
# withdrawal trouble, police cases, lost contact), not all of them
_FAILURE_KIND = re.compile(r"跑路|提现困难|失联|经侦介入|absconded|ran away|fled", re.IGNORECASE)
_FAILURE_ANY = re.compile(
    r"问题|爆雷|暴雷|出事|停业|倒闭|退出|problem|troubled|collapsed|failed|failures?", re.IGNORECASE
)


def _one_kind_of_failure(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """(not 半年多时间已经700多家停业或出问题,仅7月就有165多家跑路: beside the general word, 跑路 is used loosely)"""
    lo, hi = max(clause[0], claim.start - 12), min(clause[1], claim.end + 12)
    whole = (_full_sentence_start(ctx, sentence[0]), sentence[1])
    among = re.search(r"其中|of which|among them", ctx.norm[whole[0] : claim.start], re.IGNORECASE)
    return bool(_FAILURE_KIND.search(ctx.norm, lo, hi)) and (among or not _FAILURE_ANY.search(ctx.norm, *whole))


_FORMER_LATTER = re.compile(r"前者|后者|後者|\bthe (?:former|latter)\b", re.IGNORECASE)


def _former_or_latter(ctx: _Context, sentence, start: int) -> str | None:
    """比如辽宁和重庆,前者有小贷公司499家,从业人员3883人: "the former" of two places named before it is the
    first of them, "the latter" the second, until the sentence names another place."""
    words = list(_FORMER_LATTER.finditer(ctx.norm, sentence[0], start))
    if not words or _regions_in(ctx, words[-1].end(), start):
        return None
    named = sorted(_regions_in(ctx, sentence[0], words[-1].start()), key=lambda h: h.start)
    if len(named) < 2:
        return None
    former = "前" in words[-1][0] or "former" in words[-1][0].lower()
    return named[-2].name if former else named[-1].name


_OWN_NUMBER_AFTER = re.compile(
    r"\s*(?:of|at|was|为|达|达到|时)?\s*(?:about|around|nearly|some|over|more than|almost|roughly|approximately|"
    r"约|近|超过|逾|高达|多达)?\s*\d",
    re.IGNORECASE,
)
_TAOLU = re.compile(r"套路贷|routine loans?", re.IGNORECASE)
_CRIMINAL = re.compile(r"非法集资|集资诈骗|诈骗|刑事|illegal fund-?raising|fraud|criminal", re.IGNORECASE)
_COLLECTION_NAMED = re.compile(r"催收|讨债|debt[- ]collect|collecting illegal debts?", re.IGNORECASE)


_EITHER_JOIN = re.compile(r"\s*(?:或|或者|或是|or)\s*", re.IGNORECASE)
_A_NUMBER = re.compile(r"(?<![A-Za-z])\d|[一二三四五六七八九十百千万]")  # not the 2 of P2P


def _fell_from(between: str) -> bool:
    """Words between a peak and a number that make the number where it fell to: a number, then 降为/to."""
    return bool(_A_NUMBER.search(between) and _FALL_TO.search(between))


def _peak_of_another_number(norm: str, sentence, claim: Claim, peak: subj.Hit) -> bool:
    """The peak word belongs to another figure of the sentence: one it is followed by ("fallen to zero … from
    a peak of about 5,000"), or one the claim's number fell from (从高峰期的五六千家降为15家, "from 6,000 at
    the peak to only 6")."""
    if peak.start >= claim.end:
        return bool(_OWN_NUMBER_AFTER.match(norm, peak.end))
    if peak.end > claim.start:
        return False
    # 由高峰时期的5000家完全归零: a fall to zero is said by the claim's own words
    return _fell_from(norm[peak.end : claim.end if claim.value_base == 0 else claim.start]) or bool(
        _FALL_TO.search(norm, peak.end, claim.start)
        and _A_NUMBER.search(norm, max(sentence[0], peak.start - 30), peak.start)
    )


# (not the 到 of 达到, "reached": 高峰時曾達到5000多家 is the peak's own number)
_FALL_TO = re.compile(
    r"降|减|跌|为|至|归零|清零|(?<![达達])到|\bto\b|below|fell|fall|down|drop|declin|shr[iu]nk", re.IGNORECASE
)


# "896 out of the total of 2595 are confronted with severe problems": what is said after the whole is said of the part.
_OUT_OF_WHOLE = re.compile(r"\s+out\s+of\s+(?:the\s+|a\s+)?(?:total\s+(?:of\s+)?)?\d[\d,.]*", re.IGNORECASE)
_OUT_OF_BEFORE = re.compile(r"\bout\s+of\s+(?:the\s+|a\s+)?(?:total\s+(?:of\s+)?)?$", re.IGNORECASE)


# "after a Rmb19bn drop in 2018": a change named after its number
_CHANGE_NOUN_AFTER = re.compile(
    r"\s+(?:drop|fall|decline|decrease|contraction|rise|increase|jump|gain)\b"
    # "outstanding loans were 48% lower than at the start of the year"
    r"|(?:(?<=%)|(?<=cent))\s*(?:lower|higher|down|up)\b",  # (the claim ends after its %, percent or per cent)
    re.IGNORECASE,
)
# 分别较年初下降48%、53%和35%: every number of the list after the change word is a change
_LISTED_AFTER_A_CHANGE = re.compile(
    r"(?:下降|减少|增长|增加|上升|下滑|回落|降低|提高)了?\s*(?:约|近|超过)?\s*\d[\d.,]*\s*(?:%|亿元|万元|亿|家|人)?"
    r"(?:\s*[、，,和及与]\s*\d[\d.,]*\s*(?:%|亿元|万元|亿|家|人)?)*\s*(?:、|和|及|与)\s*$"
    # "down 84%, 88% and 73% respectively", "lenders had fallen by 53% and borrowers by 35%"
    r"|\b(?:down|up|fell|fallen|dropped|declined|decreased|rose|risen|increased|grew|grown|shrank|shrunk)(?:\s+by)?\s+"
    r"(?:about\s+|nearly\s+|some\s+)?\d[\d.,]*\s*(?:%|per\s?cent|percent)(?:\s*,\s*\d[\d.,]*\s*(?:%|per\s?cent|percent))*"
    r"(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+)(?:[a-z]+\s+){0,2}?(?:by\s+)?$",
    re.IGNORECASE,
)


_INTRODUCES = re.compile(
    # ("the balance had dropped to 956.1 billion yuan and monthly turnover to 144.8 billion": the verb left out)
    r"(?:\s+(?:of|at|was|were|stood at|reached|totall?ing|amounting to|came to|to"
    # "lenders had fallen by 53% and borrowers by 35%": a measure and its change
    r"|(?:had |have |has )?(?:fallen|fell|dropped|declined|risen|rose|grown|grew|increased|decreased|shrunk|shrank) by"
    r"|(?:were |was )?(?:down|up)(?: by)?)"  # "lenders were down 53% and borrowers down 35%"
    # ("lenders had dropped 88% and borrowers 73%": the verb and its "by" left out)
    r")?\s+(?:CNY|RMB|Rmb|US\$|\$)?\s*",
    re.IGNORECASE,
)


def _introduces_a_number(norm: str, pos: int) -> bool:
    m = _INTRODUCES.match(norm, pos)
    return bool(m and m.end() < len(norm) and norm[m.end()].isdigit())


# Measures the data count across all lenders, and the lenders that own every other measure.
_ANY_SECTOR_MEASURES = ("complaints", "cases", "dishonest")
_LENDERS = ("consumer_finance", "microloan", "online_microloan")


# "Chongqing, home to many of the online microlenders, has only 265 companies": a lender named in an aside set off by
# commas is not what the sentence counts
# (or one that ends the sentence: "…, which reflects the large online lenders registered there.")
_ASIDE = re.compile(
    r",\s*(?:home to|where|which|whose|like|unlike|as (?:do|did|does|are|were)|alongside|including|those (?:that|who|which))\b"
    r"[^,;.]*(?:[,;.]|$)",
    re.I,
)


def _in_an_aside(ctx: _Context, hit: subj.Hit) -> bool:
    lo = max(0, hit.start - 80)
    return any(m.start() < hit.start and hit.end <= m.end() for m in _ASIDE.finditer(ctx.norm, lo, hit.end + 80))


def _subject(ctx: _Context, clause, sentence, claim: Claim, respectively) -> tuple[str | None, str, int]:
    """(subject key, unit kind, change sign)."""
    norm, kind = ctx.norm, claim.unit_kind
    pick = None
    if respectively:
        index, count, measures, *_ = respectively
        if len(measures) == count:
            pick = measures[index]
    if pick is None:
        for level, (lo, hi) in enumerate((clause, sentence)):
            hits = [h for h in ctx.measures.within(lo, hi) if not kind or kind in subj.MEASURE_KINDS[h.name]]
            # (the number's own noun names its measure: "about 2.1 million active lenders and roughly 2.5 million
            # active borrowers")
            hits = [h for h in hits if not (h.start < claim.end and h.end > claim.start)]
            own = [
                h
                for h in hits
                if claim.unit
                and re.search(r"[A-Za-z]", claim.unit)
                and 0 <= h.start - claim.end <= 24
                and claim.unit.lower() in norm[h.start : h.end].lower()
            ]
            hits = own or hits
            if (
                kind == subj.PERCENT
                and any(h.name == "yield" for h in hits)
                and not subj.CHANGE.search(norm[max(lo, claim.start - 40) : claim.start])
            ):
                # "Average returns offered to lenders edged up to 9.76%": a rate, not a change in the lenders' number
                hits = [h for h in hits if h.name not in ("investors", "borrowers")]
            # "had lent RMB47.7 billion against paid-in capital of RMB47.3 billion": a measure after the number that
            # introduces a number of its own is that number's
            hits = [h for h in hits if h.start < claim.end or not _introduces_a_number(norm, h.end)]
            if level == 1:
                # "Problem platforms, those that stopped repaying investors or whose owners disappeared, numbered 76":
                # a measure in an aside the number is not in is not its measure
                # (when a measure is named before the aside: not "The regulator, which counts only institutions it
                # regards as still in business, said 427 were operating")
                outside = [h for h in hits if not _in_an_aside(ctx, h) or _in_an_aside(ctx, claim)]
                if any(h.end <= claim.start for h in outside):
                    hits = outside
                # Beyond its clause, the measure named before the number (成交量,…达到了28048.49亿元,同时,全行业贷款
                # 余额…: the balance belongs to what follows).
                earlier = [h for h in hits if h.end <= claim.start]
                named_before = ctx.measures.within(sentence[0], claim.start)
                if not earlier and kind == subj.PERCENT and named_before:
                    # "platforms stood at 139, down 86 percent from early 2019, with P2P loan balance …": the
                    # change is of what was named before, not of the balance named after.
                    break
                hits = earlier or hits
            # "a combined loan balance of RMB 927.3 billion and paid-in capital of …": the measure that introduces the
            # number stands before it, whatever follows
            introducing = [h for h in hits if h.end <= claim.start and _INTRODUCES.fullmatch(norm, h.end, claim.start)]
            pick = introducing[-1] if introducing else _nearest(hits, claim.start, claim.end)
            if pick is not None:
                break
    if pick is not None and not respectively and _sum_of_two_measures(ctx, sentence, claim, pick):
        return None, kind, 0  # 投资人和借款人总数为40万人: a sum of two measures, which no series holds
    if pick is None and kind == subj.ENTITIES:
        pick = subj.Hit("entities", claim.start, claim.end)
    measure = pick.name if pick else None
    if not kind and measure:
        kind = subj.MEASURE_KINDS[measure][0]
    sector_hits = ctx.sectors.within(clause[0], clause[1]) or [
        h for h in ctx.sectors.within(sentence[0], sentence[1]) if h not in ctx.asides
    ]
    sector_hit = _nearest(sector_hits, pick.start if pick else claim.start, pick.end if pick else claim.end)
    if sector_hit is None:  # the sentence names no sector: the last one named earlier in the paragraph
        paragraph = _paragraph_of(ctx, claim.start)
        earlier = ctx.sectors.within(max(paragraph[0], sentence[0] - 2000), sentence[0])
        earlier = [h for h in earlier if h not in ctx.asides]
        # 小额贷款公司(含网络小贷)265家;从业人员4269人: a sector named in brackets as included is not the subject
        earlier = [h for h in earlier if not _INCLUDED_BEFORE.search(norm, max(0, h.start - 6), h.start)]
        # the one named most often, the last of those: not one named in passing ("… held the largest balance,
        # reflecting the concentration of online microloan firms there. Zhejiang had 327 companies …")
        if not earlier and paragraph[0] > 0:
            # "China's 31 consumer-finance companies held … [¶] Growth has been rapid. In 2021 the association counted
            # 30 companies": a paragraph that names no sector goes on with the one before it
            # (unless it names the text's main one too: "… microloan companies at 6,550, and said 179 of them were
            # online microlenders [¶] By province …")
            before = _paragraph_of(ctx, paragraph[0] - 1)
            earlier = [h for h in ctx.sectors.within(*before) if h not in ctx.asides]
            if any(h.name == ctx.main_sector for h in earlier):
                earlier = []
        named = {h.name: sum(e.name == h.name for e in earlier) for h in earlier}
        sector_hit = max(reversed(earlier), key=lambda h: named[h.name]) if earlier else None
    sector = sector_hit.name if sector_hit else ctx.main_sector
    if (
        measure in _ANY_SECTOR_MEASURES
        and sector in _LENDERS
        and not (sector_hit and sentence[0] <= sector_hit.start < sentence[1])
    ):
        # "Consumer finance companies grew … Banking-sector complaints totalled 85,097": complaints, court cases and
        # dishonest debtors are counted across lenders; a lender named only before the sentence is not theirs
        sector = None
    if sector is None and pick is not None:
        # No sector named anywhere: 平台 / platforms, yields, turnover and investors are P2P words.
        word = norm[pick.start : pick.end].lower()
        if "平台" in word or "platform" in word or measure in ("turnover", "yield", "investors", "borrowers", "term"):
            sector = "p2p"
    # Modifiers (累计, 新增, 问题 …) count near the number and its measure word, not anywhere in a long clause.
    anchor = min(claim.start, pick.start if pick else claim.start)
    lo = max(sentence[0], anchor - 16)
    if re.match(r"[A-Za-z]", norm[max(0, anchor - 2) : anchor].strip()[-1:] or "x"):
        # English puts its modifiers further before the noun ("the total number of problem-affected P2P
        # platforms to 4096"), within the clause
        lo = min(lo, max(clause[0], anchor - 28))
    hi = min(sentence[1], max(claim.end, pick.end if pick else claim.end) + 32)
    if part_of := _OUT_OF_WHOLE.match(norm, claim.end):
        hi = min(sentence[1], part_of.end() + 32)  # "896 out of the total of 2595 are … problems": of the 896
    # A word after the number counts only within its clause ("1625家,占累计上线平台的33%").
    # A word that starts in the window counts whole ("had either suspended operations or succumbed to …").
    # "Problem platforms, those that stopped repaying investors or whose owners disappeared, numbered 76": not a word
    # of an aside the number is not in
    asides = [m.span() for m in _ASIDE.finditer(norm, sentence[0], sentence[1])]
    hits = [
        h
        for h in ctx.modifiers.within(lo, min(sentence[1], hi + 40))
        if h.start < hi
        and (h.start < claim.end or h.end <= max(clause[1], claim.end))
        and not any(a <= h.start < b and not a <= claim.start < b for a, b in asides)
    ]
    # 超500家平台因违规经营、资金链断裂等问题集中爆雷: the failure the number's "because" clause ends in
    after = pick.end if pick and pick.start >= claim.end else claim.end
    because = _BECAUSE_AFTER.match(norm, after)
    if because:
        reach = min(sentence[1], because.end() + 40)
        hits += [
            h
            for h in ctx.modifiers.within(because.end(), reach)
            if h.name in ("problem", "exited", "exited_problem") and not _A_NUMBER.search(norm, after, h.start)
        ][:1]
    hits = [h for h in hits if h.name != "peak" or not _peak_of_another_number(norm, sentence, claim, h)]
    # "the platform count past its peak (2,448 and 2,307)": beyond the peak, not at it
    hits = [h for h in hits if h.name != "peak" or not _past_the_peak(norm, h)]
    if whole := _OUT_OF_BEFORE.search(norm, max(0, claim.start - 24), claim.start):
        # The whole "out of" which a part is counted: what is said before it is the part's, and after it only its
        # own words are ("out of 5983 platforms monitored by …", not "2595 are confronted with severe problems")
        hits = [h for h in hits if claim.end <= h.start < claim.end + 16 or whole.start() <= h.start < claim.start]
    products = [h for h in hits if h.name in ("credit_card", "personal_loan")]
    listed = [h for h in ctx.modifiers.within(sentence[0], claim.start) if h.name in ("credit_card", "personal_loan")]
    if respectively and len(listed) == respectively[1] and len({h.name for h in listed}) == len(listed):
        # 信用卡、个人贷款两类依次为4.84万件和2.02万件: the products listed, one for each number
        hits = [h for h in hits if h.name not in ("credit_card", "personal_loan")] + [listed[respectively[0]]]
    elif len({h.name for h in products}) > 1:
        # 信用卡投訴已大幅減少,個人貸款投訴則由當時的約2萬件: of two products named, the one nearest the number
        # (not one after it with a number of its own: "Credit-card business accounted for 29,981 of the latter and
        # personal loans for 28,545")
        nearest = _nearest(products, claim.start, claim.end)
        hits = [h for h in hits if h.name not in ("credit_card", "personal_loan") or h.name == nearest.name]
    if products and all(h.start > claim.end and _PRODUCTS_NUMBER.match(norm, h.end) for h in products):
        # "Credit-card business accounted for 29,981 of the latter and personal loans for 28,545": a product named
        # after the number with a number of its own is that number's; the one the clause began with is this one's
        own = [h for h in ctx.modifiers.within(clause[0], claim.start) if h.name in ("credit_card", "personal_loan")]
        hits = [h for h in hits if h not in products] + own[-1:]
    modifiers = {h.name for h in hits}
    # 2017年网贷最火的时候,光是…P2P平台就有5000多家: a peak named earlier in the sentence, with no other
    # figure between, is the time the number is of.
    # Not the 'to' of a fall from it (从高峰期的五六千家降为15家, "from 6,000 at the peak to only 6").
    peak = [
        h for h in ctx.modifiers.within(sentence[0], claim.start) if h.name == "peak" and not _past_the_peak(norm, h)
    ]
    between = norm[peak[-1].end : claim.start] if peak else ""
    if peak and not (_A_NUMBER.search(between) or _FALL_TO.search(between)):
        modifiers.add("peak")
    elif peak and _fell_from(between):
        modifiers.discard("peak")
    if (
        measure == "turnover"
        and "cumulative" in modifiers
        and all(_TRACKED.fullmatch(norm, h.start, h.end) for h in hits if h.name == "cumulative")
    ):
        modifiers.discard(
            "cumulative"
        )  # "recorded turnover of 2.8 trillion yuan in 2017": the year's, not since inception
    if {"operating", "cumulative"} <= modifiers:  # both named: the one nearer the number wins
        nearest = _nearest([h for h in hits if h.name in ("operating", "cumulative")], claim.start, claim.end)
        modifiers.discard("cumulative" if nearest.name == "operating" else "operating")
    failed = {"exited", "problem", "exited_problem"} & modifiers
    for other in ("operating", "new"):
        # 倒闭了约4200家,剩下的还有1800余家; 新增问题平台数848家,新上线平台数13家: the nearer word wins
        if other in modifiers and failed:
            words = [h for h in hits if h.name == other or h.name in failed]
            nearest = _nearest(words, claim.start, claim.end)
            # "63 new problem P2P platforms", 新增问题平台: one term, a kind of failure
            compound = nearest.name == "new" and any(
                b.name in failed and 0 <= b.start - nearest.end <= 3 for b in words
            )
            modifiers -= failed if nearest.name == other and not compound else {other}
            failed = {"exited", "problem", "exited_problem"} & modifiers
    # 停业及问题平台 is one word: its 问题平台 is part of it, not a second kind.
    combined = [h for h in hits if h.name == "exited_problem"]
    parts = [
        h
        for h in hits
        if h.name in ("exited", "problem") and any(h.start < c.end and c.start < h.end for c in combined)
    ]
    failed = {h.name for h in hits if h.name in ("exited", "problem", "exited_problem") and h not in parts}
    either = [h for h in hits if h.name in ("problem", "exited") and h not in parts]
    joined = any(
        a.name != b.name and _EITHER_JOIN.fullmatch(norm, a.end, b.start)
        for a in either
        for b in either
        if a.end <= b.start
    )
    if joined:  # 出现提现困难或倒闭的平台: either kind of failure, what the trackers count as problem platforms
        modifiers -= {"exited", "exited_problem"}
    elif len(failed) > 1:  # 停业及问题平台数量…,共有165家问题平台,53家停业转型平台: the word by the number
        nearest = _nearest([h for h in hits if h.name in failed and h not in parts], claim.start, claim.end)
        modifiers -= failed - {nearest.name}
    elif parts:
        modifiers -= {h.name for h in parts} - failed
    if (
        modifiers & {"problem", "exited", "exited_problem"}
        and "new" not in modifiers
        and (
            re.search(
                r"(?:共有|共计|总计|合计|累计达|共|数量为?|数量达到?|已有|高达|达到?)\s*$",
                norm[max(clause[0], claim.start - 6) : claim.start],
            )
            # "by the end of June…, of which 4347 have either suspended operation or succumbed to problems"
            or _HAVE_FAILED_AFTER.match(norm, claim.end)
            # 截至2019年8月,…已停业及发生问题的平台5830家: the ones that have failed by then
            or re.search(r"已(?:经)?(?:停业|倒闭|退出|出现问题|发生问题)", norm[clause[0] : claim.start])
        )
        and any(m.as_of for m in ctx.mention_index.within(sentence[0], claim.start))
        and not _year_to_date_end(ctx, sentence, claim.start)
    ):
        modifiers.add("cumulative")  # 截至上半年末,…统计的问题平台共有2461家: all problem platforms to that date
    if re.search(r"\bAI\b|人工智能|机器人|(?i:robot)", norm[sentence[0] : sentence[1]]):  # (not "complaints")
        modifiers.add("ai")
    before = norm[max(clause[0], claim.start - 40) : claim.start]
    change = 0
    m = subj.CHANGE.search(before) or _LISTED_AFTER_A_CHANGE.search(
        norm, max(sentence[0], claim.start - 48), claim.start
    )
    if (
        m
        and m.group(0).strip().lower() == "or"
        and not _CHANGE_WORD_EN.search(norm, max(sentence[0], claim.start - 60), claim.start)
    ):
        m = None  # ("up 12%, or 3 billion yuan": a change again; not "of which 230,000, or 49.3%": a share of a count)
    if m and m.group(0).strip():
        change = -1 if _CHANGE_DOWN.search(m.group(0)) else 1
        modifiers.add("change")
    if (
        not change
        and (_MORE_AFTER.match(norm, claim.end) or _ANOTHER_BEFORE.search(norm, max(0, claim.start - 16), claim.start))
        and not _STILL.search(norm, claim.end, min(sentence[1], claim.end + 48))
        # (not "a further 70 that disappeared in 2013", "22 more closed or ran into trouble": a count of failures
        # is already a count of what was added to them, the period's own figure)
        and not (kind in (None, subj.ENTITIES) and modifiers & {"problem", "exited", "exited_problem"})
    ):
        # "six more were added in 2017 and another five in 2018": how many were added, not how many there were
        # (not "another 1,800 P2P platforms were still operating": the rest)
        return None, kind, 1
    if not change and _FEWER_AFTER.match(norm, claim.end):
        return None, kind, -1  # "3,523 fewer microloan companies than at the peak": a fall, not a level
    if not change and (after := _CHANGE_NOUN_AFTER.match(norm, claim.end)):
        # "after a Rmb19bn drop in 2018": the change named after the number
        change = -1 if _CHANGE_DOWN.search(after.group(0)) else 1
        modifiers.add("change")
    if _POINTS.fullmatch(claim.unit or ""):
        # "a modest 0.73 percentage point bounce", 上升2.13个百分点, 高出5个基点: the difference of two rates,
        # never a rate (no series holds such differences)
        return None, kind, change or 1
    if change and measure in ("balance", "new_loans", None) and sector == "microloan" and kind == subj.MONEY:
        # "贷款余额…,一季度减少273亿元" / "the volume was down 30.4 billion": a change of the balance is
        # the period's net new loans, which the PBoC publishes as such.
        return "microloan_new_loans", kind, change
    if measure == "balance" and "new" in modifiers and not change:
        change = 1  # 新增贷款余额: the balance's increase, not the balance
        if sector == "microloan" and kind == subj.MONEY:
            return "microloan_new_loans", kind, change
    if measure in ("cases", "suspects") and _TAOLU.search(norm, sentence[0], sentence[1]):
        # 打掉"套路贷"团伙…破获案件21624起,抓获犯罪嫌疑人16349名: the police's cases, not courts'
        return ("taolu_cases" if measure == "cases" else "taolu_suspects"), kind, change
    if measure == "balance" and kind == subj.PERCENT and not change:
        return None, kind, change  # 余额占比3%: a share of a balance, which no series holds (its changes are)
    if measure == "complaints" and _part_about_collection(ctx, sentence, clause, claim):
        # "466,000 valid financial complaints, of which 230,000 (49.3%) concerned violent collection": the collection
        # complaints among all financial ones, which the data hold
        sector, modifiers = "collection", modifiers - {"financial"}
    key = subj.subject_for(sector, measure, modifiers, kind)
    if key and key.startswith("court_cases") and _CRIMINAL.search(norm, sentence[0], sentence[1]):
        # "concluding 58,000 cases involving illegal fund-raising, financial fraud": criminal cases, while the
        # court series are civil lending and financial disputes
        return None, kind, change
    if key == "collection_prosecuted" and not _COLLECTION_NAMED.search(
        norm, _full_sentence_start(ctx, sentence[0]), sentence[1]
    ):
        # 已提起公诉5568人 (under 17 new offences): prosecuted, but for debt collection only if the sentence says so
        key = None
    if change and not (key and (key.endswith("_change") or key == "microloan_new_loans")):
        return None, kind, change  # a rise or fall, not a level: no series holds it
    return key, kind, change


def _region_patterns(regions: list[dict]) -> list[tuple[re.Pattern, str]]:
    out = []
    for r in regions:
        if r["code"] == "CN" or not r["code"].startswith("CN-"):
            continue
        names = {r["name_zh"], r["name_en"]}
        short = re.sub(r"(?:壮族|回族|维吾尔)?自治区$|省$|市$|特别行政区$", "", r["name_zh"])
        if len(short) >= 2:
            names.add(short)
        names.add(
            re.sub(r"\s+(?:Province|Municipality|Autonomous Region|Zhuang|Hui|Uyghur|Uygur).*$", "", r["name_en"])
        )
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
        # (not "an investigation by Beijing": the capital standing for the government; but "followed by Sichuan's")
        out.append(
            (
                re.compile(rf"(?<![A-Za-z])(?<!(?<!followed )by )(?:{alternatives})(?![a-z]){_NOT_A_MEDIA_NAME}"),
                r["code"],
            )
        )
    return out


# 北京商报记者, 上海证券报, Shanghai Daily: a newspaper's or broadcaster's name, not where the figures are from.
_NOT_A_MEDIA_NAME = (
    r"(?!商报|日报|晚报|晨报|青年报|证券报|法治报|法制报|经济报|金融报|都市报|时报|电视台|卫视|广播电视台"
    r"|\s+(?:Daily|News|Times|Evening|Youth Daily|Securities News|Business (?:Daily|News)|Post)\b)"
)


# --- notes: why a number is not a figure of the sector's record ------------------------------------
# Each rule reads one kind of number the data do not hold (a limit, a forecast, a sample, a part …).
# They are tried in this order and the first that applies names the note, so a rule placed earlier wins
# where two apply: a forecast's threshold is a threshold, a city's average is a city's figure.


def _threshold_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    norm = ctx.norm
    return bool(
        _NEGATIVE_CONTEXT.search(norm[max(clause[0], claim.start - 10) : claim.start])
        or _MARK_BEFORE.search(norm[max(clause[0], claim.start - 12) : claim.start])
        or (claim.unit_kind == subj.PERCENT and _QUALIFIES_A_NOUN.match(norm, claim.end))
    )


def _forecast_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    # 中金公司预计,在更多骨牌倒下后,这个数字将缩减至不足200家: expected in one clause, "will" in this one
    norm = ctx.norm
    if _FORECAST.search(norm, clause[0], claim.start):
        return True
    expects = _EXPECTS.search(norm, _full_sentence_start(ctx, sentence[0]), claim.start)
    return bool(expects and _WILL.search(norm, max(clause[0], expects.end()), claim.start))


def _per_time_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    norm = ctx.norm
    return bool(
        _PER_TIME.search(norm[max(clause[0], claim.start - 16) : claim.start]) or _PER_TIME_AFTER.match(norm, claim.end)
    )


_PRODUCT_COMPLAINTS = re.compile(
    r"(?:信用卡|个人贷款)(?:业务)?(?:的)?投诉|(?:credit[- ]card|personal[- ]loan) complaints", re.I
)


def _named_part_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    # (not 其中,2017年7、8、9月网贷行业成交量分别是…: a breakdown by month is the series itself)
    # (nor 其中广东64家、重庆55家: a breakdown by province, whose figures the data hold)
    group = _SUBGROUP.search(ctx.norm, sentence[0], claim.start)
    by_region = bool(ctx.region_hits.within(max(group.start() if group else 0, claim.start - 4), claim.start))
    # (nor 其中信用卡业务投诉29,981件、个人贷款业务投诉28,545件: the banks' complaints by product, which the data hold)
    item = ctx.norm.rfind("、", group.start() if group else 0, claim.start) + 1 or (group.start() if group else 0)
    by_product = bool(_PRODUCT_COMPLAINTS.search(ctx.norm, item, claim.start))
    return bool(group) and not _by_period(ctx, group.start(), claim) and not by_region and not by_product


def _other_product_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    return claim.unit_kind == subj.PERCENT and _another_product(ctx, clause, claim)


def _abroad_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    return _abroad(ctx, sentence, clause, claim)


def _city_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    return _of_a_city(ctx, sentence, claim)


def _definition_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    return bool(re.search(r"[=＝]\s*$", ctx.norm[max(0, claim.start - 3) : claim.start]))


def _person_times_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    return claim.unit == "人次"


def _sample_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    # 根据90家网贷平台2013年的成交数据测算: the sample, not the sector; 3464家被监测的P2P借贷平台,
    # 风险池的风险预警平台3507家, 作为观察平台1664家: the platforms a tracker watches or flags
    norm = ctx.norm
    return bool(
        (
            _SAMPLE_BEFORE.search(norm[max(clause[0], claim.start - 6) : claim.start])
            and _SAMPLE_AFTER.search(norm[claim.end : min(sentence[1], claim.end + 24)])
        )
        or _MONITORED_AFTER.match(norm, claim.end)
        or _WATCH_LIST.search(norm, clause[0], claim.start)
    )


def _reporting_part_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    # 已有19家持牌消费金融公司交出了2021年成绩单 (the ones that reported results); "31 consumer finance
    # companies, with 22 backed by commercial banks and 9 by industrial firms": parts of the sector
    norm = ctx.norm
    return bool(
        (claim.unit_kind == subj.ENTITIES and _REPORTED.search(norm, *clause))
        or (_WITH_BEFORE.search(norm, max(0, clause[0] - 2), claim.start) and _BACKED_AFTER.match(norm, claim.end))
    )


def _spread_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    # 收益率…从6%-40%以上不等: how widely figures vary, not one figure
    norm = ctx.norm
    return bool(
        _SPREAD_AFTER.match(norm, claim.end)
        or _SPREAD_AFTER.match(norm, _range_end(norm, claim.end))
        or (claim.qualifier == "range" and _SPREAD_BEFORE.search(norm, max(clause[0], claim.start - 8), claim.start))
    )


def _average_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    # 机构贷款余额从平均1.04亿元…: per institution, not the total
    norm = ctx.norm
    return claim.unit_kind in (subj.MONEY, subj.ENTITIES, subj.PERSONS) and bool(
        _AVERAGE_BEFORE.search(norm[max(clause[0], claim.start - 4) : claim.start])
        or re.search(r"平均|户均|人均|\baverage\b", norm[clause[0] : claim.start], re.IGNORECASE)
    )


_OWN_WEBSITE = re.compile(
    r"according to (?:the (?:company|platform|firm)|its)(?:'s|’s)? (?:own )?(?:website|web site|app)|该公司官网|该平台官网|平台官网显示|公司官网显示",
    re.IGNORECASE,
)


def _part_note(ctx: _Context, sentence, clause, claim: Claim, out) -> bool:
    norm = ctx.norm
    return bool(
        _subset(ctx, sentence, clause, claim)
        or _part_of_breakdown(ctx, sentence, clause, claim)
        or _only_a_part(ctx, sentence, claim, out)
        or _inside_a_count(ctx, sentence, clause, claim)
        or _share_of_its_own_kind(ctx, sentence, clause, claim)
        or _CLOSED_ONLY.search(norm, max(clause[0], claim.start - 12), claim.start)
        or _CLOSED_ONLY_AFTER.match(norm, claim.end)
        or _one_kind_of_failure(ctx, sentence, clause, claim)
        or _among_its_own_kind(ctx, sentence, clause, claim)
        # "…with a lending volume of 39 billion yuan…, according to the company's website": one firm's own figures
        or _OWN_WEBSITE.search(norm, sentence[0], sentence[1])
    )


# (note, rule), in the order they are tried. "subgroup" has several rules: a part named before the
# number, companies that reported, and the parts the text breaks a whole into.
_NOTE_RULES = (
    ("threshold", _threshold_note),
    ("forecast", _forecast_note),
    ("per_time", _per_time_note),
    ("subgroup", _named_part_note),
    ("other_product", _other_product_note),
    ("abroad", _abroad_note),
    ("city", _city_note),
    ("definition", _definition_note),
    ("person_times", _person_times_note),
    ("sample", _sample_note),
    ("subgroup", _reporting_part_note),
    ("spread", _spread_note),
    ("average", _average_note),
    ("subgroup", _part_note),
)


def _first_note(ctx: _Context, sentence, clause, claim: Claim, out) -> str | None:
    """The note of the first rule that applies to `claim` (`out`: the claims of the text before it)."""
    return next((note for note, applies in _NOTE_RULES if applies(ctx, sentence, clause, claim, out)), None)


def extract(
    text: str, article: date | None = None, regions: list[dict] | None = None
) -> tuple[list[Claim], tuple[str, ...]]:
    """Claims in `text` (cut at the input cap) and notes about the input."""
    prepared = prepare(text)
    norm = prepared.norm
    masked = tag_spans(norm) + [m.span() for m in _NOT_CLAIMS.finditer(norm)]
    masked += [m.span() for m in _DATELINE.finditer(norm)]
    mentions = find_periods(norm, article, masked)
    # (not "three years later": a period that is also a duration the text states)
    period_spans = _Spans((m.start, m.end) for m in mentions if not _LATER.fullmatch(norm, m.start, m.end))
    ctx = _Context(norm, sentences(norm), paragraphs(norm), mentions, _region_patterns(regions or []),
                   subj.dominant_sector(norm), article)  # fmt: skip
    ctx.sentence_starts = [a for a, _ in ctx.sentences]
    ctx.paragraph_starts = [a for a, _ in ctx.paragraphs]
    ctx.measures = _Index(subj.measure_hits(norm, 0, len(norm)))
    ctx.sectors = _Index(subj.sector_hits(norm, 0, len(norm)))
    ctx.asides = frozenset(h for h in ctx.sectors.within(0, len(norm)) if _in_an_aside(ctx, h))
    ctx.modifiers = _Index(subj.modifier_hits(norm, 0, len(norm)))
    # 中新网北京4月24日电, "BEIJING, Dec. 16 (Xinhua)": the dateline names where the report was filed, not
    # the region of its figures.
    datelines = _Spans(m.span() for m in _DATELINE.finditer(norm))
    ctx.region_hits = _Index(
        [
            subj.Hit(code, m.start(), m.end())
            for pattern, code in ctx.regions
            for m in pattern.finditer(norm)
            if m.start() not in datelines and not _BASED_AFTER.match(norm, m.end())
        ]
    )
    # A "when" clause's period (when.py reads "…, when" as the period just named) dates only the numbers after it in
    # its sentence: kept apart, so that nothing else takes it for a period the text moved on to
    is_when = [norm.startswith(("when", "When"), m.start) for m in mentions]
    ctx.mention_index = _Index([m for m, w in zip(mentions, is_when, strict=True) if not w])
    ctx.when_index = _Index([m for m, w in zip(mentions, is_when, strict=True) if w])
    # (not a comparison's: "1,363 platforms …, against 2,426 … at the end of 2017")
    ctx.lead_period = next(
        (m for m in mentions if m.as_of and m.period is not None and not _a_comparisons(ctx, m)),
        None,
    )
    tokens = _tokens(norm, masked + _year_spans(norm, mentions))
    raw = []
    for token in tokens:
        if token.start in period_spans and not _is_number_not_year(norm, token):
            continue
        unit, kind, factor, unit_end, currency = _unit_after(norm, token)
        if kind == "skip":
            continue
        raw.append([token, unit, kind, factor, unit_end, currency])
    # "286, 204, and 194 companies", 286、204和194家: numbers listed before the one that names the unit share it
    for i in range(len(raw) - 2, -1, -1):
        first, second = raw[i][0], raw[i + 1][0]
        if (
            not raw[i][2]
            and raw[i + 1][2]
            and _IN_A_LIST.fullmatch(norm, raw[i][4], raw[i + 1][0].start)
            # (not "it was 5,257 and 753.3bn yuan": a count bigger than the scaled number after it is not in its unit)
            and not (first.scale == 1 and second.scale > 1 and first.value > second.value / second.scale)
        ):
            raw[i][1:6] = [*raw[i + 1][1:4], raw[i][4], raw[i + 1][5]]
    # Ranges: "1000-2000家", "3.7%-18%", "between 10 and 20 billion yuan"
    merged = []
    i = 0
    while i < len(raw):
        token, unit, kind, factor, unit_end, currency = raw[i]
        high = None
        if i + 1 < len(raw):
            nxt = raw[i + 1]
            join = _RANGE_JOIN.match(norm, unit_end)
            after_from = _FROM.search(norm, max(0, token.start - 8), token.start)
            if (
                join
                and join.end() == nxt[0].start
                and (not kind or not nxt[2] or kind == nxt[2])
                # ("fell by more than 50 percent to 1,021": a unit written after the first number and none after
                # the second is a change and the level it fell to, not a range)
                and not (unit and unit_end > token.end and not nxt[1] and kind == subj.PERCENT)
                and nxt[0].value > token.value
                and not after_from
                # ("fallen by 331 to 2,281": a change and the level it came to, not a range)
                and not _BY_BEFORE.search(norm, max(0, token.start - 24), token.start)
            ):
                is_between = join.group(0).strip().lower() == "and"
                if not is_between or re.search(r"between\s*$", norm[max(0, token.start - 9) : token.start], re.I):
                    scale = (
                        nxt[0].scale
                        if token.scale == 1 and nxt[0].scale > 1 and token.value < nxt[0].value / nxt[0].scale * 10
                        else Decimal(1)
                    )
                    high = nxt
                    if scale > 1:
                        token.value *= scale
                        token.scale = scale
                    if nxt[2]:
                        unit, kind, factor, unit_end, currency = nxt[1], nxt[2], nxt[3], nxt[4], nxt[5]
                    else:  # "$20-40bn": the unit written before the first number is the range's
                        unit_end = nxt[4]
                    i += 1
        merged.append((token, unit, kind, factor, unit_end, currency, high))
        i += 1
    siblings = []
    counted_before: dict[int, Claim] = {}  # a number "of them" in a shorter period: the count it is part of
    compared_before: list[Claim] = []  # figures compared with ("from 7,551 a year earlier"), with their periods
    carried_region: dict[int, str] = {}  # a bare number continuing a count: the place of that count
    claims: list[Claim] = []
    for token, unit, kind, factor, unit_end, currency, high in merged:
        sentence = _sentence_of(ctx, token.start)
        clause = clause_bounds(norm, sentence, token.start)
        qualifier, q_start, q_end, suffix_kind = _qualifier(norm, token.start, token.end, unit_end, clause[0])
        if high is not None:
            qualifier, q_end = "range", max(q_end, high[4])
        elif (
            qualifier == "exact"
            and claims
            and claims[-1].qualifier in ("more_than", "less_than")
            and _IN_A_LIST.fullmatch(norm, claims[-1].end, token.start)
        ):
            qualifier = claims[-1].qualifier  # 接连突破7万亿和8万亿元两道大关: the bound holds for each
        if token.vague:
            qualifier = "range"
            high_value = token.value * token.vague[1]
            token.value = token.value * token.vague[0]
        elif norm[token.start : token.start + 1] == "上" and token.written.startswith("上"):
            qualifier = "more_than"
        base = token.value * factor
        last_place = place_of_last_nonzero(token.value / token.scale) * token.scale
        # Half a unit of the last non-zero digit, but never more than 2.5 %: "1575" is ±0.5, "2000" is
        # read as rounded to two significant digits (±50), "1万亿" as ±2.5 %.
        rounding = min(last_place / 2, abs(token.value) * Decimal("0.025")) or Decimal("0.5") * token.scale
        if token.decimals and last_place:
            rounding = last_place / 2  # "0.1 trillion": the decimals written say how precise it is (±0.05)
        if qualifier in ("more_than", "less_than"):  # a bound is the number itself, not a rounded figure
            rounding = min(rounding, abs(token.value) * Decimal("0.01"))
        claim = Claim(
            start=q_start, end=q_end, quote=prepared.compact[q_start:q_end], value=float(_written_value(token)),
            value_base=float(base), value_high_base=None, tolerance_base=float(rounding * factor),
            step_base=float(last_place * factor) if suffix_kind == "step" else 0.0, unit=unit, unit_kind=kind,
            qualifier=qualifier, period=None, subject=None, region="CN", currency=currency,
        )  # fmt: skip
        if high is not None:
            claim.value_high_base = float(high[0].value * high[3])
        elif token.vague:
            claim.value_high_base = float(high_value * factor)
        if qualifier == "more_than" and token.written.startswith("上"):
            claim.step_base = 0.0
        if (
            token.vague
            or re.fullmatch(r"上[十百千]?(?:万|亿|万亿)?", token.written)
            or _ORDER_OF_SIZE.match(norm, unit_end)
        ):
            claim.doubts.append("vague")  # 几百亿, 上万家, 数千: a loose size, not a figure to refute
        if not kind and (part_of := _LISTED_PART_OF_AFTER.match(norm, token.end)):
            antecedent = next((c for c in reversed(claims) if c.unit_kind), None)
            if antecedent is not None and _same_or_last_paragraph(ctx, antecedent, token.start, claims):
                claim.unit, claim.unit_kind = antecedent.unit, antecedent.unit_kind
                part_end = part_of.end()
                if _in_a_period_after(ctx, part_end):
                    # "515 platforms … in the first half, 94 of them in June": the same count, of a shorter period
                    counted_before[id(claim)] = antecedent
                elif not (_region_just_before(ctx, token.start) or _in_a_place_after(ctx, part_end)):
                    # (not "Guangdong is home to 64 of them", "28 of them in Guangdong": a province's count)
                    claim.notes.append("subgroup")
        claims.append(claim)
        siblings.append((claim.start, kind))
    out = []
    starts = [start for start, _ in siblings]
    for claim in claims:
        sentence = _sentence_of(ctx, claim.start)
        clause = clause_bounds(norm, sentence, claim.start)
        if note := _first_note(ctx, sentence, clause, claim, out):
            claim.notes.append(note)
        resp = _respectively(
            ctx,
            sentence,
            claim.start,
            claim.unit_kind,
            siblings[bisect_right(starts, sentence[0] - 1) : bisect_right(starts, sentence[1] - 1)],
        )
        claim.subject, kind, claim.change = _subject(ctx, clause, sentence, claim, resp)
        if (compared_with := _compared_with_the_figure_before(ctx, sentence, clause, claim, out)) is not None:
            claim.subject, claim.change = compared_with.subject, 0
        if claim.subject is None and id(claim) in counted_before:
            claim.subject, claim.change = counted_before[id(claim)].subject, 0
        if (
            claim.subject is None
            and not claim.notes
            and (listed := _subject_listed_before(ctx, sentence, claim, claims, out))
        ):
            claim.subject = listed
            claim.unit_kind = claim.unit_kind or subj.SUBJECTS[listed].kinds[0]
        if (
            claim.subject is None
            and not (claim.notes or claim.change)
            and (pointed := _measure_of_former_or_latter(ctx, sentence, claim, out)) is not None
        ):
            claim.subject, claim.unit, claim.unit_kind = pointed.subject, claim.unit or pointed.unit, pointed.unit_kind
        if (
            claim.subject is None
            and not (claim.notes or claim.change)
            and claim.unit_kind == subj.MONEY
            and not _FORMER_LATTER.search(norm, *sentence)
            and (carried := _money_said_before(ctx, sentence, claim, claims, out)) is not None
        ):
            claim.subject = carried.subject
        if (
            claim.subject
            and not (claim.notes or claim.change)
            and (compared := _compared_list_subject(ctx, sentence, claim, claims))
        ):
            claim.subject = compared
        if claim.notes:
            claim.subject = None
        guessed_money = claim.subject and subj.SUBJECTS[claim.subject].kinds[0] == subj.MONEY
        if (
            not claim.unit_kind
            and (claim.subject is None or (guessed_money and claim.tolerance_base < 1000))
            and _continues_a_count(ctx, claim.start, claim.end)
        ):
            # "up from the 249 counted …", "Zhejiang (23), Jiangxi (22)", "28 of them in Guangdong, 17 in Chongqing":
            # a bare number that continues the count said just before it, in the same sentence, counts the same
            # (the last count of its sentence, else of the sentence before in its paragraph: "480 companies with loans
            # of 29.14 billion yuan and a staff of 3,883; Jilin had 501")
            previous = _previous_sentence(ctx, sentence, same_paragraph=True)
            since = previous[0] if previous else sentence[0]
            counts = [c for c in out if c.subject and c.unit_kind == subj.ENTITIES and c.start >= since]
            antecedent = counts[-1] if counts else None
            if antecedent is not None:
                claim.unit, claim.unit_kind, claim.subject = antecedent.unit, antecedent.unit_kind, antecedent.subject
        # "A month later the figure was 427", "there were 280", "84,390 in 2018; 97,995 in 2019": what was counted
        if (
            not claim.unit_kind
            and (claim.subject is None or subj.SUBJECTS[claim.subject].kinds[0] == subj.MONEY)
            and not claim.notes
            and claim.tolerance_base < 1000
            and (counted := _count_said_before(ctx, sentence, clause, claim, out)) is not None
        ):
            claim.unit, claim.unit_kind, claim.subject = counted.unit, counted.unit_kind, counted.subject
            if counted.region != "CN":
                carried_region[id(claim)] = counted.region
        if not claim.unit_kind:
            if claim.subject is None and not ((claim.change or claim.notes) and kind) and claim.tolerance_base < 1000:
                continue  # a bare number with nothing to say what it counts (and no scale word) is not a claim
            claim.unit_kind = kind or (subj.SUBJECTS[claim.subject].kinds[0] if claim.subject else subj.OTHER)
            shared = re.search(r"yuan|RMB|元|%|percent", norm[claim.end : min(clause[1], claim.end + 40)], re.I)
            if claim.subject and claim.unit_kind in (subj.MONEY, subj.PERCENT) and not shared:
                # No currency or % written, here or on the next number ("from 809.751 billion to 806.322
                # billion yuan"): the kind is only guessed from the words around it.
                claim.doubts.append("unit")
        if claim.subject == "microloan_new_loans" and re.search(
            r"同比|year-on-year|from a year (?:earlier|ago)", norm[max(clause[0], claim.start - 12) : claim.start], re.I
        ):
            claim.notes.append("year_on_year")  # 同比减少34.5亿元: against a year before, not since the year began
            claim.subject = None
        if claim.change < 0 and claim.subject and claim.subject.endswith(("_change", "new_loans")):
            claim.value_base = -claim.value_base
            if claim.value_high_base is not None:
                claim.value_high_base = -claim.value_high_base
        if resp and resp[3] and len(resp[3]) == resp[1]:
            claim.region = resp[3][resp[0]][1]
        else:
            claim.region = _region_for(ctx, clause, sentence, claim.start, claim.end)
            if claim.region == "CN" and _COMPARED_CLAUSE.match(norm, clause[0]):
                # 重庆贷款余额1061.67亿元,较2022年末的2384.18亿元几乎腰斩: the compared figure is of the same place
                stops = list(_CLAUSE_STOP.finditer(norm, sentence[0], max(sentence[0], clause[0] - 1)))
                named = _regions_in(ctx, stops[-1].end() if stops else sentence[0], clause[0])  # the clause before
                claim.region = named[-1].name if named else "CN"
            elif claim.region == "CN" and _COMPARED_FIGURES_BEFORE.search(norm, sentence[0], claim.start):
                # "In Henan, financial cases received climbed to 135,903 in 2021, from 103,553 in 2020": a figure
                # compared with the one before it is of the same place
                earlier = [c for c in out if sentence[0] <= c.start < claim.start and c.unit_kind == claim.unit_kind]
                claim.region = earlier[-1].region if earlier else "CN"
            # 全省在运营的P2P网贷机构共176家…;涉及出借人172万: "the province" from the start of the full sentence
            whole = (_full_sentence_start(ctx, sentence[0]), sentence[1])
            before = _of_which(ctx, sentence)
            if claim.region == "CN" and before and (carried := _sole_province(ctx, before)):
                claim.region = carried  # 其中, of which: the parts of the sentence before's whole, of its place
            if claim.region == "CN" and _THIS_PROVINCE.search(norm, *whole):
                # 2020年,上海法院受理的金融商事案件数量有所下降。全市法院共受理…179,258件: the place just named
                previous = _sentence_before(ctx, (whole[0], sentence[1]))
                claim.region = (previous and _sole_province(ctx, previous)) or claim.region
                # 浙江的走势恰好相反:全省…收案数: the one place named before in the full sentence, else in the text
                # (四川省金融工作办公室关于全省小额贷款公司…的通报 [heading] …全省共有小额贷款公司341家)
                for lo in (whole[0], 0):
                    named = {h.name for h in _regions_in(ctx, lo, claim.start)}
                    # (the nation named in another paragraph does not stop it: 我省小贷行业…全省小贷公司350家 after
                    # 同期,全国小额贷款公司7118家 in the paragraph before)
                    national = _NATIONAL.search(norm, max(lo, _paragraph_of(ctx, claim.start)[0]), claim.start)
                    if claim.region == "CN" and len(named) == 1 and not national:
                        claim.region = named.pop()
            elif claim.region == "CN" and _ITS_PLACE_EN.search(norm, *sentence):
                # "Zhejiang tells a different story. Its courts' financial caseload peaked in 2018 at 314,276",
                # "…of Henan Province released its white paper. Courts across the province received 135,903": the one
                # place the sentence before names
                previous = _sentence_before(ctx, sentence)
                regions_before = [c.region for c in out if previous and previous[0] <= c.start < previous[1]]
                # (or the place of the sentence before's figures: "Its courts received 142,467 … Its courts also …")
                claim.region = (
                    (previous and _sole_province(ctx, previous))
                    or (regions_before and regions_before[-1])
                    or claim.region
                )
                named = {h.name for h in _regions_in(ctx, 0, claim.start)}
                if (
                    claim.region == "CN"
                    and _THE_PLACE_EN.search(norm, *sentence)
                    and len(named) == 1
                    and not _NATIONAL.search(norm, 0, claim.start)
                ):
                    # "Chongqing Municipal Local Financial Administration: notice … [¶] At the end of 2024, the loan
                    # balance of microloan companies in the municipality was …": the one place the text names
                    claim.region = named.pop()
            if claim.region == "CN" and (
                _province_paragraph(ctx, sentence)
                or _THIS_PROVINCE.search(norm, *whole)
                or (before and _THIS_PROVINCE.search(norm, *before))
            ):
                claim.doubts.append("region")  # the paragraph is about a province; this sentence names none
            if lists := _region_lists(ctx, clause):
                claim.doubts.append("regions")  # 浙江和江苏…均超过400亿元: which one is not certain
                # The list its region is in: each of them gets its nearest figure named.
                claim.regions = next((names for names in lists if claim.region in names), ())
        if claim.region == "CN" and id(claim) in carried_region and not _regions_in(ctx, *sentence):
            claim.region = carried_region[id(claim)]  # 在河南,…84,390 in 2018; 97,995 in 2019: Henan's
        if claim.region != "CN" and claim.subject and _region_less_a_part(ctx, claim):
            claim.notes.append("subgroup")  # 2016年广东省(不含深圳,下同)小额贷款公司394家: Guangdong less Shenzhen
            claim.subject = None
        if claim.subject in _TOTAL_ALTERNATIVE and _ambiguous_total(ctx, sentence, clause, claim):
            # Both readings are checked: it agrees if either does, and is wrong only if both are.
            claim.alternatives = (_TOTAL_ALTERNATIVE[claim.subject],)
        elif claim.subject in _ALWAYS_ALTERNATIVE:
            claim.alternatives = (_ALWAYS_ALTERNATIVE[claim.subject],)
        subject = subj.SUBJECTS.get(claim.subject) if claim.subject else None
        if subject and subject.any_period:
            # A peak with a year named in its own clause (2015年更是达到了顶峰2595家) is also a figure of that year.
            own = [m for m in ctx.mention_index.within(*clause) if m.period is not None and m.year_written]
            claim.period = own[-1].period if own else None
        else:
            claim.period = _period_for(ctx, clause, sentence, claim.start, claim.end)
            if _bare_compared_figure(ctx, clause, claim.start, claim.end) or _COMPARED_WITH_BEFORE.search(
                norm, max(clause[0], claim.start - 16), claim.start
            ):
                if (
                    claim.period is None
                    and compared_before
                    and not ctx.mention_index.within(
                        max(compared_before[-1].end, _paragraph_of(ctx, claim.start)[0]), claim.start
                    )
                ):
                    # "fell to 7,118 at the end of 2020 from 7,551 a year earlier. [¶] Their outstanding loans slipped to
                    # 888.8 billion yuan from 910.9 billion yuan": compared with the same period as before, when its
                    # paragraph names no period before it
                    claim.period = compared_before[-1].period
                if claim.period is not None:
                    compared_before.append(claim)
            if _SINCE_THEN.match(norm, sentence[0]) and not [
                m for m in ctx.mention_index.within(*sentence) if m.period
            ]:
                # "Since then, the number of platforms has fallen by 331 to 2,281": a level now, not at the date
                # the sentence before named
                claim.period = _today(ctx)
        if resp and len(resp[4]) == resp[1] > 1:
            claim.period = resp[4][resp[0]]
        if (
            claim.subject == "p2p_turnover_cumulative"
            and claim.period is not None
            and claim.period.type in ("year", "half", "quarter", "month", "range")
            and any(m.period == claim.period for m in ctx.mention_index.within(clause[0], claim.start))
            and not _SINCE_INCEPTION.search(norm, max(sentence[0], claim.start - 40), claim.start)
        ):
            # 2018年下半年网贷行业累计成交量: most likely the half's total; since inception stays a reading
            # (2018年…累计成交量突破8万亿大关)
            claim.subject, claim.alternatives = "p2p_turnover", ("p2p_turnover_cumulative",)
        peak_before = [
            h
            for h in ctx.modifiers.within(max(clause[0], claim.start - 14), claim.start)
            # not 从高峰期的五六千家降为15家, "from over 7,000 at their peak to under 600"
            if h.name == "peak"
            and not (_A_NUMBER.search(norm, h.end, claim.start) or _FALL_TO.search(norm, h.end, claim.start))
        ]
        if (
            peak_before
            and claim.subject
            and not (subject and subject.any_period)
            and claim.subject not in FLOW_SUBJECTS
            and not [m for m in ctx.mention_index.within(*clause) if m.period is not None]
        ):
            # "6,686 companies as of June 2021, down from a peak of 8,910": the peak's date is not the sentence's;
            # 2015年-2017年,全国小贷公司最多的时候达到8910家: a peak within a span is one of the span's figures;
            # 截至2015年末,全国小额贷款公司达到了最高峰8910家: a peak reached at the date the sentence names
            peak_word = peak_before[-1]
            before = [m for m in ctx.mention_index.within(sentence[0], peak_word.start) if m.period is not None]
            spans = [m for m in before if m.period.type == "span"]
            reached = (
                bool(before)
                and before[-1].as_of
                and not _FROM_PEAK.search(norm, 0, peak_word.start)
                # (截至2018年末,江苏…达574家,…历年来…最高时有636家: the date is of another number)
                and not _A_NUMBER.search(norm, before[-1].end, peak_word.start)
            )
            claim.period = spans[-1].period if spans else before[-1].period if reached else None
        if (
            claim.subject == "p2p_yield"
            and claim.period is not None
            and claim.period.type == "year"
            and re.search(
                r"年末|年底|year-end|end of (?:the year|\d{4})",
                norm[max(sentence[0], claim.start - 30) : claim.start],
                re.I,
            )
        ):
            claim.period = month_period(claim.period.end.year, 12)  # 到2016年末,平均利率已下降到9.76%: December's rate
        if claim.subject in FLOW_SUBJECTS:
            claim.period = (
                _year_to_date(ctx, sentence, claim.start)
                or (None if resp else _months_together(ctx, sentence, claim))
                or _flow_span(claim.period, norm[slice(*_own_stretch(ctx, clause, claims, claim))])
            )
        elif (
            claim.subject
            and claim.period is not None
            and claim.period.type == "year"
            and any(
                h.name == "peak" and not re.search(r"\d", norm[min(h.end, claim.start) : claim.start])
                for h in ctx.modifiers.within(sentence[0], clause[1])
            )
        ):
            # "the peak of 8,951 in 2015", 2015年峰值时期…一度达到8951家: the peak is reached at some point of the
            # year (PBoC: 8,951 at end-June), not necessarily at its end (8,910).
            p = claim.period
            claim.period = ClaimPeriod(p.label, p.type, p.start, p.end, (p.start, p.end))
        if (
            claim.period is not None
            and claim.period.type == "range"
            and claim.subject
            and claim.subject not in FLOW_SUBJECTS
            and not claim.subject.endswith("_cumulative")
        ):
            # "in the first nine months of this year, with total outstanding loans of about 97 billion": a
            # stock dated by a span of the year is the stock at the span's end.
            claim.period = month_period(claim.period.end.year, claim.period.end.month)
        if claim.change and _change_since(ctx, clause, claim):
            claim.doubts.append("since")  # 较2015年末减少了140亿元: a change over years, not the period's flow
        # A week's grace: a monthly report dated 29 September speaks of September as done.
        if claim.period is not None and ctx.article is not None and claim.period.end > ctx.article + timedelta(days=7):
            claim.doubts.append("unfinished")  # 全年新增贷款434亿元 in an April report: the year was not over
        if claim.period is not None and claim.period.type == "span" and claim.subject not in FLOW_SUBJECTS:
            claim.doubts.append("span")  # a stock "in 2015-2017": which year-end is not said
        window = list(_WINDOW_BEFORE.finditer(norm, sentence[0], claim.start))
        if window and not [m for m in ctx.mention_index.within(window[-1].end(), claim.start) if m.period]:
            claim.doubts.append("window")  # 48天内,全国爆雷的P2P平台超过133家: over days the data do not cover
        if claim.period is not None and _said_before(ctx, sentence, claim):
            claim.doubts.append("before")  # 2018年7月前…当时全国有超过2000家平台在运营: some time before July
        if claim.period is not None and _since(ctx, sentence, claim.period):
            claim.doubts.append("since")
            claim.period = _since_span(claim.period, ctx.article)
        out.append(claim)
    _from_to(ctx, out)
    if prepared.origin is not None:  # offsets and quotes of the input as written, glosses and all
        for claim in out:
            claim.start, claim.end = prepared.original_span(claim.start, claim.end)
            claim.quote = prepared.text[claim.start : claim.end]
    return out, prepared.notes


_FROM = re.compile(r"(?:\bfrom|从|由)\s*$", re.IGNORECASE)
_HAVE_FAILED_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+){0,3}?(?:have|has) (?:either |all |now )?(?:been )?(?:suspended|closed|shut|exited|collapsed|"
    r"succumbed|failed|run into|encountered|ceased)",
    re.IGNORECASE,
)
_SINCE_THEN = re.compile(r"\s*(?:since then|ever since|此后|自此|从那以后|自那以后|从此)", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:(?:nearly|almost|about|around|some|over|more than)\s+)?$", re.IGNORECASE)
_TO = re.compile(
    r"\s*(?:(?:[a-z]+\s+){0,2}to|(?:迅速|快速|大幅|逐步|逐年|逐月|持续|进一步|一路|猛|骤)?(?:增加|增长|上升|减少|下降|缩减|缩小|扩大|攀升|回落|降低|提高|递减|递增|锐减|下滑|下跌|降|增|升|涨|跌|减)?(?:到|至|为))\s*",
    re.IGNORECASE,
)


def _from_to(ctx: _Context, claims: list[Claim]) -> None:
    """ "fell from 80,846 to 78,280" with one period for both: the first number is of the period before.
    Only when the clause names no period of its own (then each number has its own, as in the seed article)."""
    for first, second in pairwise(claims):
        if first.subject != second.subject or first.period is None or first.period != second.period:
            continue
        sentence = _sentence_of(ctx, first.start)
        inside = [m for m in ctx.mention_index.within(max(sentence[0], first.start - 12), first.start) if m.period]
        if (
            inside
            and _FROM.search(ctx.norm, max(sentence[0], inside[0].start - 4), inside[0].start)
            and _TO.fullmatch(ctx.norm, first.end, second.start)
        ):
            # 截至2018年12月底,余额从年初的12271亿元骤降至7890亿元: 年初 is the first number's; the second is
            # of the sentence's own date
            own = [m for m in ctx.mention_index.within(*sentence) if m.period and m not in inside]
            dated = [m for m in own if m.as_of] or [m for m in own if m.period.type in ("range", "span", "year")]
            if dated:
                # 2025年前三季度,…从年初的5257家缩减至4863家: a stock at the end of the span
                p = dated[0].period
                second.period = p if p.type not in ("range", "span") else month_period(p.end.year, p.end.month)
            continue
        if not (
            _FROM.search(ctx.norm, max(0, first.start - 6), first.start)
            and _TO.fullmatch(ctx.norm, first.end, second.start)
        ):
            continue
        spans = _period_from_to(ctx, sentence)
        if spans is not None:  # "from 2014 to 2017, rising from 329.194 billion yuan to 3.895235 trillion"
            first.period, second.period = spans
            continue
        start = _span_start(ctx, sentence, first.start)
        if start is not None:
            # 梳理了2015年上半年至今(截至2022年6月30日)的数据…从8951家逐年递减至6150家: the first is of the start
            first.period = start
            continue
        if ctx.mention_index.within(*sentence):
            # "2012年下半年开始…从20家左右迅速增加到240家左右": over a named half (or year, quarter) a stock
            # rises from its level at the start, the end of the period before.
            if first.subject not in FLOW_SUBJECTS and first.period.type in ("year", "half", "quarter", "month"):
                first.period = previous_period(first.period) or first.period
            continue
        earlier = [m.period for m in ctx.mention_index.within(max(0, sentence[0] - 2000), sentence[0]) if m.period]
        before = [p for p in earlier if p.end < first.period.end]
        if before:
            first.period = max(before, key=lambda p: p.end)


_PERIOD_TO = re.compile(r"\s*(?:to|until|through|-|–|—|到|至)\s*", re.IGNORECASE)


_UP_TO_NOW = re.compile(r"\s*(?:至今|以来|迄今)")


def _span_start(ctx: _Context, sentence, before: int) -> ClaimPeriod | None:
    """The start of a span up to now named before the number in its sentence (2015年上半年至今, 2015年以来)."""
    for m in ctx.mention_index.within(sentence[0], before):
        if m.period is not None and _UP_TO_NOW.match(ctx.norm, m.end):
            return m.period
    return None


def _period_from_to(ctx: _Context, sentence) -> tuple[ClaimPeriod, ClaimPeriod] | None:
    """The sentence's own "from 2014 to 2017" / 从2014年到2017年: its two periods, in order."""
    mentions = [m for m in ctx.mention_index.within(*sentence) if m.period is not None]
    for a, b in pairwise(mentions):
        # The "to" may be read as the second mention's own "as of" word ("to 2017").
        joined = _PERIOD_TO.fullmatch(ctx.norm, a.end, b.start) or (
            not ctx.norm[a.end : b.start].strip() and _PERIOD_TO.match(ctx.norm, b.start)
        )
        if joined and _FROM.search(ctx.norm, max(sentence[0], a.start - 6), a.start):
            return a.period, b.period
    return None


# Subjects counted over a span (new loans, turnover, new platforms), not as of a date.
# What makes 累计成交量 a total since the industry began, not over the period named with it.
_SINCE_INCEPTION = re.compile(r"截至|截止|以来|历史|至今|迄今|as of|\bby\b|since|to date|ever|inception", re.IGNORECASE)
FLOW_SUBJECTS = {
    "microloan_new_loans", "p2p_turnover", "p2p_platforms_new", "p2p_problem_platforms_new", "p2p_exited_platforms",
    "p2p_investors", "p2p_borrowers", "collection_complaints", "financial_complaints", "court_cases",
    "court_cases_concluded", "court_cases_received",
    "credit_card_complaints", "personal_loan_complaints",
}  # fmt: skip


def _own_stretch(ctx: _Context, clause, claims: list[Claim], claim: Claim) -> tuple[int, int]:
    """The part of the clause between the numbers either side of `claim` when a period is named there ("against 85.7
    billion in March and 245.9 billion in the whole first quarter": the quarter is the next number's, not March's),
    else the clause ("2.18 million investors and 1.6 million borrowers were active in the half": both numbers')."""
    lo = max([clause[0]] + [c.end for c in claims if c.end <= claim.start])
    hi = max(lo, min([clause[1]] + [c.start for c in claims if c.start >= claim.end]))
    return (lo, hi) if ctx.mention_index.within(lo, hi) else clause


def _flow_span(period: ClaimPeriod | None, clause: str) -> ClaimPeriod | None:
    """A flow dated "as of" a month end, in a clause that names its span ("a drop of 8.5 billion from the
    previous quarter", 全年减少190亿元), is the flow over that quarter, half or year."""
    if period is None or period.type not in ("month", "part", "day") or period.end.day < 28:
        return period
    year, month = period.end.year, period.end.month
    if month % 3 == 0 and re.search(r"quarter|季度", clause, re.IGNORECASE):
        return quarter_period(year, month // 3)
    if month in (6, 12) and re.search(r"\bhalf\b|半年", clause, re.IGNORECASE):
        return half_period(year, month // 6)
    if month == 12 and re.search(r"\b(?:the|this|last) year\b|全年|年度", clause, re.IGNORECASE):
        return year_period(year)
    return period


_REGION_JOIN = re.compile(r"\s*(?:省|市|province|municipality)?\s*(?:和|与|與|及|、|,|，|and|or|&)\s*(?:the )?", re.I)


# A tracker "recorded" or "monitored" every platform it ever saw (cumulative counts), not every yuan
_TRACKED = re.compile(r"recorded|monitored|tracked", re.IGNORECASE)
_ITS_PLACE_EN = re.compile(
    r"\b(?:the|this) (?:province|municipality|city)\b|\b(?:its|their) (?:courts?|docket|caseload|companies|firms|lenders)\b"
    r"|\b(?:its|their) (?:outstanding |combined |total )?(?:loans|loan book|loan balance|staff|workforce|paid-in capital)\b",
    re.IGNORECASE,
)
_THE_PLACE_EN = re.compile(r"\b(?:the|this) (?:province|municipality|city)\b", re.IGNORECASE)
# 全省法院共受理…: a province the sentence does not name (the article's); its figures are not national.
_THIS_PROVINCE = re.compile(
    r"全省|全市|本省|本市|该省|该市|我省|我市|province-wide|the province's|citywide", re.IGNORECASE
)


_OF_WHICH = re.compile(r"\s*其中")


def _of_which(ctx: _Context, sentence) -> tuple[int, int] | None:
    """The sentence before one that opens with 其中 ("of which"), in its paragraph, when this one names no place:
    全省法院共受理各类金融案件421841件。其中,2018年收案84390件 goes on with its place."""
    if not _OF_WHICH.match(ctx.norm, sentence[0]):
        return None
    return _sentence_before(ctx, sentence)


def _previous_sentence(ctx: _Context, sentence, same_paragraph: bool = False) -> tuple[int, int] | None:
    """The sentence just before this one (in its paragraph, if `same_paragraph`)."""
    index = bisect_left(ctx.sentence_starts, sentence[0]) - 1
    if index < 0 or (same_paragraph and _paragraph_of(ctx, ctx.sentences[index][0]) != _paragraph_of(ctx, sentence[0])):
        return None
    return ctx.sentences[index]


def _sentence_before(ctx: _Context, sentence) -> tuple[int, int] | None:
    """The sentence before this one in its paragraph, when this one names no place."""
    if _NATIONAL.search(ctx.norm, *sentence) or _regions_in(ctx, *sentence):
        return None
    return _previous_sentence(ctx, sentence, same_paragraph=True)


def _sole_province(ctx: _Context, sentence) -> str | None:
    names = {h.name for h in _regions_in(ctx, *sentence)}
    if len(names) != 1 or _NATIONAL.search(ctx.norm, *sentence) or _CITY.search(ctx.norm, *sentence):
        return None
    return names.pop()


def _province_paragraph(ctx: _Context, sentence) -> bool:
    """The sentence before sets a province against the nation (2015年上半年北京市的综合收益率为12.56%,而同期
    全国平均水平为14.78%), and this one names neither: its figures may be the province's."""
    before = _sentence_before(ctx, sentence)
    return before is not None and bool(_regions_in(ctx, *before)) and bool(_NATIONAL.search(ctx.norm, *before))


def _region_lists(ctx: _Context, clause) -> list[tuple[str, ...]]:
    """The lists of regions the clause names (浙江和江苏…均超过400亿元, Guangdong and Chongqing), each in
    order: a number said of a list does not say which one of them it is."""
    hits = sorted(_regions_in(ctx, *clause), key=lambda h: h.start)
    lists: list[list[str]] = []
    for a, b in pairwise(hits):
        if a.name == b.name or not _REGION_JOIN.fullmatch(ctx.norm, a.end, b.start):
            continue
        if lists and lists[-1][-1] == a.name:
            lists[-1].append(b.name)
        else:
            lists.append([a.name, b.name])
    return [tuple(dict.fromkeys(names)) for names in lists]


_ONE_FIRM = re.compile(r"该公司|該公司|该机构|该平台|该行|\bthe (?:company|firm|lender|bank)\b", re.IGNORECASE)
_OF_WHICH_WORD = re.compile(r"其中|of which|among them|among which", re.IGNORECASE)


_CHANGE_WORD_EN = re.compile(
    r"\b(?:up|down|rose|risen|fell|fallen|dropped|declined|increased|decreased|grew|grown|jumped|plunged|climbed|slid|"
    r"shrank|shrunk|surged|soared|sank|tumbled|slumped|contracted|increase|decrease|decline|drop|rise|growth|fall|gain)\b",
    re.IGNORECASE,
)
_APPOSITION_AFTER = re.compile(r",\s*or\s+(?:[^,;.]|\.(?=\d)){1,24}?,")


def _part_about_collection(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """A part, after 其中 / "of which", said to be about debt collection in its own clause (其中涉及暴力催收的多达23万条,
    "of which 230,000 (49.3%) concerned violent collection")."""
    start = _sentence_start_at_any_stop(ctx, sentence[0])
    said = list(_OF_WHICH_WORD.finditer(ctx.norm, start, claim.start))
    if not said or _ONE_FIRM.search(ctx.norm, start, claim.start):
        return False  # (not 该公司处理外部投诉1743起,其中67.3%涉及催收纠纷: one firm's complaints)
    lo = min(said[-1].end(), clause[0])
    # ("of which 230,000, or 49.3%, were tagged 'violent collection'": the clause goes on past its share or count in
    # apposition)
    after = claim.end
    if apposition := _APPOSITION_AFTER.match(ctx.norm, after):
        after = apposition.end()
    elif (
        re.search(r",\s*or\s*$", ctx.norm[max(0, claim.start - 6) : claim.start]) and ctx.norm[after : after + 1] == ","
    ):
        after += 1
    stop = re.compile(r"[,，;；]").search(ctx.norm, after, sentence[1])
    return any(h.name == "collection" for h in ctx.sectors.within(lo, stop.start() if stop else sentence[1]))


def _subset(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """Part of what the sentence counts (部分平台…占比, of which 93 had…): no series holds it. Not when the
    part is a region (其中江苏…) or a kind the data hold (其中问题平台…, of which 300 were problem platforms)."""
    # 其中,翼龙贷…17.8%;人人贷…12.1%;宜人贷…11.9%: 其中 opens a list whose items semicolons separate.
    # (an English full stop ends it too: "There were 30 of them at end-2021. The sector's loan balance …")
    start = _sentence_start_at_any_stop(ctx, sentence[0])
    subset = list(_SUBSET_BEFORE.finditer(ctx.norm, start, claim.start))
    if not subset:
        return False
    if ctx.region_hits.within(start, claim.start):
        return False
    if any(m.year_written for m in ctx.mention_index.within(clause[0], claim.start)) or _by_period(
        ctx, subset[-1].start(), claim
    ):
        # 其中,2018年收案84390件; 其中,2017年7、8、9月网贷行业成交量分别是…: a breakdown by period is the series itself
        return False
    last = subset[-1]
    if _part_about_collection(ctx, sentence, clause, claim):
        return False  # 其中涉及暴力催收的多达23万条: the collection complaints, a kind the data hold
    if last[0] in ("其中", "of which") and _MEASURES_RESPECTIVELY.search(ctx.norm, last.end(), claim.start):
        # 投资人和借款人总数…,其中投资人与借款人分别约为1713万人和2243万人: the whole broken into kinds the data hold
        return False
    return not ctx.modifiers.within(clause[0], clause[1])


_SUM_WORD = re.compile(r"\s*(?:的)?(?:总数|总和|总人数|合计|总计|加起来|combined|together|in total)", re.IGNORECASE)
_PAIR_JOIN = re.compile(r"\s*(?:和|与|及|以及|加|and|plus)\s*", re.IGNORECASE)


def _sum_of_two_measures(ctx: _Context, sentence, claim: Claim, pick) -> bool:
    """The number counts two measures together ("investors and borrowers combined", 投资人和借款人总数…): the
    measure it was matched to is one of a pair joined before a word for their sum, with no other measure between."""
    start = _full_sentence_start(ctx, sentence[0])
    hits = sorted(ctx.measures.within(start, claim.start), key=lambda h: h.start)
    for a, b in itertools.pairwise(hits):
        if a.name == b.name or not _PAIR_JOIN.fullmatch(ctx.norm, a.end, b.start):
            continue
        if pick in (a, b) or (pick.start >= b.end and not ctx.measures.within(b.end + 1, claim.start)):
            total = _SUM_WORD.match(ctx.norm, b.end)
            if total and not ctx.measures.within(total.end(), claim.start):
                return True
    return False


_MEASURES_RESPECTIVELY = re.compile(r"分别|分別|respectively")


_WINDOW_BEFORE = re.compile(
    r"(?<!\d)(?!一年|1年)(?:\d{1,3}|[一二三四五六七八九十两]+)\s*(?:天|日|个?星期|周|个月|年)(?:之?内|以?来)|半年多时间|半年来"
    r"|(?:within|in|over)\s+(?:the\s+(?:past|last)\s+)?(?:\d+|two|three|four|five)\s+(?:days|weeks|months|years)",
    re.I,
)
_FULL_STOP = re.compile(r"[。！？!?\n]")


def _by_period(ctx: _Context, start: int, claim: Claim) -> bool:
    """其中,2017年7、8、9月网贷行业成交量分别是…: what follows 其中 (at `start`) is broken down by the periods named
    right after it, not by companies or places (其中,2024年末招联消金、蚂蚁消金和兴业消金3家…: its list is of firms)."""
    word_end = re.match(r"其中|of which|among them|including|[^\s,，]*", ctx.norm[start:], re.I).end() + start
    dated = [m for m in ctx.mention_index.within(word_end, claim.start) if m.period is not None]
    if not dated or not dated[0].anchored or not re.fullmatch(r"[\s,，:：]*", ctx.norm[word_end : dated[0].start]):
        return False
    first_list_mark = ctx.norm.find("、", word_end, claim.start)
    return first_list_mark < 0 or first_list_mark <= max(m.end for m in dated)


_ENGLISH_STOP = re.compile(ENGLISH_STOP)


def _after_an_english_stop(ctx: _Context, pos: int) -> int:
    """Just after the last English full stop before `pos` (0 if none)."""
    # (the stop's look-ahead needs the text after `pos`: a sentence starts with the space after its stop)
    stops = [m for m in _ENGLISH_STOP.finditer(ctx.norm, max(0, pos - LONG_SENTENCE), pos + 4) if m.end() <= pos + 1]
    return stops[-1].end() if stops else 0


def _sentence_start_at_any_stop(ctx: _Context, pos: int) -> int:
    """Where the sentence holding `pos` starts when full stops of either language end it (not semicolons)."""
    return max(_full_sentence_start(ctx, pos), _after_an_english_stop(ctx, pos))


def _full_sentence_start(ctx: _Context, pos: int) -> int:
    """Where the sentence holding `pos` starts when only full stops end sentences (not semicolons)."""
    stops = list(_FULL_STOP.finditer(ctx.norm, max(0, pos - LONG_SENTENCE), pos))
    return stops[-1].end() if stops else max(0, pos - LONG_SENTENCE)


# 平台总数, "a total of 6176 platforms, of which 4334 had suspended operations": every platform ever counted,
# or those in operation, and their failures since inception or in the period; the words do not say.
_TOTAL = re.compile(
    r"总数|总量|总共|一共|合计|共计|总计|\ba total of\b|\bin total\b|\ball told\b|\baltogether\b", re.IGNORECASE
)
# 共设立78家网络小额贷款公司(含已获批复未开业的), 广东有28家: online microloan companies are counted as the
# licences granted too (one a company), so both readings are checked.
_ALWAYS_ALTERNATIVE = {"online_microloan_companies": "online_microloan_licences"}
_TOTAL_ALTERNATIVE = {
    "p2p_platforms_operating": "p2p_platforms_cumulative",
    "p2p_exited_platforms": "p2p_exited_platforms_cumulative",
    "p2p_problem_platforms_new": "p2p_problem_platforms_cumulative",
}


def _ambiguous_total(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """A 'total' in the sentence before the number, and no word in its clause that says in operation,
    new or cumulative."""
    said = {h.name for h in ctx.modifiers.within(clause[0], clause[1])}
    if not _TOTAL.search(ctx.norm, sentence[0], claim.start):
        # 2015年底,全国P2P网贷平台数量达到3858家, "there were 5,970 P2P platforms as of the end of 2017": a count of
        # platforms said with no word for what kind is either reading (wdzj's 3858 and 5970 are platforms ever
        # recorded)
        # (到了2018年8月,P2P网贷平台数为6388家,正在运营1589家: the word for the other count is in its own clause)
        return claim.subject == "p2p_platforms_operating" and not ctx.modifiers.within(*clause)
    return not said & {"operating", "new", "cumulative", "peak"}


_SAMPLE_BEFORE = re.compile(r"(?:根据|基于|选取|抽取|抽样|对|based on|a sample of|sample of)\s*$", re.IGNORECASE)
_SAMPLE_AFTER = re.compile(r"数据|样本|测算|调查|抽样|监测|data|sample|survey", re.IGNORECASE)
_REPORTED = re.compile(r"(?:披露|公布|交出|发布)了?[^,，。;；]{0,10}?(?:业绩|成绩单|年报|财报|经营数据)")
_WITH_BEFORE = re.compile(r",\s*with\s*$|,\s*with\s+\d[\d,.]*\s+(?:[a-z-]+\s+){1,6}and\s*$", re.IGNORECASE)
_BACKED_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:backed|owned|run|operated|controlled|founded|sponsored|set up)\s+by\b|\s+by\b", re.IGNORECASE
)
_WATCH_LIST = re.compile(r"风险池|风险预警|预警平台|观察平台|观察统计|作为观察")
_MONITORED_AFTER = re.compile(
    r"\s*(?:被|受)?(?:监测|监控|调查|抽样|跟踪)的|\s+(?:monitored|tracked|surveyed|sampled)\b", re.I
)
# 年化收益率普遍在10%-20%之间: how figures typically spread, not one figure
_SPREAD_BEFORE = re.compile(
    r"(?:普遍|大多|大都|多数|一般|大部分|通常|typically|generally|mostly)\s*(?:在|为|處於|处于|between)?\s*$", re.I
)
_SPREAD_AFTER = re.compile(r"\s*(?:以上|以下)?\s*(?:不等|之间不等|区间|ranging|varying)", re.IGNORECASE)
_AVERAGE_BEFORE = re.compile(r"(?:平均|人均|户均|单家|每家|an average of|on average|per)\s*$", re.IGNORECASE)


def _range_end(norm: str, pos: int) -> int:
    """Past a range's second number (6%-40%以上): where words about the range begin."""
    m = re.match(r"\s*[-~～至到]\s*\d+(?:\.\d+)?\s*%?", norm[pos:])
    return pos + m.end() if m else pos


# 发展到20家左右,活跃的平台只有不到10家: "only" before a second count of the same thing in the sentence
# marks a part of the first (those active), not the same count.
_ONLY_BEFORE = re.compile(r"(?:只有|仅有|仅仅|\bonly\b)\s*$", re.IGNORECASE)


def _only_a_part(ctx: _Context, sentence, claim: Claim, earlier: list[Claim]) -> bool:
    if not _ONLY_BEFORE.search(ctx.norm[max(sentence[0], claim.start - 8) : claim.start]):
        return False
    own = _kinds_named(ctx, claim.start)

    def same_kind(c: Claim) -> bool:
        # 721家关门,而新增的只有36家: new ones are not a part of the closed ones (发展到20家左右,活躍的平臺只有不到10家:
        # the active ones are a part of all)
        theirs = _kinds_named(ctx, c.start, c.end)
        return not own or not theirs or theirs == own

    return any(
        c.unit_kind == claim.unit_kind
        and c.start >= sentence[0]
        and not _TO.search(ctx.norm, c.end, claim.start)
        and same_kind(c)
        for c in earlier
    )


def _kinds_named(ctx: _Context, start: int, end: int | None = None) -> set[str]:
    """The kinds (new, closed, problem …) named in the clause of a number, up to it (or to `end`, after it)."""
    clause = clause_bounds(ctx.norm, _sentence_of(ctx, start), start)
    return {h.name for h in ctx.modifiers.within(clause[0], clause[1] if end else start)}


def _change_since(ctx: _Context, clause, claim: Claim) -> bool:
    """The change is said against a named base (较2015年末减少了…, up 30 % from end-2017) other than the
    period just before the claim's: a change over a span the data do not hold as one flow."""
    for m in ctx.mention_index.within(clause[0], claim.start):
        if m.period is not None and _compared(ctx, m, 6) and claim.period is not None:
            before = previous_period(claim.period)
            if before is None or m.period.end != before.end:
                return True
    # "a decrease of 13% from 671,957 in the second quarter": the base is the compared figure's period, after the
    # number. The data's percentage changes are since the end of the year before, so any other base is another
    # measure.
    for m in ctx.mention_index.within(claim.end, clause[1]):
        if m.period is not None and claim.period is not None and _of_a_compared_figure(ctx, m, claim.end):
            if claim.subject and claim.subject.endswith("_change"):
                return m.period.end != date(claim.period.end.year - 1, 12, 31)
            before = previous_period(claim.period)
            return before is None or m.period.end != before.end
    return False


def _part_of_breakdown(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """One item of a breakdown (长时间网站无法访问511家,占比70.87%; including … for 49, the absconding of
    three): a count given with its share of a whole, or listed after "including", whose own clause names no
    sector, measure or whole-sector count the data hold (恶意催收…投诉达到36.2万笔,占到整体的48.7%; 正常运营的平台
    1625家,占累计上线平台的33%: subjects of their own). A kind of failure (跑路、经侦立案等67家) is one of the parts."""
    if claim.unit_kind == subj.PERCENT:
        return False
    if not (_SHARE_AFTER.match(ctx.norm, claim.end) or _INCLUDING_BEFORE.search(ctx.norm, sentence[0], claim.start)):
        return False
    words = [h for h in ctx.measures.within(clause[0], claim.start) if h.name != "entities"]
    counts = [h for h in ctx.modifiers.within(clause[0], claim.start) if h.name in _WHOLE_COUNTS]
    # (nor "of which 230,000 (49.3%) concerned violent collection": the collection complaints, which the data hold)
    return not (
        words
        or counts
        or ctx.sectors.within(clause[0], claim.start)
        or _part_about_collection(ctx, sentence, clause, claim)
    )


_WHOLE_COUNTS = ("operating", "cumulative", "new", "peak", "official")

# 样本的1658家平台中,934家…; 问题平台13家(提现困难7家、跑路6家): a number within a set just counted.
_WITHIN_A_COUNT = re.compile(
    r"(?:\d[\d,.]*\s*(?:万|亿)?\s*(?:家|个|名|人|户|件|笔|起)[^,，。；;()（）]{0,10}中\s*[,，]?"
    r"|\d[\d,.]*\s*(?:万|亿)?\s*(?:家|个|名|人|户|件|笔|起)\s*[(（][^)）]*)\s*$"
)
_SHARE_OF = re.compile(r"[,，]?\s*(?:占|佔)(?P<whole>[^,，。;；]{1,14}?)的?\s*\d+(?:\.\d+)?\s*%")


# 31家持牌消金公司中,除建信…5家公司未披露; "Of the 275 problem platforms reported in 2014, 60 were …": a set
# counted at the head of the sentence, and numbers after it that are parts of it.
_A_COUNTED_SET = re.compile(
    r"\d[\d,.]*\s*(?:万|亿)?\s*(?:家|个|名|人|户|件|笔|起)[^,，。；;!?！？]{0,12}中\s*[,，]"
    r"|\b(?:of|among) the\s+[\d,.]+(?:\s+[\w-]+){1,6}?(?:\s+(?:reported|recorded|counted|listed))?(?:\s+in\s+\d{4})?\s*,",
    re.IGNORECASE,
)
_A_BAND_BEFORE = re.compile(
    r"\d[\d.,]*\s*(?:万亿|亿|万)?(?:元|%)\s*(?:-|～|~|至|到)?\s*(?:\d[\d.,]*\s*(?:万亿|亿|万)?(?:元|%))?\s*(?:以上|以下|之间)?[^,，。；;\d]{0,8}的"
)
# 问题平台中,网站关闭和失联跑路占57.6%,分别达到135家、100家: a set named at the head of the sentence
_A_NAMED_SET = re.compile(
    r"\s*(?:[^,，。；;]{0,12}[,，]\s*)?[^\d,，。；;!?！？]{0,20}?(?:平台|机构|公司|企业|案件|投诉)中\s*[,，]"
)
# 有超半数的18家公司, "more than half of them, 18": a share of a set, named as such
_PART_WORD_BEFORE = re.compile(r"(?:超?半数|过半|多数|大多数|大部分|少数|逾半)的?\s*$")
# 18家消金公司披露的…: the companies that disclosed, not all of them
_DISCLOSED_AFTER = re.compile(r"[^,，。；;]{0,10}?(?:披露|公布|公开)(?:了)?(?:的|情况|数据|年报)")


# 歇业停业平台占22.5%,共92家; 纳入中国P2P网贷指数统计的P2P网贷平台为4033家: a share's count, a sample's size
_SHARE_BEFORE = re.compile(r"(?:占|佔)(?:比)?(?:约|近)?\s*\d+(?:\.\d+)?\s*%\s*[,，]?\s*(?:共|达|为|為|计|有)?\s*$")
# (纳入统计的平台 alone is how a tracker names the whole it counts, not a sample)
_IN_A_SAMPLE_BEFORE = re.compile(r"(?:纳入|未纳入|作为)[^,，。；;]{0,16}?(?:指数|样本|观察)[^,，。；;]{0,16}$")


# 全国有1410家P2P网贷机构直接与银行对接进行资金存管, 712家网贷机构持有ICP经营许可证: the ones with a property
_PROPERTY_AFTER = re.compile(
    r"[^,，。；;]{0,12}?(?:直接与银行对接|与银行对接|上线银行存管|完成银行存管|接入|持有|获得了?(?:备案|牌照|许可)|取得|拿到"
    r"|未达到|未达|正增长|负增长|实现增长|出现下滑|出现下降|亏损|盈利)"
)


_PROPERTY_BEFORE = re.compile(
    r"(?:上线|接入|完成|对接)[^,，。；;]{0,16}存管[^,，。；;]{0,12}的(?:平台|机构)[^,，。；;\d]{0,6}$"
)


def _inside_a_count(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """A part of a set the text counts or names: by a property, a band of size, a share, a sample, a set at
    the head of the sentence (unless the part is of a kind the data hold), or a word like 超半数的."""
    if claim.unit_kind == subj.PERCENT:
        return False
    norm, entities = ctx.norm, claim.unit_kind == subj.ENTITIES
    if entities and (
        _PROPERTY_AFTER.match(norm, claim.end)
        or _PROPERTY_BEFORE.search(norm, max(sentence[0], claim.start - 40), claim.start)  # 上线银行直接存管系统的平台
        or _A_BAND_BEFORE.search(norm, clause[0], claim.start)  # 550亿元-800亿元资产规模的持牌消金共有8家
    ):
        return True
    if (
        _WITHIN_A_COUNT.search(norm, sentence[0], claim.start)
        or _SHARE_BEFORE.search(norm, max(0, claim.start - 16), claim.start)
        or _IN_A_SAMPLE_BEFORE.search(norm, clause[0], claim.start)
    ):
        return True
    full_start = _full_sentence_start(ctx, sentence[0])
    head = _A_COUNTED_SET.search(norm, full_start, claim.start) or _A_NAMED_SET.match(norm, full_start)
    if head is not None and head.end() <= claim.start:
        if any(h.name == "complaint_kind" for h in ctx.modifiers.within(head.start(), head.end())):
            return True  # 在涉及国有大型商业银行的投诉中,信用卡业务投诉14628件: one kind of bank's share
        # …6000家平台中,问题平台2000家: a part of a kind the data hold is checked as that kind
        return not ctx.modifiers.within(max(clause[0], head.end()), claim.end)
    return bool(
        _PART_WORD_BEFORE.search(norm, max(0, claim.start - 6), claim.start)
        or (entities and _DISCLOSED_AFTER.match(norm, claim.end))
    )


def _share_of_its_own_kind(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """838家正常运营的网贷平台上线银行存管,占正常运营平台的54.63%: a count given as a share of the whole of its
    own kind is a part of it (正常运营的平台1625家,占累计上线平台的33% is not: its whole is another count)."""
    if claim.unit_kind == subj.PERCENT:
        return False
    share = _SHARE_OF.search(ctx.norm, claim.end, min(sentence[1], claim.end + 60))
    if share is None or _A_NUMBER.search(ctx.norm, claim.end, share.start()):
        return False
    own = {h.name for h in ctx.modifiers.within(clause[0], share.start()) if h.name in _WHOLE_COUNTS}
    whole = {h.name for h in ctx.modifiers.within(share.start("whole"), share.end("whole")) if h.name in _WHOLE_COUNTS}
    return bool(own & whole)


# 在30家问题平台中, "among the 30 problem platforms": the set a sentence's next counts are taken from
_AMONG = re.compile(
    r"在(?P<set>[^,，。；;]{1,24}?)(?:之)?中\s*[,，]|\bamong (?P<set_en>the [^,.;]{1,40}?)\s*,", re.IGNORECASE
)


_PLACES = re.compile(r"provinces|regions|cities|municipalities|省份|各省|省市|地区|地區|城市", re.IGNORECASE)


def _among_its_own_kind(ctx: _Context, sentence, clause, claim: Claim) -> bool:
    """而在30家问题平台中,跑路的有9家,提现困难的有21家: counted among a set of one kind, a number of that kind (or of
    no kind named) is a part of it (在2000家平台中,问题平台有300家 is not: its kind is another count)."""
    among = [m for m in _AMONG.finditer(ctx.norm, _full_sentence_start(ctx, sentence[0]), clause[0] + 1)]
    if not among:
        return False
    m = among[-1]
    span = m.span("set") if m["set"] is not None else m.span("set_en")
    if _PLACES.search(ctx.norm, *span):
        return False  # "Among the provinces, Jiangsu had 562 companies": each place's own figure, not a part
    of_set = {h.name for h in ctx.modifiers.within(*span)}
    own = {h.name for h in ctx.modifiers.within(clause[0], claim.start)}
    return not own or bool(of_set & own)


# 2018年7月前, 2016年以前, "before July 2018": a time before the date, not the date (not 2018年前三季度)
_BEFORE_DATE_ZH = re.compile(r"(?:之前|以前|前)(?![一二三四五六七八九十两\d]|季|个|后)")
_BEFORE_DATE_EN = re.compile(r"\s*\b(?:before|prior to|until)\s+(?:the\s+)?(?:end of\s+)?$", re.IGNORECASE)


def _said_before(ctx: _Context, sentence, claim: Claim) -> bool:
    """The claim's period is the date of a "before" (2018年7月前), in its paragraph up to the number, or right
    after it ("just 367 before 2015")."""
    paragraph = _paragraph_of(ctx, claim.start)
    return any(
        m.period == claim.period
        and (_BEFORE_DATE_ZH.match(ctx.norm, m.end) or _BEFORE_DATE_EN.search(ctx.norm, max(0, m.start - 20), m.start))
        and (m.end <= claim.start or _BEFORE_DATE_EN.fullmatch(ctx.norm, claim.end, m.start))
        for m in ctx.mention_index.within(max(paragraph[0], sentence[0] - 2000), claim.end + 20)
    )


def _year_to_date(ctx: _Context, sentence, before: int) -> ClaimPeriod | None:
    """2018年截至到11月共有1168家问题平台; 截至6月30日,网贷平台今年有721家关门: a year named with an "as of" month
    of it counts from January to that month, not since inception nor the whole year."""
    end = _year_to_date_end(ctx, sentence, before)
    if end is None:
        return None
    if end.month == 12 and end.day == 31:
        return year_period(end.year)
    # (to a day within a month, 截至11月21日, no figure covers the span and etl/periods.py has no label for it)
    return span_period(end.year, 1, end.month) if end == month_end(end.year, end.month) else None


def _year_to_date_end(ctx: _Context, sentence, before: int) -> date | None:
    """The end of a year-to-date the sentence names before `before` (2015年截至12月23日: 23 December 2015)."""
    mentions = [m for m in ctx.mention_index.within(sentence[0], before) if m.period is not None]
    for i, m in enumerate(mentions):
        if not m.as_of or m.period.type not in ("month", "day", "quarter", "half"):
            continue
        year_before = (
            i > 0
            and mentions[i - 1].period.type == "year"
            and re.fullmatch(r"\s*(?:截至|截止)?\s*", ctx.norm[mentions[i - 1].end : m.start]) is not None
        )
        this_year_after = any(
            n.period.type == "year" and re.match(r"今年|本年", ctx.norm[n.start : n.end]) for n in mentions[i + 1 :]
        )
        year = mentions[i - 1].period.start.year if year_before else m.period.end.year
        if (year_before or this_year_after) and m.period.end.year == year and m.period.end.month > 1:
            return m.period.end
    return None


def _months_together(ctx: _Context, sentence, claim: Claim) -> ClaimPeriod | None:
    """今年前5個月…,但6、7月卻已有超過180家平台出問題: a flow said of months listed together (not 分别) is their sum."""
    if claim.period is None or claim.period.type != "month":
        return None
    months = [m for m in ctx.mention_index.within(sentence[0], claim.start) if m.period is not None]
    k = max((i for i, m in enumerate(months) if m.period == claim.period), default=None)
    if k is None:
        return None
    first = k
    while (
        first > 0
        and months[first - 1].period.type == "month"
        and _LIST_JOIN_MONTHS.fullmatch(ctx.norm, months[first - 1].end, months[first].start)
    ):
        first -= 1
    y = claim.period.end.year
    if first == k or months[first].period.end.year != y:
        return None
    if _EACH.search(ctx.norm, months[k].end, claim.start):
        return None  # 7月、8月停业及问题平台数量最多,单月超过百家: each of them
    return span_period(y, months[first].period.end.month, claim.period.end.month)


_EACH = re.compile(r"单月|單月|每月|各月|均|都|each|every|a month", re.IGNORECASE)
_LIST_JOIN_MONTHS = re.compile(r"\s*(?:月份?)?" + MONTH_LIST_JOIN)


def _since(ctx: _Context, sentence, period: ClaimPeriod) -> bool:
    """The period is the start of a span to date: 2024年以来, since 2019."""
    return any(
        m.period == period
        and (_SINCE_AFTER.match(ctx.norm, m.end) or _SINCE_BEFORE.search(ctx.norm, 0, m.start))
        # (not "since end-2017, when the regulator counted 22 companies": of the time the "when" clause dates)
        and not _WHEN_AFTER.match(ctx.norm, m.end)
        for m in ctx.mention_index.within(*sentence)
    )


_WHEN_AFTER = re.compile(r"\s*,\s*when\b", re.IGNORECASE)


def _since_span(period: ClaimPeriod, article: date | None) -> ClaimPeriod | None:
    """From the period's start to the article's date (unknown without one): not the period itself."""
    if article is None or article <= period.end:
        return None
    label = f"{period.start.isoformat()}/{article.isoformat()}"
    return ClaimPeriod(label, "range", period.start, article, (article - timedelta(days=62), article))


def _written_value(token: _Token) -> Decimal:
    """The number in the scale it was written in: 1.22 for 1.22万亿, 2448 for 2,448."""
    return token.value / token.scale


_YEAR_NOUN = re.compile(
    r"\s*(?:platforms?|compan|firms|lenders|institutions|people|persons|investors|borrowers|yuan|RMB|complaints|cases|家|元)",
    re.IGNORECASE,
)


def _is_number_not_year(norm: str, token: _Token) -> bool:
    return bool(_YEAR_NOUN.match(norm, token.end)) and token.scale == 1 and "," not in token.written


def _year_spans(norm: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Bare years not caught as mentions (2014-2015, 2019/20)."""
    spans = []
    for m in re.finditer(r"(?<![\d.,])(?:19|20)\d{2}(?=\s*[-–~/至到]\s*(?:19|20)?\d{2}\b|\s*年)", norm):
        spans.append(m.span())
    return spans
