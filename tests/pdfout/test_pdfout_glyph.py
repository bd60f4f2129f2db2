"""GLYPH: a character the PDF's font cannot draw stops the build and says where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.api import load
from govreport.layout.build import build_document
from tests.conftest import GOV_2021
from tests.pdfout.conftest import run_govreport
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


def test_a_chosen_font_without_a_hanzi_names_every_place_it_is_used(
    body_text_of_example, session_env, tmp_path
):
    assert "岭" in body_text_of_example
    font = write_font(tmp_path / "partial.ttf", set(body_text_of_example + ASCII) - {"岭"},
                      "Partial Fang")
    out = tmp_path / "out"
    done = run_govreport(["build", str(GOV_2021), "-o", str(out), "--font", f"body={font}"],
                         session_env)
    assert done.returncode == 1
    errors = [ln for ln in done.stdout.splitlines() if " GLYPH: " in ln]
    text = GOV_2021.read_text(encoding="utf-8").splitlines()
    places = [(i + 1, j + 1) for i, line in enumerate(text) for j, ch in enumerate(line)
              if ch == "岭" and not line.startswith("#")]
    # Every 岭 of the file: the narrative's, and the organ's name, which the sign-off prints
    # in the body font (the title prints it too, but in the title font, which has 岭).
    reported = [tuple(int(n) for n in ln.split(": ")[0].rsplit(":", 2)[1:]) for ln in errors]
    assert 5 <= len(places) <= 50  # (at most 50 findings are reported per file)
    assert reported == places  # in file order, one finding per occurrence
    assert all("“岭”（U+5CAD）" in ln and "Partial Fang" in ln for ln in errors)
    assert written(out) == []
