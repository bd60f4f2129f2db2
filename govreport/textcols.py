"""Aligning Chinese text in a terminal: wide and full-width characters take two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal or a monospaced editor."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cols: int, right: bool = False) -> str:
    """`text` padded with spaces to `cols` columns, on the right (or the left if `right`)."""
    space = " " * max(cols - display_width(text), 0)
    return space + text if right else text + space


def aligned_table(header: Sequence[str], rows: Sequence[Sequence[str]],
                  right: Collection[int] = ()) -> str:
    """A plain text table: the header, a rule of dashes, then the rows, columns aligned."""
    widths = [max(display_width(cell) for cell in column)
              for column in zip(header, *rows, strict=True)]
    lines = []
    for cells in (header, ["-" * w for w in widths], *rows):
        lines.append("  ".join(pad(cell, w, i in right)
                               for i, (cell, w) in enumerate(zip(cells, widths, strict=True))).rstrip())
    return "\n".join(lines)
