"""A title line the layout measured as fitting stays one line in any font.

The layout counts a digit as half a 2号 character, so "…2015年…" of 20 字 fills the 156 mm
line (440 of 442.2 pt). Noto Serif SC's digits are 0.56 em: the same line is 445 pt wide and
used to end with its last character alone on a second line. The PDF writer lets such a line
tighten by up to 0.05 em per gap instead.
"""

from __future__ import annotations

import pytest

from govreport.layout.style import PARAGRAPH_STYLES
from govreport.writers.pdf.linebreak import break_lines
from govreport.writers.pdf.styles import TEXT_WIDTH
from govreport.writers.pdf.writer import TITLE_SQUEEZE_EM, paragraph_style
from tests.pdfout.reading import is_wide

TITLE = "青溪县水利局2015年政府信息公开情况统计表"
SIZE = 22.0


def noto_like(text: str, _style: str) -> float:
    """2号 advances with digits of 0.56 em, as in Noto Serif SC."""
    return sum(SIZE if is_wide(ch) else 0.56 * SIZE for ch in text)


def lines_of(text: str, squeeze: float) -> list:
    return break_lines([(text, "title")], TEXT_WIDTH, measure=noto_like, align="center",
                       squeeze=squeeze)


def test_a_full_title_line_with_wide_digits_stays_whole_and_inside_the_text_block():
    (line,) = lines_of(TITLE, TITLE_SQUEEZE_EM * SIZE)
    assert line.text == TITLE
    assert line.natural > TEXT_WIDTH  # it would not fit as set
    assert line.x_end == pytest.approx(TEXT_WIDTH)  # tightened exactly to the 版心
    assert -TITLE_SQUEEZE_EM * SIZE <= line.gap < 0


def test_without_the_allowance_the_last_character_would_stand_alone():
    assert [ln.text for ln in lines_of(TITLE, 0.0)] == [TITLE[:-1], TITLE[-1]]


def test_a_line_too_long_to_tighten_unseen_still_breaks():
    lines = lines_of(TITLE + "附表", TITLE_SQUEEZE_EM * SIZE)
    assert len(lines) == 2 and all(ln.x_end <= TEXT_WIDTH + 1e-6 for ln in lines)


def test_only_off_grid_titles_may_tighten_body_text_keeps_its_cells():
    fonts = dict.fromkeys(("title", "body", "heading1", "heading2", "table", "page_number"), "F")
    assert paragraph_style(PARAGRAPH_STYLES["title"], fonts).squeeze == pytest.approx(TITLE_SQUEEZE_EM * SIZE)
    assert paragraph_style(PARAGRAPH_STYLES["body"], fonts).squeeze == 0.0
    assert paragraph_style(PARAGRAPH_STYLES["heading1"], fonts).squeeze == 0.0
