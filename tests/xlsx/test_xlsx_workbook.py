"""`--to xlsx`: the statistics tables as a workbook for 统计报送 — one sheet per table in the
official layout, numbers as numbers, totals as live =SUM formulas with their values cached,
table 3's 勾稽关系 as a check row — read back with openpyxl, as Excel or WPS would open it."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile

import pytest

import govreport
from govreport.layout.build import build_document
from govreport.writers.xlsx import XlsxWriter
from govreport.writers.xlsx.placement import GRID_TOP
from tests.conftest import GOV_2019, GOV_2021, GOV_2021_CITY, LEGACY, REPO
from tests.support.outputs import (
    FIXTURES,
    WITH_TABLES,
    case,
    docx_grids,
    open_workbook,
    xlsx_bytes,
    xlsx_grid,
)

LEGACY_STATS = FIXTURES / "legacy-stats.yaml"


def workbook(path, *, data_only=True):
    return open_workbook(xlsx_bytes(path), data_only=data_only)


def render(path) -> bytes:
    return XlsxWriter().render(build_document(govreport.load(path)))


# --- sheets and grids ----------------------------------------------------------------------

def test_one_sheet_per_table_named_by_its_short_title():
    assert workbook(GOV_2021).sheetnames == ["表二", "表三", "表四"]
    assert workbook(GOV_2019).sheetnames == ["表二", "表三", "表四"]
    assert workbook(LEGACY_STATS).sheetnames == ["统计表"]


def test_a_report_without_tables_gets_a_sheet_that_says_so():
    wb = workbook(LEGACY)
    assert wb.sheetnames == ["说明"]
    assert wb["说明"]["B1"].value is None
    assert [wb["说明"]["A1"].value, wb["说明"]["A2"].value] == [
        "泉阳镇人民政府2018年政府信息公开年度报告", "本报告没有统计表。"]


def test_each_sheet_is_titled_by_its_table_and_its_report():
    ws = workbook(GOV_2021)["表三"]
    assert ws["A1"].value == "收到和处理政府信息公开申请情况"
    assert ws["A2"].value == "青溪县云岭镇人民政府2024年政府信息公开工作年度报告"
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:J1", "A2:J2"}


@pytest.mark.parametrize("path", WITH_TABLES, ids=[p.stem for p in WITH_TABLES])
def test_every_sheet_is_the_docx_table_cell_for_cell(path):
    wb = workbook(path)
    tables = case(path).document.tables()
    expected = docx_grids(path)
    assert len(wb.sheetnames) == len(tables) == len(expected)
    for ws, table, grid in zip(wb.worksheets, tables, expected, strict=True):
        assert xlsx_grid(ws, GRID_TOP, table.n_rows, table.n_cols) == grid, ws.title


# --- numbers -------------------------------------------------------------------------------

def test_numbers_are_numbers_and_not_applicable_is_a_slash():
    ws = workbook(GOV_2021, data_only=False)["表二"]
    rules, docs = ws["B5"], ws["B6"]  # 规章 不适用; 行政规范性文件 本年制发 3
    assert (rules.value, rules.data_type) == ("/", "s")
    assert (docs.value, docs.data_type, docs.number_format) == (3, "n", "0")


def test_an_amount_is_a_number_shown_with_the_places_the_clerk_wrote():
    fee = workbook(GOV_2021, data_only=False)["表二"]["B16"]
    assert (fee.value, fee.data_type, fee.number_format) == (1.265, "n", "0.0000")
    city = workbook(GOV_2021_CITY, data_only=False)["表二"]["B16"]
    assert (city.value, city.number_format) == (24252.311082, "0.000000")


def test_an_amount_a_double_cannot_hold_is_kept_exact_as_text(variant):
    v = variant(GOV_2021, ("fees: 1.2650", "fees: 123456789012.123456"))
    fee = open_workbook(render(v.path), data_only=False)["表二"]["B16"]
    assert (fee.value, fee.data_type, fee.number_format) == ("123456789012.123456", "s", "@")


def test_a_negative_change_of_gov_2019_is_a_negative_number():
    ws = workbook(GOV_2019, data_only=False)["表二"]
    values = [ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in (4,)]
    assert any(isinstance(v, int) and v < 0 for v in values)


# --- formulas ------------------------------------------------------------------------------

def test_row_totals_are_sums_of_their_columns_with_the_value_cached():
    formulas, values = workbook(GOV_2021, data_only=False)["表三"], workbook(GOV_2021)["表三"]
    assert formulas["J6"].value == "=SUM(D6:I6)"  # 一、本年新收 总计
    assert values["J6"].value == 18
    remedy = workbook(GOV_2021, data_only=False)["表四"]
    assert [remedy[c].value for c in ("E6", "J6", "O6")] == [
        "=SUM(A6:D6)", "=SUM(F6:I6)", "=SUM(K6:N6)"]


def test_the_seventh_total_row_sums_every_result_row():
    formulas, values = workbook(GOV_2021, data_only=False)["表三"], workbook(GOV_2021)["表三"]
    assert formulas["A29"].value is None and formulas["B29"].value == "（七）总计"
    assert formulas["D29"].value == "=SUM(D8:D28)"
    assert formulas["J29"].value == "=SUM(D29:I29)"
    report = case(GOV_2021).report.tables["apply"]
    assert values["D29"].value == report.number("total.natural_person")
    assert values["J29"].value == report.number("total.total")


def test_gov_2019_has_one_other_row_and_its_total_sums_to_it():
    formulas = workbook(GOV_2019, data_only=False)["表三"]
    assert formulas["B27"].value == "（七）总计"
    assert formulas["D27"].value == "=SUM(D8:D26)"


def test_the_balance_of_table3_is_a_check_row_under_the_table():
    formulas, values = workbook(GOV_2021, data_only=False)["表三"], workbook(GOV_2021)["表三"]
    assert formulas["A31"].value == "勾稽关系核对（一+二=（七）总计+四）"
    assert "A31:C31" in {str(r) for r in formulas.merged_cells.ranges}
    assert formulas["D31"].value == '=IF(SUM(D6:D7)=SUM(D29:D30),"相符","不符")'
    assert formulas["J31"].value == '=IF(SUM(J6:J7)=SUM(J29:J30),"相符","不符")'
    assert [values.cell(31, c).value for c in range(4, 11)] == ["相符"] * 7


def test_an_unbalanced_column_is_shown_in_red():
    ws = workbook(GOV_2021, data_only=False)["表三"]
    (rules,) = [r for rng in ws.conditional_formatting for r in rng.rules]
    (ranges,) = [str(rng.sqref) for rng in ws.conditional_formatting]
    assert ranges == "D31:J31"
    assert (rules.operator, rules.formula) == ("equal", ['"不符"'])
    assert rules.dxf.font.color.rgb.endswith("C00000")


def test_tables_without_a_stated_balance_have_no_check_row():
    wb = workbook(GOV_2021, data_only=False)
    assert wb["表四"].max_row == GRID_TOP + 4 and wb["表二"].max_row == GRID_TOP + 14


# --- look and print ------------------------------------------------------------------------

def test_fonts_are_named_officially():
    ws = workbook(GOV_2021, data_only=False)["表三"]
    assert ws["D3"].font.name == "黑体"  # 申请人情况, a header
    assert ws["A6"].font.name == "仿宋_GB2312"  # a row label
    assert ws["D6"].font.name == "仿宋_GB2312"
    assert ws["A2"].font.name == ws["A31"].font.name == "宋体"
    assert ws["D6"].font.sz == 10.5


def test_cells_have_borders_and_labels_wrap_while_numbers_shrink():
    ws = workbook(GOV_2021, data_only=False)["表三"]
    label, number = ws["B9"], ws["D9"]
    assert label.border.left.style == "thin" and number.border.bottom.style == "thin"
    assert label.alignment.wrap_text and label.alignment.horizontal == "left"
    assert number.alignment.shrink_to_fit and number.alignment.horizontal == "center"


def test_column_widths_are_the_layouts_millimetres():
    ws = workbook(GOV_2021, data_only=False)["表三"]
    widths_mm = case(GOV_2021).document.tables()[1].widths_mm
    width_of = {i: d.width for d in ws.column_dimensions.values()  # a <col> covers min..max
                for i in range(d.min - 1, d.max)}
    for i, mm in enumerate(widths_mm):
        width = width_of[i]
        pixels = round(width * 7)  # 7 px: a digit of the default font, Excel's width unit
        assert pixels == pytest.approx(mm * 96 / 25.4, abs=0.5), i


def test_a_row_holds_its_wrapped_label():
    ws = workbook(GOV_2021, data_only=False)["表三"]
    one_line, two_lines = ws.row_dimensions[8].height, ws.row_dimensions[9].height
    assert two_lines > one_line * 1.5  # （二）部分公开（区分处理的……）wraps in 70 mm


def test_print_setup_is_a4_one_page_wide_with_the_header_rows_repeated():
    ws = workbook(GOV_2021, data_only=False)["表三"]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1: default
    assert ws.print_title_rows == "$3:$5"
    assert ws.print_area == "'表三'!$A$1:$J$31"
    assert ws.page_margins.left == pytest.approx(28 / 25.4)
    assert ws.page_margins.top == pytest.approx(37 / 25.4)
    assert ws.oddFooter.center.text == "— &P —"


# --- bytes ---------------------------------------------------------------------------------

def test_the_same_document_gives_the_same_bytes():
    assert render(GOV_2021_CITY) == xlsx_bytes(GOV_2021_CITY)


def test_properties_and_dates_come_from_the_report():
    data = xlsx_bytes(GOV_2021_CITY)
    props = open_workbook(data).properties
    assert props.title == "澜州市人民政府2024年政府信息公开工作年度报告"
    assert props.creator == "澜州市人民政府办公室"
    assert props.created == props.modified == dt.datetime(2025, 3, 20, 4, 0)  # noon in Beijing
    stamps = {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_check_does_not_load_the_spreadsheet_libraries():
    code = ("import sys, govreport; govreport.check_file(sys.argv[1], outputs=('xlsx', 'html')); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('xlsxwriter', 'openpyxl')))")
    done = subprocess.run([sys.executable, "-c", code, str(GOV_2021)], cwd=REPO,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_build_writes_the_workbook(tmp_path):
    (result,) = govreport.build([GOV_2021], tmp_path, outputs=("xlsx",), jobs=1)
    assert result.ok
    assert (tmp_path / "yunling-2024.xlsx").read_bytes() == xlsx_bytes(GOV_2021)
