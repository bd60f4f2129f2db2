"""The layout document: titles on the grid, the sign-off kept with its text, 附件说明."""

from __future__ import annotations

import pytest

import govreport
from govreport.cli import main
from govreport.layout.build import TITLE_CHARS_PER_LINE, build_document
from govreport.layout.document import Blank, Paragraph, Signoff
from govreport.layout.style import LINE_PITCH_PT, PARAGRAPH_STYLES, TITLE_LINE_PT, text_width
from tests.conftest import GOV_2019, GOV_2021, LEGACY
from tests.pdfout.reading import Pdf


def blocks(example):
    return build_document(govreport.load(example)).blocks


@pytest.mark.parametrize("example", [GOV_2021, GOV_2019, LEGACY])
def test_the_title_block_ends_on_the_body_line_grid(example):
    layout = blocks(example)
    titles = [b for b in layout if isinstance(b, Paragraph) and b.style == "title"]
    blank = layout[len(titles)]
    assert isinstance(blank, Blank) and blank.lines == 1
    height = len(titles) * TITLE_LINE_PT + LINE_PITCH_PT + blank.extra_pt
    assert height / LINE_PITCH_PT == pytest.approx(round(height / LINE_PITCH_PT), abs=1e-6)
    assert 0 <= blank.extra_pt < LINE_PITCH_PT


def test_title_lines_leave_one_character_of_slack():
    assert TITLE_CHARS_PER_LINE == 19
    for example in (GOV_2021, GOV_2019, LEGACY):
        for b in blocks(example):
            if isinstance(b, Paragraph) and b.style == "title":
                assert text_width(b.text) <= TITLE_CHARS_PER_LINE


def test_the_last_paragraph_and_the_blank_line_keep_with_the_signoff():
    layout = blocks(GOV_2021)
    at = next(i for i, b in enumerate(layout) if isinstance(b, Signoff))
    last, blank = layout[at - 2], layout[at - 1]
    assert isinstance(last, Paragraph) and last.keep_with_next
    assert last.text.startswith("（四）年度政务公开工作创新情况")
    assert isinstance(blank, Blank) and blank.keep_with_next
    others = [b for b in layout[:at - 2] if isinstance(b, Paragraph) and b.keep_with_next]
    assert others == []  # nothing else is held back


def test_the_attachment_note_hangs_under_its_own_name():
    style = PARAGRAPH_STYLES["attachment_note"]
    assert style.left_indent_chars + style.first_indent_chars == 2  # "附件：" 2 字 in (7.3.4)
    assert style.left_indent_chars == 5  # continuation lines under the name, after "附件："


def test_page_one_body_lines_share_the_grid_of_page_two(tmp_path, capsys):
    assert main(["build", str(LEGACY), "-o", str(tmp_path), "--to", "pdf"]) == 0
    pdf = Pdf(tmp_path / "quanyang-2018.pdf")
    body = [ln for ln in pdf.lines_on(0) if ln.size == 16.0]
    page_two = pdf.lines_on(1)
    offsets = {round((ln.baseline - page_two[0].baseline) / LINE_PITCH_PT, 6) % 1 for ln in body}
    assert offsets <= {0.0, 1.0}
