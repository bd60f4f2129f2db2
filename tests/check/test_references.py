"""Number references `{{ path }}` (input-format.md v2): the narrative prints the tables' numbers,
and every character of a printed number points back at its reference in the file."""

from __future__ import annotations

import govreport
from govreport.model import iter_block_texts
from tests.check.bureau import write_bureau
from tests.conftest import GOV_2019, REPO, locate

LEGACY_STATS = REPO / "tests" / "docx" / "data" / "legacy-stats.yaml"


def narrative(report) -> list[str]:
    return [t.value for s in report.sections for t in iter_block_texts(s.body)]


def overview_text(report) -> str:
    return "".join(t.value for t in iter_block_texts(report.sections[0].body))


def load_overview(tmp_path, body: str):
    path, text = write_bureau(tmp_path, " |\n" + "".join(f"    {line}\n" for line in body.split("\n")))
    return govreport.load(path, strict=False), text


def schema_errors(report):
    return [f for f in report.findings if f.rule == "SCHEMA"]


def test_a_reference_prints_the_number_the_table_holds(tmp_path):
    report, _ = load_overview(tmp_path, "全年新收政府信息公开申请{{ apply.new.total }}件，"
                                        "其中自然人申请{{ apply.new.natural_person }}件。")
    assert overview_text(report) == "全年新收政府信息公开申请74件，其中自然人申请52件。"
    assert report.findings == []


def test_references_name_computed_totals_group_sums_and_both_kinds_of_suit(tmp_path):
    report, _ = load_overview(tmp_path, (
        "已办结{{ apply.total.total }}件，无法提供{{ apply.unable.total }}件，"
        "结转下年度继续办理{{ apply.carry_forward.total }}件。被申请行政复议{{ remedy.review.total }}件，"
        "被提起行政诉讼{{ remedy.suit.total }}件，其中结果维持{{ remedy.suit.upheld }}件。"))
    assert overview_text(report) == ("已办结73件，无法提供20件，结转下年度继续办理2件。"
                                     "被申请行政复议4件，被提起行政诉讼3件，其中结果维持2件。")


def test_an_amount_prints_the_decimals_written_and_not_applicable_prints_a_slash(tmp_path):
    report, _ = load_overview(tmp_path, "行政事业性收费{{ active.fees }}万元，制定规章{{ active.rules.issued }}件。")
    assert overview_text(report) == "行政事业性收费3.5800万元，制定规章/件。"


def test_spaces_inside_the_braces_are_optional(tmp_path):
    report, _ = load_overview(tmp_path, "新收申请{{apply.new.total}}件，上年结转{{  apply.carried_over.total }}件。")
    assert overview_text(report) == "新收申请74件，上年结转1件。"


def test_every_digit_of_a_number_points_at_its_reference_in_a_block_scalar(tmp_path):
    report, text = load_overview(tmp_path, "全年行政许可决定{{ active.licensing }}件。")
    paragraph = report.sections[0].body[0].text
    at = paragraph.value.index("1286")
    where = locate(text, "{{ active.licensing }}")
    assert [(paragraph.pos_at(i).line, paragraph.pos_at(i).column) for i in range(at, at + 4)] \
        == [where] * 4


def test_text_after_a_reference_keeps_its_position(tmp_path):
    report, text = load_overview(tmp_path, "新收申请{{ apply.new.total }}件。【请填写：申请的主要内容】")
    found = govreport.check(report)
    assert [(f.rule, f.pos.line, f.pos.column) for f in found] == \
        [("PLACEHOLDER", *locate(text, "【请填写"))]


def test_a_reference_wrapped_over_two_lines_of_a_block_scalar_is_read_whole(tmp_path):
    report, text = load_overview(tmp_path, "全年共新收政府信息公开申请{{ apply.new.\ntotal }}件。")
    assert overview_text(report) == "全年共新收政府信息公开申请74件。"
    paragraph = report.sections[0].body[0].text
    pos = paragraph.pos_at(paragraph.value.index("74"))
    assert (pos.line, pos.column) == locate(text, "{{ apply.new.")


