"""Importing reportlab's platypus without compiling regexes it never uses for us.

`reportlab.platypus` imports `paragraph.py`, whose module-level patterns for URLs and
hyphenation span most of Unicode (`[a-z\\xa1-\\uffff…]` with re.I): compiling them took ~30 ms
of every build, more than laying out a page, and govreport sets no reportlab Paragraph. While
platypus is imported, long patterns are compiled on first use instead; everything reportlab
does with them is unchanged.
"""

from __future__ import annotations

import re
import sys
from typing import Any

LAZY_OVER = 100
"""Patterns longer than this many characters are compiled when first used."""


class _LazyPattern:
    """Stands for `re.compile(pattern, flags)` until an attribute is used."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def preload() -> None:
    """Import reportlab.platypus (once), its long patterns left to compile on first use."""
    if "reportlab.platypus" in sys.modules:
        return
    compile_now = re.compile

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and len(pattern) > LAZY_OVER:
            return _LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_later  # type: ignore[assignment]
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = compile_now
