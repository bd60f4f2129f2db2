"""Reading the text of a published report: labels, heading numbers, dates, table numbers.

Published copies differ from the format in ways that do not change meaning — half-width
brackets, `1、` for `1.`, spaces and line breaks inside a label, 其它 for 其他 — so labels are
compared in a canonical form. Table numbers are read strictly: what is not plainly a number,
`/`, `—` or `不适用` is reported, never guessed silently.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from govreport.formats import AMOUNT, SIGNED, not_applicable_word

SPACES = " \t\r\n\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WHITESPACE = re.compile(f"[{SPACES}]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "『": '"', "』": '"', "〝": '"', "〞": '"'})
_LABEL_SYNONYMS = (("其它", "其他"),)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Text as a paragraph keeps it: invisible and control characters gone (a document cannot
    hold them), no space at either end (the layout indents); spaces inside are the author's."""
    text = _CONTROL.sub("", text.translate(_INVISIBLE))
    return text.strip(SPACES)


def canonical(label: str) -> str:
    """The form in which two spellings of one label compare equal."""
    text = unicodedata.normalize("NFKC", label.translate(_INVISIBLE))
    text = _WHITESPACE.sub("", text).translate(_QUOTES)
    text = re.sub(r"(?<=\d)[、.．]", ".", text)
    for variant, standard in _LABEL_SYNONYMS:
        text = text.replace(variant, standard)
    return text.rstrip(":")


# --- heading numbers -------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

SECTION, PAREN_CN, ARABIC, PAREN_ARABIC, CIRCLED = "一、", "（一）", "1.", "（1）", "①"
"""Kinds of heading number, named by their look."""

_NUMBER_PATTERNS = (
    (SECTION, re.compile(rf"^([{_CN}]{{1,3}})\s*[、，,．.]\s*")),
    (PAREN_CN, re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[)）]\s*[、.．]?\s*")),
    (PAREN_ARABIC, re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*[、.．]?\s*")),
    (ARABIC, re.compile(r"^(\d{1,2})\s*[、.．](?!\d)\s*")),
    (CIRCLED, re.compile(rf"^([{_CIRCLED}])\s*")),
)


@dataclass(frozen=True)
class Numbered:
    """A heading number found at the start of a text: its kind, value and length."""

    kind: str
    value: int
    length: int


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21; None for what is not such a numeral."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def leading_number(text: str) -> Numbered | None:
    """The heading number a paragraph starts with (一、 （一） 1. 1、 （1） ①), if any.

    `一是` and `2024年` are not heading numbers; `1.5万` is a decimal, not `1.`.
    """
    for kind, pattern in _NUMBER_PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        raw = m.group(1)
        if kind == CIRCLED:
            value: int | None = _CIRCLED.index(raw) + 1
        elif kind in (SECTION, PAREN_CN):
            value = chinese_number(raw)
        else:
            value = int(raw)
        if value:
            return Numbered(kind, value, m.end())
    return None


# --- dates -----------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
    re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$"),
)
_CN_DATE = re.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
                      r"([一二三四五六七八九十]{1,3})日$")


def parse_date(text: str) -> dt.date | None:
    """A sign-off date as printed: 2025年1月20日, 2025年01月20日, 二〇二五年一月二十日, 2025-01-20."""
    t = _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))
    for pattern in _DATE_PATTERNS:
        m = pattern.match(t)
        if m:
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _CN_DATE.match(t)
    if m:
        year = int("".join(str(_CN_DIGITS[ch]) for ch in m.group(1)))
        month, day = chinese_number(m.group(2)), chinese_number(m.group(3))
        if month and day:
            return _date(year, month, day)
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年度?")


def title_year(text: str) -> tuple[int, int, int] | None:
    """The report year a title names, with where it is written: (year, start, end)."""
    m = _YEAR_IN_TITLE.search(_WHITESPACE.sub("", text))
    if m is None:
        return None
    raw = m.group(1)
    year = int(raw) if raw.isdigit() else int("".join(str(_CN_DIGITS[ch]) for ch in raw))
    return year, m.start(), m.end()


