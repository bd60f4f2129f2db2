"""CFF fonts are converted to cached TrueType files that reportlab can embed."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from govreport.fonts import FontError, register_reportlab_fonts, resolve_fonts
from govreport.fonts import convert as convert_module
from govreport.fonts.convert import MAX_ERR, convert_cff_to_ttf
from govreport.fonts.ttfcache import ensure_ttfs

FANGSONG_ZH = {"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}


def converted(src: Path) -> TTFont:
    out = io.BytesIO()
    convert_cff_to_ttf(src, 0, out)
    out.seek(0)
    return TTFont(out)


def test_conversion_replaces_cff_outlines_with_glyf(make_font):
    ttf = converted(make_font("c.otf", family="CFF Font", cff=True))

    assert ttf.sfntVersion == "\0\1\0\0"
    assert "glyf" in ttf and "loca" in ttf
    assert "CFF " not in ttf and "VORG" not in ttf


def test_conversion_keeps_glyph_count_advances_and_cmap(make_font):
    src_path = make_font("c.otf", family="CFF Font", cff=True)
    src = TTFont(src_path)
    ttf = converted(src_path)

    assert ttf["maxp"].numGlyphs == src["maxp"].numGlyphs == 4
    src_advances = [src["hmtx"][g][0] for g in src.getGlyphOrder()]
    assert [ttf["hmtx"][g][0] for g in ttf.getGlyphOrder()] == src_advances
    assert ttf.getBestCmap().keys() == src.getBestCmap().keys()


def test_curves_become_quadratic_within_the_error_bound(make_font):
    src = TTFont(make_font("c.otf", family="CFF Font", cff=True))
    ttf = converted(make_font("c.otf", family="CFF Font", cff=True))
    ring = ttf["glyf"][ttf.getGlyphOrder()[3]]

    assert ring.numberOfContours == 1
    assert any(flag & 1 == 0 for flag in ring.flags)  # off-curve points exist
    cff_bounds = src["CFF "].cff.topDictIndex[0].CharStrings["ring"].calcBounds(None)
    ttf_bounds = (ring.xMin, ring.yMin, ring.xMax, ring.yMax)
    assert all(abs(a - b) <= MAX_ERR + 1 for a, b in zip(cff_bounds, ttf_bounds, strict=True))


def test_font_wide_metrics_match_what_fonttools_would_recalculate(make_font):
    ttf = converted(make_font("c.otf", family="CFF Font", cff=True))
    stored = {t: dict(vars(ttf[t])) for t in ("maxp", "hhea")}
    head_box = (ttf["head"].xMin, ttf["head"].yMin, ttf["head"].xMax, ttf["head"].yMax)

    ttf["maxp"].recalc(ttf)
    ttf["hhea"].recalc(ttf)
    ttf["head"].compile(ttf)  # recalculates the bounding box

    for table in ("maxp", "hhea"):
        assert {k: v for k, v in vars(ttf[table]).items() if k in stored[table]} == stored[table]
    assert (ttf["head"].xMin, ttf["head"].yMin, ttf["head"].xMax, ttf["head"].yMax) == head_box
    assert ttf["maxp"].tableVersion == 0x00010000
    assert ttf["post"].formatType == 3.0


def test_left_side_bearings_equal_the_new_outlines_xmin(make_font):
    ttf = converted(make_font("c.otf", family="CFF Font", cff=True))

    for name in ttf.getGlyphOrder():
        glyph = ttf["glyf"][name]
        if glyph.numberOfContours > 0:
            assert ttf["hmtx"][name][1] == glyph.xMin


def test_resolved_cff_font_points_reportlab_at_a_cached_truetype_file(make_font):
    src = make_font("fs.otf", family=FANGSONG_ZH, cff=True)

    font = resolve_fonts()["body"]

    assert (font.path, font.outline, font.origin) == (src, "CFF", "official")
    assert font.ttf_path.parent == Path(os.environ["GOVREPORT_CACHE_DIR"]) / "ttf"
    assert font.ttf_index == 0
    assert TTFont(font.ttf_path).sfntVersion == "\0\1\0\0"


def test_reportlab_embeds_the_converted_font_and_text_stays_extractable(make_font, tmp_path):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    fonts = resolve_fonts()
    names = register_reportlab_fonts(fonts)
    pdf = tmp_path / "out.pdf"

    page = canvas.Canvas(str(pdf), initialFontName=names["body"])
    page.setFont(names["body"], 16)
    page.drawString(72, 720, "政府信息公开 ABC")
    page.save()

    reader = PdfReader(pdf)
    assert "政府信息公开 ABC" in reader.pages[0].extract_text()
    fonts_used = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert [f["/Subtype"] for f in fonts_used] == ["/TrueType"]
    assert "/FontFile2" in fonts_used[0]["/FontDescriptor"]  # embedded TrueType program


def test_conversion_happens_once_and_is_reused(make_font, monkeypatch):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    first = resolve_fonts()["body"].ttf_path

    def refuse(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(convert_module, "convert_cff_to_ttf", refuse)

    assert resolve_fonts()["body"].ttf_path == first


def test_cache_is_keyed_by_content_not_by_path(make_font, tmp_path):
    src = make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    first = resolve_fonts()["body"].ttf_path
    copy = tmp_path / "copy" / "same.otf"
    copy.parent.mkdir()
    shutil.copyfile(src, copy)

    assert resolve_fonts({"body": copy})["body"].ttf_path == first


def test_failed_conversion_is_a_chinese_error_and_leaves_no_file(make_font, monkeypatch):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)

    def broken(font):
        raise ValueError("bad charstring")

    monkeypatch.setattr(convert_module, "_convert_glyphs", broken)

    with pytest.raises(FontError, match="字体转换为 TrueType 格式失败：bad charstring"):
        resolve_fonts()
    assert list((Path(os.environ["GOVREPORT_CACHE_DIR"]) / "ttf").iterdir()) == []


def test_several_conversions_all_land_in_the_cache(make_font, tmp_path):
    a = make_font("a.otf", family="A", cff=True)
    b = make_font("b.otf", family="B", cff=True, chars="政府")
    cache = tmp_path / "conv"

    paths = ensure_ttfs([(a, 0, "a" * 64), (b, 0, "b" * 64)], cache)

    assert [p.name for p in paths] == [
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-0-c1.ttf",
        "b" * 32 + "-0-c1.ttf",
    ]
    assert all(TTFont(p)["maxp"].numGlyphs == 4 for p in paths)


def test_unwritable_cache_is_a_chinese_error_pointing_at_the_env_var(
    make_font, tmp_path, monkeypatch
):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(not_a_folder))

    with pytest.raises(FontError, match=r"无法写入字体缓存目录.*GOVREPORT_CACHE_DIR"):
        resolve_fonts()
