"""Rule T-TEXT: a figure the narrative states is compared with the tables, and a list of results
is added up against the total it follows. The narrative is written the way real reports are;
the tables are the bureau's of tests/check/bureau.py (新收 74, 上年结转 1, 办结 73 …)."""

from __future__ import annotations

import pytest

import govreport
from govreport import statements, textfigures
from govreport.figures import UnknownPath, expand, figure
from tests.check.bureau import write_bureau
from tests.conftest import EXAMPLES, GOV_2019, GOV_2021, REPO, locate

ALL_EXAMPLES = sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("series/*.yaml")])
FIXTURES = sorted([*(REPO / "tests" / "docx" / "data").glob("*.yaml"),
                   *(REPO / "tests" / "pdfout" / "data").glob("*.yaml")])


def text_findings(tmp_path, paragraph: str, **kwargs):
    """T-TEXT's findings for the bureau's report whose 依申请公开 paragraph is `paragraph`,
    and the file's text."""
    path, text = write_bureau(tmp_path, f" |\n    {paragraph}\n", **kwargs)
    found = govreport.check_file(path).findings
    assert [f for f in found if f.rule != "T-TEXT"] == [], [str(f) for f in found]
    return found, text


def flagged(tmp_path, paragraph: str):
    found, text = text_findings(tmp_path, paragraph)
    assert len(found) == 1, [str(f) for f in found]
    return found[0], text


# --- each phrase: the table's figure passes, another number is flagged at the number ----------

PHRASES = [
    # (the sentence as reports write it, the figure, a wrong number, the label the message names)
    ("2024年，我局共新收政府信息公开申请{}件。", "74", "76", "一、本年新收政府信息公开申请数量"),
    ("本年度受理政府信息公开申请{}件，均在法定期限内答复。", "74", "47", "一、本年新收政府信息公开申请数量"),
    ("本年度新收申请74件，上年结转{}件。", "1", "3", "二、上年结转政府信息公开申请数量"),
    ("上年度结转政府信息公开申请{}件，已全部办结。", "1", "2", "二、上年结转政府信息公开申请数量"),
    ("截至年底，结转下年度继续办理{}件。", "2", "4", "四、结转下年度继续办理"),
    ("全年共办结政府信息公开申请{}件，办结率100%。", "73", "75", "（七）总计"),
    ("全年新收申请74件，已答复{}件，均未超过法定期限。", "73", "72", "（七）总计"),
    ("在已办结的申请中，予以公开{}件。", "30", "31", "（一）予以公开"),
    ("在已办结的申请中，予以公开及部分公开{}件，占54.8%。", "40", "38", "（二）部分公开"),
    ("在已办结的申请中，部分公开{}件。", "10", "12", "（二）部分公开"),
    ("在已办结的申请中，不予公开{}件，主要是涉及第三方合法权益。", "5", "6", "（三）不予公开"),
    ("在已办结的申请中，无法提供{}件。", "20", "21", "（四）无法提供"),
    ("在已办结的申请中，不予处理{}件。", "6", "9", "（五）不予处理"),
    ("在已办结的申请中，其他处理{}件。", "2", "3", "（六）其他处理"),
    ("全年因政府信息公开工作被申请行政复议{}件。", "4", "5", "行政复议"),
    ("全年因政府信息公开工作被申请行政复议{}宗。", "4", "6", "行政复议"),
    ("全年被提起行政诉讼{}件，目前均在审理中。", "3", "5", "行政诉讼"),
    ("被提起行政诉讼3件，其中未经复议直接起诉{}件。", "2", "3", "未经复议直接起诉"),
    ("被提起行政诉讼3件，其中复议后起诉{}件。", "1", "2", "复议后起诉"),
    ("本年度制发行政规范性文件{}件，均同步发布政策解读。", "5", "4", "行政规范性文件"),
    ("清理后，现行有效行政规范性文件{}件。", "31", "30", "现行有效件数"),
    ("全年作出行政许可决定{}件，均在7个工作日内公开。", "1286", "1268", "行政许可"),
    ("全年作出行政处罚决定{}件。", "37", "73", "行政处罚"),
    ("全年作出行政强制决定{}件。", "3", "8", "行政强制"),
    ("本年度行政事业性收费金额{}万元。", "3.58", "3.85", "行政事业性收费"),
]


@pytest.mark.parametrize(("sentence", "right", "wrong", "label"), PHRASES,
                         ids=[p[0][:14] for p in PHRASES])
def test_a_phrase_stating_the_tables_figure_passes(tmp_path, sentence, right, wrong, label):
    found, _ = text_findings(tmp_path, sentence.format(right))
    assert found == []