# --- table numbers ---------------------------------------------------------------------------

_NA_CERTAIN = frozenset({"/", "／", "—", "——", "—-", "不适用"})
_NA_DOUBTFUL = frozenset({"-", "－", "–", "--", "−", "‐", "﹣", "\\", "×", "无此项"})
_ZERO_WORDS = frozenset({"无", "没有", "零"})
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_UNITS = re.compile(r"(件|条|项|个|人次|次|人|家|万元|元|%|‰)$")
_MINUS = str.maketrans({"−": "-", "－": "-", "﹣": "-", "–": "-", "‐": "-", "＋": "+"})


@dataclass(frozen=True)
class CellReading:
    """A table cell read as an input value: the YAML scalar to write (None: leave it empty,
    `~`), and a note in Chinese when the reading is not certain."""

    scalar: str | None
    note: str | None = None

    @property
    def certain(self) -> bool:
        return self.note is None


def read_number(text: str, kind: str, allow_na: bool) -> CellReading:
    """What a printed cell says, for an input field of `kind` (count, signed, amount)."""
    na = not_applicable_word()
    raw = clean_text(text)
    shown = raw if len(raw) <= 20 else raw[:20] + "…"
    t = _WHITESPACE.sub("", unicodedata.normalize("NFKC", raw)).translate(_MINUS)
    if not t:
        return CellReading(None, "原表此格为空，缺失的数字不会当作 0，请填写")
    if t in _NA_CERTAIN or raw in _NA_CERTAIN:
        if allow_na:
            return CellReading(na)
        return CellReading(na, f"原表为“{shown}”，而本表不能填“{na}”，请改为实际数字")
    if t in _NA_DOUBTFUL or raw in _NA_DOUBTFUL:
        return CellReading(na, f"原表为“{shown}”，按“{na}”读入；如表示 0 请改为 0")
    if t in _ZERO_WORDS:
        return CellReading("0", f"原表为“{shown}”，按 0 读入")
    number = _plain_number(t)
    if number is not None:
        return _typed(number, kind, shown, note=None)
    unit = _UNITS.search(t)
    if unit is not None and (number := _plain_number(t[:unit.start()])) is not None:
        return _typed(number, kind, shown, note=f"原表为“{shown}”，按 {number} 读入")
    return CellReading(None, f"原表为“{shown}”，不是数字，无法读入，请填写")


def _plain_number(t: str) -> str | None:
    if _NUMBER.match(t):
        return t.lstrip("+")
    if _GROUPED.match(t):
        return t.replace(",", "").lstrip("+")
    return None


def _typed(number: str, kind: str, shown: str, note: str | None) -> CellReading:
    if kind == AMOUNT:
        return CellReading(number, note)
    if "." in number:
        whole, _, places = number.partition(".")
        if set(places) == {"0"}:
            return CellReading(whole, note or f"原表为“{shown}”，按整数 {whole} 读入")
        return CellReading(number, note or f"原表为“{shown}”，本格应为整数")
    if number.startswith("-") and kind != SIGNED:
        return CellReading(number, note or f"原表为负数“{shown}”，本格应为非负整数")
    return CellReading(number, note)


def is_numeric_text(text: str) -> bool:
    """Whether a cell holds a value (a number, 不适用, a dash) or nothing, rather than a label."""
    t = _WHITESPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_MINUS)
    if not t:
        return True
    if t in _NA_CERTAIN or t in _NA_DOUBTFUL or t in _ZERO_WORDS or text.strip() in _NA_CERTAIN:
        return True
    if _plain_number(t) is not None:
        return True
    unit = _UNITS.search(t)
    return unit is not None and unit.start() > 0 and _plain_number(t[:unit.start()]) is not None
