"""Which fonts a build uses, seen from the command line: `govreport fonts`, the one-line note
on stderr, a bare machine (only `pip install .`), and better fonts once they are installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport.api import load
from govreport.fonts import OFFICIAL_FAMILY, ROLE_LABELS, ROLES, resolution_table
from govreport.layout.build import build_document
from tests.conftest import GOV_2021
from tests.pdfout.conftest import output, run_govreport
from tests.pdfout.reading import Pdf, base_font
from tests.pdfout.synthetic import ALL_GB2312, ASCII, write_font

NOTE = "PDF 使用了替代字体"

# English names of the official fonts, as Windows has them (name ID 1, en-US).
OFFICIAL_ENGLISH = {
    "方正小标宋简体": "FZXiaoBiaoSong-B05S",
    "仿宋_GB2312": "FangSong_GB2312",
    "黑体": "SimHei",
    "楷体_GB2312": "KaiTi_GB2312",
    "宋体": "SimSun",
}


def fonts_json(env: dict[str, str], *args: str) -> dict[str, dict[str, str]]:
    done = run_govreport(["fonts", "--json", *args], env)
    assert done.returncode == 0, done.stderr
    return {row["role"]: row for row in json.loads(done.stdout)}


def notes(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if NOTE in ln]


def test_fonts_prints_one_row_per_role_with_family_origin_outline_coverage_and_file(
    session_env, machine_fonts
):
    done = run_govreport(["fonts"], session_env)
    assert done.returncode == 0, done.stderr
    table, _ = done.stdout.split("\n\n", 1)  # the chains follow (test_pdfout_font_chain.py)
    header, _, *rows = table.splitlines()
    assert header.split() == ["用途", "公文规定字体", "实际使用字体", "来源", "字形", "GB2312",
                              "汉字", "文件"]
    expected = resolution_table(machine_fonts)
    assert len(rows) == len(ROLES) == len(expected)
    for line, row in zip(rows, expected, strict=True):
        assert line.startswith(f"{row['role_label']}（{row['role']}）")  # the --font role name
        for key in ("official", "family", "origin", "outline", "coverage", "file"):
            assert row[key] in line, (key, line)


def test_fonts_json_is_the_resolution_table(session_env, machine_fonts):
    assert fonts_json(session_env) == {row["role"]: row
                                       for row in resolution_table(machine_fonts)}


@pytest.fixture(scope="module")
def example_chars() -> str:
    """Every character the gov-2021 example prints, in any role."""
    return "".join({ch for run in build_document(load(GOV_2021)).runs() for ch in run.text})


@pytest.fixture
def official_fonts(tmp_path: Path, example_chars: str) -> Path:
    """A font folder holding (stand-ins for) all five official fonts."""
    folder = tmp_path / "official"
    chars = ALL_GB2312 + example_chars + ASCII + "—"
    for zh, en in OFFICIAL_ENGLISH.items():
        write_font(folder / f"{en}.ttf", chars, en, zh_family=zh)
    return folder


def test_installed_official_fonts_are_found_by_name_and_replace_every_substitute(
    official_fonts, clean_env, tmp_path
):
    env = clean_env(GOVREPORT_FONT_DIRS=str(official_fonts),
                    GOVREPORT_CACHE_DIR=str(tmp_path / "cache"))
    rows = fonts_json(env)
    for role in ROLES:
        official = OFFICIAL_FAMILY[role]
        assert rows[role]["origin"] == "本机正式字体", role
        assert rows[role]["family"] == official
        assert rows[role]["file"] == str(official_fonts / f"{OFFICIAL_ENGLISH[official]}.ttf")

    done = run_govreport(["build", str(GOV_2021), "-o", str(tmp_path / "out")], env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert notes(done.stderr) == []  # nothing to say: no substitute was used
    pdf = Pdf(output(tmp_path / "out", GOV_2021.stem, "pdf"))
    assert {base_font(f) for f in pdf.fonts.values()} == {
        "GovreportTest-" + en.replace("_", "").replace("-", "") for en in OFFICIAL_ENGLISH.values()
    }


# The open substitutes of typography.md §4.2, one per role (family, style).
SUBSTITUTES = {
    "title": ("FandolSong", "Bold"),
    "body": ("FandolFang", "Regular"),
    "heading1": ("WenQuanYi Zen Hei", "Regular"),
    "heading2": ("AR PL KaitiM GB", "Regular"),
    "page_number": ("AR PL SungtiL GB", "Regular"),
}


def test_open_substitutes_are_used_when_no_official_font_is_installed_and_build_says_so(
    clean_env, tmp_path, example_chars
):
    folder = tmp_path / "substitutes"
    chars = ALL_GB2312 + example_chars + ASCII + "—"
    for family, style in SUBSTITUTES.values():
        write_font(folder / f"{family}-{style}.ttf", chars, family, style=style)
    env = clean_env(GOVREPORT_FONT_DIRS=str(folder), GOVREPORT_CACHE_DIR=str(tmp_path / "cache"))
    rows = fonts_json(env)
    for role in ROLES:
        family, style = SUBSTITUTES["body" if role == "table" else role]
        assert rows[role]["origin"] == "开源替代字体", role
        assert rows[role]["file"] == str(folder / f"{family}-{style}.ttf"), role

    done = run_govreport(["build", str(GOV_2021), "-o", str(tmp_path / "out")], env)
    assert done.returncode == 0, done.stdout + done.stderr
    (note,) = notes(done.stderr)  # one line, naming every role and what stands in for what
    assert all(f"{ROLE_LABELS[r]}用“{rows[r]['family']}”代替“{OFFICIAL_FAMILY[r]}”" in note
               for r in ROLES)


@pytest.mark.slow
def test_a_font_named_fangsong_gb2312_becomes_the_body_font_ahead_of_a_substitute(
    clean_env, tmp_path, example_chars
):
    folder = tmp_path / "fonts"
    chars = ALL_GB2312 + example_chars + ASCII
    write_font(folder / "a-fandol.ttf", chars, "FandolFang")
    font = write_font(folder / "z-fs.ttf", chars, "FangSong_GB2312", zh_family="仿宋_GB2312")
    # The other roles fall back to the bundled Noto fonts: the shared cache has them converted.
    rows = fonts_json(clean_env(GOVREPORT_FONT_DIRS=str(folder)))
    assert (rows["body"]["origin"], rows["body"]["family"], rows["body"]["file"]) == (
        "本机正式字体", "仿宋_GB2312", str(font))
    assert rows["table"]["file"] == str(font)


@pytest.mark.parametrize("how", ["option", "environment", "config file"])
def test_a_user_font_for_a_role_comes_from_the_option_the_environment_or_the_config_file(
    how, clean_env, tmp_path, example_chars
):
    font = write_font(tmp_path / "mine.ttf", ALL_GB2312 + example_chars + ASCII, "Mine Kai")
    config = tmp_path / "config.toml"
    config.write_text(f'[fonts]\nheading2 = "{font}"\n', encoding="utf-8")
    env = {"option": clean_env(), "environment": clean_env(GOVREPORT_FONT_HEADING2=str(font)),
           "config file": clean_env(GOVREPORT_CONFIG=str(config))}[how]
    args = ["--font", f"heading2={font}"] if how == "option" else []
    row = fonts_json(env, *args)["heading2"]
    assert (row["origin"], row["family"], row["file"]) == ("用户指定", "Mine Kai", str(font))


def test_the_option_wins_over_the_environment_which_wins_over_the_config_file(
    clean_env, tmp_path, example_chars
):
    chars = ALL_GB2312 + example_chars + ASCII
    fonts = {name: write_font(tmp_path / f"{name}.ttf", chars, name)
             for name in ("FromConfig", "FromEnv", "FromOption")}
    config = tmp_path / "config.toml"
    config.write_text(f'[fonts]\nbody = "{fonts["FromConfig"]}"\ntitle = "{fonts["FromConfig"]}"\n'
                      f'table = "{fonts["FromConfig"]}"\n', encoding="utf-8")
    env = clean_env(GOVREPORT_CONFIG=str(config), GOVREPORT_FONT_BODY=str(fonts["FromEnv"]),
                    GOVREPORT_FONT_TITLE=str(fonts["FromEnv"]))
    rows = fonts_json(env, "--font", f"body={fonts['FromOption']}")
    assert [rows[r]["family"] for r in ("body", "title", "table")] == [
        "FromOption", "FromEnv", "FromConfig"]


def test_every_user_chosen_font_is_used_and_no_substitute_note_is_printed(
    clean_env, tmp_path, example_chars
):
    font = write_font(tmp_path / "all.ttf", ALL_GB2312 + example_chars + ASCII + "—", "All Roles")
    args = [a for role in ROLES for a in ("--font", f"{role}={font}")]
    done = run_govreport(["build", str(GOV_2021), "-o", str(tmp_path / "out"), *args],
                         clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert notes(done.stderr) == []
    pdf = Pdf(output(tmp_path / "out", GOV_2021.stem, "pdf"))
    assert {base_font(f) for f in pdf.fonts.values()} == {"GovreportTest-AllRoles"}


@pytest.mark.slow
def test_a_bare_machine_uses_the_bundled_noto_fonts_embeds_them_and_says_so_once(
    clean_env, tmp_path
):
    """Only `pip install .`: no font folder has anything, the Noto fonts of the wheel
    `pylopdf-fonts-zh-cn` are converted once (shared cache, ~20 s) and used for every role."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    env = clean_env(GOVREPORT_FONT_DIRS=str(empty))
    rows = fonts_json(env)
    for role in ROLES:
        expected = "Noto Sans SC" if role == "heading1" else "Noto Serif SC"
        assert (rows[role]["family"], rows[role]["origin"], rows[role]["outline"],
                rows[role]["coverage"]) == (expected, "内置默认字体", "CFF", "6763/6763"), role

    done = run_govreport(["build", str(GOV_2021), "-o", str(tmp_path / "out")], env)
    assert done.returncode == 0, done.stdout + done.stderr
    (note,) = notes(done.stderr)
    for role in ROLES:
        assert f"{ROLE_LABELS[role]}用“{rows[role]['family']}”代替“{OFFICIAL_FAMILY[role]}”" in note
    pdf = Pdf(output(tmp_path / "out", GOV_2021.stem, "pdf"))
    assert {base_font(f) for f in pdf.fonts.values()} == {"NotoSerifSC-Regular",
                                                          "NotoSansSC-Regular"}
    assert all(f["/Subtype"] == "/TrueType" and "/FontFile2" in f["/FontDescriptor"]
               for f in pdf.fonts.values())