@pytest.mark.parametrize(("sentence", "right", "wrong", "label"), PHRASES,
                         ids=[p[0][:14] for p in PHRASES])
def test_a_phrase_stating_another_number_is_flagged_at_the_number(tmp_path, sentence, right,
                                                                  wrong, label):
    f, text = flagged(tmp_path, sentence.format(wrong))
    assert not f.is_error
    line, column = locate(text, sentence.format(wrong))
    assert (f.pos.line, f.pos.column) == (line, column + sentence.index("{}"))
    assert f"中的 {wrong} 与统计表不一致" in f.message
    assert label in f.message and f"为 {right}" in f.message.replace("3.5800", "3.58")


def test_the_message_quotes_the_clause_and_offers_the_reference(tmp_path):
    f, _ = flagged(tmp_path, "2024年，我局共新收政府信息公开申请76件，同比增长8.6%。")
    assert f.message == (
        "正文“我局共新收政府信息公开申请76件”中的 76 与统计表不一致：“一、本年新收政府信息公开申请数量”"
        "的“总计”为 74，加上“二、上年结转政府信息公开申请数量”的“总计”为 75；请核对，"
        "或写成 {{ apply.new.total }} 引用表中的数字")


# --- what a phrase can reasonably mean --------------------------------------------------------

def test_received_may_count_last_years_carried_over_applications(tmp_path):
    found, _ = text_findings(tmp_path, "全年共收到政府信息公开申请75件（含上年结转1件），均已按时答复。")
    assert found == []


def test_granted_may_count_the_partly_granted(tmp_path):
    found, _ = text_findings(tmp_path, "在已办结的73件申请中，予以公开40件（含部分公开10件）。")
    assert found == []


def test_a_result_may_name_one_row_of_its_group(tmp_path):
    found, _ = text_findings(tmp_path, "无法提供的申请中，因本机关不掌握相关政府信息而无法提供的17件，"
                                       "均已告知申请人负责公开该信息的行政机关。")
    assert found == []


def test_a_suit_may_name_one_of_its_two_kinds(tmp_path):
    found, _ = text_findings(tmp_path, "年内被直接提起行政诉讼2件，法院尚未作出判决。")
    assert found == []


def test_an_amount_may_be_rounded_or_given_in_yuan(tmp_path):
    found, _ = text_findings(tmp_path, "行政事业性收费3.6万元（35800元），收费依据和标准均已公开。")
    assert found == []


def test_an_amount_rounded_wrongly_is_flagged(tmp_path):
    f, _ = flagged(tmp_path, "本年度行政事业性收费金额3.5万元。")
    assert "3.5800" in f.message


def test_a_reference_printed_for_another_phrase_is_flagged_with_its_path(tmp_path):
    f, text = flagged(tmp_path, "本年度新收申请74件，上年结转{{ apply.new.total }}件。")
    assert (f.pos.line, f.pos.column) == locate(text, "{{ apply.new.total }}")
    assert "中的 74 与统计表不一致（这个数由 {{ apply.new.total }} 引用）" in f.message
    assert "请检查引用的是不是这个数" in f.message


def test_a_not_applicable_figure_is_never_compared(tmp_path):
    found, _ = text_findings(tmp_path, "本局没有规章制定权，配合市政府制定规章2件。")
    assert found == []


# --- numbers that state no table figure -------------------------------------------------------

def test_numbers_in_dates_document_numbers_and_deadlines_are_not_figures(tmp_path):
    found, _ = text_findings(tmp_path, (
        "按照国办公开办函〔2021〕30号要求，自2024年1月1日起，本局新收政府信息公开申请均在收到后"
        "20个工作日内答复，《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定的收费标准"
        "在收费公示栏公开。"))
    assert found == []


def test_another_years_figure_is_not_compared(tmp_path):
    found, _ = text_findings(tmp_path, "2023年共收到政府信息公开申请65件，2024年新收74件。")
    assert found == []


def test_a_change_from_last_year_is_not_compared(tmp_path):
    found, _ = text_findings(tmp_path, "本年度新收申请较上年增加9件，上年同期新收申请65件。")
    assert found == []


def test_approximate_numbers_are_not_compared(tmp_path):
    found, _ = text_findings(tmp_path, "全年收到政府信息公开申请70余件，其中涉及征收补偿的约40件，"
                                       "受理群众诉求1.2万件。")
    assert found == []


def test_a_figure_of_one_kind_of_applicant_is_not_compared(tmp_path):
    found, _ = text_findings(tmp_path, "其中自然人申请52件；自然人申请中予以公开20件。")
    assert found == []


