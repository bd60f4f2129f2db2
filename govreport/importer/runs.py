"""Run-in leads and headings from character styles: what DOCX and HTML runs have in common.

A run is a stretch of text in one look (character style, bold, font). The paragraph's own
text is in the look of its last run with words; a prefix in other looks that holds words is
a run-in lead (（一）存在的主要问题。 in 楷体, then the text); a paragraph whose words are all
bold is a heading set by direct formatting.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Look:
    """What makes a run look different from its neighbours."""

    style: Hashable | None
    bold: bool
    font: str | None


@dataclass
class Run:
    text: str
    look: Look
    size: float | None = None


def has_words(text: str) -> bool:
    return _IDEOGRAPH.search(text) is not None


def lead_end(runs: Sequence[Run]) -> int | None:
    """Where the runs in another look than the paragraph's own text end, when that prefix
    holds words and text follows it. Digits right after the lead in a Latin font (2023年…,
    where Word sets 2023 in Times New Roman) belong to the text, not the lead."""
    body = next((r.look for r in reversed(runs) if has_words(r.text)), None)
    if body is None:
        return None
    prefix: list[Run] = []
    for r in runs:
        if r.look == body:
            break
        prefix.append(r)
    worded = [r for r in prefix if has_words(r.text)]
    if not worded:
        return None
    while prefix and not has_words(prefix[-1].text) and prefix[-1].look != worded[-1].look:
        prefix.pop()
    end = sum(len(r.text) for r in prefix)
    total = sum(len(r.text) for r in runs)
    return end if 0 < end < total else None


def emphasized(runs: Sequence[Run]) -> bool:
    """Whether every run with words is bold: a heading set by direct formatting."""
    worded = [r for r in runs if has_words(r.text)]
    return bool(worded) and all(r.look.bold for r in worded)


def split_lines(runs: Sequence[Run]) -> list[list[Run]]:
    """Runs cut at line breaks ("\\n"): a line break inside a paragraph separates lines that
    print as lines (title lines, a heading and its text typed with Shift+Enter)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        for i, piece in enumerate(run.text.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, run.look, run.size))
    return lines
