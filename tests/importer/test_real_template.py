"""The Word template an office circulated (shared/fixtures/政务公开年报模版.docx): three empty
tables, placeholders for the text. Import reads its structure, takes it for the gov-2021
format by its tables' shapes, and reports every empty cell where it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govreport.api import check_file
from tests.importer.conftest import REAL_TEMPLATE, imported

pytestmark = pytest.mark.skipif(not REAL_TEMPLATE.is_file(),
                                reason=f"real-world fixture {REAL_TEMPLATE} is not on this machine")

EMPTY = re.compile(r"^第(\d)个表格第(\d+)行第(\d+)列：.*原表(此格|的这一格)为空")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    return imported(REAL_TEMPLATE, tmp_path_factory.mktemp("template"))


def test_template_is_read_as_the_2021_format(template) -> None:
    result, _ = template
    assert result.report.format == "gov-2021"
    assert result.report.title == "政府信息公开工作年度报告格式模板"


def test_every_empty_cell_is_reported_at_its_table_row_and_column(template) -> None:
    result, _ = template
    places = [tuple(map(int, m.groups()[:3])) for f in result.findings
              if (m := EMPTY.match(f.message))]
    by_table = {t: sum(1 for p in places if p[0] == t) for t in (1, 2, 3)}
    assert by_table == {1: 10, 2: 25 * 7, 3: 15}  # every value cell of tables 2, 3 and 4
    assert len(set(places)) == len(places)
    assert (2, 4, 4) in places  # 一、本年新收… · 自然人 (row 4, column 4 of the 28×10 grid)
    assert (3, 4, 15) in places  # table 4's last 总计


def test_cells_are_left_empty_for_the_clerk(template) -> None:
    _, target = template
    text = target.read_text(encoding="utf-8")
    assert "new: [~, ~, ~, ~, ~, ~]" in text and " 0," not in text


def test_missing_organ_and_year_are_reported(template) -> None:
    result, _ = template
    messages = [f.message for f in result.findings if not EMPTY.match(f.message)]
    assert any("发布机关" in m for m in messages) and any("报告年度" in m for m in messages)


def test_check_reports_what_the_clerk_must_fill_in(template) -> None:
    _, target = template
    errors = [f for f in check_file(Path(target)).findings if f.is_error]
    assert errors and all(f.rule == "SCHEMA" for f in errors)
