"""GLYPH: every character of the document must be drawable by a font of its role's chain.

A character the role's font lacks is drawn by the next font of its chain that has it, as Word
and browsers do (`govreport.fonts.chain`); that is reported in one line (FALLBACK), so the
clerk knows the PDF mixes fonts. A rare character in a place name that no font of the chain
has would print as a blank box: it is an error at its input position instead, so the clerk can
pick another font or rewrite it.
"""

from __future__ import annotations

from collections.abc import Mapping

from govreport.findings import Finding, error, warning
from govreport.fonts import ROLE_LABELS, ROLES, ResolvedFont
from govreport.layout.document import Document, Run
from govreport.position import Pos

MAX_REPORTED = 50
MAX_SHOWN = 8  # borrowed characters quoted per font in the FALLBACK line


class GlyphError(Exception):
    """The document has characters its fonts cannot draw; `findings` say where."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def missing_glyphs(document: Document, fonts: Mapping[str, ResolvedFont],
                   fallback: Pos) -> list[Finding]:
    """One GLYPH finding per occurrence of an undrawable character (at most MAX_REPORTED)."""
    runs = document.runs()
    missing_by_role = {role: set(fonts[role].chain.missing_chars(text))
                       for role, text in _text_by_role(runs).items()}
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


def borrowed_glyphs(document: Document, fonts: Mapping[str, ResolvedFont],
                    fallback: Pos) -> Finding | None:
    """One FALLBACK warning naming the characters drawn by a later font of a chain, placed
    at the first of them; None when every role's own font draws all its text."""
    runs = document.runs()
    text_by_role = _text_by_role(runs)
    parts: list[str] = []
    borrowed_by_role: dict[str, set[str]] = {}
    for role in ROLES:
        if role not in text_by_role:
            continue
        chain = fonts[role].chain
        borrowed = chain.borrowed(text_by_role[role])
        for k, chars in borrowed.items():
            parts.append(f"{ROLE_LABELS[role]}字体“{chain.primary.family}”没有的"
                         f"{_quoted(chars)}用“{chain.fonts[k].family}”")
            borrowed_by_role.setdefault(role, set()).update(chars)
    if not parts:
        return None
    first = next((run.pos_at(i) for run in runs if run.font in borrowed_by_role
                  for i, ch in enumerate(run.text) if ch in borrowed_by_role[run.font]), None)
    return warning("FALLBACK", first or fallback,
                   "PDF 中部分字符由后备字体绘制：" + "；".join(parts)
                   + "。govreport fonts 可查看各部分的字体链")


def _text_by_role(runs: list[Run]) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    for run in runs:
        texts.setdefault(run.font, []).append(run.text)
    return {role: "".join(parts) for role, parts in texts.items()}


def _quoted(chars: list[str]) -> str:
    shown = "".join(f"“{ch}”" for ch in chars[:MAX_SHOWN])
    return shown if len(chars) <= MAX_SHOWN else f"{shown}等 {len(chars)} 个字符"


def _message(ch: str, font: ResolvedFont) -> str:
    role = ROLE_LABELS.get(font.role, font.role)
    fallbacks = "、".join(f"“{f.family}”" for f in font.fallbacks)
    where = f"字体“{font.family}”及后备字体{fallbacks}中都" if fallbacks else f"字体“{font.family}”中"
    return (f"字符“{ch}”（U+{ord(ch):04X}）在{role}所用的{where}没有字形，"
            f"PDF 中会显示为空白方框；请用 --font {font.role}=字体文件 指定包含该字的字体，"
            f"或改写这个字")
