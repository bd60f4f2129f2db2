"""Fonts named by the user: CLI option syntax, env vars, config file, and Chinese errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.fonts import FontError, parse_font_option, resolve_fonts

FANGSONG_ZH = {"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"  # the path GOVREPORT_CONFIG points at (see conftest)
    path.write_text(text, encoding="utf-8")
    return path


# --- parse_font_option --------------------------------------------------------------------


def test_option_gives_role_path_and_face_index():
    assert parse_font_option("body=/x/fonts.ttc#2") == ("body", Path("/x/fonts.ttc"), 2)


def test_option_without_face_index_means_face_zero():
    assert parse_font_option("title=/x/小标宋.ttf") == ("title", Path("/x/小标宋.ttf"), 0)


def test_option_role_is_case_insensitive_and_accepts_hyphens():
    assert parse_font_option("Page-Number=/x.ttf")[0] == "page_number"


def test_option_keeps_a_hash_that_belongs_to_an_existing_file_name(tmp_path):
    odd = tmp_path / "font#1"
    odd.write_bytes(b"")

    assert parse_font_option(f"body={odd}") == ("body", odd, 0)


def test_option_with_unknown_role_is_a_chinese_error():
    with pytest.raises(FontError, match="未知的字体角色“footer”") as info:
        parse_font_option("footer=/x.ttf")
    assert "body（正文）" in str(info.value)


@pytest.mark.parametrize("text", ["body", "=/x.ttf", "body=", "/x.ttf"])
def test_option_without_role_or_path_is_a_chinese_error(text):
    with pytest.raises(FontError, match="格式不对，应为 角色=字体文件路径"):
        parse_font_option(text)


# --- precedence ---------------------------------------------------------------------------


def test_user_font_wins_over_an_official_font(make_font, tmp_path):
    make_font("official.ttf", family=FANGSONG_ZH)
    mine = make_font("mine.ttf", folder=tmp_path / "elsewhere", family="My Font")

    font = resolve_fonts({"body": mine})["body"]

    assert (font.path, font.origin, font.family) == (mine, "user", "My Font")


def test_user_font_for_one_role_leaves_the_others_automatic(make_font, tmp_path):
    mine = make_font("mine.ttf", folder=tmp_path / "elsewhere", family="My Font")

    fonts = resolve_fonts({"title": str(mine)})

    assert fonts["title"].origin == "user"
    assert fonts["body"].origin == "default"


def test_environment_variable_names_a_font(make_font, tmp_path, monkeypatch):
    mine = make_font("env.ttf", folder=tmp_path / "elsewhere", family="Env Font")
    monkeypatch.setenv("GOVREPORT_FONT_HEADING1", str(mine))

    font = resolve_fonts()["heading1"]

    assert (font.path, font.origin) == (mine, "user")


def test_config_file_names_a_font_with_a_face_index(make_collection, tmp_path):
    ttc = make_collection("two.ttc", [{"family": "Face Zero"}, {"family": "Face One"}])
    write_config(tmp_path, f'[fonts]\nheading2 = "{ttc.as_posix()}#1"\n')

    font = resolve_fonts()["heading2"]

    assert (font.path, font.index, font.family, font.origin) == (ttc, 1, "Face One", "user")


def test_config_file_paths_are_relative_to_the_config_file(make_font, tmp_path):
    mine = make_font("rel.ttf", folder=tmp_path / "myfonts", family="Relative Font")
    write_config(tmp_path, '[fonts]\nbody = "myfonts/rel.ttf"\n')

    assert resolve_fonts()["body"].path == mine


def test_cli_beats_environment_beats_config(make_font, tmp_path, monkeypatch):
    folder = tmp_path / "elsewhere"
    cli = make_font("cli.ttf", folder=folder, family="CLI Font")
    env = make_font("env.ttf", folder=folder, family="Env Font")
    conf = make_font("conf.ttf", folder=folder, family="Config Font")
    write_config(tmp_path, f'[fonts]\nbody = "{conf.as_posix()}"\ntable = "{conf.as_posix()}"\n')
    monkeypatch.setenv("GOVREPORT_FONT_BODY", str(env))
    monkeypatch.setenv("GOVREPORT_FONT_TABLE", str(env))

    fonts = resolve_fonts({"body": cli})

    assert fonts["body"].path == cli
    assert fonts["table"].path == env

    monkeypatch.delenv("GOVREPORT_FONT_TABLE")
    assert resolve_fonts()["table"].path == conf


def test_config_file_with_unknown_role_is_a_chinese_error(tmp_path):
    write_config(tmp_path, '[fonts]\nfooter = "/x.ttf"\n')

    with pytest.raises(FontError, match="未知的字体角色“footer”"):
        resolve_fonts()


def test_invalid_config_file_is_a_chinese_error(tmp_path):
    write_config(tmp_path, "[fonts\nbody = 1\n")

    with pytest.raises(FontError, match="不是有效的 TOML"):
        resolve_fonts()


def test_config_file_without_fonts_table_is_fine(tmp_path):
    write_config(tmp_path, '[report]\ntitle = "x"\n')

    assert resolve_fonts()["body"].origin == "default"


# --- bad user fonts -----------------------------------------------------------------------


def test_missing_user_font_is_a_chinese_error_naming_the_source(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_FONT_BODY", str(tmp_path / "nope.ttf"))

    with pytest.raises(FontError, match=r"环境变量 GOVREPORT_FONT_BODY：字体文件不存在"):
        resolve_fonts()


def test_user_file_that_is_not_a_font_is_a_chinese_error(tmp_path):
    fake = tmp_path / "fake.ttf"
    fake.write_text("hello")

    with pytest.raises(FontError, match="不是可用的字体文件"):
        resolve_fonts({"body": fake})


def test_user_folder_instead_of_file_is_a_chinese_error(tmp_path):
    with pytest.raises(FontError, match="不是文件"):
        resolve_fonts({"body": tmp_path})


def test_user_font_without_chinese_characters_is_a_chinese_error(make_font, tmp_path):
    latin = make_font("latin.ttf", folder=tmp_path / "x", family="Latin Only", chars="ABC abc")

    with pytest.raises(FontError, match="不含中文字符，不能用作正文字体"):
        resolve_fonts({"body": latin})


def test_user_font_that_forbids_embedding_is_a_chinese_error(make_font, tmp_path):
    locked = make_font("locked.ttf", folder=tmp_path / "x", family="Locked", fs_type=0x0002)

    with pytest.raises(FontError, match=r"授权禁止嵌入 PDF（OS/2 fsType=0x0002）"):
        resolve_fonts({"title": locked})


def test_face_index_beyond_the_collection_is_a_chinese_error(make_collection):
    ttc = make_collection("two.ttc", [{"family": "A"}, {"family": "B"}])

    with pytest.raises(FontError, match="只有 2 个字体（编号 0～1），没有第 5 号"):
        resolve_fonts({"body": f"{ttc}#5"})


def test_user_font_with_partial_coverage_is_accepted_with_a_warning(make_font, tmp_path, caplog):
    small = make_font("small.ttf", folder=tmp_path / "x", family="Small", chars="政府信息公开")

    font = resolve_fonts({"body": small})["body"]

    assert (font.origin, font.gb2312_coverage) == ("user", 6)
    assert "只覆盖 6/6763 个 GB2312 汉字" in caplog.text
