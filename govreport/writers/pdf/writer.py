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

from reportlab.lib.pagesizes import A4
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
    PAGE,
    PAGE_NUMBER_PT,
    PARAGRAPH_STYLES,
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
    meta = document.meta
    doc = BaseDocTemplate(
        buffer, pagesize=A4,
        leftMargin=PAGE.left_mm * MM, rightMargin=PAGE.right_mm * MM,
        topMargin=PAGE.top_mm * MM, bottomMargin=PAGE.bottom_mm * MM,
        title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords,
        creator="govreport", producer="govreport", lang=meta.language, invariant=1,
        initialFontName=font_names["body"], displayDocTitle=1,
    )
    frame = Frame(PAGE.left_mm * MM, PAGE.bottom_mm * MM, PAGE.text_width_mm * MM,
                  PAGE.text_height_mm * MM, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body", showBoundary=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=_page_number(font_names))])
    doc.keepTogetherClass = KeepWithLines
    doc.build(flowables(document, font_names), canvasmaker=_canvas_dated(meta.date))
    return buffer.getvalue()


def flowables(document: Document, font_names: Mapping[str, str]) -> list[Flowable]:
    fonts = as_pdf_fonts(font_names)
    out: list[Flowable] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            style = paragraph_style(block.style, fonts)
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
            out.append(GridTable(block, fonts))
        elif isinstance(block, Signoff):
            date_right = cells(block.date_right_chars)
            if block.date_follows_organ:
                # Placed by its first character (7.3.5.2): the layout counts a digit as half
                # a 字, the font's digits may be wider.
                date_right += cells(text_width(block.date.text)) - _grid_width(
                    fonts.runs(block.date.text, block.date.font), fonts)
            for run, right, key in ((block.organ, cells(block.organ_right_chars), "signoff"),
                                    (block.date, max(date_right, 0.0), "date")):
                style = paragraph_style(key, fonts, right_indent=right)
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


def paragraph_style(key: str, font_names: Mapping[str, str], **overrides: float) -> GridStyle:
    """The GridStyle of a layout paragraph style: body-size text sits on the 28-cell grid.

    Off-grid paragraphs (the 2号 title) are lines the layout already broke, measuring a digit
    as half a character; a font whose digits are wider (Noto 0.56 em) would push the last
    character of a full title line onto a line of its own, so such a line may tighten by
    up to TITLE_SQUEEZE_EM per gap instead.
    """
    s = PARAGRAPH_STYLES[key]
    on_grid = s.size_pt == BODY_PT
    return GridStyle(
        _fonts(font_names, s.size_pt), default=s.font,
        cell=CELL_PITCH if on_grid else None, leading=s.line_pt,
        first_indent=cells(s.first_indent_chars), left_indent=cells(s.left_indent_chars),
        align=Align(s.align),
        keep_with_next=s.keep_with_next,
        squeeze=0.0 if on_grid else TITLE_SQUEEZE_EM * s.size_pt,
        tracking=-CONDENSE_PT if on_grid else 0.0,
        compress=CELL_COMPRESS if on_grid else 0.0, **overrides,
    )


def _page_number(fonts: PdfFonts):
    """"— N —" 4号, odd pages right and even pages left, one character in; its 一字线 7 mm
    below the 版心 (GB/T 9704 7.5)."""
    one_char = PAGE_NUMBER_PT
    dash_y = (PAGE.bottom_mm - PAGE.page_number_gap_mm) * MM
    baseline = dash_y - EM_DASH_MIDDLE * PAGE_NUMBER_PT
    left, right = PAGE.left_mm * MM, (PAGE.width_mm - PAGE.right_mm) * MM

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        n = canvas.getPageNumber()
        text = f"\u2014 {n} \u2014"
        runs = fonts.runs(text, "page_number")
        canvas.saveState()
        if len(runs) == 1:
            canvas.setFont(fonts[runs[0][1]], PAGE_NUMBER_PT)
            if n % 2:
                canvas.drawRightString(right - one_char, baseline, text)
            else:
                canvas.drawString(left + one_char, baseline, text)
        else:  # pieces in several fonts of the chain, side by side
            widths = [stringWidth(piece, fonts[key], PAGE_NUMBER_PT) for piece, key in runs]
            x = right - one_char - sum(widths) if n % 2 else left + one_char
            for (piece, key), width in zip(runs, widths, strict=True):
                canvas.setFont(fonts[key], PAGE_NUMBER_PT)
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
