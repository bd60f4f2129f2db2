"""A role's fallback chain: which of its fonts draws each character.

Word and browsers draw a character the chosen font lacks with the next font that has it; a
report does the same, so that a CJK-only font (Droid Sans Fallback has no "/" and no Latin
letter) cannot fail a build. The chain is the role's own font, then the other installed
candidates of the role, then the bundled Noto font; only a character that no font of the chain
has is an error (GLYPH).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .resolve import ResolvedFont

Segment = tuple[str, int]
"""A piece of text and the position in the chain of the font that draws it (0: the role's own)."""

_NONE = -1  # no font of the chain has the character
_SPACE = -2  # whitespace: drawn with the font of the text around it


@dataclass(frozen=True)
class FontChain:
    """The fonts of one role, in the order they are tried; `fonts[0]` is the role's choice."""

    fonts: tuple[ResolvedFont, ...]
    _drawer: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def primary(self) -> ResolvedFont:
        return self.fonts[0]

    def drawer(self, ch: str) -> int:
        """Chain position of the first font that has `ch`; -1 if none has it, -2 for a space."""
        known = self._drawer.get(ch)
        if known is None:
            if ch.isspace():
                known = _SPACE
            else:
                known = next((k for k, f in enumerate(self.fonts) if f.has_char(ch)), _NONE)
            self._drawer[ch] = known
        return known

    def segments(self, text: str) -> list[Segment]:
        """`text` cut where the drawing font changes. Whitespace stays with the text before it
        (or after it, at the start); a character no font has stays with the role's own font,
        whose missing-glyph box is what the GLYPH check reports before anything is drawn."""
        drawer = self.drawer
        if len(self.fonts) == 1 or all(drawer(ch) in (0, _SPACE) for ch in text):
            return [(text, 0)]
        out: list[Segment] = []
        start, current = 0, None
        for i, ch in enumerate(text):
            k = drawer(ch)
            if k == _SPACE:
                continue
            k = max(k, 0)
            if current is None:
                current = k
            elif k != current:
                out.append((text[start:i], current))
                start, current = i, k
        out.append((text[start:], current or 0))
        return out

    def missing_chars(self, text: str) -> list[str]:
        """The distinct characters of `text` that no font of the chain has, sorted."""
        return sorted(ch for ch in set(text) if self.drawer(ch) == _NONE)

    def borrowed(self, text: str) -> dict[int, list[str]]:
        """Chain position (1 and up) → the distinct characters of `text` it draws, sorted."""
        out: dict[int, list[str]] = {}
        for ch in sorted(set(text)):
            k = self.drawer(ch)
            if k > 0:
                out.setdefault(k, []).append(ch)
        return out
