"""Every name a reader sees, in the reader's language: the one module that turns ids into words.

Pure: no Streamlit, no DuckDB. Ids a user could meet (series, publisher, unit, region, qualifier,
reliability, period, topic, event category) resolve here, and numbers are formatted here, so a chart,
its hover, its table and its exports say the same thing. Where a record (a dict or polars row with
`name_zh` / `name_en`, or `publisher_zh` / `publisher_en`) is at hand it is used; an id alone is looked
up in the bundled catalogue (data/catalogue/*.toml, data/regions.csv), read once.

API (stable; `lang` is "zh" or "en", anything else reads as "en"):
    series(row_or_id, lang)                 series name
    publisher(row_or_id, lang)              short name for legends: 网贷之家 / "WDZJ (网贷之家)"
    publisher_full(row_or_id, lang)         full name for source lines and citations
    unit(unit, lang, series=None)           axis/subtitle unit: 家 -> "platforms" / "companies" ...
    number(value, unit, lang, series=None, qualifier=None)
                                            a figure as read: "1.22万亿元", "1.22 trillion yuan", "2,595"
    tick(value, unit, lang)                 compact axis tick: "8,000亿", "800 bn", "1.2万"
    axis_unit(unit, lang, series=None)      the axis title that goes with tick(): "元" / "yuan" / "platforms"
    qualifier(q, lang) / qualifier_prefix(q, lang)
    reliability(r, lang), topic(id, lang), region(row_or_code, lang), category(id, lang)
    period(label, type=None, lang="en")     "2015", "Q3 2015", "2015年第三季度" ...
    period_type(type, lang)                 "year-end / annual" ...
"""

from __future__ import annotations

import csv
import re
import tomllib
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "catalogue"
REGIONS_CSV = CATALOGUE.parent / "regions.csv"


