"""What the layout document tells outputs beyond the printed page: each number cell's value
path, its value and, for a computed cell, the cells it adds up; the balances a table states;
the tables' titles; and the report's organ, sign-off date, description and website."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import govreport
from govreport.layout.build import build_document
from govreport.layout.document import CellBalance
from tests.conftest import GOV_2019, GOV_2021, GOV_2021_CITY, LEGACY
from tests.support.outputs import FIXTURES


def document(path):
    return build_document(govreport.load(path))


def cells_by_path(table):
    return {c.path: c for c in table.cells if c.path}


def test_every_number_cell_names_its_value_and_holds_it():
    active, apply, remedy = document(GOV_2021).tables()
    cells = cells_by_path(active)
    assert cells["fees"].number == Decimal("1.2650") and cells["fees"].text == "1.2650"
    assert cells["rules.issued"].number is None and cells["rules.issued"].text == "/"
    assert cells_by_path(apply)["new.natural_person"].number == 15
    assert all(c.path is None for c in apply.cells if c.role not in ("input", "computed"))
    assert len(cells_by_path(remedy)) == 15


def test_a_row_total_adds_up_its_columns():
    apply = document(GOV_2021).tables()[1]
    total = cells_by_path(apply)["new.total"]
    assert total.role == "computed"
    assert total.sums == tuple(f"new.{c}" for c in ("natural_person", "commercial", "research",
                                                     "public_welfare", "legal_service", "other_org"))
    assert total.number == sum(cells_by_path(apply)[p].number for p in total.sums)


def test_the_seventh_total_adds_up_every_result_row_of_its_column():
    apply = document(GOV_2021).tables()[1]
    cell = cells_by_path(apply)["total.commercial"]
    assert cell.sums[0] == "granted.commercial" and cell.sums[-1] == "other.other.commercial"
    assert len(cell.sums) == 21  # （一）（二）, 8 + 3 + 5 + 3 sub-rows
    assert len(cells_by_path(document(GOV_2019).tables()[1])["total.commercial"].sums) == 19


def test_input_cells_add_up_nothing():
    for table in document(GOV_2021).tables():
        assert all(c.sums == () for c in table.cells if c.role != "computed")


def test_table3_states_its_balance_once_per_column():
    apply = document(GOV_2021).tables()[1]
    assert len(apply.balances) == 7
    assert apply.balances[0] == CellBalance(
        "T3-BAL", "勾稽关系核对（一+二=（七）总计+四）",
        ("new.natural_person", "carried_over.natural_person"),
        ("total.natural_person", "carry_forward.natural_person"))
    assert apply.balances[-1].left == ("new.total", "carried_over.total")
    assert document(GOV_2021).tables()[0].balances == ()


def test_tables_carry_their_titles():
    tables = document(GOV_2021).tables()
    assert [(t.name, t.short_title, t.title) for t in tables] == [
        ("active", "表二", "主动公开政府信息情况"),
        ("apply", "表三", "收到和处理政府信息公开申请情况"),
        ("remedy", "表四", "政府信息公开行政复议、行政诉讼情况")]
    (stats,) = document(FIXTURES / "legacy-stats-attachment.yaml").tables()
    assert (stats.short_title, stats.title) == ("统计表", "青溪县人力资源和社会保障局2016年政府信息公开情况统计表")


def test_legacy_statistics_cells_are_named_by_row_and_column():
    (stats,) = document(FIXTURES / "legacy-stats.yaml").tables()
    named = [c for c in stats.cells if c.path]
    assert named[0].path == "rows.0.values.0" and named[0].row == 1
    assert all(c.fit for c in named)


def test_meta_names_the_organ_and_the_signoff_date():
    meta = document(GOV_2021_CITY).meta
    assert (meta.organ, meta.author) == ("澜州市人民政府", "澜州市人民政府办公室")
    assert meta.signoff_date == meta.date == dt.date(2025, 3, 20)


def test_without_a_signoff_the_date_is_a_fallback_not_a_signoff_date(variant):
    v = variant(GOV_2021, ("signoff:\n  date: 2025-01-20\n", ""))
    meta = document(v.path).meta
    assert meta.signoff_date is None and meta.date == dt.date(2025, 1, 1)


def test_the_description_lists_the_sections():
    meta = document(LEGACY).meta
    assert meta.description.startswith(meta.title + "：一、")
    assert meta.description.count("；") == len(
        [s for s in govreport.load(LEGACY).sections]) - 1
