"""Fixtures for the font layer: an isolated environment and synthetic fonts built on the fly.

No test depends on the machine's fonts: discovery is pointed at a temp folder through
`GOVREPORT_FONT_DIRS`, the cache at a temp folder, and the bundled Noto defaults are replaced by
tiny synthetic fonts (except in the tests marked `slow`, which use the real Noto files).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

from govreport.fonts import defaults
from govreport.fonts.families import ROLES
from govreport.fonts.gb2312 import gb2312_hanzi

# What the developer had before the fixtures changed it (for the real-Noto test).
ORIGINAL_CACHE_DIR = os.environ.get("GOVREPORT_CACHE_DIR")
REAL_DEFAULT_FONT_FILE = defaults.default_font_file

ALL_GB2312 = "".join(sorted(chr(cp) for cp in gb2312_hanzi()))
ASCII = "".join(chr(c) for c in range(0x20, 0x7F))


@dataclass
class FontSpec:
    """What a synthetic font says about itself."""

    family: str | dict[str, str]  # name ID 1; a dict gives per-language names, e.g. {"zh": ..}
    style: str = "Regular"
    typographic_family: str | None = None  # name ID 16
    typographic_style: str | None = None  # name ID 17
    chars: str = ALL_GB2312 + ASCII
    cff: bool = False
    fs_type: int = 0
    weight: int = 400
    fs_selection: int = 0x0040  # REGULAR; 0x0020 flags a bold face


def _draw_box(pen: Any) -> None:
    pen.moveTo((100, -100))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, -100))
    pen.closePath()


def _draw_ring(pen: Any, cubic: bool) -> None:
    """A round contour: cubic curves for CFF, quadratic ones for TrueType."""
    pen.moveTo((500, 0))
    if cubic:
        pen.curveTo((776, 0), (1000, 224), (1000, 500))
        pen.curveTo((1000, 776), (776, 1000), (500, 1000))
        pen.curveTo((224, 1000), (0, 776), (0, 500))
        pen.curveTo((0, 224), (224, 0), (500, 0))
    else:
        pen.qCurveTo((1000, 0), (1000, 500))
        pen.qCurveTo((1000, 1000), (500, 1000))
        pen.qCurveTo((0, 1000), (0, 500))
        pen.qCurveTo((0, 0), (500, 0))
    pen.closePath()


GLYPHS = (".notdef", "space", "box", "ring")


def build_font(spec: FontSpec) -> TTFont:
    """A small font: hanzi map to a square, ASCII letters to a ring, space to nothing."""
    fb = FontBuilder(1000, isTTF=not spec.cff)
    fb.setupGlyphOrder(list(GLYPHS))
    cmap = {}
    for ch in spec.chars:
        cmap[ord(ch)] = "space" if ch == " " else ("ring" if ch.isascii() else "box")
    fb.setupCharacterMap(cmap)
    advances = {".notdef": 1000, "space": 500, "box": 1000, "ring": 1000}
    if spec.cff:
        charstrings = {}
        for name in GLYPHS:
            pen = T2CharStringPen(advances[name], None)
            if name == "ring":
                _draw_ring(pen, cubic=True)
            elif name != "space":
                _draw_box(pen)
            charstrings[name] = pen.getCharString()
        fb.setupCFF("SyntheticCFF", {"FullName": "SyntheticCFF"}, charstrings, {})
        lsb = {n: (cs.calcBounds(None) or (0,))[0] for n, cs in charstrings.items()}
    else:
        glyphs = {}
        for name in GLYPHS:
            pen = TTGlyphPen(None)
            if name == "ring":
                _draw_ring(pen, cubic=False)
            elif name != "space":
                _draw_box(pen)
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
        lsb = {n: getattr(fb.font["glyf"][n], "xMin", 0) for n in GLYPHS}
    fb.setupHorizontalMetrics({n: (advances[n], lsb[n]) for n in GLYPHS})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    family = spec.family if isinstance(spec.family, dict) else {"en": spec.family}
    names: dict[str, object] = {
        "familyName": family,
        "styleName": spec.style,
        "psName": "Synthetic-Font",
        "uniqueFontIdentifier": "govreport synthetic test font",
    }
    if spec.typographic_family:
        names["typographicFamily"] = spec.typographic_family
    if spec.typographic_style:
        names["typographicSubfamily"] = spec.typographic_style
    fb.setupNameTable(names, mac=False)
    fb.setupOS2(
        sTypoAscender=880,
        sTypoDescender=-120,
        usWinAscent=880,
        usWinDescent=120,
        usWeightClass=spec.weight,
        fsType=spec.fs_type,
        fsSelection=spec.fs_selection,
    )
    fb.setupPost()
    return fb.font


def build_distinct_cff(family: str, chars: str) -> TTFont:
    """A CFF font with a glyph of its own per character: the k-th character of `chars` draws
    k // 3 + 1 rings (cubic curves) spread further out the later it comes, so that later
    characters have bigger bounding boxes, more points and more contours."""
    order = [".notdef", "space", *(f"uni{ord(ch):04X}" for ch in chars if ch != " ")]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(ch): "space" if ch == " " else f"uni{ord(ch):04X}" for ch in chars})
    charstrings = {}
    for k, name in enumerate(order):
        pen = T2CharStringPen(500 if name == "space" else 1000, None)
        if name == ".notdef":
            _draw_box(pen)
        elif name != "space":
            for ring in range(k // 3 + 1):
                scale = 1 + k / 200
                _draw_ring(TransformPen(pen, (scale, 0, 0, scale, 20 * ring - 3 * k, -2 * k)),
                           cubic=True)
        charstrings[name] = pen.getCharString()
    fb.setupCFF("DistinctCFF", {"FullName": "DistinctCFF"}, charstrings, {})
    lsb = {n: (cs.calcBounds(None) or (0,))[0] for n, cs in charstrings.items()}
    fb.setupHorizontalMetrics({n: (500 if n == "space" else 1000, lsb[n]) for n in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": "Distinct-CFF"},
                      mac=False)
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    return fb.font


FontMaker = Callable[..., Path]


@pytest.fixture
def font_dir(tmp_path: Path) -> Path:
    """The only folder discovery searches in these tests."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    return folder


