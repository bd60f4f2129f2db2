"""GridParagraph as a platypus flowable: heights, splitting, fonts, glyph placement."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from reportlab.platypus import KeepTogether, Table

from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.keep import KeepWithLines
from govreport.writers.pdf.linebreak import Align
from govreport.writers.pdf.styles import (
    CELL_PITCH,
    LINE_PITCH,
    TEXT_WIDTH,
    FontSpec,
    body_style,
    heading_style,
    signoff_style,
    table_style,
    title_style,
)
from tests.pdf.docbuild import FRAME_RIGHT, FRAME_TOP, FRAME_X, build_pdf
from tests.pdf.pdfglyphs import Glyph, font_names, read_glyphs, text_lines

Fonts = dict[str, FontSpec]
LONG = "镇党政领导班子成员和镇全体干部认真学习领会上级有关文件精神，充分认识到实行政务公开是加强基层组织建设和党风廉政建设。"


def body(fonts: Fonts, text: str, **kw: object) -> GridParagraph:
    return GridParagraph(text, body_style(fonts, **kw))  # type: ignore[arg-type]


def line_text(line: list[Glyph]) -> str:
    return "".join(g.char for g in line)


def is_narrow(g: Glyph) -> bool:
    """Narrow glyphs of the synthetic 16 pt font advance 8 pt; they are not on the grid."""
    return g.x1 - g.x0 < 10


def cell_left(g: Glyph) -> float:
    return g.x0 if is_narrow(g) else g.centre - CELL_PITCH / 2


def cell_right(g: Glyph) -> float:
    return g.x1 if is_narrow(g) else g.centre + CELL_PITCH / 2


def test_wrap_height_is_whole_line_pitches(fonts: Fonts) -> None:
    p = body(fonts, LONG * 3)
    w, h = p.wrap(TEXT_WIDTH, 10_000)
    assert w == TEXT_WIDTH
    assert h == pytest.approx(len(p.lines) * LINE_PITCH)
    assert len(p.lines) == 7  # 2 + 57×3 = 173 cells → 7 lines of 28


def test_space_before_after_and_keep_with_next_come_from_the_style(fonts: Fonts) -> None:
    h = GridParagraph("一、政务公开工作开展情况", heading_style(fonts, space_before=1))
    assert h.getSpaceBefore() == pytest.approx(LINE_PITCH)
    assert h.getSpaceAfter() == 0
    assert h.getKeepWithNext()
    assert not body(fonts, LONG).getKeepWithNext()


def test_unknown_style_key_is_rejected(fonts: Fonts) -> None:
    with pytest.raises(KeyError, match="nosuch"):
        GridParagraph([("正文", "nosuch")], body_style(fonts))


def test_split_cuts_at_whole_lines_and_keeps_the_indent_on_the_first_part(
    fonts: Fonts,
) -> None:
    p = body(fonts, LONG * 10)
    p.wrap(TEXT_WIDTH, 10_000)
    total = [ln.text for ln in p.lines]
    head, tail = p.split(TEXT_WIDTH, 5.5 * LINE_PITCH)
    assert head.wrap(TEXT_WIDTH, 10_000)[1] == pytest.approx(5 * LINE_PITCH)
    assert tail.wrap(TEXT_WIDTH, 10_000)[1] == pytest.approx((len(total) - 5) * LINE_PITCH)
    assert [ln.text for ln in head.lines + tail.lines] == total
    assert head.lines[0].spans[0].x == pytest.approx(2 * CELL_PITCH)
    assert tail.lines[0].spans[0].x == 0
    assert tail.lines[-1].last and not head.lines[-1].last


def test_split_returns_nothing_below_one_line_and_self_when_all_fit(fonts: Fonts) -> None:
    p = body(fonts, LONG)
    assert p.split(TEXT_WIDTH, LINE_PITCH - 0.5) == []
    assert p.split(TEXT_WIDTH, 100 * LINE_PITCH) == [p]


def test_remainder_rebreaks_without_indent_in_a_narrower_frame(fonts: Fonts) -> None:
    p = body(fonts, LONG * 4)
    p.wrap(TEXT_WIDTH, 10_000)
    _head, tail = p.split(TEXT_WIDTH, 2 * LINE_PITCH)
    rest = "".join(ln.text for ln in tail.lines)
    tail.wrap(20 * CELL_PITCH, 10_000)
    assert "".join(ln.text for ln in tail.lines) == rest
    assert tail.lines[0].spans[0].x == 0
    assert all(len(ln.text) <= 20 for ln in tail.lines)


def test_run_in_heading_uses_two_fonts_on_one_grid(fonts: Fonts, tmp_path: Path) -> None:
    lead = "（一）统一认识，狠抓建章立制。"
    p = GridParagraph([(lead, "kai"), (LONG, "fang")], body_style(fonts))
    glyphs = read_glyphs(build_pdf(tmp_path / "runin.pdf", [p]))
    first = text_lines(glyphs)[0]
    assert line_text(first) == (lead + LONG)[:26]
    assert {g.font for g in first[: len(lead)]} == {"SynthKai"}
    assert {g.font for g in first[len(lead) :]} == {"SynthFang"}
    assert len({g.y for g in first}) == 1
    centres = [g.centre for g in first]
    for a, b in itertools.pairwise(centres):
        assert b - a == pytest.approx(CELL_PITCH, abs=1e-3)  # pure CJK: exact pitch
    assert centres[0] == pytest.approx(FRAME_X + 2.5 * CELL_PITCH)


def test_full_lines_hold_28_cells_flush_to_both_edges(fonts: Fonts, tmp_path: Path) -> None:
    text = "本年度共收到申请123件，办理完毕120件，其中予以公开45件。" * 8
    lines = text_lines(read_glyphs(build_pdf(tmp_path / "flush.pdf", [body(fonts, text)])))
    for line in lines[:-1]:
        assert cell_left(line[0]) >= FRAME_X - 0.01
        assert cell_right(line[-1]) == pytest.approx(FRAME_RIGHT, abs=0.01)
    assert cell_right(lines[-1][-1]) < FRAME_RIGHT - CELL_PITCH


def test_proportional_quotes_are_centred_in_their_cells(fonts: Fonts, tmp_path: Path) -> None:
    style = body_style({"fang": fonts["prop"]}, first_indent=0)
    text = "推行“阳光政府”的‘一项’举措"
    (line,) = text_lines(read_glyphs(build_pdf(tmp_path / "q.pdf", [GridParagraph(text, style)])))
    assert line_text(line) == text
    for k, g in enumerate(line):
        assert g.centre == pytest.approx(FRAME_X + (k + 0.5) * CELL_PITCH, abs=1e-3)
    quote = line[2]
    assert quote.x1 - quote.x0 == pytest.approx(0.33 * 16)


def test_title_is_centred_and_balanced(fonts: Fonts, tmp_path: Path) -> None:
    title = "某某市人民政府办公室关于2024年政府信息公开工作年度报告"
    p = GridParagraph(title, title_style(fonts))
    lines = text_lines(read_glyphs(build_pdf(tmp_path / "t.pdf", [p])))
    assert len(lines) == 2
    assert "".join(line_text(ln) for ln in lines) == title
    for ln in lines:
        assert {g.size for g in ln} == {22.0}
        assert ln[0].x0 - FRAME_X == pytest.approx(FRAME_RIGHT - ln[-1].x1, abs=0.01)
    widths = [ln[-1].x1 - ln[0].x0 for ln in lines]
    # within one 22 pt character and the autospace beside the number (4.4 pt)
    assert abs(widths[0] - widths[1]) <= 22 + 0.2 * 22 + 0.01
    assert lines[0][0].y - lines[1][0].y == pytest.approx(LINE_PITCH)


def test_signoff_is_right_indented_by_whole_cells(fonts: Fonts, tmp_path: Path) -> None:
    story = [
        GridParagraph("泉阳镇人民政府", signoff_style(fonts, right_cells=2)),
        GridParagraph("2019年2月28日", signoff_style(fonts, right_cells=4)),
    ]
    name, date = text_lines(read_glyphs(build_pdf(tmp_path / "s.pdf", story)))
    assert cell_right(name[-1]) == pytest.approx(FRAME_RIGHT - 2 * CELL_PITCH, abs=1e-3)
    assert cell_right(date[-1]) == pytest.approx(FRAME_RIGHT - 4 * CELL_PITCH, abs=1e-3)


def test_table_cells_use_natural_widths(fonts: Fonts, tmp_path: Path) -> None:
    left = GridParagraph("（一）法律、法规、规章", table_style(fonts, default="table"))
    centred = GridParagraph("12", table_style(fonts, default="table", align=Align.CENTER))
    table = Table([[left, centred]], colWidths=[40, 30], hAlign="LEFT")
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), "SynthFang")])
    glyphs = read_glyphs(build_pdf(tmp_path / "tab.pdf", [table]))
    lines = text_lines(glyphs)
    assert {g.size for g in glyphs} == {10.5}
    first = lines[0]
    for a, b in itertools.pairwise(first):
        assert b.x0 == pytest.approx(a.x1)  # natural advances, no grid, no stretch
    number = [g for g in glyphs if g.char in "12"]
    mid = (number[0].x0 + number[-1].x1) / 2
    assert mid == pytest.approx(FRAME_X + 40 + 30 / 2, abs=0.01)  # centre of column 2


def test_no_helvetica_or_other_unrequested_font(fonts: Fonts, tmp_path: Path) -> None:
    story = [
        GridParagraph("泉阳镇2018年报告", title_style(fonts)),
        GridParagraph([("（一）统一认识。", "kai"), (LONG, "fang")], body_style(fonts)),
    ]
    names = font_names(build_pdf(tmp_path / "f.pdf", story))
    assert names and all(n.split("+")[-1] in {"SynthFang", "SynthKai"} for n in names)


def test_character_spacing_is_reset_after_the_paragraph(fonts: Fonts) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas("unused.pdf")
    p = body(fonts, "本年度共收到申请123件，" * 6)
    p.wrap(TEXT_WIDTH, 1000)
    p.drawOn(canvas, 0, 0)
    code = " ".join(canvas._code)
    assert " Tc " in code
    assert code.rsplit(" Tc", 1)[0].rsplit(" ", 1)[-1] == "0"


def _filler(fonts: Fonts, lines: int) -> GridParagraph:
    return body(fonts, "甲" * (28 * lines - 2))


@pytest.mark.parametrize(("used", "moves"), [(20, False), (21, True)])
def test_heading_keeps_only_the_first_line_of_the_next_paragraph(
    fonts: Fonts, tmp_path: Path, used: int, moves: bool
) -> None:
    story = [
        _filler(fonts, used),
        GridParagraph("一、政务公开工作开展情况", heading_style(fonts)),
        body(fonts, LONG * 6),
    ]
    path = build_pdf(tmp_path / "k.pdf", story, keep_class=KeepWithLines)
    lines = text_lines(read_glyphs(path))
    heading = next(ln for ln in lines if line_text(ln).startswith("一、"))
    assert heading[0].page == (1 if moves else 0)
    page0 = [ln for ln in lines if ln[0].page == 0]
    assert len(page0) == (used if moves else 22)


def test_plain_keep_together_would_move_the_heading(fonts: Fonts, tmp_path: Path) -> None:
    story = [
        _filler(fonts, 10),
        GridParagraph("一、政务公开工作开展情况", heading_style(fonts)),
        body(fonts, LONG * 6),
    ]
    lines = text_lines(read_glyphs(build_pdf(tmp_path / "kt.pdf", story, keep_class=KeepTogether)))
    assert len([ln for ln in lines if ln[0].page == 0]) == 10
    kept = text_lines(read_glyphs(build_pdf(tmp_path / "kl.pdf", story, keep_class=KeepWithLines)))
    assert len([ln for ln in kept if ln[0].page == 0]) == 22


def test_first_baseline_sits_in_the_first_line_box(fonts: Fonts, tmp_path: Path) -> None:
    lines = text_lines(read_glyphs(build_pdf(tmp_path / "b.pdf", [body(fonts, LONG)])))
    expected = FRAME_TOP - ((LINE_PITCH - 16) / 2 + 0.88 * 16)
    assert lines[0][0].y == pytest.approx(expected)
    assert lines[0][0].y - lines[1][0].y == pytest.approx(LINE_PITCH)


def test_long_paragraph_flows_across_pages_at_line_boundaries(fonts: Fonts, tmp_path: Path) -> None:
    text = LONG * 40  # about 82 lines: 3 full pages and a part
    para = body(fonts, text)
    para.wrap(TEXT_WIDTH, 1e6)
    n = len(para.lines)
    lines = text_lines(read_glyphs(build_pdf(tmp_path / "flow.pdf", [body(fonts, text)])))
    assert "".join(line_text(ln) for ln in lines) == text
    pages = [[ln for ln in lines if ln[0].page == p] for p in range(4)]
    assert [len(p) for p in pages] == [22, 22, 22, n - 66]
    for p in pages:
        assert p[0][0].y == pytest.approx(lines[0][0].y)  # every page starts on row 0
        assert p[-1][0].y == pytest.approx(lines[0][0].y - (len(p) - 1) * LINE_PITCH)
    assert lines[0][0].x0 == pytest.approx(
        FRAME_X + 2 * CELL_PITCH + (CELL_PITCH - 16) / 2, abs=1e-3
    )
    for p in pages[1:]:
        assert p[0][0].x0 == pytest.approx(FRAME_X + (CELL_PITCH - 16) / 2, abs=1e-3)  # no indent


def test_hanging_indent_aligns_continuation_lines(fonts: Fonts) -> None:
    style = body_style(fonts, first_indent=0, left_indent=5 * CELL_PITCH)
    p = GridParagraph("附件：1.某某市2024年政府信息公开工作年度报告统计表及有关说明材料", style)
    p.wrap(TEXT_WIDTH, 1000)
    assert len(p.lines) == 2
    assert all(ln.spans[0].x == pytest.approx(5 * CELL_PITCH) for ln in p.lines)
    assert p.lines[0].x_end == pytest.approx(TEXT_WIDTH)


def test_snap_rounds_the_height_up_to_body_lines(fonts: Fonts) -> None:
    p = GridParagraph("政府信息公开工作年度报告", title_style(fonts, leading=35.0, snap=LINE_PITCH))
    assert p.wrap(TEXT_WIDTH, 1000)[1] == pytest.approx(2 * LINE_PITCH)
