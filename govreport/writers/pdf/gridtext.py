"""GridParagraph: a reportlab flowable that sets Chinese text on the GB/T 9704 grid.

Why not ``Paragraph(wordWrap='CJK')``: it fits only 27 characters of 3号 text into 156 mm,
lets "，" start a line or hang into the margin, and cannot justify CJK lines (typography spec
§3.2). This flowable uses :mod:`govreport.writers.pdf.linebreak` for line breaking and places every
glyph itself, so body lines hold exactly 28 cells and pages exactly 22 lines.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from govreport.layout.style import AUTOSPACE_EM
from govreport.writers.pdf.chars import is_doubled
from govreport.writers.pdf.linebreak import Line, Piece, Span, break_lines, widest_token
from govreport.writers.pdf.styles import FontSpec, GridStyle

_FUZZ = 1e-6

# Broken lines by everything that decides them (text, fonts, width, style): a table's cells
# repeat the same texts ("0" hundreds of times), and reportlab wraps a paragraph several times
# while fitting it, splitting it and keeping it with a heading. Lines are immutable.
_BROKEN: dict[tuple, list[Line]] = {}
_BROKEN_MAX = 20_000


class GridParagraph(Flowable):
    """A paragraph of runs ``(text, style_key)``; each key names a font in ``style.fonts``.

    ``wrap`` returns whole line pitches, ``split`` cuts at line boundaries (the first-line
    indent stays with the first part), spaces before/after are whole line pitches, and
    ``keepWithNext`` comes from the style, so text stays on the line grid across pages.
    """

    def __init__(self, runs: str | Sequence[Piece], style: GridStyle) -> None:
        super().__init__()
        self.runs: tuple[Piece, ...] = (
            ((runs, style.default),) if isinstance(runs, str) else tuple(runs)
        )
        for _, key in self.runs:
            if key not in style.fonts:
                raise KeyError(f"style key {key!r} has no font in GridStyle.fonts")
        self.grid_style = style
        self.spaceBefore = style.space_before * style.leading
        self.spaceAfter = style.space_after * style.leading
        self.keepWithNext = style.keep_with_next
        self._continued = False
        self._base = 0  # line offsets of a split part count from the original paragraph
        self._lines: list[Line] = []
        self._avail: float | None = None
        self._adv: dict[tuple[str, str], float] = {}

    def __repr__(self) -> str:
        text = "".join(t for t, _ in self.runs)
        return f"GridParagraph({text[:20]!r}{'…' if len(text) > 20 else ''})"

    # --- layout -------------------------------------------------------------------------

    def _autospace(self, key: str) -> float:
        """The space between an ideograph and a Latin word. Measured in LibreOffice, it is the
        gap between the two glyphs: the condensing of the character before it is undone."""
        return AUTOSPACE_EM * self.grid_style.fonts[key].size - self.grid_style.tracking

    def measure(self, text: str, key: str) -> float:
        """Natural width of ``text`` in the font of style key ``key`` (points)."""
        font = self.grid_style.fonts[key]
        return stringWidth(text, font.name, font.size)

    @property
    def lines(self) -> list[Line]:
        """Lines from the last ``wrap`` (empty before the first one)."""
        return self._lines

    def _layout(self, avail_width: float) -> None:
        st = self.grid_style
        first = st.left_indent + (0.0 if self._continued else st.first_indent)
        width = avail_width - st.right_indent
        fonts = tuple(sorted({(key, st.fonts[key].name, st.fonts[key].size)
                              for _, key in self.runs}))
        key = (self.runs, width, fonts, first, st.left_indent, st.cell, st.align, st.balance,
               st.squeeze, st.tracking, st.compress)
        lines = _BROKEN.get(key)
        if lines is None:
            lines = break_lines(
                self.runs, width, measure=self.measure, cell=st.cell, first_indent=first,
                indent=st.left_indent, align=st.align, balance=st.balance, squeeze=st.squeeze,
                autospace=self._autospace, tracking=st.tracking, compress=st.compress,
            )
            if len(_BROKEN) >= _BROKEN_MAX:
                _BROKEN.clear()
            _BROKEN[key] = lines
        self._lines = lines
        self._avail = avail_width
        self._base = 0

    def height_of(self, n_lines: int) -> float:
        """Height of the first ``n_lines`` lines (at most all of them), snapped if asked."""
        h = min(n_lines, len(self._lines)) * self.grid_style.leading
        snap = self.grid_style.snap
        if snap:
            h = math.ceil(h / snap - _FUZZ) * snap
        return h

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break lines for ``availWidth``; height is a whole number of line pitches."""
        if self._avail is None or abs(self._avail - availWidth) > _FUZZ:
            self._layout(availWidth)
        self.width, self.height = availWidth, self.height_of(len(self._lines))
        return self.width, self.height

    def minWidth(self) -> float:
        """Widest unbreakable token plus indents, for tables sizing their columns."""
        st = self.grid_style
        widest = widest_token(self.runs, self.measure, st.cell)
        return widest + st.left_indent + max(st.first_indent, 0.0) + st.right_indent

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Cut after the last whole line that fits; [] when not even one line fits."""
        self.wrap(availWidth, availHeight)
        n = len(self._lines)
        fit = min(n, int((availHeight + _FUZZ) // self.grid_style.leading))
        while fit > 0 and self.height_of(fit) > availHeight + _FUZZ:  # snapped heights
            fit -= 1
        if fit >= n:
            return [self]
        if fit == 0:
            return []
        cut = self._lines[fit].start
        head_runs = _slice_runs(self.runs, 0, cut - self._base)
        head = self._part(self._lines[:fit], head_runs, self._base, continued=self._continued)
        head.spaceAfter = 0.0
        tail_runs = _slice_runs(self.runs, cut - self._base, None)
        tail = self._part(self._lines[fit:], tail_runs, cut, continued=True)
        tail.spaceBefore = 0.0
        return [head, tail]

    def _part(
        self, lines: list[Line], runs: tuple[Piece, ...], base: int, *, continued: bool
    ) -> GridParagraph:
        """A paragraph holding ``lines`` without re-breaking; ``runs`` start at offset ``base``."""
        part = GridParagraph(runs, self.grid_style)
        part.spaceBefore, part.spaceAfter = self.spaceBefore, self.spaceAfter
        part.keepWithNext = self.keepWithNext
        part._continued = continued
        part._adv = self._adv
        part._lines, part._avail, part._base = lines, self._avail, base
        return part

    # --- drawing ------------------------------------------------------------------------

    def draw(self) -> None:
        """Draw every span with an explicit font, position and character spacing."""
        st = self.grid_style
        stroke = max((st.fonts[s.style].stroke for line in self._lines for s in line.spans),
                     default=0.0)
        if stroke:  # the line width of emboldened glyphs (drawOn restores the state after)
            self.canv.setLineWidth(stroke)
        pen = _Pen(self.canv.beginText(), st.leading)
        for row, line in enumerate(self._lines):
            if not line.spans:
                continue
            size = max(st.fonts[s.style].size for s in line.spans)
            top = self.height - row * st.leading
            y = top - ((st.leading - size) / 2 + st.ascent * size)
            for span in line.spans:
                self._draw_span(pen, span, y)
        self.canv.drawText(pen.finish())

    def _advance(self, ch: str, key: str) -> float:
        adv = self._adv.get((ch, key))
        if adv is None:
            adv = self._adv[(ch, key)] = self.measure(ch, key)
        return adv

    def _draw_span(self, pen: _Pen, span: Span, y: float) -> None:
        """Natural spans in one go; grid spans centre each glyph in its cell.

        Consecutive glyphs with the same advance share one text-show with Tc = step − advance,
        so a proportional quote in an otherwise full-width font gets its own centred cell.
        A doubled dash or ellipsis ("——", "……") is one mark over two cells: its glyphs are
        set touching and centred as a pair, or a font whose dash is narrower than a cell
        (Noto Serif SC: 0.89 em) would print it as two dashes with a gap.
        """
        pen.font(self.grid_style.fonts[span.style])
        if span.cell is None:
            pen.show(span.x, y, span.text, span.gap)
            return
        step = span.cell + span.gap
        text, k = span.text, 0
        while k < len(text):
            adv = self._advance(text[k], span.style)
            if is_doubled(text[k], text[k + 1 : k + 2]):
                u = k + 1
                while u < len(text) and text[u] == text[k]:
                    u += 1
                room = (u - k - 1) * step + span.cell
                pen.show(span.x + k * step + (room - (u - k) * adv) / 2, y, text[k:u], 0.0)
                k = u
                continue
            u = k + 1
            while (u < len(text) and abs(self._advance(text[u], span.style) - adv) < _FUZZ
                   and not is_doubled(text[u], text[u + 1 : u + 2])):
                u += 1
            pen.show(span.x + k * step + (span.cell - adv) / 2, y, text[k:u], step - adv)
            k = u


class _Pen:
    """A text object that emits font, Tc and Tr operators only when they change."""

    def __init__(self, tx: PDFTextObject, leading: float) -> None:
        self._tx = tx
        self._leading = leading
        self._font: FontSpec | None = None
        self._tc: float | None = None  # unknown: whatever earlier content left in the state

    def font(self, font: FontSpec) -> None:
        if font != self._font:
            before = self._font
            if before is None or (before.name, before.size) != (font.name, font.size):
                self._tx.setFont(font.name, font.size, self._leading)
            if bool(font.stroke) != bool(before and before.stroke):
                self._tx.setTextRenderMode(2 if font.stroke else 0)  # fill and stroke: bold
            self._font = font

    def show(self, x: float, y: float, text: str, tc: float) -> None:
        """Show ``text`` at (x, y) with character spacing ``tc``."""
        if self._tc is None or abs(tc - self._tc) > _FUZZ:
            self._tx.setCharSpace(tc)
            self._tc = tc
        self._tx.setTextOrigin(x, y)
        # Every show sets its origin, so the cursor advance `textOut` computes (a string
        # width per show, ~3 % of a warm PDF render) is never used: `_textOut` emits the
        # same operators without it.
        self._tx._textOut(text)

    def finish(self) -> PDFTextObject:
        """Reset Tc (text state outlives BT/ET) and hand back the text object."""
        if self._tc is not None and self._tc != 0:
            self._tx.setCharSpace(0)
        if self._font is not None and self._font.stroke:
            self._tx.setTextRenderMode(0)
        return self._tx


def _slice_runs(runs: Sequence[Piece], start: int, end: int | None) -> tuple[Piece, ...]:
    """The runs' characters from offset ``start`` to ``end`` (None: to the end)."""
    out: list[Piece] = []
    pos = 0
    for text, key in runs:
        lo, hi = max(start - pos, 0), len(text) if end is None else min(end - pos, len(text))
        if lo < hi:
            out.append((text[lo:hi], key))
        pos += len(text)
    return tuple(out)
