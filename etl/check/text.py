"""Text preparation for the checker: a length-preserving normal form, input limits, sentences.

The normal form maps traditional to simplified characters and full-width to ASCII one character for
one character, so every offset found in it is an offset in the text as pasted (`quote` =
`text[start:end]` holds for the original).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from importlib import resources

# The checker reads at most this many characters; longer input is cut and the result says so.
MAX_CHARS = 20_000


def _traditional_to_simplified() -> dict[int, str]:
    """OpenCC's character table (TSCharacters: 4,100 traditional characters), one character for one so
    that offsets survive. Where OpenCC gives several simplified forms, its default (the first) is taken:
    乾 -> 干, 於 -> 于. (Its Taiwan and Hong Kong variant tables are left out: read backwards they map
    simplified characters such as 么 and 抬 away.)"""
    table = {}
    for line in (resources.files("opencc") / "dictionary" / "TSCharacters.txt").read_text("utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


_FULLWIDTH = "０0１1２2３3４4５5６6７7８8９9．.％%－-～~：:（(）)　 "
_MAP = _traditional_to_simplified()
_MAP.update({ord(_FULLWIDTH[i]): _FULLWIDTH[i + 1] for i in range(0, len(_FULLWIDTH) - 1, 2)})
_MAP.update({0x2009: " ", 0x00A0: " ", 0x202F: " ", 0x2014: "-", 0x2013: "-"})


class InputProblem(ValueError):
    """Input the checker cannot read at all (binary, not text); the message says why."""


@dataclass(frozen=True)
class Prepared:
    text: str  # what is checked: the input, cut at MAX_CHARS
    norm: str  # the normal form of `compact`, one character for one
    notes: tuple[str, ...]  # what was done to the input (cut, markup seen), for the user
    compact: str = ""  # the text read: `text` without pinyin glosses (網(wǎng)貸 -> 網貸), else `text`
    origin: tuple[int, ...] | None = None  # offset in `text` of each character of `compact` (and its end)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of `compact` as a span of `text` (the glosses inside it included)."""
        if self.origin is None:
            return start, end
        return self.origin[start], (self.origin[end - 1] + 1 if end > start else self.origin[start])


# Some copied pages carry the pinyin of each character after it, in brackets: 網(wǎng)貸平臺(tái)數(shù)量.
# A gloss holds a tone mark; words and figures split by them are read as if they were not there.
_PINYIN_GLOSS = re.compile(
    r"(?<=\S)\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{0,6}\)"
)


_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]{0,200}>")


# 7。56万件: a full stop a page wrote for a decimal point (its conversion turned every "." into "。"), read as one only
# before a unit, so a sentence ending in a digit before one starting with a year (占比50。3。2022年…) stays apart.
_STOP_AS_DECIMAL = re.compile(r"(?<=\d)。(?=\d{1,3}\s*(?:万|亿|%|％|家|件|元|人|个))")


def normalise(text: str) -> str:
    return _STOP_AS_DECIMAL.sub(".", text.translate(_MAP))


