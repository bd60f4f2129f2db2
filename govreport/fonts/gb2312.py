"""The 6,763 GB2312 hanzi, derived from Python's codec instead of a vendored list."""

from __future__ import annotations

from functools import cache

GB2312_HANZI_COUNT = 6763


@cache
def gb2312_hanzi() -> frozenset[int]:
    """Code points of GB2312 rows 16-87 (level 1 and level 2 hanzi)."""
    points: set[int] = set()
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                points.add(ord(bytes((0xA0 + row, 0xA0 + cell)).decode("gb2312")))
            except UnicodeDecodeError:  # row 55 ends at cell 89
                continue
    return frozenset(points)


def gb2312_coverage(codepoints: frozenset[int] | set[int]) -> int:
    """How many GB2312 hanzi a font's cmap covers."""
    return len(gb2312_hanzi() & codepoints)
