"""The pip-installed defaults (Noto Serif SC / Noto Sans SC) work end to end on a bare machine."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

import govreport
from govreport import fonts as fonts_package
from govreport.fonts import pdf as pdf_module
from govreport.fonts import register_reportlab_fonts, resolve_fonts
from govreport.fonts.gb2312 import gb2312_hanzi
from tests.conftest import GOV_2021

pytestmark = pytest.mark.slow

TEXT = "政府信息公开工作年度报告（一）主动公开政府信息情况"


@pytest.mark.usefixtures("bundled_noto")
def test_bundled_noto_fonts_are_converted_registered_and_embedded(tmp_path):
    fonts = resolve_fonts()  # outline-free TrueType fonts, made once per machine

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


@pytest.mark.usefixtures("bundled_noto")
def test_a_report_has_the_same_pdf_whatever_the_cache_held_before(variant, tmp_path, monkeypatch):
    """Report B built on a fresh machine, and on another fresh machine after report A, whose
    rare characters were converted first, gives the same bytes. 堃, 喆 and 龘 are not in
    GB2312; 龘 has more points (535 in Noto Serif SC) than any glyph of report B (208)."""
    rare = "联系人：李堃、王喆、张龘"
    assert not {ord(ch) for ch in "堃喆龘"} & gb2312_hanzi()
    report_a = variant(GOV_2021, ("电话：0799-6612345", f"电话：0799-6612345，{rare}"),
                       name="with-rare-characters.yaml")

    def build_pdf(report: Path, machine: str) -> bytes:
        monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path / machine))
        fonts_package._resolved.cache_clear()  # as in a new process
        monkeypatch.setattr(pdf_module, "_registered", {})
        monkeypatch.setattr(pdfmetrics, "_dynFaceNames", {})
        out = tmp_path / machine / "out"
        (result,) = govreport.build([report], outdir=out, outputs=("pdf",), jobs=1)
        assert result.ok, result.error
        return (out / f"{report.stem}.pdf").read_bytes()

    b_alone = build_pdf(GOV_2021, "machine-1")
    a_first = build_pdf(report_a.path, "machine-2")
    b_after_a = build_pdf(GOV_2021, "machine-2")

    a_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(a_first)).pages)
    assert all(ch in a_text for ch in "堃喆龘")
    assert b_after_a == b_alone
