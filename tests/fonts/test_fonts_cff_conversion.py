"""CFF fonts become cached TrueType fonts reportlab can load: the outline-free font at once,
each glyph's outline when a PDF first embeds it (see test_fonts_cff_subsets.py)."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph

from govreport.fonts import FontError, resolve_fonts
from govreport.fonts import convert as convert_module
from govreport.fonts.convert import MAX_ERR, GlyphConverter, write_outline_free_ttf
from govreport.fonts.ttfcache import (
    CONVERTER_VERSION,
    cached_ttf_path,
    ensure_ttf,
    glyph_store_path,
)

FANGSONG_ZH = {"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}


def outline_free(src: Path) -> TTFont:
    out = io.BytesIO()
    write_outline_free_ttf(src, 0, out)
    out.seek(0)
    return TTFont(out)


def converted_glyph(src: Path, gid: int) -> tuple[int, Glyph]:
    with GlyphConverter(src, 0) as converter:
        lsb, data = converter.convert(gid)
    return lsb, Glyph(data)


def test_the_cached_font_is_truetype_with_every_glyph_still_empty(make_font):
    ttf = outline_free(make_font("c.otf", family="CFF Font", cff=True))

    assert ttf.sfntVersion == "\0\1\0\0"
    assert "glyf" in ttf and "loca" in ttf
    assert "CFF " not in ttf and "VORG" not in ttf
    assert all(ttf["glyf"][name].numberOfContours == 0 for name in ttf.getGlyphOrder())
    assert (ttf["maxp"].tableVersion, ttf["maxp"].maxPoints) == (0x00010000, 0)
    assert ttf["post"].formatType == 3.0


def test_the_cached_font_keeps_glyph_count_advances_cmap_and_bounding_box(make_font):
    src_path = make_font("c.otf", family="CFF Font", cff=True)
    src = TTFont(src_path)
    ttf = outline_free(src_path)

    assert ttf["maxp"].numGlyphs == src["maxp"].numGlyphs == 4
    src_advances = [src["hmtx"][g][0] for g in src.getGlyphOrder()]
    assert [ttf["hmtx"][g][0] for g in ttf.getGlyphOrder()] == src_advances
    assert ttf.getBestCmap().keys() == src.getBestCmap().keys()
    head_box = ("xMin", "yMin", "xMax", "yMax")
    assert [getattr(ttf["head"], k) for k in head_box] == [getattr(src["head"], k)
                                                            for k in head_box]


def test_curves_become_quadratic_within_the_error_bound(make_font):
    src_path = make_font("c.otf", family="CFF Font", cff=True)
    src = TTFont(src_path)
    ring_gid = src.getGlyphID("ring")

    lsb, ring = converted_glyph(src_path, ring_gid)
    ring.expand(None)

    assert ring.numberOfContours == 1
    assert any(flag & 1 == 0 for flag in ring.flags)  # off-curve points exist
    pen = BoundsPen(src.getGlyphSet())
    src.getGlyphSet()["ring"].draw(pen)
    assert all(abs(a - b) <= MAX_ERR + 1
               for a, b in zip(pen.bounds, (ring.xMin, ring.yMin, ring.xMax, ring.yMax),
                               strict=True))
    assert lsb == ring.xMin


def test_an_empty_glyph_converts_to_no_data(make_font):
    src_path = make_font("c.otf", family="CFF Font", cff=True)

    with GlyphConverter(src_path, 0) as converter:
        assert converter.convert(TTFont(src_path).getGlyphID("space")) == (0, b"")


def test_a_glyph_converts_the_same_alone_as_after_every_other(make_distinct_cff):
    src = make_distinct_cff("d.otf", "政府信息公开工作年度报告堃喆")
    count = TTFont(src)["maxp"].numGlyphs

    with GlyphConverter(src, 0) as converter:
        in_order = [converter.convert(gid) for gid in range(count)]
    for gid in (count - 1, 5, 0):
        with GlyphConverter(src, 0) as converter:
            assert converter.convert(gid) == in_order[gid]
    assert all(len(data) % 4 == 0 for _, data in in_order)  # padded as a glyf table is


def test_resolving_a_cff_font_makes_the_outline_free_font_and_converts_no_glyph(make_font):
    src = make_font("fs.otf", family=FANGSONG_ZH, cff=True)

    font = resolve_fonts()["body"]

    assert (font.path, font.outline, font.origin) == (src, "CFF", "official")
    assert font.ttf_path.parent == Path(os.environ["GOVREPORT_CACHE_DIR"]) / "ttf"
    assert font.ttf_path.name.endswith(f"-0-c{CONVERTER_VERSION}.ttf")
    assert font.ttf_index == 0
    assert TTFont(font.ttf_path).sfntVersion == "\0\1\0\0"
    assert not glyph_store_path(font.ttf_path).exists()


def test_a_cff_fonts_characters_are_known_before_any_glyph_is_converted(make_font):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True, chars="政府信息公开")
    font = resolve_fonts({"body": Path(os.environ["GOVREPORT_FONT_DIRS"]) / "fs.otf"})["body"]
    without_sidecar = dataclasses.replace(font, cmap_file=None)  # reads the cached font's cmap

    assert without_sidecar.has_char("政") and not without_sidecar.has_char("堃")
    assert without_sidecar.missing_chars("政府信息公开堃") == ["堃"]


def test_the_outline_free_font_is_made_once_and_reused(make_font, monkeypatch):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    first = resolve_fonts()["body"].ttf_path

    def refuse(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(convert_module, "write_outline_free_ttf", refuse)

    assert resolve_fonts()["body"].ttf_path == first


def test_a_conversion_by_the_whole_font_converter_is_not_reused(make_font):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    current = resolve_fonts()["body"].ttf_path
    digest, index, _ = current.name.split("-")
    whole_font = current.with_name(f"{digest}-{index}-c1.ttf")  # what version 1 left
    whole_font.write_bytes(b"a whole-font conversion, which version 2 must not load")
    current.unlink()

    again = resolve_fonts()["body"].ttf_path

    assert CONVERTER_VERSION == 2
    assert again == current and again.read_bytes()[:4] == b"\0\1\0\0"
    assert whole_font.read_bytes().startswith(b"a whole-font conversion")


def test_an_outline_free_font_another_process_made_meanwhile_is_used(
    make_font, monkeypatch, tmp_path
):
    src = make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    dest = cached_ttf_path(tmp_path / "cache", "a" * 64, 0)
    write = convert_module.write_outline_free_ttf

    def racing(src: Path, index: int, out) -> int:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("wb") as other:  # the other process finishes first
            write(src, index, other)
        return write(src, index, out)

    def in_use(*args):
        raise PermissionError(13, "The process cannot access the file")  # as Windows says

    monkeypatch.setattr(convert_module, "write_outline_free_ttf", racing)
    monkeypatch.setattr(os, "replace", in_use)

    assert ensure_ttf(src, 0, "a" * 64, tmp_path / "cache") == dest
    assert TTFont(dest).sfntVersion == "\0\1\0\0"


def test_cache_is_keyed_by_content_not_by_path(make_font, tmp_path):
    src = make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    first = resolve_fonts()["body"].ttf_path
    copy = tmp_path / "copy" / "same.otf"
    copy.parent.mkdir()
    shutil.copyfile(src, copy)

    assert resolve_fonts({"body": copy})["body"].ttf_path == first


def test_failed_conversion_is_a_chinese_error_and_leaves_no_file(make_font, monkeypatch):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)

    def broken(*args, **kwargs):
        raise ValueError("bad CFF table")

    monkeypatch.setattr(convert_module, "write_outline_free_ttf", broken)

    with pytest.raises(FontError, match="字体转换为 TrueType 格式失败：bad CFF table"):
        resolve_fonts()
    assert list((Path(os.environ["GOVREPORT_CACHE_DIR"]) / "ttf").iterdir()) == []


def test_unwritable_cache_is_a_chinese_error_pointing_at_the_env_var(
    make_font, tmp_path, monkeypatch
):
    make_font("fs.otf", family=FANGSONG_ZH, cff=True)
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(not_a_folder))

    with pytest.raises(FontError, match=r"无法写入字体缓存目录.*GOVREPORT_CACHE_DIR"):
        resolve_fonts()
