"""A synthetic TrueType CJK font for tests.

Why: layout tests must not depend on which Chinese fonts a machine has. The font has one box
glyph per requested character, 1000-unit advances for wide characters (East Asian Width W/F
and the Chinese punctuation “”‘’—…·※), 500 for everything else, so expected positions are
simple arithmetic. ``advances`` overrides single characters (e.g. proportional quotes).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.tables._g_l_y_f import Glyph

UPM = 1000
ASCENT, DESCENT = 880, -120
_WIDE_PUNCT = frozenset("“”‘’—…·※")


def default_advance(ch: str) -> int:
    """1000 units for a full-width character, 500 for a narrow one."""
    wide = ch in _WIDE_PUNCT or unicodedata.east_asian_width(ch) in ("W", "F")
    return UPM if wide else UPM // 2


def _box(advance: int) -> Glyph:
    """A square-ish box inset 10 % from the advance, or nothing for a zero advance."""
    pen = TTGlyphPen(None)
    if advance > 0:
        left, right = advance // 10, advance - advance // 10
        pen.moveTo((left, -80))
        pen.lineTo((left, 800))
        pen.lineTo((right, 800))
        pen.lineTo((right, -80))
        pen.closePath()
    return pen.glyph()


def build_font(
    path: Path,
    chars: Iterable[str],
    *,
    family: str = "SynthCJK",
    advances: Mapping[str, int] | None = None,
) -> Path:
    """Write a TrueType font covering ``chars`` (plus space) to ``path`` and return it."""
    advances = dict(advances or {})
    wanted = sorted(set(chars) | {" "} | set(advances))
    order = [".notdef"] + [f"u{ord(c):05X}" for c in wanted]
    widths = {".notdef": UPM // 2}
    glyphs = {".notdef": _box(UPM // 2)}
    for ch, name in zip(wanted, order[1:], strict=True):
        adv = advances.get(ch, default_advance(ch))
        widths[name] = adv
        glyphs[name] = _box(0) if ch.isspace() else _box(adv)
    fb = FontBuilder(UPM, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(c): n for c, n in zip(wanted, order[1:], strict=True)})
    fb.setupGlyf(glyphs)
    glyf = fb.font["glyf"]
    fb.setupHorizontalMetrics({n: (widths[n], getattr(glyf[n], "xMin", 0)) for n in order})
    fb.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": family})
    fb.setupOS2(
        sTypoAscender=ASCENT,
        sTypoDescender=DESCENT,
        usWinAscent=ASCENT,
        usWinDescent=-DESCENT,
        fsType=0,
    )
    fb.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path
