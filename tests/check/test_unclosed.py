"""Unclosed brackets and quotes: reported where they were opened (the place to fix), with the
line where the parser noticed, not only where YAML gave up."""

from __future__ import annotations

import pytest
import yaml

import govreport
from govreport import yamltree
from tests.conftest import GOV_2019, GOV_2021, LEGACY, Variant

STATS = """tables:
  stats:
    columns: [2018年度, 历年累计]
    rows:
      - {label: 主动公开文件数, unit: 条, values: [2069, 12106]}
      - {label: 其中：1.政府网站公开数, unit: 条, values: [2069, 12106]}
      - {group: 依申请公开情况}
      - {label: 受理依申请公开信息总数, unit: 条, values: [0, 0]}
"""
PREFACE = "preface: |\n  本报告根据"
"""The preface of qingxi-amr-2020.yaml, a block scalar on lines 7–8."""
UNCLOSED = 'preface: "本报告根据'
"""The same preface on line 7, in quotes, without its closing quote."""
TWO_LINES = ("编制。本报告所列数据", "编制。\n  本报告所列数据")
PREFACE_END = "0799-6623456）。\n"


def last_line(v: Variant) -> int:
    """The line number of the end of the file, as an editor shows it."""
    return v.text.count("\n") + 1


def findings(path):
    return govreport.check_file(path).findings


def single(path):
    found = findings(path)
    assert len(found) == 1, [str(f) for f in found]
    return found[0]


def at(finding):
    return finding.pos.line, finding.pos.column


def with_stats(write, *replacements: tuple[str, str]) -> Variant:
    """The 2018 legacy report with a statistics table as the format's spec writes one, after
    the textual replacements."""
    text = LEGACY.read_text(encoding="utf-8") + STATS
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return Variant(write("stats.yaml", text), text)


# --- brackets ------------------------------------------------------------------------------

def test_an_unclosed_bracket_is_reported_where_it_opens_naming_the_line_that_showed_it(variant):
    v = variant(GOV_2019, ("organ: 青溪县市场监督管理局", "organ: [青溪县市场监督管理局"))
    f = single(v.path)
    assert at(f) == v.pos("[青溪县") == (4, 8)
    assert f.message == ("YAML 语法错误：方括号“[”没有闭合：解析到第 5 行“year: 2020”时仍没有找到"
                         "对应的右方括号“]”；请在列表末尾补上“]”，或给含“[”的文字加引号")


def test_a_table_row_without_its_closing_bracket_is_reported_at_the_row(variant):
    v = variant(GOV_2021, ("new:          [15, 2, 0, 0, 1, 0]", "new:          [15, 2, 0, 0, 1, 0"))
    f = single(v.path)
    assert at(f) == v.pos("[15, 2")
    assert f"解析到第 {v.pos('carried_over:')[0]} 行“carried_over: [1, 0,…”时" in f.message


def test_an_unclosed_brace_is_reported_where_it_opens(variant):
    v = variant(GOV_2019, ("normative_docs: {new_made: 2, new_published: 2, total_published: 18}",
                           "normative_docs: {new_made: 2, new_published: 2, total_published: 18"))
    f = single(v.path)
    assert at(f) == v.pos("{new_made")
    assert f.message.startswith(f"YAML 语法错误：花括号“{{”没有闭合：解析到第 {v.pos('licensing:')[0]} 行")
    assert "请在映射末尾补上“}”" in f.message


def test_a_bracket_still_open_at_the_end_of_the_file_names_the_last_line(write):
    v = with_stats(write, ("values: [0, 0]}", "values: [0, 0]"))
    f = single(v.path)
    assert at(f) == v.pos("{label: 受理依申请公开信息总数")
    assert f"直到文件末尾（第 {last_line(v)} 行）也没有找到对应的右花括号“}}”" in f.message


def test_of_nested_brackets_the_innermost_unclosed_one_is_reported(write):
    v = with_stats(write, ("values: [2069, 12106]}", "values: [2069, 12106}"))
    f = single(v.path)
    assert at(f) == v.pos("[2069, 12106}")
    assert "方括号“[”没有闭合：第 " + str(at(f)[0]) + " 行的右花括号“}”之前缺少对应的右方括号“]”" in f.message


def test_an_outer_brace_left_open_after_a_closed_inner_bracket_is_reported(write):
    v = with_stats(write, ("values: [2069, 12106]}", "values: [2069, 12106]"))
    f = single(v.path)
    assert at(f) == v.pos("{label: 主动公开文件数")
    assert "花括号“{”没有闭合" in f.message


def test_chinese_text_before_a_bracket_counts_one_column_a_character(write):
    v = with_stats(write, ("values: [2069, 12106]}", "values: [2069, 12106}"))
    line = v.text.splitlines()[at(single(v.path))[0] - 1]
    assert at(single(v.path))[1] == line.index("[2069") + 1 == 43  # not the UTF-8 byte offset


def test_a_missing_comma_is_still_reported_at_the_item_after_it(write):
    v = with_stats(write, ("columns: [2018年度, 历年累计]", 'columns: ["2018年度" "历年累计"]'))
    f = single(v.path)
    assert at(f) == v.pos('"历年累计"')
    assert f.message == "YAML 语法错误：方括号 [ ] 中的列表没有正确结束：缺少逗号“,”或右方括号“]”"


