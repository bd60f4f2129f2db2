"""Reading a built PDF back the way a reader sees it: pages, lines, cells, fonts, metadata.

Glyph positions come from `tests/pdf/pdfglyphs.py` (pypdf replaying the text operators).
Lines are rebuilt from them: glyphs on one baseline of one page form a row; a row of table
text is cut where the gap between neighbouring glyphs is wider than a cell's padding, so the
cells of a table row come out as separate lines. (Rows of 3号 grid text are never cut: a font's
narrow dash or dot is centred in its cell and leaves gaps of several points.) Lengths are PDF points unless a name says `_mm`; `top_mm`
is measured from the top edge of the paper, as GB/T 9704 gives its margins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.pdf.pdfglyphs import Glyph, read_glyphs

MM = 72 / 25.4
PAGE_HEIGHT = 841.89  # A4
TEXT_LEFT_MM, TEXT_RIGHT_MM = 28.0, 184.0  # 版心: 28 mm from the left, 156 mm wide
TEXT_TOP_MM, TEXT_BOTTOM_MM = 37.0, 262.0  # 37 mm from the top, 225 mm high
CELL = 156 * MM / 28  # one grid cell: 15.79 pt
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NUMBER_PT = 16.0, 22.0, 10.5, 14.0

# GB/T 15834 line-breaking rules, as the issue states them (not imported from the writer).
NO_LINE_START = set("，。、；：？！）》」』】〕…—”’")
NO_LINE_END = set("（《「『【〔“‘")
WIDE_PUNCTUATION = set("“”‘’—…·")
PAGE_NUMBER = re.compile(r"^— (\d+) —$")
_CELL_GAP = 3.0  # pt: a wider gap starts a new table cell (cells are 5.7 pt apart, an autospace is 2.1)


def mm(pt: float) -> float:
    return pt / MM


def is_wide(ch: str) -> bool:
    import unicodedata

    return ch in WIDE_PUNCTUATION or unicodedata.east_asian_width(ch) in ("W", "F")


def cells(g: Glyph) -> float:
    """Width of a glyph in grid cells: a CJK character is one cell, a digit its advance."""
    return 1.0 if is_wide(g.char) else (g.x1 - g.x0) / CELL


def left_edge(g: Glyph) -> float:
    """Where the glyph's box starts: its grid cell for 3号 CJK text, else its advance box."""
    if g.size == BODY_PT and is_wide(g.char):
        return g.centre - CELL / 2
    return g.x0


def right_edge(g: Glyph) -> float:
    if g.size == BODY_PT and is_wide(g.char):
        return g.centre + CELL / 2
    return g.x1


@dataclass(frozen=True)
class Line:
    """Glyphs of one page on one baseline, left to right, with no cell gap between them."""

    page: int  # 0-based
    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)

    @property
    def baseline(self) -> float:
        return self.glyphs[0].y

    @property
    def top_mm(self) -> float:
        """Baseline's distance from the top edge of the paper."""
        return mm(PAGE_HEIGHT - self.baseline)

    @property
    def left(self) -> float:
        return left_edge(self.glyphs[0])

    @property
    def right(self) -> float:
        return right_edge(self.glyphs[-1])

    @property
    def cells(self) -> float:
        return sum(cells(g) for g in self.glyphs)

    @property
    def fonts(self) -> set[str]:
        return {g.font for g in self.glyphs}

    def in_text_block(self) -> bool:
        return TEXT_TOP_MM <= self.top_mm <= TEXT_BOTTOM_MM


def split_lines(glyphs: list[Glyph]) -> list[Line]:
    """Rows of glyphs (page, baseline) cut at cell gaps, in reading order."""
    rows: dict[tuple[int, float], list[Glyph]] = {}
    for g in glyphs:
        rows.setdefault((g.page, round(g.y, 1)), []).append(g)
    out: list[Line] = []
    for page, y in sorted(rows, key=lambda k: (k[0], -k[1])):
        row = sorted(rows[(page, y)], key=lambda g: g.x0)
        start = 0
        for i in range(1, len(row) + 1):
            if i == len(row) or (row[i].size < BODY_PT and row[i - 1].size < BODY_PT
                                 and row[i].x0 - row[i - 1].x1 > _CELL_GAP):
                out.append(Line(page, tuple(row[start:i])))
                start = i
    return out


@dataclass(frozen=True)
class PageNumber:
    page: int
    value: int
    x0_mm: float
    x1_mm: float
    baseline_mm: float  # from the bottom edge of the paper
    font: str
    size: float


class Pdf:
    """One PDF file, read once: glyphs, lines, page numbers, fonts and document information."""

    def __init__(self, path: Path):
        self.path = path
        self.data = path.read_bytes()
        self.reader = PdfReader(str(path))

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)

    @cached_property
    def glyphs(self) -> list[Glyph]:
        return read_glyphs(self.path)

    @cached_property
    def lines(self) -> list[Line]:
        return split_lines(self.glyphs)

    def text_lines(self, size: float | None = None) -> list[Line]:
        """Lines inside the 版心, optionally only those set at `size`."""
        return [ln for ln in self.lines
                if ln.in_text_block() and (size is None or ln.size == size)]

    def lines_on(self, page: int) -> list[Line]:
        return [ln for ln in self.text_lines() if ln.page == page]

    @cached_property
    def page_numbers(self) -> list[PageNumber]:
        out = []
        for ln in self.lines:
            match = PAGE_NUMBER.match(ln.text)
            if match and ln.top_mm > TEXT_BOTTOM_MM:
                out.append(PageNumber(ln.page, int(match[1]), mm(ln.glyphs[0].x0),
                                      mm(ln.glyphs[-1].x1), mm(ln.baseline), ln.glyphs[0].font,
                                      ln.size))
        return out

    def page_text(self, page: int) -> str:
        """pypdf's text of a page, without its page number and without any whitespace."""
        text = self.reader.pages[page].extract_text()
        kept = [ln for ln in text.splitlines() if not PAGE_NUMBER.match(ln.strip())]
        return re.sub(r"\s+", "", "".join(kept))

    @cached_property
    def text(self) -> str:
        return "".join(self.page_text(p) for p in range(self.page_count))

    @cached_property
    def fonts(self) -> dict[str, Any]:
        """Every font dictionary reachable from any page, by object id."""
        out: dict[str, Any] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources", {})
            for ref in resources.get("/Font", {}).values():
                out[repr(ref)] = ref.get_object()
        return out

    @property
    def info(self) -> dict[str, str]:
        return {k: str(v) for k, v in (self.reader.metadata or {}).items()}

    @property
    def catalog(self) -> Any:
        return self.reader.trailer["/Root"]


def base_font(font: Any) -> str:
    """BaseFont without the six-letter subset tag."""
    return str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]


def subset_tag(font: Any) -> str | None:
    name = str(font["/BaseFont"]).lstrip("/")
    return name.split("+", 1)[0] if "+" in name else None


def embedded_program(font: Any) -> bytes | None:
    """The embedded font file of a simple or composite font, or None."""
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return descriptor[key].get_object().get_data()
    return None
