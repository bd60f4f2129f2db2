"""The pip-installed defaults (Noto Serif SC / Noto Sans SC) work end to end on a bare machine."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from govreport.fonts import register_reportlab_fonts, resolve_fonts

pytestmark = pytest.mark.slow

TEXT = "政府信息公开工作年度报告（一）主动公开政府信息情况"


@pytest.mark.usefixtures("bundled_noto")
def test_bundled_noto_fonts_are_converted_registered_and_embedded(tmp_path):
    fonts = resolve_fonts()  # converts both fonts the first time on a machine, then reuses them

    assert {f.origin for f in fonts.values()} == {"default"}
    assert fonts["body"].family == "Noto Serif SC"
    assert fonts["heading1"].family == "Noto Sans SC"
    for font in fonts.values():
        assert (font.outline, font.gb2312_coverage) == ("CFF", 6763)
        source, converted = TTFont(font.path, lazy=True), TTFont(font.ttf_path, lazy=True)
        assert converted["maxp"].numGlyphs == source["maxp"].numGlyphs
        assert "glyf" in converted and "CFF " not in converted
        assert all(font.has_char(ch) for ch in TEXT)

    names = register_reportlab_fonts(fonts)
    pdf = tmp_path / "noto.pdf"
    page = canvas.Canvas(str(pdf), initialFontName=names["body"])
    page.setFont(names["body"], 16)
    page.drawString(72, 720, TEXT)
    page.setFont(names["heading1"], 16)
    page.drawString(72, 690, "一、总体情况")
    page.save()

    text = PdfReader(pdf).pages[0].extract_text()
    assert TEXT in text and "一、总体情况" in text


@pytest.mark.usefixtures("bundled_noto")
def test_bundled_noto_fonts_are_reused_from_the_cache(monkeypatch):
    first = resolve_fonts()
    converted = {f.ttf_path: f.ttf_path.stat().st_mtime_ns for f in first.values()}

    def refuse(*args, **kwargs):
        raise AssertionError("a font was parsed or converted again")

    monkeypatch.setattr(TTFont, "__init__", refuse)
    second = resolve_fonts()

    assert second == first
    assert {f.ttf_path: f.ttf_path.stat().st_mtime_ns for f in second.values()} == converted
