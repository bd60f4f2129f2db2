"""Reading a text PDF (ours, WPS's, Word's, LibreOffice's) into paragraphs and tables.

Lines outside tables are put back into paragraphs by how they are set: a paragraph starts
with an indented line, or after a line that stops short of the right margin, or where the
font changes between a heading and its text; a title line is larger than the body; a
sign-off line is set off to the right. A run-in lead is the part of a paragraph in another
font than the body's (楷体 before 仿宋). Page numbers (— 3 —, 第3页) are dropped; tables
continued on the next page are joined (`pdf_tables`). A PDF without a text layer — a scan —
cannot be read and says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from govreport.importer.pdf_tables import (
    PdfTable,
    add_numbers_line,
    continues,
    merge,
    page_tables,
    to_source,
)
from govreport.importer.pdf_text import Glyph, Line, glyphs_of, is_ideograph, joined_lines, lines_of
from govreport.importer.source import (
    ImportFailure,
    SourceDocument,
    SourceParagraph,
)
from govreport.importer.text import clean_text, is_numeric_text

_PAGE_NUMBER = re.compile(r"^(?:[—–\-－─]*\s*\d{1,4}\s*[—–\-－─]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?"
                          r"|\d+\s*/\s*\d+)$")
_MIN_TEXT_CHARS = 20
_HANGING = re.compile(r"^附\s*[件表]\s*\d*\s*[:：]")
"""附件：… wraps under its own first character (GB/T 9704 7.3.4): an indented line goes on."""


@dataclass
class _Metrics:
    """The body text's size, font and margins, measured over the whole document."""

    size: float
    font: str
    left: float
    right: float


def read_pdf(path: Path, name: str) -> SourceDocument:
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many kinds for a file it cannot open
        raise _failure(name, exc) from None
    with pdf:
        try:
            return _read(pdf, name)
        except ImportFailure:
            raise
        except Exception as exc:  # a damaged page: pdfminer's errors carry no Chinese
            raise _failure(name, exc) from None


