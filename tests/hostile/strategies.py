"""Hypothesis strategies: valid gov-2021 reports, and the ways a file gets broken.

Narrative text is drawn from the characters of a real township report (every one of them is
in GB2312, so every PDF font draws it), Latin letters, digits and punctuation, both Chinese
and ASCII. Table numbers stay within what a printed table-3 cell holds on one line (four
digits, see test_extreme.py); table 2's cells are wide and get numbers up to a billion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from tests.hostile.reports import (
    ACTIVE_COUNTS,
    ACTIVE_GROUPS,
    COLUMNS,
    REMEDY_ROWS,
    RESULT_LEAVES,
    Tables,
    gov2021_report,
    gov2021_tables,
)

SEED = Path(__file__).parents[1] / "data" / "quanyang-2018-report.txt"
HANZI = "".join(sorted({ch for ch in SEED.read_text(encoding="utf-8") if "\u4e00" <= ch <= "\u9fff"}))
PUNCTUATION = "，。、；：？！“”‘’（）《》—…·%,.;:?!()-/&#\"'[]{}*|>@`"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
TEXT_ALPHABET = HANZI + PUNCTUATION + LATIN + " "
HEADING_STARTS = ("关于", "加强", "推进", "完善", "做好", "Web")
"""A heading must not start with a number of its own (（一）, 1., 一、): the layout numbers it."""


def _text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Text that is not blank (a blank paragraph or heading is an input error)."""
    first = st.sampled_from(TEXT_ALPHABET.replace(" ", ""))
    rest = st.text(st.sampled_from(TEXT_ALPHABET), max_size=max(0, max_size - 1))
    return st.builds(lambda a, b: a + b, first, rest).filter(lambda s: len(s) >= min_size)


def paragraphs() -> st.SearchStrategy[str]:
    """One or more paragraphs, separated by blank lines as a clerk types them."""
    return st.lists(_text(1, 300), min_size=1, max_size=3).map("\n\n".join)


def headings() -> st.SearchStrategy[str]:
    return st.builds(lambda start, rest: start + rest, st.sampled_from(HEADING_STARTS),
                     _text(0, 30))


@st.composite
def contents(draw: st.DrawFn, depth: int = 0) -> object:
    """Content: a string, or a list of paragraphs, {heading, body} and {lead, text} blocks."""
    if depth >= 2 or draw(st.booleans()):
        return draw(paragraphs())
    blocks: list[object] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["paragraph", "heading", "lead"]))
        if kind == "paragraph":
            blocks.append(draw(paragraphs()))
        elif kind == "heading":
            blocks.append({"heading": draw(headings()), "body": draw(contents(depth + 1))})
        else:
            blocks.append({"lead": draw(headings()), "text": draw(_text(1, 200))})
    return blocks


def _six(high: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, high), min_size=COLUMNS, max_size=COLUMNS)


@st.composite
def tables(draw: st.DrawFn) -> Tables:
    """Tables 2–4 with random numbers that balance: every 一+二 = （七）+四 holds."""
    results = {leaf: draw(_six(50)) for leaf in RESULT_LEAVES}
    carry_forward = draw(_six(50))
    finished = [sum(results[leaf][c] for leaf in RESULT_LEAVES) + carry_forward[c]
                for c in range(COLUMNS)]
    carried_over = [draw(st.integers(0, min(high, 50))) for high in finished]
    count = st.integers(0, 10**9) | st.just("不适用")
    active: dict[str, object] = {}
    for group in ACTIVE_GROUPS:
        active[group] = draw(st.just("不适用") | st.fixed_dictionaries(
            {"issued": st.integers(0, 999), "repealed": st.integers(0, 999),
             "in_force": st.integers(0, 99_999)}))
    for key in ACTIVE_COUNTS:
        active[key] = draw(count)
    active["fees"] = draw(st.just("不适用") | st.decimals(
        0, 10**6, places=draw(st.integers(0, 6)), allow_nan=False, allow_infinity=False))
    remedy = {key: draw(st.lists(st.integers(0, 999), min_size=4, max_size=4))
              for key in REMEDY_ROWS}
    return gov2021_tables(results, carry_forward, carried_over, active, remedy)


@dataclass
class GeneratedReport:
    text: str
    tables: Tables


@st.composite
def reports(draw: st.DrawFn) -> GeneratedReport:
    """The YAML text of a valid gov-2021 report, and what its tables print."""
    drawn = draw(tables())
    organ = draw(st.text(st.sampled_from(HANZI + LATIN), min_size=2, max_size=60)) + "人民政府"
    extra: dict[str, object] = {}
    if draw(st.booleans()):
        extra["preface"] = draw(paragraphs())
    text = gov2021_report(drawn, organ=organ, year=draw(st.integers(2021, 2030)),
                          overview=draw(contents()), problems=draw(contents()),
                          other=draw(contents()), **extra)
    return GeneratedReport(text, drawn)


# --- mutations --------------------------------------------------------------------------------

NASTY_SCALARS = [
    "", "~", "null", "-1", "1.5", "1e309", ".inf", ".nan", "0x1F", "0o17", "1_000", "9" * 40,
    "9" * 5000, "true", "no", "[]", "{}", "[1, 2", '"', "'", "|", ">", "&a", "*a", "*undefined",
    "!!binary aGk=", "!!python/object:os.system", "!!int x0", "!!float abc", "!!timestamp x",
    "!!bool maybe", "!!null x", "!!set {a}", "!!omap []", "!ruby/object x", "2025-13-45",
    "2025-02-30", "不适用", '"\\x01"', '"\\ud800"', '"\\uFFFE"', '"\\U0010FFFF"', "- a", "a: b",
    "? x", "%YAML 1.1", "---", "...", "@", "`", "#", "\u202e", "\u3000", "（一）标题", "1.标题",
    "一、标题", "x" * 300, "【请填写】", "<<: *a", "190:20:30", "12.34567", "-0", "+5",
]
CONTROL = st.characters(max_codepoint=0x9F, categories=["Cc"])
ANY_CHARACTER = st.characters(exclude_categories=["Cs"]) | CONTROL | st.sampled_from(
    ["\ud800", "\udfff", "\ufeff", "\ufffe", "\u2028", "\u0085", "\t", "\r"])


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """`text` after one to four of the mistakes that break a file, as bytes on disk."""
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "value", "insert", "indent",
                                   "truncate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "value" and ":" in lines[i]:
            k = lines[i].index(":")
            value = draw(st.sampled_from(NASTY_SCALARS) | st.text(ANY_CHARACTER, max_size=20))
            lines[i] = lines[i][:k + 1] + " " + value
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(ANY_CHARACTER, min_size=1, max_size=5)) + \
                lines[i][at:]
        elif op == "indent":
            shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
            lines[i] = " " * shift + lines[i] if shift > 0 else \
                lines[i][-shift:] if lines[i].startswith(" " * -shift) else lines[i]
        text = "\n".join(lines)
        if op == "truncate":
            text = text[:draw(st.integers(0, len(text)))]
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate: bytes that are not UTF-8
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data



REFUSED_IN_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
BLANK = " \t\n\r\u3000\u00a0\x85\u2028\u2029"


def any_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Any Unicode text a report may hold: everything but control characters, surrogates,
    non-characters and direction overrides (which the reader refuses), and not blank."""
    return st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=max_size) \
        .filter(lambda s: not REFUSED_IN_TEXT.search(s) and s.strip(BLANK))