def test_positions_in_a_quoted_string_and_in_a_flow_mapping(tmp_path):
    overview = ('\n    - "全年新收政府信息公开申请{{ apply.new.total }}件。"\n'
                "    - {lead: 执法公示。, text: \"作出行政处罚决定{{ active.penalty }}件。\"}\n")
    path, text = write_bureau(tmp_path, overview)
    report = govreport.load(path)
    quoted, lead = report.sections[0].body
    pos = quoted.text.pos_at(quoted.text.value.index("74"))
    assert (pos.line, pos.column) == locate(text, "{{ apply.new.total }}")
    pos = lead.text.pos_at(lead.text.value.index("37"))
    assert (pos.line, pos.column) == locate(text, "{{ active.penalty }}")
    assert lead.text.value == "作出行政处罚决定37件。"


def test_a_position_after_an_escape_in_a_quoted_string_is_the_string_s_own(tmp_path):
    overview = '\n    - "新收申请{{ apply.new.total }}件，\\u3000其中自然人{{ apply.new.natural_person }}件。"\n'
    path, text = write_bureau(tmp_path, overview)
    report = govreport.load(path)
    [quoted] = report.sections[0].body
    before = quoted.text.pos_at(quoted.text.value.index("74"))
    assert (before.line, before.column) == locate(text, "{{ apply.new.total }}")
    after = quoted.text.pos_at(quoted.text.value.index("其中"))
    assert (after.line, after.column) == locate(text, '"新收申请')


def test_an_unquoted_reference_that_yaml_reads_as_a_mapping_says_to_quote_it(tmp_path):
    for overview in ("\n    - {{ apply.new.total }}件申请均已办结。\n",
                     "\n    - {lead: 执法公示。, text: 作出行政处罚决定{{ active.penalty }}件。}\n"):
        path, text = write_bureau(tmp_path, overview)
        [f] = govreport.check_file(path).findings
        assert (f.pos.line, f.pos.column) == locate(text, "{{"), overview
        assert "需要加引号" in f.message and "| 写法" in f.message


def test_an_unknown_path_is_a_schema_error_at_its_braces_with_did_you_mean(tmp_path):
    report, text = load_overview(tmp_path, "全年新收政府信息公开申请{{ apply.nwe.total }}件。")
    [f] = schema_errors(report)
    assert f.is_error and (f.pos.line, f.pos.column) == locate(text, "{{ apply.nwe")
    assert "“nwe”" in f.message
    assert "是否想写“{{ apply.new.total }}”（“一、本年新收政府信息公开申请数量”的“总计”）" in f.message


def test_a_row_without_a_column_suggests_its_total(tmp_path):
    report, _ = load_overview(tmp_path, "上年结转{{ apply.carried_over }}件。")
    [f] = schema_errors(report)
    assert "还要写列" in f.message and "{{ apply.carried_over.total }}" in f.message


def test_a_chinese_label_in_a_path_suggests_its_key(tmp_path):
    report, _ = load_overview(tmp_path, "无法提供{{ apply.无法提供.total }}件。")
    [f] = schema_errors(report)
    assert "{{ apply.unable.total }}" in f.message and "（四）无法提供" in f.message


def test_a_wrong_key_at_each_level_is_corrected_in_one_suggestion(tmp_path):
    report, _ = load_overview(tmp_path, "其中不掌握相关信息{{ aply.unable.not_hold.totl }}件。")
    [f] = schema_errors(report)
    assert "{{ apply.unable.not_held.total }}" in f.message


def test_a_path_without_a_close_key_lists_the_keys_that_fit(tmp_path):
    report, _ = load_overview(tmp_path, "制发行政规范性文件{{ active.normative_docs.xyz }}件。")
    [f] = schema_errors(report)
    assert "没有“xyz”" in f.message and "issued、repealed、in_force" in f.message


def test_a_single_number_item_takes_no_field(tmp_path):
    report, _ = load_overview(tmp_path, "行政许可{{ active.licensing.decisions }}件。")
    [f] = schema_errors(report)
    assert "{{ active.licensing }}" in f.message


def test_an_unclosed_reference_is_an_error_where_it_opens(tmp_path):
    report, text = load_overview(tmp_path, "新收申请{{ apply.new.total 件。")
    [f] = schema_errors(report)
    assert (f.pos.line, f.pos.column) == locate(text, "{{ apply")
    assert "缺少结尾的“}}”" in f.message


