"""Speed: a 50,000-character paragraph must break in well under 0.2 s."""

from __future__ import annotations

import time

from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.linebreak import break_lines
from govreport.writers.pdf.styles import CELL_PITCH, TEXT_WIDTH, FontSpec, body_style


def fifty_thousand(sample_text: str) -> str:
    text = "".join(ln.strip() for ln in sample_text.splitlines())
    return (text * (50_000 // len(text) + 1))[:50_000]


def best_of(runs: int, fn: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def test_line_breaking_50k_characters_is_fast(sample_text: str) -> None:
    text = fifty_thousand(sample_text)

    def run() -> None:
        break_lines(
            [(text, "b")],
            TEXT_WIDTH,
            measure=lambda t, s: 8.0 * len(t),
            cell=CELL_PITCH,
            first_indent=2 * CELL_PITCH,
        )

    assert best_of(3, run) < 0.2


def test_wrapping_a_50k_character_paragraph_is_fast(
    sample_text: str, fonts: dict[str, FontSpec]
) -> None:
    text = fifty_thousand(sample_text)
    assert best_of(3, lambda: GridParagraph(text, body_style(fonts)).wrap(TEXT_WIDTH, 1e9)) < 0.2
