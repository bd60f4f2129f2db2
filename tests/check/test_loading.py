"""Loading: encodings, YAML syntax, duplicate and unknown keys, types, row forms, 不适用."""

from __future__ import annotations

from decimal import Decimal

import pytest

import govreport
from govreport.model import NA
from tests.conftest import GOV_2019, GOV_2021, LEGACY

NEW_ROW = "new:          [15, 2, 0, 0, 1, 0]"


def findings(path):
    return govreport.check_file(path).findings


def single(path, rule="SCHEMA"):
    found = [f for f in findings(path) if f.rule == rule]
    assert len(found) == 1, [str(f) for f in findings(path)]
    return found[0]


def at(finding):
    return finding.pos.line, finding.pos.column


# --- encodings -------------------------------------------------------------------------------

def test_utf8_with_bom_reads_without_findings(write):
    path = write("bom.yaml", b"\xef\xbb\xbf" + GOV_2021.read_bytes())
    assert findings(path) == []


def test_gb18030_file_is_read_with_an_encoding_warning(write):
    path = write("gbk.yaml", GOV_2021.read_text(encoding="utf-8").encode("gb18030"))
    found = findings(path)
    assert [f.rule for f in found] == ["ENCODING"]
    assert not found[0].is_error
    report = govreport.load(path)
    assert report.organ.value == "青溪县云岭镇人民政府"


def test_gb18030_warning_points_at_the_first_non_utf8_byte(write):
    path = write("gbk.yaml", "format: gov-2021\n# 注释\n".encode("gb18030"))
    f = single(path, "ENCODING")
    assert at(f) == (2, 3)


def test_utf16_file_is_an_error_that_says_how_to_resave(write):
    path = write("u16.yaml", GOV_2021.read_text(encoding="utf-8").encode("utf-16"))
    f = single(path)
    assert f.is_error and "UTF-16" in f.message and "UTF-8" in f.message


def test_binary_file_is_an_error_at_its_first_nul_byte(write):
    path = write("bin.yaml", b"format: gov-2021\nab\x00\x01\x02")
    f = single(path)
    assert at(f) == (2, 3) and "空字节" in f.message


def test_bytes_that_are_neither_utf8_nor_gb18030_are_an_error(write):
    path = write("bad.yaml", b"organ: \x80\xff\xfe\n")
    f = single(path)
    assert at(f) == (1, 8) and "GB18030" in f.message


def test_empty_file_is_an_error_that_suggests_init(write):
    f = single(write("empty.yaml", "\n# only a comment\n"))
    assert "govreport init" in f.message


# --- YAML syntax ----------------------------------------------------------------------------

def test_syntax_error_names_line_and_column(write):
    f = single(write("syntax.yaml", "format: gov-2021\norgan: 泉阳镇: 人民政府\nyear: 2024\n"))
    assert f.is_error and f.message.startswith("YAML 语法错误")
    assert at(f) == (2, 11)  # the second colon


def test_tab_indentation_is_explained(write):
    f = single(write("tab.yaml", "format: gov-2021\nsignoff:\n\tdate: 2025-01-20\n"))
    assert at(f) == (3, 1) and "制表符" in f.message


def test_duplicate_key_is_an_error_naming_both_places(variant):
    v = variant(GOV_2021, ("year: 2024\n", "year: 2024\nyear: 2025\n"))
    f = single(v.path)
    assert at(f) == v.pos("year: 2025")
    assert "重复" in f.message and f"第 {v.pos('year: 2024')[0]} 行" in f.message


def test_duplicate_row_key_inside_a_table_is_found(variant):
    v = variant(GOV_2021, ("      fee_unpaid:", "      no_correction:    [0, 0, 0, 0, 0, 0]\n      fee_unpaid:"))
    f = single(v.path)
    assert at(f) == v.pos("no_correction", nth=1)


def test_multiple_documents_are_refused(write):
    f = single(write("two.yaml", "format: gov-2021\n---\nformat: legacy\n"))
    assert f.pos.line == 2 and "多个 YAML 文档" in f.message


# --- unknown and missing keys ---------------------------------------------------------------

def test_unknown_top_level_key_suggests_the_closest(variant):
    v = variant(GOV_2021, ("signoff:", "signof:"))
    f = single(v.path)
    assert at(f) == v.pos("signof:")
    assert "signof" in f.message and "是否想写“signoff”" in f.message


def test_unknown_row_key_suggests_the_closest(variant):
    v = variant(GOV_2021, ("      third_party:", "      third_partie:"))
    f = next(x for x in findings(v.path) if "third_partie" in x.message)
    assert at(f) == v.pos("third_partie")
    assert "third_party" in f.message


