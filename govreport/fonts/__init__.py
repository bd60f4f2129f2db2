"""Font layer: find, convert and register the fonts of a GB/T 9704 style report.

Typical use::

    fonts = resolve_fonts({"body": "/path/仿宋_GB2312.ttf"})   # CLI --font values
    names = register_reportlab_fonts(fonts)                     # role -> reportlab font name
    print(format_resolution_table(resolution_table(fonts)))

Per role (`ROLES`) the font comes from, in order: the user (CLI `--font ROLE=PATH[#N]`, then
`GOVREPORT_FONT_<ROLE>`, then the `[fonts]` table of `$GOVREPORT_CONFIG` or the platform's
`govreport/config.toml`), an official font installed here, an open substitute installed here,
or the bundled Noto Serif SC / Noto Sans SC. Each role's font carries its fallback chain
(`ResolvedFont.chain`: that font, the role's other installed fonts, the bundled one), which
draws the characters the font lacks. Other knobs: `GOVREPORT_CACHE_DIR` (index and converted
fonts) and `GOVREPORT_FONT_DIRS` (folders or font files that replace the system font folders).
Problems a user can fix raise `FontError` with a Chinese message.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from .errors import FontError
from .families import OFFICIAL_FAMILY, ROLE_LABELS, ROLES
from .pdf import register_reportlab_fonts
from .resolve import ResolvedFont, resolve_fonts
from .table import format_resolution_table, resolution_table
from .userconfig import font_choices, parse_font_option

__all__ = [
    "OFFICIAL_FAMILY",
    "ROLES",
    "ROLE_LABELS",
    "FontError",
    "ResolvedFont",
    "font_choices",
    "format_resolution_table",
    "parse_font_option",
    "register_reportlab_fonts",
    "resolution_table",
    "resolve_fonts",
    "resolved_fonts",
]


def resolved_fonts(overrides: Mapping[str, str] | None = None) -> Mapping[str, ResolvedFont]:
    """`resolve_fonts` once per process for the same choices: fonts are resolved (and CFF
    fonts converted) once per build, not once per file."""
    return _resolved(tuple(sorted((overrides or {}).items())))


@functools.cache
def _resolved(overrides: tuple[tuple[str, str], ...]) -> Mapping[str, ResolvedFont]:
    return resolve_fonts(dict(overrides))
