"""A CJK-only 黑体 (Droid Sans Fallback's kind: hanzi, no ASCII, no “”—…) on an otherwise bare
machine: the build succeeds, what the font lacks is drawn by the next font of the chain (the
bundled Noto Sans SC) and reported in one line, the title is emboldened; seen from the
command line, as a clerk runs it.

The stand-in is synthetic (`tests.support.synthfont`); the real Droid Sans Fallback is in the
render tests (`test_pdfout_droid_fallback.py`). The other roles use the bundled Noto fonts,
converted once per machine into the shared cache (hence `slow`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from govreport.api import load
from govreport.layout.build import build_document
from tests.conftest import GOV_2019
from tests.pdfout.conftest import output, run_govreport
from tests.pdfout.reading import Pdf
from tests.pdfout.synthetic import ALL_GB2312, ASCII, write_font

pytestmark = pytest.mark.slow

RARE = "\U0002a6a5"  # 𪚥, CJK Extension B: in no GB2312/GBK font
NOT_IN_DROID = set("“”‘’〈〉—…·")  # Droid Sans Fallback's gaps besides ASCII (measured)
DROID_PS = "GovreportTest-DroidSansFallback"
NOTO_SANS_PS = "NotoSansSC-Regular"
ISSUE_POSITION = (36, 5)  # where issue 10 saw "/" fail the build: the first "/" of a 黑体 cell


@pytest.fixture(scope="module")
def example_hanzi() -> str:
    """The non-ASCII characters qingxi-amr-2020 prints, minus those Droid lacks."""
    text = {ch for run in build_document(load(GOV_2019)).runs() for ch in run.text}
    return "".join(sorted(ch for ch in text if not ch.isascii() and ch not in NOT_IN_DROID))


@pytest.fixture
def droid_folder(tmp_path: Path, example_hanzi: str) -> Path:
    """A font folder whose only font is a CJK-only one named Droid Sans Fallback."""
    folder = tmp_path / "fonts"
    write_font(folder / "DroidSansFallbackFull.ttf", ALL_GB2312 + example_hanzi,
               "Droid Sans Fallback")
    return folder


def build(env: dict[str, str], out: Path, source: Path = GOV_2019, *args: str):
    done = run_govreport(["build", str(source), "-o", str(out), *args], env)
    return done, [ln for ln in done.stdout.splitlines() if " FALLBACK: " in ln]


def test_with_a_cjk_only_heiti_the_example_builds_and_the_next_font_draws_the_slash(
    clean_env, droid_folder, tmp_path
):
    done, _ = build(clean_env(GOVREPORT_FONT_DIRS=str(droid_folder)), tmp_path / "out")

    assert done.returncode == 0, done.stdout + done.stderr
    pdf = Pdf(output(tmp_path / "out", GOV_2019.stem, "pdf"))
    line = next(ln for ln in pdf.lines if "本年增/减" in ln.text)
    fonts = {g.char: g.font for g in line.glyphs}
    assert (fonts["增"], fonts["/"], fonts["减"]) == (DROID_PS, NOTO_SANS_PS, DROID_PS)
    # measured in the font that draws it: "减" starts where Noto's "/" ends
    slash = line.text.index("/")
    assert line.glyphs[slash + 1].x0 == pytest.approx(line.glyphs[slash].x1, abs=0.01)
    assert all(not g.char.isascii() for g in pdf.glyphs if g.font == DROID_PS)


def test_the_characters_taken_from_a_later_font_are_reported_in_one_line(
    clean_env, droid_folder, tmp_path
):
    done, fallback = build(clean_env(GOVREPORT_FONT_DIRS=str(droid_folder)), tmp_path / "out")

    assert done.returncode == 0, done.stdout + done.stderr
    line, column = ISSUE_POSITION
    assert len(fallback) == 1
    assert fallback[0].startswith(f"{GOV_2019}:{line}:{column}: warning FALLBACK: ")
    assert "一级标题字体“Droid Sans Fallback”没有的" in fallback[0]
    assert "“/”" in fallback[0] and "用“Noto Sans SC”" in fallback[0]
    assert "[1/1] 已生成" in done.stdout


def test_a_character_no_font_of_the_chain_has_is_still_a_glyph_error_at_its_position(
    clean_env, droid_folder, tmp_path, variant
):
    rare = variant(GOV_2019, ("专题学习", f"专{RARE}题学习"))
    done, _ = build(clean_env(GOVREPORT_FONT_DIRS=str(droid_folder)), tmp_path / "out",
                    rare.path)

    assert done.returncode == 1
    errors = [ln for ln in done.stdout.splitlines() if " GLYPH: " in ln]
    line, column = rare.pos(RARE)
    assert len(errors) == 1
    assert errors[0].startswith(f"{rare.path}:{line}:{column}: error GLYPH: 字符“{RARE}”")
    assert "Noto Serif SC" in errors[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def fonts_rows(env: dict[str, str], *args: str) -> dict[str, dict]:
    done = run_govreport(["fonts", "--json", *args], env)
    assert done.returncode == 0, done.stderr
    return {row["role"]: row for row in json.loads(done.stdout)}


def test_fonts_json_gives_each_role_its_chain(clean_env, droid_folder):
    rows = fonts_rows(clean_env(GOVREPORT_FONT_DIRS=str(droid_folder)))

    chain = rows["heading1"]["chain"]
    assert [(f["family"], f["origin"]) for f in chain] == [
        ("Droid Sans Fallback", "开源替代字体"), ("Noto Sans SC", "内置默认字体")]
    assert chain[0]["file"] == str(droid_folder / "DroidSansFallbackFull.ttf")
    assert [f["family"] for f in rows["body"]["chain"]] == ["Noto Serif SC"]
    assert [f["synthetic_bold"] for f in rows["title"]["chain"]] == [True]


def test_fonts_prints_the_chains_under_the_table(clean_env, droid_folder):
    done = run_govreport(["fonts"], clean_env(GOVREPORT_FONT_DIRS=str(droid_folder)))

    assert done.returncode == 0, done.stderr
    _, chains = done.stdout.split("\n\n", 1)
    lines = chains.splitlines()
    assert lines[0].startswith("字体链")
    heading = next(ln for ln in lines if ln.startswith("一级标题（heading1）"))
    assert heading.endswith("Droid Sans Fallback（开源替代字体） → Noto Sans SC（内置默认字体）")
    title = next(ln for ln in lines if ln.startswith("标题（title）"))
    assert title.endswith("Noto Serif SC（内置默认字体，PDF 中加粗）")


def test_a_font_the_user_names_comes_first_and_the_installed_ones_fill_its_gaps(
    clean_env, droid_folder, tmp_path, example_hanzi
):
    mine = write_font(tmp_path / "mine.ttf", set(ALL_GB2312 + example_hanzi) - {"增"},
                      "Mine Hei")
    env = clean_env(GOVREPORT_FONT_DIRS=str(droid_folder))

    rows = fonts_rows(env, "--font", f"heading1={mine}")
    assert [f["family"] for f in rows["heading1"]["chain"]] == [
        "Mine Hei", "Droid Sans Fallback", "Noto Sans SC"]

    done, fallback = build(env, tmp_path / "out", GOV_2019, "--font", f"heading1={mine}")
    assert done.returncode == 0, done.stdout + done.stderr
    (report,) = fallback
    assert "一级标题字体“Mine Hei”没有的“增”用“Droid Sans Fallback”" in report
    assert "用“Noto Sans SC”" in report
    pdf = Pdf(output(tmp_path / "out", GOV_2019.stem, "pdf"))
    line = next(ln for ln in pdf.lines if "本年增/减" in ln.text)
    fonts = {g.char: g.font for g in line.glyphs}
    assert (fonts["本"], fonts["增"], fonts["/"]) == (
        "GovreportTest-MineHei", DROID_PS, NOTO_SANS_PS)


def text_render_modes(pdf_path: Path) -> list[tuple[int, str, float, int]]:
    """(page, BaseFont, size, render mode) of every text-showing operator, page by page."""
    reader = PdfReader(str(pdf_path))
    out = []
    for number, page in enumerate(reader.pages):
        fonts = page["/Resources"]["/Font"]
        font, size, mode = "", 0.0, 0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                base = str(fonts[operands[0]].get_object()["/BaseFont"])
                font, size = base.split("+", 1)[-1], float(operands[1])
            elif operator == b"Tr":
                mode = int(operands[0])
            elif operator == b"Q":
                mode = 0  # every text object here sits in its flowable's q … Q
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                out.append((number, font, size, mode))
    return out


def test_the_bundled_regular_title_font_is_emboldened_by_fill_and_stroke_and_nothing_else(
    clean_env, droid_folder, tmp_path
):
    done, _ = build(clean_env(GOVREPORT_FONT_DIRS=str(droid_folder)), tmp_path / "out")

    assert done.returncode == 0, done.stdout + done.stderr
    pdf_path = output(tmp_path / "out", GOV_2019.stem, "pdf")
    shows = text_render_modes(pdf_path)
    title = [s for s in shows if s[2] == 22.0]
    assert title and {(s[0], s[1], s[3]) for s in title} == {(0, "NotoSerifSC-Regular", 2)}
    assert {s[3] for s in shows if s[2] != 22.0} == {0}
    content = PdfReader(str(pdf_path)).pages[0].get_contents().get_data()
    assert b".66 w" in content  # the stroke: 3 % of 22 pt


def test_a_bold_title_face_is_used_as_it_is(clean_env, droid_folder, tmp_path, example_hanzi):
    write_font(droid_folder / "NotoSerifCJKsc-Bold.ttf", ALL_GB2312 + example_hanzi + ASCII,
               "Noto Serif CJK SC", style="Bold", weight=700)  # as in fonts-noto-cjk
    env = clean_env(GOVREPORT_FONT_DIRS=str(droid_folder))

    assert fonts_rows(env)["title"]["family"] == "Noto Serif CJK SC Bold"
    done, _ = build(env, tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    shows = text_render_modes(output(tmp_path / "out", GOV_2019.stem, "pdf"))
    assert {s[1] for s in shows if s[2] == 22.0} == {"GovreportTest-NotoSerifCJKSC"}
    assert {s[3] for s in shows} == {0}
