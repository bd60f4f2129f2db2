"""The cache of TrueType conversions of CFF faces, keyed by the source file's content hash and
face index. Each face has an outline-free TrueType font that reportlab loads (made at once,
see `convert.py`) and a store of the glyphs converted so far (`glyphstore.py`), which grows as
PDFs embed glyphs (`cffsubset.py`).

Kept apart from `convert.py` so that a warm run never imports fontTools: checking the cache is
one `stat` per CFF font.
"""

from __future__ import annotations

import logging
from pathlib import Path

from govreport.atomic import atomic_output

log = logging.getLogger(__name__)

# Bump when the converter's output changes, so that stale cached conversions are not reused.
# 1: whole fonts converted at once; 2: outline-free fonts, glyphs converted when first embedded.
CONVERTER_VERSION = 2


def cached_ttf_path(cache_dir: Path, sha256: str, index: int) -> Path:
    """Where the outline-free TrueType version of face `index` of the file with this hash is."""
    return cache_dir / "ttf" / f"{sha256[:32]}-{index}-c{CONVERTER_VERSION}.ttf"


def glyph_store_path(ttf_path: Path) -> Path:
    """Where the glyphs converted so far for the outline-free font `ttf_path` are kept."""
    return ttf_path.with_suffix(".glyf")


def ensure_ttf(src: Path, index: int, sha256: str, cache_dir: Path) -> Path:
    """Return the cached outline-free TrueType font, making it (once per machine) if missing."""
    dest = cached_ttf_path(cache_dir, sha256, index)
    if dest.is_file():
        return dest
    from .convert import write_outline_free_ttf

    try:
        with atomic_output(dest) as out:
            glyphs = write_outline_free_ttf(src, index, out)
    except OSError:
        if dest.is_file():  # made by another process meanwhile (the same bytes: it is
            return dest  # deterministic), which Windows may not let this one replace
        raise
    log.info("已为 %s 建立 TrueType 字体（%d 个字形，用到时再转换字形轮廓）", src.name, glyphs)
    return dest