# --- quotes --------------------------------------------------------------------------------

def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file(variant):
    v = variant(GOV_2019, (PREFACE, UNCLOSED))
    f = single(v.path)
    assert at(f) == v.pos('"本报告根据') == (7, 10)
    assert f.message == (
        f"YAML 语法错误：双引号“\"”没有闭合：第 9 行“sections:”起的内容都被读成了引号中的文字，"
        f"直到文件末尾（第 {last_line(v)} 行）也没有找到对应的右引号“\"”；请在文字末尾补上半角双引号“\"”")


def test_an_unclosed_single_quote_is_reported_where_it_opens(variant):
    v = variant(GOV_2019, ("- heading: 依申请公开", "- heading: '依申请公开"))
    f = single(v.path)
    assert at(f) == v.pos("'依申请公开")
    assert f.message.startswith("YAML 语法错误：单引号“'”没有闭合：第 16 行“body: |”起的内容")


def test_an_unclosed_quote_over_several_lines_is_reported_where_it_opens(variant):
    v = variant(GOV_2019, (PREFACE, UNCLOSED), TWO_LINES)
    f = single(v.path)
    assert at(f) == (7, 10)
    assert "第 10 行“sections:”起的内容都被读成了引号中的文字" in f.message


def test_an_unclosed_quote_on_the_last_line_names_the_end_of_the_file(variant):
    v = variant(GOV_2019, ("  date: 2021-01-25", '  date: "2021-01-25'))
    f = single(v.path)
    assert at(f) == v.pos('"2021-01-25')
    assert f"直到文件末尾（第 {last_line(v)} 行）" in f.message


def test_an_unclosed_quote_inside_brackets_is_reported_at_the_quote(write):
    v = with_stats(write, ("columns: [2018年度, 历年累计]", "columns: [\"2018年度, 历年累计]"))
    f = single(v.path)
    assert at(f) == v.pos('"2018年度')
    assert "双引号“\"”没有闭合" in f.message


def test_a_quote_closed_only_by_the_next_quote_is_reported_where_it_opens(variant):
    """The clerk's next quoted value closes the forgotten quote; the rest pairs up wrongly."""
    v = variant(GOV_2019, (PREFACE, UNCLOSED), ("  other: 无。", '  other: "无。"'))
    f = single(v.path)
    assert at(f) == (7, 10)
    assert f.message.startswith("YAML 语法错误：双引号“\"”没有闭合：第 9 行“sections:”被读成了引号中的文字，"
                                f"解析到第 {v.pos('other: ')[0]} 行才出错；")


def test_a_quote_that_swallows_the_next_key_is_an_error_even_when_yaml_accepts_it(variant):
    """The closing quote typed at the end of the next line: `year` becomes part of `organ`."""
    v = variant(GOV_2019, ("organ: 青溪县市场监督管理局\nyear: 2020",
                           "organ: \"青溪县市场监督管理局\nyear: 2020\""))
    f = next(f for f in findings(v.path) if "没有闭合" in f.message)
    assert at(f) == v.pos('"青溪县')
    assert f.message == ("双引号“\"”没有闭合：第 5 行“year: 2020\"”被读成了引号中的文字，直到第 5 行的引号才结束；"
                         "请在文字末尾补上半角双引号“\"”")


def test_a_chinese_closing_quote_is_named_as_the_likely_mistake(variant):
    v = variant(GOV_2019, (PREFACE, UNCLOSED), (PREFACE_END, "0799-6623456）。”\n"))
    assert single(v.path).message.endswith("请在文字末尾补上半角双引号“\"”（中文右引号 ” 不算）")


def test_chinese_quotation_marks_inside_the_text_are_not_taken_for_that_mistake(variant):
    v = variant(GOV_2019, (PREFACE, UNCLOSED))
    assert "“县市场监管局”" in v.text.splitlines()[6]
    assert "中文右引号" not in single(v.path).message


def test_a_quoted_value_over_several_lines_that_is_closed_is_not_an_error(variant):
    v = variant(GOV_2019, (PREFACE, UNCLOSED), TWO_LINES, (PREFACE_END, '0799-6623456）。"\n'))
    assert findings(v.path) == []


# --- both YAML readers ---------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "at_"), [
    ("organ: 青溪县市场监督管理局", "organ: [青溪县市场监督管理局", "[青溪县"),
    ("organ: 青溪县市场监督管理局", "organ: {name: 青溪县市场监督管理局", "{name"),
    (PREFACE, "preface: '本报告根据", "'本报告"),
    ("  date: 2021-01-25", '  date: "2021-01-25', '"2021'),
    ("organ: 青溪县市场监督管理局", 'organ: ["青溪县" "市场监督管理局"]', '"市场'),  # a missing comma
])
def test_pure_python_pyyaml_reports_the_same_as_libyaml(variant, monkeypatch, old, new, at_):
    v = variant(GOV_2019, (old, new))
    with_libyaml = single(v.path)
    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    assert single(v.path) == with_libyaml and at(with_libyaml) == v.pos(at_)
