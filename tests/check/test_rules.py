"""Each rule of the contract's Checks table: a passing file, a failing file, and where it points."""

from __future__ import annotations

import govreport
from tests.conftest import GOV_2019, GOV_2021, LEGACY


def findings(path):
    # The cross-year fixtures below reuse this year's text as last year's, a 100 % copy;
    # X-SIMILAR (tested in tests/history) is switched off here by its 100 % threshold.
    return govreport.check_file(path, similar_threshold=1.0).findings


def only(path, rule):
    found = findings(path)
    assert [f.rule for f in found] == [rule], [str(f) for f in found]
    return found[0]


def test_every_example_has_no_findings():
    for example in (GOV_2021, GOV_2019, LEGACY):
        assert findings(example) == [], example.name


def test_t3_row_given_total_that_is_not_the_sum_of_the_six_columns(variant):
    v = variant(GOV_2021, ("new:          [15, 2, 0, 0, 1, 0]", "new:          [15, 2, 0, 0, 1, 0, 19]"))
    f = only(v.path, "T3-ROW")
    assert f.is_error
    assert (f.pos.line, f.pos.column) == v.pos("19]")
    assert "一、本年新收政府信息公开申请数量" in f.message
    assert "19" in f.message and "18" in f.message


def test_t3_row_given_total_that_matches_passes(variant):
    v = variant(GOV_2021, ("new:          [15, 2, 0, 0, 1, 0]", "new:          [15, 2, 0, 0, 1, 0, 18]"))
    assert findings(v.path) == []


def test_t3_sum_given_grand_total_that_is_not_the_sum_of_the_result_rows(variant):
    v = variant(GOV_2021, ("total:         [15, 2, 0, 0, 1, 0, 18]", "total:         [14, 2, 0, 0, 1, 0, 17]"))
    f = only(v.path, "T3-SUM")
    assert (f.pos.line, f.pos.column) == v.pos("14, 2")
    assert "（七）总计" in f.message and "自然人" in f.message
    assert "14" in f.message and "15" in f.message


def test_t3_bal_unbalanced_column_names_both_sides(variant):
    v = variant(GOV_2021, ("carry_forward: [1, 0, 0, 0, 0, 0]", "carry_forward: [2, 0, 0, 0, 0, 0]"))
    f = only(v.path, "T3-BAL")
    assert (f.pos.line, f.pos.column) == v.pos_after("carry_forward: [")
    assert "“自然人”列" in f.message
    assert "= 16" in f.message and "= 17" in f.message


def test_t3_bal_reports_the_total_column_when_only_it_is_off(variant):
    # Moving one application from 自然人 to 商业企业 in 四 unbalances both columns: two findings,
    # and the 总计 column (still balanced) is not reported a third time.
    v = variant(GOV_2021, ("carry_forward: [1, 0, 0, 0, 0, 0]", "carry_forward: [0, 1, 0, 0, 0, 0]"))
    found = findings(v.path)
    assert [f.rule for f in found] == ["T3-BAL", "T3-BAL"]
    assert "自然人" in found[0].message and "商业企业" in found[1].message


def test_t4_sum_given_total_that_is_not_the_sum_of_the_four_results(variant):
    v = variant(GOV_2019, ("pending: 0, total: 3}", "pending: 0, total: 4}"))
    f = only(v.path, "T4-SUM")
    assert (f.pos.line, f.pos.column) == v.pos("4}")
    assert "行政复议" in f.message and "4" in f.message and "3" in f.message


LAST_STOCK = ("normative_docs: {issued: 3, repealed: 1, in_force: 12}",
              "normative_docs: {issued: 3, repealed: 1, in_force: 10}")


def _last_year(variant, *replacements, stock=LAST_STOCK):
    """Last year's file beside this year's: the 2024 example restated as 2023, with a stock
    of normative documents (10) that this year's 3 issued and 1 repealed bring to 12."""
    changes = [("year: 2024", "year: 2023"), *replacements]
    if stock:
        changes.append(stock)
    return variant(GOV_2021, *changes, name="yunling-2023.yaml")


def _this_year(variant, *replacements):
    return variant(GOV_2021, ("year: 2024", "year: 2024\nprevious: yunling-2023.yaml"), *replacements)


def test_x_carry_passes_when_carried_over_equals_last_carry_forward(variant):
    _last_year(variant)
    this = _this_year(variant)
    assert findings(this.path) == []


