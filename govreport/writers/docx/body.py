"""Translating layout blocks into WordprocessingML: paragraphs, tables, sign-off, page setup."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
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


def add_paragraph(doc: DocxDocument, styles: Mapping[str, ParagraphStyle], style_key: str,
                  runs: list[Run]) -> DocxParagraph:
    paragraph = doc.add_paragraph(style=parts.style_name(style_key))
    _add_runs(paragraph, runs, styles[style_key].font)
    return paragraph


def _needs_east_asia_hint(text: str) -> bool:
    """Word gives full-width ambiguous punctuation to the Latin (hAnsi) font unless the run
    says otherwise (MS-OI29500 2.1.88): Chinese quotes and dashes half-width in Times New Roman."""
    return not FULL_WIDTH_AMBIGUOUS.isdisjoint(text)


def _add_east_asia_hint(r_pr: CT_RPr) -> None:
    r_pr.get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


def _add_runs(paragraph: DocxParagraph, runs: list[Run], paragraph_font: str) -> None:
    for run in runs:
        if not run.text:
            continue
        r = paragraph.add_run(run.text)
        hint = _needs_east_asia_hint(run.text)
        if run.font == paragraph_font and not hint:
            continue
        rpr = r._r.get_or_add_rPr()
        if run.font != paragraph_font:
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), parts.char_style_id(run.font))
            rpr.insert(0, style)
        if hint:
            _add_east_asia_hint(rpr)


def add_blocks(doc: DocxDocument, document: Document) -> None:
    page_break = False
    styles = document.paragraph_styles
    for block in document.blocks:
        if isinstance(block, PageBreak):
            page_break = True
            continue
        if isinstance(block, Paragraph):
            paragraph = add_paragraph(doc, styles, block.style, block.runs)
            if block.keep_with_next:
                paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, Blank):
            paragraphs = [doc.add_paragraph(style=parts.style_name("body"))
                          for _ in range(block.lines)]
            paragraph = paragraphs[0]
            for p in paragraphs:
                if block.keep_with_next:
                    p.paragraph_format.keep_with_next = True
            if block.extra_pt:  # a taller blank line that brings the next one onto the grid
                last = paragraphs[-1].paragraph_format
                last.line_spacing = Pt(LINE_PITCH_PT + block.extra_pt)
                last.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                # Off the grid, or LibreOffice sets it one grid pitch tall whatever its exact
                # spacing (measured: the first body line 16.7 pt too high under a 2-line title).
                _off_grid(paragraphs[-1])
        elif isinstance(block, Table):
            add_table(doc, block, document.cell_styles)
            paragraph = None
        else:
            paragraph = _add_signoff(doc, styles, block)
        if page_break and paragraph is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.insert_element_before(OxmlElement("w:pageBreakBefore"), *_after("w:pageBreakBefore"))
            page_break = False


_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
              "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
              "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
              "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
              "w:pPrChange")


def _after(tag: str) -> tuple[str, ...]:
    return _PPR_ORDER[_PPR_ORDER.index(tag) + 1:]


def _off_grid(paragraph: DocxParagraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(OxmlElement("w:snapToGrid", {qn("w:val"): "0"}),
                              *_after("w:snapToGrid"))


def _right_indent(paragraph: DocxParagraph, chars: float) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:rightChars"), str(round(chars * 100)))
    ind.set(qn("w:right"), str(round(chars * parts.CHAR_TWIPS)))
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


def _add_signoff(doc: DocxDocument, styles: Mapping[str, ParagraphStyle],
                 signoff: Signoff) -> DocxParagraph:
    organ = add_paragraph(doc, styles, "signoff", [signoff.organ])
    _right_indent(organ, signoff.organ_right_chars)
    date = add_paragraph(doc, styles, "date", [signoff.date])
    _right_indent(date, signoff.date_right_chars)
    return organ


# --- tables --------------------------------------------------------------------------------

def add_table(doc: DocxDocument, table: Table, cell_styles: Mapping[str, CellStyle]) -> None:
    """One ordinary top-level table: a fixed grid (widths in tblW, gridCol and every tcW),
    merges, 0.5 pt borders, header rows repeated, rows never split, and the layout's keeps
    as keepNext on every paragraph of a kept row (Word and LibreOffice both keep such a row
    on the page of the next)."""
    _grid(doc.add_table(rows=0, cols=table.n_cols), table, cell_styles)


def _grid(t: DocxTable, table: Table, cell_styles: Mapping[str, CellStyle]) -> None:
    """Fill an empty python-docx table (0 rows) with the layout grid, written as XML directly.

    python-docx's cell API recomputes the whole grid on every `cell()` call; for table 3
    (28 rows × 10 columns with merges) that took 1 s. Here each row is built once: a merged
    cell is its origin `w:tc` with `gridSpan`/`vMerge restart`, and one `vMerge` continuation
    `w:tc` in each further row it covers.
    """
    t.autofit = False  # writes tblLayout fixed
    # Round the column edges, not the widths: each column stays within a twip of its width
    # and the columns add up to the table's width (rounding every width left the 申请 table's
    # last column 2 twips short).
    edges = [parts.twips_mm(sum(table.widths_mm[:i])) for i in range(table.n_cols + 1)]
    widths = [b - a for a, b in itertools.pairwise(edges)]
    _table_properties(t, sum(widths))
    tbl = t._tbl
    grid = tbl.tblGrid
    for gc in list(grid):
        grid.remove(gc)
    for w in widths:
        gc = OxmlElement("w:gridCol")
        gc.set(qn("w:w"), str(w))
        grid.append(gc)
    # slot (row, col) -> (cell, is_origin) for the first column of every cell in every row
    starts: dict[tuple[int, int], tuple[TableCell, bool]] = {}
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            starts[(r, c.col)] = (c, r == c.row)
    for r in range(table.n_rows):
        tr = OxmlElement("w:tr")
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < table.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        tr.append(tr_pr)
        for col in range(table.n_cols):
            if (r, col) in starts:
                cell, origin = starts[(r, col)]
                width_mm = sum(table.widths_mm[col:col + cell.colspan])
                tr.append(_tc(cell, cell_styles[cell.role], origin,
                              sum(widths[col:col + cell.colspan]), width_mm,
                              table.keep_with_next[r]))
        tbl.append(tr)


def _tc(cell: TableCell, style: CellStyle, origin: bool, width: int, width_mm: float,
        keep_with_next: bool):
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    tc_w = OxmlElement("w:tcW")
    tc_w.set(qn("w:w"), str(width))
    tc_w.set(qn("w:type"), "dxa")
    tc_pr.append(tc_w)
    if cell.colspan > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(cell.colspan))
        tc_pr.append(span)
    if cell.rowspan > 1:
        merge = OxmlElement("w:vMerge")
        if origin:
            merge.set(qn("w:val"), "restart")
        tc_pr.append(merge)
    v_align = OxmlElement("w:vAlign")
    v_align.set(qn("w:val"), "center")
    tc_pr.append(v_align)
    tc.append(tc_pr)
    style_id = parts.cell_style_id(style)
    p = OxmlElement("w:p")
    p_pr = OxmlElement("w:pPr")
    p_style = OxmlElement("w:pStyle")
    p_style.set(qn("w:val"), style_id)
    p_pr.append(p_style)
    if keep_with_next:
        p_pr.append(OxmlElement("w:keepNext"))
    p.append(p_pr)
    if origin and cell.text:
        run = OxmlElement("w:r")
        hint = _needs_east_asia_hint(cell.text)
        size = fit_size(cell.text, width_mm, _word_digit_em) if cell.fit else None
        if hint or size:
            r_pr = OxmlElement("w:rPr")
            if hint:
                _add_east_asia_hint(r_pr)
            if size:  # a long number shrunk to fit its cell (schema order: sz, szCs)
                for tag in ("w:sz", "w:szCs"):
                    r_pr.append(OxmlElement(tag, {qn("w:val"): str(round(size * 2))}))
            run.append(r_pr)
        text = OxmlElement("w:t")
        text.text = cell.text
        if cell.text != cell.text.strip():
            text.set(qn("xml:space"), "preserve")
        run.append(text)
        p.append(run)
    tc.append(p)
    return tc


def _word_digit_em(ch: str) -> float:
    """A character's advance in the fonts Word may set a number in: the widest digits among
    them (Noto's 0.56 em; Times New Roman and the Chinese fonts have 0.5)."""
    return 0.3 if ch in ".,/" else 0.56


def _table_properties(t: DocxTable, width_twips: int) -> None:
    """tblPr in schema order: tblW, jc, tblBorders, tblLayout (set by autofit), tblCellMar."""
    tbl_pr = t._tbl.tblPr
    for existing in tbl_pr.findall(qn("w:tblStyle")) + tbl_pr.findall(qn("w:tblLook")):
        tbl_pr.remove(existing)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                     "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    tbl_w.set(qn("w:w"), str(width_twips))
    tbl_w.set(qn("w:type"), "dxa")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    tbl_pr.insert_element_before(jc, "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                                 "w:tblLayout", "w:tblCellMar", "w:tblLook")
    lines = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), str(BORDER_EIGHTHS))
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), "000000")
        lines.append(b)
    tbl_pr.insert_element_before(lines, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    margins = OxmlElement("w:tblCellMar")  # on the table too: LibreOffice ignores the style's
    padding = parts.CELL_PADDING_TWIPS
    for side, twips in (("top", 0), ("left", padding), ("bottom", 0), ("right", padding)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(twips))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tbl_pr.insert_element_before(margins, "w:tblLook")


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

