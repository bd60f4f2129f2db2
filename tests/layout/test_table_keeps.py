"""Where the statistics tables may continue on the next page (decided once, in the layout)."""

from __future__ import annotations

import pytest

import govreport
from govreport.layout.build import build_document
from govreport.layout.tablekeep import may_split_before, split_table
from tests.conftest import GOV_2019, GOV_2021
from tests.docx.conftest import LEGACY_STATS


def tables(path) -> dict:
    return {t.name: t for t in build_document(govreport.load(path)).tables()}


def split_points(table) -> list[int]:
    return [r for r in range(table.n_rows) if may_split_before(table, r)]


def test_table_3_keeps_its_header_with_three_rows_and_each_small_group_whole():
    apply = tables(GOV_2021)["apply"]
    # rows: 0-2 header, 3 一, 4 二, 5 （一）, 6 （二）, 7-14 （三）, 15-17 （四）, 18-22 （五）,
    # 23-25 （六）, 26 （七）总计, 27 四、结转下年度
    assert split_points(apply) == [6, 7, 15, 18, 23, 26]


def test_table_2_breaks_only_between_its_article_20_blocks():
    for path, blocks in ((GOV_2021, [4, 7, 11]), (GOV_2019, [4, 8, 12, 15])):
        active = tables(path)["active"]
        captions = [c.row for c in active.cells if c.role == "caption"]
        assert split_points(active) == [r for r in captions if r > 0] == blocks


def test_table_4_is_never_split():
    assert split_points(tables(GOV_2021)["remedy"]) == []


def test_a_free_statistics_table_keeps_a_group_label_with_its_rows():
    stats = tables(LEGACY_STATS)["stats"]
    groups = [c.row for c in stats.cells if c.role == "caption"]
    for g in groups:
        assert not any(may_split_before(stats, r) for r in range(g + 1, min(g + 4, stats.n_rows)))


def test_a_split_repeats_the_header_and_runs_a_merged_label_on():
    apply = tables(GOV_2021)["apply"]
    label = next(c for c in apply.cells if c.text == "三、本年度办理结果")
    first, rest = split_table(apply, 15, {(label.row, label.col): 4})
    assert (first.n_rows, rest.n_rows) == (15, 3 + 28 - 15)
    assert [c.text for c in rest.cells if c.row < 3] == [c.text for c in apply.cells
                                                         if c.row < 3]
    top = next(c for c in first.cells if (c.row, c.col) == (label.row, label.col))
    bottom = next(c for c in rest.cells if (c.row, c.col) == (3, label.col))
    assert (top.text, top.rowspan) == ("三、本年", 15 - label.row)
    assert (bottom.text, bottom.rowspan) == ("度办理结果", label.row + label.rowspan - 15)
    assert rest.keep_with_next == apply.keep_with_next[:3] + apply.keep_with_next[15:]


@pytest.mark.parametrize("row", [0, 2, 5])
def test_no_split_inside_the_header_or_its_first_rows(row):
    assert not may_split_before(tables(GOV_2021)["apply"], row)
