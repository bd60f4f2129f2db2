"""Line breaking on the 28-cell grid: cell counts, justification, narrow runs, alignment."""

from __future__ import annotations

import itertools

import pytest

from govreport.writers.pdf.linebreak import Align, Line, break_lines, widest_token
from govreport.writers.pdf.styles import CELL_PITCH, TEXT_WIDTH

W, CELL = TEXT_WIDTH, CELL_PITCH
HAN = "政府信息公开工作年度报告依申请办理结果统计"  # 21 distinct wide characters


def narrow8(text: str, style: str) -> float:
    """Half-width characters of a 16 pt font: 8 pt each."""
    return 8.0 * len(text)


def lay(text: str, **kw: object) -> list[Line]:
    kw.setdefault("cell", CELL)
    return break_lines([(text, "body")], W, measure=narrow8, **kw)  # type: ignore[arg-type]


def cells(line: Line) -> float:
    """Content width of a line counted in grid cells."""
    return line.natural / CELL


def test_pure_chinese_lines_hold_exactly_28_cells() -> None:
    lines = lay(HAN * 10, first_indent=2 * CELL)
    assert [len(ln.text) for ln in lines[:-1]] == [26] + [28] * (len(lines) - 2)
    for ln in lines[1:-1]:
        assert cells(ln) == pytest.approx(28)
        assert ln.gap == 0
        (span,) = ln.spans
        assert span.x == 0 and span.cell == CELL


def test_first_line_indent_is_two_cells() -> None:
    first, second = lay(HAN * 3, first_indent=2 * CELL)[:2]
    assert first.spans[0].x == pytest.approx(2 * CELL)
    assert second.spans[0].x == 0


def test_no_line_extends_past_the_width() -> None:
    text = "2018年我镇公开信息1,234条，占比56.7%，“阳光政府”——见http://gk.example.cn。" * 40
    for ln in lay(text, first_indent=2 * CELL):
        assert ln.x_end <= W + 1e-6
        assert min(s.x for s in ln.spans) >= 0


def test_justified_lines_end_flush_with_the_right_edge() -> None:
    text = "本年度共收到申请123件，办理完毕120件，其中予以公开45件，部分公开8件。" * 12
    lines = lay(text, first_indent=2 * CELL)
    stretched = [ln for ln in lines[:-1] if ln.gap > 0]
    assert stretched, "digits should leave slack to distribute"
    for ln in lines[:-1]:
        assert ln.x_end == pytest.approx(W, abs=0.01)


def test_slack_is_spread_evenly_between_tokens() -> None:
    line = lay("本年度共收到申请123件，" * 8)[0]
    boxes = [
        (s.x + k * (CELL + s.gap), CELL) for s in line.spans if s.cell for k in range(len(s.text))
    ]
    boxes += [(s.x, s.width) for s in line.spans if s.cell is None]
    boxes.sort()
    gaps = [b[0] - (a[0] + a[1]) for a, b in itertools.pairwise(boxes)]
    assert max(gaps) - min(gaps) < 1e-9
    assert gaps[0] == pytest.approx(line.gap)


def test_last_line_is_not_stretched() -> None:
    last = lay("本年度共收到申请123件，" * 5)[-1]
    assert last.last and last.gap == 0
    assert last.x_end == pytest.approx(last.natural)
    assert last.x_end < W - CELL


def test_narrow_run_is_never_split_when_it_fits_a_line() -> None:
    word = "GB/T9704-2012"  # 13 × 8 = 104 pt
    lines = lay("甲" * 22 + word + "乙" * 10)
    assert lines[0].text == "甲" * 22
    assert lines[1].text.startswith(word)
    assert lines[0].x_end == pytest.approx(W)  # 22 cells justified over the line


def test_narrow_run_longer_than_a_line_breaks_by_character() -> None:
    url = "https://www.example.gov.cn/" + "x" * 60  # 87 × 8 = 696 pt > 442 pt
    lines = lay("网址" + url + "。")
    assert "".join(ln.text for ln in lines) == "网址" + url + "。"
    assert len(lines) >= 2
    assert lines[0].text.startswith("网址https")  # fills the current line, no gap left
    assert lines[0].natural == pytest.approx(W, abs=8.0)
    for ln in lines:
        assert ln.x_end <= W + 1e-6


def test_ascii_space_is_a_break_opportunity_and_is_dropped_at_the_break() -> None:
    lines = lay("甲" * 24 + " hello world")
    assert lines[0].text == "甲" * 24 + "hello"
    assert lines[1].text == "world"
    assert lines[1].spans[0].x == 0


def test_empty_paragraph_is_one_empty_line() -> None:
    (line,) = lay("")
    assert line.spans == () and line.last


def test_center_alignment_puts_equal_space_on_both_sides() -> None:
    (line,) = lay("政府信息公开", align=Align.CENTER)
    left = line.spans[0].x
    assert left == pytest.approx(W - line.x_end)


def test_right_alignment_ends_at_the_right_edge() -> None:
    (line,) = lay("泉阳镇人民政府", align="right")
    assert line.x_end == pytest.approx(W)


def test_left_alignment_does_not_justify() -> None:
    lines = lay("本年度共收到申请123件，" * 5, align=Align.LEFT)
    assert all(ln.gap == 0 for ln in lines)


def test_natural_widths_without_grid_pitch() -> None:
    def table_font(text: str, style: str) -> float:
        return sum(10.5 if ord(c) > 0x2000 else 5.25 for c in text)

    lines = break_lines(
        [("申请人数12人", "t")], 50.0, measure=table_font, cell=None, align=Align.LEFT
    )
    assert [ln.text for ln in lines] == ["申请人数", "12人"]
    assert lines[0].natural == pytest.approx(42.0)
    assert lines[1].spans[1].x == pytest.approx(10.5)


def test_balanced_title_lines_have_similar_length() -> None:
    def title_font(text: str, style: str) -> float:
        return sum(22.0 if ord(c) > 0x2000 else 11.0 for c in text)

    title = "某某市人民政府办公室关于2024年政府信息公开工作年度报告"
    plain = break_lines([(title, "t")], W, measure=title_font, align="center")
    balanced = break_lines([(title, "t")], W, measure=title_font, align="center", balance=True)
    assert len(plain) == len(balanced) == 2
    assert abs(balanced[0].natural - balanced[1].natural) <= 44.0
    assert abs(plain[0].natural - plain[1].natural) > 44.0
    for ln in balanced:
        assert ln.spans[0].x == pytest.approx(W - ln.x_end)


def test_widest_token_is_the_longest_narrow_run() -> None:
    assert widest_token([("表1：2018-2019年", "b")], narrow8, CELL) == pytest.approx(72.0)
