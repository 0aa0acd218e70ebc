"""The rules for the text of a value, an excerpt and any cell, as polars expressions: validation
and the build use these and only these, so what `validate` accepts is exactly what `build` reads.
"""

from __future__ import annotations

import re

import polars as pl

# ASCII digits only: `\d` would also take full-width (１２) and Arabic-Indic (١٢) digits, which
# a float cast then refuses.
PLAIN_NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
# A float64 holds 15 significant decimal digits exactly; more is a typo or a pasted ID (and 400
# digits would be stored as inf).
MAX_SIGNIFICANT_DIGITS = 15

# Characters never allowed in a cell or a TOML string: C0 controls but tab and line breaks, DEL,
# C1 controls, and the invisible direction marks and overrides (U+202E makes text read backwards).
FORBIDDEN_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0x200E, 0x200F), (0x202A, 0x202E),
                    (0x2066, 0x2069), (0x061C, 0x061C))  # fmt: skip
FORBIDDEN_PATTERN = "[" + "".join(f"\\x{{{lo:X}}}-\\x{{{hi:X}}}" for lo, hi in FORBIDDEN_RANGES) + "]"  # polars
FORBIDDEN = re.compile("[" + "".join(f"\\U{lo:08X}-\\U{hi:08X}" for lo, hi in FORBIDDEN_RANGES) + "]")  # Python

FULL_WIDTH_DIGITS = [chr(0xFF10 + d) for d in range(10)]
ASCII_DIGITS = [str(d) for d in range(10)]


def is_plain_number(value: pl.Expr) -> pl.Expr:
    return value.str.contains(PLAIN_NUMBER)


def significant_digit_count(value: pl.Expr) -> pl.Expr:
    """Digits of a plain number once leading zeros are dropped: 007.50 -> 3 (750)."""
    return value.str.replace_all(r"[-.]", "").str.strip_chars_start("0").str.len_chars()


def value_problem(value: pl.Expr) -> pl.Expr:
    """Why a non-empty value cell cannot be stored as its number (null when it can)."""
    return (
        pl.when(~is_plain_number(value))
        .then(
            pl.format(
                "not a plain number: '{}' (no units, thousands separators, ranges or spaces; use ASCII digits "
                "0-9; put 约/近/超过 in `qualifier`)",
                value.str.slice(0, 60),
            )
        )
        .when(significant_digit_count(value) > MAX_SIGNIFICANT_DIGITS)
        .then(
            pl.format(
                "{} significant digits: at most {} can be stored exactly",
                significant_digit_count(value),
                pl.lit(MAX_SIGNIFICANT_DIGITS),
            )
        )
    )


def to_number(value: pl.Expr) -> pl.Expr:
    """The stored number of a value that passed `value_problem` (strict: anything else fails loudly)."""
    return value.cast(pl.Float64, strict=True)


def forbidden_character(text: pl.Expr) -> pl.Expr:
    """The first forbidden character of a cell, as U+XXXX (null when there is none)."""
    found = text.str.extract(f"({FORBIDDEN_PATTERN})", 1)
    return pl.when(found.is_not_null()).then(
        pl.format("U+{}", found.map_elements(lambda c: f"{ord(c):04X}", return_dtype=pl.String))
    )


def forbidden_in(text: str) -> str | None:
    m = FORBIDDEN.search(text)
    return f"U+{ord(m[0]):04X}" if m else None


def significant_digits(value: pl.Expr) -> pl.Expr:
    """`17130000` -> `1713`; `9.45` -> `945`; `0.5` -> `5`: the digits a page must show."""
    digits = value.str.replace_all(r"[-.]", "").str.strip_chars_start("0").str.strip_chars_end("0")
    return pl.when(digits == "").then(pl.lit("0")).otherwise(digits)


# Separators between digits: thousands (2,595 · 1 357), and decimal points as some pages print them
# (4394。61 on a page that renders every full stop as 。). Applied twice: matches cannot overlap.
_DIGIT_GAP = r"([0-9])[,\s.，·。]([0-9])"
# Small numbers are often written as words ("only six platforms", "归零", "无新上线平台").
NUMBER_WORDS = {
    "zero": "0", "none": "0", "no": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
_CHINESE_ZERO = r"归零|清零|为零|降至零|无一家|无新|没有"


def _close_gaps(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all(_DIGIT_GAP, "${1}${2}").str.replace_all(_DIGIT_GAP, "${1}${2}")


def excerpt_digits(excerpt: pl.Expr, words: bool = True) -> pl.Expr:
    """The excerpt with full-width digits as ASCII, separators inside numbers removed (`2,595`,
    `1 357`) and, with `words`, number words as digits."""
    text = excerpt.str.replace_many(FULL_WIDTH_DIGITS, ASCII_DIGITS)
    if words:
        for word, digit in NUMBER_WORDS.items():
            text = text.str.replace_all(rf"(?i)\b{word}\b", digit)
        text = text.str.replace_all(_CHINESE_ZERO, " 0 ")
    return _close_gaps(text)