def _failure(name: str, exc: Exception) -> ImportFailure:
    """The clerk's message for a PDF that pdfminer (through pdfplumber) cannot read."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ImportFailure(f"{name} 已加密，需要密码才能打开；请用不加密的版本导入")
    return ImportFailure(f"{name} 不是可以读取的 PDF 文件，或者已损坏（{type(cause).__name__}）")


def _read(pdf, name: str) -> SourceDocument:
    pages: list[tuple[list[PdfTable], list[Line], float]] = []
    images = 0
    text_chars = 0
    tables_seen = 0
    for number, page in enumerate(pdf.pages, start=1):
        images += len(page.images)
        glyphs = glyphs_of(page.chars)
        text_chars += sum(1 for g in glyphs if not g.text.isspace())
        tables, outside = page_tables(page, glyphs, number)
        tables_seen += len(tables)
        lines = [ln for ln in lines_of(outside, number) if not _page_number(ln, page.height)]
        pages.append((tables, lines, float(page.height)))
    if text_chars < _MIN_TEXT_CHARS:
        if images:
            raise ImportFailure(f"{name} 是扫描件（页面是图片，没有文字层），无法导入；请找到原始的"
                                " DOCX 或文字版 PDF，或先用 OCR 软件把它转成带文字的 PDF")
        raise ImportFailure(f"{name} 中没有可以读取的文字")
    metrics = _metrics([ln for _, lines, _ in pages for ln in lines])
    return _Assembler(name, metrics).run(pages)


def _page_number(line: Line, height: float) -> bool:
    """A page number or folio line in the top or bottom margin."""
    near_edge = line.top > height * 0.85 or line.bottom < height * 0.12
    return near_edge and _PAGE_NUMBER.match(line.text.strip()) is not None


def _metrics(lines: list[Line]) -> _Metrics:
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for ln in lines:
        for g in ln.glyphs:
            sizes[g.size] += 1
    size = sizes.most_common(1)[0][0] if sizes else 12.0
    body = [ln for ln in lines if abs(ln.size - size) < 0.6]
    for ln in body:
        for g in ln.glyphs:
            if is_ideograph(g.text):
                fonts[g.font] += 1
    lefts = Counter(round(ln.x0) for ln in body)
    left = min((x for x, n in lefts.items() if n >= max(lefts.values()) * 0.3), default=0)
    ends = sorted(ln.x1 for ln in body)
    right = ends[int(len(ends) * 0.9)] if ends else 0.0
    return _Metrics(size, fonts.most_common(1)[0][0] if fonts else "", float(left), right)


class _Assembler:
    """Lines and tables of all pages, in reading order, into paragraphs and tables."""

    def __init__(self, name: str, metrics: _Metrics) -> None:
        self.m = metrics
        self.doc = SourceDocument(name, "PDF")
        self.tables = 0
        self.open_table: PdfTable | None = None  # the table a page ended with
        self.lines: list[Line] = []  # the paragraph being gathered

    def run(self, pages: list[tuple[list[PdfTable], list[Line], float]]) -> SourceDocument:
        for tables, lines, _height in pages:
            items: list[tuple[float, object]] = [(t.top, t) for t in tables]
            items += [(ln.top, ln) for ln in lines]
            items.sort(key=lambda item: item[0])
            for i, (_, item) in enumerate(items):
                if isinstance(item, PdfTable):
                    self._table(item, first_on_page=i == 0)
                else:
                    assert isinstance(item, Line)
                    if self._numbers_under_table(item):
                        continue
                    self._close_table()
                    self._line(item)
            # a table that ends a page may go on at the top of the next one
            if not items or not isinstance(items[-1][1], PdfTable):
                self._close_table()
        self._close_table()
        self._flush()
        return self.doc

    # --- tables ----------------------------------------------------------------------------

    def _table(self, table: PdfTable, first_on_page: bool) -> None:
        self._flush()
        if self.open_table is not None:
            if first_on_page and table.page == self.open_table_page + 1 and \
                    continues(self.open_table, table):
                self.open_table = merge(self.open_table, table)
                self.open_table_page = table.page
                return
            self._close_table()
        self.open_table = table
        self.open_table_page = table.page

    def _numbers_under_table(self, line: Line) -> bool:
        """A line of numbers right under a table whose last row is labels only: the table's
        numbers row, printed without rules (table 4 as one line of 15 numbers)."""
        t = self.open_table
        if t is None or line.page != self.open_table_page:
            return False
        if line.top - t.bottom > self.m.size * 2 or line.x0 < t.x0 - 2 or line.x1 > t.x1 + 2:
            return False
        tokens = line.text.split()
        if len(tokens) < 2 or not all(is_numeric_text(tok) for tok in tokens):
            return False
        last = t.rows()[-1]
        if any(is_numeric_text(c.text) for c in last):
            return False
        add_numbers_line(t, line.glyphs, line.page)
        return True

    def _close_table(self) -> None:
        if self.open_table is None:
            return
        self.tables += 1
        where = f"第{self.tables}个表格"
        self.doc.blocks.append(to_source(self.open_table, where))
        self.open_table = None

    # --- paragraphs ------------------------------------------------------------------------

    def _kind(self, line: Line) -> str:
        """How a line is set: title (large), center, right, or text."""
        m = self.m
        if line.size >= m.size * 1.25:
            return "title"
        left_gap, right_gap = line.x0 - m.left, m.right - line.x1
        if min(left_gap, right_gap) > m.size * 2.5 and abs(left_gap - right_gap) <= m.size * 1.2:
            return "center"
        if left_gap > m.size * 4 and right_gap < m.size * 5:
            return "right"
        return "text"

    def _line(self, line: Line) -> None:
        kind = self._kind(line)
        if self.lines:
            prev = self.lines[-1]
            prev_kind = self._kind(prev)
            indent = line.x0 - self.m.left
            # A line ends its paragraph short of the margin, unless what starts the next
            # line would not have fitted there (a long number, a character kept with its
            # punctuation).
            short = self.m.right - prev.x1 > _first_unit_width(line) + self.m.size * 0.5
            hanging = kind == prev_kind == "text" and not short and \
                self._hangs_under(self.lines[0], line)
            if not hanging and (kind != "text" or prev_kind != "text" or short
                                or indent >= self.m.size * 1.5):
                self._flush()
        self.lines.append(line)

    def _hangs_under(self, first: Line, line: Line) -> bool:
        """Whether `line` goes on under the text after a 附件： label (GB/T 9704 7.3.4)."""
        if _HANGING.match(first.text.strip()) is None:
            return False
        colon = next((g for g in first.glyphs if g.text in "：:"), None)
        return colon is not None and abs(line.x0 - colon.x1) <= self.m.size * 0.5

    def _flush(self) -> None:
        if not self.lines:
            return
        lines, self.lines = self.lines, []
        kind = self._kind(lines[0])
        text = clean_text(joined_lines(lines, keep_spaces=True))
        if not text:
            return
        glyphs = [g for ln in lines for g in ln.glyphs]
        words = [g for g in glyphs if not g.text.isspace()]
        ideographs = [g for g in words if is_ideograph(g.text)]
        emphasized = bool(ideographs) and all(g.font != self.m.font for g in ideographs)
        align = {"center": "center", "right": "right", "title": "center"}.get(kind, "justify")
        page = lines[0].page
        number = sum(1 for b in self.doc.blocks if isinstance(b, SourceParagraph)
                     and b.where.startswith(f"第{page}页")) + 1
        self.doc.blocks.append(SourceParagraph(
            text=text, where=f"第{page}页第{number}段", align=align,
            lead_end=None if emphasized else _lead_end(text, words, self.m.font),
            emphasized=emphasized, large=kind == "title"))


_CLOSING = frozenset("、。，；：？！”’）》」』】〕…—,.;:?!)%")
_OPENING = frozenset("“‘（《「『【〔(")


def _first_unit_width(line: Line) -> float:
    """The width of what cannot be broken at the start of a line: a Latin word or number,
    or a character with the punctuation that may not leave it."""
    words = line.words
    if not words:
        return 0.0
    end = 0
    if words[0].text.isascii() and words[0].text.isalnum():
        while end + 1 < len(words) and words[end + 1].text.isascii() \
                and not is_ideograph(words[end + 1].text) \
                and words[end + 1].x0 - words[end].x1 < words[end].size * 0.25:
            end += 1
    else:
        while end + 1 < len(words) and words[end].text in _OPENING:
            end += 1
        while end + 1 < len(words) and words[end + 1].text in _CLOSING:
            end += 1
    return words[end].x1 - words[0].x0


def _lead_end(text: str, words: list[Glyph], body_font: str) -> int | None:
    """Where a run-in lead set in another font ends, as an offset in `text` (whose
    non-space characters are `words`, in order)."""
    first_body = next((i for i, g in enumerate(words)
                       if is_ideograph(g.text) and g.font == body_font), None)
    if first_body is None or not any(is_ideograph(g.text) for g in words[:first_body]):
        return None
    lead_font = Counter(g.font for g in words[:first_body] if is_ideograph(g.text))
    heading_font = lead_font.most_common(1)[0][0]
    end = first_body
    while end > 0 and not is_ideograph(words[end - 1].text) and words[end - 1].font != heading_font:
        end -= 1
    # the offset in `text` of the `end`-th non-space character
    seen = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if seen == end:
            return i
        seen += 1
    return None
