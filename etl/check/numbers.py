"""Numbers as written in Chinese and English news text -> values.

Arabic digits with separators (2,448 / 2 935 / 9.45), scale words (万 亿 万亿, thousand million
billion trillion, bn), Chinese numerals (一千五百七十五, 两千, 百分之九点四五) and English number words
("two thousand"). Chinese numerals are read by chinese2digits (a small maintained parser); what it
cannot read in this sector's phrasing is handled here and tested: a bare scale character (逾千家,
上万人), traditional 兩/萬/億 (mapped to simplified first), and digit-group separators (it splits
"1,575" in two).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import chinese2digits

SCALES = {
    "万亿": Decimal(10) ** 12,
    "兆": Decimal(10) ** 12,  # Taiwan's 兆 (1.8兆元): a trillion
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "trln": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "mln": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
}

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
CN_NUMERAL = f"[{CN_DIGITS}{CN_UNITS}点]"
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}

# An Arabic number: digit groups of three joined by a comma or a (thin) space, or plain digits.
# (CNY758.1 billion, RMB139bn, USD530 million: a currency code may be written right against the number)
ARABIC = (
    r"(?:(?<![A-Za-z0-9_.])|(?<=CNY)|(?<=RMB)|(?<=Rmb)|(?<=USD)|(?<=HKD)|(?<=EUR))(?<!\d,)"
    r"(?:\d{1,3}(?:[, ]\d{3})+(?![0-9])|\d+)(?:\.\d+)?"
)

WORDS_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
WORDS_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORD = "|".join(sorted([*WORDS_UNITS, *WORDS_SCALES], key=len, reverse=True))
ENGLISH_WORDS = rf"\b(?:(?:a|one|{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD})\b)+|(?:{_WORD})\b)"


class NumberError(ValueError):
    pass


def arabic(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace(" ", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise NumberError(f"not a number: {text!r}") from None


def decimals_written(text: str) -> int:
    cleaned = text.replace(",", "").replace(" ", "")
    return len(cleaned.split(".", 1)[1]) if "." in cleaned else 0


def chinese(text: str) -> Decimal:
    """A run of Chinese numeral characters -> value. 千 / 万 alone mean one thousand / ten thousand."""
    run = text.replace("兩", "两").replace("萬", "万").replace("億", "亿")
    if not run:
        raise NumberError("empty numeral")
    if run[0] in "十百千万亿":
        run = ("一" if run[0] != "十" else "") + run
    if all(c in _CN_DIGIT_VALUE for c in run) and len(run) > 1:  # digit by digit: 二〇一四
        return Decimal("".join(str(_CN_DIGIT_VALUE[c]) for c in run))
    if len(run) == 1 and run in _CN_DIGIT_VALUE:  # 两, 五: one digit (chinese2digits does not read 两 alone)
        return Decimal(_CN_DIGIT_VALUE[run])
    try:
        found = chinese2digits.takeNumberFromString(run)["digitsStringList"]
    except Exception:  # the library raises bare errors on odd input
        found = []
    if len(found) != 1:
        raise NumberError(f"cannot read the Chinese numeral {text!r}")
    return Decimal(found[0])


def english(text: str) -> Decimal:
    """'two thousand', 'one hundred and twenty', 'a million' -> value."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = max(current, 1)
        elif word in WORDS_UNITS:
            current += WORDS_UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in WORDS_SCALES:
            total += max(current, 1) * WORDS_SCALES[word]
            current = 0
        else:
            raise NumberError(f"not an English number: {text!r}")
    return Decimal(total + current)


def place_of_last_nonzero(value: Decimal) -> Decimal:
    """10 ** the position of the last non-zero digit: 2000 -> 1000, 1575 -> 1, 9.45 -> 0.01."""
    if value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    return Decimal(10) ** exponent
