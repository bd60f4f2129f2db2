"""The statistics tables of the DOCX: every label at its grid position, the merges, every number
in its cell, widths, borders, header rows and row splitting, fonts.

Each grid is read back from the file (gridSpan and vMerge resolved) and compared with the format
definition in templates/*.yaml *and* with official labels and positions written out here from
国办公开办函〔2021〕30号 / 〔2019〕60号 (annual-report-format.md §2.5–2.7), so a broken template
fails too.
"""

from __future__ import annotations

import pytest

from govreport.formats import get_format
from govreport.model import format_number
from tests.docx.ooxml import (
    docx_grid,
    grid_widths,
    statistics_tables,
    w,
    wval,
)

GOV = ("gov-2021", "gov-2019")
TABLE_KEYS = ("active", "apply", "remedy")
TEXT_BLOCK_TWIPS = round(156 * 1440 / 25.4)  # the 版心 is 156 mm wide


def grids(built, case: str) -> dict[str, dict]:
    """Section table key → the DOCX grid read back, in the format's section order."""
    b = built(case)
    keys = [s.table for s in b.report.format.sections if s.table]
    tables = statistics_tables(b.package.body)
    assert len(tables) == len(keys)
    return {key: docx_grid(tbl) for key, tbl in zip(keys, tables, strict=True)}


def printed(built, case: str, key: str, path: str) -> str:
    """What the report's value at `path` should print as (the model's own number)."""
    return format_number(built(case).report.tables[key].values[path].value)


# --- against the format definition ---------------------------------------------------------

@pytest.mark.parametrize("key", TABLE_KEYS)
@pytest.mark.parametrize("case", GOV)
def test_grid_has_the_format_definitions_cells_spans_and_texts(built, case, key):
    grid = get_format(case).tables[key].grid
    cells = grids(built, case)[key]
    assert set(cells) == {(c.row, c.col) for c in grid.cells}
    for c in grid.cells:
        cell = cells[(c.row, c.col)]
        assert (cell.rowspan, cell.colspan) == (c.rowspan, c.colspan), (c.row, c.col, c.text)
        expected = c.text if c.value is None else printed(built, case, key, c.value)
        assert cell.text == expected, (c.row, c.col)


@pytest.mark.parametrize("key", TABLE_KEYS)
@pytest.mark.parametrize("case", GOV)
def test_grid_has_the_format_definitions_columns_and_rows(built, case, key):
    grid = get_format(case).tables[key].grid
    tbl = statistics_tables(built(case).package.body)[TABLE_KEYS.index(key)]
    assert len(grid_widths(tbl)) == grid.n_cols
    rows = tbl.findall(w("tr"))
    assert len(rows) == grid.n_rows
    for tr in rows:  # every row covers the whole grid, no more
        spans = [int(wval(tc.find(f"{w('tcPr')}/{w('gridSpan')}")) or 1) for tc in tr.findall(w("tc"))]
        assert sum(spans) == grid.n_cols


# --- against the official format, written out ----------------------------------------------

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@pytest.mark.parametrize("case", GOV)
def test_table3_header_is_the_official_three_row_header_with_the_note_cell(built, case):
    t3 = grids(built, case)["apply"]
    expected = {
        (0, 0): (NOTE, 3, 3),
        (0, 3): ("申请人情况", 1, 7),
        (1, 3): ("自然人", 2, 1),
        (1, 4): ("法人或其他组织", 1, 5),
        (1, 9): ("总计", 2, 1),
        (2, 4): ("商业企业", 1, 1),
        (2, 5): ("科研机构", 1, 1),
        (2, 6): ("社会公益组织", 1, 1),
        (2, 7): ("法律服务机构", 1, 1),
        (2, 8): ("其他", 1, 1),
    }
    for pos, (text, rowspan, colspan) in expected.items():
        cell = t3[pos]
        assert (cell.text, cell.rowspan, cell.colspan) == (text, rowspan, colspan), pos


