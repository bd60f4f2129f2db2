"""Glyph positions read back from a reportlab PDF with pypdf.

Why: pypdf's ``visitor_text`` only reports where a batch of text starts, and the grid
paragraph places glyphs with Tm and Tc, so the tests replay the text operators themselves
(Tm, Tc, Tf, Tj) with the fonts' /Widths and ToUnicode maps to get every glyph's box.
Only what reportlab writes for TrueType subsets is handled (one byte per glyph, bfchar maps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>")


@dataclass(frozen=True)
class Glyph:
    """One shown glyph in page space: advance box from x0 to x1 at baseline y."""

    page: int
    char: str
    font: str  # BaseFont without the subset prefix
    size: float
    x0: float
    x1: float
    y: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class _FontInfo:
    base: str
    first: int
    widths: list[float]
    to_unicode: dict[int, str]


def _font_info(font: Any) -> _FontInfo:
    font = font.get_object()
    cmap = font["/ToUnicode"].get_object().get_data()
    to_unicode = {int(c, 16): chr(int(u, 16)) for c, u in _BFCHAR.findall(cmap)}
    base = str(font["/BaseFont"]).lstrip("/")
    return _FontInfo(
        base.split("+", 1)[-1],
        int(font["/FirstChar"]),
        [float(w) for w in font["/Widths"]],
        to_unicode,
    )


def read_glyphs(path: Path) -> list[Glyph]:
    """Every glyph of every page, in content-stream order."""
    reader = PdfReader(str(path))
    out: list[Glyph] = []
    for number, page in enumerate(reader.pages):
        fonts = {str(k): _font_info(v) for k, v in page["/Resources"]["/Font"].items()}
        state: dict[str, Any] = {"tc": 0.0, "x": 0.0, "y": 0.0, "font": None, "size": 0.0}

        def visit(
            op: bytes,
            args: list[Any],
            cm: list[float],
            tm: list[float],
            number: int = number,
            fonts: dict[str, _FontInfo] = fonts,
            state: dict[str, Any] = state,
        ) -> None:
            if op == b"Tm":
                state["x"], state["y"] = float(args[4]) + cm[4], float(args[5]) + cm[5]
            elif op == b"Tc":
                state["tc"] = float(args[0])
            elif op == b"Tf":
                state["font"], state["size"] = fonts[str(args[0])], float(args[1])
            elif op == b"Tj":
                font: _FontInfo = state["font"]
                for code in bytes(args[0]):
                    adv = font.widths[code - font.first] * state["size"] / 1000
                    x = state["x"]
                    char = font.to_unicode.get(code, "\ufffd")
                    out.append(
                        Glyph(number, char, font.base, state["size"], x, x + adv, state["y"])
                    )
                    state["x"] = x + adv + state["tc"]

        page.extract_text(visitor_operand_before=visit)
    return out


def text_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into lines by page and baseline, each sorted left to right."""
    rows: dict[tuple[int, float], list[Glyph]] = {}
    for g in glyphs:
        rows.setdefault((g.page, round(g.y, 2)), []).append(g)
    keys = sorted(rows, key=lambda k: (k[0], -k[1]))
    return [sorted(rows[k], key=lambda g: g.x0) for k in keys]


def font_names(path: Path) -> set[str]:
    """BaseFont names of all fonts referenced by any page."""
    reader = PdfReader(str(path))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/"))
    return names
