"""Layout tables as reportlab Tables that split where the layout allows, like the DOCX.

reportlab refuses to split a table inside a row span, and table 3's 三、本年度办理结果 spans
22 rows: such a table could only move whole to the next page, leaving the page before it a
third empty. `GridTable` splits itself instead, at the last row the layout allows
(`layout.tablekeep`), into two tables made from the two parts of the layout table; the
second starts with the header rows again.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from govreport.layout.document import Table as LayoutTable
from govreport.layout.style import (
    CELL_PADDING_MM,
    CELL_STYLES,
    TABLE_LINE_PT,
    TABLE_PT,
    CellStyle,
)
from govreport.layout.tablekeep import may_split_before, split_table
from govreport.writers.fit import fit_size
from govreport.writers.pdf.fontset import FontSpecs, as_pdf_fonts
from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.linebreak import Align
from govreport.writers.pdf.styles import MM, TEXT_HEIGHT, GridStyle

CELL_PADDING_PT = CELL_PADDING_MM * MM
RULE_PT = 0.5
# The DOCX's cells have no top/bottom margin and one exact 13.5 pt line; LibreOffice adds the
# 0.5 pt rule, so its rows are 14.0 pt apart (measured). reportlab draws rules on the cell
# edge, so half a rule above and below the line gives the same row pitch and both formats
# break a long table at the same rows (with 1 pt padding the PDF's rows were 15.5 pt).
ROW_PADDING_PT = RULE_PT / 2
# Word and LibreOffice set a table's top rule 0.77 pt below where the text before it ends and
# its bottom rule below its last row (measured in LibreOffice: a table part that left it 1.25
# pt moved on, one that left 2.1 pt stayed). The PDF gives its tables the same room, so both
# formats end a page at the same row.
EDGE_ABOVE_PT, EDGE_BELOW_PT = 0.8, 0.5
_FUZZ = 1e-6


class GridTable(Table):
    """A layout table set by reportlab, split between rows by the layout's keeps."""

    def __init__(self, layout: LayoutTable, font_names: Mapping[str, str],
                 cell_styles: Mapping[str, CellStyle] = CELL_STYLES) -> None:
        self.layout = layout
        self.font_names = font_names
        self.cell_styles = cell_styles
        data: list[list[object]] = [["" for _ in range(layout.n_cols)]
                                    for _ in range(layout.n_rows)]
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), font_names["table"]),  # no implicit Helvetica
            ("GRID", (0, 0), (-1, -1), RULE_PT, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
            ("TOPPADDING", (0, 0), (-1, -1), ROW_PADDING_PT),
            ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PADDING_PT),
        ]
        fonts = as_pdf_fonts(font_names)
        self._paragraphs: dict[tuple[int, int], GridParagraph] = {}
        for c in layout.cells:
            if c.text:  # in the role's chain fonts
                style = cell_styles[c.role]
                size = _fit(c.text, layout.widths_mm[c.col:c.col + c.colspan], fonts[style.font]) \
                    if c.fit else None
                runs = fonts.runs(c.text, style.font)
                paragraph = GridParagraph(runs, cell_style(style, fonts, size))
                data[c.row][c.col] = self._paragraphs[(c.row, c.col)] = paragraph
            if c.rowspan > 1 or c.colspan > 1:
                commands.append(("SPAN", (c.col, c.row),
                                 (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
        super().__init__(data, colWidths=[w * MM for w in layout.widths_mm], repeatRows=0,
                         style=TableStyle(commands), hAlign="CENTER")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = super().wrap(availWidth, availHeight)
        return width, height + EDGE_ABOVE_PT + EDGE_BELOW_PT

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y + EDGE_BELOW_PT, _sW)

    def first_part_height(self, availWidth: float) -> float:
        """The height of the rows that must open the table on a page (up to the first row
        after which the layout lets the table continue on the next page), and its edges."""
        self._calc(availWidth, TEXT_HEIGHT)
        heights = self._rowHeights
        row = next((r for r in range(1, len(heights)) if may_split_before(self.layout, r)),
                   len(heights))
        return sum(heights[:row]) + EDGE_ABOVE_PT + EDGE_BELOW_PT

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """[first part, rest] at the last allowed row that fits; [] to move to the next page.

        Only a run of kept rows taller than a whole page is cut inside the run (between any
        two rows past the header): there is no page it would fit on.
        """
        first_height = self.first_part_height(availWidth)
        heights = self._rowHeights
        row = self._last_fit(heights, availHeight, respect_keeps=True)
        if row is None and first_height > TEXT_HEIGHT + _FUZZ:
            row = self._last_fit(heights, availHeight, respect_keeps=False)
        if row is None:
            return []
        first, rest = split_table(self.layout, row, self._cuts(row, heights, availWidth))
        return [GridTable(first, self.font_names, self.cell_styles),
                GridTable(rest, self.font_names, self.cell_styles)]

    def _cuts(self, row: int, heights: list[float], availWidth: float
              ) -> dict[tuple[int, int], int]:
        """For each cell spanning the split: how many of its characters fit in its rows above
        the split, whole lines; the rest runs on below it."""
        cuts = {}
        for c in self.layout.cells:
            if not (c.row < row < c.row + c.rowspan) or not c.text:
                continue
            paragraph = self._paragraphs[(c.row, c.col)]
            inner = sum(self._colWidths[c.col:c.col + c.colspan]) - 2 * CELL_PADDING_PT
            paragraph.wrap(inner, TEXT_HEIGHT)
            room = sum(heights[c.row:row]) - 2 * ROW_PADDING_PT
            fit = min(len(paragraph.lines), int((room + _FUZZ) // TABLE_LINE_PT))
            cuts[(c.row, c.col)] = (paragraph.lines[fit].start if fit < len(paragraph.lines)
                                    else len(c.text))
        return cuts

    def _last_fit(self, heights: list[float], availHeight: float,
                  respect_keeps: bool) -> int | None:
        found, used = None, EDGE_ABOVE_PT + EDGE_BELOW_PT
        for row in range(1, len(heights)):
            used += heights[row - 1]
            if used > availHeight + _FUZZ:
                break
            allowed = (may_split_before(self.layout, row) if respect_keeps
                       else self.layout.header_rows < row)
            if allowed:
                found = row
        return found


def cell_style(c: CellStyle, font_names: Mapping[str, str], size: float | None = None
               ) -> GridStyle:
    return GridStyle(FontSpecs(font_names, size or TABLE_PT), default=c.font, cell=None,
                     leading=TABLE_LINE_PT, align=Align(c.align))


def _fit(text: str, widths_mm: tuple[float, ...], font: str) -> float | None:
    """The size at which a number fits its cell in this font (None: 五号 fits)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return fit_size(text, sum(widths_mm), lambda ch: stringWidth(ch, font, 1.0))
