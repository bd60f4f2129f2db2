"""`govreport diff OLD NEW`: every statistic side by side, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import itertools
import json

import govreport
from govreport.history.statdiff import compare
from govreport.textcols import display_width as width
from tests.conftest import GOV_2021
from tests.history.conftest import Y2020, Y2021, Y2022


def stats(old, new):
    """The comparison's statistics by `table.path`."""
    c = compare(govreport.load(old), govreport.load(new))
    return {f"{t.key}.{s.path}": s for t in c.tables for s in t.stats}


def test_table_has_a_heading_a_block_per_table_and_a_summary(cli):
    run = cli("diff", Y2021, Y2022)
    assert run.code == 0 and run.err == ""
    lines = run.out.splitlines()
    assert lines[0] == ("青溪县人力资源和社会保障局 2021年度（gov-2021） → "
                        "青溪县人力资源和社会保障局 2022年度（gov-2021）")
    titles = [ln for before, ln in itertools.pairwise(lines) if before == "" and ln]
    assert titles[:-1] == [
        "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    assert lines[-1].startswith("共 200 项统计数字，61 项有变化，2 项大幅变化")


def test_table_columns_line_up_by_display_width(cli):
    lines = cli("diff", Y2021, Y2022).out.splitlines()
    header = next(ln for ln in lines if ln.startswith("项目"))
    edge = width(header[:header.index("2022年度") + len("2022年度")])
    for start, value in (("行政许可", "604"), ("一、本年新收", " 44"), ("规章", "不适用  ")):
        row = next(ln for ln in lines if ln.startswith(start))
        at = row.rindex(value) if value.strip() == "不适用" else row.index(value)
        end = at + len(value.rstrip())
        assert width(row[:end]) == edge, row  # the 2022 value ends under its header's end


def test_table_shows_labels_values_change_and_percentage(cli):
    out = cli("diff", Y2021, Y2022).out
    line = next(ln for ln in out.splitlines() if ln.startswith("一、本年新收政府信息公开申请数量"))
    assert line.split()[1:] == ["自然人", "31", "44", "+13", "+41.9%"]
    assert "行政规范性文件" in out and "本年收费金额（单位：万元）" in out


def test_a_jump_above_five_times_is_flagged():
    s = stats(Y2021, Y2022)["apply.not_processed.repeated.natural_person"]
    assert (s.old, s.new, s.change, s.flag) == (1, 12, 11, "jump")
    assert s.notes == ("大幅增加（×12.0）",)
    assert [k for k, v in stats(Y2021, Y2022).items() if v.flag] == [
        "apply.not_processed.repeated.natural_person", "apply.not_processed.repeated.total"]


def test_a_fall_below_a_fifth_is_flagged(variant):
    old = variant(GOV_2021, ("licensing: 86", "licensing: 500"), name="old.yaml")
    s = stats(old.path, GOV_2021)["active.licensing"]
    assert (s.old, s.new, s.flag, s.notes) == (500, 86, "drop", ("大幅减少（×0.17）",))


def test_a_fall_to_more_than_a_fifth_is_not_flagged(variant):
    old = variant(GOV_2021, ("licensing: 86", "licensing: 300"), name="old.yaml")
    s = stats(old.path, GOV_2021)["active.licensing"]
    assert (s.flag, s.notes, f"{s.percent:.1f}") == (None, (), "-71.3")


def test_small_counts_are_not_flagged_however_they_change(variant):
    old = variant(GOV_2021, ("coercion: 2", "coercion: 9"), name="old.yaml")
    new = variant(GOV_2021, ("coercion: 2", "coercion: 1"), name="new.yaml")
    s = stats(old.path, new.path)["active.coercion"]
    assert (s.old, s.new, s.flag) == (9, 1, None)  # ×0.11, but under 10 on both sides


def test_zero_to_some_is_new_without_a_percentage_and_some_to_zero_is_minus_100():
    s = stats(Y2021, Y2022)
    added = s["apply.new.research"]
    assert (added.old, added.new, added.percent, added.notes) == (0, 1, None, ("新增",))
    gone = s["apply.new.public_welfare"]
    assert (gone.old, gone.new, gone.percent, gone.notes) == (1, 0, -100, ("归零",))
    zero = s["active.coercion"]
    assert (zero.change, zero.percent, zero.notes) == (0, None, ())


def test_not_applicable_is_shown_without_a_change():
    s = stats(Y2021, Y2022)["active.rules.in_force"]
    assert (s.change, s.percent, s.notes) == (None, None, ("不适用",))


def test_across_formats_2019_other_is_compared_with_the_sum_of_2021s_three_rows():
    s = stats(Y2020, Y2021)
    other = s["apply.other.natural_person"]
    assert (other.old, other.new, other.change) == (1, 0, -1)
    assert other.notes[0] == "2021年度为各小项之和"
    sub = s["apply.other.no_correction.natural_person"]
    assert (sub.old, sub.new, sub.notes) == (None, 0, ("2020年度无此项",))
    assert s["apply.new.total"].old == 32 and s["apply.new.total"].new == 39
    assert s["remedy.review.upheld"].old == 1 and s["remedy.review.upheld"].new == 2


def test_across_formats_table_2_compares_only_the_same_key_paths():
    s = stats(Y2020, Y2021)
    assert s["active.normative_docs.issued"].old is None
    assert s["active.normative_docs.total_published"].new is None
    assert s["active.normative_docs.total_published"].old == 21
    # gov-2019 and gov-2021 name table 2's columns differently: no path is in both.
    assert [k for k, v in s.items() if k.startswith("active.") and None not in (v.old, v.new)] == []
    assert len([k for k in s if k.startswith("active.")]) == 10 + 22  # each listed alone


def test_csv_is_utf8_with_bom_a_header_and_one_row_per_statistic(cli):
    run = cli("diff", Y2021, Y2022, "--format", "csv")
    assert run.code == 0 and run.out.startswith("\ufeff")
    assert "\r\n" in run.out
    rows = list(csv.reader(io.StringIO(run.out.removeprefix("\ufeff"), newline="")))
    assert rows[0] == ["表格", "路径", "项目", "栏目", "2021年度", "2022年度", "变化", "变化率", "标记", "说明"]
    assert len(rows) == 1 + 200
    row = next(r for r in rows if r[1] == "apply.not_processed.repeated.natural_person")
    assert row == ["三、收到和处理政府信息公开申请情况", "apply.not_processed.repeated.natural_person",
                   "（五）不予处理 2.重复申请", "自然人", "1", "12", "11", "1100.0%", "jump",
                   "大幅增加（×12.0）"]


def test_json_is_machine_readable(cli):
    run = cli("diff", Y2020, Y2021, "--format", "json")
    data = json.loads(run.out)
    assert run.code == 0
    assert data["old"] == {"file": str(Y2020), "label": "2020年度", "organ": "青溪县人力资源和社会保障局",
                           "year": 2020, "format": "gov-2019"}
    assert data["flag_rule"] == {"jump_above": 5.0, "drop_below": 0.2, "min_value": 10}
    assert [t["key"] for t in data["tables"]] == ["active", "apply", "remedy"]
    apply = {s["path"]: s for s in data["tables"][1]["stats"]}
    assert apply["new.total"] == {"path": "new.total", "row": "一、本年新收政府信息公开申请数量",
                                  "column": "总计", "old": 32, "new": 39, "change": 7,
                                  "percent": 21.88, "flag": None, "notes": []}
    active = {s["path"]: s for s in data["tables"][0]["stats"]}
    assert active["rules.in_force"]["new"] == "不适用"
    assert active["normative_docs.total_published"]["new"] is None


def test_amounts_keep_their_decimals(variant):
    old = variant(GOV_2021, ("fees: 1.2650", "fees: 1.2"), name="old.yaml")
    s = stats(old.path, GOV_2021)["active.fees"]
    assert str(s.change) == "0.0650" and f"{s.percent:.2f}" == "5.42"


def test_missing_file_and_unknown_format_are_usage_errors_in_chinese(cli, tmp_path):
    run = cli("diff", Y2021, tmp_path / "nope.yaml")
    assert run.code == 2 and "找不到文件" in run.err and run.out == ""
    run = cli("diff", Y2021, Y2022, "--format", "xlsx")
    assert run.code == 2 and "未知的输出格式" in run.err


def test_an_invalid_input_prints_its_findings_like_check_and_exits_1(cli, variant):
    bad = variant(GOV_2021, ("licensing: 86", "licensing: 很多"))
    run = cli("diff", GOV_2021, bad.path)
    assert run.code == 1 and run.out == ""
    line, column = bad.pos("很多")
    assert f"{bad.path}:{line}:{column}: error SCHEMA: " in run.err
    assert run.err.strip().endswith("已检查 1 个文件：1 个错误，0 个警告。")