def test_a_reference_to_a_cell_that_could_not_be_read_adds_no_error_of_its_own(tmp_path):
    report, text = load_overview(tmp_path, "新收申请{{ apply.new.total }}件。")
    broken = text.replace("new:          [52, 14, 1, 2, 4, 1]", "new:          [52, 14, x, 2, 4, 1]")
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    report = govreport.load(tmp_path / "broken.yaml", strict=False)
    assert len(report.findings) == 1 and "科研机构" in report.findings[0].message
    assert overview_text(report) == "新收申请{{ apply.new.total }}件。"


def test_gov_2019_references_follow_its_own_table_2():
    assert "行政处罚决定书{{ active.penalty.decisions }}份" in GOV_2019.read_text(encoding="utf-8")
    assert "行政处罚决定书286份全文公开" in overview_text(govreport.load(GOV_2019))


# --- legacy: a statistics row by its label -----------------------------------------------------

LEGACY_BODY = "全年收到政府信息公开申请5件，均已按期答复，其中同意公开4件，不属于本机关公开范围1件。"


def test_legacy_reference_names_a_stats_row_by_its_label(variant):
    v = variant(LEGACY_STATS, ("columns: [2016年, 2017年]", "columns: [2017年]"),
                *((f"values: [{a}, {b}]", f"values: [{b}]") for a, b in (
                    (298, 326), (4, 3), (3, 5), (1, 2), ("不适用", "0.00"), (0, 0))),
                ("values: [3, 5]", "values: [5]"),
                (LEGACY_BODY, "全年收到政府信息公开申请{{ stats.收到申请数 }}件，均已按期答复。"))
    report = govreport.load(v.path)
    assert "全年收到政府信息公开申请5件，均已按期答复。" in narrative(report)


def test_legacy_rows_of_several_columns_are_named_with_the_column_label(variant):
    v = variant(LEGACY_STATS, (LEGACY_BODY, "收到申请{{ stats.收到申请数.2017年 }}件，"
                                            "上年为{{ stats.收到申请数.2016年 }}件。"))
    assert "收到申请5件，上年为3件。" in narrative(govreport.load(v.path))


def test_legacy_row_of_several_columns_without_the_column_is_an_error_that_names_them(variant):
    v = variant(LEGACY_STATS, (LEGACY_BODY, "收到申请{{ stats.收到申请数 }}件。"))
    [f] = schema_errors(govreport.load(v.path, strict=False))
    assert "2 个数值列（2016年、2017年）" in f.message
    assert (f.pos.line, f.pos.column) == v.pos("{{ stats")


def test_legacy_label_may_hold_dots(variant):
    v = variant(LEGACY_STATS, ("label: 其中：主动公开规范性文件数", "label: 其中：1.规范性文件数"),
                (LEGACY_BODY, "主动公开规范性文件{{ stats.其中：1.规范性文件数.2017年 }}件。"))
    assert "主动公开规范性文件3件。" in narrative(govreport.load(v.path))


def test_legacy_unknown_label_suggests_the_closest(variant):
    v = variant(LEGACY_STATS, (LEGACY_BODY, "收到申请{{ stats.收到申请.2017年 }}件。"))
    [f] = schema_errors(govreport.load(v.path, strict=False))
    assert "没有指标“收到申请”" in f.message
    assert "{{ stats.收到申请数.2017年 }}" in f.message


def test_legacy_two_rows_of_one_label_cannot_be_referenced(variant):
    v = variant(LEGACY_STATS, ("label: 申请办结数", "label: 收到申请数"),
                (LEGACY_BODY, "收到申请{{ stats.收到申请数.2017年 }}件。"))
    [f] = schema_errors(govreport.load(v.path, strict=False))
    assert "有 2 行的指标都是“收到申请数”" in f.message


def test_a_gov_report_has_no_stats_table_to_name(tmp_path):
    report, _ = load_overview(tmp_path, "主动公开信息{{ stats.主动公开政府信息数 }}条。")
    [f] = schema_errors(report)
    assert "gov-2021 格式没有统计表“stats”" in f.message and "active、apply、remedy" in f.message
