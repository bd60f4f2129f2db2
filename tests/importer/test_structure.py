"""How the text of a published report is read: the parts a clerk's eye finds, and the notes
when govreport will print them otherwise. Sources are short web pages written like a small
office's report (a fictional township, 2023), with the tables left out where they do not
matter (the tables' own notes are in test_uncertain)."""

from __future__ import annotations

from pathlib import Path

import yaml

from govreport.importer import import_report

HEAD = """<html><head><meta charset="utf-8"><title>松岭乡人民政府2023年政府信息公开工作年度报告</title>
</head><body><div class="content">
<p style="text-align:center"><strong>松岭乡人民政府2023年政府信息公开工作年度报告</strong></p>
<p>　　本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p>
"""
TAIL = """<p style="text-align:right">松岭乡人民政府</p>
<p style="text-align:right">2024年1月18日</p></div></body></html>"""


def read(tmp_path: Path, body: str):
    page = tmp_path / "report.html"
    page.write_text(HEAD + body + TAIL, encoding="utf-8")
    result = import_report(page)
    return result, yaml.safe_load(result.text)


def test_numbers_are_removed_and_levels_kept(tmp_path: Path) -> None:
    result, data = read(tmp_path, """
<p><strong>一、总体情况</strong></p>
<p>　　（一）主动公开</p><p>　　全年主动公开政府信息85条。</p>
<p>　　1.公开内容。主要是惠农补贴和低保信息。</p>
<p>　　2.公开渠道。通过乡政府信息公开专栏公开。</p>
<p>　　（二）依申请公开</p><p>　　全年未收到申请。</p>
<p><strong>五、存在的主要问题及改进情况</strong></p><p>　　更新不够及时。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>　　无。</p>""")
    overview = data["sections"]["overview"]
    assert overview[0]["heading"] == "主动公开"
    assert overview[0]["body"][1] == {"lead": "公开内容。", "text": "主要是惠农补贴和低保信息。"}
    assert overview[1] == {"heading": "依申请公开", "body": "全年未收到申请。\n"}
    assert data["sections"]["other"] == "无。\n"
    assert str(data["signoff"]["date"]) == "2024-01-18"
    assert data["organ"] == "松岭乡人民政府" and data["year"] == 2023
    assert not [f for f in result.findings if "序号" in f.message]


def test_a_level_numbered_otherwise_is_reported_once(tmp_path: Path) -> None:
    result, data = read(tmp_path, """
<p><strong>一、总体情况</strong></p>
<p>　　1.主动公开。全年主动公开政府信息85条。</p>
<p>　　2.依申请公开。全年未收到申请。</p>
<p><strong>五、存在的主要问题及改进情况</strong></p><p>　　无。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>　　无。</p>""")
    assert data["sections"]["overview"][1] == {"lead": "依申请公开。", "text": "全年未收到申请。"}
    messages = [f.message for f in result.findings if "序号" in f.message]
    assert messages == ["第4段：原文这一级的序号写作“1.”，govreport 按本格式的层级印为“（一）”"]


def test_a_skipped_number_is_reported(tmp_path: Path) -> None:
    result, _ = read(tmp_path, """
<p><strong>一、总体情况</strong></p>
<p>　　（一）主动公开。全年主动公开政府信息85条。</p>
<p>　　（三）依申请公开。全年未收到申请。</p>
<p><strong>五、存在的主要问题及改进情况</strong></p><p>　　无。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>　　无。</p>""")
    assert [f.message for f in result.findings if "序号" in f.message] == [
        "第5段：原文序号“（三）”不连续，govreport 重新编号为第 2 项"]


def test_a_missing_section_is_reported_and_left_for_the_clerk(tmp_path: Path) -> None:
    result, data = read(tmp_path, """
<p><strong>一、总体情况</strong></p><p>　　全年主动公开政府信息85条。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>　　无。</p>""")
    assert data["sections"]["problems"] is None
    assert any("没有“五、存在的主要问题及改进情况”这一部分" in f.message for f in result.findings)


def test_an_attachment_word_in_the_text_is_text(tmp_path: Path) -> None:
    _, data = read(tmp_path, """
<p><strong>一、总体情况</strong></p><p>　　全年主动公开政府信息85条。</p>
<p><strong>五、存在的主要问题及改进情况</strong></p><p>　　无。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>　　本年度收费情况见下。</p><p>附件</p>
<p>　　本年度未收取信息处理费。</p>""")
    assert data["sections"]["other"] == "本年度收费情况见下。\n\n附件\n\n本年度未收取信息处理费。\n"
