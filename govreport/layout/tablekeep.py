"""Where a table may continue on the next page: the keep decisions every writer follows.

Tables split between rows, never inside one, and their header rows repeat; what must stay
together is decided here, once, from the grid's structure, so that the DOCX (as Word and
LibreOffice paginate it) and the PDF break a table at the same rows:

- the header rows with the first `FIRST_ROWS` body rows (a heading before the table keeps with
  them: never a heading or a bare header at the foot of a page);
- a caption row with its block (a 第二十条 block of table 2), and a small group label
  (（三）不予公开, 8 rows) with its rows, so a continuation never starts under an empty label;
- the last two rows (no widow row under a repeated header).

A long group (三、本年度办理结果, 22 rows) may break anywhere between its blocks; its label's
text then runs on into the part on the next page, as Word and LibreOffice print a merged cell
that crosses a page (`split_table`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from govreport.layout.document import Table, TableCell

FIRST_ROWS = 3
"""Body rows kept with the header rows (and so with the heading before the table)."""

WHOLE_SPAN = 8
"""A block or group of at most this many rows is never split."""

def keep_with_next(n_rows: int, header_rows: int, cells: Sequence[TableCell]
                   ) -> tuple[bool, ...]:
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
    captions = sorted(c.row for c in cells if c.role == "caption" and c.row >= header_rows)
    for start, end in itertools.pairwise([*captions, n_rows]):
        together(start, end - 1 if end - start <= WHOLE_SPAN else start + FIRST_ROWS)
    for c in cells:
        if 1 < c.rowspan <= WHOLE_SPAN and c.row >= header_rows:
            together(c.row, c.row + c.rowspan - 1)
    return tuple(keep)


def may_split_before(table: Table, row: int) -> bool:
    """Whether a page may end after row `row - 1`: past the header, not inside a keep."""
    return table.header_rows < row < table.n_rows and not table.keep_with_next[row - 1]


def split_table(table: Table, row: int, cuts: Mapping[tuple[int, int], int] | None = None
                ) -> tuple[Table, Table]:
    """The rows before `row`, and the header rows followed by the rest: the parts of a table
    on two pages. A cell spanning the split keeps in the first part the text that fits there:
    `cuts` maps its (row, col) to that many characters (all of them when absent), and the
    rest runs on in the second part, as Word and LibreOffice print a merged cell across a
    page."""
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
            cut = (cuts or {}).get((c.row, c.col), len(c.text))
            first.append(replace(c, rowspan=row - c.row, text=c.text[:cut]))
            rest.append(replace(c, row=head, rowspan=end - row, text=c.text[cut:]))
    keeps = table.keep_with_next
    return (replace(table, n_rows=row, cells=first, keep_with_next=keeps[:row]),
            replace(table, n_rows=table.n_rows - row + head, cells=rest,
                    keep_with_next=keeps[:head] + keeps[row:]))
