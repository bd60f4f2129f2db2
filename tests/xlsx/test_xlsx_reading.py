"""Reading our workbook back (`read_tables`): clerks fill the numbers in Excel or WPS, and the
input takes them from there. Every example round-trips; an edited cell is read as edited; a
cell that is not a number is an error naming its sheet and cell; a sheet whose rows moved is
refused, never read into the wrong rows."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from govreport.formats import get_format
from govreport.model import NA
from govreport.writers.xlsx.reading import read_tables
from tests.conftest import GOV_2019, GOV_2021, GOV_2021_CITY, LEGACY
from tests.support.outputs import FIXTURES, WITH_TABLES, case, open_workbook, xlsx_bytes

LEGACY_STATS = FIXTURES / "legacy-stats.yaml"


def written(tmp_path: Path, source: Path, edit=None) -> Path:
    """Our workbook of `source`, saved as a file after `edit(workbook)` — edited with openpyxl,
    which like many tools keeps the formulas but drops their cached values."""
    path = tmp_path / f"{source.stem}.xlsx"
    if edit is None:
        path.write_bytes(xlsx_bytes(source))
        return path
    wb = open_workbook(xlsx_bytes(source), data_only=False)
    edit(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def given(source: Path) -> dict[str, dict]:
    """The values the input file writes (computed totals left out), by table and path."""
    c = case(source)
    out = {key: {p: v.value for p, v in tv.values.items() if v.given}
           for key, tv in c.report.tables.items()}
    if c.report.stats is not None:
        out["stats"] = {f"rows.{i}.values.{j}": v.value
                        for i, row in enumerate(c.report.stats.rows)
                        for j, v in enumerate(getattr(row, "values", []))}
    return out


def messages(findings) -> list[str]:
    return [f.message for f in findings]


@pytest.mark.parametrize("source", WITH_TABLES, ids=[p.stem for p in WITH_TABLES])
def test_every_example_reads_back_as_its_input(tmp_path, source):
    values, findings = read_tables(written(tmp_path, source), case(source).report.format)
    assert findings == []
    expected = given(source)
    assert values == expected
    for key, table in expected.items():  # the same types and places, not just equal numbers
        assert {p: (type(v), str(v)) for p, v in values[key].items()} == \
            {p: (type(v), str(v)) for p, v in table.items()}


def test_an_amount_keeps_the_places_its_cell_shows(tmp_path):
    values, _ = read_tables(written(tmp_path, GOV_2021), get_format("gov-2021"))
    assert str(values["active"]["fees"]) == "1.2650"
    values, _ = read_tables(written(tmp_path, GOV_2021_CITY), get_format("gov-2021"))
    assert values["active"]["fees"] == Decimal("24252.311082")


def test_an_edited_number_is_read_as_edited(tmp_path):
    def edit(wb):
        wb["表三"]["D6"] = 17  # 一、本年新收 自然人
        wb["表二"]["B16"] = 2.5  # 收费金额, in a 0.0000 cell
    values, findings = read_tables(written(tmp_path, GOV_2021, edit), get_format("gov-2021"))
    assert findings == []
    assert values["apply"]["new.natural_person"] == 17
    assert str(values["active"]["fees"]) == "2.5000"
    assert "new.total" not in values["apply"]  # still its formula: computed, not read


def test_more_places_than_the_cell_shows_are_kept(tmp_path):
    values, _ = read_tables(written(tmp_path, GOV_2021, lambda wb: wb["表二"].__setitem__(
        "B16", 1.26504)), get_format("gov-2021"))
    assert str(values["active"]["fees"]) == "1.26504"


def test_a_text_cell_is_an_error_naming_sheet_and_cell(tmp_path):
    path = written(tmp_path, GOV_2021, lambda wb: wb["表三"].__setitem__("D7", "十二"))
    values, findings = read_tables(path, get_format("gov-2021"))
    (f,) = findings
    assert f.is_error and f.rule == "SCHEMA"
    assert f.message.startswith("表三!D7：")
    assert "“二、上年结转政府信息公开申请数量”的“自然人”" in f.message and "文字“十二”" in f.message
    assert (f.pos.file, f.pos.line, f.pos.column) == (str(path), 7, 4)
    assert "carried_over.natural_person" not in values["apply"]
    assert values["apply"]["carried_over.commercial"] == 0  # the rest is still read


def test_an_empty_cell_is_an_error_never_a_zero(tmp_path):
    path = written(tmp_path, GOV_2021, lambda wb: wb["表四"].__setitem__("B6", None))
    _, findings = read_tables(path, get_format("gov-2021"))
    assert messages(findings) == ["表四!B6：“行政复议”的“结果纠正”是空白；缺失的数字不会被当作 0，没有请填 0"]


def test_not_applicable_is_read_where_the_table_allows_it_only(tmp_path):
    def edit(wb):
        wb["表二"]["B6"] = "不适用"
        wb["表三"]["E6"] = "/"
    values, findings = read_tables(written(tmp_path, GOV_2021, edit), get_format("gov-2021"))
    assert values["active"]["normative_docs.issued"] is NA
    assert messages(findings) == [
        "表三!E6：“一、本年新收政府信息公开申请数量”的“法人或其他组织·商业企业”不能填“不适用”（/），请填写数字"]


def test_a_fraction_in_a_count_and_a_negative_count_are_errors(tmp_path):
    def edit(wb):
        wb["表三"]["D8"] = 2.5
        wb["表三"]["E8"] = -1
    _, findings = read_tables(written(tmp_path, GOV_2021, edit), get_format("gov-2021"))
    assert [m.split("：")[0] for m in messages(findings)] == ["表三!D8", "表三!E8"]
    assert "应为整数" in findings[0].message and "不能为负数" in findings[1].message


def test_a_number_stored_as_text_is_read_as_the_number(tmp_path):
    values, findings = read_tables(
        written(tmp_path, GOV_2021, lambda wb: wb["表三"].__setitem__("D6", " 16 ")),
        get_format("gov-2021"))
    assert findings == [] and values["apply"]["new.natural_person"] == 16


def test_a_total_typed_over_its_formula_is_returned_for_check_to_compare(tmp_path):
    values, findings = read_tables(
        written(tmp_path, GOV_2021, lambda wb: wb["表三"].__setitem__("J6", 19)),
        get_format("gov-2021"))
    assert findings == [] and values["apply"]["new.total"] == 19


def test_a_formula_in_an_input_cell_is_read_by_its_value(tmp_path):
    path = written(tmp_path, GOV_2021, lambda wb: wb["表三"].__setitem__("D6", "=10+5"))
    _, findings = read_tables(path, get_format("gov-2021"))
    assert messages(findings) == ["表三!D6：“一、本年新收政府信息公开申请数量”的“自然人”是公式，"
                                  "但工作簿中没有它的计算结果；请在 Excel 或 WPS 中打开并保存后再读取"]


def test_an_inserted_row_is_refused_not_read_into_the_wrong_rows(tmp_path):
    path = written(tmp_path, GOV_2021, lambda wb: wb["表三"].insert_rows(8))
    values, findings = read_tables(path, get_format("gov-2021"))
    assert "apply" not in values and set(values) == {"active", "remedy"}
    (f,) = findings
    assert f.message.startswith("表三!A8：应为“三、本年度办理结果”，这里是“”")
    assert "没有读取这张表" in f.message


def test_a_missing_sheet_is_named(tmp_path):
    path = written(tmp_path, GOV_2021, lambda wb: wb.remove(wb["表四"]))
    values, findings = read_tables(path, get_format("gov-2021"))
    assert set(values) == {"active", "apply"}
    assert messages(findings) == ["工作簿中没有工作表“表四”（政府信息公开行政复议、行政诉讼情况），"
                                  "没有读取这张表；工作簿中的工作表：表二、表三"]


def test_a_negative_change_of_gov_2019_reads_back_negative(tmp_path):
    path = written(tmp_path, GOV_2019, lambda wb: wb["表二"].__setitem__("D9", -3))
    values, findings = read_tables(path, get_format("gov-2019"))
    assert findings == [] and values["active"]["licensing.change"] == -3


def test_a_legacy_workbook_reads_its_rows_by_position(tmp_path):
    def edit(wb):
        wb["统计表"]["C5"] = 12
    path = written(tmp_path, LEGACY_STATS, edit)
    values, findings = read_tables(path, get_format("legacy"))
    assert findings == []
    expected = given(LEGACY_STATS)["stats"]
    assert set(values["stats"]) == set(expected)
    changed = {p for p in expected if values["stats"][p] != expected[p]}
    assert changed == {"rows.1.values.0"}


def test_a_legacy_report_without_statistics_has_no_tables(tmp_path):
    values, findings = read_tables(written(tmp_path, LEGACY), get_format("legacy"))
    assert (values, findings) == ({}, [])


def test_a_file_that_is_not_a_workbook_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "2024.xlsx"
    path.write_bytes(b"not a zip file at all")
    values, findings = read_tables(path, get_format("gov-2021"))
    assert values == {}
    assert messages(findings) == ["不是有效的 XLSX 工作簿，请用 govreport build --to xlsx 生成的工作簿"]
    missing = read_tables(tmp_path / "none.xlsx", get_format("gov-2021"))[1]
    assert missing[0].message.startswith("无法打开")
