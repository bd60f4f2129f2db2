"""What the source does not say plainly is written as a `# 导入：` comment at its key and
reported (IMPORT, with the cell it came from); what the source says wrongly is kept as it
says it, for `check` to report. Sources are CMS pages of the township example with one cell,
label or heading changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from govreport.api import check_file
from govreport.layout import document as layout
from tests.importer.cms import cms_page
from tests.importer.conftest import example, imported, layout_of
from tests.importer.equivalence import printed

NEW_ROW, CARRIED_ROW, PARTIAL_ROW = 3, 4, 6  # table 3 grid rows
NATURAL, TOTAL = 3, 9  # table 3 grid columns


def changed(edit) -> layout.Document:
    doc = layout_of(example("yunling-2024"))
    edit(doc)
    return doc


def table(doc: layout.Document, name: str) -> layout.Table:
    return next(t for t in doc.tables() if t.name == name)


def set_cell(doc: layout.Document, name: str, row: int, col: int, text: str) -> None:
    t = table(doc, name)
    t.cells = [replace(c, text=text) if (c.row, c.col) == (row, col) else c for c in t.cells]


def import_page(tmp_path: Path, doc: layout.Document):
    page = tmp_path / "report.html"
    page.write_bytes(cms_page(doc, "utf-8"))
    result, target = imported(page, tmp_path)
    return result, target, yaml.safe_load(target.read_text(encoding="utf-8"))


def test_a_number_with_its_unit_is_read_and_reported(tmp_path: Path) -> None:
    doc = changed(lambda d: set_cell(d, "apply", NEW_ROW, NATURAL, "15件"))
    result, target, data = import_page(tmp_path, doc)
    assert data["tables"]["apply"]["new"][0] == 15
    [finding] = result.findings
    assert finding.rule == "IMPORT" and "第2个表格第4行第4列" in finding.message
    assert "15件" in finding.message
    line = target.read_text(encoding="utf-8").splitlines()[finding.pos.line - 1]
    assert line.strip().startswith("new:")
    assert "# 导入：" in target.read_text(encoding="utf-8").splitlines()[finding.pos.line - 2]


def test_an_empty_cell_is_left_empty_never_zero(tmp_path: Path) -> None:
    doc = changed(lambda d: set_cell(d, "apply", NEW_ROW, NATURAL, ""))
    result, target, data = import_page(tmp_path, doc)
    assert data["tables"]["apply"]["new"][0] is None
    assert [f.message for f in result.findings] == [
        "第2个表格第4行第4列：自然人：原表此格为空，缺失的数字不会当作 0，请填写"]
    errors = [f for f in check_file(target).findings if f.is_error]
    assert [(f.rule, f.pos.line) for f in errors] == [("SCHEMA", result.findings[0].pos.line)]


def test_a_dash_in_table_2_is_not_applicable(tmp_path: Path) -> None:
    doc = changed(lambda d: set_cell(d, "active", 3, 1, "—"))  # 行政规范性文件·本年制发件数
    result, _, data = import_page(tmp_path, doc)
    assert data["tables"]["active"]["normative_docs"]["issued"] == "不适用"
    assert result.findings == []


def test_a_dash_in_table_3_is_reported_and_refused_by_check(tmp_path: Path) -> None:
    doc = changed(lambda d: set_cell(d, "apply", CARRIED_ROW, 4, "—"))
    result, target, data = import_page(tmp_path, doc)
    assert data["tables"]["apply"]["carried_over"][1] == "不适用"
    assert len(result.findings) == 1 and "不能填“不适用”" in result.findings[0].message
    assert any(f.rule == "SCHEMA" for f in check_file(target).findings if f.is_error)


def test_a_wrong_total_is_kept_for_check_to_report(tmp_path: Path) -> None:
    doc = changed(lambda d: set_cell(d, "apply", NEW_ROW, TOTAL, "19"))
    result, target, data = import_page(tmp_path, doc)
    assert result.findings == []
    assert data["tables"]["apply"]["new"] == [15, 2, 0, 0, 1, 0, 19]
    rules = {f.rule for f in check_file(target).findings if f.is_error}
    assert "T3-ROW" in rules


def test_an_unbalanced_table_3_is_kept_for_check_to_report(tmp_path: Path) -> None:
    def edit(d: layout.Document) -> None:
        set_cell(d, "apply", CARRIED_ROW, NATURAL, "3")
        set_cell(d, "apply", CARRIED_ROW, TOTAL, "3")

    result, target, _ = import_page(tmp_path, changed(edit))
    assert result.findings == []
    assert "T3-BAL" in {f.rule for f in check_file(target).findings if f.is_error}


def test_rows_are_matched_by_their_labels_not_their_order(tmp_path: Path) -> None:
    def swap(d: layout.Document) -> None:
        t = table(d, "apply")
        moved = {NEW_ROW: CARRIED_ROW, CARRIED_ROW: NEW_ROW}
        t.cells = [replace(c, row=moved.get(c.row, c.row)) for c in t.cells]

    result, target, data = import_page(tmp_path, changed(swap))
    assert result.findings == []
    assert data["tables"]["apply"]["new"] == [15, 2, 0, 0, 1, 0, 18]
    assert data["tables"]["apply"]["carried_over"] == [1, 0, 0, 0, 0, 0, 1]
    assert printed(target) == printed(example("yunling-2024"))


def test_a_shortened_label_is_read_and_reported(tmp_path: Path) -> None:
    doc = changed(lambda d: set_cell(d, "apply", PARTIAL_ROW, 1, "（二）部分公开"))
    result, _, data = import_page(tmp_path, doc)
    assert data["tables"]["apply"]["partial"] == [2, 0, 0, 0, 0, 0, 2]
    [finding] = result.findings
    assert "“（二）部分公开”与格式的“（二）部分公开（区分处理的" in finding.message
    assert finding.message.startswith("第2个表格第7行第2列")


def test_a_local_section_heading_is_read_and_reported(tmp_path: Path) -> None:
    local = "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"

    def edit(d: layout.Document) -> None:
        for block in d.paragraphs():
            if block.text == "四、政府信息公开行政复议、行政诉讼情况":
                block.runs = [layout.Run(local, "heading1")]

    result, target, data = import_page(tmp_path, changed(edit))
    [finding] = result.findings
    assert local in finding.message and "固定为“四、政府信息公开行政复议、行政诉讼情况”" in finding.message
    assert data["tables"]["remedy"]["review"] == [1, 1, 0, 0, 2]
    assert not [f for f in check_file(target).findings if f.is_error]
