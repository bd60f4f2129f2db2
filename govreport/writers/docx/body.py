"""Translating layout blocks into WordprocessingML: paragraphs, tables, sign-off, page setup."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph

from govreport.layout.document import (
    Blank,
    Document,
    PageBreak,
    Paragraph,
    Run,
    Signoff,
    Table,
    TableCell,
)
from govreport.layout.style import (
    FULL_WIDTH_AMBIGUOUS,
    LINE_PITCH_PT,
    CellStyle,
    PageNumbers,
    ParagraphStyle,
)
from govreport.writers.docx import parts
from govreport.writers.fit import fit_size

FOOTER_DISTANCE_MM = 25.5  # puts the page number's 一字线 7 mm under the 版心 (typography §2.5)
BORDER_EIGHTHS = 4  # 0.5 pt


def add_blocks(doc: DocxDocument, document: Document) -> None:
    """The body's paragraphs and tables, before its section properties.

    Written as WordprocessingML text and parsed once: python-docx's per-element calls (a style
    looked up by name for every paragraph, ~4,000 elements for a city report) took 50 ms of
    every build; the XML is the same.
    """
    xml = "".join(_blocks(document))
    body = doc.element.body
    fragment = parse_xml(f'<w:body {nsdecls("w")}>{xml}</w:body>')
    sect_pr = body.find(qn("w:sectPr"))
    for element in list(fragment):
        sect_pr.addprevious(element)


def _blocks(document: Document) -> Iterator[str]:
    styles = document.paragraph_styles
    page_break = False
    for block in document.blocks:
        if isinstance(block, PageBreak):
            page_break = True
            continue
        if isinstance(block, Paragraph):
            yield _paragraph(block.style, block.runs, styles[block.style].font,
                             keep=block.keep_with_next, page_break=page_break)
        elif isinstance(block, Blank):
            for i in range(block.lines):
                last = i == block.lines - 1
                # A taller blank line brings the next one onto the grid; it is off the grid,
                # or LibreOffice sets it one grid pitch tall whatever its exact spacing
                # (measured: the first body line 16.7 pt too high under a 2-line title).
                extra = (f'<w:snapToGrid w:val="0"/><w:spacing w:line='
                         f'"{parts.twips(LINE_PITCH_PT + block.extra_pt)}" w:lineRule="exact"/>'
                         if last and block.extra_pt else "")
                yield _paragraph("body", [], "body", keep=block.keep_with_next,
                                 page_break=page_break and i == 0, extra=extra)
        elif isinstance(block, Table):
            yield _table(block, document.cell_styles)
            continue  # a page break waits for the next paragraph
        else:
            yield _signoff(styles, block, page_break)
        page_break = False


def _paragraph(style_key: str, runs: list[Run], paragraph_font: str, *, keep: bool = False,
               page_break: bool = False, extra: str = "") -> str:
    """A paragraph in a layout style; `extra` holds its properties after pageBreakBefore in
    schema order (snapToGrid, spacing, ind)."""
    ppr = (f'<w:pStyle w:val="{parts.style_id(style_key)}"/>'
           + ("<w:keepNext/>" if keep else "") + ("<w:pageBreakBefore/>" if page_break else "")
           + extra)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(_runs(runs, paragraph_font))}</w:p>"


def _runs(runs: list[Run], paragraph_font: str) -> Iterator[str]:
    for run in runs:
        if not run.text:
            continue
        rpr = ""
        if run.font != paragraph_font:
            rpr += f'<w:rStyle w:val="{parts.char_style_id(run.font)}"/>'
        if _needs_east_asia_hint(run.text):
            rpr += '<w:rFonts w:hint="eastAsia"/>'
        yield f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{_t(run.text)}</w:r>"


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def _needs_east_asia_hint(text: str) -> bool:
    """Word gives full-width ambiguous punctuation to the Latin (hAnsi) font unless the run
    says otherwise (MS-OI29500 2.1.88): Chinese quotes and dashes half-width in Times New Roman."""
    return not FULL_WIDTH_AMBIGUOUS.isdisjoint(text)


def _right_indent(chars: float) -> str:
    return (f'<w:ind w:rightChars="{round(chars * 100)}" w:right="{round(chars * parts.CHAR_TWIPS)}"'
            ' w:firstLineChars="0" w:firstLine="0"/>')


def _signoff(styles: Mapping[str, ParagraphStyle], signoff: Signoff, page_break: bool) -> str:
    organ = _paragraph("signoff", [signoff.organ], styles["signoff"].font, page_break=page_break,
                       extra=_right_indent(signoff.organ_right_chars))
    date = _paragraph("date", [signoff.date], styles["date"].font,
                      extra=_right_indent(signoff.date_right_chars))
    return organ + date


# --- tables --------------------------------------------------------------------------------

def _table(table: Table, cell_styles: Mapping[str, CellStyle]) -> str:
    """One ordinary top-level table: a fixed grid (widths in tblW, gridCol and every tcW),
    merges, 0.5 pt borders, header rows repeated, rows never split, and the layout's keeps
    as keepNext on every paragraph of a kept row (Word and LibreOffice both keep such a row
    on the page of the next). A merged cell is its origin `w:tc` with `gridSpan`/`vMerge
    restart`, and one `vMerge` continuation `w:tc` in each further row it covers."""
    # Round the column edges, not the widths: each column stays within a twip of its width
    # and the columns add up to the table's width (rounding every width left the 申请 table's
    # last column 2 twips short).
    edges = [parts.twips_mm(sum(table.widths_mm[:i])) for i in range(table.n_cols + 1)]
    widths = [b - a for a, b in itertools.pairwise(edges)]
    out = [f"<w:tbl>{_table_properties(sum(widths))}<w:tblGrid>",
           *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    # slot (row, col) -> (cell, is_origin) for the first column of every cell in every row
    starts: dict[tuple[int, int], tuple[TableCell, bool]] = {}
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            starts[(r, c.col)] = (c, r == c.row)
    for r in range(table.n_rows):
        header = "<w:tblHeader/>" if r < table.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        for col in range(table.n_cols):
            if (r, col) in starts:
                cell, origin = starts[(r, col)]
                out.append(_tc(cell, cell_styles[cell.role], origin,
                               sum(widths[col:col + cell.colspan]),
                               sum(table.widths_mm[col:col + cell.colspan]),
                               table.keep_with_next[r]))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tc(cell: TableCell, style: CellStyle, origin: bool, width: int, width_mm: float,
        keep_with_next: bool) -> str:
    tc_pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.colspan > 1:
        tc_pr += f'<w:gridSpan w:val="{cell.colspan}"/>'
    if cell.rowspan > 1:
        tc_pr += '<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>"
    tc_pr += '<w:vAlign w:val="center"/>'
    ppr = f'<w:pStyle w:val="{parts.cell_style_id(style)}"/>'
    if keep_with_next:
        ppr += "<w:keepNext/>"
    run = ""
    if origin and cell.text:
        rpr = ""
        if _needs_east_asia_hint(cell.text):
            rpr += '<w:rFonts w:hint="eastAsia"/>'
        size = fit_size(cell.text, width_mm, _word_digit_em) if cell.fit else None
        if size:  # a long number shrunk to fit its cell (schema order: sz, szCs)
            half = round(size * 2)
            rpr += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        run = f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{_t(cell.text)}</w:r>"
    return f"<w:tc><w:tcPr>{tc_pr}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>{run}</w:p></w:tc>"


def _word_digit_em(ch: str) -> float:
    """A character's advance in the fonts Word may set a number in: the widest digits among
    them (Noto's 0.56 em; Times New Roman and the Chinese fonts have 0.5)."""
    return 0.3 if ch in ".,/" else 0.56


def _table_properties(width_twips: int) -> str:
    """tblPr in schema order: tblW, jc, tblBorders, tblLayout, tblCellMar (on the table too:
    LibreOffice ignores the style's margins)."""
    border = f'w:val="single" w:sz="{BORDER_EIGHTHS}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>"
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    pad = parts.CELL_PADDING_TWIPS
    margins = (f'<w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
               f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/>')
    return (f'<w:tblPr><w:tblW w:type="dxa" w:w="{width_twips}"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>")


# --- page setup and footers ----------------------------------------------------------------

def setup_page(doc: DocxDocument, document: Document) -> None:
    page = document.page
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.gutter = Mm(0)
    sect_pr = section._sectPr
    for attr in [a for a in sect_pr.attrib if a.startswith(qn("w:rsid"))]:
        del sect_pr.attrib[attr]  # python-docx's default revision ids: none stays in a report
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(parts.twips(LINE_PITCH_PT)))
    sect_pr.append(grid)
    _page_number(section.footer, document.page_numbers, odd=True)
    _page_number(section.even_page_footer, document.page_numbers, odd=False)


def _page_number(footer, spec: PageNumbers, odd: bool) -> None:
    """The document's page numbers ("— N —", 7.5): a PAGE field between their text, on the
    side the layout gives odd or even pages, `indent_chars` in from the 版心's edge."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = parts.PAGE_NUMBER_STYLE[1]
    right = (spec.odd_align if odd else spec.even_align) == "right"
    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:right" if right else "w:left"), str(parts.twips(spec.indent_chars * spec.size_pt)))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.add_run(spec.before)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(spec.after)


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    def fld_char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")

