"""Characters of a text PDF into lines, and lines into text, as a reader sees them.

A PDF holds glyphs at positions, nothing more. Lines are glyphs on one baseline; the text of
a line is its glyphs left to right, with a space only where the PDF draws one or where two
Latin words stand a word space apart. The autospace that Word, WPS, LibreOffice and govreport
set between an ideograph and a digit or Latin letter (2024 年, about 0.2 em) is never read
as a space, so 2024年 comes back as it was typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

_SUBSET = re.compile(r"^[A-Z]{6}\+")
WORD_SPACE_EM = 0.25


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str  # the font's name without the subset prefix (ABCDEF+)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


DUPLICATE_PT = 1.0
"""A glyph drawn again within this distance is the same glyph: Word and WPS make a bold face
they lack by drawing each character twice, slightly offset."""


def glyphs_of(chars: list[dict]) -> list[Glyph]:
    """pdfplumber's characters as glyphs, each character drawn twice for fake bold once."""
    out: list[Glyph] = []
    for c in chars:
        text = c.get("text") or ""
        if not text:
            continue
        out.append(Glyph(text, float(c["x0"]), float(c["x1"]), float(c["top"]),
                         float(c["bottom"]), round(float(c.get("size") or 0), 1),
                         _SUBSET.sub("", str(c.get("fontname") or ""))))
    kept: list[Glyph] = []
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    for g in out:
        row, col = int(g.top // DUPLICATE_PT), int(g.x0 // DUPLICATE_PT)
        near = (other for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                for other in seen.get((g.text, row + dr, col + dc), ()))
        if not g.text.isspace() and any(abs(o.top - g.top) <= DUPLICATE_PT
                                        and abs(o.x0 - g.x0) <= DUPLICATE_PT for o in near):
            continue
        seen.setdefault((g.text, row, col), []).append(g)
        kept.append(g)
    return kept


@functools.lru_cache(maxsize=16384)
def is_ideograph(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo" and unicodedata.east_asian_width(ch) in ("W", "F")


def _latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


@dataclass
class Line:
    """Glyphs on one baseline of one page, left to right."""

    glyphs: list[Glyph]
    page: int
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.glyphs.sort(key=lambda g: g.x0)
        self.text = join_glyphs(self.glyphs)

    @property
    def words(self) -> list[Glyph]:
        return [g for g in self.glyphs if not g.text.isspace()]

    @property
    def x0(self) -> float:
        w = self.words
        return w[0].x0 if w else self.glyphs[0].x0

    @property
    def x1(self) -> float:
        w = self.words
        return w[-1].x1 if w else self.glyphs[-1].x1

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)


def join_glyphs(glyphs: list[Glyph]) -> str:
    """The text of glyphs in reading order: PDF spaces kept, a space added between Latin
    words that stand apart, none between an ideograph and a digit or letter."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None and not prev.text.isspace() and not g.text.isspace() \
                and _latin(prev.text[-1]) and _latin(g.text[0]) \
                and g.x0 - prev.x1 > WORD_SPACE_EM * max(g.size, 1.0):
            out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def lines_of(glyphs: list[Glyph], page: int) -> list[Line]:
    """Glyphs grouped into lines by their vertical centre, top to bottom."""
    lines: list[list[Glyph]] = []
    centres: list[float] = []
    for g in sorted(glyphs, key=lambda g: (g.cy, g.x0)):
        tolerance = max(g.size, 1.0) * 0.5
        if lines and abs(g.cy - centres[-1]) <= tolerance:
            lines[-1].append(g)
            continue
        lines.append([g])
        centres.append(g.cy)
    return [Line(gs, page) for gs in lines if any(not g.text.isspace() for g in gs)]


def joined_lines(lines: list[Line], keep_spaces: bool = False) -> str:
    """Lines of one cell or one paragraph as one text: wrapped CJK joins directly; two Latin
    words broken at a line end get their space back. `keep_spaces` keeps a space the PDF
    draws at a line's start or end (inside a paragraph it is the author's)."""
    out = ""
    for line in lines:
        text = line.text if keep_spaces else line.text.strip()
        if not text:
            continue
        if out and _latin(out[-1]) and out[-1].isalnum() and text[0].isascii() \
                and text[0].isalnum():
            out += " "
        out += text
    return out
