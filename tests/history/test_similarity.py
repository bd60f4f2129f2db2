"""X-SIMILAR: a narrative section that repeats too much of last year's (内容雷同)."""

from __future__ import annotations

import random
import re

import pytest

import govreport
from govreport.history import similarity
from govreport.model import Text, iter_block_texts
from govreport.position import Pos
from tests.conftest import GOV_2019, LEGACY
from tests.history.conftest import Y2021, Y2022


def block(text: str, key: str) -> str:
    """The lines of section `key` in a gov-* example file, up to the next section."""
    start = text.index(f"\n  {key}:\n") + 1
    end = text.index("\n  ", text.index("\n", start) + 1)
    while text[end + 3] == " ":  # deeper lines belong to the section
        end = text.index("\n  ", end + 1)
    return text[start:end + 1]


def this_year(variant, problems: str | None = None, *replacements):
    """Last year (2021) beside a 2022 whose `problems` section is `problems`."""
    variant(Y2021)
    text = Y2022.read_text(encoding="utf-8")
    changes = list(replacements)
    if problems is not None:
        changes.insert(0, (block(text, "problems"), problems))
    return variant(Y2022, *changes)


def similar(path, **kw):
    return [f for f in govreport.check_file(path, **kw).findings if f.rule == "X-SIMILAR"]


LAST_PROBLEMS = block(Y2021.read_text(encoding="utf-8"), "problems")


def test_a_copied_section_is_warned_at_the_section_with_percentage_and_quotes(variant):
    v = this_year(variant, LAST_PROBLEMS)
    found = govreport.check_file(v.path).findings
    assert [f.rule for f in found] == ["X-SIMILAR"]
    f = found[0]
    assert not f.is_error
    assert (f.pos.line, f.pos.column) == v.pos("- lead: 存在的主要问题。")
    assert "“五、存在的主要问题及改进情况”有 100% 的文字" in f.message
    assert "qingxi-hrss-2021.yaml" in f.message and "内容雷同" in f.message
    longest = "针对2020年度报告提出的属性认定把握不准、政策解读形式单一两个问题，我局制定了公开属性认定指引表，" \
        "并推出“人社政策一图读懂”系列图解18期，群众留言反馈普遍较好。"
    assert longest in LAST_PROBLEMS
    assert f"重复的句子如“{longest[:40]}…”、“二是欠薪治理" in f.message  # longest first, cut at 40


def test_a_rewritten_section_is_not_warned(variant):
    rewritten = LAST_PROBLEMS.replace(
        "一是依申请公开答复的法律依据引用不够准确，年内有1件行政复议案件被纠正；二是欠薪治理、技能培训等领域的基层公开仍有盲区，乡镇劳动保障所公开内容不统一。",
        "答复文书援引法条时有错漏，曾因此被复议机关纠正一次；基层劳动保障所的公开栏目各搞一套，欠薪和培训信息时有遗漏。").replace(
        "针对2020年度报告提出的属性认定把握不准、政策解读形式单一两个问题，我局制定了公开属性认定指引表，并推出“人社政策一图读懂”系列图解18期，群众留言反馈普遍较好。",
        "前一年报告所列两项不足均已整改：印发了判定公开属性的指引表；图解产品累计推出18期，留言区好评居多。").replace(
        "一是编写依申请公开答复常用法律条款对照表，重要答复书经法律顾问审核后出具；二是指导各乡镇劳动保障所统一公开栏目和内容，每季度抽查一次。",
        "明年将整理答复中常引用的法条供经办人对照，要件复杂的答复先送法律顾问把关；乡镇所的栏目按县里模板统一，按季抽查。")
    assert rewritten != LAST_PROBLEMS
    assert similar(this_year(variant, rewritten).path) == []


def test_the_rewritten_series_is_not_warned():
    assert similar(Y2022) == [] and similar(Y2021) == []


def test_a_copy_with_only_the_figures_changed_is_still_a_copy(variant):
    copied = LAST_PROBLEMS.replace("年内有1件", "年内有2件").replace("2020年度", "2021年度") \
        .replace("图解18期", "图解25期")
    assert copied != LAST_PROBLEMS
    f = similar(this_year(variant, copied).path)
    assert len(f) == 1 and "100%" in f[0].message


