"""Small TrueType fonts that stand in for a clerk's fonts in the CLI tests.

One outline per kind of character (a square for CJK, a narrow bar for everything else), so a
font covering all 6,763 GB2312 hanzi stays a few kilobytes and builds in milliseconds. The
name table carries the names a resolver looks for, in English and Chinese (zh-CN).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from govreport.fonts.gb2312 import gb2312_hanzi
from tests.pdfout.reading import is_wide

ALL_GB2312 = "".join(chr(cp) for cp in sorted(gb2312_hanzi()))
ASCII = "".join(chr(c) for c in range(0x21, 0x7F))


def _box(left: int, right: int):
    pen = TTGlyphPen(None)
    pen.moveTo((left, -80))
    pen.lineTo((left, 800))
    pen.lineTo((right, 800))
    pen.lineTo((right, -80))
    pen.closePath()
    return pen.glyph()


def write_font(path: Path, chars: Iterable[str], family: str,
               zh_family: str | None = None, narrow: int = 500, style: str = "Regular") -> Path:
    """A font mapping `chars` (plus space) to boxes: 1000 units wide for CJK, `narrow`
    (of 1000) for everything else."""
    wanted = set(chars) - {" "}
    order = [".notdef", "space", "wide", "narrow"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    cmap = {ord(c): "wide" if is_wide(c) else "narrow" for c in wanted}
    cmap[0x20] = "space"
    fb.setupCharacterMap(cmap)
    empty = TTGlyphPen(None).glyph()
    fb.setupGlyf({".notdef": _box(50, 450), "space": empty, "wide": _box(100, 900),
                  "narrow": _box(100, narrow - 100)})
    fb.setupHorizontalMetrics({".notdef": (500, 50), "space": (500, 0), "wide": (1000, 100),
                               "narrow": (narrow, 100)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    names = {"en": family, "zh": zh_family} if zh_family else {"en": family}
    fb.setupNameTable({"familyName": names, "styleName": style,
                       "psName": "GovreportTest-" + "".join(c for c in family if c.isalnum())},
                      mac=False)
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                fsType=0)
    fb.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path
