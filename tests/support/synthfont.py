"""Synthetic TrueType CJK fonts for tests.

Why: layout tests must not depend on which Chinese fonts a machine has. Every character maps
to a box glyph as wide as its advance: 1000 units for a character that takes one grid cell
(`govreport.writers.pdf.chars.is_wide`), `narrow` (500) for everything else, so expected
positions are simple arithmetic. ``advances`` overrides single characters (e.g. proportional
quotes). Characters of equal advance share one glyph, so a font covering all 6,763 GB2312
hanzi stays a few kilobytes and builds in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.tables._g_l_y_f import Glyph

from govreport.fonts.gb2312 import gb2312_hanzi
from govreport.writers.pdf.chars import is_wide

UPM = 1000
ASCENT, DESCENT = 880, -120
ALL_GB2312 = "".join(chr(cp) for cp in sorted(gb2312_hanzi()))
ASCII = "".join(chr(c) for c in range(0x21, 0x7F))  # printable, without the space


def _box(advance: int) -> Glyph:
    """A box inset 10 % from the advance, or nothing for a zero advance."""
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
    zh_family: str | None = None,
    style: str = "Regular",
    ps_name: str | None = None,
    narrow: int = UPM // 2,
    advances: Mapping[str, int] | None = None,
    weight: int = 400,
) -> Path:
    """Write a TrueType font covering ``chars`` (plus space) to ``path`` and return it.

    The name table carries ``family`` in English and, if given, ``zh_family`` in Chinese
    (zh-CN), the names a font resolver looks for; ``ps_name`` defaults to ``family``.
    ``weight`` is the OS/2 usWeightClass (700 and up also flags the face bold).
    """
    advances = dict(advances or {})
    wanted = set(chars) | {" "} | set(advances)
    advance_of = {ch: advances.get(ch, UPM if is_wide(ch) else narrow) for ch in wanted}
    advance_of[" "] = advances.get(" ", UPM // 2)
    glyph_name = {ch: "space" if ch == " " else f"adv{adv}" for ch, adv in advance_of.items()}
    widths = {".notdef": UPM // 2, "space": advance_of[" "]}
    widths.update({glyph_name[ch]: adv for ch, adv in advance_of.items() if ch != " "})
    order = [".notdef", "space", *sorted(set(widths) - {".notdef", "space"})]
    glyphs = {name: _box(0) if name == "space" else _box(widths[name]) for name in order}
    fb = FontBuilder(UPM, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(ch): name for ch, name in glyph_name.items()})
    fb.setupGlyf(glyphs)
    glyf = fb.font["glyf"]
    fb.setupHorizontalMetrics({n: (widths[n], getattr(glyf[n], "xMin", 0)) for n in order})
    fb.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    names = {"en": family, "zh": zh_family} if zh_family else {"en": family}
    fb.setupNameTable({"familyName": names, "styleName": style, "psName": ps_name or family},
                      mac=False)
    fb.setupOS2(
        sTypoAscender=ASCENT,
        sTypoDescender=DESCENT,
        usWinAscent=ASCENT,
        usWinDescent=-DESCENT,
        fsType=0,
        usWeightClass=weight,
        fsSelection=0x0020 if weight >= 700 else 0x0040,
    )
    fb.setupPost()
    if weight >= 700:
        fb.updateHead(macStyle=0x0001)
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path
