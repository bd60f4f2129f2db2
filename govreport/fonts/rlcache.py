"""Loading reportlab TrueType fonts without re-parsing them on every run.

reportlab parses a font's cmap and metrics in pure Python (`TTFontFile.extractInfo`): for the
five CJK fonts of a report that is ~0.17 s of every build, more than rendering the PDF. The
parsed state of a face is stored once in the user cache (keyed by file, size, mtime, face and
reportlab version) and restored afterwards; the font file is memory-mapped rather than read
(reportlab only slices it), and the one function attribute is rebuilt the way reportlab does.
The big per-glyph tables are stored as flat arrays, which unpickle as single byte copies
instead of ~100,000 Python objects per font. Anything unexpected falls back to a normal
parse, so the cache can only make loading faster, never different.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import pickle
from array import array
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from govreport.atomic import atomic_output

from .locations import cache_dir

log = logging.getLogger(__name__)

_FORMAT = 2
_PACKED = "_govreport_packed"


def load_ttfont(name: str, path: Path, index: int) -> Any:
    """A reportlab `TTFont` for face `index` of `path`, from the face cache when possible."""
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    stat = path.stat()
    key = f"{_FORMAT}|{path}|{stat.st_size}|{stat.st_mtime_ns}|{index}|{reportlab.Version}"
    entry = cache_dir() / "reportlab" / (hashlib.sha1(key.encode()).hexdigest() + ".pickle")
    state = _read(entry)
    if state is not None:
        try:
            return _restore(name, path, index, state)
        except Exception as exc:  # a cache from an unexpected state: parse instead
            log.debug("reportlab face cache unusable for %s: %s", path, exc)
    font = TTFont(name, str(path), subfontIndex=index)
    _write(entry, font.face)
    return font


def _read(entry: Path) -> dict[str, Any] | None:
    try:
        with entry.open("rb") as f:
            state = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _write(entry: Path, face: Any) -> None:
    state = {k: v for k, v in face.__dict__.items() if k != "_ttf_data" and not callable(v)}
    try:
        state = _pack(state)
    except (KeyError, TypeError, ValueError, OverflowError) as exc:  # unusual tables: store as is
        log.debug("reportlab face tables of %s not packed: %s", entry, exc)
    try:
        with atomic_output(entry) as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError) as exc:  # a read-only cache only costs speed
        log.debug("cannot write reportlab face cache %s: %s", entry, exc)


def _restore(name: str, path: Path, index: int, state: dict[str, Any]) -> Any:
    from reportlab.pdfbase import pdfmetrics, ttfonts

    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(_unpack(state))
    with path.open("rb") as f:  # mapped, not read: only the tables a subset needs are touched
        face._ttf_data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    units = face.unitsPerEm
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)
    with _face_factory(face):
        font = ttfonts.TTFont(name, str(path), subfontIndex=index)
    if font.face is not face:
        raise RuntimeError("reportlab did not use the restored face")
    return font


@contextmanager
def _face_factory(face: Any) -> Iterator[None]:
    """Let reportlab's own TTFont.__init__ run, handing it the restored face."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *args, **kwargs: face  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        ttfonts.TTFontFace = original  # type: ignore[misc]


def _pack(state: dict[str, Any]) -> dict[str, Any]:
    """Replace the per-glyph tables by arrays; glyphToChar (only used for harfbuzz shaping,
    which govreport does not do) is dropped and rebuilt on demand from charToGlyph."""
    char_to_glyph: Mapping[int, int] = state["charToGlyph"]
    widths: Mapping[int, float] = state["charWidths"]
    packed = {
        "charToGlyph": (array("L", char_to_glyph.keys()), array("L", char_to_glyph.values())),
        "charWidths": (array("L", widths.keys()), array("d", widths.values())),
        # advances: reportlab stores the ones after numberOfHMetrics already scaled (floats)
        "hmetrics": (array("d", (aw for aw, _ in state["hmetrics"])),
                     array("q", (lsb for _, lsb in state["hmetrics"]))),
        "glyphPos": array("Q", state["glyphPos"]),
    }
    rest = {k: v for k, v in state.items() if k not in packed and k != "glyphToChar"}
    return {**rest, _PACKED: packed}


def _unpack(state: dict[str, Any]) -> dict[str, Any]:
    packed = state.pop(_PACKED, None)
    if packed is None:
        return state
    char_to_glyph = dict(zip(*packed["charToGlyph"], strict=True))
    return {
        **state,
        "charToGlyph": char_to_glyph,
        "charWidths": dict(zip(*packed["charWidths"], strict=True)),
        "hmetrics": _Metrics(*packed["hmetrics"]),
        "glyphPos": packed["glyphPos"],
        "glyphToChar": _GlyphToChar(char_to_glyph),
    }


class _Metrics:
    """reportlab's `hmetrics` list of (advance, left side bearing), read from two arrays."""

    __slots__ = ("_advances", "_bearings")

    def __init__(self, advances: array, bearings: array) -> None:
        if len(advances) != len(bearings):
            raise ValueError("hmetrics arrays differ in length")
        self._advances, self._bearings = advances, bearings

    def __len__(self) -> int:
        return len(self._advances)

    def __getitem__(self, glyph: int) -> tuple[float, int]:
        return self._advances[glyph], self._bearings[glyph]


class _GlyphToChar(dict):
    """glyph -> [code points], built from charToGlyph the first time a glyph is looked up."""

    def __init__(self, char_to_glyph: Mapping[int, int]) -> None:
        super().__init__()
        self._source: Mapping[int, int] | None = char_to_glyph

    def __missing__(self, glyph: int) -> list[int]:
        if self._source is None:
            raise KeyError(glyph)
        source, self._source = self._source, None
        for char, gid in sorted(source.items()):
            self.setdefault(gid, []).append(char)
        return self[glyph]
