"""A PDF set in a CFF font embeds TrueType subsets whose glyphs are converted when first used:
every glyph shown has its outline, and the PDF's bytes depend only on its text and the font
file, never on what the conversion cache held before."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from govreport.fonts import FontError, glyphstore, register_reportlab_fonts, resolve_fonts
from govreport.fonts import pdf as pdf_module
from govreport.fonts.convert import GlyphConverter
from govreport.fonts.glyphstore import read_store
from govreport.fonts.ttfcache import glyph_store_path

# The distinct font's glyphs grow with their position here: the rare characters at the end
# (堃 U+5803 and 喆 U+5586 are not in GB2312) have the biggest boxes and the most points.
CHARS = "政府信息公开工作年度报告本机关主动申请办理结果堃喆"
REPORT_B = "政府信息公开工作年度报告"
REPORT_A = "本机关主动公开申请办理结果堃喆"


@pytest.fixture
def distinct(make_distinct_cff, monkeypatch) -> Path:
    new_process(monkeypatch)
    return make_distinct_cff("distinct.otf", CHARS)


def new_process(monkeypatch) -> None:
    """Forget the fonts registered so far, as a new process starts without them (reportlab
    would otherwise hand out the first font registered under a PostScript name for a later
    file of that name)."""
    monkeypatch.setattr(pdf_module, "_registered", {})
    monkeypatch.setattr(pdfmetrics, "_dynFaceNames", {})


def body_font(path: Path):
    return resolve_fonts({"body": path})["body"]


def render(path: Path, text: str) -> bytes:
    """A one-page PDF with `text` in the body font (invariant: no dates or random IDs)."""
    name = register_reportlab_fonts({"body": body_font(path)})["body"]
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1, initialFontName=name)
    page.setFont(name, 16)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def embedded(pdf: bytes) -> list[TTFont]:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    return [TTFont(io.BytesIO(f.get_object()["/FontDescriptor"]["/FontFile2"].get_data()))
            for f in fonts]


Shape = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...]]


def shape(glyph: Glyph, glyf: Any = None) -> Shape:
    """A TrueType glyph's points, contour ends and on-curve flags."""
    glyph.expand(glyf)
    coordinates, ends, flags = glyph.getCoordinates(glyf)
    return tuple(coordinates), tuple(ends), tuple(f & 1 for f in flags)


def outlines(font: TTFont) -> set[Shape]:
    glyf = font["glyf"]
    return {shape(glyf[name], glyf) for name in font.getGlyphOrder()
            if glyf[name].numberOfContours > 0}


def converted(path: Path, chars: str) -> set[Shape]:
    source = TTFont(path)
    cmap = source.getBestCmap()
    with GlyphConverter(path, 0) as converter:
        return {shape(Glyph(converter.convert(source.getGlyphID(cmap[ord(ch)]))[1]))
                for ch in chars}


def stored_gids(path: Path) -> set[int]:
    font = body_font(path)
    store = read_store(glyph_store_path(font.ttf_path), TTFont(path)["maxp"].numGlyphs)
    return {gid for gid, _ in store.items()}


def use_cache(monkeypatch, folder: Path) -> None:
    """A process that has registered no font yet, with the cache `folder`."""
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(folder))
    new_process(monkeypatch)


def test_the_pdf_embeds_the_converted_outline_of_every_glyph_it_shows(distinct):
    (font,) = embedded(render(distinct, REPORT_B))

    notdef = shape(font["glyf"][".notdef"], font["glyf"])
    assert outlines(font) == converted(distinct, REPORT_B) | {notdef}


def test_the_text_stays_extractable_from_the_embedded_truetype_font(distinct):
    reader = PdfReader(io.BytesIO(render(distinct, REPORT_A)))

    assert REPORT_A in reader.pages[0].extract_text()
    (font,) = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert font["/Subtype"] == "/TrueType" and "/FontFile2" in font["/FontDescriptor"]