@pytest.mark.parametrize(("case", "result_rows"), [("gov-2021", 22), ("gov-2019", 20)])
def test_table3_row_labels_sit_at_their_official_positions(built, case, result_rows):
    t3 = grids(built, case)["apply"]
    last = 5 + result_rows  # the row after 三、本年度办理结果
    expected = {
        (3, 0): ("一、本年新收政府信息公开申请数量", 1, 3),
        (4, 0): ("二、上年结转政府信息公开申请数量", 1, 3),
        (5, 0): ("三、本年度办理结果", result_rows, 1),
        (5, 1): ("（一）予以公开", 1, 2),
        (6, 1): ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2),
        (7, 1): ("（三）不予公开", 8, 1),
        (7, 2): ("1.属于国家秘密", 1, 1),
        (9, 2): ("3.危及“三安全一稳定”", 1, 1),
        (14, 2): ("8.属于行政查询事项", 1, 1),
        (15, 1): ("（四）无法提供", 3, 1),
        (18, 1): ("（五）不予处理", 5, 1),
        (22, 2): ("5.要求行政机关确认或重新出具已获取信息", 1, 1),
        (last - 1, 1): ("（七）总计", 1, 2),
        (last, 0): ("四、结转下年度继续办理", 1, 3),
    }
    for pos, (text, rowspan, colspan) in expected.items():
        cell = t3[pos]
        assert (cell.text, cell.rowspan, cell.colspan) == (text, rowspan, colspan), pos
    assert len({r for r, _ in t3}) == last + 1


def test_table3_of_2021_has_the_three_row_other_handling_group(built):
    t3 = grids(built, "gov-2021")["apply"]
    assert (t3[(23, 1)].text, t3[(23, 1)].rowspan) == ("（六）其他处理", 3)
    assert t3[(24, 2)].text == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert t3[(25, 2)].text == "3.其他"


def test_table3_of_2019_has_a_single_other_handling_row(built):
    t3 = grids(built, "gov-2019")["apply"]
    assert (t3[(23, 1)].text, t3[(23, 1)].colspan) == ("（六）其他处理", 2)


@pytest.mark.parametrize("case", GOV)
def test_table4_has_the_official_three_level_header(built, case):
    t4 = grids(built, case)["remedy"]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert (t4[(0, 0)].text, t4[(0, 0)].colspan) == ("行政复议", 5)
    assert (t4[(0, 5)].text, t4[(0, 5)].colspan) == ("行政诉讼", 10)
    assert [(t4[(1, c)].text, t4[(1, c)].rowspan) for c in range(5)] == [(r, 2) for r in results]
    assert (t4[(1, 5)].text, t4[(1, 5)].colspan) == ("未经复议直接起诉", 5)
    assert (t4[(1, 10)].text, t4[(1, 10)].colspan) == ("复议后起诉", 5)
    assert [t4[(2, c)].text for c in range(5, 15)] == results * 2
    assert [(3, c) in t4 for c in range(15)] == [True] * 15


