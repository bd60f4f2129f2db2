"""Title lines that keep words whole: GB/T 9704-2012 7.3.1 (词意完整, 梯形或菱形).

A title reads organ name, year and designation (`淮安市人民政府` `2024年` `政府信息公开工作年度报告`).
Its breaks are ranked: between the organ and the rest first, then between the words of the
organ name, then beside the year (which stays with what it dates), then inside the
designation. The first rank that gives lines fitting the width wins; among its
solutions, the fewest lines, then the most even. Only when no word boundary works is the
title cut between characters (`balance.split_balanced`). The word lists are data:
`templates/phrases/title-breaks.yaml`.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from itertools import accumulate

from govreport.formats import template_data
from govreport.layout.balance import may_break, split_balanced
from govreport.layout.style import char_width, text_width

TOP, WORD, YEAR, DESIGNATION = 0, 1, 2, 3
"""Break ranks: organ | rest; between the organ's words; beside the year; inside the
designation. The year stays with what it dates: 淮安市人民政府 / 2024年政府信息公开工作年度报告."""

_YEAR = re.compile(r"\d{4}年度?")


@dataclass(frozen=True)
class _Words:
    designation_starts: tuple[str, ...]
    designation_words: tuple[str, ...]
    suffixes: tuple[str, ...]
    protected: tuple[str, ...]


@functools.cache
def _words() -> _Words:
    data = template_data("phrases/title-breaks.yaml")

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted(data[key], key=len, reverse=True))

    return _Words(longest_first("designation_starts"), longest_first("designation_words"),
                  longest_first("organ_suffixes"), longest_first("organ_words"))


def title_lines(text: str, width: float, organ: str | None = None) -> list[str]:
    """`text` in the fewest lines of at most `width` 字 that keep words whole, most evenly.

    `organ` is the report's organ name, found in the title when the clerk wrote it there; a
    title without it is read by its year and designation alone.
    """
    if text_width(text) <= width:
        return [text]
    breaks = title_breaks(text, organ)
    top = {at for at, r in breaks.items() if r == TOP}
    for rank in (TOP, WORD, YEAR, DESIGNATION):
        allowed = sorted(at for at, r in breaks.items() if r <= rank)
        for required in (top, set()):  # the organ apart from the rest, if it can be
            lines = _best_split(text, allowed, width, required)
            if lines is not None:
                return lines
    return split_balanced(text, width)


def title_breaks(text: str, organ: str | None = None) -> dict[int, int]:
    """Offset → rank of every place where a line may break."""
    words = _words()
    year = _YEAR.search(text)
    organ_at = text.find(organ) if organ else -1
    if organ_at >= 0:
        organ_span = (organ_at, organ_at + len(organ or ""))
    else:  # the organ is what comes before the year or the designation
        start = year.end() if year and year.start() == 0 else 0
        end = _designation_start(text, start, words)
        if year and year.start() > start:
            end = min(end, year.start())
        organ_span = (start, end)
    breaks: dict[int, int] = {}

    def add(at: int, rank: int) -> None:
        if 0 < at < len(text) and may_break(text, at):
            breaks[at] = min(rank, breaks.get(at, rank))

    designation = _designation_start(text, organ_span[1], words)
    if year is not None and year.end() <= organ_span[0]:
        add(year.end(), YEAR)  # 2019年 | 上海市人民政府办公厅 | 政府信息公开…
        add(organ_span[1], TOP)
    elif year is not None and year.start() >= organ_span[1]:
        add(organ_span[1], TOP)  # 淮安市人民政府 | 2024年 政府信息公开…
        add(year.end(), YEAR)
    else:
        add(organ_span[1], TOP)
    add(designation, YEAR if year is not None and year.end() == designation else TOP)
    for at in _organ_breaks(text, *organ_span, words):
        add(at, WORD)
    for at in _designation_breaks(text, designation, words):
        add(at, DESIGNATION)
    return breaks


def _designation_start(text: str, start: int, words: _Words) -> int:
    found = [i for w in words.designation_starts if (i := text.find(w, start)) >= 0]
    return min(found, default=len(text))


def _organ_breaks(text: str, start: int, end: int, words: _Words) -> list[int]:
    """Word ends inside an organ name: after a place level or a kind of organ."""
    out = []
    i = word_start = start
    while i < end:
        suffix = next((s for s in words.suffixes if text.startswith(s, i)), "")
        protected = next((p for p in words.protected if text.startswith(p, i)), "")
        if len(protected) > len(suffix) or not suffix:
            i += len(protected) or 1
            continue
        i += len(suffix)
        if len(suffix) == 1 and i - word_start == 1:
            continue  # 镇江市: a word never is one character of a place level
        if i < end:
            out.append(i)
        word_start = i
    return out


def _designation_breaks(text: str, start: int, words: _Words) -> list[int]:
    out, i = [], start
    while i < len(text):
        word = next((w for w in words.designation_words if text.startswith(w, i)), "")
        i += len(word) or 1
        if word and i < len(text):
            out.append(i)
    return out


def _best_split(text: str, allowed: list[int], width: float,
                required: set[int]) -> list[str] | None:
    """The fewest lines cut only at `allowed` and at every point of `required`, each at most
    `width`, with the least sum of squared widths (the most even); None when impossible."""
    prefix = list(accumulate((char_width(ch) for ch in text), initial=0.0))
    points = [0, *allowed, len(text)]
    # best[j]: ((lines, cost), previous point) for the text up to points[j]
    best: dict[int, tuple[tuple[int, float], int]] = {0: ((0, 0.0), -1)}
    for j in range(1, len(points)):
        for i in range(j - 1, -1, -1):
            w = prefix[points[j]] - prefix[points[i]]
            if w > width:
                break
            if i in best and not any(points[i] < at < points[j] for at in required):
                (lines, cost), _ = best[i]
                score = (lines + 1, cost + w * w)
                if j not in best or score < best[j][0]:
                    best[j] = (score, i)
    last = len(points) - 1
    if last not in best:
        return None
    cuts = [last]
    while cuts[-1] > 0:
        cuts.append(best[cuts[-1]][1])
    offsets = [points[k] for k in reversed(cuts)]
    return [text[a:b] for a, b in itertools.pairwise(offsets)]
