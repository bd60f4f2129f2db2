"""Where a table may continue on the next page: the keep decisions every writer follows.

Tables split between rows, never inside one, and their header rows repeat; what must stay
together is decided here, once, from the grid's structure, so that the DOCX (as Word and
LibreOffice paginate it) and the PDF break a table at the same rows:

- the header rows with the first `FIRST_ROWS` body rows (a heading before the table keeps with
  them: never a heading or a bare header at the foot of a page);
- a caption row with its block (a 第二十条 block of table 2), and a small group label
  (（三）不予公开, 8 rows) with its rows, so a continuation never starts under an empty label;
- a long group label (三、本年度办理结果, 22 rows) with as many of its rows as its text needs;
- the last two rows (no widow row under a repeated header).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

from govreport.layout.document import Table, TableCell
from govreport.layout.style import (
    CELL_PADDING_MM,
    MM_PER_PT,
    TABLE_LINE_PT,
    TABLE_PT,
    text_width,
)

FIRST_ROWS = 3
"""Body rows kept with the header rows (and so with the heading before the table)."""

WHOLE_SPAN = 8
"""A block or group of at most this many rows is never split."""

RULE_PT = 0.5


def keep_with_next(n_rows: int, header_rows: int, cells: Sequence[TableCell],
                   widths_mm: tuple[float, ...]) -> tuple[bool, ...]:
    """For each row, whether it must be on the same page as the next row."""
    keep = [False] * n_rows

    def together(first: int, last: int) -> None:  # rows first..last on one page
        for r in range(max(first, 0), min(last, n_rows - 1)):
            keep[r] = True

    body = n_rows - header_rows
    if body <= WHOLE_SPAN:
        together(0, n_rows - 1)
        return tuple(keep)
    together(0, header_rows + FIRST_ROWS - 1)
    together(n_rows - 2, n_rows - 1)
    heights = row_heights(n_rows, cells, widths_mm)
    captions = sorted(c.row for c in cells if c.role == "caption" and c.row >= header_rows)
    for start, end in itertools.pairwise([*captions, n_rows]):
        together(start, end - 1 if end - start <= WHOLE_SPAN else start + FIRST_ROWS)
    for c in cells:
        if c.rowspan <= 1 or c.row < header_rows:
            continue
        last = c.row + c.rowspan - 1
        if c.rowspan <= WHOLE_SPAN:
            together(c.row, last)
            continue
        needed, covered, r = text_height(c, widths_mm), 0.0, c.row
        while r < last and covered + heights[r] < needed:
            covered += heights[r]
            r += 1
        together(c.row, r)
    return tuple(keep)


def text_height(cell: TableCell, widths_mm: tuple[float, ...]) -> float:
    """The height a cell's text needs in points, measuring a CJK character as one 五号 em
    and a digit as half of one (the layout's 字 arithmetic; fonts vary by a few percent)."""
    inner_pt = (sum(widths_mm[cell.col:cell.col + cell.colspan]) - 2 * CELL_PADDING_MM) / MM_PER_PT
    per_line = max(math.floor(inner_pt / TABLE_PT), 1)  # whole characters per line
    lines = max(1, math.ceil(text_width(cell.text) / per_line - 1e-9)) if cell.text else 1
    return lines * TABLE_LINE_PT + RULE_PT


def row_heights(n_rows: int, cells: Sequence[TableCell], widths_mm: tuple[float, ...]) -> list[float]:
    """Each row's estimated height: its tallest one-row cell."""
    heights = [TABLE_LINE_PT + RULE_PT] * n_rows
    for c in cells:
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], text_height(c, widths_mm))
    return heights


def may_split_before(table: Table, row: int) -> bool:
    """Whether a page may end after row `row - 1`: past the header, not inside a keep."""
    return table.header_rows < row < table.n_rows and not table.keep_with_next[row - 1]


def split_table(table: Table, row: int) -> tuple[Table, Table]:
    """The rows before `row`, and the header rows followed by the rest: the parts of a table
    on two pages. A cell spanning the split keeps its text in the first part (as Word and
    LibreOffice print a merged cell that crosses a page) and is an empty cell in the second."""
    head = table.header_rows
    first: list[TableCell] = []
    rest: list[TableCell] = []
    for c in table.cells:
        end = c.row + c.rowspan
        if c.row < head:
            first.append(c)
            rest.append(c)
        elif end <= row:
            first.append(c)
        elif c.row >= row:
            rest.append(replace(c, row=c.row - row + head))
        else:  # crosses the split
            first.append(replace(c, rowspan=row - c.row))
            rest.append(replace(c, row=head, rowspan=end - row, text="", source=None,
                                size_pt=None))
    keeps = table.keep_with_next
    return (replace(table, n_rows=row, cells=first, keep_with_next=keeps[:row]),
            replace(table, n_rows=table.n_rows - row + head, cells=rest,
                    keep_with_next=keeps[:head] + keeps[row:]))
