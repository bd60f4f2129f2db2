"""Numbers that must stay on one line in their table cell: the size each writer sets them at.

Counts of five digits and more are real (city offices), and 11 mm columns hold only four at
五号: wrapped, "12345" would read "1234 / 5". The layout marks such cells (`TableCell.fit`);
each writer measures with the digits of the fonts it draws with.
"""

from __future__ import annotations

from collections.abc import Callable

from govreport.layout.style import CELL_PADDING_MM, MM_PER_PT, TABLE_PT

MIN_NUMBER_PT = 3.0  # a number shrinks to fit its cell down to this size, then wraps


def fit_size(text: str, cell_width_mm: float, em: Callable[[str], float]) -> float | None:
    """The size at which `text` fits the cell on one line, or None when 五号 fits; `em` gives
    a character's advance in em."""
    width = sum(em(ch) for ch in text)
    inner_pt = (cell_width_mm - 2 * CELL_PADDING_MM) / MM_PER_PT
    if width * TABLE_PT <= inner_pt:
        return None
    return max(MIN_NUMBER_PT, int(inner_pt / width * 2) / 2)