def test_table2_of_2021_has_the_official_blocks(built):
    t2 = grids(built, "gov-2021")["active"]
    captions = {0: "第二十条第（一）项", 4: "第二十条第（五）项", 7: "第二十条第（六）项",
                11: "第二十条第（八）项"}
    for row, text in captions.items():
        assert (t2[(row, 0)].text, t2[(row, 0)].colspan) == (text, 4)
    assert [t2[(1, c)].text for c in range(4)] == ["信息内容", "本年制发件数", "本年废止件数",
                                                   "现行有效件数"]
    assert (t2[(5, 1)].text, t2[(5, 1)].colspan) == ("本年处理决定数量", 3)
    assert (t2[(12, 1)].text, t2[(12, 1)].colspan) == ("本年收费金额（单位：万元）", 3)
    assert [t2[(r, 0)].text for r in (2, 3, 6, 9, 10, 13)] == [
        "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]
    assert max(r for r, _ in t2) == 13


def test_table2_of_2019_has_the_ninth_item_block(built):
    t2 = grids(built, "gov-2019")["active"]
    assert (t2[(15, 0)].text, t2[(15, 0)].colspan) == ("第二十条第（九）项", 7)
    assert [t2[(16, c)].text for c in (0, 1, 4)] == ["信息内容", "采购项目数量", "采购总金额"]
    assert t2[(17, 0)].text == "政府集中采购"


# --- the numbers -----------------------------------------------------------------------------

def row_numbers(cells, row: int, first: int, last: int) -> list[str]:
    return [cells[(row, c)].text for c in range(first, last + 1)]


def test_table3_numbers_of_the_2021_example_in_their_cells(built):
    t3 = grids(built, "gov-2021")["apply"]
    # examples/yunling-2024.yaml: new [15, 2, 0, 0, 1, 0], the 总计 column computed
    assert row_numbers(t3, 3, 3, 9) == ["15", "2", "0", "0", "1", "0", "18"]
    assert row_numbers(t3, 4, 3, 9) == ["1", "0", "0", "0", "0", "0", "1"]
    assert row_numbers(t3, 10, 3, 9) == ["1", "0", "0", "0", "0", "0", "1"]  # 4.保护第三方合法权益
    assert row_numbers(t3, 27, 3, 9) == ["1", "0", "0", "0", "0", "0", "1"]  # 结转下年度


def test_computed_totals_are_printed(built):
    t3 = grids(built, "gov-2021")["apply"]
    # 总计 column of a row the clerk gave six numbers for: 6 + 1 + 1
    assert t3[(5, 9)].text == "8"
    # （七）总计 row, summed over （一）…（六）
    assert row_numbers(t3, 26, 3, 9) == ["15", "2", "0", "0", "1", "0", "18"]
    # table 4: review [1, 1, 0, 0] → 总计 2; suit_direct [1, 0, 0, 0] → 1; after review → 0
    t4 = grids(built, "gov-2021")["remedy"]
    assert row_numbers(t4, 3, 0, 14) == ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1",
                                         "0", "0", "0", "0", "0"]


def test_table3_numbers_written_as_a_mapping_are_printed_in_column_order(built):
    t3 = grids(built, "gov-2019")["apply"]
    # examples/qingxi-amr-2020.yaml writes carry_forward as {natural_person: 1, commercial: 1,
    # ..., legal_service: 1, ...}
    assert row_numbers(t3, 25, 3, 9) == ["1", "1", "0", "0", "1", "0", "3"]


@pytest.mark.parametrize(("case", "cells"), [
    ("gov-2021", [(2, 1), (2, 2), (2, 3)]),  # 规章: 不适用 for a township
    ("gov-2019", [(2, 1), (2, 3), (2, 5)]),
])
def test_not_applicable_is_printed_as_a_slash(built, case, cells):
    t2 = grids(built, case)["active"]
    assert [t2[c].text for c in cells] == ["/", "/", "/"]


def test_decimals_and_signed_numbers_keep_what_the_clerk_wrote(built):
    assert grids(built, "gov-2021")["active"][(13, 1)].text == "1.2650"  # fees: 1.2650 万元
    t2 = grids(built, "gov-2019")["active"]
    assert t2[(17, 4)].text == "318.45"  # 采购总金额
    assert t2[(6, 3)].text == "-2"  # 行政许可 本年增/减
    assert t2[(14, 4)].text == "-1"  # 行政事业性收费 本年增/减


# --- geometry and borders ------------------------------------------------------------------

CASES_WITH_TABLES = ("gov-2021", "gov-2019", "legacy-stats", "legacy-attachment")


def all_tables(built, case: str):
    b = built(case)
    return list(zip(b.layout.tables(), statistics_tables(b.package.body), strict=True))


@pytest.mark.parametrize("case", CASES_WITH_TABLES)
def test_widths_agree_in_tblW_gridCol_and_every_tcW(built, case):
    for layout_table, tbl in all_tables(built, case):
        cols = grid_widths(tbl)
        expected = [round(mm * 1440 / 25.4) for mm in layout_table.widths_mm]
        assert all(abs(a - b) <= 1 for a, b in zip(cols, expected, strict=True)), layout_table.name
        tbl_w = tbl.find(f"{w('tblPr')}/{w('tblW')}")
        assert (wval(tbl_w, "type"), int(wval(tbl_w, "w"))) == ("dxa", sum(cols))
        assert wval(tbl.find(f"{w('tblPr')}/{w('tblLayout')}"), "type") == "fixed"
        for (_, col), cell in docx_grid(tbl).items():
            tc_w = cell.tc.find(f"{w('tcPr')}/{w('tcW')}")
            assert wval(tc_w, "type") == "dxa"
            assert int(wval(tc_w, "w")) == sum(cols[col:col + cell.colspan]), (col, cell.text)
        for tc in tbl.iter(w("tc")):  # the cells covered by a vertical merge too
            assert tc.find(f"{w('tcPr')}/{w('tcW')}") is not None


