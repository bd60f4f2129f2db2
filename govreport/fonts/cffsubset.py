"""reportlab subsets of converted CFF fonts, with outlines converted when a PDF first needs them.

reportlab loads the outline-free TrueType version of a CFF face (`convert.py`): its cmap and
widths are complete, its glyphs empty. When a PDF is saved, reportlab asks each font for the
subsets the text used (`TTFont.addObjects`, then `TTFontFace.makeSubset` per subset of up to
256 characters). `attach_glyph_store` hooks both:

* before a font writes its subsets, the glyphs they need that its glyph store lacks are
  converted and stored (`glyphstore.py`), so every glyph a PDF shows has its outline;
* each subset is made by reportlab's own `makeSubset`, reading those glyphs. The subset's
  head bounding box, hhea extremes and maxp maxima are computed from the glyphs it holds, as
  fontTools' subsetter does: a font-wide value would depend on which glyphs happen to be
  converted, and the PDF must depend only on its text and the font files.

Converting in this process rather than in worker processes was measured faster (1.2 s
against 1.9 s of CPU for the first build of `examples/yunling-2024.yaml`: spawning a worker
costs more than converting its ~500 glyphs) at a peak of 105 MB, below the 110 MB the
whole-font conversion needed.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from types import MethodType
from typing import Any

from reportlab.pdfbase.ttfonts import TTFontFile  # imported by the caller already

from .errors import FontError
from .glyphstore import ConvertedGlyph, GlyphStore, extend_store, read_store

# Tables reportlab's makeSubset copies from the font as they are (CFF fonts have no hinting
# tables, but a face may still carry them).
_COPIED = ("name", "OS/2", "cvt ", "fpgm", "prep", "post")


@dataclass
class ConvertedGlyphs:
    """The TrueType glyphs of one CFF face this process has, and where to get the others."""

    source: Path
    index: int
    store_path: Path
    num_glyphs: int
    _store: GlyphStore | None = field(default=None, repr=False)
    _fetched: dict[int, ConvertedGlyph] = field(default_factory=dict, repr=False)

    def get(self, gid: int) -> ConvertedGlyph | None:
        glyph = self._fetched.get(gid)
        if glyph is None:
            if self._store is None:
                self._store = read_store(self.store_path, self.num_glyphs)
            glyph = self._store.get(gid)
        return glyph

    def ensure(self, gids: Iterable[int]) -> None:
        """Have every glyph of `gids`: from this process, the store (read again when some are
        missing: another process may have converted them meanwhile), else converted now."""
        missing = sorted({gid for gid in gids if self.get(gid) is None})
        if missing:
            self._store = None
            missing = [gid for gid in missing if self.get(gid) is None]
        if missing:
            self._fetch(missing)

    def _fetch(self, gids: list[int]) -> None:
        try:
            got = extend_store(self.source, self.index, self.store_path, self.num_glyphs, gids)
        except OSError as exc:
            raise FontError(f"无法读取字体文件 {self.source}：{exc.strerror or exc}") from exc
        except Exception as exc:  # fontTools raises many types for malformed CFF data
            raise FontError(f"字体 {self.source.name} 的字形转换为 TrueType 格式失败：{exc}") from exc
        self._fetched.update(got)


def attach_glyph_store(font: Any, source: Path, index: int, store_path: Path) -> None:
    """Make the reportlab `TTFont` of the outline-free version of face `index` of the CFF
    font `source` embed the outlines of the store at `store_path`, converted as needed."""
    face = font.face
    glyphs = face.govreport_glyphs = ConvertedGlyphs(source, index, store_path, face.numGlyphs)
    face.makeSubset = MethodType(_make_subset, face)
    add_objects = font.addObjects

    def convert_then_add_objects(doc: Any) -> None:
        """All the glyphs of the document's subsets of this font at once: one parse of the
        CFF font and one store update instead of one per subset."""
        state = font.state.get(doc)
        if state is not None:
            glyphs.ensure(_glyph_ids(face.charToGlyph, chain(*state.subsets)))
        add_objects(doc)

    font.addObjects = convert_then_add_objects


def _glyph_ids(char_to_glyph: dict[int, int], codes: Iterable[int]) -> list[int]:
    """Glyph 0 (.notdef), then each code's glyph in order of first use, as makeSubset maps."""
    gids: dict[int, None] = {0: None}
    for code in codes:
        gids.setdefault(char_to_glyph.get(code, 0))
    return list(gids)


def _make_subset(face: Any, subset: list[int]) -> bytes:
    """reportlab's makeSubset over a view of `face` that holds the subset's converted glyphs."""
    glyphs: ConvertedGlyphs = face.govreport_glyphs
    gids = _glyph_ids(face.charToGlyph, subset)
    held = {gid: glyphs.get(gid) for gid in gids}
    if None in held.values():  # a subset `addObjects` did not see (makeSubset called directly)
        glyphs.ensure(gids)
        held = {gid: glyphs.get(gid) for gid in gids}
    return _SubsetView(face, held).makeSubset(subset)


