"""`aggregate --overview FILE.csv|FILE.xlsx`: the sheet a compiling office circulates."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from xml.etree import ElementTree

import pytest

from tests.aggregate.county import NA
from tests.conftest import EXAMPLES

ORGAN = "青溪县人民政府"
FIGURES = ["本年新收", "（七）总计", "结转下年度", "复议总计", "诉讼总计", "行政许可", "行政处罚",
           "行政强制", "现行有效规范性文件"]


def read_csv(path):
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def sheet_rows(path):
    """The first worksheet's rows, read from the XLSX package's XML (numbers as floats)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        strings = [si.findtext("m:t", "", ns) for si in
                   ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.find("m:sheetData", ns).findall("m:row", ns):
        cells = {}
        for c in row.findall("m:c", ns):
            column = re.match(r"[A-Z]+", c.get("r"))[0]
            value = c.findtext("m:v", None, ns)
            cells[column] = strings[int(value)] if c.get("t") == "s" else float(value)
        width = max(_index(k) for k in cells) + 1
        rows.append([cells.get(_letter(i), "") for i in range(width)])
    return rows


def _index(letters):
    return sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letters))) - 1


def _letter(i):
    return chr(65 + i) if i < 26 else chr(64 + i // 26) + chr(65 + i % 26)


def new_total(unit):
    return sum(unit.tables["apply"]["new"])


@pytest.fixture
def broken_county(county):
    """The county with 审计局's table 3 unbalanced and a registry that also lists 青溪县档案馆."""
    audit = county.unit("审计局")
    audit.path.write_text(audit.path.read_text(encoding="utf-8").replace("new: [", "new: [1", 1),
                          encoding="utf-8")
    registry = county.folder.parent / "名单.yaml"
    registry.write_text("units:\n" + "".join(f"  - {u.organ}\n" for u in county.units)
                        + "  - 青溪县档案馆\n", encoding="utf-8")
    return county, registry


def test_the_csv_has_a_row_per_unit_then_the_missing_then_the_total(cli, broken_county, tmp_path):
    county, registry = broken_county
    sheet = tmp_path / "概况.csv"
    run = cli("aggregate", county.folder, "--units", registry, "--overview", sheet)
    assert run.code == 1 and f"概况表已写入 {sheet}。" in run.out
    rows = read_csv(sheet)
    assert rows[0] == ["单位", "文件", "状态", "错误", "警告", *FIGURES]
    assert len(rows) == 1 + 40 + 1 + 1
    assert {r[0] for r in rows[1:41]} == {u.organ for u in county.units}
    assert rows[41][:3] == ["青溪县档案馆", "", "未报送"] and rows[41][3:] == [""] * 11
    audit = next(r for r in rows if r[0] == "青溪县审计局")
    assert audit[2:5] == ["有错误，未计入", "1", "0"]


def test_the_total_row_adds_the_summed_units_only(cli, broken_county, tmp_path):
    county, registry = broken_county
    sheet = tmp_path / "概况.csv"
    cli("aggregate", county.folder, "--units", registry, "--overview", sheet)
    total = read_csv(sheet)[-1]
    summed = [u for u in county.units if u.organ != "青溪县审计局"]
    assert total[0] == "合计（39 个单位）"
    assert int(total[5]) == sum(new_total(u) for u in summed)
    licensing = [u.tables["active"]["licensing"] for u in summed]
    assert int(total[10]) == sum(v for v in licensing if v != NA)


def test_not_applicable_is_spelled_out(cli, county, tmp_path):
    sheet = tmp_path / "概况.csv"
    cli("aggregate", county.folder, "--overview", sheet)
    office = next(r for r in read_csv(sheet) if r[0] == "青溪县人民政府办公室")
    assert office[10] == NA  # no licensing power


def test_the_xlsx_holds_the_same_rows_with_numbers_as_numbers(cli, broken_county, tmp_path):
    county, registry = broken_county
    sheet = tmp_path / "概况.xlsx"
    assert cli("aggregate", county.folder, "--units", registry, "--overview", sheet).code == 1
    rows = sheet_rows(sheet)
    assert rows[0] == ["单位", "文件", "状态", "错误", "警告", *FIGURES]
    yunling = next(r for r in rows if r[0] == "青溪县云岭镇人民政府")
    assert yunling[2] == "已汇总" and yunling[5] == float(new_total(county.unit("云岭镇")))
    assert rows[-1][0] == "合计（39 个单位）" and isinstance(rows[-1][5], float)
    with zipfile.ZipFile(sheet) as z:
        assert "2024年度各单位情况" in z.read("xl/workbook.xml").decode("utf-8")


def test_last_years_figures_and_a_jump_are_shown(cli, tmp_path):
    series = tmp_path / "series"
    shutil.copytree(EXAMPLES / "series", series)
    this_year = series / "qingxi-hrss-2022.yaml"
    this_year.write_text(this_year.read_text(encoding="utf-8").replace("penalty: 12", "penalty: 60"),
                         encoding="utf-8")
    sheet = tmp_path / "概况.csv"
    assert cli("aggregate", this_year, "--overview", sheet).code == 0
    header, row = read_csv(sheet)[:2]
    assert header[-10:] == [f"上年{f}" for f in FIGURES] + ["大幅变化"]
    assert row[header.index("上年本年新收")] == "39"  # 2021: [31, 6, 0, 1, 1, 0]
    assert row[header.index("上年行政处罚")] == "9"
    assert row[-1] == "行政处罚大幅增加（×6.7）"


def test_an_overview_of_another_kind_is_a_usage_error(cli, county, tmp_path):
    run = cli("aggregate", county.folder, "--overview", tmp_path / "概况.ods")
    assert run.code == 2 and "应为 .csv 或 .xlsx" in run.err
