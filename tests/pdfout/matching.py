"""Pairing the layout's paragraphs with the PDF lines they were set in."""

from __future__ import annotations

import re

from govreport.layout.document import Paragraph, Run, Signoff
from govreport.layout.style import PARAGRAPH_STYLES
from tests.pdfout.reading import BODY_PT, Line


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def paragraphs_with_lines(built) -> list[tuple[str, list[Run], list[Line]]]:
    """(style, runs, lines) of each 3号 paragraph, sign-off line and date, in order."""
    lines = iter(built.pdf.text_lines(BODY_PT))
    out = []
    for block in built.layout.blocks:
        if isinstance(block, Signoff):
            out.append(("signoff", [block.organ], [next(lines)]))
            out.append(("date", [block.date], [next(lines)]))
            continue
        if not (isinstance(block, Paragraph) and PARAGRAPH_STYLES[block.style].size_pt == BODY_PT):
            continue
        want = squeeze(block.text)
        got: list[Line] = []
        while squeeze("".join(ln.text for ln in got)) != want:
            got.append(next(lines))
            assert len(squeeze("".join(ln.text for ln in got))) <= len(want), (want, got[-1].text)
        out.append((block.style, block.runs, got))
    assert next(lines, None) is None, "every 3号 line belongs to a paragraph"
    return out
