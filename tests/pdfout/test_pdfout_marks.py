"""Marks that span two grid cells: the 破折号 "——" and the 省略号 "……" print unbroken."""

from __future__ import annotations

import itertools

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.styles import CELL_PITCH, FontSpec, body_style
from tests.pdf.docbuild import build_pdf
from tests.pdf.pdfglyphs import read_glyphs, text_lines
from tests.support.synthfont import build_font

TEXT = "兼职信息员9名——形成了工作格局……全年检查4次。"  # one line: 26 of 28 cells


@pytest.fixture(scope="module")
def narrow_dash_font(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FontSpec]:
    """A font whose em dash is 0.89 em wide, like Noto Serif SC's."""
    path = tmp_path_factory.mktemp("dash") / "NarrowDash.ttf"
    build_font(path, TEXT, family="NarrowDash", advances={"—": 890})
    if "NarrowDash" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NarrowDash", str(path)))
    return {"fang": FontSpec("NarrowDash", 16.0)}


@pytest.fixture(scope="module")
def glyphs(narrow_dash_font, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("marks") / "marks.pdf"
    build_pdf(path, [GridParagraph(TEXT, body_style(narrow_dash_font))],
              initial_font="NarrowDash")
    (line, *_) = text_lines(read_glyphs(path))
    return line


def test_the_two_dashes_of_a_dash_touch(glyphs):
    dashes = [g for g in glyphs if g.char == "—"]
    assert len(dashes) == 2
    assert dashes[1].x0 == pytest.approx(dashes[0].x1, abs=1e-6)


def test_the_dash_is_centred_on_its_two_cells_and_the_grid_goes_on_after_it(glyphs):
    k = next(i for i, g in enumerate(glyphs) if g.char == "—")
    left = glyphs[k - 1].centre + CELL_PITCH / 2  # where the cell of "名" ends
    a, b = glyphs[k], glyphs[k + 1]
    assert (a.x0 + b.x1) / 2 == pytest.approx(left + CELL_PITCH, abs=0.01)
    assert glyphs[k + 2].centre == pytest.approx(left + 2.5 * CELL_PITCH, abs=0.01)


def test_the_ellipsis_is_centred_on_its_two_cells_too(glyphs):
    k = next(i for i, g in enumerate(glyphs) if g.char == "…")
    left = glyphs[k - 1].centre + CELL_PITCH / 2
    assert (glyphs[k].x0 + glyphs[k + 1].x1) / 2 == pytest.approx(left + CELL_PITCH, abs=0.01)


def test_other_characters_keep_one_cell_each(glyphs):
    wide = [g for g in glyphs if g.x1 - g.x0 > 12]
    steps = {round(b.centre - a.centre, 3) for a, b in itertools.pairwise(wide)
             if a.char not in "—…" and b.char not in "—…" and b.x0 - a.x1 < 1}
    assert steps == {round(CELL_PITCH, 3)}


def test_the_line_is_read_back_as_written(glyphs):
    assert "".join(g.char for g in glyphs) == TEXT
