"""Registering resolved fonts with reportlab, once per file and face per process."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from .errors import FontError
from .families import ROLE_LABELS
from .resolve import ResolvedFont, loadable_font
from .ttfcache import glyph_store_path

_registered: dict[tuple[str, int], str] = {}


def reportlab_font_name(font: ResolvedFont) -> str:
    """A stable, ASCII, per-file name, e.g. "GovReport-NotoSerifSCRegular-1a2b3c"."""
    key = f"{font.ttf_path}#{font.ttf_index}"
    stem = re.sub(r"[^A-Za-z0-9]+", "", font.path.stem)[:32] or "Font"
    return f"GovReport-{stem}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


def register_reportlab_fonts(fonts: Mapping[str, ResolvedFont]) -> dict[str, str]:
    """Register each distinct (ttf_path, ttf_index) once; return role -> reportlab font name.

    Roles that resolved to the same face share one registration, so the PDF embeds one subset.
    Bold/italic mappings point at the same face, so `<b>` markup cannot fail on a missing face.
    """
    return {role: register_reportlab_font(font) for role, font in fonts.items()}


def register_reportlab_font(font: ResolvedFont) -> str:
    """Register one font (a fallback when it first draws a character); its reportlab name."""
    from reportlab.lib.fonts import addMapping  # imported here: resolving needs no reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from .cffsubset import attach_glyph_store
    from .rlcache import load_ttfont
    from .subsetmemo import keep_subsets

    key = (str(font.ttf_path), font.ttf_index)
    name = _registered.get(key)
    if name is not None and name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        loaded = loadable_font(font)
        name = reportlab_font_name(loaded)
        ttf = load_ttfont(name, loaded.ttf_path, loaded.ttf_index)
        if loaded.outline == "CFF":  # the outline-free conversion: glyphs come from the store
            attach_glyph_store(ttf, loaded.path, loaded.index, glyph_store_path(loaded.ttf_path))
        keep_subsets(ttf)
    except (TTFError, OSError) as exc:
        label = ROLE_LABELS.get(font.role, font.role)
        raise FontError(
            f"{label}字体 {font.family}（{font.ttf_path}）无法载入 PDF 生成器：{exc}"
        ) from None
    pdfmetrics.registerFont(ttf)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    _registered[key] = name
    return name
