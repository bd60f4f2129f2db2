"""GLYPH: every character of the document must be drawable by the font of its role.

A rare character in a place name that the chosen font lacks would print as a blank box; it is
reported at its input position instead, so the clerk can pick another font or rewrite it.
"""

from __future__ import annotations

from collections.abc import Mapping

from govreport.findings import Finding, error
from govreport.fonts import ROLE_LABELS, ResolvedFont
from govreport.layout.document import Document
from govreport.position import Pos

MAX_REPORTED = 50


class GlyphError(Exception):
    """The document has characters its fonts cannot draw; `findings` say where."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def missing_glyphs(document: Document, fonts: Mapping[str, ResolvedFont],
                   fallback: Pos) -> list[Finding]:
    """One GLYPH finding per occurrence of an undrawable character (at most MAX_REPORTED)."""
    runs = document.runs()
    text_by_role: dict[str, list[str]] = {}
    for run in runs:
        text_by_role.setdefault(run.font, []).append(run.text)
    missing_by_role = {role: set(fonts[role].missing_chars("".join(texts)))
                       for role, texts in text_by_role.items()}
    out: list[Finding] = []
    for run in runs:
        font = fonts[run.font]
        missing = missing_by_role[run.font]
        if not missing or not missing.intersection(run.text):
            continue
        for i, ch in enumerate(run.text):
            if ch in missing:
                pos = run.pos_at(i) or fallback
                out.append(error("GLYPH", pos, _message(ch, font)))
                if len(out) >= MAX_REPORTED:
                    return out
    return out


def _message(ch: str, font: ResolvedFont) -> str:
    role = ROLE_LABELS.get(font.role, font.role)
    return (f"字符“{ch}”（U+{ord(ch):04X}）在{role}所用的字体“{font.family}”中没有字形，"
            f"PDF 中会显示为空白方框；请用 --font {font.role}=字体文件 指定包含该字的字体，"
            f"或改写这个字")
