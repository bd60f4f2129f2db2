"""CFF (PostScript-outline, "OTTO") fonts to TrueType, because reportlab embeds TrueType only.

Whole fonts are converted once per machine and cached by `ttfcache.py`. The conversion streams glyph by glyph to keep peak memory low (measured on Noto Serif SC,
31k glyphs: ~80 MB instead of ~430 MB for the textbook fontTools recipe):

* each CFF charstring is decompiled, drawn through cu2qu and dropped again at once;
* each TrueType glyph is compiled to bytes straight away (no `Glyph` objects kept);
* unchanged tables are copied as raw bytes and the file is written table by table with
  `SFNTWriter` straight into the cache file, without an in-memory copy of the whole font.

Bounding boxes, side bearings and `maxp`/`hhea` extremes are computed from the new quadratic
outlines while converting, so fontTools never has to expand the glyphs again.
"""

from __future__ import annotations

import logging
import sys
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.filterPen import DecomposingFilterPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import SFNTWriter
from fontTools.ttLib.ttFont import sortedTagList

log = logging.getLogger(__name__)

# Maximum cubic-to-quadratic approximation error, in font units (1/1000 em for CJK fonts).
MAX_ERR = 1.0
# Tables that only make sense for CFF outlines or are invalidated by the conversion.
_DROPPED = frozenset({"CFF ", "VORG", "DSIG"})


@dataclass(frozen=True)
class ConversionStats:
    """What a conversion did, for logs and benchmarks."""

    glyphs: int
    seconds: float
    output_bytes: int