def test_chinese_label_used_as_key_suggests_the_english_key(write):
    path = write("cn.yaml", "format: gov-2021\n发布机关: 泉阳镇人民政府\n")
    f = next(x for x in findings(path) if "发布机关" in x.message)
    assert "organ" in f.message


def test_missing_row_names_its_key_and_chinese_label(variant):
    v = variant(GOV_2021, ("      admin_query:      [0, 0, 0, 0, 0, 0]\n", ""))
    f = single(v.path)
    assert "admin_query" in f.message and "8.属于行政查询事项" in f.message
    assert at(f) == v.pos("denied:")


def test_missing_required_section_names_its_heading(variant):
    v = variant(GOV_2021, ("  other:\n    - lead: 信息处理费收取情况。", "  extra:\n    - lead: 信息处理费收取情况。"))
    messages = [f.message for f in findings(v.path)]
    assert any("六、其他需要报告的事项" in m and "other" in m for m in messages)


def test_optional_grand_total_row_may_be_left_out(variant):
    v = variant(GOV_2021, ("    total:         [15, 2, 0, 0, 1, 0, 18]\n", ""))
    assert findings(v.path) == []


# --- wrong types ----------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    ('"十二"', "文字“十二”"),
    ("-1", "不能为负数"),
    ("1.5", "应为整数"),
    ("true", "布尔值 true"),
    ("null", "缺失的数字不会被当作 0"),
    ("[1]", "列表"),
])
def test_wrong_count_types_are_reported_at_the_value(variant, written, expected):
    v = variant(GOV_2021, (NEW_ROW, f"new:          [{written}, 2, 0, 0, 1, 0]"))
    f = single(v.path)
    assert at(f) == v.pos_after("new:          [")
    assert expected in f.message
    assert "一、本年新收政府信息公开申请数量" in f.message and "自然人" in f.message


def test_a_string_in_table_2_gets_the_not_applicable_hint(variant):
    v = variant(GOV_2021, ("licensing: 86", "licensing: 无"))
    f = single(v.path)
    assert "不适用" in f.message and at(f) == v.pos_after("licensing: ")


def test_fee_with_seven_decimals_is_an_error(variant):
    v = variant(GOV_2021, ("fees: 1.2650", "fees: 24252.3110825"))
    f = single(v.path)
    assert "6 位小数" in f.message and at(f) == v.pos_after("fees: ")


def test_fee_in_wan_yuan_to_the_fen_is_accepted_exactly(variant):
    v = variant(GOV_2021, ("fees: 1.2650", "fees: 24252.311082"))
    report = govreport.load(v.path)
    assert report.tables["active"].number("fees") == Decimal("24252.311082")
    assert str(report.tables["active"].number("fees")) == "24252.311082"


def test_procurement_amount_of_gov_2019_takes_six_decimals(variant):
    v = variant(GOV_2019, ("total_amount: 318.45", "total_amount: 5949.088667"))
    report = govreport.load(v.path)
    assert report.tables["active"].number("procurement.total_amount") == Decimal("5949.088667")


def test_fee_keeps_the_decimals_as_written(variant):
    report = govreport.load(GOV_2021)
    assert report.tables["active"].number("fees") == Decimal("1.2650")


def test_year_out_of_range_is_an_error(variant):
    v = variant(GOV_2021, ("year: 2024", "year: 1999"))
    f = single(v.path)
    assert at(f) == v.pos_after("year: ") and "2008" in f.message


def test_signoff_date_written_in_chinese_gets_the_expected_form(variant):
    v = variant(GOV_2021, ("date: 2025-01-20", "date: 2025年1月20日"))
    assert "YYYY-MM-DD" in single(v.path).message


def test_unknown_format_lists_the_formats(variant):
    v = variant(GOV_2021, ("format: gov-2021", "format: gov-2022"))
    f = single(v.path)
    assert all(fid in f.message for fid in ("gov-2021", "gov-2019", "legacy"))


# --- 不适用 ----------------------------------------------------------------------------------

def test_not_applicable_in_table_2_is_kept_distinct_from_zero():
    report = govreport.load(GOV_2021)
    assert report.tables["active"].number("rules.issued") is NA
    assert report.tables["active"].number("normative_docs.repealed") == 1


def test_not_applicable_for_a_single_field(variant):
    v = variant(GOV_2021, ("coercion: 2", "coercion: 不适用"))
    assert findings(v.path) == []
    assert govreport.load(v.path).tables["active"].number("coercion") is NA


def test_not_applicable_is_refused_in_table_3(variant):
    v = variant(GOV_2021, (NEW_ROW, "new:          [不适用, 2, 0, 0, 1, 0]"))
    assert "不能填“不适用”" in single(v.path).message


