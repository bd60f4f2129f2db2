"""Tables: a long statistics table splits only between rows and repeats its header, rows are
as tall as the DOCX's. (Where the official tables may split: tests/pdfout/test_pdfout_splits.py.)"""

from __future__ import annotations

import itertools
import re

import pytest

from govreport.layout.document import Table
from tests.pdfout.reading import MM, TABLE_PT, TEXT_BOTTOM_MM, TEXT_LEFT_MM, Line, Pdf, mm

DOCX_ROW_PT = 13.5 + 0.5  # the DOCX's exact 13.5 pt cell line plus the 0.5 pt rule


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def table_lines(pdf: Pdf) -> list[Line]:
    return pdf.text_lines(TABLE_PT)


@pytest.fixture(scope="module")
def stats(built) -> tuple[Pdf, Table]:
    b = built("long-stats")
    (table,) = b.layout.tables()
    return b.pdf, table


def label_column(pdf: Pdf, table: Table) -> dict[int, str]:
    """page → text of the table's first column there (lines wholly inside that column)."""
    left = TEXT_LEFT_MM * MM
    right = left + table.widths_mm[0] * MM
    out: dict[int, str] = {}
    for ln in table_lines(pdf):
        if ln.glyphs[0].x0 >= left and ln.glyphs[-1].x1 <= right:
            out[ln.page] = out.get(ln.page, "") + ln.text
    return out


def test_the_long_statistics_table_runs_over_two_pages(stats):
    pdf, table = stats
    assert table.n_rows >= 60 and not all(table.keep_with_next)
    assert len(label_column(pdf, table)) == 2


def test_the_header_row_is_repeated_at_the_top_of_each_page(stats, postscript_names):
    pdf, table = stats
    header = [c.text for c in sorted(table.cells, key=lambda c: c.col) if c.row == 0]
    for page in label_column(pdf, table):
        top = [ln for ln in table_lines(pdf) if ln.page == page]
        first_row = [ln for ln in top if ln.baseline == top[0].baseline]
        assert [ln.text for ln in first_row] == header
        assert all(ln.fonts == {postscript_names["heading1"]} for ln in first_row)


def test_the_table_splits_between_rows_and_keeps_every_row_whole(stats):
    pdf, table = stats
    labels = [squeeze(c.text) for c in sorted(table.cells, key=lambda c: c.row)
              if c.col == 0 and c.role == "label"]
    pages = label_column(pdf, table)
    assert all(text.startswith("指标") for text in pages.values())
    chunks = [text.removeprefix("指标") for text in pages.values()]
    assert "".join(chunks) == "".join(labels)
    boundaries = set(itertools.accumulate(len(label) for label in labels))
    assert len(chunks[0]) in boundaries  # the page ends after a whole label: a row boundary
    long = max(labels, key=len)
    assert sum(long in chunk for chunk in chunks) == 1  # its lines stay on one page


def test_the_first_page_of_the_table_is_filled_before_it_splits(stats):
    pdf, table = stats
    first_page = min(label_column(pdf, table))
    bottom = max(ln.top_mm for ln in table_lines(pdf) if ln.page == first_page)
    assert TEXT_BOTTOM_MM - mm(2 * DOCX_ROW_PT) < bottom < TEXT_BOTTOM_MM


def test_table_rows_are_as_tall_as_the_docx_rows(stats):
    """One 13.5 pt line and the 0.5 pt rule per row, as LibreOffice sets the DOCX's rows, so
    the two formats break their tables at the same rows."""
    pdf, table = stats
    col = label_column(pdf, table)
    page = min(col)
    rows = sorted({round(ln.baseline, 2) for ln in table_lines(pdf) if ln.page == page},
                  reverse=True)
    steps = [round(a - b, 2) for a, b in itertools.pairwise(rows)]
    single = [s for s in steps if s < 1.5 * DOCX_ROW_PT]
    assert len(single) > 20
    assert all(s == pytest.approx(DOCX_ROW_PT, abs=0.01) for s in single), set(single)