def convert_cff_to_ttf(src: Path, index: int, out: BinaryIO) -> ConversionStats:
    """Write a TrueType version of face `index` of the CFF font `src` to the seekable `out`."""
    started = time.perf_counter()
    font = TTFont(src, fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    try:
        if "CFF " not in font:
            raise ValueError(f"{src} face {index} has no CFF table")
        glyf, loca, extremes = _convert_glyphs(font)
        tables: dict[str, bytes | bytearray | None] = dict(
            _updated_tables(font, extremes, loca.format)
        )
        tables["glyf"] = glyf
        tables["loca"] = loca.data
        source_tags = font.reader.keys()  # SFNTReader is not iterable
        for tag in source_tags:
            if tag not in tables and tag not in _DROPPED:
                tables[tag] = None  # copied raw from the source when written
        size = _write_sfnt(out, tables, font)
        return ConversionStats(len(font.getGlyphOrder()), time.perf_counter() - started, size)
    finally:
        font.close()


@dataclass
class _Extremes:
    """Running font-wide values needed by head, hhea and maxp."""

    x_min: int = 0x7FFF
    y_min: int = 0x7FFF
    x_max: int = -0x8000
    y_max: int = -0x8000
    min_lsb: int = 0x7FFF
    min_rsb: int = 0x7FFF
    max_extent: int = -0x8000
    max_points: int = 0
    max_contours: int = 0
    any_outline: bool = False


@dataclass
class _Loca:
    format: int
    data: bytes


def _convert_glyphs(font: TTFont) -> tuple[bytearray, _Loca, _Extremes]:
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    order = font.getGlyphOrder()
    metrics = font["hmtx"].metrics
    glyf = bytearray()
    offsets: array[int] = array("I", [0])
    ext = _Extremes()
    glyph_set: Any = None
    for name in order:
        pen = TTGlyphPen(None)
        charstrings[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        if pen.components:  # seac accents in name-keyed fonts: draw the parts as outlines
            glyph_set = glyph_set or font.getGlyphSet()
            pen = TTGlyphPen(None)
            decomposer = DecomposingFilterPen(
                Cu2QuPen(pen, MAX_ERR, reverse_direction=True),
                glyph_set,
                skipMissingComponents=True,
            )
            charstrings[name].draw(decomposer)
        _forget(charstrings, name)
        glyph = pen.glyph()
        advance = metrics[name][0]
        if glyph.numberOfContours > 0:
            glyph.recalcBounds(None)
            glyf += glyph.compile(None, recalcBBoxes=False)
            metrics[name] = (advance, glyph.xMin)
            _account(ext, glyph, advance)
        else:
            metrics[name] = (advance, 0)
        if len(glyf) % 4:
            glyf += b"\0" * (4 - len(glyf) % 4)
        offsets.append(len(glyf))
    return glyf, _compile_loca(offsets), ext


def _forget(charstrings: Any, name: str) -> None:
    """Drop the decompiled charstring; the raw bytes stay in the CFF index for re-reading."""
    if charstrings.charStringsAreIndexed:
        charstrings.charStringsIndex.items[charstrings.charStrings[name]] = None


def _account(ext: _Extremes, glyph: Any, advance: int) -> None:
    ext.any_outline = True
    ext.x_min = min(ext.x_min, glyph.xMin)
    ext.y_min = min(ext.y_min, glyph.yMin)
    ext.x_max = max(ext.x_max, glyph.xMax)
    ext.y_max = max(ext.y_max, glyph.yMax)
    ext.min_lsb = min(ext.min_lsb, glyph.xMin)  # lsb == xMin after the conversion
    ext.min_rsb = min(ext.min_rsb, advance - glyph.xMax)
    ext.max_extent = max(ext.max_extent, glyph.xMax)
    ext.max_points = max(ext.max_points, len(glyph.coordinates))
    ext.max_contours = max(ext.max_contours, glyph.numberOfContours)


def _compile_loca(offsets: array[int]) -> _Loca:
    """Short offsets (offset/2) when they fit; every offset is 4-aligned so halving is exact."""
    if offsets[-1] <= 0x1FFFE:
        packed: array[int] = array("H", (o // 2 for o in offsets))
        loca_format = 0
    else:
        packed = array("I", offsets)
        loca_format = 1
    if sys.byteorder == "little":  # sfnt data is big-endian
        packed.byteswap()
    return _Loca(loca_format, packed.tobytes())


def _updated_tables(font: TTFont, ext: _Extremes, loca_format: int) -> dict[str, bytes]:
    """Compile the tables whose content depends on the new outlines."""
    if not ext.any_outline:
        ext.x_min = ext.y_min = ext.x_max = ext.y_max = 0
        ext.min_lsb = ext.min_rsb = ext.max_extent = 0
    head = font["head"]
    head.xMin, head.yMin, head.xMax, head.yMax = ext.x_min, ext.y_min, ext.x_max, ext.y_max
    head.indexToLocFormat = loca_format
    head.glyphDataFormat = 0

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxPoints = ext.max_points
    maxp.maxContours = ext.max_contours
    maxp.maxZones = 1
    for attr in (
        "maxCompositePoints",
        "maxCompositeContours",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)

    post = font["post"]
    post.formatType = 3.0  # CID-keyed fonts have no useful glyph names

    hmtx_data = font["hmtx"].compile(font)  # also sets hhea.numberOfHMetrics
    hhea = font["hhea"]
    hhea.minLeftSideBearing = ext.min_lsb
    hhea.minRightSideBearing = ext.min_rsb
    hhea.xMaxExtent = ext.max_extent
    return {
        "head": head.compile(font),
        "maxp": maxp.compile(font),
        "post": post.compile(font),
        "hmtx": hmtx_data,
        "hhea": hhea.compile(font),
    }


def _write_sfnt(out: BinaryIO, tables: dict[str, bytes | bytearray | None], font: TTFont) -> int:
    """Write tables one at a time; `None` means "copy the source table's raw bytes"."""
    tags = sortedTagList(list(tables))
    writer = SFNTWriter(out, len(tags), sfntVersion="\0\1\0\0")
    for tag in tags:
        data = tables.pop(tag)  # let each table's bytes go once written
        writer[tag] = font.reader[tag] if data is None else data
    writer.close()
    out.seek(0, 2)
    return out.tell()
