"""A 50,000-character paragraph (the seed report's text, repeated): every character is set,
in order, on lines that fit the grid. (How long that takes: benchmarks/pdf_linebreak.py.)"""

from __future__ import annotations

import itertools

import pytest

from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.linebreak import Line, break_lines
from govreport.writers.pdf.styles import CELL_PITCH, LINE_PITCH, TEXT_WIDTH, FontSpec, body_style


def fifty_thousand(sample_text: str) -> str:
    text = "".join(ln.strip() for ln in sample_text.splitlines())
    return (text * (50_000 // len(text) + 1))[:50_000]


def assert_set_in_order(lines: list[Line], text: str) -> None:
    """The lines follow each other without a gap or overlap, from the first character to the
    last, and none extends past the text width."""
    assert lines[0].start == 0 and lines[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(lines))
    assert all(ln.x_end <= TEXT_WIDTH + 1e-6 for ln in lines)


def test_a_50000_character_paragraph_breaks_into_lines_holding_all_of_it(sample_text: str) -> None:
    text = fifty_thousand(sample_text)
    lines = break_lines([(text, "b")], TEXT_WIDTH, measure=lambda t, s: 8.0 * len(t),
                        cell=CELL_PITCH, first_indent=2 * CELL_PITCH)
    assert_set_in_order(lines, text)
    assert len(lines) >= 50_000 // 28  # at most 28 cells a line


def test_a_50000_character_paragraph_wraps_to_whole_lines(
    sample_text: str, fonts: dict[str, FontSpec]
) -> None:
    text = fifty_thousand(sample_text)
    p = GridParagraph(text, body_style(fonts))
    _, height = p.wrap(TEXT_WIDTH, 1e9)
    assert_set_in_order(p.lines, text)
    assert height == pytest.approx(len(p.lines) * LINE_PITCH)
