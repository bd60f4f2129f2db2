"""Fixtures for the PDF typesetting tests: synthetic fonts registered with reportlab.

Why synthetic fonts: results must not depend on the CJK fonts of the machine, and box glyphs
with 1000/500-unit advances make every expected position plain arithmetic.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402

from govreport.writers.pdf.styles import BODY_SIZE, TITLE_SIZE, FontSpec  # noqa: E402
from tests.support.synthfont import build_font  # noqa: E402

SAMPLE = Path(__file__).parents[1] / "data" / "quanyang-2018-report.txt"
EXTRA = (
    "甲乙丙丁一二三四五六七八九十（）《》「」『』【】〔〕“”‘’—…·※，。、；：？！％"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    ",.;:?!()[]{}%/-_=&#@+ "
)


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The seed report (public text of a 2018 township report)."""
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fonts(tmp_path_factory: pytest.TempPathFactory, sample_text: str) -> dict[str, FontSpec]:
    """Style keys of a report mapped to synthetic fonts: fang, kai, hei, title.

    "SynthProp" has proportional quotes (330 units, like WenQuanYi Zen Hei) to test
    centring in grid cells.
    """
    folder = tmp_path_factory.mktemp("fonts")
    sources = "".join(f.read_text(encoding="utf-8") for f in Path(__file__).parent.glob("*.py"))
    chars = sample_text + EXTRA + sources
    quotes = dict.fromkeys("“”‘’", 330)
    for name, advances in [
        ("SynthFang", {}),
        ("SynthKai", {}),
        ("SynthHei", {}),
        ("SynthProp", quotes),
    ]:
        if name not in pdfmetrics.getRegisteredFontNames():
            path = build_font(folder / f"{name}.ttf", chars, family=name, advances=advances)
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return {
        "fang": FontSpec("SynthFang", BODY_SIZE),
        "kai": FontSpec("SynthKai", BODY_SIZE),
        "hei": FontSpec("SynthHei", BODY_SIZE),
        "prop": FontSpec("SynthProp", BODY_SIZE),
        "title": FontSpec("SynthFang", TITLE_SIZE),
        "table": FontSpec("SynthFang", 10.5),
    }