@pytest.mark.parametrize("case", CASES_WITH_TABLES)
def test_every_statistics_table_fits_the_156_mm_text_block(built, case):
    for _, tbl in all_tables(built, case):
        assert sum(grid_widths(tbl)) <= TEXT_BLOCK_TWIPS
        assert wval(tbl.find(f"{w('tblPr')}/{w('jc')}")) == "center"


@pytest.mark.parametrize("case", CASES_WITH_TABLES)
def test_borders_are_half_point_black_lines(built, case):
    for _, tbl in all_tables(built, case):
        borders = tbl.find(f"{w('tblPr')}/{w('tblBorders')}")
        sides = {el.tag.split("}")[1]: el for el in borders}
        assert set(sides) == {"top", "left", "bottom", "right", "insideH", "insideV"}
        for el in sides.values():
            assert (wval(el), wval(el, "sz"), wval(el, "color")) == ("single", "4", "000000")
        assert tbl.find(f"{w('tblPr')}/{w('shd')}") is None
        assert not list(tbl.iter(w("shd")))


@pytest.mark.parametrize("case", CASES_WITH_TABLES)
def test_header_rows_repeat_and_no_row_splits(built, case):
    for layout_table, tbl in all_tables(built, case):
        rows = tbl.findall(w("tr"))
        header = [r.find(f"{w('trPr')}/{w('tblHeader')}") is not None for r in rows]
        n = layout_table.header_rows
        assert header == [True] * n + [False] * (len(rows) - n), layout_table.name
        assert all(r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows)


def test_header_row_counts_are_the_formats(built):
    tables = {t.name: t.header_rows for t in built("gov-2021").layout.tables()}
    assert tables == {"active": 0, "apply": 3, "remedy": 3}  # table 2 is a run of blocks
    assert [t.header_rows for t in built("legacy-attachment").layout.tables()] == [1]


@pytest.mark.parametrize("case", [*GOV, "legacy-stats", "legacy-attachment"])
def test_each_statistics_table_is_one_ordinary_top_level_table(built, case):
    body = built(case).package.body
    tables = body.findall(w("tbl"))
    assert len(tables) == len(built(case).layout.tables())
    assert not body.findall(f".//{w('tc')}//{w('tbl')}")  # no table inside a cell
    for layout_table, tbl in zip(built(case).layout.tables(), tables, strict=True):
        assert len(tbl.findall(w("tr"))) == layout_table.n_rows


@pytest.mark.parametrize("case", [*GOV, "legacy-stats", "legacy-attachment"])
def test_every_paragraph_of_a_kept_row_keeps_with_the_next_row(built, case):
    for layout_table, tbl in all_tables(built, case):
        for keep, tr in zip(layout_table.keep_with_next, tbl.findall(w("tr")), strict=True):
            marks = [p.find(f"{w('pPr')}/{w('keepNext')}") is not None
                     for p in tr.findall(f"{w('tc')}/{w('p')}")]
            assert marks == [keep] * len(marks), layout_table.name


# --- fonts -----------------------------------------------------------------------------------

def cell_fonts(built, case: str, cell) -> set[tuple[str, float]]:
    styles = built(case).package.styles
    paragraphs = cell.tc.findall(w("p"))
    assert len(paragraphs) == 1  # a merge leaves one paragraph, not one per merged cell
    (p,) = paragraphs
    runs = p.findall(w("r")) or [None]
    return {(styles.east_asia_font(p, r), styles.size_pt(p, r)) for r in runs}


