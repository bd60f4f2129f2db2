"""Letting go of a font file fontTools has parsed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont


def release(font: TTFont) -> None:
    """Close `font` and drop its decoded tables. They point back to the font (a cycle), and the
    command line raises the collector's threshold, so a closed font would stay in memory until
    a full collection: the first run over the Noto CJK collections peaked at 1.1 GB."""
    font.close()
    font.tables.clear()