class _SubsetView(TTFontFile):
    """What reportlab's makeSubset reads from a face, with the subset's glyphs and headers.

    Its `glyf` table holds only `held` (in glyph id order), `glyphPos` finds them there and
    `hmetrics` gives their new left side bearings; head, hhea and maxp carry the extremes of
    these glyphs; the other tables makeSubset copies are the face's own.
    """

    def __init__(self, face: Any, held: dict[int, ConvertedGlyph]) -> None:  # no file to read
        self.charToGlyph = face.charToGlyph
        self.hmetrics = _Metrics(face.hmetrics, held)
        self._pos = 0
        starts: dict[int, tuple[int, int]] = {}
        glyf = bytearray()
        for gid in sorted(held):
            data = held[gid][1]
            starts[gid] = (len(glyf), len(glyf) + len(data))
            glyf += data
        self.glyphPos = _Positions(starts)
        tables = {tag: face.get_table(tag) for tag in _COPIED if tag in face.table}
        tables.update(_headers(face, held, self.hmetrics))
        tables["glyf"] = bytes(glyf)
        self.table = {}
        data = bytearray()
        for tag, content in tables.items():
            self.table[tag] = {"offset": len(data), "length": len(content)}
            data += content
        self._ttf_data = bytes(data)


class _Positions:
    """`glyphPos[g]` and `glyphPos[g + 1]` bracket glyph g's data for every held glyph g."""

    def __init__(self, starts: dict[int, tuple[int, int]]) -> None:
        self._starts = starts

    def __getitem__(self, gid: int) -> int:
        span = self._starts.get(gid)
        if span is not None:
            return span[0]
        before = self._starts.get(gid - 1)
        return before[1] if before is not None else 0


class _Metrics:
    """reportlab's hmetrics (advance, lsb) with the converted glyphs' bearings. reportlab
    writes the bearing as an unsigned short, so a negative one is given as its two's
    complement."""

    def __init__(self, hmetrics: Any, held: dict[int, ConvertedGlyph]) -> None:
        self._hmetrics = hmetrics
        self._held = held

    def __getitem__(self, gid: int) -> tuple[Any, int]:
        advance = self._hmetrics[gid][0]
        return advance, self._held[gid][0] & 0xFFFF

    def advance(self, gid: int) -> int:
        return int(self._hmetrics[gid][0])


_HEAD_BBOX = struct.Struct(">hhhh")  # at offset 36
_HHEA_EXTREMES = struct.Struct(">hhh")  # minLeftSideBearing, minRightSideBearing, xMaxExtent at 12
_MAXP_MAXIMA = struct.Struct(">HH")  # maxPoints, maxContours at 6
_GLYPH_HEADER = struct.Struct(">hhhhh")  # numberOfContours, xMin, yMin, xMax, yMax


def _headers(face: Any, held: dict[int, ConvertedGlyph], metrics: _Metrics) -> dict[str, bytes]:
    """head, hhea and maxp of the face with the extremes of the `held` glyphs' outlines."""
    x_min = y_min = min_lsb = min_rsb = 0x7FFF
    x_max = y_max = max_extent = -0x8000
    max_points = max_contours = 0
    for gid, (_, data) in held.items():
        if not data:
            continue
        contours, gx_min, gy_min, gx_max, gy_max = _GLYPH_HEADER.unpack_from(data)
        (last_point,) = struct.unpack_from(">H", data, 10 + 2 * (contours - 1))
        x_min, y_min = min(x_min, gx_min), min(y_min, gy_min)
        x_max, y_max = max(x_max, gx_max), max(y_max, gy_max)
        min_lsb = min(min_lsb, gx_min)  # lsb == xMin after the conversion
        min_rsb = min(min_rsb, metrics.advance(gid) - gx_max)
        max_extent = max(max_extent, gx_max)
        max_points = max(max_points, last_point + 1)
        max_contours = max(max_contours, contours)
    if max_contours == 0:  # only empty glyphs
        x_min = y_min = x_max = y_max = min_lsb = min_rsb = max_extent = 0
    head = bytearray(face.get_table("head"))
    _HEAD_BBOX.pack_into(head, 36, x_min, y_min, x_max, y_max)
    hhea = bytearray(face.get_table("hhea"))
    _HHEA_EXTREMES.pack_into(hhea, 12, min_lsb, min_rsb, max_extent)
    maxp = bytearray(face.get_table("maxp"))
    _MAXP_MAXIMA.pack_into(maxp, 6, max_points, max_contours)
    return {"head": bytes(head), "hhea": bytes(hhea), "maxp": bytes(maxp)}
