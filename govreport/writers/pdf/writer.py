"""The PDF writer: the layout document set directly with reportlab, every font embedded.

Body text, headings, title and sign-off are GridParagraphs on the 22 × 28 grid; tables are
reportlab Tables whose cells are GridParagraphs; page numbers are drawn per page. Every text is
cut into runs by the font of its role's chain that draws each character (`fontset.py`). Dates
come from the sign-off date and reportlab's invariant mode fixes the file ID, so the same input
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Mapping

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
)
from reportlab.platypus import PageBreak as RLPageBreak

from govreport.layout.document import Blank, Document, PageBreak, Paragraph, Signoff
from govreport.layout.document import Table as LayoutTable
from govreport.layout.style import (
    AUTOSPACE_EM,
    BODY_PT,
    CONDENSE_PT,
    LINE_PITCH_PT,
    ParagraphStyle,
    text_width,
)
from govreport.writers.pdf.chars import is_autospaced, is_wide
from govreport.writers.pdf.fontset import FontSpecs, PdfFonts, as_pdf_fonts
from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.keep import KeepWithLines
from govreport.writers.pdf.linebreak import Align, Piece
from govreport.writers.pdf.styles import CELL_COMPRESS, CELL_PITCH, MM, GridStyle, cells
from govreport.writers.pdf.tables import GridTable

TITLE_SQUEEZE_EM = 0.05  # at most 1.1 pt less between two 2号 characters: not visible
EM_DASH_MIDDLE = 0.33  # the 一字线 sits ~0.27–0.39 em above the baseline in CJK fonts (§1.6)


def render_pdf(document: Document, font_names: Mapping[str, str]) -> bytes:
    """The PDF of `document`; `font_names` maps each font role to a registered reportlab font
    (a `PdfFonts` with the resolved fonts adds their fallback chains and emboldening)."""
    font_names = as_pdf_fonts(font_names)
    buffer = io.BytesIO()
    meta, page = document.meta, document.page
    doc = BaseDocTemplate(
        buffer, pagesize=(page.width_mm * mm, page.height_mm * mm),
        leftMargin=page.left_mm * MM, rightMargin=page.right_mm * MM,
        topMargin=page.top_mm * MM, bottomMargin=page.bottom_mm * MM,
        title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords,
        creator="govreport", producer="govreport", lang=meta.language, invariant=1,
        initialFontName=font_names["body"], displayDocTitle=1,
    )
    frame = Frame(page.left_mm * MM, page.bottom_mm * MM, page.text_width_mm * MM,
                  page.text_height_mm * MM, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body", showBoundary=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=_page_number(document, font_names))])
    doc.keepTogetherClass = KeepWithLines
    doc.build(flowables(document, font_names), canvasmaker=_canvas_dated(meta.date))
    return buffer.getvalue()


def flowables(document: Document, font_names: Mapping[str, str]) -> list[Flowable]:
    fonts = as_pdf_fonts(font_names)
    out: list[Flowable] = []
    styles = document.paragraph_styles
    for block in document.blocks:
        if isinstance(block, Paragraph):
            style = paragraph_style(styles[block.style], fonts)
            runs = [piece for r in block.runs if r.text for piece in fonts.runs(r.text, r.font)]
            paragraph = GridParagraph(runs, style)
            if block.keep_with_next:
                paragraph.keepWithNext = True
            out.append(paragraph)
        elif isinstance(block, Blank):
            spacer = Spacer(1, block.lines * LINE_PITCH_PT + block.extra_pt)
            spacer.keepWithNext = block.keep_with_next
            out.append(spacer)
        elif isinstance(block, PageBreak):
            out.append(RLPageBreak())
        elif isinstance(block, LayoutTable):
            out.append(GridTable(block, fonts, document.cell_styles))
        elif isinstance(block, Signoff):
            date_right = cells(block.date_right_chars)
            if block.date_follows_organ:
                # Placed by its first character (7.3.5.2): the layout counts a digit as half
                # a 字, the font's digits may be wider.
                date_right += cells(text_width(block.date.text)) - _grid_width(
                    fonts.runs(block.date.text, block.date.font), fonts)
            for run, right, key in ((block.organ, cells(block.organ_right_chars), "signoff"),
                                    (block.date, max(date_right, 0.0), "date")):
                style = paragraph_style(styles[key], fonts, right_indent=right)
                out.append(GridParagraph(fonts.runs(run.text, run.font), style))
    return out


def _grid_width(runs: list[Piece], font_names: Mapping[str, str]) -> float:
    """Width of 3号 text on the grid: a cell per wide character, digits at their advance
    (condensed), and the autospace between them."""
    text = "".join(t for t, _ in runs)
    spaces = sum(1 for a, b in itertools.pairwise(text) if is_autospaced(a, b))
    return (sum(CELL_PITCH if is_wide(ch) else stringWidth(ch, font_names[key], BODY_PT)
                - CONDENSE_PT for piece, key in runs for ch in piece)
            + (AUTOSPACE_EM * BODY_PT + CONDENSE_PT) * spaces)


def _fonts(font_names: Mapping[str, str], size: float) -> FontSpecs:
    return FontSpecs(font_names, size)


def paragraph_style(s: ParagraphStyle, font_names: Mapping[str, str],
                    **overrides: float) -> GridStyle:
    """The GridStyle of a layout paragraph style: text on the grid takes its 28 cells,
    condensed text is measured as the DOCX condenses it.

    Off-grid paragraphs (the 2号 title) are lines the layout already broke, measuring a digit
    as half a character; a font whose digits are wider (Noto 0.56 em) would push the last
    character of a full title line onto a line of its own, so such a line may tighten by
    up to TITLE_SQUEEZE_EM per gap instead.
    """
    return GridStyle(
        _fonts(font_names, s.size_pt), default=s.font,
        cell=CELL_PITCH if s.on_grid else None, leading=s.line_pt,
        first_indent=cells(s.first_indent_chars), left_indent=cells(s.left_indent_chars),
        align=Align(s.align),
        keep_with_next=s.keep_with_next,
        squeeze=0.0 if s.on_grid else TITLE_SQUEEZE_EM * s.size_pt,
        tracking=-CONDENSE_PT if s.condensed else 0.0,
        compress=CELL_COMPRESS if s.condensed else 0.0, **overrides,
    )


def _page_number(document: Document, fonts: PdfFonts):
    """The document's page numbers: its text, size and side per page parity, one character
    in from the 版心's edge, the 一字线 `gap_mm` below the 版心 (GB/T 9704 7.5)."""
    spec, page = document.page_numbers, document.page
    size = spec.size_pt
    one_char = spec.indent_chars * size
    dash_y = (page.bottom_mm - spec.gap_mm) * MM
    baseline = dash_y - EM_DASH_MIDDLE * size
    left, right = page.left_mm * MM, (page.width_mm - page.right_mm) * MM

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        n = canvas.getPageNumber()
        text = spec.text(n)
        runs = fonts.runs(text, spec.font)
        to_right = (spec.odd_align if n % 2 else spec.even_align) == "right"
        canvas.saveState()
        if len(runs) == 1:
            canvas.setFont(fonts[runs[0][1]], size)
            if to_right:
                canvas.drawRightString(right - one_char, baseline, text)
            else:
                canvas.drawString(left + one_char, baseline, text)
        else:  # pieces in several fonts of the chain, side by side
            widths = [stringWidth(piece, fonts[key], size) for piece, key in runs]
            x = right - one_char - sum(widths) if to_right else left + one_char
            for (piece, key), width in zip(runs, widths, strict=True):
                canvas.setFont(fonts[key], size)
                canvas.drawString(x, baseline, piece)
                x += width
        canvas.restoreState()

    return draw


class _SignoffTimeStamp:
    """reportlab's TimeStamp interface, fixed at noon in Beijing on the sign-off date."""

    def __init__(self, date: dt.date):
        self.YMDhms = (date.year, date.month, date.day, 12, 0, 0)
        self.dhh, self.dmm = 8, 0
        self.t = dt.datetime(date.year, date.month, date.day, 4, tzinfo=dt.UTC).timestamp()


def _canvas_dated(date: dt.date) -> type[Canvas]:
    class DatedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _SignoffTimeStamp(date)

    return DatedCanvas