def test_only_the_glyphs_a_pdf_shows_are_converted_and_stored(distinct):
    render(distinct, REPORT_B)

    source = TTFont(distinct)
    cmap = source.getBestCmap()
    shown = {source.getGlyphID(cmap[ord(ch)]) for ch in REPORT_B}
    assert stored_gids(distinct) == {0} | shown  # .notdef: every subset has it


def test_a_later_pdf_converts_only_the_glyphs_it_adds(distinct, monkeypatch):
    render(distinct, REPORT_B)
    converted_now: list[int] = []
    convert = GlyphConverter.convert
    monkeypatch.setattr(GlyphConverter, "convert",
                        lambda self, gid: converted_now.append(gid) or convert(self, gid))

    render(distinct, REPORT_B + "本机关")

    source = TTFont(distinct)
    cmap = source.getBestCmap()
    assert sorted(converted_now) == sorted(source.getGlyphID(cmap[ord(ch)]) for ch in "本机关")


def test_glyphs_another_process_stored_are_read_not_converted_again(
    distinct, monkeypatch, tmp_path
):
    use_cache(monkeypatch, tmp_path / "shared")
    first = render(distinct, REPORT_B)
    use_cache(monkeypatch, tmp_path / "shared")  # the next process on this machine

    def refuse(self, gid):
        raise AssertionError(f"glyph {gid} converted again")

    monkeypatch.setattr(GlyphConverter, "convert", refuse)

    assert render(distinct, REPORT_B) == first


def test_a_subsets_head_hhea_and_maxp_describe_the_glyphs_it_holds(distinct):
    for font in embedded(render(distinct, REPORT_A + REPORT_B)):
        stored = {"maxp": dict(vars(font["maxp"])), "hhea": dict(vars(font["hhea"]))}
        head_box = [getattr(font["head"], k) for k in ("xMin", "yMin", "xMax", "yMax")]

        font["maxp"].recalc(font)
        font["hhea"].recalc(font)
        font["head"].compile(font)  # recalculates the bounding box

        for table in ("maxp", "hhea"):
            assert {k: v for k, v in vars(font[table]).items() if k in stored[table]} == stored[
                table
            ]
        assert [getattr(font["head"], k) for k in ("xMin", "yMin", "xMax", "yMax")] == head_box


def test_a_pdf_is_the_same_whatever_the_cache_held_before(distinct, monkeypatch, tmp_path):
    use_cache(monkeypatch, tmp_path / "machine-1")
    b_alone = render(distinct, REPORT_B)
    use_cache(monkeypatch, tmp_path / "machine-2")
    render(distinct, REPORT_A)  # converts the rare, biggest glyphs first

    assert render(distinct, REPORT_B) == b_alone


def test_a_pdf_is_the_same_when_an_earlier_process_converted_more(
    distinct, monkeypatch, tmp_path
):
    use_cache(monkeypatch, tmp_path / "machine-1")
    b_alone = render(distinct, REPORT_B)
    use_cache(monkeypatch, tmp_path / "machine-2")
    render(distinct, REPORT_A)
    use_cache(monkeypatch, tmp_path / "machine-2")  # a new process: glyphs from the store

    assert render(distinct, REPORT_B) == b_alone


def test_an_unwritable_glyph_store_still_gives_every_outline(distinct, monkeypatch, caplog):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(glyphstore, "write_store", read_only)

    with caplog.at_level(logging.WARNING):
        (font,) = embedded(render(distinct, REPORT_B))

    assert len(outlines(font)) == len(REPORT_B) + 1  # every hanzi, and .notdef
    assert "无法写入字体缓存" in caplog.text
    assert stored_gids(distinct) == set()


def test_a_glyph_that_cannot_be_converted_is_a_chinese_error(distinct, monkeypatch):
    def broken(self, gid):
        raise ValueError("bad charstring")

    monkeypatch.setattr(GlyphConverter, "convert", broken)

    with pytest.raises(FontError, match=r"distinct\.otf 的字形转换为 TrueType 格式失败：bad charstring"):
        render(distinct, REPORT_B)
    assert stored_gids(distinct) == set()
