"""Balanced line splitting for titles: GB/T 9704 7.3.1 sets titles symmetric, not greedily."""

from __future__ import annotations

import math
from itertools import accumulate

from govreport.layout.style import char_width, text_width

_NO_BREAK_BEFORE = set("，。、；：？！）》」』】〕…—”’%％")
_NO_BREAK_AFTER = set("（《「『【〔“‘")
_EXTRA_LINES = 8
"""How many more lines than the minimum a balanced split may try before giving up on it."""


def split_balanced(text: str, width: float) -> list[str]:
    """Split `text` into the fewest lines of at most `width` 字, as equal as possible.

    Breaks never fall inside a run of digits or Latin letters, before closing punctuation or
    after opening punctuation. Where no such break fits (a Latin word wider than a line), a
    line is cut where it must, still balanced; never one character per line.
    """
    total = text_width(text)
    if total <= width:
        return [text]
    prefix = list(accumulate((char_width(ch) for ch in text), initial=0.0))
    least = math.ceil(total / width)
    for strict in (True, False):
        for n in range(least, min(least + _EXTRA_LINES, len(text)) + 1):
            lines = _cut(text, prefix, total / n, width, n, strict)
            if lines is not None:
                return lines
    return _greedy(text, prefix, width)


def may_break(text: str, i: int) -> bool:
    """May a line break fall before text[i]?"""
    a, b = text[i - 1], text[i]
    if b in _NO_BREAK_BEFORE or a in _NO_BREAK_AFTER:
        return False
    return not (a.isascii() and b.isascii() and a.isalnum() and b.isalnum())


def _cut(text: str, prefix: list[float], target: float, width: float, n: int,
         strict: bool) -> list[str] | None:
    """Cut into n lines, each break as close as possible to k × target; unless `strict`, a
    line with no legal break that fits is cut at the best illegal one."""
    lines: list[str] = []
    start = 0
    for k in range(1, n):
        goal = target * k
        best, best_err = None, math.inf
        forced, forced_err = None, math.inf
        for i in range(start + 1, len(text)):
            if prefix[i] - prefix[start] > width:
                break
            err = abs(prefix[i] - goal)
            if may_break(text, i):
                if err < best_err:
                    best, best_err = i, err
            elif not strict and err < forced_err:
                forced, forced_err = i, err
        if best is None:
            best = forced
        if best is None:
            return None
        lines.append(text[start:best])
        start = best
    if prefix[len(text)] - prefix[start] > width:
        return None
    lines.append(text[start:])
    return lines


def _greedy(text: str, prefix: list[float], width: float) -> list[str]:
    """Full lines, each ending at its last legal break (or where it must): always succeeds."""
    lines: list[str] = []
    start = 0
    while prefix[len(text)] - prefix[start] > width:
        end = start + 1
        last_legal = None
        while end < len(text) and prefix[end + 1] - prefix[start] <= width:
            end += 1
            if end < len(text) and may_break(text, end):
                last_legal = end
        cut = last_legal or end
        lines.append(text[start:cut])
        start = cut
    lines.append(text[start:])
    return lines
