"""A layout table as an HTML table: the same grid cell for cell, spans included.

Header rows go in `<thead>`; a row that is one caption cell across the whole table (table 2's
第二十条第（一）项, a legacy table's group row) opens a `<tbody>` of its own and heads it.
Header cells are `th` with the scope a screen reader needs to name a number's row and column;
numbers are `td` that never wrap (the DOCX shrinks them instead), `/` for 不适用.
"""

from __future__ import annotations

from html import escape

from govreport.layout.document import Table, TableCell
from govreport.layout.style import MM_PER_PT, TABLE_PT, Page
from govreport.writers.html.style import CELL_PADDING_EM, table_em
from govreport.writers.rows import row_heights

HEADER_ROLES = ("header",)
ROW_HEADER_ROLES = ("label", "group")


def _is_group_row(table: Table, row: int, cells: list[TableCell]) -> bool:
    """A row that is one caption across the table, which no cell above spans into (an HTML
    row group ends every rowspan)."""
    if not (len(cells) == 1 and cells[0].role == "caption" and cells[0].colspan == table.n_cols):
        return False
    return not any(c.row < row < c.row + c.rowspan for c in table.cells)


def _cell(table: Table, cell: TableCell, group_row: bool) -> str:
    attrs = []
    if cell.rowspan > 1:
        attrs.append(f' rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f' colspan="{cell.colspan}"')
    classes = [f"c-{cell.role}"]
    if cell.role == "caption" and group_row:
        tag, scope = "th", "rowgroup"
    elif cell.role in HEADER_ROLES or cell.role == "caption":
        tag, scope = "th", "colgroup" if cell.colspan > 1 else "col"
    elif cell.role in ROW_HEADER_ROLES:
        tag, scope = "th", "row"
    else:
        tag, scope = "td", None
        if cell.fit:
            classes.append("num")
    scope_attr = f' scope="{scope}"' if scope else ""
    return (f'<{tag}{scope_attr}{"".join(attrs)} class="{" ".join(classes)}">'
            f"{escape(cell.text)}</{tag}>")


def fits_a_page(table: Table, page: Page) -> bool:
    """Whether the table, printed at 五号, is shorter than the page's text block."""
    return sum(row_heights(table, CELL_PADDING_EM * TABLE_PT)) <= page.text_height_mm / MM_PER_PT


def table_html(table: Table, caption_id: str, page: Page) -> str:
    by_row: dict[int, list[TableCell]] = {}
    for c in table.cells:
        by_row.setdefault(c.row, []).append(c)
    total = sum(table.widths_mm)
    labelled = f' role="region" tabindex="0" aria-labelledby="{caption_id}"' if table.title else ""
    whole = ' class="whole"' if fits_a_page(table, page) else ""
    out = [f'<div class="table-box"{labelled}>',
           f'<table{whole} style="min-width: {round(table_em(total), 2):g}em">']
    if table.title:
        out.append(f'<caption id="{caption_id}">{escape(table.title)}</caption>')
    out.append("<colgroup>" + "".join(f'<col style="width: {round(w / total * 100, 3):g}%">'
                                      for w in table.widths_mm) + "</colgroup>")
    section, rows_in_section = None, 0
    for r in range(table.n_rows):
        cells = sorted(by_row.get(r, []), key=lambda c: c.col)
        group_row = r >= table.header_rows and _is_group_row(table, r, cells)
        wanted = "thead" if r < table.header_rows else "tbody"
        if section != wanted or (group_row and rows_in_section):
            if section is not None:
                out.append(f"</{section}>")
            out.append(f"<{wanted}>")
            section, rows_in_section = wanted, 0
        keep = ' class="keep"' if table.keep_with_next[r] else ""
        out.append(f"<tr{keep}>" + "".join(_cell(table, c, group_row) for c in cells) + "</tr>")
        rows_in_section += 1
    if section is not None:
        out.append(f"</{section}>")
    out += ["</table>", "</div>"]
    return "\n".join(out)

