"""Automatic resolution: name-table matching and official > substitute > default precedence."""

from __future__ import annotations

import logging

import pytest
from fontTools.ttLib import TTFont

from govreport.fonts import OFFICIAL_FAMILY, ROLES, resolve_fonts
from govreport.fonts.gb2312 import gb2312_hanzi

FANGSONG_ZH = {"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}
SOME_GB2312 = "".join(sorted(chr(cp) for cp in gb2312_hanzi()))[:4384]


def test_with_no_fonts_installed_every_role_uses_the_bundled_default(synthetic_defaults):
    fonts = resolve_fonts()

    assert set(fonts) == set(ROLES)
    assert {f.origin for f in fonts.values()} == {"default"}
    assert fonts["heading1"].path == synthetic_defaults["sans"]
    for role in ("title", "body", "heading2", "table", "page_number"):
        assert fonts[role].path == synthetic_defaults["serif"]


def test_official_font_is_found_by_its_chinese_name_table_entry(make_font):
    # "zh" is fontTools' tag for Windows language 0x0804 (zh-CN).
    path = make_font("a1b2c3.ttf", family={"en": "Unrelated", "zh": "仿宋_GB2312"})
    assert TTFont(path)["name"].getName(1, 3, 1, 0x0804).toUnicode() == "仿宋_GB2312"

    fonts = resolve_fonts()

    assert fonts["body"].path == path
    assert fonts["body"].origin == "official"
    assert fonts["body"].family == "仿宋_GB2312"  # the Chinese name is shown


def test_official_font_is_found_by_its_english_name_table_entry(make_font):
    path = make_font("fs.ttf", family="FangSong_GB2312")

    assert resolve_fonts()["body"].path == path


def test_file_names_are_ignored(make_font):
    make_font("仿宋_GB2312.ttf", family="Some Other Font")

    assert resolve_fonts()["body"].origin == "default"


def test_official_font_beats_substitute_beats_default(make_font):
    substitute = make_font("fandol.ttf", family="FandolFang")
    assert resolve_fonts()["body"].path == substitute
    assert resolve_fonts()["body"].origin == "substitute"

    official = make_font("fs.ttf", family=FANGSONG_ZH)
    fonts = resolve_fonts()

    assert fonts["body"].path == official
    assert fonts["body"].origin == "official"


def test_earlier_official_name_wins_over_later_one(make_font):
    make_font("simfang.ttf", family={"en": "FangSong", "zh": "仿宋"})
    gb2312 = make_font("fs_gb2312.ttf", family=FANGSONG_ZH)

    assert resolve_fonts()["body"].path == gb2312


def test_body_and_table_share_one_font(make_font):
    make_font("fs.ttf", family=FANGSONG_ZH)

    fonts = resolve_fonts()

    assert fonts["body"].path == fonts["table"].path
    assert OFFICIAL_FAMILY["body"] == OFFICIAL_FAMILY["table"] == "仿宋_GB2312"


@pytest.mark.parametrize(
    ("role", "family"),
    [
        ("title", {"en": "FZXiaoBiaoSong-B05S", "zh": "方正小标宋简体"}),
        ("heading1", {"en": "SimHei", "zh": "黑体"}),
        ("heading2", {"en": "KaiTi_GB2312", "zh": "楷体_GB2312"}),
        ("page_number", {"en": "SimSun", "zh": "宋体"}),
    ],
)
def test_each_role_finds_its_official_family(make_font, role, family):
    path = make_font("font.ttf", family=family)

    font = resolve_fonts()[role]

    assert (font.path, font.origin) == (path, "official")


def test_font_with_too_few_gb2312_hanzi_is_skipped(make_font, caplog):
    # Like cwTeX FangSong: a 仿宋 without ~2,400 simplified characters.
    make_font("partial.ttf", family={"zh": "仿宋"}, chars=SOME_GB2312)

    with caplog.at_level(logging.INFO, logger="govreport.fonts"):
        font = resolve_fonts()["body"]

    assert font.origin == "default"
    assert "GB2312 汉字覆盖不足（4384/6763）" in caplog.text


def test_font_that_forbids_embedding_is_skipped(make_font, caplog):
    make_font("restricted.ttf", family=FANGSONG_ZH, fs_type=0x0002)
    allowed = make_font("fandol.ttf", family="FandolFang")

    with caplog.at_level(logging.INFO, logger="govreport.fonts"):
        font = resolve_fonts()["body"]

    assert font.path == allowed
    assert "字体授权禁止嵌入（fsType=0x0002）" in caplog.text


def test_no_subsetting_bit_also_counts_as_restricted(make_font):
    make_font("nosubset.ttf", family=FANGSONG_ZH, fs_type=0x0100)

    assert resolve_fonts()["body"].origin == "default"


def test_face_inside_a_collection_is_used_with_its_index(make_collection):
    path = make_collection(
        "mixed.ttc",
        [{"family": "Unrelated"}, {"family": {"en": "KaiTi_GB2312"}}],
    )

    font = resolve_fonts()["heading2"]

    assert (font.path, font.index, font.ttf_path, font.ttf_index) == (path, 1, path, 1)


def test_title_prefers_the_heavier_face_of_a_family(make_font):
    make_font("r.ttf", family="Noto Serif CJK SC", weight=400)
    medium = make_font(
        "m.ttf",
        family="Noto Serif CJK SC Medium",
        typographic_family="Noto Serif CJK SC",
        typographic_style="Medium",
        weight=500,
    )

    assert resolve_fonts()["title"].path == medium


def test_page_number_prefers_the_regular_face_of_a_family(make_font):
    regular = make_font("r.ttf", family="Noto Serif CJK SC", weight=400)
    make_font("b.ttf", family="Noto Serif CJK SC", style="Bold", weight=700)

    assert resolve_fonts()["page_number"].path == regular


def test_name_with_style_matches_family_plus_subfamily(make_font):
    make_font("regular.otf", family="FandolSong", cff=False)
    bold = make_font("bold.otf", family="FandolSong", style="Bold")

    assert resolve_fonts()["title"].path == bold


def test_truetype_face_is_preferred_over_cff_face_of_the_same_name(make_font):
    make_font("a.otf", family="FandolFang", cff=True)
    truetype = make_font("b.ttf", family="FandolFang")

    font = resolve_fonts()["body"]

    assert (font.path, font.outline) == (truetype, "TrueType")


def test_fonts_in_subfolders_are_found(make_font, font_dir):
    path = make_font("deep.ttf", folder=font_dir / "a" / "b", family="SimHei")

    assert resolve_fonts()["heading1"].path == path


def test_files_that_are_not_fonts_are_ignored(make_font, font_dir):
    (font_dir / "broken.ttf").write_bytes(b"not a font at all")
    (font_dir / "readme.txt").write_text("hello")

    assert resolve_fonts()["body"].origin == "default"
