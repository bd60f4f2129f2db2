"""PDFs of a report as other producers set them (Word, WPS), drawn with reportlab for the
import tests — from the report's layout, but with their own geometry and habits.

What differs from govreport's PDF: Word's page (margins 25.4/31.75 mm, body 小四 12 pt,
ragged lines), table rules drawn as thin filled rectangles around every cell, labels
wrapped inside narrow cells, the merged 三、本年度办理结果 set one character per line in its
narrow column, a table that does not fit continued on the next page with its header rows
repeated (the merged label's characters divided between the pages), page numbers
"第 N 页 共 M 页" in the footer, and, optionally, table 4's 15 numbers on one line without
rules between them — or without any rules at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from govreport.fonts import register_reportlab_fonts, resolved_fonts
from govreport.layout import document as layout

MM = 72 / 25.4


@dataclass
class Producer:
    """How a producer sets a page."""

    left_mm: float = 31.75
    right_mm: float = 31.75
    top_mm: float = 25.4
    bottom_mm: float = 25.4
    body_pt: float = 12.0
    title_pt: float = 18.0
    table_pt: float = 10.5
    rules: str = "rects"  # rects (Word), lines
    flat_table4: str | None = None  # "box": one box round the 15 numbers; "bare": no rules
    break_table3_before: int | None = None  # force table 3 to go on to the next page here
    autospace_em: float = 0.25


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


class WordLikePdf:
    def __init__(self, path: Path, producer: Producer) -> None:
        self.p = producer
        self.fonts = register_reportlab_fonts(resolved_fonts())
        self.canvas = Canvas(str(path), pagesize=A4)
        self.width, self.height = A4
        self.x0 = producer.left_mm * MM
        self.x1 = self.width - producer.right_mm * MM
        self.y_top = self.height - producer.top_mm * MM
        self.y_bottom = producer.bottom_mm * MM
        self.y = self.y_top
        self.page = 1
        self.tables = 0

    # --- text --------------------------------------------------------------------------

    def _width(self, text: str, font: str, size: float) -> float:
        return stringWidth(text, self.fonts[font], size)

    def _units(self, runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """(text, font) pieces that never break inside: a CJK character, a Latin word."""
        units: list[tuple[str, str]] = []
        for text, font in runs:
            for ch in text:
                if units and ch.isascii() and ch.isalnum() and units[-1][1] == font \
                        and units[-1][0][-1].isascii() and units[-1][0][-1].isalnum():
                    units[-1] = (units[-1][0] + ch, font)
                else:
                    units.append((ch, font))
        return units

    def _lines(self, runs: list[tuple[str, str]], size: float, width: float,
               first_indent: float) -> list[list[tuple[str, str, float]]]:
        """Units placed on lines: (text, font, x offset)."""
        lines: list[list[tuple[str, str, float]]] = [[]]
        x = first_indent
        prev = ""
        for text, font in self._units(runs):
            w = self._width(text, font, size)
            gap = self.p.autospace_em * size if prev and (
                (_is_cjk(prev[-1]) and text[0].isascii() and text[0].isalnum())
                or (prev[-1].isascii() and prev[-1].isalnum() and _is_cjk(text[0]))) else 0.0
            if x + gap + w > width + 0.01 and lines[-1]:
                lines.append([])
                x, gap = 0.0, 0.0
            lines[-1].append((text, font, x + gap))
            x += gap + w
            prev = text
        return lines

    def _new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.y = self.y_top

    def _footer(self) -> None:
        self.canvas.setFont(self.fonts["body"], 9)
        label = f"第 {self.page} 页"
        self.canvas.drawCentredString(self.width / 2, self.y_bottom / 2, label)

    def paragraph(self, runs: list[tuple[str, str]], size: float, align: str = "justify",
                  indent_chars: float = 2.0) -> None:
        width = self.x1 - self.x0
        lines = self._lines(runs, size, width, indent_chars * size if align == "justify" else 0)
        leading = size * 1.5
        for line in lines:
            if self.y - leading < self.y_bottom:
                self._new_page()
            self.y -= leading
            used = line[-1][2] + self._width(line[-1][0], line[-1][1], size) if line else 0
            shift = {"center": (width - used) / 2, "right": width - used - 2 * size}.get(align, 0)
            for text, font, x in line:
                self.canvas.setFont(self.fonts[font], size)
                self.canvas.drawString(self.x0 + shift + x, self.y, text)

    def blank(self, size: float) -> None:
        self.y -= size * 1.5

    # --- tables ------------------------------------------------------------------------

    def table(self, table: layout.Table) -> None:
        self.tables += 1
        p = self.p
        size = p.table_pt
        scale = (self.x1 - self.x0) / (sum(table.widths_mm) * MM)
        widths = [w * MM * scale for w in table.widths_mm]
        xs = [self.x0]
        for w in widths:
            xs.append(xs[-1] + w)
        pad = 2.0
        line_h = size * 1.25
        wrapped = {id(c): self._lines([(c.text, "table")], size,
                                      xs[c.col + c.colspan] - xs[c.col] - 2 * pad, 0)
                   for c in table.cells}
        heights = [line_h + 2 * pad] * table.n_rows
        for c in table.cells:
            if c.rowspan == 1:
                need = len(wrapped[id(c)]) * line_h + 2 * pad
                heights[c.row] = max(heights[c.row], need)
        flat = p.flat_table4 if table.name == "remedy" else None
        breaks = {p.break_table3_before} if table.name == "apply" and p.break_table3_before else set()
        # Page parts: rows [start, end) on one page, header rows repeated on later pages.
        parts: list[tuple[int, int]] = []
        start = 0
        room = self.y - self.y_bottom
        used = 0.0
        for r in range(table.n_rows):
            if (used + heights[r] > room or r in breaks) and r > start:
                parts.append((start, r))
                start, used = r, sum(heights[:table.header_rows])
                room = self.y_top - self.y_bottom
            used += heights[r]
        parts.append((start, table.n_rows))
        for k, (first, end) in enumerate(parts):
            if k:
                self._new_page()
            rows = ([*range(table.header_rows)] if k and table.header_rows else []) + \
                list(range(first, end))
            tops: dict[int, float] = {}
            y = self.y
            for r in rows:
                tops[r] = y
                y -= heights[r]
            bottom_of = {r: tops[r] - heights[r] for r in rows}
            for c in table.cells:
                covered = [r for r in range(c.row, c.row + c.rowspan) if r in tops]
                if not covered:
                    continue
                top, bottom = tops[covered[0]], bottom_of[covered[-1]]
                lines = wrapped[id(c)]
                header = c.row < table.header_rows
                if c.rowspan > 1 and k and c.row < first and not header:  # a cut label's rest
                    lines = lines[self._fitting(c, parts[k - 1], heights, line_h, pad):]
                elif c.rowspan > 1 and c.row + c.rowspan > end and not header:
                    lines = lines[:self._fitting(c, (first, end), heights, line_h, pad)]
                bare = flat is not None and c.row == table.n_rows - 1
                if not bare:
                    self._box(xs[c.col], top, xs[c.col + c.colspan], bottom)
                self._cell_text(c, lines, xs, top, bottom, size, line_h, pad)
            if flat == "box":
                last = table.n_rows - 1
                self._box(xs[0], tops[last], xs[-1], bottom_of[last])
            self.y = y
        self.y -= 6

    @staticmethod
    def _fitting(c: layout.TableCell, part: tuple[int, int], heights: list[float],
                 line_h: float, pad: float) -> int:
        first, end = part
        rows = range(max(c.row, first), min(c.row + c.rowspan, end))
        return max(1, int((sum(heights[r] for r in rows) - 2 * pad) // line_h))

    def _box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        c = self.canvas
        if self.p.rules == "lines":
            c.setLineWidth(0.5)
            c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
            return
        t = 0.5  # Word: each border a filled rectangle
        for rx, ry, rw, rh in ((x0, top - t, x1 - x0, t), (x0, bottom, x1 - x0, t),
                               (x0, bottom, t, top - bottom), (x1 - t, bottom, t, top - bottom)):
            c.rect(rx, ry, rw, rh, stroke=0, fill=1)

    def _cell_text(self, c: layout.TableCell, lines: list, xs: list[float], top: float,
                   bottom: float, size: float, line_h: float, pad: float) -> None:
        block = len(lines) * line_h
        y = top - ((top - bottom) - block) / 2 - line_h + (line_h - size) / 2 + 1
        width = xs[c.col + c.colspan] - xs[c.col] - 2 * pad
        for line in lines:
            used = line[-1][2] + self._width(line[-1][0], line[-1][1], size) if line else 0
            shift = 0.0 if c.role == "label" else (width - used) / 2
            for text, font, x in line:
                self.canvas.setFont(self.fonts[font], size)
                self.canvas.drawString(xs[c.col] + pad + shift + x, y, text)
            y -= line_h

    def finish(self) -> None:
        self._footer()
        self.canvas.save()


_SIZE = {"title": "title_pt"}


def word_like_pdf(doc: layout.Document, path: Path, producer: Producer | None = None) -> Path:
    """The document set as Word or WPS would print it."""
    p = producer or Producer()
    out = WordLikePdf(path, p)
    for block in doc.blocks:
        if isinstance(block, layout.Paragraph):
            runs = [(r.text, r.font) for r in block.runs]
            if block.style == "title":
                out.paragraph(runs, p.title_pt, "center", 0)
            elif block.style in ("table_title",):
                out.paragraph(runs, p.body_pt, "center", 0)
            elif block.style == "attachment_label":
                out.paragraph(runs, p.body_pt, "left", 0)
            else:
                out.paragraph(runs, p.body_pt)
        elif isinstance(block, layout.Blank):
            out.blank(p.body_pt)
        elif isinstance(block, layout.PageBreak):
            out._new_page()
        elif isinstance(block, layout.Table):
            out.table(block)
        elif isinstance(block, layout.Signoff):
            out.paragraph([(block.organ.text, "body")], p.body_pt, "right", 0)
            out.paragraph([(block.date.text, "body")], p.body_pt, "right", 0)
    out.finish()
    return path