def test_a_copy_in_another_order_is_still_a_copy(variant):
    leads = LAST_PROBLEMS.split("    - lead: ")
    shuffled = leads[0] + "    - lead: " + "    - lead: ".join([leads[3], leads[1], leads[2]])
    assert shuffled != LAST_PROBLEMS
    assert len(similar(this_year(variant, shuffled).path)) == 1


def _partly_copied(variant):
    """One of the three items copied from last year, the other two this year's own."""
    text = Y2022.read_text(encoding="utf-8")
    ours = block(text, "problems")
    last_second = LAST_PROBLEMS.split("\n")[4]
    ours_second = ours.split("\n")[4]
    return this_year(variant, ours.replace(ours_second, last_second))


def test_below_the_threshold_nothing_is_said(variant):
    v = _partly_copied(variant)
    assert similar(v.path) == []


def test_the_threshold_is_configurable_in_the_api(variant):
    v = _partly_copied(variant)
    report = govreport.load(v.path)
    assert [f.rule for f in govreport.check(report, similar_threshold=0.2)] == ["X-SIMILAR"]
    assert govreport.check(report) == govreport.check(report, similar_threshold=0.6) == []
    f = similar(v.path, similar_threshold=0.2)[0]
    share = int(re.search(r"有 (\d+)% 的文字", f.message).group(1))
    assert "（超过 20%）" in f.message and 20 < share < 40  # one item of three


def test_the_threshold_is_configurable_on_the_command_line(cli, variant):
    v = _partly_copied(variant)
    run = cli("check", "--similar-threshold", "20", v.path)
    assert run.code == 0 and "warning X-SIMILAR" in run.out
    assert "X-SIMILAR" not in cli("check", v.path).out
    copied = this_year(variant, LAST_PROBLEMS)
    assert "X-SIMILAR" not in cli("check", "--similar-threshold", "100", copied.path).out


def test_the_threshold_can_come_from_the_environment(cli, variant, monkeypatch):
    v = _partly_copied(variant)
    monkeypatch.setenv(similarity.ENV_VAR, "20%")
    assert "X-SIMILAR" in cli("check", v.path).out
    assert [f.rule for f in govreport.check(govreport.load(v.path))] == ["X-SIMILAR"]
    assert "X-SIMILAR" not in cli("check", "--similar-threshold", "90", v.path).out  # option wins


@pytest.mark.parametrize("value", ["0", "120", "六十"])
def test_a_bad_threshold_is_a_chinese_usage_error(cli, value):
    run = cli("check", "--similar-threshold", value, Y2022)
    assert run.code == 2 and "--similar-threshold 应为" in run.err


def test_a_bad_threshold_in_the_environment_is_a_usage_error(cli, monkeypatch):
    monkeypatch.setenv(similarity.ENV_VAR, "abc")
    run = cli("check", Y2022)
    assert run.code == 2 and similarity.ENV_VAR in run.err
    with pytest.raises(ValueError, match=similarity.ENV_VAR):
        govreport.check(govreport.load(Y2022))


def test_a_short_section_is_not_judged(variant):
    v = this_year(variant, None, ("text: 2022年度我局未向申请人收取任何信息处理费。", "text: 本年度未收取信息处理费。"))
    assert similar(v.path) == []  # the same sentence as last year, in a section too short to judge


def test_placeholder_only_sections_do_not_count(cli, tmp_path):
    first, second = tmp_path / "2023.yaml", tmp_path / "2024.yaml"
    assert cli("init", "--from", Y2022, "-o", first).code == 0
    assert cli("init", "--from", first, "-o", second).code == 0
    rules = {f.rule for f in govreport.check_file(second).findings}
    assert "PLACEHOLDER" in rules and "X-SIMILAR" not in rules


