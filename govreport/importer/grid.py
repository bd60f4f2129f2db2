"""The labels that say what a table cell holds: those to its left and those above it.

A number in a statistics table means what its row and column labels say, wherever the cell
sits: in the format's own grid (`templates/*.yaml`), in a Word table with split cells, in a
PDF table continued over two pages. The same walk over either grid gives each value cell
its row labels (left, nearest first) and its column labels (the band of header cells right
above it, nearest first), so cells of a published table are matched to the format's cells by
what they are called, never by their place in a stream of numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class GridItem(Protocol):
    row: int
    col: int
    rowspan: int
    colspan: int


@dataclass(frozen=True)
class Context:
    """The labels of one value cell: indices of label cells, nearest first."""

    row: tuple[int, ...]
    col: tuple[int, ...]


def contexts(cells: Sequence[GridItem], is_value: Sequence[bool]) -> dict[int, Context]:
    """For every value cell (by index): its row labels and its column labels.

    Row labels are the label cells to its left on its rows. Column labels are found walking
    up its columns: rows of value cells (the rows of numbers above it in its block) are
    passed, then the first band of header cells is taken, up to the next value cell; so a
    cell of table 2's 第二十条第（六）项 block is labelled by that block's header, not the
    blocks above it.
    """
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    at: list[list[int | None]] = [[None] * n_cols for _ in range(n_rows)]
    for i, c in enumerate(cells):
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if at[r][k] is None:
                    at[r][k] = i
    out: dict[int, Context] = {}
    for i, c in enumerate(cells):
        if not is_value[i]:
            continue
        rows: list[int] = []
        for k in range(c.col - 1, -1, -1):
            for r in range(c.row, c.row + c.rowspan):
                j = at[r][k]
                if j is not None and j != i and not is_value[j] and j not in rows:
                    rows.append(j)
        cols: list[int] = []
        started = False
        for r in range(c.row - 1, -1, -1):
            band = [at[r][k] for k in range(c.col, c.col + c.colspan)]
            labels = [j for j in band if j is not None and j != i and not is_value[j]]
            if labels:
                started = True
                cols.extend(j for j in dict.fromkeys(labels) if j not in cols)
            elif started and any(j is not None and j not in cols for j in band):
                break
        out[i] = Context(tuple(rows), tuple(cols))
    return out
