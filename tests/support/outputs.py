"""Every example (and the legacy statistics fixtures) laid out and rendered once per session,
and the table grids of each output read back independently of its writer: the DOCX with lxml
(`tests.docx.ooxml`), the HTML with lxml.html, the XLSX with openpyxl."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from govreport.api import load
from govreport.layout.build import build_document
from govreport.layout.document import Document
from govreport.model import Report
from tests.conftest import EXAMPLES, REPO
from tests.docx.ooxml import Package, docx_grid, statistics_tables

FIXTURES = REPO / "tests" / "docx" / "data"
CASES = [*sorted(EXAMPLES.glob("*.yaml")), *sorted((EXAMPLES / "series").glob("*.yaml")),
         FIXTURES / "legacy-stats.yaml", FIXTURES / "legacy-stats-attachment.yaml"]
CASE_IDS = [p.stem for p in CASES]
WITH_TABLES = [p for p in CASES if p.stem != "quanyang-2018"]

Grid = dict[tuple[int, int], tuple[str, int, int]]
"""(row, col) of a cell's top-left slot → (text, rowspan, colspan)."""


@dataclass(frozen=True)
class Case:
    path: Path
    report: Report
    document: Document


@functools.cache
def case(path: Path) -> Case:
    report = load(path)
    return Case(path, report, build_document(report))


@functools.cache
def docx_grids(path: Path) -> list[Grid]:
    from govreport.writers.docx.writer import render_docx

    body = Package(render_docx(case(path).document)).body
    return [{pos: (c.text, c.rowspan, c.colspan) for pos, c in docx_grid(tbl).items()}
            for tbl in statistics_tables(body)]


@functools.cache
def html_page(path: Path) -> bytes:
    from govreport.writers.html import HtmlWriter

    return HtmlWriter().render(case(path).document)


@functools.cache
def xlsx_bytes(path: Path) -> bytes:
    from govreport.writers.xlsx import XlsxWriter

    return XlsxWriter().render(case(path).document)


def html_grid(table) -> Grid:
    """A `<table>` element's cells on the HTML table grid (rowspan/colspan), as browsers
    place them."""
    occupied: set[tuple[int, int]] = set()
    grid: Grid = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            rowspan, colspan = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            occupied |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            grid[(r, c)] = (cell.text_content(), rowspan, colspan)
            c += colspan
    return grid


def displayed(value, number_format: str) -> str:
    """A cell value as Excel shows it under its number format (the formats we write)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if "." in number_format:
        places = len(number_format.split(".", 1)[1].rstrip(";"))
        return format(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places)), "f")
    return str(int(value))


def open_workbook(data: bytes, *, data_only: bool = True):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)


def xlsx_grid(ws, top: int, n_rows: int, n_cols: int) -> Grid:
    """The cells of a sheet's block of `n_rows` × `n_cols` from row `top` (0-based), merges
    resolved, values as shown."""
    merged = {}
    covered = set()
    for rng in ws.merged_cells.ranges:
        r0, c0 = rng.min_row - 1 - top, rng.min_col - 1
        merged[(r0, c0)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered |= {(r0 + i, c0 + j) for i in range(merged[(r0, c0)][0])
                    for j in range(merged[(r0, c0)][1])} - {(r0, c0)}
    grid: Grid = {}
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            cell = ws.cell(top + r + 1, c + 1)
            rowspan, colspan = merged.get((r, c), (1, 1))
            grid[(r, c)] = (displayed(cell.value, cell.number_format), rowspan, colspan)
    return grid
