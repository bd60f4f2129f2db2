"""Importing a library without compiling module-level regexes it may never use here.

Two libraries compile costly patterns when imported:
- `reportlab.platypus` imports `paragraph.py`, whose patterns for URLs and hyphenation span
  most of Unicode (`[a-z\\xa1-\\uffff…]` with re.I): ~30 ms of every build, more than laying
  out a page, and govreport sets no reportlab Paragraph;
- PyYAML's pure-Python reader compiles its NON_PRINTABLE class (up to U+10FFFF): ~10 ms of
  every command, and govreport reads with libyaml (`CSafeLoader`), which checks characters
  itself.
While such a library is imported, those patterns are compiled on first use instead;
everything the library does with them is unchanged.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

LAZY_OVER = 100
"""Patterns longer than this many characters, or naming a character beyond the BMP, are
compiled when first used."""


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


def _costly(pattern: str) -> bool:
    return len(pattern) > LAZY_OVER or max(pattern, default="\0") > "\uffff"


def import_lazily(module: str) -> None:
    """Import `module` (once), its costly patterns left to compile on first use."""
    if module in sys.modules:
        return
    compile_now = re.compile

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and _costly(pattern):
            return _LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_later  # type: ignore[assignment]
    try:
        importlib.import_module(module)
    finally:
        re.compile = compile_now
