"""Grid constants in points and paragraph styles for GridParagraph.

Why: GB/T 9704-2012 fixes 28 characters × 22 lines in a 156 × 225 mm text block; the numbers
are `govreport.layout.style`'s, converted here to the points reportlab works in, and the
presets encode the per-element rules (body indented 2 cells, headings keep with next, centred
title, right-indented sign-off, natural-width table cells) so callers do not rebuild them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govreport.layout.style import (
    BODY_PT,
    CHARS_PER_LINE,
    CONDENSE_PT,
    LINE_PITCH_PT,
    PAGE,
    TITLE_PT,
)
from govreport.writers.pdf.linebreak import Align

MM = 72 / 25.4
TEXT_WIDTH = PAGE.text_width_mm * MM  # 版心 width, 442.205 pt
TEXT_HEIGHT = PAGE.text_height_mm * MM  # 版心 height, 637.795 pt
CELL_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # 15.793 pt: a 3号 glyph set 0.21 pt tighter
# What a line holds is measured as Word and LibreOffice measure the DOCX, where a 3号
# character is condensed by 0.25 pt (15.75 pt): a line
# may take a character more than its cells allow by up to this much per cell, its gaps then
# tightened, so that every renderer breaks the lines at the same places.
CELL_COMPRESS = CELL_PITCH - (BODY_PT - CONDENSE_PT)  # 0.043 pt
LINE_PITCH = LINE_PITCH_PT
BODY_SIZE = BODY_PT
TITLE_SIZE = TITLE_PT


@dataclass(frozen=True, slots=True)
class FontSpec:
    """A registered reportlab font name and a size in points; ``stroke`` > 0 emboldens the
    glyphs (filled and stroked with a line that wide, for a bold role without a bold face)."""

    name: str
    size: float
    stroke: float = 0.0


@dataclass(frozen=True, slots=True)
class GridStyle:
    """How a GridParagraph is set. Lengths are points; spaces are counted in lines.

    ``fonts`` maps the style keys used in runs to fonts (every key must be present, so no
    run can fall back to reportlab's Helvetica). ``cell`` is the grid pitch of wide
    characters, None for natural advances. ``ascent`` places the baseline: the em box is
    centred in the line box with this fraction of the size above the baseline. ``snap``
    rounds the paragraph height up to a multiple of it (e.g. a title with its own leading
    followed by body text on the body grid). ``squeeze`` (points per gap) lets a line that is
    slightly too wide stay whole with tightened spacing instead of wrapping. ``tracking`` is
    added to every narrow character's advance and ``compress`` is what each cell may give up
    for a line to hold one more token (grid text is measured like the DOCX's).
    """

    fonts: Mapping[str, FontSpec]
    default: str = "fang"
    cell: float | None = CELL_PITCH
    leading: float = LINE_PITCH
    first_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    align: Align = Align.JUSTIFY
    space_before: int = 0
    space_after: int = 0
    keep_with_next: bool = False
    balance: bool = False
    squeeze: float = 0.0
    snap: float | None = None
    ascent: float = 0.88
    tracking: float = 0.0
    compress: float = 0.0


def cells(n: float, pitch: float = CELL_PITCH) -> float:
    """Width of ``n`` grid cells (GB/T 9704's "空N字")."""
    return n * pitch


def body_style(fonts: Mapping[str, FontSpec], default: str = "fang", **kw: Any) -> GridStyle:
    """Body text: 28 cells per line, first line indented 2 cells, justified."""
    kw.setdefault("first_indent", cells(2))
    return GridStyle(fonts, default, **kw)


def heading_style(fonts: Mapping[str, FontSpec], default: str = "hei", **kw: Any) -> GridStyle:
    """一、/（一） headings: body grid and indent, kept with the following paragraph."""
    kw.setdefault("keep_with_next", True)
    kw.setdefault("first_indent", cells(2))
    return GridStyle(fonts, default, **kw)


def title_style(fonts: Mapping[str, FontSpec], default: str = "title", **kw: Any) -> GridStyle:
    """Title: natural 22 pt advances, centred, lines balanced, kept with what follows."""
    kw.setdefault("keep_with_next", True)
    kw.setdefault("balance", True)
    kw.setdefault("cell", None)
    kw.setdefault("align", Align.CENTER)
    return GridStyle(fonts, default, **kw)


def signoff_style(
    fonts: Mapping[str, FontSpec], right_cells: float, default: str = "fang", **kw: Any
) -> GridStyle:
    """署名/成文日期: right-aligned, ``right_cells`` cells in from the right edge."""
    kw.setdefault("align", Align.RIGHT)
    return GridStyle(fonts, default, right_indent=cells(right_cells), **kw)


def table_style(
    fonts: Mapping[str, FontSpec],
    default: str = "fang",
    align: Align = Align.LEFT,
    leading: float = 13.0,
    **kw: Any,
) -> GridStyle:
    """Table cells: natural advances (no grid), left or centred."""
    kw.setdefault("cell", None)
    return GridStyle(fonts, default, leading=leading, align=align, **kw)