@pytest.mark.parametrize("key", TABLE_KEYS)
@pytest.mark.parametrize("case", GOV)
def test_table_text_is_fangsong_wuhao_and_headers_heiti(built, case, key):
    cells = grids(built, case)[key]
    for c in get_format(case).tables[key].grid.cells:
        family = "黑体" if c.role in ("header", "caption") else "仿宋_GB2312"
        assert cell_fonts(built, case, cells[(c.row, c.col)]) == {(family, 10.5)}, c


@pytest.mark.parametrize("case", GOV)
def test_official_header_and_label_cells_have_their_fonts(built, case):
    t3 = grids(built, case)["apply"]
    assert cell_fonts(built, case, t3[(0, 3)]) == {("黑体", 10.5)}  # 申请人情况
    assert cell_fonts(built, case, t3[(0, 0)]) == {("仿宋_GB2312", 10.5)}  # the note
    assert cell_fonts(built, case, t3[(5, 0)]) == {("仿宋_GB2312", 10.5)}  # 三、本年度办理结果
    assert cell_fonts(built, case, t3[(3, 3)]) == {("仿宋_GB2312", 10.5)}  # a number


@pytest.mark.parametrize("case", CASES_WITH_TABLES)
def test_cell_paragraphs_are_off_the_body_grid_with_exact_spacing(built, case):
    styles = built(case).package.styles
    for _, tbl in all_tables(built, case):
        for p in tbl.iter(w("p")):
            assert wval(styles.paragraph_property(p, "snapToGrid")) == "0"
            spacing = styles.paragraph_property(p, "spacing")
            assert wval(spacing, "lineRule") == "exact"
            assert int(wval(spacing, "line")) == 270  # 13.5 pt


def test_labels_left_numbers_and_headers_centred(built):
    t3 = grids(built, "gov-2021")["apply"]
    styles = built("gov-2021").package.styles

    def jc(cell):
        return wval(styles.paragraph_property(cell.tc.find(w("p")), "jc"))

    assert jc(t3[(3, 0)]) == "left"  # 一、本年新收…
    assert jc(t3[(7, 2)]) == "left"  # 1.属于国家秘密
    assert jc(t3[(3, 3)]) == "center"  # 15
    assert jc(t3[(0, 3)]) == "center"  # 申请人情况
    assert all(wval(c.tc.find(f"{w('tcPr')}/{w('vAlign')}")) == "center" for c in t3.values())


# --- legacy statistics tables ----------------------------------------------------------------

def test_legacy_stats_table_prints_header_groups_rows_and_slash(built):
    (tbl,) = statistics_tables(built("legacy-stats").package.body)
    cells = docx_grid(tbl)
    assert [cells[(0, c)].text for c in range(4)] == ["指标", "计量单位", "2016年", "2017年"]
    assert (cells[(3, 0)].text, cells[(3, 0)].colspan) == ("依申请公开情况", 4)
    assert [cells[(1, c)].text for c in range(4)] == ["主动公开政府信息数", "条", "298", "326"]
    assert [cells[(8, c)].text for c in range(4)] == ["依申请公开信息收取的费用", "万元", "/",
                                                      "0.00"]
    assert len(tbl.findall(w("tr"))) == 1 + 9  # header + 7 rows + 2 groups
    styles = built("legacy-stats").package.styles
    group = cells[(3, 0)].tc.find(w("p"))
    assert styles.east_asia_font(group, group.find(w("r"))) == "黑体"


def test_long_attachment_table_has_every_row(built):
    b = built("legacy-attachment")
    (tbl,) = statistics_tables(b.package.body)
    cells = docx_grid(tbl)
    stats = b.report.stats
    assert len(tbl.findall(w("tr"))) == 1 + len(stats.rows) == 63
    for r, row in enumerate(stats.rows, start=1):
        if hasattr(row, "values"):
            expected = [row.label.value, row.unit.value, *map(format_number,
                                                             (v.value for v in row.values))]
            assert [cells[(r, c)].text for c in range(4)] == expected
        else:
            assert (cells[(r, 0)].text, cells[(r, 0)].colspan) == (row.label.value, 4)
    assert (cells[(43, 0)].text, cells[(43, 2)].text) == ("维持具体行政行为数", "/")  # 2015: 不适用