def test_a_clause_naming_two_figures_is_not_compared(tmp_path):
    found, _ = text_findings(tmp_path, "被申请行政复议和提起行政诉讼的共7件。")
    assert found == []


def test_a_result_of_a_reconsideration_is_not_its_total(tmp_path):
    found, _ = text_findings(tmp_path, "行政复议结果纠正1件，对行政复议中被纠正的1件已重新作出答复。")
    assert found == []


def test_cases_the_organ_decides_as_reconsideration_body_are_not_table_4(tmp_path):
    found, _ = text_findings(tmp_path, "全年办理行政复议案件356件，其中涉及政府信息公开的4件。")
    assert found == []


def test_documents_disclosure_attributes_are_not_application_results(tmp_path):
    found, _ = text_findings(tmp_path, "全年审核公文312件，其中主动公开148件、依申请公开90件、不予公开74件。")
    assert found == []


def test_a_total_of_petitions_or_lawsuits_in_general_is_not_table_3_or_4(tmp_path):
    found, _ = text_findings(tmp_path, "全年办结群众来信来访23件，按期办结率100%。局主要负责人出庭应诉"
                                       "行政诉讼案件12件，全年查处行政处罚案件120件。")
    assert found == []


def test_papers_an_applicant_sends_are_not_applications(tmp_path):
    found, _ = text_findings(tmp_path, "全年收到申请人提交的补正材料5件，均在补正后重新计算答复期限。")
    assert found == []


def test_information_processing_fees_are_not_the_administrative_fees(tmp_path):
    found, _ = text_findings(tmp_path, "本年度向申请人收取信息处理费1860元，收费依据为国办函〔2020〕109号；"
                                       "配合做好城区停车收费2.3万元的清理工作。")
    assert found == []


# --- a list of results after a stated total ---------------------------------------------------

RECEIVED = "本年度新收政府信息公开申请74件，上年结转1件。"
RESULTS = "其中予以公开30件，部分公开10件，不予公开5件，无法提供20件，不予处理6件，其他处理2件"


def test_a_list_of_every_result_that_adds_up_to_its_total_passes(tmp_path):
    found, _ = text_findings(tmp_path, f"{RECEIVED}全年已办结73件，{RESULTS}；结转下年度继续办理2件。")
    assert found == []


def test_a_list_of_every_result_that_adds_up_to_less_than_its_total_is_flagged_at_the_total(tmp_path):
    # 办结81件 is a wrong total; every item is right, so only the list and the total disagree.
    found, text = text_findings(tmp_path, f"{RECEIVED}全年已办结81件，{RESULTS}。")
    listed = next(f for f in found if "之后列出的" in f.message)
    assert (listed.pos.line, listed.pos.column) == locate(text, "81件")
    assert listed.message == ("正文“全年已办结81件”之后列出的予以公开、部分公开、不予公开、无法提供、"
                              "不予处理、其他处理共 73 件（30+10+5+20+6+2），与所写的 81 件不符；请核对")
    assert [f.message for f in found if f is not listed] == [
        "正文“全年已办结81件”中的 81 与统计表不一致：“（七）总计”的“总计”为 73；请核对，"
        "或写成 {{ apply.total.total }} 引用表中的数字"]


def test_a_list_whose_items_each_name_a_row_but_add_up_to_more_is_flagged(tmp_path):
    # Each item matches a figure of its phrase (不予公开 4 is the 第三方 row), the sum does not.
    found, _ = text_findings(tmp_path, f"{RECEIVED}已办结73件，其中予以公开40件、部分公开10件、"
                                       "不予公开4件、无法提供17件、不予处理4件、其他处理2件。")
    [f] = found
    assert "共 77 件（40+10+4+17+4+2），与所写的 73 件不符" in f.message


def test_a_list_after_a_total_of_the_applications_it_names_is_added_up(tmp_path):
    found, _ = text_findings(tmp_path, "从办理结果看，在已办结的73件申请中，予以公开30件，部分公开10件，"
                                       "两项合计占54.8%；不予公开5件，无法提供20件，不予处理6件，其他处理3件。")
    assert [f.message for f in found if "之后列出的" in f.message] == [
        "正文“在已办结的73件”之后列出的予以公开、部分公开、不予公开、无法提供、不予处理、其他处理共 74 件"
        "（30+10+5+20+6+3），与所写的 73 件不符；请核对"]


def test_a_list_naming_only_some_results_need_not_add_up(tmp_path):
    found, _ = text_findings(tmp_path, f"{RECEIVED}已办结73件，其中予以公开30件，部分公开10件，均按期答复。")
    assert found == []


