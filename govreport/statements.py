"""The numbers a narrative states, and which table figure each one's clause names.

The phrases are data (`templates/phrases/table-figures.yaml`, which explains the reading); this
module only reads a paragraph with them. It decides nothing about the tables: rule T-TEXT
(`govreport.textfigures`) compares what is found here with them.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from govreport.formats import template_data

PHRASES_FILE = "phrases/table-figures.yaml"
MAX_CLAUSE = 120
"""A clause longer than this (characters back to its start, or on to its end) is not how a
report states a figure: its number is left alone, and no search runs over a whole 5 MB paragraph."""
MAX_SENTENCE = 400
"""How far back in its sentence a number's `in_sentence` words are looked for."""
_CLAUSE_ENDS = frozenset("，,。；;：:！？!?\n")
_CLAUSE_END = re.compile("[，,。；;：:！？!?\n]")
_HARD_BREAK = re.compile("[，,。；;：:！？!?\n（(]")
_SOFT_BREAK = re.compile("[、）)]")  # a clause may run on across these
_SENTENCE_END = re.compile("[。！？!?]")
_BRACKET = re.compile("[（()）]")
_OPENERS, _CLOSERS = "（(", "）)"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")


@dataclass(frozen=True)
class Phrase:
    """One way of naming a table figure (本年新收申请, 行政复议 …), as the data file gives it."""

    name: str
    words: tuple[str, ...]
    with_words: tuple[str, ...]
    ignore: tuple[str, ...]
    units: tuple[str, ...]
    figures: tuple[str, ...]
    in_sentence: tuple[str, ...] = ()
    in_paragraph: tuple[str, ...] = ()
    result: tuple[str, ...] = ()
    total: bool = False


