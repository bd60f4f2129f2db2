"""The PDF's fonts by style key: each role's own font, and its fallbacks once they draw.

A layout run names a role ("heading1"); `PdfFonts.runs` cuts it where the role's chain hands a
character to a later font (Droid Sans Fallback has no "/": Noto Sans SC draws it) and gives
each piece the style key of its font ("heading1" or "heading1+1"), so that line breaking
measures and the drawer sets every glyph in the font that has it. A fallback is registered
with reportlab only when it first draws, so a report its fonts cover gives the same bytes
as before chains existed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from govreport.fonts import ResolvedFont
from govreport.fonts.pdf import register_reportlab_font
from govreport.writers.pdf.linebreak import Piece
from govreport.writers.pdf.styles import FontSpec

# Synthetic bold, as Word does for a font without a bold face: glyphs filled and stroked
# (text render mode 2) with a line this fraction of the size, i.e. each stem about 3 % of the
# em wider: Noto Serif SC Regular's then come close to its SemiBold's.
EMBOLDEN_EM = 0.03


class PdfFonts(Mapping[str, str]):
    """Style key → registered reportlab font name.

    Built from role → name alone (no chains: every run keeps its role's font), or with the
    resolved fonts too, whose chains then split runs and whose weights decide emboldening.
    """

    def __init__(self, names: Mapping[str, str],
                 fonts: Mapping[str, ResolvedFont] | None = None) -> None:
        self._names = dict(names)
        known = {role: fonts[role] for role in names if role in fonts} if fonts else {}
        self._roles: dict[str, ResolvedFont] = known  # role → its own font (and chain)
        self._drawn: dict[str, ResolvedFont] = dict(known)  # key → the font it draws with

    def __getitem__(self, key: str) -> str:
        return self._names[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def runs(self, text: str, role: str) -> list[Piece]:
        """`text` of `role` as runs, cut where a fallback font draws (see the module doc)."""
        font = self._roles.get(role)
        if font is None or not font.fallbacks:
            return [(text, role)]
        return [(piece, self._key(role, k)) for piece, k in font.chain.segments(text)]

    def _key(self, role: str, k: int) -> str:
        if k == 0:
            return role
        key = f"{role}+{k}"
        if key not in self._names:
            fallback = self._roles[role].chain.fonts[k]
            self._names[key] = register_reportlab_font(fallback)
            self._drawn[key] = fallback
        return key

    def stroke(self, key: str, size: float) -> float:
        """Line width that emboldens the font of `key` at `size`, 0 for none."""
        font = self._drawn.get(key)
        return EMBOLDEN_EM * size if font is not None and font.synthetic_bold else 0.0


class FontSpecs(Mapping[str, FontSpec]):
    """`GridStyle.fonts` for one size: a FontSpec for every key of `fonts`, including the
    fallback keys that runs split after the style was made."""

    def __init__(self, fonts: Mapping[str, str], size: float) -> None:
        self._fonts = fonts
        self._size = size
        self._specs: dict[str, FontSpec] = {}

    def __getitem__(self, key: str) -> FontSpec:
        spec = self._specs.get(key)
        if spec is None:
            fonts, size = self._fonts, self._size
            stroke = fonts.stroke(key, size) if isinstance(fonts, PdfFonts) else 0.0
            spec = self._specs[key] = FontSpec(fonts[key], size, stroke)
        return spec

    def __contains__(self, key: object) -> bool:
        return key in self._fonts

    def __iter__(self) -> Iterator[str]:
        return iter(self._fonts)

    def __len__(self) -> int:
        return len(self._fonts)


def as_pdf_fonts(font_names: Mapping[str, str]) -> PdfFonts:
    """The caller's PdfFonts, or plain role → name wrapped (no chains, no emboldening)."""
    return font_names if isinstance(font_names, PdfFonts) else PdfFonts(font_names)
