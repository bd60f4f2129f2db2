"""Body text on the GB/T 9704 grid, read back from the PDF: 22 lines × 28 cells, kinsoku,
justified lines, nothing outside the 版心."""

from __future__ import annotations

import itertools

import pytest

from govreport.layout.document import Paragraph
from govreport.layout.style import PARAGRAPH_STYLES
from tests.pdfout.conftest import CASES
from tests.pdfout.matching import paragraphs_with_lines, squeeze
from tests.pdfout.reading import (
    BODY_PT,
    CELL,
    MM,
    NO_LINE_END,
    NO_LINE_START,
    TABLE_PT,
    TEXT_LEFT_MM,
    TEXT_RIGHT_MM,
    TEXT_TOP_MM,
    Line,
    Pdf,
    mm,
)

LINE_PITCH = 28.95
LEFT, RIGHT = TEXT_LEFT_MM * MM, TEXT_RIGHT_MM * MM
EPS = 0.01  # pt

cases = pytest.mark.parametrize("case", list(CASES))


def heading_texts(built) -> set[str]:
    """Paragraphs that keep with the next one (headings), as their printed text."""
    return {squeeze(b.text) for b in built.layout.blocks
            if isinstance(b, Paragraph) and PARAGRAPH_STYLES[b.style].keep_with_next}


def kept_with_signoff(built) -> list[str]:
    """Paragraphs the layout keeps with the sign-off (7.3.5.5), as their printed text."""
    return [squeeze(b.text) for b in built.layout.blocks
            if isinstance(b, Paragraph) and b.keep_with_next]


def full_body_pages(pdf: Pdf) -> list[int]:
    """Pages whose text block holds only 3号 body text and headings (no title, no table),
    except the last page and a page that ends before a forced break (the 附件)."""
    out = []
    for page in range(pdf.page_count - 1):
        lines = pdf.lines_on(page)
        following = pdf.lines_on(page + 1)
        if not lines or any(ln.size != BODY_PT for ln in lines):
            continue
        if following and following[0].text == "附件":
            continue
        out.append(page)
    return out


def rows_used(lines: list[Line]) -> int:
    """Grid rows from the page's first line to its last (a blank line 空一行 is a row too)."""
    return round((lines[0].baseline - lines[-1].baseline) / LINE_PITCH) + 1


@cases
def test_full_body_pages_are_filled_to_the_22nd_line(case, built):
    b = built(case)
    headings = heading_texts(b)
    for page in full_body_pages(b.pdf):
        lines = b.pdf.lines_on(page)
        used = rows_used(lines)
        following = b.pdf.lines_on(page + 1)
        moved = list(itertools.takewhile(lambda ln: ln.text in headings, following))
        after = following[len(moved)] if len(following) > len(moved) else None
        if moved and after is not None and after.size == TABLE_PT:
            continue  # headings went on with a table that is kept whole
        if following and any(k.startswith(squeeze(following[0].text)) for k in kept_with_signoff(b)):
            continue  # the last paragraph went on to stay with the sign-off (7.3.5.5)
        # A heading never stands alone at the foot of a page: it moves on with the first line
        # of its paragraph, and only then may the page end short, by at most those lines.
        assert used == 22 or (moved and 22 - len(moved) <= used < 22), (page + 1, used)
        assert len(lines) >= used - 2  # blank lines only before the 附件说明 and the sign-off


def test_the_examples_have_full_body_pages_to_measure(built):
    counts = {case: len(full_body_pages(built(case).pdf)) for case in CASES}
    assert counts["quanyang"] >= 4 and counts["long-stats"] >= 2, counts


@cases
def test_full_body_pages_set_their_lines_on_one_grid_of_28_95_pt_rows(case, built):
    """Every line in a row of the same grid on every such page (blank lines skip a row), so
    lines register from page to page and front to back."""
    pdf = built(case).pdf
    firsts = set()
    for page in full_body_pages(pdf):
        baselines = [ln.baseline for ln in pdf.lines_on(page)]
        rows = [(baselines[0] - y) / LINE_PITCH for y in baselines]
        assert all(abs(r - round(r)) < 1e-3 for r in rows), rows
        assert round(rows[-1]) <= 21
        firsts.add(round(baselines[0] + round(rows[0]) * LINE_PITCH, 2))
    assert len(firsts) <= 1, firsts
    for first in firsts:  # the first baseline sits inside the first line box of the 版心
        assert TEXT_TOP_MM + mm(BODY_PT) * 0.5 < mm(841.89 - first) < TEXT_TOP_MM + mm(LINE_PITCH)


@cases
def test_no_body_line_holds_more_than_28_cells(case, built):
    lines = built(case).pdf.text_lines(BODY_PT)
    assert lines
    assert max(ln.cells for ln in lines) <= 28 + 1e-6


@cases
def test_nothing_leaves_the_text_block_sideways(case, built):
    for ln in built(case).pdf.text_lines():
        assert ln.left >= LEFT - EPS and ln.right <= RIGHT + EPS, (ln.page + 1, ln.text)


@cases
def test_no_line_starts_or_ends_with_a_forbidden_character(case, built):
    for ln in built(case).pdf.text_lines():
        if ln.size == TABLE_PT and len(ln.glyphs) == 1:
            continue  # a column one character wide cannot keep "三、" together
        assert ln.text[0] not in NO_LINE_START, (ln.page + 1, ln.text)
        assert ln.text[-1] not in NO_LINE_END, (ln.page + 1, ln.text)


@cases
def test_body_paragraphs_are_indented_two_cells_and_justified_to_both_edges(case, built):
    checked = 0
    for style, _, lines in paragraphs_with_lines(built(case)):
        s = PARAGRAPH_STYLES.get(style)
        if s is None or s.align != "justify":
            continue
        first = s.left_indent_chars + s.first_indent_chars  # a hanging first line is negative
        assert lines[0].left == pytest.approx(LEFT + first * CELL, abs=EPS)
        for ln in lines[1:]:
            assert ln.left == pytest.approx(LEFT + s.left_indent_chars * CELL, abs=EPS), ln.text
        for ln in lines[:-1]:
            assert ln.right == pytest.approx(RIGHT, abs=EPS), ln.text
            checked += 1
    assert checked > 20


def test_doubled_dashes_print_as_one_unbroken_line(built):
    """破折号 "——": the two dashes touch whatever the font's dash width (Noto's is 0.89 em)."""
    pairs = 0
    for ln in built("long-stats").pdf.text_lines(BODY_PT):
        for a, b in itertools.pairwise(ln.glyphs):
            if a.char == b.char == "—":
                assert b.x0 <= a.x1 + EPS, ln.text
                pairs += 1
    assert pairs >= 1


@cases
def test_pure_chinese_lines_put_one_character_in_each_of_28_cells(case, built):
    """Full lines without digits or pushed-down punctuation sit exactly on the cell grid."""
    exact = 0
    for ln in built(case).pdf.text_lines(BODY_PT):
        if len(ln.glyphs) != 28 or ln.cells != 28:
            continue
        k = 0
        while k < 28:  # a doubled mark ("——", "……") is one mark centred on its two cells
            n = 2 if ln.text[k:k + 2] in ("——", "……") else 1
            centre = (ln.glyphs[k].x0 + ln.glyphs[k + n - 1].x1) / 2
            assert centre == pytest.approx(LEFT + (k + n / 2) * CELL, abs=EPS), ln.text
            k += n
        exact += 1
    assert exact >= 3