def decode(raw: bytes, name: str) -> str:
    """Bytes -> text, or InputProblem naming the file. Binary (NULs, undecodable) is refused."""
    if b"\x00" in raw[:65536]:
        raise InputProblem(f"{name}: looks like a binary file (NUL bytes), not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputProblem(f"{name}: not UTF-8 or GB18030 text")


def prepare(text: str) -> Prepared:
    notes = []
    if len(text) > MAX_CHARS:
        notes.append(f"input cut to the first {MAX_CHARS:,} of {len(text):,} characters")
        text = text[:MAX_CHARS]
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
    if controls > max(8, len(text) // 100):
        raise InputProblem(f"the text holds {controls} control characters: binary data, not an article")
    if _TAG.search(text):
        notes.append("HTML tags found: numbers inside tags are ignored; paste the page's text for best results")
    glosses = list(_PINYIN_GLOSS.finditer(text))
    if len(glosses) >= 3:
        pieces, last = [], 0
        for m in glosses:
            pieces.append((last, m.start()))
            last = m.end()
        pieces.append((last, len(text)))
        origin = (*(i for a, b in pieces for i in range(a, b)), len(text))
        compact = "".join(text[a:b] for a, b in pieces)
        notes.append(f"{len(glosses)} pinyin glosses after characters (網(wǎng)) were read past")
        return Prepared(text, normalise(compact), tuple(notes), compact, origin)
    return Prepared(text, normalise(text), tuple(notes), text)


def tag_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of HTML tags and URLs: numbers inside them are not claims."""
    spans = [m.span() for m in _TAG.finditer(norm)]
    spans += [m.span() for m in re.finditer(r"(?:https?://|www\.)[^\s<>\"'，。]+", norm)]
    spans += [m.span() for m in re.finditer(r"&#?\w{1,8};", norm)]
    return spans


# An English full stop: not in "U.S." or "No. 5" (a capital or a digit before it), or before a capital after a word
ENGLISH_STOP = r"(?<![0-9A-Z])\.(?=\s|$)|(?<=[a-z0-9%])\.(?=\s+[A-Z\"“(])"
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+|" + ENGLISH_STOP)
# A comma is a thousands separator only between a digit and exactly three digits (1,234); 10家,2011年 ends a clause.
_CLAUSE_END = re.compile(r"[，、:：(（)）]|(?<!\d),|,(?!\d{3}(?!\d))|(?<![0-9])\.(?![0-9])| - | – ")


# A line break inside a hard-wrapped sentence (text pasted from a PDF or an e-mail): a long line (30 characters,
# 15 Chinese ones) that ends in a letter, a digit or a Chinese character, going on in a letter or a Chinese
# character on the next line, which is no longer than it by more than a quarter (a wrapped paragraph's lines are
# alike; a heading is shorter than the text below it, or ends its paragraph).
_WRAPPED_LINE, _WRAPPED_LINE_CJK = 30, 15
_WORD_CHAR = re.compile(r"[A-Za-z0-9%\u4e00-\u9fff,，、]")


def _wrapped(norm: str, m: re.Match) -> bool:
    if m.group(0) != "\n" or m.start() == 0 or m.end() >= len(norm):
        return False
    line_start = norm.rfind("\n", 0, m.start()) + 1
    next_end = norm.find("\n", m.end())
    length, next_length = m.start() - line_start, (len(norm) if next_end < 0 else next_end) - m.end()
    last = norm[m.start() - 1]
    return (
        length >= (_WRAPPED_LINE_CJK if "\u4e00" <= last <= "\u9fff" else _WRAPPED_LINE)
        and next_length <= length * 1.25
        and bool(_WORD_CHAR.match(last))
        and bool(re.match(r"[a-z\u4e00-\u9fff]", norm[m.end()]))
    )


def sentences(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(norm):
        if _wrapped(norm, m):
            continue
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(norm):
        out.append((start, len(norm)))
    return out


def clause_bounds(norm: str, sentence: tuple[int, int], position: int) -> tuple[int, int]:
    """The clause (between commas) of `sentence` that holds `position`."""
    start, end = sentence
    left, right = start, end
    for m in _CLAUSE_END.finditer(norm, start, end):
        if m.end() <= position:
            left = m.end()
        elif m.start() >= position:
            right = m.start()
            break
    return left, right


def paragraphs(norm: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n\s*\n", norm):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(norm)))
    return out


class Spans:
    """Character spans, merged, with an O(log n) membership test."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        i = bisect_right(self.starts, a)
        if i and self.ends[i - 1] >= a:  # touches the span before: extend it
            i -= 1
            a, b = self.starts[i], max(b, self.ends[i])
            del self.starts[i], self.ends[i]
        while i < len(self.starts) and self.starts[i] <= b:
            b = max(b, self.ends[i])
            del self.starts[i], self.ends[i]
        self.starts.insert(i, a)
        self.ends.insert(i, b)

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
