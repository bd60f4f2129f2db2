"""Small TrueType fonts that stand in for a clerk's fonts in the CLI tests.

The fonts come from `tests.support.synthfont`; this names them the way these tests expect:
a PostScript name "GovreportTest-<family>" that the PDF's BaseFont shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tests.support.synthfont import ALL_GB2312, ASCII, build_font

__all__ = ["ALL_GB2312", "ASCII", "write_font"]


def write_font(path: Path, chars: Iterable[str], family: str,
               zh_family: str | None = None, narrow: int = 500, style: str = "Regular",
               weight: int = 400) -> Path:
    """A font mapping `chars` (plus space) to boxes: 1000 units wide for CJK, `narrow`
    (of 1000) for everything else; `weight` is its usWeightClass."""
    ps_name = "GovreportTest-" + "".join(c for c in family if c.isalnum())
    return build_font(path, chars, family=family, zh_family=zh_family, style=style,
                      ps_name=ps_name, narrow=narrow, weight=weight)