def _lang(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def _field(row, name: str):
    """A field of a dict, a polars named row or any mapping; None when absent."""
    if row is None or isinstance(row, str):
        return None
    try:
        return row.get(name)
    except AttributeError:
        return getattr(row, name, None)


# --- catalogue look-ups (read once) ---------------------------------------------------------------


@cache
def _catalogue(kind: str) -> dict[str, dict]:
    table: dict[str, dict] = {}
    for path in sorted(CATALOGUE.glob(f"{kind}*.toml")):
        with path.open("rb") as fh:
            table.update(tomllib.load(fh).get(kind, {}))
    return table


@cache
def _regions() -> dict[str, dict]:
    if not REGIONS_CSV.exists():
        return {}
    with REGIONS_CSV.open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


# --- series, topics, categories -------------------------------------------------------------------


def series(row_or_id, lang: str) -> str:
    """A series' name: from the record's name_zh/name_en, else the catalogue; the id only if unknown."""
    lang = _lang(lang)
    other = "en" if lang == "zh" else "zh"
    for prefix in ("name", "series_name"):
        name = _field(row_or_id, f"{prefix}_{lang}") or _field(row_or_id, f"{prefix}_{other}")
        if name:
            return name
    series_id = row_or_id if isinstance(row_or_id, str) else _field(row_or_id, "series_id")
    entry = _catalogue("series").get(series_id or "", {})
    return entry.get(f"name_{lang}") or entry.get(f"name_{other}") or humanise(series_id or "")


TOPICS = {
    "platforms": ("P2P平台", "P2P platforms"),
    "volume": ("规模与后果", "Volume and outcomes"),
    "outcomes": ("后果", "Outcomes"),
    "microloans": ("持牌放贷机构", "Licensed lenders"),
    "collection": ("催收", "Debt collection"),
    "macro": ("宏观背景", "Macro context"),
}


def topic(topic_id: str, lang: str) -> str:
    zh, en = TOPICS.get(topic_id, (None, None))
    return (zh if _lang(lang) == "zh" else en) or humanise(topic_id)


def category(row_or_id, lang: str) -> str:
    """A regulation/market event category."""
    lang = _lang(lang)
    name = _field(row_or_id, f"name_{lang}") or _field(row_or_id, f"category_{lang}")
    if name:
        return name
    category_id = row_or_id if isinstance(row_or_id, str) else _field(row_or_id, "category")
    entry = _catalogue("event_categories").get(category_id or "", {})
    return entry.get(f"name_{lang}") or humanise(category_id or "")


def humanise(identifier: str) -> str:
    """Last resort for an id with no name anywhere: words, never snake_case, on screen."""
    return identifier.replace("_", " ").strip().capitalize() if identifier else ""


# --- publishers -----------------------------------------------------------------------------------

# Short names for legends, chosen by hand for the publishers readers meet most. English keeps the
# Chinese name in brackets where the English one is a transliteration a Chinese source would not use.
SHORT_PUBLISHERS = {
    "wdzj": ("网贷之家", "WDZJ (网贷之家)"),
    "lingyi": ("零壹财经", "01Caijing (零壹财经)"),
    "p2p001": ("第一网贷", "Diyi Wangdai (第一网贷)"),
    "rong360": ("融360", "Rong360 (融360)"),
    "p2peye": ("网贷天眼", "P2PEye (网贷天眼)"),
    "nifast": ("互金安全专委会", "NIFAST"),
    "cbirc": ("银保监会", "CBIRC"),
    "cbrc": ("银监会", "CBRC"),
    "nfra": ("金融监管总局", "NFRA"),
    "pboc": ("人民银行", "PBoC"),
    "nifa": ("互金协会", "NIFA"),
    "cba": ("银行业协会", "China Banking Association"),
    "spc": ("最高人民法院", "Supreme People's Court"),
    "spp": ("最高人民检察院", "Supreme People's Procuratorate"),
    "mps": ("公安部", "Ministry of Public Security"),
    "p2p_rectification_office": ("P2P专项整治办", "P2P rectification offices"),
    "microfinance_assoc": ("小额信贷机构联席会", "China Microfinance Association"),
    "wind": ("万得", "Wind"),
    "yindeng": ("银登中心", "Yindeng Center"),
    "worldbank": ("世界银行", "World Bank"),
    "xinhua": ("新华社", "Xinhua"),
    "scmp": ("南华早报", "SCMP"),
}
SHORT_MAX = 32  # characters; longer derived names are cut at a word with an ellipsis


def _publisher_record(row_or_id) -> tuple[str, str, str]:
    """(id, zh, en) of a publisher from a row (publisher_id/publisher_zh/publisher_en or name_*) or an id."""
    if isinstance(row_or_id, str):
        publisher_id = row_or_id
        zh = en = None
    else:
        publisher_id = _field(row_or_id, "publisher_id") or ""
        zh = _field(row_or_id, "publisher_zh") or _field(row_or_id, "name_zh")
        en = _field(row_or_id, "publisher_en") or _field(row_or_id, "name_en")
    if not (zh and en):
        entry = _catalogue("publishers").get(publisher_id, {})
        zh = zh or entry.get("name_zh")
        en = en or entry.get("name_en")
    return publisher_id, zh or en or humanise(publisher_id), en or zh or humanise(publisher_id)


def _shorten(text: str) -> str:
    if len(text) <= SHORT_MAX:
        return text
    cut = text[: SHORT_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:·/ ")
    return f"{cut}…"


def publisher(row_or_id, lang: str) -> str:
    """Short display name for a legend or a table column: 网贷之家 (zh), "WDZJ (网贷之家)" (en)."""
    publisher_id, zh, en = _publisher_record(row_or_id)
    if publisher_id in SHORT_PUBLISHERS:
        return SHORT_PUBLISHERS[publisher_id][0 if _lang(lang) == "zh" else 1]
    if _lang(lang) == "zh":
        return _shorten(re.split(r"\s*[/(（]", zh, maxsplit=1)[0].strip() or zh)
    acronym = re.search(r"\(([A-Z][a-z]?[A-Z][A-Za-z]{0,4})[,)]", en)  # "People's Bank of China (PBoC)" -> PBoC
    if acronym:
        return acronym[1]
    return _shorten(re.split(r"\s+[/(]|,\s", en, maxsplit=1)[0].strip() or en)


def publisher_full(row_or_id, lang: str) -> str:
    """Full name for source lines and citations: the Chinese name, and in English the English one
    followed by the Chinese (so a reader can find the original)."""
    _, zh, en = _publisher_record(row_or_id)
    return zh if _lang(lang) == "zh" or en == zh else f"{en} ({zh})"


# --- units and numbers ----------------------------------------------------------------------------

UNITS_EN = {"亿元": "CNY 100 million", "元": "yuan", "人": "people", "件": "cases", "%": "%", "月": "months",
            "通": "calls", "家": "entities"}  # fmt: skip
MONEY_UNITS = {"亿元": 100_000_000, "元": 1}


def count_noun(series_id: str | None) -> str:
    """What a 家 counts, from the series id: platforms, institutions, licences or companies."""
    sid = series_id or ""
    if "licence" in sid:
        return "licences"
    if "institution" in sid:
        return "institutions"
    if sid.startswith("p2p"):
        return "platforms"
    if sid:
        return "companies"
    return "entities"


def _series_id(series) -> str | None:
    return series if isinstance(series, str) or series is None else _field(series, "series_id")


def unit(unit_id: str, lang: str, series=None) -> str:
    """The unit as a reader's word: zh keeps 家/亿元/人; en "platforms", "CNY 100 million", "people"."""
    if _lang(lang) == "zh" or not unit_id:
        return unit_id or ""
    if unit_id == "家":
        return count_noun(_series_id(series))
    return UNITS_EN.get(unit_id, unit_id)


def axis_unit(unit_id: str, lang: str, series=None) -> str:
    """The axis title matching tick(): money ticks carry their magnitude, so the axis says 元/yuan."""
    if unit_id in MONEY_UNITS:
        return "元" if _lang(lang) == "zh" else "yuan"
    return unit(unit_id, lang, series)


def _plain(value: Decimal) -> str:
    """A Decimal with thousands separators and no trailing zeros: 2595 -> 2,595; 9.450 -> 9.45."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}.{frac}" if whole not in ("-0", "-") else f"-0.{frac}"


def _decimal(value) -> Decimal:
    # repr keeps exactly the digits the source gave (2595.0 -> 2595, 1.22 -> 1.22), no float noise.
    return Decimal(repr(float(value)))


def number(value, unit_id: str, lang: str, series=None, qualifier: str | None = None) -> str:
    """A figure as a reader reads it, exact to the digits given, in the language's magnitudes.

    zh: 1.22万亿元, 8,000亿元, 2,595家, 123.45万人, 9.45%;  en: 1.22 trillion yuan, 800 billion yuan,
    2,595 (a count takes no unit word: the axis or column names it), 9.45%. None reads as "—"."""
    if value is None:
        return "—"
    lang = _lang(lang)
    exact = _decimal(value)
    prefix = qualifier_prefix(qualifier, lang)
    if unit_id in MONEY_UNITS:
        yuan = exact * MONEY_UNITS[unit_id]
        if lang == "zh":
            for size, word in ((Decimal(10) ** 12, "万亿元"), (Decimal(10) ** 8, "亿元"), (Decimal(10) ** 4, "万元")):
                if abs(yuan) >= size:
                    return f"{prefix}{_plain(yuan / size)}{word}"
            return f"{prefix}{_plain(yuan)}元"
        for size, word in (
            (Decimal(10) ** 12, "trillion"),
            (Decimal(10) ** 9, "billion"),
            (Decimal(10) ** 6, "million"),
        ):
            if abs(yuan) >= size:
                return f"{prefix}{_plain(yuan / size)} {word} yuan"
        return f"{prefix}{_plain(yuan)} yuan"
    if unit_id == "%":
        return f"{prefix}{_plain(exact)}%"
    if lang == "zh":
        if unit_id == "人" and abs(exact) >= 100_000:
            return f"{prefix}{_plain(exact / 10_000)}万人"
        suffix = {"月": "个月"}.get(unit_id, unit_id or "")
        return f"{prefix}{_plain(exact)}{suffix}"
    if unit_id == "月":
        return f"{prefix}{_plain(exact)} months"
    return f"{prefix}{_plain(exact)}"


def tick(value, unit_id: str, lang: str) -> str:
    """A compact axis tick (3 significant digits): zh 8,000亿 / 1.2万亿 / 1.5万; en 800 bn / 1.2 tn / 15,000."""
    if value is None:
        return ""
    lang = _lang(lang)
    scale = MONEY_UNITS.get(unit_id, 1)
    amount = _decimal(value) * scale
    size = abs(amount)
    if lang == "zh":
        steps = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
        if unit_id not in MONEY_UNITS:
            steps = ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")) if size >= 100_000 else ()
    else:
        steps = ((Decimal(10) ** 12, " tn"), (Decimal(10) ** 9, " bn"), (Decimal(10) ** 6, " m"))
        if unit_id not in MONEY_UNITS:
            steps = ((Decimal(10) ** 9, " bn"), (Decimal(10) ** 6, " m")) if size >= 1_000_000 else ()
    for step, word in steps:
        if size >= step:
            return f"{_plain(_significant(amount / step))}{word}"
    text = _plain(_significant(amount))
    return f"{text}%" if unit_id == "%" else text


def _significant(value: Decimal, digits: int = 3) -> Decimal:
    if value == 0:
        return Decimal(0)
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent)) if exponent < 0 else value.quantize(Decimal(1))


# --- qualifiers, reliability, regions -------------------------------------------------------------

QUALIFIERS = {
    "about": ("约", "about", "≈"),
    "nearly": ("近", "nearly", "<"),
    "more_than": ("超过", "more than", ">"),
    "less_than": ("不到", "less than", "<"),
}


def qualifier(q: str | None, lang: str) -> str:
    """约 / 近 / 超过 / 不到 ↔ about / nearly / more than / less than; '' for none."""
    if not q:
        return ""
    zh, en, _ = QUALIFIERS.get(q, (q, humanise(q).lower(), ""))
    return zh if _lang(lang) == "zh" else en


def qualifier_prefix(q: str | None, lang: str) -> str:
    """What goes before a number: "约" (zh, no space) or "about " (en)."""
    word = qualifier(q, lang)
    return "" if not word else word if _lang(lang) == "zh" else f"{word} "


RELIABILITY = {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}


def reliability(r: str | None, lang: str) -> str:
    if not r:
        return ""
    zh, en = RELIABILITY.get(r, (r, r))
    return zh if _lang(lang) == "zh" else en


def region(row_or_code, lang: str) -> str:
    """A region's name: 广东 / Guangdong; 全国 / China (national)."""
    lang = _lang(lang)
    name = _field(row_or_code, f"name_{lang}") or _field(row_or_code, f"region_{lang}")
    if name:
        return name
    code = row_or_code if isinstance(row_or_code, str) else _field(row_or_code, "region")
    entry = _regions().get(code or "", {})
    return entry.get(f"name_{lang}") or code or ""


# --- periods --------------------------------------------------------------------------------------

PERIOD_TYPES = {
    "year": ("年末/年度", "year-end / annual"),
    "half": ("半年", "half-year"),
    "quarter": ("季度", "quarter"),
    "month": ("月末/月度", "month-end / monthly"),
    "day": ("某日", "as of a date"),
    "range": ("跨月区间", "span of months"),
    "cumulative": ("累计", "cumulative to date"),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZH_QUARTERS = ("一", "二", "三", "四")


def period_type(kind: str, lang: str) -> str:
    zh, en = PERIOD_TYPES.get(kind, (kind, kind))
    return zh if _lang(lang) == "zh" else en


def period(label: str, kind: str | None = None, lang: str = "en") -> str:
    """A period label as a reader reads it. A year(-end) reads at its own year: "2015" / "2015年".

    2015-Q3 -> "Q3 2015" / "2015年第三季度"; 2015-06 -> "Jun 2015" / "2015年6月"; 2015-H1 -> "H1 2015" /
    "2015年上半年"; 2020-10-22 -> "22 Oct 2020" / "2020年10月22日"; 2019-01/2019-09 -> "Jan–Sep 2019" /
    "2019年1–9月"; to:2019-02 -> "to Feb 2019 (cumulative)" / "截至2019年2月(累计)". An unknown label is
    returned as given."""
    lang = _lang(lang)
    label = str(label)
    if label.startswith("to:"):
        inner = period(label[3:], None, lang)
        return f"截至{inner}(累计)" if lang == "zh" else f"to {inner} (cumulative)"
    if "/" in label:
        first, _, last = label.partition("/")
        (y0, m0), (y1, m1) = _year_month(first), _year_month(last)
        if None in (y0, m0, y1, m1):
            return label
        if lang == "zh":
            return f"{y0}年{m0}–{m1}月" if y0 == y1 else f"{y0}年{m0}月–{y1}年{m1}月"
        if y0 == y1:
            return f"{MONTHS_EN[m0 - 1]}–{MONTHS_EN[m1 - 1]} {y0}"
        return f"{MONTHS_EN[m0 - 1]} {y0}–{MONTHS_EN[m1 - 1]} {y1}"
    if m := re.fullmatch(r"(\d{4})", label):
        return f"{m[1]}年" if lang == "zh" else m[1]
    if m := re.fullmatch(r"(\d{4})-H([12])", label):
        return f"{m[1]}年{'上' if m[2] == '1' else '下'}半年" if lang == "zh" else f"H{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        return f"{m[1]}年第{_ZH_QUARTERS[int(m[2]) - 1]}季度" if lang == "zh" else f"Q{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        month = int(m[2])
        if 1 <= month <= 12:
            return f"{m[1]}年{month}月" if lang == "zh" else f"{MONTHS_EN[month - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", label):
        month, day = int(m[2]), int(m[3])
        if 1 <= month <= 12:
            return f"{m[1]}年{month}月{day}日" if lang == "zh" else f"{day} {MONTHS_EN[month - 1]} {m[1]}"
    return label


def _year_month(label: str) -> tuple[int | None, int | None]:
    m = re.fullmatch(r"(\d{4})-(\d{2})", label)
    return (int(m[1]), int(m[2])) if m and 1 <= int(m[2]) <= 12 else (None, None)


def date_label(day: date, lang: str) -> str:
    """A calendar date: 2020年11月27日 / 27 Nov 2020."""
    return period(day.isoformat(), "day", lang)