@pytest.fixture
def make_font(font_dir: Path) -> FontMaker:
    """make_font("x.ttf", family=..., ...) writes a synthetic font (into font_dir by default)."""

    def make(name: str, folder: Path | None = None, **spec: object) -> Path:
        path = (folder or font_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        build_font(FontSpec(**spec)).save(path)  # type: ignore[arg-type]
        return path

    return make


@pytest.fixture
def make_distinct_cff(font_dir: Path) -> Callable[[str, str], Path]:
    """make_distinct_cff("x.otf", chars) writes `build_distinct_cff` into font_dir."""

    def make(name: str, chars: str) -> Path:
        path = font_dir / name
        build_distinct_cff("Distinct CFF", chars).save(path)
        return path

    return make


@pytest.fixture
def make_collection(font_dir: Path) -> Callable[[str, Iterable[dict[str, Any]]], Path]:
    """make_collection("x.ttc", [{...}, {...}]) writes a collection, one face per spec dict."""

    def make(name: str, specs: Iterable[dict[str, Any]]) -> Path:
        collection = TTCollection()
        collection.fonts = [build_font(FontSpec(**spec)) for spec in specs]
        path = font_dir / name
        collection.save(path)
        return path

    return make


@pytest.fixture(scope="session")
def synthetic_defaults(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Stand-ins for the bundled Noto Serif SC / Noto Sans SC (TrueType, full GB2312)."""
    folder = tmp_path_factory.mktemp("defaults")
    out = {}
    for kind, family in (("serif", "Default Serif SC"), ("sans", "Default Sans SC")):
        path = folder / f"{kind}.ttf"
        build_font(FontSpec(family=family)).save(path)
        out[kind] = path
    return out


@pytest.fixture(autouse=True)
def isolated_fonts(
    tmp_path: Path,
    font_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    synthetic_defaults: dict[str, Path],
) -> Iterator[None]:
    """Temp cache, temp font folder, no config file, no GOVREPORT_FONT_* and synthetic defaults."""
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GOVREPORT_FONT_DIRS", str(font_dir))
    monkeypatch.setenv("GOVREPORT_CONFIG", str(tmp_path / "config.toml"))
    for role in ROLES:
        monkeypatch.delenv(f"GOVREPORT_FONT_{role.upper()}", raising=False)
    monkeypatch.setattr(defaults, "default_font_file", lambda kind: synthetic_defaults[kind])
    yield


@pytest.fixture
def bundled_noto(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real pip-installed Noto defaults and the machine's shared cache.

    The CFF-to-TrueType conversion then happens once per machine (~20 s), not once per run.
    """
    monkeypatch.setattr(defaults, "default_font_file", REAL_DEFAULT_FONT_FILE)
    if ORIGINAL_CACHE_DIR:
        monkeypatch.setenv("GOVREPORT_CACHE_DIR", ORIGINAL_CACHE_DIR)
    else:
        monkeypatch.delenv("GOVREPORT_CACHE_DIR")
