"""GLYPH: a character the PDF's font cannot draw stops the build and says where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.api import load
from govreport.layout.build import build_document
from tests.conftest import GOV_2021
from tests.pdfout.conftest import run_govreport
from tests.pdfout.reading import Pdf
from tests.pdfout.synthetic import ASCII, write_font

RARE = "\U0002a6a5"  # 𪚥, CJK Extension B: in no GB2312/GBK font
PLACE = "云岭大道88号"


def written(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.fixture
def rare_place(variant):
    """The gov-2021 example with a street named with an Extension B character."""
    return variant(GOV_2021, (PLACE, PLACE.replace("岭", RARE)))


def test_a_character_missing_from_the_body_font_is_a_glyph_error_at_its_position(
    rare_place, machine_fonts, session_env, tmp_path
):
    assert not machine_fonts["body"].has_char(RARE), "this machine's body font has 𪚥"
    out = tmp_path / "out"
    done = run_govreport(["build", str(rare_place.path), "-o", str(out)], session_env)
    line, column = rare_place.pos(RARE)
    assert done.returncode == 1
    errors = [ln for ln in done.stdout.splitlines() if " GLYPH: " in ln]
    assert len(errors) == 1
    assert errors[0].startswith(f"{rare_place.path}:{line}:{column}: error GLYPH: ")
    assert f"“{RARE}”" in errors[0] and "U+2A6A5" in errors[0]
    assert machine_fonts["body"].family in errors[0]
    assert written(out) == []


def test_the_glyph_rule_is_about_the_pdf_a_docx_alone_still_builds(
    rare_place, session_env, tmp_path
):
    done = run_govreport(["build", str(rare_place.path), "-o", str(tmp_path / "out"),
                          "--to", "docx"], session_env)
    assert done.returncode == 0, done.stdout
    assert [p.suffix for p in written(tmp_path / "out")] == [".docx"]


@pytest.fixture(scope="module")
def body_text_of_example() -> str:
    """Every character the gov-2021 example sets in the body role."""
    document = build_document(load(GOV_2021))
    return "".join(run.text for run in document.runs() if run.font == "body")


def test_a_hanzi_the_chosen_font_lacks_is_drawn_by_the_next_font_of_its_chain(
    body_text_of_example, machine_fonts, postscript_names, session_env, tmp_path
):
    assert "岭" in body_text_of_example and machine_fonts["body"].has_char("岭")
    font = write_font(tmp_path / "partial.ttf", set(body_text_of_example + ASCII) - {"岭"},
                      "Partial Fang")
    out = tmp_path / "out"
    done = run_govreport(["build", str(GOV_2021), "-o", str(out), "--font", f"body={font}"],
                         session_env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " GLYPH: " not in done.stdout
    (report,) = [ln for ln in done.stdout.splitlines() if " FALLBACK: " in ln]
    assert f"正文字体“Partial Fang”没有的“岭”用“{machine_fonts['body'].family}”" in report
    line = next(ln for ln in Pdf(next(out.rglob("*.pdf"))).lines if PLACE in ln.text)
    fonts = {g.char: g.font for g in line.glyphs}
    assert (fonts["云"], fonts["岭"], fonts["大"]) == (
        "GovreportTest-PartialFang", postscript_names["body"], "GovreportTest-PartialFang")


def test_a_character_no_font_of_the_chain_has_names_every_place_it_is_used(
    session_env, tmp_path, variant
):
    """Every 岭 of the file replaced by 𪚥: the narrative's, the street's, the organ's name
    (printed by the title and the sign-off: one finding per role there)."""
    rare = variant(GOV_2021)
    text = rare.text.replace("岭", RARE)
    rare.path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = run_govreport(["build", str(rare.path), "-o", str(out)], session_env)
    assert done.returncode == 1
    errors = [ln for ln in done.stdout.splitlines() if " GLYPH: " in ln]
    places = [(i + 1, j + 1) for i, line in enumerate(text.splitlines())
              for j, ch in enumerate(line) if ch == RARE and not line.lstrip().startswith("#")]
    reported = [tuple(int(n) for n in ln.split(": ")[0].rsplit(":", 2)[1:]) for ln in errors]
    assert 5 <= len(places) <= 50  # (at most 50 findings are reported per file)
    assert sorted(set(reported)) == places  # every place, in file order
    assert reported == sorted(reported)
    assert all(f"“{RARE}”（U+2A6A5）" in ln for ln in errors)
    assert written(out) == []
