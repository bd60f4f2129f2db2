"""The workbook in LibreOffice Calc, every formula recalculated by Calc itself (the cached
results made wrong first): the totals and the check row are the report's; and when a clerk
changes a number, the totals follow and the check row says 不符."""

from __future__ import annotations

import io

import pytest

from govreport.writers.xlsx.placement import GRID_TOP
from tests.conftest import GOV_2021
from tests.support.outputs import WITH_TABLES, case, open_workbook, xlsx_bytes
from tests.support.rendering import require_tools
from tests.support.spreadsheet import recalculated_sheets, stale_cached_values

pytestmark = pytest.mark.render


def cell(sheet: list[list[str]], row: int, col: int) -> str:
    line = sheet[row] if row < len(sheet) else []
    return line[col] if col < len(line) else ""


@pytest.mark.parametrize("source", WITH_TABLES, ids=[p.stem for p in WITH_TABLES])
def test_libreoffice_recalculates_the_reports_totals(source):
    require_tools("soffice")
    document = case(source).document
    data = stale_cached_values(xlsx_bytes(source))
    names = open_workbook(data).sheetnames
    sheets = recalculated_sheets(data, names)
    for name, table in zip(names, document.tables(), strict=True):
        shown = sheets[name]
        for c in table.cells:  # every cell, the recalculated totals among them
            assert cell(shown, GRID_TOP + c.row, c.col) == c.text, (name, c.path or c.text)
        if table.balances:
            check_row = GRID_TOP + table.n_rows
            assert {cell(shown, check_row, col) for col in range(3, table.n_cols)} == {"相符"}


def test_a_changed_number_changes_its_totals_and_breaks_the_balance():
    require_tools("soffice")
    wb = open_workbook(xlsx_bytes(GOV_2021), data_only=False)
    wb["表三"]["D6"] = 20  # 一、本年新收 自然人: 15 → 20
    buffer = io.BytesIO()
    wb.save(buffer)
    shown = recalculated_sheets(buffer.getvalue(), ["表三"])["表三"]
    assert cell(shown, 5, 9) == "23"  # its row's 总计: 18 + 5
    assert cell(shown, 30, 3) == "不符" and cell(shown, 30, 9) == "不符"
    assert {cell(shown, 30, col) for col in range(4, 9)} == {"相符"}
