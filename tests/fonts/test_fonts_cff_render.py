"""poppler reads the TrueType subsets made from the bundled CFF fonts: embedded, and every
character, common or rare, drawn with ink (never a blank left by an unconverted glyph)."""

from __future__ import annotations

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from govreport.fonts import register_reportlab_fonts, resolve_fonts
from tests.support.rendering import pdf_fonts, pdf_to_pngs, require_tools

pytestmark = [pytest.mark.render, pytest.mark.slow]

# Common characters, then rare ones outside GB2312 (converted when first used).
CHARACTERS = "政府信息公开年度报告堃喆龘"
SIZE = 40  # pt
DPI = 72  # one pixel per point
LEFT, BASELINE = 40, 700


@pytest.mark.usefixtures("bundled_noto")
def test_poppler_draws_every_character_of_the_converted_subsets(tmp_path):
    require_tools("pdffonts", "pdftoppm")
    fonts = resolve_fonts()
    names = register_reportlab_fonts(fonts)
    pdf = tmp_path / "chars.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(600, 842), initialFontName=names["body"])
    for row, role in enumerate(("body", "heading1")):  # Noto Serif SC, Noto Sans SC
        page.setFont(names[role], SIZE)
        for k, ch in enumerate(CHARACTERS):
            page.drawString(LEFT + k * SIZE, BASELINE - row * 2 * SIZE, ch)
    page.save()

    listed = pdf_fonts(pdf)
    assert {f["base_name"] for f in listed} == {"NotoSerifSC-Regular", "NotoSansSC-Regular"}
    assert all(f["emb"] and f["sub"] and f["type"] == "TrueType" for f in listed)
    (png,) = pdf_to_pngs(pdf, tmp_path / "png", dpi=DPI)
    image = Image.open(png).convert("L")
    for row in range(2):
        top = 842 - (BASELINE - row * 2 * SIZE) - SIZE
        for k, ch in enumerate(CHARACTERS):
            cell = image.crop((LEFT + k * SIZE, top, LEFT + (k + 1) * SIZE, top + SIZE + 8))
            dark = sum(cell.histogram()[:128])
            assert dark > SIZE * 2, (row, ch, dark)  # strokes, not an empty cell