LEGACY_2016 = """format: legacy
organ: 某某镇人民政府
year: {year}
{previous}sections:
  - heading: 工作概述
    body: {overview}
  - heading: 主要问题
    body: {problems}
"""
OVERVIEW = [
    "本镇坚持把政务公开作为转变作风的重要抓手，全年通过镇政府网站和村务公开栏主动公开各类信息，涉及财政预算、惠农补贴、城乡建设等群众关心的事项。",
    "这一年镇里换了新的公开栏，网站专栏也改版了，群众能在手机上查到低保名单和补贴发放进度，来镇里问事的人比往年少了许多。",
]
PROBLEMS = "信息公开的时效性仍需加强，部分村公开栏内容更新滞后；工作人员业务水平参差不齐，对依申请公开的办理程序掌握不够熟练。"


def test_legacy_sections_are_matched_by_heading(write):
    write("2016.yaml", LEGACY_2016.format(year=2016, previous="", overview=OVERVIEW[0], problems=PROBLEMS))
    this = write("2017.yaml", LEGACY_2016.format(year=2017, previous="previous: 2016.yaml\n",
                                                 overview=OVERVIEW[1], problems=PROBLEMS))
    found = similar(this)
    assert len(found) == 1 and "“二、主要问题”有 100%" in found[0].message
    assert found[0].pos.line == 8  # the heading of the copied section


def test_a_section_without_a_counterpart_is_compared_with_all_of_last_years_text(variant):
    legacy_problems = ("2018年，我镇政务信息公开工作取得了一定成绩，但仍然存在一些问题，主要表现在四个方面：一是信息质量有待提高；"
                       "二是监督检查力度有待进一步加强；三是信息公开服务作用有待加强，群众关注的热点信息内容有待深化。")
    variant(LEGACY)
    v = variant(GOV_2019, ("year: 2020", "year: 2019\nprevious: quanyang-2018.yaml"),
                ("organ: 青溪县市场监督管理局", "organ: 泉阳镇人民政府"),
                ("text: 一是部分科室对新《条例》的理解不够到位，依申请公开答复的说理还不够充分；二是主动公开内容以工作动态为主，政策解读的深度不够。",
                 f"text: {legacy_problems}"))
    found = similar(v.path)
    assert len(found) == 1
    assert "五、存在的主要问题及改进情况" in found[0].message and "的正文相同" in found[0].message


def test_normalizing_ignores_spacing_width_and_figures():
    assert similarity.normalize("2024年 增长１２.5%，共 3 件")[0] == "#年增长#%,共#件"


def piece(value: str) -> similarity.Piece:
    return similarity.Piece(Text(value, Pos("x.yaml", 1, 1)), *similarity.normalize(value))


def test_only_passages_of_twelve_characters_or_more_count():
    last = similarity.windows([piece("甲乙丙丁戊己庚辛壬癸子丑寅卯")])
    assert sum(similarity.repeated("一二" + "甲乙丙丁戊己庚辛壬癸子" + "三四", last)) == 0  # 11 shared
    assert sum(similarity.repeated("一二" + "甲乙丙丁戊己庚辛壬癸子丑" + "三四", last)) == 12


def _prose(n: int, seed: int) -> str:
    """n characters of varied Chinese text made from the series' own sentences."""
    words = [t.value for p in (Y2021, Y2022) for s in govreport.load(p).sections
             for t in iter_block_texts(s.body)]
    chars = list("".join(words))
    random.Random(seed).shuffle(chars)
    return "".join(chars)[:n]


def test_in_a_5kb_section_exactly_the_passage_copied_from_last_year_counts():
    this, last = _prose(5000, 1), _prose(5000, 2)
    passage = last[2000:2300]
    copied = this[:2500] + "【" + passage + "】" + this[2500:]  # 【】: not in last year's text
    assert len(copied.encode("utf-8")) > 5000 and "【" not in last and "】" not in last
    found = similarity.measure([piece(copied)], [piece(last)])
    assert round(found.share * found.chars) == len(similarity.normalize(passage)[0])


def test_a_text_shorter_than_a_passage_repeats_only_whole():
    last = similarity.windows([piece("下一步改进措施。")])
    assert list(similarity.repeated("下一步改进措施。", last)) == [1] * 8
    assert sum(similarity.repeated("下一步工作措施。", last)) == 0
