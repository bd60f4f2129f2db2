"""Loading reportlab TrueType fonts without re-parsing them on every run.

reportlab parses a font's cmap and metrics in pure Python (`TTFontFile.extractInfo`): for the
five CJK fonts of a report that is ~0.17 s of every build, more than rendering the PDF. The
parsed state of a face is stored once in the user cache (keyed by file, size, mtime, face and
reportlab version) and restored afterwards; the font file is memory-mapped rather than read
(reportlab only slices it), and the one function attribute is rebuilt the way reportlab does. Anything unexpected falls back to
a normal parse, so the cache can only make loading faster, never different.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from govreport.atomic import atomic_output

from .locations import cache_dir

log = logging.getLogger(__name__)

_FORMAT = 1


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
        with atomic_output(entry) as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError) as exc:  # a read-only cache only costs speed
        log.debug("cannot write reportlab face cache %s: %s", entry, exc)


def _restore(name: str, path: Path, index: int, state: dict[str, Any]) -> Any:
    from reportlab.pdfbase import pdfmetrics, ttfonts

    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(state)
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
