"""Fonts in the PDF: each role's resolved font, every one embedded as a subset, nothing else."""

from __future__ import annotations

import pytest

from govreport.layout.style import CELL_STYLES
from tests.pdfout.conftest import CASES
from tests.pdfout.matching import paragraphs_with_lines
from tests.pdfout.reading import TABLE_PT, TITLE_PT, base_font, embedded_program, subset_tag
from tests.support import rendering

cases = pytest.mark.parametrize("case", list(CASES))


@cases
def test_every_font_is_embedded_as_a_subset(case, built):
    fonts = built(case).pdf.fonts
    assert fonts
    for font in fonts.values():
        assert embedded_program(font), base_font(font)
        tag = subset_tag(font)
        assert tag is not None and len(tag) == 6 and tag.isupper(), font["/BaseFont"]


@cases
def test_the_pdf_uses_only_the_fonts_resolved_for_its_roles(case, built, postscript_names):
    used = {base_font(f) for f in built(case).pdf.fonts.values()}
    assert used <= set(postscript_names.values())
    assert {postscript_names[r] for r in ("title", "body", "page_number")} <= used


@cases
def test_no_hidden_standard_font_and_no_stsong(case, built):
    """reportlab starts every canvas in Helvetica and offers STSong-Light, a CID font it never
    embeds; neither may reach the file, not even as an unused resource."""
    data = built(case).pdf.data
    for name in (b"Helvetica", b"Times-Roman", b"Courier", b"STSong", b"UniGB-UCS2"):
        assert name not in data


@cases
def test_each_paragraph_is_set_in_the_font_of_its_roles(case, built, postscript_names):
    checked = set()
    for _, runs, lines in paragraphs_with_lines(built(case)):
        expected = [postscript_names[run.font] for run in runs for ch in run.text
                    if not ch.isspace()]
        drawn = [g.font for ln in lines for g in ln.glyphs if not g.char.isspace()]
        assert drawn == expected, "".join(ln.text for ln in lines)
        checked |= {run.font for run in runs}
    assert {"body", "heading1"} <= checked


@cases
def test_titles_and_table_cells_are_set_in_their_roles_fonts(case, built, postscript_names):
    b = built(case)
    titles = [ln for ln in b.pdf.text_lines(TITLE_PT)]
    assert titles and all(ln.fonts == {postscript_names["title"]} for ln in titles)
    cell_fonts = {postscript_names[s.font] for s in CELL_STYLES.values()}
    for ln in b.pdf.text_lines(TABLE_PT):
        assert ln.fonts <= cell_fonts


def test_headings_of_the_second_level_use_the_kaiti_role(built, postscript_names):
    lines = built("yunling").pdf.text_lines()
    second = [ln for ln in lines if ln.text.startswith("（一）主动公开")]
    assert second and second[0].fonts == {postscript_names["heading2"]}


@pytest.mark.render
@cases
def test_pdffonts_lists_only_embedded_unicode_mapped_subsets(case, built):
    rendering.require_tools("pdffonts")
    fonts = rendering.pdf_fonts(built(case).pdf_path)
    assert fonts
    for f in fonts:
        assert (f["emb"], f["sub"], f["uni"]) == (True, True, True), f
        assert f["type"] == "TrueType", f
