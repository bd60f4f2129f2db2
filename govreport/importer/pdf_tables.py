"""Tables of a text PDF: the grid rebuilt from the rules, parts on two pages joined again.

pdfplumber finds the cells a table's rules enclose. Their edges, snapped together, are the
grid: a cell that covers several columns or rows of it is a merged cell. A table continued
on the next page repeats its header rows; those are dropped and the rows follow on, and a
merged label cut by the page (the vertical 三、本年度办理结果, its first characters at the
foot of one page and the rest at the top of the next) is put together again. Numbers printed
as one line across cells without rules between them (table 4's 15 numbers) are given to the
columns above them by where they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from govreport.importer.pdf_text import WORD_SPACE_EM, Glyph, joined_lines, lines_of
from govreport.importer.source import SourceCell, SourceTable
from govreport.importer.text import is_numeric_text

SNAP_PT = 2.0
"""Rules closer than this are one rule (a 0.5 pt rule drawn as a rectangle has two edges)."""


@dataclass
class PdfCell:
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return joined_lines(lines_of(self.glyphs, self.page))


@dataclass
class PdfTable:
    cells: list[PdfCell]
    page: int  # where it starts

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.cells)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.cells)

    @property
    def top(self) -> float:
        return min(c.top for c in self.cells)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.cells)

    def rows(self) -> list[list[PdfCell]]:
        """Cells by the top edge they start at, top to bottom."""
        by_top: dict[float, list[PdfCell]] = {}
        for c in self.cells:
            key = next((t for t in by_top if abs(t - c.top) < SNAP_PT), c.top)
            by_top.setdefault(key, []).append(c)
        return [sorted(by_top[t], key=lambda c: c.x0) for t in sorted(by_top)]


def page_tables(page, glyphs: list[Glyph], number: int) -> tuple[list[PdfTable], list[Glyph]]:
    """The ruled tables of a page, and the glyphs outside them."""
    found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines",
                              "snap_tolerance": SNAP_PT, "intersection_tolerance": SNAP_PT})
    tables = []
    for t in found:
        cells = [PdfCell(x0, top, x1, bottom, number) for x0, top, x1, bottom in t.cells]
        if len(cells) >= 2:
            tables.append(PdfTable(cells, number))
    outside = []
    for g in glyphs:
        cell = _cell_at(tables, g.cx, g.cy)
        if cell is None:
            if not any(t.x0 <= g.cx <= t.x1 and t.top <= g.cy <= t.bottom for t in tables):
                outside.append(g)
        else:
            cell.glyphs.append(g)
    return tables, outside


def _cell_at(tables: list[PdfTable], x: float, y: float) -> PdfCell | None:
    for t in tables:
        if not (t.x0 <= x <= t.x1 and t.top <= y <= t.bottom):
            continue
        best = None
        for c in t.cells:
            if c.x0 <= x <= c.x1 and c.top <= y <= c.bottom and (
                    best is None or (c.x1 - c.x0) * (c.bottom - c.top)
                    < (best.x1 - best.x0) * (best.bottom - best.top)):
                best = c
        if best is not None:
            return best
    return None


def continues(first: PdfTable, second: PdfTable) -> bool:
    """Whether `second` (at the top of the next page) goes on with `first`: same width, same
    place, and columns that line up."""
    if abs(first.x0 - second.x0) > SNAP_PT * 2 or abs(first.x1 - second.x1) > SNAP_PT * 2:
        return False
    edges = _edges([c for c in first.cells for c in (c.x0, c.x1)])
    other = _edges([c for c in second.cells for c in (c.x0, c.x1)])
    shared = sum(1 for x in other if any(abs(x - y) <= SNAP_PT for y in edges))
    return shared >= min(len(other), len(edges)) * 0.6


def merge(first: PdfTable, second: PdfTable) -> PdfTable:
    """`second` appended to `first`: its repeated header rows dropped, a label cut by the page
    joined to its first part."""
    rows1, rows2 = first.rows(), second.rows()
    repeated = 0
    while repeated < min(len(rows1), len(rows2)) - 1 and _same_row(rows1[repeated],
                                                                    rows2[repeated]):
        repeated += 1
    if repeated:  # a header cell spanning into the body (rare) keeps its place
        body_top = rows2[repeated][0].top
        kept = [c for c in second.cells if c.top >= body_top - SNAP_PT]
    else:
        body_top = second.top
        kept = list(second.cells)
    shift = first.bottom - body_top
    moved = [PdfCell(c.x0, c.top + shift, c.x1, c.bottom + shift, c.page,
                     [replace(g, top=g.top + shift, bottom=g.bottom + shift) for g in c.glyphs])
             for c in kept]
    cells = list(first.cells)
    boundary = first.bottom
    joined: set[int] = set()
    for lower in moved:
        if abs(lower.top - boundary) > SNAP_PT:
            continue
        upper = next((c for c in first.cells if abs(c.bottom - boundary) <= SNAP_PT
                      and abs(c.x0 - lower.x0) <= SNAP_PT and abs(c.x1 - lower.x1) <= SNAP_PT),
                     None)
        if upper is not None and _is_group(upper, first.cells) and _is_group(lower, moved) \
                and (_rows_beside(upper, first.cells) > 1 or _rows_beside(lower, moved) > 1):
            upper.bottom = lower.bottom
            upper.glyphs = upper.glyphs + lower.glyphs
            joined.add(id(lower))
    cells += [c for c in moved if id(c) not in joined]
    return PdfTable(cells, first.page)


def _same_row(a: list[PdfCell], b: list[PdfCell]) -> bool:
    return len(a) == len(b) and all(x.text == y.text and abs(x.x0 - y.x0) <= SNAP_PT
                                    for x, y in zip(a, b, strict=True))


def _rows_beside(cell: PdfCell, cells: list[PdfCell]) -> int:
    """How many rows of cells stand right of `cell` on its height: a label merged over
    several rows groups them."""
    tops = {round(c.top) for c in cells if c.x0 >= cell.x1 - SNAP_PT
            and c.top >= cell.top - SNAP_PT and c.bottom <= cell.bottom + SNAP_PT}
    return len(tops)


def _is_group(cell: PdfCell, cells: list[PdfCell]) -> bool:
    """A label that groups the rows beside it: labels stand to its right on its rows."""
    text = cell.text
    if not text or is_numeric_text(text):
        return False
    return any(c is not cell and c.x0 >= cell.x1 - SNAP_PT and c.top < cell.bottom - SNAP_PT
               and c.bottom > cell.top + SNAP_PT and c.text and not is_numeric_text(c.text)
               for c in cells)


def add_numbers_line(table: PdfTable, glyphs: list[Glyph], page: int) -> None:
    """A line of numbers printed under a table without rules of its own becomes a row that
    spans the table; its numbers go to the columns above them (see `to_source`)."""
    bottom = max(g.bottom for g in glyphs)
    table.cells.append(PdfCell(table.x0, table.bottom, table.x1, bottom + 1, page, list(glyphs)))


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP_PT:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def to_source(table: PdfTable, where: str) -> SourceTable:
    """The table on its grid of rules, as the format matcher reads tables."""
    xs = _edges([v for c in table.cells for v in (c.x0, c.x1)])
    ys = _edges([v for c in table.cells for v in (c.top, c.bottom)])
    cells: list[SourceCell] = []
    for c in table.cells:
        col, end_col = _index(xs, c.x0), _index(xs, c.x1)
        row, end_row = _index(ys, c.top), _index(ys, c.bottom)
        if end_col <= col or end_row <= row:
            continue
        pieces = _split_numbers(c, xs[col:end_col + 1]) if end_col - col > 1 else None
        if pieces is not None:
            for k, text in enumerate(pieces):
                cells.append(SourceCell(row, col + k, end_row - row, 1, text,
                                        _cell_where(c.page, where, row, col + k)))
            continue
        cells.append(SourceCell(row, col, end_row - row, end_col - col, c.text,
                                _cell_where(c.page, where, row, col)))
    return SourceTable(cells, where)


def _cell_where(page: int, where: str, row: int, col: int) -> str:
    return f"第{page}页，{where}第{row + 1}行第{col + 1}列"


def _split_numbers(cell: PdfCell, edges: list[float]) -> list[str] | None:
    """The numbers of a cell that spans several columns, one per column by position — when
    it holds several numbers apart from each other, each inside one column (table 4 printed
    as one line of numbers). One number centred over two columns is one number."""
    tokens: list[list[Glyph]] = []
    for g in sorted((g for g in cell.glyphs if not g.text.isspace()), key=lambda g: g.x0):
        if tokens and g.x0 - tokens[-1][-1].x1 <= WORD_SPACE_EM * max(g.size, 1.0) \
                and abs(g.cy - tokens[-1][-1].cy) < g.size / 2:
            tokens[-1].append(g)
        else:
            tokens.append([g])
    if len(tokens) < 2:
        return None
    columns: list[str] = [""] * (len(edges) - 1)
    for token in tokens:
        cx = (token[0].x0 + token[-1].x1) / 2
        k = next((i for i in range(len(edges) - 1) if edges[i] <= cx < edges[i + 1]), None)
        text = "".join(g.text for g in token)
        if k is None or columns[k] or not is_numeric_text(text):
            return None
        columns[k] = text
    return columns
