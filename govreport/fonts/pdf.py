"""Registering resolved fonts with reportlab, once per file and face per process."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from .errors import FontError
from .families import ROLE_LABELS
from .resolve import ResolvedFont

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
    from reportlab.lib.fonts import addMapping  # imported here: resolving needs no reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from .rlcache import load_ttfont

    names: dict[str, str] = {}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for role, font in fonts.items():
        key = (str(font.ttf_path), font.ttf_index)
        name = _registered.get(key)
        if name is None or name not in registered:
            name = reportlab_font_name(font)
            try:
                ttf = load_ttfont(name, font.ttf_path, font.ttf_index)
            except (TTFError, OSError) as exc:
                label = ROLE_LABELS.get(role, role)
                raise FontError(
                    f"{label}字体 {font.family}（{font.ttf_path}）无法载入 PDF 生成器：{exc}"
                ) from None
            pdfmetrics.registerFont(ttf)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
            _registered[key] = name
            registered.add(name)
        names[role] = name
    return names