def test_x_carry_warns_per_column_at_this_years_value(variant):
    _last_year(variant, ("carry_forward: [1, 0, 0, 0, 0, 0]", "carry_forward: [2, 0, 0, 0, 0, 0]"),
               ("carried_over: [1, 0, 0, 0, 0, 0]", "carried_over: [2, 0, 0, 0, 0, 0]"))
    this = _this_year(variant)
    f = only(this.path, "X-CARRY")
    assert not f.is_error
    assert (f.pos.line, f.pos.column) == this.pos("1, 0, 0, 0, 0, 0]", nth=0)
    assert "yunling-2023.yaml" in f.message and "四、结转下年度继续办理" in f.message


def test_x_stock_warns_when_in_force_does_not_follow_from_last_year(variant):
    _last_year(variant, stock=("normative_docs: {issued: 3, repealed: 1, in_force: 12}",
                               "normative_docs: {issued: 3, repealed: 1, in_force: 11}"))
    this = _this_year(variant)
    f = only(this.path, "X-STOCK")
    assert (f.pos.line, f.pos.column) == this.pos("12}")
    assert "行政规范性文件" in f.message and "13" in f.message


def test_x_year_error_when_previous_is_not_the_year_before(variant):
    variant(GOV_2021, ("year: 2024", "year: 2022"), name="yunling-2023.yaml")
    this = _this_year(variant)
    f = only(this.path, "X-YEAR")
    assert f.is_error
    assert (f.pos.line, f.pos.column) == this.pos("yunling-2023.yaml")
    assert "2022" in f.message and "2023" in f.message


def test_x_year_error_when_previous_is_missing(variant):
    this = _this_year(variant)
    f = only(this.path, "X-YEAR")
    assert "找不到" in f.message


def test_x_year_error_when_previous_is_unreadable(variant, write, tmp_path):
    write("yunling-2023.yaml", "format: [unclosed\n")
    this = _this_year(variant)
    f = only(this.path, "X-YEAR")
    assert "无法读取" in f.message


def test_x_year_error_when_previous_is_the_file_itself(variant):
    this = variant(GOV_2021, ("year: 2024", "year: 2024\nprevious: ./yunling-2024.yaml"))
    assert "本文件自身" in only(this.path, "X-YEAR").message


def test_x_year_error_when_previous_is_a_directory(variant, tmp_path):
    (tmp_path / "old").mkdir()
    this = variant(GOV_2021, ("year: 2024", "year: 2024\nprevious: old"))
    assert "文件夹" in only(this.path, "X-YEAR").message


def test_x_year_previous_is_resolved_relative_to_the_file_not_the_cwd(variant, tmp_path, monkeypatch):
    _last_year(variant)
    this = _this_year(variant)
    monkeypatch.chdir("/")
    assert findings(this.path) == []


def test_x_organ_warns_when_the_organ_was_renamed(variant):
    _last_year(variant, ("organ: 青溪县云岭镇人民政府", "organ: 青溪县云岭乡人民政府"))
    this = _this_year(variant)
    f = only(this.path, "X-ORGAN")
    assert not f.is_error
    assert (f.pos.line, f.pos.column) == this.pos("青溪县云岭镇人民政府")
    assert "青溪县云岭乡人民政府" in f.message


def test_cross_year_rows_shared_by_2019_and_2021_are_compared(variant):
    # A gov-2021 report after a gov-2019 one: X-CARRY applies, X-STOCK has nothing to compare.
    variant(GOV_2019, ("year: 2020", "year: 2023"), ("organ: 青溪县市场监督管理局", "organ: 青溪县云岭镇人民政府"),
            name="yunling-2023.yaml")
    this = _this_year(variant)
    found = findings(this.path)
    assert [f.rule for f in found] == ["X-CARRY", "X-CARRY"]  # 2019 example carried 1, 1, 0, 0, 1, 0


def test_placeholder_warns_at_the_placeholder_itself(variant):
    v = variant(GOV_2021, ("text: 本年度未收取政府信息公开信息处理费。", "text: 【请填写：信息处理费】"))
    f = only(v.path, "PLACEHOLDER")
    assert not f.is_error
    assert (f.pos.line, f.pos.column) == v.pos("【请填写")


def test_placeholder_inside_a_literal_block_points_at_its_line_and_column(variant):
    v = variant(GOV_2021, ("全年未发生失泄密事件。", "全年未发生失泄密事件。【请填写：补充】"))
    f = only(v.path, "PLACEHOLDER")
    assert (f.pos.line, f.pos.column) == v.pos("【请填写")


def test_format_year_warns_when_a_format_does_not_fit_the_year(variant):
    v = variant(GOV_2019, ("year: 2020", "year: 2023"), ("date: 2021-01-25", "date: 2024-01-25"))
    f = only(v.path, "FORMAT-YEAR")
    assert "gov-2021" in f.message
