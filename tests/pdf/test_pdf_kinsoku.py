"""Kinsoku (禁则): forbidden line starts/ends are fixed by pushing tokens down, never by
hanging punctuation into the margin."""

from __future__ import annotations

import itertools
import random

import pytest

from govreport.writers.pdf.chars import NO_LINE_END, NO_LINE_START
from govreport.writers.pdf.linebreak import Line, break_lines
from govreport.writers.pdf.styles import CELL_PITCH, TEXT_WIDTH

W, CELL = TEXT_WIDTH, CELL_PITCH
WIDE_NO_START = "，。、；：？！）》」』】〕…—·％”’"
NARROW_NO_START = ",.;:?!)"
NO_END = "（《「『【〔“‘"


def lay(text: str) -> list[Line]:
    return break_lines([(text, "b")], W, measure=lambda t, s: 8.0 * len(t), cell=CELL)


def texts(text: str) -> list[str]:
    return [ln.text for ln in lay(text)]


@pytest.mark.parametrize("mark", list(WIDE_NO_START))
def test_wide_punctuation_never_starts_a_line(mark: str) -> None:
    # 28 cells fill line 1; the mark would start line 2, so the 28th 甲 comes down with it.
    assert texts("甲" * 28 + mark + "乙") == ["甲" * 27, "甲" + mark + "乙"]


@pytest.mark.parametrize("mark", list(NARROW_NO_START))
def test_half_width_punctuation_never_starts_a_line(mark: str) -> None:
    assert texts("甲" * 28 + mark + "x乙") == ["甲" * 27, "甲" + mark + "x乙"]


@pytest.mark.parametrize("mark", list(NO_END))
def test_opening_bracket_or_quote_never_ends_a_line(mark: str) -> None:
    # The mark is the 28th cell; it moves down to open line 2.
    assert texts("甲" * 27 + mark + "乙丙") == ["甲" * 27, mark + "乙丙"]


def test_the_sets_cover_the_specified_characters() -> None:
    assert set(WIDE_NO_START + NARROW_NO_START) <= NO_LINE_START
    assert set(NO_END) <= NO_LINE_END


@pytest.mark.parametrize("pair", ["——", "……"])
def test_double_dash_and_ellipsis_stay_together(pair: str) -> None:
    # The pair would take cells 28 and 29; it may neither split nor start a line.
    lines = texts("甲" * 27 + pair + "乙")
    assert lines == ["甲" * 26, "甲" + pair + "乙"]


@pytest.mark.parametrize("pair", ["——", "……"])
def test_pair_is_not_split_even_mid_line(pair: str) -> None:
    for n in range(20, 30):
        for line in texts("甲" * n + pair + "乙" * 30):
            assert pair[0] not in (line[0], line[-1]) or pair in line


def test_chained_closing_marks_push_down_their_word() -> None:
    # "。”" both forbidden at line start: the 27th-28th cells go down together.
    assert texts("甲" * 27 + "乙。”丙") == ["甲" * 27, "乙。”丙"]


def test_opening_mark_after_closing_mark_is_handled_both_ways() -> None:
    lines = texts("甲" * 26 + "乙，《丙》")
    assert lines == ["甲" * 26 + "乙，", "《丙》"]


def test_pushed_down_line_is_still_justified_flush() -> None:
    first = lay("甲" * 28 + "，乙丙")[0]
    assert first.text == "甲" * 27
    assert first.gap == pytest.approx(CELL / 26)
    assert first.x_end == pytest.approx(W)


def test_nothing_hangs_into_the_margin() -> None:
    for mark in WIDE_NO_START:
        for ln in lay("甲" * 28 + mark + "乙" * 40):
            assert ln.x_end <= W + 1e-6


@pytest.mark.parametrize("text", ["，" * 100, "（" * 100, "”。" * 60, "——" * 50, "…" * 99])
def test_lines_of_only_forbidden_characters_terminate_and_keep_every_character(
    text: str,
) -> None:
    lines = lay(text)
    assert "".join(ln.text for ln in lines) == text
    assert all(ln.text for ln in lines)
    assert all(ln.x_end <= W + 1e-6 for ln in lines)


def test_random_text_keeps_characters_width_and_rules() -> None:
    rng = random.Random(9704)
    alphabet = "政府信息公开年度报告" * 6 + "，。、；：？！（）《》“”—…" + "0123456789ab"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 200)))
        lines = lay(text)
        assert "".join(ln.text for ln in lines) == text
        for prev, ln in itertools.pairwise(lines):
            assert ln.x_end <= W + 1e-6
            # A violation is only allowed where the previous line had no legal break at all.
            if ln.text[0] in NO_LINE_START or prev.text[-1] in NO_LINE_END:
                assert all(c in NO_LINE_START or c in NO_LINE_END for c in prev.text[1:]), (
                    prev.text,
                    ln.text,
                )