# --- row forms ------------------------------------------------------------------------------

def test_six_and_seven_column_rows_and_mappings_load_the_same_numbers(variant):
    six = govreport.load(GOV_2021).tables["apply"]
    seven = govreport.load(variant(GOV_2021, (NEW_ROW, "new:          [15, 2, 0, 0, 1, 0, 18]"),
                                   name="seven.yaml").path).tables["apply"]
    mapping = govreport.load(variant(GOV_2021, (NEW_ROW, "new: {natural_person: 15, commercial: 2, research: 0, "
                                                         "public_welfare: 0, legal_service: 1, other_org: 0}"),
                                     name="mapping.yaml").path).tables["apply"]
    for tv in (six, seven, mapping):
        assert tv.number("new.natural_person") == 15
        assert tv.number("new.total") == 18


def test_row_with_five_numbers_is_an_error_that_lists_the_columns(variant):
    v = variant(GOV_2021, (NEW_ROW, "new:          [15, 2, 0, 0, 1]"))
    f = single(v.path)
    assert at(f) == v.pos_after("new:          ")
    assert "6 个数" in f.message and "7 个" in f.message and "这里有 5 个" in f.message


def test_mapping_row_missing_a_column_is_an_error(variant):
    v = variant(GOV_2021, (NEW_ROW, "new: {natural_person: 15, commercial: 2, research: 0, public_welfare: 0, legal_service: 1}"))
    assert "other_org" in single(v.path).message


def test_table_4_rows_as_lists_and_mappings_compute_totals():
    tv = govreport.load(GOV_2019).tables["remedy"]
    assert tv.number("review.total") == 3
    assert tv.number("suit_direct.total") == 2


def test_computed_totals_are_filled_for_every_row():
    tv = govreport.load(GOV_2021).tables["apply"]
    assert tv.number("total.natural_person") == 15
    assert tv.number("total.total") == 18
    assert tv.number("denied.third_party.total") == 1


def test_gov_2019_other_is_a_single_row():
    tv = govreport.load(GOV_2019).tables["apply"]
    assert tv.number("other.natural_person") == 1


def test_gov_2019_other_with_2021_sub_rows_is_an_error(variant):
    v = variant(GOV_2019, ("    other:              [1, 0, 0, 0, 0, 0]",
                           "    other:\n      no_correction: [1, 0, 0, 0, 0, 0]"))
    assert any("（六）其他处理" in f.message for f in findings(v.path))


# --- narrative ------------------------------------------------------------------------------

def test_heading_with_its_own_number_is_an_error_at_the_heading(variant):
    v = variant(GOV_2021, ("    - heading: 政府信息管理", "    - heading: （三）政府信息管理"))
    f = single(v.path)
    assert at(f) == v.pos("（三）政府信息管理") and "（三）" in f.message


def test_lead_with_its_own_number_is_an_error(variant):
    v = variant(GOV_2021, ("    - lead: 存在的主要问题。", "    - lead: 1.存在的主要问题。"))
    assert "“1.”" in single(v.path).message


def test_legacy_section_heading_with_its_own_number_is_an_error(variant):
    v = variant(LEGACY, ("  - heading: 存在的主要问题", "  - heading: 四、存在的主要问题"))
    assert "“四、”" in single(v.path).message


def test_headings_nested_deeper_than_the_format_allows_are_an_error(variant):
    deep = ("    - heading: 监督保障\n      body:\n        - heading: A\n          body:\n"
            "            - heading: B\n              body:\n                - heading: C\n"
            "                  body:\n                    - heading: D\n                      body: 文字\n"
            "    - heading: 监督保障二\n      body:")
    v = variant(GOV_2021, ("    - heading: 监督保障\n      body:", deep))
    assert "层级过深" in single(v.path).message


def test_paragraphs_are_split_at_blank_lines_and_lines_are_joined():
    report = govreport.load(GOV_2021)
    overview = report.sections[0]
    first = overview.body[0]
    assert [len(b.text.value) > 0 for b in first.body] == [True, True]
    assert "\n" not in first.body[0].text.value


def test_control_character_in_text_is_reported_at_its_position(variant):
    v = variant(GOV_2021, ("  other:\n    - lead: 信息处理费收取情况。", '  other:\n    - lead: "信息\\x01处理费收取情况。"'))
    f = single(v.path)
    assert "U+0001" in f.message
    assert f.pos.line == v.pos('"信息')[0]


def test_strict_load_raises_with_every_error(variant):
    v = variant(GOV_2021, ("year: 2024", "year: 1999"), ("licensing: 86", "licensing: -3"))
    with pytest.raises(govreport.InputError) as exc:
        govreport.load(v.path)
    assert len(exc.value.findings) == 2
