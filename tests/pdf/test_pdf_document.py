"""End to end: the seed report built with reportlab, read back glyph by glyph with pypdf."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from govreport.writers.pdf.chars import NO_LINE_END, NO_LINE_START
from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.keep import KeepWithLines
from govreport.writers.pdf.styles import (
    CELL_PITCH,
    LINE_PITCH,
    FontSpec,
    body_style,
    heading_style,
    signoff_style,
    title_style,
)
from tests.pdf.docbuild import FRAME_RIGHT, FRAME_TOP, FRAME_X, build_pdf
from tests.pdf.pdfglyphs import Glyph, font_names, read_glyphs, text_lines

LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def report_story(text: str, fonts: dict[str, FontSpec]) -> tuple[list[Flowable], list[str]]:
    """Title, 一、 headings (黑体), （一） run-in leads (楷体), body, sign-off; and the
    drawn text of each paragraph (spaces are not drawn)."""
    paras = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title, paras, signoff = paras[0] + paras[1], paras[2:-2], paras[-2:]
    story: list[Flowable] = [GridParagraph(title, title_style(fonts, space_after=1))]
    i = 0
    while i < len(paras):
        p = paras[i]
        if LEVEL1.match(p):
            story.append(GridParagraph(p, heading_style(fonts)))
        elif LEVEL2.match(p) and p.endswith("。") and i + 1 < len(paras):
            runs = [(p, "kai"), (paras[i + 1], "fang")]
            story.append(GridParagraph(runs, body_style(fonts)))
            i += 1
        elif LEVEL2.match(p):
            story.append(GridParagraph(p, heading_style(fonts, default="kai")))
        else:
            story.append(GridParagraph(p, body_style(fonts)))
        i += 1
    story.append(GridParagraph(signoff[0], signoff_style(fonts, 2, space_before=1)))
    story.append(GridParagraph(signoff[1], signoff_style(fonts, 4)))
    # Spaces are not drawn; reportlab's ToUnicode reads a no-break space back as a space.
    drawn = [
        "".join(t for t, _ in f.runs).replace(" ", "").replace("\xa0", " ")  # type: ignore[attr-defined]
        for f in story
    ]
    return story, drawn


@pytest.fixture(scope="module")
def report(
    tmp_path_factory: pytest.TempPathFactory, sample_text: str, fonts: dict[str, FontSpec]
) -> tuple[Path, list[list[Glyph]], list[str]]:
    story, drawn = report_story(sample_text, fonts)
    path = build_pdf(tmp_path_factory.mktemp("e2e") / "report.pdf", story, keep_class=KeepWithLines)
    return path, text_lines(read_glyphs(path)), drawn


def text(line: list[Glyph]) -> str:
    return "".join(g.char for g in line)


def narrow(g: Glyph) -> bool:
    return g.x1 - g.x0 < 0.75 * g.size


def cell_right(g: Glyph) -> float:
    return g.x1 if narrow(g) else g.centre + CELL_PITCH / 2


def test_every_character_is_drawn_once_in_order(report: tuple) -> None:
    _, lines, drawn = report
    assert "".join(text(ln) for ln in lines) == "".join(drawn)


FIRST_BASELINE = FRAME_TOP - ((LINE_PITCH - 16) / 2 + 0.88 * 16)


def row(line: list[Glyph]) -> float:
    """Grid row of a 16 pt line: 0 for the first line of the text block."""
    return (FIRST_BASELINE - line[0].y) / LINE_PITCH


def test_full_pages_hold_22_lines(report: tuple) -> None:
    _, lines, _ = report
    pages = sorted({ln[0].page for ln in lines})
    assert len(pages) >= 5
    for p in pages[:-1]:
        on_page = [ln for ln in lines if ln[0].page == p]
        nxt = next(ln for ln in lines if ln[0].page == p + 1)
        last_row = round(row(on_page[-1]))
        # A page is full (its last line in row 21, the 22nd) unless a 一、 heading had to move
        # on because fewer than heading + 2 lines were left.
        assert last_row == 21 or (LEVEL1.match(text(nxt)) and last_row >= 19), (p, last_row)
        assert len(on_page) == 22 or p == 0 or LEVEL1.match(text(nxt))
    rows = [round(row(ln)) for ln in lines if ln[0].page == 1]
    assert rows == list(range(22))


def test_lines_sit_on_the_28_95_pt_grid(report: tuple) -> None:
    _, lines, _ = report
    for ln in lines:
        if ln[0].size != 16:
            continue
        assert row(ln) == pytest.approx(round(row(ln)), abs=1e-4)
        assert 0 <= round(row(ln)) < 22


def test_no_line_holds_more_than_28_cells_or_leaves_the_text_block(report: tuple) -> None:
    _, lines, _ = report
    for ln in lines:
        if ln[0].size != 16:
            continue
        cells = sum(0.5 if narrow(g) else 1.0 for g in ln)
        assert cells <= 28, text(ln)
        assert min(g.x0 if narrow(g) else g.centre - CELL_PITCH / 2 for g in ln) >= FRAME_X - 0.01
        assert max(cell_right(g) for g in ln) <= FRAME_RIGHT + 0.01


def test_pure_chinese_lines_hold_exactly_28_cells(report: tuple) -> None:
    _, lines, _ = report
    flush = [
        ln
        for ln in lines
        if ln[0].size == 16
        and abs(cell_right(ln[-1]) - FRAME_RIGHT) < 0.01
        and not any(narrow(g) for g in ln)
    ]
    exact = 0
    for ln in flush:
        steps = [b.centre - a.centre for a, b in itertools.pairwise(ln)]
        first_cell = (ln[0].centre - CELL_PITCH / 2 - FRAME_X) / CELL_PITCH
        assert max(steps) - min(steps) < 1e-3  # slack, if any, spread evenly
        if abs(steps[0] - CELL_PITCH) < 1e-3:
            assert first_cell + len(ln) == pytest.approx(28, abs=1e-3)
            exact += 1
        else:  # pushed down by the breaking rules: one character before a 。, or two before
            # a 。 that a number sticks to ("用。2018年"): fewer cells stretched over 28
            assert round(first_cell + len(ln), 3) in (26, 27)
    assert exact > 50 and exact > 0.8 * len(flush)


def test_no_line_starts_or_ends_with_a_forbidden_character(report: tuple) -> None:
    _, lines, _ = report
    for ln in lines:
        assert text(ln)[0] not in NO_LINE_START, text(ln)
        assert text(ln)[-1] not in NO_LINE_END, text(ln)


def test_only_paragraph_ends_are_ragged(report: tuple) -> None:
    _, lines, drawn = report
    ends, pos = set(), 0
    for para in drawn:
        pos += len(para)
        ends.add(pos)
    pos = 0
    body = 0
    for ln in lines:
        pos += len(ln)
        if ln[0].size != 16 or pos in ends:
            continue
        body += 1
        assert cell_right(ln[-1]) == pytest.approx(FRAME_RIGHT, abs=0.01), text(ln)
    assert body > 100


def test_run_in_leads_are_kaiti_and_headings_heiti(report: tuple) -> None:
    _, lines, _ = report
    leads = [ln for ln in lines if LEVEL2.match(text(ln))]
    assert leads
    for ln in leads:
        assert ln[0].font == "SynthKai"
        assert any(g.font == "SynthFang" for g in ln) or text(ln).endswith("。") is False
    assert all(ln[0].font == "SynthHei" for ln in lines if LEVEL1.match(text(ln)))


def test_only_the_requested_fonts_are_embedded(report: tuple) -> None:
    path, _, _ = report
    names = {n.split("+")[-1] for n in font_names(path)}
    assert names == {"SynthFang", "SynthKai", "SynthHei"}
