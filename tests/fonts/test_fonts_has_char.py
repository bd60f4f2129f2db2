"""Per-font character coverage: GB2312 counts and fast `has_char` checks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fontTools.ttLib import TTFont

from govreport.fonts import resolve_fonts
from govreport.fonts.gb2312 import GB2312_HANZI_COUNT, gb2312_hanzi


def test_gb2312_hanzi_are_the_6763_characters_of_rows_16_to_87():
    hanzi = gb2312_hanzi()

    assert len(hanzi) == GB2312_HANZI_COUNT == 6763
    assert ord("啊") in hanzi  # row 16, cell 1
    assert ord("齄") in hanzi  # row 87, last cell
    assert ord("，") not in hanzi  # punctuation rows are excluded
    assert all(0x4E00 <= cp <= 0x9FFF for cp in hanzi)


def test_coverage_counts_the_gb2312_hanzi_in_the_cmap(make_font, tmp_path):
    small = make_font("s.ttf", folder=tmp_path / "x", family="Small", chars="政府信息公开ABC")

    font = resolve_fonts({"body": small})["body"]

    assert font.gb2312_coverage == 6


def test_has_char_answers_from_the_fonts_cmap(make_font, tmp_path):
    small = make_font("s.ttf", folder=tmp_path / "x", family="Small", chars="政府信息公开AB")
    font = resolve_fonts({"body": small})["body"]

    assert font.has_char("政")
    assert font.has_char("A")
    assert not font.has_char("报")
    assert not font.has_char("Z")


def test_missing_chars_lists_each_absent_character_once(make_font, tmp_path):
    small = make_font("s.ttf", folder=tmp_path / "x", family="Small", chars="政府信息公开")
    font = resolve_fonts({"body": small})["body"]

    assert font.missing_chars("政府信息公开工作报告报告\n") == sorted("工作报告")


def test_has_char_works_without_the_cached_cmap(make_font, tmp_path):
    small = make_font("s.ttf", folder=tmp_path / "x", family="Small", chars="政府")
    font = dataclasses.replace(resolve_fonts({"body": small})["body"], cmap_file=None)

    assert font.has_char("政")
    assert not font.has_char("报")


def test_every_character_of_a_report_is_answered_from_the_coverage_read_once(monkeypatch):
    font = resolve_fonts()["body"]  # the synthetic default: the GB2312 hanzi and ASCII
    text = ("一、总体情况\n本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》。" * 600)[
        :20000
    ]
    assert font.has_char("一")  # reads the font's coverage once

    def refuse(*args, **kwargs):
        raise AssertionError("the font or its coverage was read again")

    monkeypatch.setattr(TTFont, "__init__", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert font.missing_chars(text) == sorted("、，《》。")  # GB2312 punctuation, not hanzi
