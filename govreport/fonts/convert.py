"""CFF (PostScript-outline, "OTTO") fonts as TrueType, because reportlab embeds TrueType only.

Converting all ~31,000 glyphs of Noto Serif SC takes 20-25 s of CPU, yet a report uses about
a thousand of them. So a CFF face is converted in two parts, each cached (`ttfcache.py`):

* `write_outline_free_ttf`: every table of the source but the outlines, with an empty `glyf`,
  so that reportlab can load the complete cmap and advance widths (a fraction of a second);
* `GlyphConverter`: the TrueType outlines of chosen glyphs, converted when a PDF first embeds
  them (`glyphstore.py`, `cffsubset.py`). A glyph comes out the same whenever it is converted
  and whatever was converted before, so the PDF depends only on the text and the font file.

Each CFF charstring is drawn through cu2qu and dropped again at once, which keeps memory low
(~50 MB for a process converting Noto Serif SC glyphs).
"""

from __future__ import annotations

import struct
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.filterPen import DecomposingFilterPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import SFNTWriter
from fontTools.ttLib.ttFont import sortedTagList

from .fontfile import release
from .glyphstore import ConvertedGlyph

# Maximum cubic-to-quadratic approximation error, in font units (1/1000 em for CJK fonts).
MAX_ERR = 1.0
# Tables that only make sense for CFF outlines or are invalidated by the conversion.
_DROPPED = frozenset({"CFF ", "VORG", "DSIG"})


def _open(src: Path, index: int) -> TTFont:
    font = TTFont(src, fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    if "CFF " not in font:
        release(font)
        raise ValueError(f"{src} face {index} has no CFF table")
    return font


def write_outline_free_ttf(src: Path, index: int, out: BinaryIO) -> int:
    """Write face `index` of the CFF font `src` to the seekable `out` as a TrueType font whose
    glyphs are all empty; return its glyph count.

    Everything reportlab reads when loading a font is the source's: names, cmap, advance
    widths, ascent and descent, and the head table's bounding box (the PDF's FontBBox). The
    outlines come from `GlyphConverter` when a subset is made. Tables are patched as bytes:
    decompiling maxp would parse the whole CFF table (11 MB for Noto Serif SC).
    """
    font = _open(src, index)
    try:
        reader = font.reader
        (num_glyphs,) = struct.unpack_from(">H", reader["maxp"], 4)
        tables: dict[str, bytes | None] = {
            "head": _outline_free_head(reader["head"]),
            "maxp": _outline_free_maxp(num_glyphs),
            "post": _post_without_names(reader["post"]),
            "loca": bytes(2 * (num_glyphs + 1)),  # short offsets, all zero: every glyph empty
            "glyf": b"",
        }
        source_tags = reader.keys()  # SFNTReader is not iterable
        for tag in source_tags:
            if tag not in tables and tag not in _DROPPED:
                tables[tag] = None  # copied raw from the source when written
        _write_sfnt(out, tables, font)
        return int(num_glyphs)
    finally:
        release(font)


def _outline_free_maxp(num_glyphs: int) -> bytes:
    """maxp 1.0 (TrueType) with every maximum zero, as the empty glyphs have it, and one zone
    (no twilight zone: there are no instructions); a subset's real maxima are set by
    `cffsubset.py` from the glyphs it holds."""
    before_zones = (0, 0, 0, 0)  # maxPoints, maxContours, maxCompositePoints/Contours
    after_zones = (0,) * 8  # maxTwilightPoints .. maxComponentDepth
    return struct.pack(">IH13H", 0x00010000, num_glyphs, *before_zones, 1, *after_zones)


_HEAD_LOCA_FORMATS = struct.Struct(">hh")  # indexToLocFormat, glyphDataFormat at offset 50


def _outline_free_head(head: bytes) -> bytes:
    """The source's head (its bounding box is then the same for every subset) for short loca
    offsets and TrueType glyph data."""
    patched = bytearray(head)
    _HEAD_LOCA_FORMATS.pack_into(patched, 50, 0, 0)
    return bytes(patched)


def _post_without_names(post: bytes) -> bytes:
    """post format 3 (no glyph names: CID-keyed fonts have no useful ones)."""
    return struct.pack(">I", 0x00030000) + post[4:32]


def _write_sfnt(out: BinaryIO, tables: dict[str, bytes | None], font: TTFont) -> None:
    """Write tables one at a time; `None` means "copy the source table's raw bytes"."""
    tags = sortedTagList(list(tables))
    writer = SFNTWriter(out, len(tags), sfntVersion="\0\1\0\0")
    for tag in tags:
        data = tables.pop(tag)  # let each table's bytes go once written
        writer[tag] = font.reader[tag] if data is None else data
    writer.close()


class GlyphConverter:
    """Converts glyphs of one CFF face to TrueType, by glyph id; the source is parsed once."""

    def __init__(self, src: Path, index: int) -> None:
        self._font = _open(src, index)
        self._charstrings = self._font["CFF "].cff.topDictIndex[0].CharStrings
        self._order = self._font.getGlyphOrder()
        self._glyph_set: Any = None

    def __enter__(self) -> GlyphConverter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        release(self._font)

    def convert(self, gid: int) -> ConvertedGlyph:
        """Glyph `gid` drawn through cu2qu (error `MAX_ERR`, contours reversed for TrueType)."""
        name = self._order[gid]
        pen = TTGlyphPen(None)
        self._charstrings[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        if pen.components:  # seac accents in name-keyed fonts: draw the parts as outlines
            self._glyph_set = self._glyph_set or self._font.getGlyphSet()
            pen = TTGlyphPen(None)
            decomposer = DecomposingFilterPen(
                Cu2QuPen(pen, MAX_ERR, reverse_direction=True),
                self._glyph_set,
                skipMissingComponents=True,
            )
            self._charstrings[name].draw(decomposer)
        self._forget(name)
        glyph = pen.glyph()
        if glyph.numberOfContours <= 0:
            return 0, b""
        glyph.recalcBounds(None)
        data = glyph.compile(None, recalcBBoxes=False)
        return int(glyph.xMin), data + b"\0" * (-len(data) % 4)

    def _forget(self, name: str) -> None:
        """Drop the decompiled charstring; the raw bytes stay in the CFF index for re-reading."""
        charstrings = self._charstrings
        if charstrings.charStringsAreIndexed:
            charstrings.charStringsIndex.items[charstrings.charStrings[name]] = None
