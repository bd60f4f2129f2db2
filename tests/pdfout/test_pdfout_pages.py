"""Page furniture as GB/T 9704 places it: page numbers (7.5), title, headings, sign-off (7.3.5)
and the attachment page (7.3.7)."""

from __future__ import annotations

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

from govreport.api import load
from govreport.layout.build import build_document
from govreport.layout.document import Paragraph, Signoff
from govreport.layout.style import text_width
from govreport.writers.pdf.writer import render_pdf
from tests.conftest import GOV_2021
from tests.pdfout.conftest import CASES
from tests.pdfout.reading import (
    BODY_PT,
    CELL,
    MM,
    PAGE_NUMBER_PT,
    TEXT_BOTTOM_MM,
    TEXT_LEFT_MM,
    TEXT_RIGHT_MM,
    TEXT_TOP_MM,
    TITLE_PT,
    Pdf,
    mm,
)
from tests.pdfout.synthetic import ASCII, write_font

cases = pytest.mark.parametrize("case", list(CASES))
ONE_CHAR_MM = mm(PAGE_NUMBER_PT)  # 单页码居右空一字，双页码居左空一字 (one 4号 character)
LINE_PITCH = 28.95


@cases
def test_every_page_carries_its_number_once_attachments_included(case, built):
    pdf = built(case).pdf
    assert [(n.page, n.value) for n in pdf.page_numbers] == [
        (p, p + 1) for p in range(pdf.page_count)
    ]


@cases
def test_page_numbers_are_4hao_songti_between_em_dashes(case, built, postscript_names):
    for n in built(case).pdf.page_numbers:
        assert n.size == PAGE_NUMBER_PT
        assert n.font == postscript_names["page_number"]


@cases
def test_odd_numbers_sit_right_and_even_numbers_left_one_character_inside_the_text_block(
    case, built
):
    for n in built(case).pdf.page_numbers:
        if n.value % 2:
            assert n.x1_mm == pytest.approx(TEXT_RIGHT_MM - ONE_CHAR_MM, abs=0.05)
        else:
            assert n.x0_mm == pytest.approx(TEXT_LEFT_MM + ONE_CHAR_MM, abs=0.05)


def dash_middle_em(path, index: int) -> float:
    """Height of the middle of the font's em dash (U+2014) above the baseline, in em."""
    font = TTFont(path, fontNumber=index, lazy=True)
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[0x2014]].draw(pen)
    _, y_min, _, y_max = pen.bounds
    return (y_min + y_max) / 2 / font["head"].unitsPerEm


@cases
def test_the_dash_line_of_the_page_number_is_7_mm_below_the_text_block(
    case, built, machine_fonts
):
    font = machine_fonts["page_number"]
    middle_mm = mm(dash_middle_em(font.path, font.index) * PAGE_NUMBER_PT)  # the outlines
    for n in built(case).pdf.page_numbers:
        dash_from_bottom = n.baseline_mm + middle_mm
        # 297 − 262 − 7 = 28 mm above the paper's bottom edge; printing allows 1 mm.
        assert dash_from_bottom == pytest.approx(297 - TEXT_BOTTOM_MM - 7, abs=0.5)


@cases
def test_page_numbers_of_both_sides_share_one_baseline(case, built):
    assert len({round(n.baseline_mm, 3) for n in built(case).pdf.page_numbers}) == 1


@cases
def test_the_title_opens_the_first_page_centred_in_2hao(case, built, postscript_names):
    b = built(case)
    titles = [b2 for b2 in b.layout.blocks[:4] if isinstance(b2, Paragraph) and b2.style == "title"]
    lines = b.pdf.lines_on(0)[: len(titles)]
    assert [ln.text for ln in lines] == [t.text for t in titles]
    assert lines[0].top_mm < TEXT_TOP_MM + mm(40)
    centre = (TEXT_LEFT_MM + TEXT_RIGHT_MM) / 2
    for ln in lines:
        assert ln.size == TITLE_PT and ln.fonts == {postscript_names["title"]}
        assert mm(ln.glyphs[0].x0 + ln.glyphs[-1].x1) / 2 == pytest.approx(centre, abs=0.1)


