"""Reading what the resolver needs from a font file: one `FaceInfo` per face.

This is the only place that parses fonts for discovery; its results are cached by `index.py`
so that a warm run never gets here.
"""

from __future__ import annotations

import struct
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .families import normalize_name
from .fontfile import release
from .gb2312 import gb2312_coverage

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# Name IDs: 1 family, 2 subfamily, 4 full name, 6 PostScript name, 16/17 typographic family/sub.
_FAMILY_IDS = (1, 16)
_STYLE_IDS = (2, 17)
# Language preference for the display name: zh-CN, zh (neutral), zh-SG, then English.
_DISPLAY_LANGS = ((3, 0x0804), (3, 0x0004), (3, 0x1004), (3, 0x0409), (1, 0))
_REGULAR_STYLES = frozenset({"", "regular", "normal", "book", "roman", "r", "常规", "标准", "正常"})


@dataclass
class FaceInfo:
    """Facts about one face of a font file, as stored in the index cache."""

    index: int
    display: str  # full name in Chinese if the font has one, else English
    psname: str
    keys: list[str]  # normalized names this face answers to (see families.normalize_name)
    outline: str  # "TrueType" | "CFF" | "CFF2" | "bitmap"
    fs_type: int
    weight: int  # usWeightClass, at least 700 for a face flagged bold (see `_weight`)
    italic: bool
    gb2312: int
    num_glyphs: int
    cmap_file: str | None = None  # sidecar with the cmap's code points (CJK faces only)
    codepoints: frozenset[int] = field(default=frozenset(), repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["codepoints"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FaceInfo:
        return cls(**data)


_SFNT_TAGS = (b"\0\1\0\0", b"OTTO", b"true", b"ttcf")


def count_faces(path: Path) -> int:
    """Number of faces in a file: the TTC header's count, or 1; rejects non-sfnt files.

    WOFF/WOFF2 and other formats are refused here because reportlab cannot load them.
    """
    with open(path, "rb") as fh:
        head = fh.read(12)
    if head[:4] not in _SFNT_TAGS:
        raise ValueError("not a TrueType/OpenType font file")
    if head[:4] == b"ttcf":
        if len(head) < 12:
            raise ValueError("truncated font collection header")
        return int(struct.unpack(">I", head[8:12])[0])
    return 1


def read_faces(path: Path) -> list[FaceInfo]:
    """Parse every face of `path` (lazily: only name, OS/2, maxp and cmap are decoded)."""
    return [read_face(path, i) for i in range(count_faces(path))]


def read_face(path: Path, index: int) -> FaceInfo:
    """Parse one face; raises whatever fontTools raises for a broken file."""
    from fontTools.ttLib import TTFont  # only needed on a cache miss; keeps startup fast

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        names = font.get("name", None)
        families = _names(names, _FAMILY_IDS)
        styles = _names(names, _STYLE_IDS)
        full = _names(names, (4,))
        keys = {normalize_name(n) for n in families + full}
        keys |= {normalize_name(f + s) for f in families for s in styles}
        keys.discard("")
        os2 = font.get("OS/2", None)
        cmap = font.getBestCmap() if "cmap" in font else None
        codepoints = frozenset(cmap or ())
        return FaceInfo(
            index=index,
            display=_display_name(names) or path.stem,
            psname=_first(names, 6) or path.stem,
            keys=sorted(keys),
            outline=_outline(font),
            fs_type=int(os2.fsType) if os2 is not None else 0,
            weight=_weight(font, os2),
            italic=_is_italic(font, os2),
            gb2312=gb2312_coverage(codepoints),
            num_glyphs=int(font["maxp"].numGlyphs) if "maxp" in font else 0,
            codepoints=codepoints,
        )
    finally:
        release(font)


def _names(table: Any, ids: tuple[int, ...]) -> list[str]:
    if table is None:
        return []
    out: list[str] = []
    for record in table.names:
        if record.nameID in ids:
            try:
                text = record.toUnicode().strip()
            except UnicodeDecodeError:
                continue
            if text and text not in out:
                out.append(text)
    return out


def _best(table: Any, name_id: int) -> tuple[int, str] | None:
    """(language rank, text) of the record for `name_id` in the most preferred language."""
    if table is None:
        return None
    best: tuple[int, str] | None = None
    for record in table.names:
        if record.nameID != name_id:
            continue
        try:
            text = str(record.toUnicode()).strip()
        except UnicodeDecodeError:
            continue
        key = (record.platformID, record.langID)
        rank = _DISPLAY_LANGS.index(key) if key in _DISPLAY_LANGS else len(_DISPLAY_LANGS)
        if text and (best is None or rank < best[0]):
            best = (rank, text)
    return best


def _first(table: Any, name_id: int) -> str | None:
    found = _best(table, name_id)
    return found[1] if found else None


def _display_name(table: Any) -> str | None:
    """Family (Chinese if available) plus the style unless it is the regular one."""
    families = [f for f in (_best(table, 16), _best(table, 1)) if f]
    if not families:
        return _first(table, 4)
    family = min(families, key=lambda f: f[0])[1]  # stable: ID 16 wins ties
    style = _first(table, 17) or _first(table, 2) or ""
    if style.casefold() in _REGULAR_STYLES:
        return family
    return f"{family} {style}"


def _outline(font: TTFont) -> str:
    if "glyf" in font:
        return "TrueType"
    if "CFF " in font:
        return "CFF"
    if "CFF2" in font:
        return "CFF2"
    return "bitmap"


def _weight(font: TTFont, os2: Any) -> int:
    """usWeightClass, raised to 700 when the face says it is bold (OS/2 fsSelection bit 5 or
    head.macStyle bit 0): FandolSong Bold and FandolHei Bold declare weight 400."""
    weight = int(os2.usWeightClass) if os2 is not None else 400
    bold = bool(os2.fsSelection & 0x0020) if os2 is not None else False
    if not bold and "head" in font:
        bold = bool(font["head"].macStyle & 0x0001)
    return max(weight, 700) if bold else weight


def _is_italic(font: TTFont, os2: Any) -> bool:
    if os2 is not None:
        return bool(os2.fsSelection & 0x0001)
    return bool(font["head"].macStyle & 0x0002) if "head" in font else False
