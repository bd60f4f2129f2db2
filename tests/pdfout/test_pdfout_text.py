"""The PDF says everything the report says, in order: extracted text against the layout."""

from __future__ import annotations

import re

import pytest

from govreport.layout.document import Document, Paragraph, Signoff, Table
from tests.pdfout.conftest import CASES

WITH_TABLES = ["yunling", "qingxi", "long-stats"]  # quanyang-2018 has no statistics table


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pieces(document: Document) -> list[tuple[str, str]]:
    """(kind, text) of every paragraph, sign-off line and table cell, in reading order."""
    out: list[tuple[str, str]] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.append((block.style, squeeze(block.text)))
        elif isinstance(block, Signoff):
            out += [("signoff", block.organ.text), ("date", block.date.text)]
        elif isinstance(block, Table):
            for cell in sorted(block.cells, key=lambda c: (c.row, c.col)):
                if cell.text:
                    out.append((f"cell:{cell.role}", squeeze(cell.text)))
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_every_heading_paragraph_and_table_value_is_in_the_text_in_order(case, built):
    b = built(case)
    text = b.pdf.text
    at = 0
    for kind, piece in pieces(b.layout):
        found = text.find(piece, at)
        assert found >= 0, f"{kind} {piece!r} not found after offset {at}: …{text[at:at + 60]}…"
        at = found + len(piece)


@pytest.mark.parametrize("case", list(CASES))
def test_the_text_holds_nothing_but_the_report(case, built):
    """Nothing is printed twice or added, except the header rows a split table repeats."""
    b = built(case)
    expected = len("".join(piece for _, piece in pieces(b.layout)))
    for table in b.layout.tables():
        header = "".join(squeeze(c.text) for c in sorted(table.cells, key=lambda c: (c.row, c.col))
                         if c.row < table.header_rows)
        repeats = sum(b.pdf.page_text(p).startswith(header) for p in range(b.pdf.page_count))
        expected += repeats * len(header)
    assert len(b.pdf.text) == expected


@pytest.mark.parametrize("case", WITH_TABLES)
def test_every_table_number_is_printed_in_a_cell_of_its_own(case, built):
    b = built(case)
    numbers = [c.text for t in b.layout.tables() for c in t.cells
               if c.role in ("input", "computed") and c.text]
    assert len(numbers) > 20
    cell_texts = [ln.text for ln in b.pdf.text_lines() if ln.size < 16]
    for number in set(numbers):
        assert cell_texts.count(number) >= numbers.count(number), number
