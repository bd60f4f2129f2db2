"""The format definitions in templates/: labels verbatim from the official formats, merges, rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from govreport.formats import MatrixTable, RecordTable, format_ids, get_format
from tests.conftest import REPO

TABLE3_ROW_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def cell_at(grid, row, col):
    return next(c for c in grid.cells if c.row == row and c.col == col)


def texts(grid):
    return [c.text for c in grid.cells if c.text]


def test_formats_are_listed_current_first():
    assert format_ids() == ("gov-2021", "gov-2019", "legacy")


def test_section_headings_are_the_official_six():
    for fid in ("gov-2021", "gov-2019"):
        headings = [s.heading for s in get_format(fid).sections]
        assert headings == ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]


def test_table3_grid_2021_has_28_rows_10_columns_and_every_label_in_order():
    grid = get_format("gov-2021").tables["apply"].grid
    assert (grid.n_rows, grid.n_cols, grid.header_rows) == (28, 10, 3)
    labels = [c.text for c in sorted(grid.cells, key=lambda c: (c.row, c.col)) if c.role == "label"]
    assert labels == TABLE3_ROW_LABELS


def test_table3_header_merges_match_the_format():
    grid = get_format("gov-2021").tables["apply"].grid
    note = cell_at(grid, 0, 0)
    assert (note.text, note.rowspan, note.colspan, note.role) == (NOTE, 3, 3, "note")
    assert (cell_at(grid, 0, 3).text, cell_at(grid, 0, 3).colspan) == ("申请人情况", 7)
    assert (cell_at(grid, 1, 3).text, cell_at(grid, 1, 3).rowspan) == ("自然人", 2)
    assert (cell_at(grid, 1, 4).text, cell_at(grid, 1, 4).colspan) == ("法人或其他组织", 5)
    assert (cell_at(grid, 1, 9).text, cell_at(grid, 1, 9).rowspan) == ("总计", 2)
    assert [cell_at(grid, 2, c).text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_table3_body_group_labels_span_their_rows():
    grid = get_format("gov-2021").tables["apply"].grid
    spans = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in grid.cells if c.role == "group"}
    assert spans == {
        "三、本年度办理结果": (5, 0, 22, 1),
        "（三）不予公开": (7, 1, 8, 1),
        "（四）无法提供": (15, 1, 3, 1),
        "（五）不予处理": (18, 1, 5, 1),
        "（六）其他处理": (23, 1, 3, 1),
    }
    assert (cell_at(grid, 26, 1).text, cell_at(grid, 26, 1).colspan) == ("（七）总计", 2)


def test_table3_value_cells_are_inputs_except_the_totals():
    grid = get_format("gov-2021").tables["apply"].grid
    row = [cell_at(grid, 3, c) for c in range(3, 10)]
    assert [c.value for c in row] == ["new.natural_person", "new.commercial", "new.research",
                                      "new.public_welfare", "new.legal_service", "new.other_org", "new.total"]
    assert [c.role for c in row] == ["input"] * 6 + ["computed"]
    assert {c.role for c in grid.cells if c.value and c.value.startswith("total.")} == {"computed"}


def test_table3_2019_has_a_single_other_row_and_26_rows():
    grid = get_format("gov-2019").tables["apply"].grid
    assert grid.n_rows == 26
    assert cell_at(grid, 5, 0).rowspan == 20
    other = next(c for c in grid.cells if c.text == "（六）其他处理")
    assert (other.colspan, other.role) == (2, "label")


def test_table4_has_the_three_level_header():
    grid = get_format("gov-2021").tables["remedy"].grid
    assert (grid.n_rows, grid.n_cols) == (4, 15)
    assert (cell_at(grid, 0, 0).text, cell_at(grid, 0, 0).colspan) == ("行政复议", 5)
    assert (cell_at(grid, 0, 5).text, cell_at(grid, 0, 5).colspan) == ("行政诉讼", 10)
    assert [cell_at(grid, 1, c).text for c in range(5)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert all(cell_at(grid, 1, c).rowspan == 2 for c in range(5))
    assert (cell_at(grid, 1, 5).text, cell_at(grid, 1, 10).text) == ("未经复议直接起诉", "复议后起诉")
    assert [cell_at(grid, 2, c).text for c in range(5, 15)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    assert [cell_at(grid, 3, c).value for c in (0, 4, 5, 14)] == [
        "review.upheld", "review.total", "suit_direct.upheld", "suit_after_review.total"]


def test_table2_2021_blocks_and_labels():
    table = get_format("gov-2021").tables["active"]
    assert isinstance(table, RecordTable)
    assert [t for t in texts(table.grid) if t.startswith("第二十条")] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert "本年收费金额（单位：万元）" in texts(table.grid)
    assert [i.label for i in table.items] == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]


def test_table2_2019_blocks_and_labels():
    grid = get_format("gov-2019").tables["active"].grid
    assert "第二十条第（九）项" in texts(grid)
    for label in ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                  "处理决定数量", "其他对外管理服务事项", "政府集中采购", "采购项目数量", "采购总金额", "规范性文件"):
        assert label in texts(grid), label


@pytest.mark.parametrize("fid", ["gov-2021", "gov-2019"])
def test_every_grid_fills_the_156_mm_text_width(fid):
    for table in get_format(fid).tables.values():
        assert sum(table.grid.widths_mm) == pytest.approx(156.0), table.key


def test_matrix_rules_are_data():
    apply = get_format("gov-2021").tables["apply"]
    assert isinstance(apply, MatrixTable)
    assert apply.total_rule == "T3-ROW"
    assert apply.row("total").rule == "T3-SUM"
    assert apply.row("total").sum == ("granted", "partial", "denied", "unable", "not_processed", "other")
    assert [(b.rule, b.left, b.right) for b in apply.balances] == [
        ("T3-BAL", ("new", "carried_over"), ("total", "carry_forward"))]
    assert get_format("gov-2021").tables["remedy"].total_rule == "T4-SUM"


def test_no_table_label_is_written_in_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "govreport").rglob("*.py"))
    for label in ("本年新收政府信息公开申请数量", "予以公开", "结果维持", "现行有效件数", "行政许可", "申请人情况"):
        assert label not in code, label


def test_the_wheel_lists_every_package():
    declared = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "govreport").rglob("__init__.py")}
    assert found | {"govreport.templates"} == declared
    assert Path(REPO / "templates" / "__init__.py").exists()
