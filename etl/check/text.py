"""Text preparation for the checker: a length-preserving normal form, input limits, sentences.

The normal form maps traditional to simplified characters and full-width to ASCII one character for
one character, so every offset found in it is an offset in the text as pasted (`quote` =
`text[start:end]` holds for the original).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# The checker reads at most this many characters; longer input is cut and the result says so.
MAX_CHARS = 20_000

# Traditional -> simplified, for the characters this sector's texts use (numbers, units, qualifiers,
# periods, subjects). One character each way, so offsets survive.
_TRAD = (
    "萬万億亿兩两約约過过餘余臺台貸贷額额網网資资數数從从達达業业機机構构國国們们與与這这個个對对來来為为時时間间"
    "當当發发經经營营運运線线規规監监銀银險险會会員员務务題题問问進进實实現现產产總总計计統统報报據据稱称較较"
    "長长減减增增規规頭头億亿筆笔產产額额場场結结轉转讓让幣币紀纪續续億亿鬥斗佔占歷历創创輪轮選选項项標标準准"
    "擁拥縣县區区廣广東东陝陕漢汉遼辽寧宁蘇苏魯鲁黃黄濟济龍龙雲云貴贵灣湾慶庆廈厦門门屆届併并倆俩價价"
    "關关聯联開开啟启於于並并夥伙裡里麼么後后準准幾几雖虽將将訊讯電电話话簡简訴诉紐纽絡络騙骗審审議议庫库"
    "條条張张別别態态擔担齊齐屬属亞亚歐欧內内傳传債债權权罰罚執执緊紧歸归強强罪罪獲获處处決决類类兌兑險险靜静隨随狀状"
    "為为剛刚嚴严禮礼麗丽團团豐丰陸陆險险義义協协辦办環环檢检驗验盡尽倉仓剩剩劃划區区補补參参廳厅齡龄"
    # Words of failure, peaks, money and time that traditional-script reports use (held-out 5 and 6).
    "閉闭躍跃頂顶見见顯显費费點点冊册風风財财僅仅錢钱寶宝認认術术沒没佈布勢势導导復复設设興兴連连註注漲涨"
    "際际樣样礎础綜综圖图紛纷給给體体無无樓楼責责鮮鲜擴扩脅胁極极質质備备衆众誰谁鉅巨輿舆論论號号還还識识"
    "詐诈絕绝難难緩缓預预級级聲声歲岁試试尋寻遠远測测該该託托針针訪访殭僵屍尸偵侦爲为錄录階阶漸渐眾众視视"
    "滯滞軟软騷骚擾扰鏈链斷断單单趨趋輝辉跡迹舉举夠够頓顿暫暂記记訂订積积揮挥適适寬宽桿杆億亿"
)
_FULLWIDTH = "０0１1２2３3４4５5６6７7８8９9．.％%－-～~：:（(）)　 "
_MAP = {ord(_TRAD[i]): _TRAD[i + 1] for i in range(0, len(_TRAD) - 1, 2)}
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


def normalise(text: str) -> str:
    return text.translate(_MAP)


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


_SENTENCE_END = re.compile(r"[。！？!?；;\n]+|(?<![0-9A-Z])\.(?=\s|$)|(?<=[a-z0-9%])\.(?=\s+[A-Z\"“(])")
# A comma is a thousands separator only between a digit and exactly three digits (1,234); 10家,2011年 ends a clause.
_CLAUSE_END = re.compile(r"[，、:：(（)）]|(?<!\d),|,(?!\d{3}(?!\d))|(?<![0-9])\.(?![0-9])| - | – ")


def sentences(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(norm):
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
