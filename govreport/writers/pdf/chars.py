"""Character classes for Chinese line breaking.

Why a module of its own: reportlab's kinsoku tables lack most full-width Chinese punctuation
(typography spec §3.2), so the grid typesetter carries its own sets, and both the line
breaker and the tests need the same definition of "wide" (one grid cell) characters.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from govreport.layout.style import FULL_WIDTH_AMBIGUOUS, is_autospaced

__all__ = [
    "NO_BREAK_BEFORE_LATIN",
    "NO_LINE_END",
    "NO_LINE_START",
    "WIDE_AMBIGUOUS",
    "is_autospaced",
    "is_doubled",
    "is_wide",
]

# The layout's full-width ambiguous punctuation, and ※ (a reference mark), which the PDF also
# gives a whole grid cell although the layout's 字 arithmetic counts it as half.
WIDE_AMBIGUOUS = FULL_WIDTH_AMBIGUOUS | {"※"}

# GB/T 15834 punctuation that must not start a line (plus half-width equivalents).
NO_LINE_START = frozenset("，。、；：？！）》〉」』】〕］｝…—·％”’〃々,.;:?!)]}%")

# Opening brackets and quotes that must not end a line.
NO_LINE_END = frozenset("（《〈「『【〔［｛“‘([{")

# Closing punctuation that a following Latin word or number sticks to ("用。2018年" moves to the
# next line whole): Word and LibreOffice (UAX #14 CL/CP/QU) do not break between them.
NO_BREAK_BEFORE_LATIN = frozenset("。，、）》〉」』】〕］｝”’")

# Characters that come in unbreakable pairs ("——", "……").
PAIRED = frozenset("—…")


def is_doubled(a: str, b: str) -> bool:
    """Whether `a` then `b` are the two halves of "——" or "……": one mark over two cells, which
    a line never splits and the drawer sets as a whole."""
    return a in PAIRED and b == a


@lru_cache(maxsize=8192)
def is_wide(ch: str) -> bool:
    """True if ``ch`` occupies one full grid cell (East Asian Width W/F or CJK punctuation)."""
    return ch in WIDE_AMBIGUOUS or unicodedata.east_asian_width(ch) in ("W", "F")
