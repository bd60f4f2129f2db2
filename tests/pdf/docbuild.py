"""Build a GB/T 9704 page (A4, 156 × 225 mm frame at 28 mm left / 37 mm top) for tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from govreport.writers.pdf.styles import MM, TEXT_HEIGHT, TEXT_WIDTH

PAGE_W, PAGE_H = A4
FRAME_X = 28 * MM
FRAME_Y = PAGE_H - 37 * MM - TEXT_HEIGHT
FRAME_RIGHT = FRAME_X + TEXT_WIDTH
FRAME_TOP = PAGE_H - 37 * MM


def build_pdf(
    path: Path,
    story: Sequence[Flowable],
    *,
    initial_font: str = "SynthFang",
    keep_class: type | None = None,
) -> Path:
    """Lay ``story`` out in the 版心 frame (zero padding) and write ``path``."""
    doc = BaseDocTemplate(str(path), pagesize=A4, initialFontName=initial_font, invariant=1)
    frame = Frame(
        FRAME_X,
        FRAME_Y,
        TEXT_WIDTH,
        TEXT_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate("body", [frame])])
    if keep_class is not None:
        doc.keepTogetherClass = keep_class
    doc.build(list(story))
    return path
