"""Balanced line splitting for titles: GB/T 9704 7.3.1 sets titles symmetric, not greedily."""

from __future__ import annotations

import math

from govreport.layout.style import char_width, text_width

_NO_BREAK_BEFORE = set("，。、；：？！）》」』】〕…—”’%％")
_NO_BREAK_AFTER = set("（《「『【〔“‘")


def split_balanced(text: str, width: float) -> list[str]:
    """Split `text` into the fewest lines of at most `width` 字, as equal as possible.

    Breaks never fall inside a run of digits or Latin letters, before closing punctuation or
    after opening punctuation. A text with no legal break that fits is cut where it must.
    """
    total = text_width(text)
    if total <= width:
        return [text]
    n = math.ceil(total / width)
    while n <= len(text):
        lines = _cut(text, total / n, width, n)
        if lines is not None:
            return lines
        n += 1
    return list(text)


def _breakable(text: str, i: int) -> bool:
    """May a line break fall before text[i]?"""
    a, b = text[i - 1], text[i]
    if b in _NO_BREAK_BEFORE or a in _NO_BREAK_AFTER:
        return False
    return not (a.isascii() and b.isascii() and a.isalnum() and b.isalnum())


def _cut(text: str, target: float, width: float, n: int) -> list[str] | None:
    """Cut into n lines, each break as close as possible to k × target."""
    widths = [char_width(ch) for ch in text]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    lines: list[str] = []
    start = 0
    for k in range(1, n):
        goal = target * k
        best, best_err = None, math.inf
        for i in range(start + 1, len(text)):
            if prefix[i] - prefix[start] > width:
                break
            if _breakable(text, i) and abs(prefix[i] - goal) < best_err:
                best, best_err = i, abs(prefix[i] - goal)
        if best is None:
            return None
        lines.append(text[start:best])
        start = best
    if prefix[len(text)] - prefix[start] > width:
        return None
    lines.append(text[start:])
    return lines