def test_a_list_naming_every_result_the_table_does_not_hold_at_0_must_add_up(tmp_path):
    path, text = write_bureau(tmp_path, f" |\n    {RECEIVED}已办结71件，其中予以公开30件，部分公开10件，"
                                        "不予公开5件，无法提供20件，不予处理5件。\n")
    text = text.replace("no_correction:    [1, 1, 0, 0, 0, 0]", "no_correction:    [0, 0, 0, 0, 0, 0]")
    text = text.replace("carry_forward: [0, 1, 0, 0, 1, 0]", "carry_forward: [1, 2, 0, 0, 1, 0]")
    path.write_text(text, encoding="utf-8")
    found = govreport.check_file(path).findings
    assert [f.rule for f in found] == ["T-TEXT", "T-TEXT"]  # 不予处理 5 ≠ 6, and the sum 70 ≠ 71
    assert "共 70 件" in found[0].message


def test_bracketed_sub_items_are_not_counted_in_the_list(tmp_path):
    found, _ = text_findings(tmp_path, (
        f"{RECEIVED}全年已办结73件，其中予以公开30件，部分公开10件，不予公开5件（其中涉及第三方合法权益的4件），"
        "无法提供20件（其中本机关不掌握相关政府信息17件），不予处理6件，其他处理2件。"))
    assert found == []


def test_a_list_with_a_doubtful_item_is_not_added_up(tmp_path):
    found, _ = text_findings(tmp_path, f"{RECEIVED}已办结73件，其中予以公开约28件，部分公开10件，"
                                       "不予公开5件，无法提供20件，不予处理6件，其他处理2件。")
    assert found == []


def test_a_legacy_report_without_tables_still_adds_up_its_lists(variant):
    legacy = REPO / "tests" / "docx" / "data" / "legacy-stats.yaml"
    v = variant(legacy, ("全年收到政府信息公开申请5件，均已按期答复，其中同意公开4件，不属于本机关公开范围1件。",
                         "全年办结政府信息公开申请12件，其中予以公开3件，部分公开2件，不予公开1件，"
                         "无法提供2件，不予处理1件，其他处理1件。"))
    [f] = govreport.check_file(v.path).findings
    assert f.rule == "T-TEXT" and "共 10 件" in f.message and "所写的 12 件" in f.message


def test_a_pasted_paragraph_of_wrong_figures_is_listed_up_to_a_limit(tmp_path):
    path, _ = write_bureau(tmp_path, " |\n    " + "全年新收政府信息公开申请70件，" * 150 + "\n")
    found = govreport.check_file(path).findings
    assert len(found) == textfigures.MAX_LISTED + 1
    assert "还有 50 处数字与统计表不一致" in found[-1].message


# --- the examples and other formats -----------------------------------------------------------

@pytest.mark.parametrize("path", ALL_EXAMPLES + FIXTURES, ids=lambda p: p.stem)
def test_no_example_has_a_text_finding(path):
    found = govreport.check_file(path, similar_threshold=1.0).findings
    assert [str(f) for f in found if f.rule == "T-TEXT"] == []


def test_gov_2019_compares_its_own_table_2_fields(variant):
    v = variant(GOV_2019, ("全年制发并公开规范性文件{{ active.normative_docs.new_made }}件",
                           "全年制发并公开规范性文件3件"))
    [f] = govreport.check_file(v.path, similar_threshold=1.0).findings
    assert f.rule == "T-TEXT" and "“规范性文件”的“本年新制作数量”为 2" in f.message


def names_figures(report, expression: str) -> bool:
    paths = [p for term in expression.split("+") for p in expand(report, term.strip())]
    try:
        return bool(paths) and all(figure(report, p) for p in paths)
    except UnknownPath:
        return False


def test_every_figure_the_phrases_name_is_a_figure_of_a_format():
    reports = [govreport.load(path) for path in (GOV_2021, GOV_2019)]
    data = statements.phrases()
    expressions = [e for p in data.phrases for e in p.figures] + list(data.results.values())
    for expression in expressions:
        assert any(names_figures(r, expression) for r in reports), expression


def test_an_office_can_add_its_own_wording(tmp_path, monkeypatch):
    data = statements.template_data(statements.PHRASES_FILE)
    local = {**data, "phrases": [*data["phrases"], {
        "name": "依申请公开登记", "words": ["登记"], "with": ["申请"], "units": ["件"],
        "figures": ["apply.new.total"]}]}
    monkeypatch.setattr(statements, "template_data", lambda name: local)
    statements.phrases.cache_clear()
    try:
        f, _ = flagged(tmp_path, "全年登记政府信息公开申请70件。")
    finally:
        statements.phrases.cache_clear()
    assert "为 74" in f.message