@dataclass(frozen=True)
class Phrases:
    max_gap: int
    units: dict[str, Decimal]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    ignore: tuple[str, ...]
    results: dict[str, str]
    phrases: tuple[Phrase, ...]

    @functools.cached_property
    def words(self) -> tuple[re.Pattern[str], dict[str, tuple[Phrase, ...]]]:
        """Every phrase word at every position of a clause, in one scan: a lookahead finds the
        longest word starting at each offset (a shorter one there lies inside it and would not
        count), and each word maps to the phrases it belongs to."""
        by_word: dict[str, tuple[Phrase, ...]] = {}
        for p in self.phrases:
            for w in p.words:
                by_word[w] = (*by_word.get(w, ()), p)
        alternatives = "|".join(re.escape(w) for w in sorted(by_word, key=len, reverse=True))
        return re.compile(f"(?=({alternatives}))"), by_word

    @functools.cached_property
    def inexact(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """`not_before` ending where a number starts (searched up to it), `not_after` starting
        where its unit ends."""
        before = "|".join(re.escape(w) for w in self.not_before)
        after = "|".join(re.escape(w) for w in self.not_after)
        return re.compile(f"(?:{before})\\Z"), re.compile(f"(?:{after})")

    @functools.cached_property
    def reach(self) -> int:
        """How far before a number a `not_before` word can start."""
        return max(map(len, self.not_before), default=0)

    @functools.cached_property
    def ignored(self) -> re.Pattern[str]:
        """Any `ignore` word, found in one scan of a clause."""
        return re.compile("|".join(re.escape(w) for w in self.ignore) or "(?!)")

    @functools.cached_property
    def statement(self) -> re.Pattern[str]:
        """A number (digits, thousands commas, decimals) followed by a unit."""
        units = "|".join(re.escape(u) for u in sorted(self.units, key=len, reverse=True))
        return re.compile(rf"(?<![\d.,A-Za-z])(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?({units})")


@functools.cache
def phrases() -> Phrases:
    data = template_data(PHRASES_FILE)
    return Phrases(
        max_gap=int(data["max_gap"]),
        units={u: Decimal(str(f)) for u, f in data["units"].items()},
        not_before=tuple(data["not_before"]), not_after=tuple(data["not_after"]),
        ignore=tuple(data["ignore"]), results=dict(data["results"]),
        phrases=tuple(Phrase(
            name=p["name"], words=tuple(p["words"]), with_words=tuple(p.get("with", ())),
            ignore=tuple(p.get("ignore", ())), units=tuple(p["units"]),
            figures=tuple(p["figures"]), in_sentence=tuple(p.get("in_sentence", ())),
            in_paragraph=tuple(p.get("in_paragraph", ())),
            result=tuple(p.get("result", ())),
            total=bool(p.get("total", False)),
        ) for p in data["phrases"]),
    )


@dataclass(frozen=True)
class Statement:
    """A number with its unit in a paragraph, and what its clause says it is.

    `phrase` is the one phrase the clause names; `doubtful` when the clause may mean something
    else (a word of `ignore`, two phrases, another year, an approximate number): such a
    statement is never compared, and a list it stands in is not added up.
    """

    start: int  # offset of the number in the paragraph
    end: int  # offset after the unit
    written: str  # the number as written, 2,846 or 3.58
    number: Decimal  # its value, in `unit`
    decimals: int  # places written after the point
    unit: str
    factor: Decimal  # one `unit` in the table's unit (元 is 0.0001 万元)
    clause_start: int
    phrase: Phrase | None
    doubtful: bool
    bracketed: bool  # inside （…）: an aside to what comes before
    sentence: int

    def clause(self, text: str) -> str:
        return text[self.clause_start:self.end]


def statements(text: str, year: int | None) -> list[Statement]:
    """Every number with a unit in `text`, in order; `year` is the report's (a clause naming
    another year states another figure)."""
    data = phrases()
    before, after = data.inexact
    reach = data.reach
    marks: _Marks | None = None  # found with the first number: most texts state none
    out = []
    firsts: dict[str, int] = {}  # where each `in_paragraph` word first stands
    for match in data.statement.finditer(text):
        start, end = match.span()
        if marks is None:
            marks = _Marks(text)
        sentence, sentence_start = marks.sentence(start)
        whole, fraction, unit = match.groups()
        written = whole + (fraction or "")
        inexact = bool(before.search(text, max(0, start - reach), start) or after.match(text, end))
        clause_start = marks.clause_start(start)
        if clause_start < 0:  # a clause too long to be read as one
            phrase, doubtful, clause_start = None, True, max(0, start - MAX_CLAUSE)
        else:
            phrase, doubtful = _phrase(data, text[clause_start:start], unit, year)
        if phrase is not None:
            doubtful = doubtful or _off_topic(phrase, text, sentence_start, start, firsts)
        out.append(Statement(start, end, written, Decimal(written.replace(",", "")),
                             len(fraction or ".") - 1, unit, data.units[unit], clause_start,
                             phrase, doubtful or inexact, marks.depth(start) > 0, sentence))
    return out


class _Marks:
    """Where a paragraph's sentences end, its clauses break and its brackets open and close,
    found once: each number's sentence, clause and bracket depth are then looked up, so that a
    paragraph of 200,000 numbers is read in linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self.hard = [m.start() for m in _HARD_BREAK.finditer(text)]
        self.soft = [m.start() for m in _SOFT_BREAK.finditer(text)]
        self.brackets: list[int] = []
        self.depths: list[int] = []  # the depth after each bracket
        depth = 0
        for m in _BRACKET.finditer(text):
            depth = depth + 1 if m.group() in _OPENERS else max(0, depth - 1)
            self.brackets.append(m.start())
            self.depths.append(depth)

    def sentence(self, at: int) -> tuple[int, int]:
        """The index of the sentence of offset `at`, and where that sentence starts."""
        n = bisect.bisect_left(self.ends, at)
        return n, self.ends[n - 1] + 1 if n else 0

    def depth(self, at: int) -> int:
        i = bisect.bisect_left(self.brackets, at)
        return self.depths[i - 1] if i else 0

    def clause_start(self, at: int) -> int:
        """Where the clause of the number at `at` starts (see the data file's explanation); -1
        when it would start more than `MAX_CLAUSE` characters back."""
        i = bisect.bisect_left(self.hard, at)
        hard = self.hard[i - 1] if i else -1
        if at - hard - 1 > MAX_CLAUSE:
            return -1
        j = bisect.bisect_right(self.soft, hard)
        if j == len(self.soft) or self.soft[j] >= at:
            return hard + 1  # the common case: no 、 or closing bracket to look across
        return _clause_start(self.text, at)


def _off_topic(phrase: Phrase, text: str, sentence_start: int, at: int,
               firsts: dict[str, int]) -> bool:
    """Whether the sentence before the number, or the paragraph up to the end of its clause
    (在已办结的2817件申请中), lacks what the phrase needs there. `firsts` caches where each
    paragraph word first stands in `text`."""
    if phrase.in_sentence:
        sentence = text[max(sentence_start, at - MAX_SENTENCE):at]
        if not any(w in sentence for w in phrase.in_sentence):
            return True
    if phrase.in_paragraph:
        found = _CLAUSE_END.search(text, at, at + MAX_CLAUSE)
        end = found.start() if found else min(len(text), at + MAX_CLAUSE)
        for w in phrase.in_paragraph:
            if w not in firsts:
                firsts[w] = text.find(w)
        return not any(0 <= firsts[w] <= end - len(w) for w in phrase.in_paragraph)
    return False


def _clause_start(text: str, at: int) -> int:
    """The clause start of `_Marks.clause_start` across 、 and brackets, character by character
    (at most `MAX_CLAUSE`)."""
    i = at
    while i > 0:
        if at - i > MAX_CLAUSE:
            return -1
        ch = text[i - 1]
        if ch in _CLAUSE_ENDS or ch in _OPENERS:
            break
        if ch == "、":
            before = _chunk_start(text, i - 1)
            if any(c.isdigit() for c in text[before:i - 1]):
                break
        elif ch in _CLOSERS:
            opener = _opener(text, i - 1)
            if opener is None or any(c.isdigit() for c in text[opener:i]):
                break
            i = opener
            continue
        i -= 1
    return i


def _chunk_start(text: str, at: int) -> int:
    """Where the item that ends at the 、 at `at` starts (at most `MAX_CLAUSE` back)."""
    i = at
    while i > max(0, at - MAX_CLAUSE) and text[i - 1] not in _CLAUSE_ENDS \
            and text[i - 1] not in "、" + _OPENERS:
        i -= 1
    return i


def _opener(text: str, closer: int) -> int | None:
    """The bracket the one at `closer` closes, within `MAX_CLAUSE` characters."""
    depth = 0
    for i in range(closer, max(-1, closer - MAX_CLAUSE), -1):
        if text[i] in _CLOSERS:
            depth += 1
        elif text[i] in _OPENERS:
            depth -= 1
            if depth == 0:
                return i
        elif text[i] in _CLAUSE_ENDS - {"，", ","}:
            return None
    return None


def _phrase(data: Phrases, clause: str, unit: str, year: int | None) -> tuple[Phrase | None, bool]:
    """The one phrase `clause` (the text before the number) names, and whether it is doubtful."""
    pattern, by_word = data.words
    found = [(m.start(), m.start() + len(m.group(1)), p)
             for m in pattern.finditer(clause) for p in by_word[m.group(1)]]
    if not found:
        return None, False
    spans = {(s, e) for s, e, _ in found}
    found = [(s, e, p) for s, e, p in found
             if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)]
    named = {id(p): p for s, e, p in found if _names(data, p, clause, e)}
    if len(named) != 1:
        return None, len(named) > 1
    [phrase] = named.values()
    masked = list(clause)
    for s, e, p in found:
        if p is phrase:
            masked[s:e] = " " * (e - s)
    rest = "".join(masked)
    other_year = year is not None and any(int(y) != year for y in _YEAR.findall(rest))
    doubtful = (unit not in phrase.units or other_year or data.ignored.search(rest) is not None
                or any(w in rest for w in phrase.ignore))
    return phrase, doubtful


def _names(data: Phrases, phrase: Phrase, clause: str, word_end: int) -> bool:
    """Whether a word of `phrase` ending at `word_end` names the number at the clause's end."""
    gap = clause[word_end:]
    if len(gap) > data.max_gap:
        return False
    return not phrase.with_words or any(w in gap for w in phrase.with_words)

