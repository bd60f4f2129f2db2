"""One layout table as one worksheet: the grid cell for cell, totals as live formulas.

Rows 1–2 name the table and the report; the grid follows at `placement.GRID_TOP` with the
layout's merges, labels, roles (fonts by their official names: 黑体 headers, 仿宋_GB2312
cells), 0.5 pt borders and column widths in millimetres. Numbers are numbers (`numbers`); a
computed cell (总计) is `=SUM(…)` of the cells the layout says it adds up, with the computed
value cached so that a reader without recalculation shows it too. A table's balances (table
3's 一 + 二 = （七）总计 + 四) become a check row under the grid: a formula per column that says
相符 or 不符, red when 不符. Printing: A4 portrait with the document's margins, one page wide,
the header rows repeated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from govreport.fonts.families import OFFICIAL_FAMILY
from govreport.layout.document import Document, Table, TableCell
from govreport.layout.style import MM_PER_PT, TABLE_LINE_PT, TABLE_PT, CellStyle, text_width
from govreport.writers.rows import CELL_PADDING_PT, row_heights, text_lines
from govreport.writers.xlsx.numbers import spreadsheet_value
from govreport.writers.xlsx.placement import GRID_TOP, cell_name

SHEET_TITLE_PT = 14.0  # 四号
NOTE_FONT = OFFICIAL_FAMILY["page_number"]  # 宋体: the sheet's own lines, as Chinese Excel sets them
PX_PER_MM = 96 / 25.4
MM_PER_INCH = 25.4
BALANCED, UNBALANCED = "相符", "不符"


class Formats:
    """xlsxwriter formats, made once per distinct look (a workbook holds each only once)."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self._made: dict[tuple, object] = {}

    def get(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self.workbook.add_format(props)
        return self._made[key]

    def cell(self, style: CellStyle, num_format: str | None = None, shrink: bool = False):
        props = dict(font_name=OFFICIAL_FAMILY[style.font], font_size=TABLE_PT, border=1,
                     align=style.align, valign="vcenter")
        props["shrink" if shrink else "text_wrap"] = True
        if num_format:
            props["num_format"] = num_format
        return self.get(**props)


def _refs(cells: list[tuple[int, int]]) -> str:
    """Cell references for a formula, consecutive cells of a row or column as one range."""
    runs: list[list[tuple[int, int]]] = []
    for rc in cells:
        if runs:
            run = runs[-1]
            last = run[-1]
            step = (rc[0] - last[0], rc[1] - last[1])
            if step in ((1, 0), (0, 1)) and (len(run) == 1 or step == (run[1][0] - run[0][0],
                                                                       run[1][1] - run[0][1])):
                run.append(rc)
                continue
        runs.append([rc])
    return ",".join(cell_name(*run[0]) if len(run) == 1
                    else f"{cell_name(*run[0])}:{cell_name(*run[-1])}" for run in runs)


class TableSheet:
    def __init__(self, workbook, formats: Formats, document: Document, table: Table,
                 name: str) -> None:
        self.ws = workbook.add_worksheet(name)
        self.formats = formats
        self.document = document
        self.table = table
        self.at = {c.path: (GRID_TOP + c.row, c.col) for c in table.cells if c.path}
        self.numbers = {c.path: c.number for c in table.cells if c.path}

    def write(self) -> None:
        t = self.table
        for col, width in enumerate(t.widths_mm):
            self.ws.set_column_pixels(col, col, round(width * PX_PER_MM))
        self._titles()
        for r, height in enumerate(row_heights(t)):
            self.ws.set_row(GRID_TOP + r, height)
        for c in t.cells:
            self._cell(c)
        last_row = GRID_TOP + t.n_rows - 1
        if t.balances:
            last_row = self._balance_row(GRID_TOP + t.n_rows)
        self._print_setup(last_row)

    def _titles(self) -> None:
        last = self.table.n_cols - 1
        title_style = self.document.cell_styles["header"]
        title = self.formats.get(font_name=OFFICIAL_FAMILY[title_style.font],
                                 font_size=SHEET_TITLE_PT, align="center", valign="vcenter",
                                 text_wrap=True)
        report = self.formats.get(font_name=NOTE_FONT, font_size=TABLE_PT, align="center",
                                  valign="vcenter", text_wrap=True)
        for row, text, fmt, size in ((0, self.table.title, title, SHEET_TITLE_PT),
                                     (1, self.document.meta.title, report, TABLE_PT)):
            width = sum(self.table.widths_mm)
            lines = max(1, math.ceil(text_width(text) * size * MM_PER_PT / width - 1e-9))
            self.ws.set_row(row, lines * size * 1.35 + 2 * CELL_PADDING_PT)
            self.ws.merge_range(row, 0, row, last, "", fmt)
            self.ws.write_string(row, 0, text, fmt)

    def _cell(self, c: TableCell) -> None:
        style = self.document.cell_styles[c.role]
        row, col = GRID_TOP + c.row, c.col
        if c.path is not None:
            value, num_format = spreadsheet_value(c)
            fmt = self.formats.cell(style, num_format, shrink=c.fit)
        else:
            value, fmt = c.text, self.formats.cell(style)
        if c.rowspan > 1 or c.colspan > 1:
            self.ws.merge_range(row, col, row + c.rowspan - 1, col + c.colspan - 1, "", fmt)
        if c.sums and isinstance(value, (int, float)):
            formula = f"=SUM({_refs([self.at[p] for p in c.sums])})"
            self.ws.write_formula(row, col, formula, fmt, value)
        elif isinstance(value, (int, float)):
            self.ws.write_number(row, col, value, fmt)
        elif value:
            self.ws.write_string(row, col, value, fmt)
        else:
            self.ws.write_blank(row, col, None, fmt)

    def _balance_row(self, row: int) -> int:
        """The check row: the rule in words across the label columns, then per column a
        formula saying whether the column balances (red when it does not)."""
        balances = self.table.balances
        cols = [self.at[b.left[0]][1] for b in balances]
        label_style = self.document.cell_styles["label"]
        label = self.formats.get(font_name=NOTE_FONT, font_size=TABLE_PT, border=1,
                                 align=label_style.align, valign="vcenter", text_wrap=True)
        check = self.formats.get(font_name=NOTE_FONT, font_size=TABLE_PT, border=1,
                                 align="center", valign="vcenter", shrink=True)
        first = min(cols)
        text = balances[0].label
        # The words go in the label columns; a table with none gets them on a row of their own
        # under the formulas.
        words_row, span = (row, first) if first else (row + 1, self.table.n_cols)
        width = sum(self.table.widths_mm[:span])
        self.ws.set_row(words_row, text_lines(text, width) * TABLE_LINE_PT + 2 * CELL_PADDING_PT)
        if span > 1:
            self.ws.merge_range(words_row, 0, words_row, span - 1, "", label)
        self.ws.write_string(words_row, 0, text, label)
        for b, col in zip(balances, cols, strict=True):
            left = _refs([self.at[p] for p in b.left])
            right = _refs([self.at[p] for p in b.right])
            ok = sum(self.numbers[p] or 0 for p in b.left) == \
                sum(self.numbers[p] or 0 for p in b.right)
            self.ws.write_formula(row, col, f'=IF(SUM({left})=SUM({right}),"{BALANCED}",'
                                  f'"{UNBALANCED}")', check, BALANCED if ok else UNBALANCED)
        bad = self.formats.get(font_color="#C00000", bold=True, bg_color="#FFE0E0")
        self.ws.conditional_format(row, first, row, max(cols), {
            "type": "cell", "criteria": "==", "value": f'"{UNBALANCED}"', "format": bad})
        return words_row

    def _print_setup(self, last_row: int) -> None:
        ws, page, t = self.ws, self.document.page, self.table
        ws.set_paper(9)  # A4
        ws.set_portrait()
        ws.set_margins(left=page.left_mm / MM_PER_INCH, right=page.right_mm / MM_PER_INCH,
                       top=page.top_mm / MM_PER_INCH, bottom=page.bottom_mm / MM_PER_INCH)
        ws.center_horizontally()
        ws.fit_to_pages(1, 0)  # one page wide, as many pages down as it takes
        ws.print_area(0, 0, last_row, t.n_cols - 1)
        if t.header_rows:
            ws.repeat_rows(GRID_TOP, GRID_TOP + t.header_rows - 1)
            ws.freeze_panes(GRID_TOP + t.header_rows, 0)
        numbers = self.document.page_numbers
        ws.set_footer(f"&C{numbers.before}&P{numbers.after}")


def write_tables(workbook, document: Document, names: Mapping[int, str]) -> None:
    formats = Formats(workbook)
    for i, table in enumerate(document.tables()):
        TableSheet(workbook, formats, document, table, names[i]).write()
