"""Registering resolved fonts with reportlab."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import Paragraph, SimpleDocTemplate

from govreport.fonts import ROLES, FontError, register_reportlab_fonts, resolve_fonts

FANGSONG_ZH = {"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}


def test_every_role_gets_a_registered_font_name(make_font):
    make_font("fs.ttf", family=FANGSONG_ZH)

    names = register_reportlab_fonts(resolve_fonts())

    assert set(names) == set(ROLES)
    assert set(names.values()) <= set(pdfmetrics.getRegisteredFontNames())


def test_roles_on_the_same_face_share_one_registration(make_font):
    make_font("fs.ttf", family=FANGSONG_ZH)

    names = register_reportlab_fonts(resolve_fonts())

    assert names["body"] == names["table"]
    assert names["title"] == names["page_number"]  # both on the serif default here
    assert names["body"] != names["title"]


def test_a_face_is_loaded_once_per_process(make_font, monkeypatch):
    make_font("fs.ttf", family=FANGSONG_ZH)
    fonts = resolve_fonts()
    register_reportlab_fonts(fonts)
    loads = []
    original = ttfonts.TTFont
    monkeypatch.setattr(ttfonts, "TTFont", lambda *a, **k: loads.append(a) or original(*a, **k))

    again = register_reportlab_fonts(fonts)

    assert loads == []
    assert again == register_reportlab_fonts(resolve_fonts())


def test_bold_markup_uses_the_same_face_instead_of_failing(make_font, tmp_path):
    make_font("fs.ttf", family=FANGSONG_ZH)
    names = register_reportlab_fonts(resolve_fonts())
    style = ParagraphStyle("body", fontName=names["body"], fontSize=16, leading=28)
    doc = SimpleDocTemplate(str(tmp_path / "b.pdf"), initialFontName=names["body"])

    doc.build([Paragraph("<b>一、总体情况</b>政府信息公开", style)])

    assert (tmp_path / "b.pdf").stat().st_size > 0


def test_unloadable_font_is_a_chinese_error(make_font, tmp_path):
    make_font("fs.ttf", family=FANGSONG_ZH)
    font = resolve_fonts()["body"]
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\0\1\0\0 broken")

    with pytest.raises(FontError, match="无法载入 PDF 生成器"):
        register_reportlab_fonts({"body": dataclasses.replace(font, ttf_path=broken)})
