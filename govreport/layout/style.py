"""The typographic decisions of a GB/T 9704-2012 document, in one place for every writer.

Numbers are from ../shared/spec/typography.md: A4, 版心 156 × 225 mm, body 仿宋 3号 on a grid of
22 lines × 28 characters, headings 一、黑体 / （一）楷体 / 1. and （1）仿宋, title 2号 小标宋,
page numbers 4号 宋体. Writers translate these into their own units; they decide nothing here.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from dataclasses import dataclass

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Page:
    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm


PAGE = Page()
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
LINE_PITCH_PT = 28.95  # 22 × 28.95 = 636.9 pt fits 225 mm; 29 pt would give only 21 lines
BODY_PT = 16.0  # 3号
CONDENSE_PT = 0.25  # every character of grid text set this much tighter: 28 fill 156 mm
TITLE_PT = 22.0  # 2号
TABLE_PT = 10.5  # 五号
TABLE_LINE_PT = 13.5
PAGE_NUMBER_PT = 14.0  # 4号
TITLE_LINE_PT = 35.0  # two-line titles: generous but not a full body line pair
CELL_PADDING_MM = 1.0  # left and right, in both writers

# Font roles, resolved to families by the writers (official names in DOCX, files in PDF).
FONT_ROLES = ("title", "body", "heading1", "heading2", "table", "page_number")


@dataclass(frozen=True)
class ParagraphStyle:
    """How a kind of paragraph is set: its default font role, size, alignment and indent;
    whether its lines sit on the 22 × 28 grid (body-size text) or keep their own pitch (the
    2号 title), and whether its characters are condensed so that 28 fill the 版心."""

    font: str
    size_pt: float = BODY_PT
    align: str = "justify"  # justify, left, center, right
    first_indent_chars: float = 0.0  # negative: a hanging first line (with left_indent_chars)
    left_indent_chars: float = 0.0
    keep_with_next: bool = False
    outline_level: int | None = None
    line_pt: float = LINE_PITCH_PT
    on_grid: bool = True
    condensed: bool = True


PARAGRAPH_STYLES: dict[str, ParagraphStyle] = {
    "title": ParagraphStyle("title", TITLE_PT, "center", line_pt=TITLE_LINE_PT,
                            keep_with_next=True, on_grid=False, condensed=False),
    "body": ParagraphStyle("body", first_indent_chars=2),
    "heading1": ParagraphStyle("heading1", first_indent_chars=2, keep_with_next=True,
                               outline_level=0),
    "heading2": ParagraphStyle("heading2", first_indent_chars=2, keep_with_next=True,
                               outline_level=1),
    "heading3": ParagraphStyle("body", first_indent_chars=2, keep_with_next=True,
                               outline_level=2),
    "heading4": ParagraphStyle("body", first_indent_chars=2, keep_with_next=True,
                               outline_level=3),
    "table_title": ParagraphStyle("heading1", align="center", keep_with_next=True),
    # 7.3.4: "附件：" indented 2 字; a long name wraps under its own first character.
    "attachment_note": ParagraphStyle("body", first_indent_chars=-3, left_indent_chars=5),
    "attachment_label": ParagraphStyle("heading1", align="left", keep_with_next=True),
    "signoff": ParagraphStyle("body", align="right", keep_with_next=True),
    "date": ParagraphStyle("body", align="right"),
}


@dataclass(frozen=True)
class PageNumbers:
    """Page numbers, GB/T 9704 7.5: "— N —" in 4号 宋体 with half-width digits, its 一字线
    `gap_mm` below the 版心; odd pages right and even pages left, one character in."""

    before: str = "\u2014 "
    after: str = " \u2014"
    font: str = "page_number"
    size_pt: float = PAGE_NUMBER_PT
    odd_align: str = "right"
    even_align: str = "left"
    indent_chars: float = 1.0  # from the 版心's edge, in characters of `size_pt`
    gap_mm: float = 7.0

    def text(self, number: int) -> str:
        return f"{self.before}{number}{self.after}"


PAGE_NUMBERS = PageNumbers()

# Heading style by depth below a section heading: （一） 楷体, 1. 仿宋, （1） 仿宋.
SUB_HEADING_STYLES = ("heading2", "heading3", "heading4")


@dataclass(frozen=True)
class CellStyle:
    font: str
    align: str  # left, center


CELL_STYLES: dict[str, CellStyle] = {
    "header": CellStyle("heading1", "center"),  # 表头 黑体
    "caption": CellStyle("heading1", "center"),
    "note": CellStyle("table", "center"),
    "group": CellStyle("table", "center"),
    "label": CellStyle("table", "left"),
    "input": CellStyle("table", "center"),
    "computed": CellStyle("table", "center"),
}


# East Asian Width "A" (ambiguous) punctuation that Chinese text sets full width: counted as
# one 字 here, given the East Asian font in the DOCX, one grid cell in the PDF.
FULL_WIDTH_AMBIGUOUS = frozenset("“”‘’—…·")


def char_width(ch: str) -> float:
    """Width in 字 (one CJK character): half-width characters count as half (7.3.5 arithmetic)."""
    return 0.5 if ord(ch) < 0x2E80 and ch not in FULL_WIDTH_AMBIGUOUS else 1.0


AUTOSPACE_EM = 0.2
"""The space between an ideograph and a Latin letter or digit (汉 1, 2024 年), in 字: what
Word (autoSpaceDE/autoSpaceDN, its default), WPS and LibreOffice set (measured in LibreOffice:
3.2 pt at 3号, 4.4 pt at 2号). Every writer sets it, so all break lines alike."""


@functools.lru_cache(maxsize=8192)
def _is_ideograph(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo" and unicodedata.east_asian_width(ch) in ("W", "F")


def is_autospaced(a: str, b: str) -> bool:
    """Whether the characters `a` then `b` get the autospace between them: an ideograph
    beside an ASCII letter or digit (not punctuation: 第（1）项, 5%的 stay tight)."""
    if a.isascii():
        return a.isalnum() and _is_ideograph(b)
    return b.isascii() and b.isalnum() and _is_ideograph(a)


def text_width(text: str) -> float:
    """Width in 字 as set: characters plus the autospace around Latin words."""
    spaces = sum(1 for a, b in itertools.pairwise(text) if is_autospaced(a, b))
    return sum(char_width(ch) for ch in text) + AUTOSPACE_EM * spaces
