"""How tall a table's rows are when set at 五号: for outputs that must size rows themselves
(Excel does not fit a row to a merged cell's text) or decide whether a table fits a page (a
printed web page). An estimate from widths in 字 — the DOCX and PDF measure their fonts."""

from __future__ import annotations

import math

from govreport.layout.document import Table
from govreport.layout.style import CELL_PADDING_MM, MM_PER_PT, TABLE_LINE_PT, TABLE_PT, text_width

CELL_PADDING_PT = 3.0  # above and below a cell's lines


def text_lines(text: str, width_mm: float) -> int:
    """Lines a cell's text takes at 五号 in a cell `width_mm` wide (CJK characters 1 字)."""
    if not text:
        return 1
    per_line = max((width_mm - 2 * CELL_PADDING_MM) / (TABLE_PT * MM_PER_PT), 1.0)
    return max(1, math.ceil(text_width(text) / per_line - 1e-9))


def row_heights(table: Table, padding_pt: float = CELL_PADDING_PT) -> list[float]:
    """Each row's height in pt, with `padding_pt` above and below its lines: tall enough for
    the wrapped text of every cell in it; a merged cell's lines are shared by the rows it
    spans. Numbers (`fit`) take one line."""
    heights = [TABLE_LINE_PT + 2 * padding_pt] * table.n_rows
    for c in sorted(table.cells, key=lambda c: c.rowspan):
        if c.fit:
            continue
        width = sum(table.widths_mm[c.col:c.col + c.colspan])
        needed = text_lines(c.text, width) * TABLE_LINE_PT + 2 * padding_pt
        rows = range(c.row, c.row + c.rowspan)
        have = sum(heights[r] for r in rows)
        if needed > have:
            extra = (needed - have) / c.rowspan
            for r in rows:
                heights[r] += extra
    return [round(h, 2) for h in heights]