@cases
def test_the_signoff_stands_one_blank_line_below_the_text_indented_as_gb9704_says(
    case, built
):
    b = built(case)
    signoff = next(x for x in b.layout.blocks if isinstance(x, Signoff))
    lines = b.pdf.text_lines(BODY_PT)
    at = next(i for i, ln in enumerate(lines) if ln.text == signoff.organ.text
              and lines[i + 1].text == signoff.date.text)
    before, organ, date = lines[at - 1], lines[at], lines[at + 1]
    right = TEXT_RIGHT_MM * MM
    assert organ.right == pytest.approx(right - signoff.organ_right_chars * CELL, abs=0.01)
    if signoff.date_right_chars > 2:  # the date follows the organ: its first character counts
        date_left = right - (signoff.date_right_chars + text_width(signoff.date.text)) * CELL
        assert date.left == pytest.approx(date_left, abs=0.01)
    else:  # a date too long for that is right-indented 2 字
        assert date.right == pytest.approx(right - 2 * CELL, abs=0.01)
    assert organ.baseline - date.baseline == pytest.approx(LINE_PITCH)
    if before.page == organ.page:
        assert before.baseline - organ.baseline == pytest.approx(2 * LINE_PITCH)


def test_unsealed_signoff_puts_the_date_two_characters_right_of_the_organ(built):
    """7.3.5.2: 发文机关署名右空二字，成文日期首字比署名首字右移二字."""
    lines = built("yunling").pdf.text_lines(BODY_PT)
    organ = next(ln for ln in lines if ln.text == "青溪县云岭镇人民政府")
    date = lines[lines.index(organ) + 1]
    assert date.text == "2025年1月20日"
    assert organ.right == pytest.approx((TEXT_RIGHT_MM * MM) - 2 * CELL, abs=0.01)
    assert date.left - organ.left == pytest.approx(2 * CELL, abs=0.01)  # whatever its digits


def test_the_date_keeps_its_place_in_a_font_with_wide_digits(tmp_path):
    """The layout counts a digit as half a 字; with 0.6 em digits (WenQuanYi, LXGW) the date
    still starts two characters right of the organ, as in a font of half-width digits."""
    document = build_document(load(GOV_2021))
    chars = {ch for run in document.runs() for ch in run.text} | set(ASCII) | {"—"}
    path = write_font(tmp_path / "wide-digits.ttf", chars, "Wide Digits", narrow=600)
    pdfmetrics.registerFont(ReportlabTTFont("GovreportTestWideDigits", str(path)))
    fonts = dict.fromkeys(("title", "body", "heading1", "heading2", "table", "page_number"),
                          "GovreportTestWideDigits")
    (tmp_path / "wide.pdf").write_bytes(render_pdf(document, fonts))
    lines = Pdf(tmp_path / "wide.pdf").text_lines(BODY_PT)
    organ = next(ln for ln in lines if ln.text == "青溪县云岭镇人民政府")
    date = lines[lines.index(organ) + 1]
    assert (date.glyphs[1].x1 - date.glyphs[1].x0) / BODY_PT == pytest.approx(0.6)
    assert date.left - organ.left == pytest.approx(2 * CELL, abs=0.01)


def test_the_attachment_starts_a_page_with_its_label_and_title_on_the_third_line(
    built, postscript_names
):
    pdf = built("long-stats").pdf
    page = next(p for p in range(pdf.page_count) if pdf.lines_on(p)[0].text == "附件")
    label, title, title_2 = pdf.lines_on(page)[:3]
    assert label.left == pytest.approx(TEXT_LEFT_MM * MM, abs=0.01)
    assert label.fonts == {postscript_names["heading1"]}
    assert label.size == BODY_PT
    # 22.5 字 of 2号 do not fit one line of at most 19: two balanced lines
    assert title.text + title_2.text == "青溪县水利局2015年政府信息公开情况统计表"
    assert title_2.size == TITLE_PT
    assert title.size == TITLE_PT and title.fonts == {postscript_names["title"]}
    third_line_top = TEXT_TOP_MM + 2 * mm(LINE_PITCH)
    assert third_line_top < title.top_mm < third_line_top + mm(LINE_PITCH + TITLE_PT)
    before = pdf.lines_on(page - 1)
    assert before[-1].text == "2016年3月18日", "the sign-off ends the body; the 附件 follows"
