"""`govreport init --from LAST.yaml`: next year's file, started from last year's."""

from __future__ import annotations

import os
import re
import stat

import pytest
import yaml

import govreport
from govreport.formats import common
from govreport.model import InputHeading, InputLead, InputParagraph
from tests.conftest import GOV_2021, LEGACY
from tests.history.conftest import Y2020, Y2021, Y2022

PLACEHOLDER = re.compile(r"【请填写[^】]*】")


def numbers(node, path=""):
    """Every number in a loaded YAML tree, by dotted path."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from numbers(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from numbers(v, f"{path}[{i}]")
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, node


def test_next_year_keeps_organ_and_format_and_adds_one_to_the_year(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    run = cli("init", "--from", Y2022, "-o", target)
    assert run.code == 0 and str(target) in run.out
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert (data["format"], data["organ"], data["year"]) == ("gov-2021", "青溪县人力资源和社会保障局", 2023)


def test_a_gov_2019_report_starts_a_gov_2021_one(cli, tmp_path):
    target = tmp_path / "2021.yaml"
    assert cli("init", "--from", Y2020, "-o", target).code == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert (data["format"], data["year"]) == ("gov-2021", 2021)
    assert set(data["tables"]["apply"]["other"]) == {"no_correction", "fee_unpaid", "other"}


def test_previous_is_relative_to_the_new_files_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports" / "2023").mkdir(parents=True)
    target = tmp_path / "reports" / "2023" / "hrss.yaml"
    assert cli("init", "--from", Y2022, "-o", "reports/2023/hrss.yaml").code == 0
    previous = yaml.safe_load(target.read_text(encoding="utf-8"))["previous"]
    assert not previous.startswith("/")
    assert (target.parent / previous).resolve() == Y2022.resolve()
    assert govreport.load(target, strict=False).previous.resolve() == Y2022.resolve()


def test_carried_over_is_last_years_carry_forward(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    cli("init", "--from", Y2022, "-o", target)
    apply = yaml.safe_load(target.read_text(encoding="utf-8"))["tables"]["apply"]
    assert apply["carried_over"] == [3, 1, 0, 0, 0, 0]  # 2022's 四、结转下年度继续办理
    assert "# 已按上一年度报告的“四、结转下年度继续办理”填写" in target.read_text(encoding="utf-8")


def test_carried_over_across_the_format_change(cli, tmp_path):
    target = tmp_path / "2021.yaml"
    cli("init", "--from", Y2020, "-o", target)
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["tables"]["apply"]["carried_over"] == \
        [2, 1, 0, 0, 0, 0]


def test_stock_is_noted_in_a_comment_with_last_years_figure_not_filled(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    cli("init", "--from", Y2022, "-o", target)
    text = target.read_text(encoding="utf-8")
    comment, line = re.search(r"\n( *# [^\n]*)\n( *normative_docs: [^\n]*)", text).groups()
    assert "现行有效件数为 21" in comment and "本年制发件数" in comment and "本年废止件数" in comment
    assert line.strip().startswith("normative_docs: {issued: 0, repealed: 0, in_force: 0}")
    assert "上一年度现行有效件数为“不适用”" in text  # rules: 不适用 last year


def test_every_other_number_is_zero(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    cli("init", "--from", Y2022, "-o", target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    nonzero = {p: v for p, v in numbers(data["tables"]) if v != 0}
    assert nonzero == {"apply.carried_over[0]": 3, "apply.carried_over[1]": 1}


def narrative(report):
    """The prose of a report's sections: paragraphs and the text after run-in leads."""
    def walk(blocks):
        for b in blocks:
            if isinstance(b, InputParagraph):
                yield b.text.value
            elif isinstance(b, InputHeading):
                yield from walk(b.body)
            elif isinstance(b, InputLead) and b.text:
                yield b.text.value

    return [t for s in report.sections for t in walk(s.body)]


def test_last_years_text_is_never_copied_in(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    cli("init", "--from", Y2022, "-o", target)
    text = target.read_text(encoding="utf-8")
    for prose in narrative(govreport.load(Y2022)):
        assert prose[:12] not in text, prose
    new = narrative(govreport.load(target, strict=False))  # init's sentences, each still to be completed
    assert new and all(common()["placeholder_marker"] in t for t in new)


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    target.write_text("mine", encoding="utf-8")
    run = cli("init", "--from", Y2022, "-o", target)
    assert run.code == 2 and "--force" in run.err and target.read_text(encoding="utf-8") == "mine"
    assert cli("init", "--from", Y2022, "-o", target, "--force").code == 0
    assert "previous:" in target.read_text(encoding="utf-8")


def test_to_stdout_previous_is_relative_to_the_current_folder(cli, monkeypatch):
    monkeypatch.chdir(Y2022.parent.parent)
    run = cli("init", "--from", Y2022, "-o", "-")
    assert run.code == 0
    assert yaml.safe_load(run.out)["previous"] == "series/qingxi-hrss-2022.yaml"


def test_a_legacy_report_starts_the_fitting_format_with_nothing_carried(cli, tmp_path):
    target = tmp_path / "2019.yaml"
    assert cli("init", "--from", LEGACY, "-o", target).code == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert (data["format"], data["organ"], data["year"]) == ("gov-2019", "泉阳镇人民政府", 2019)
    assert [v for _, v in numbers(data["tables"]) if v] == []


def test_legacy_to_legacy_keeps_headings_and_statistics_rows_not_text(cli, write, tmp_path):
    last = write("2015.yaml", """format: legacy
organ: 某某镇人民政府
year: 2015
sections:
  - heading: 工作概述
    body: 本镇全年主动公开政府信息一百二十条，内容涵盖财政预算、惠农补贴和城乡建设等方面。
  - heading: 主要问题
    body: 信息更新还不够及时，个别村公开栏内容陈旧，群众查阅不便。
tables:
  stats:
    columns: [2015年度, 历年累计]
    rows:
      - {label: 主动公开文件数, unit: 条, values: [120, 900]}
      - {group: 依申请公开情况}
      - {label: 受理申请数, unit: 件, values: [3, 20]}
""")
    target = tmp_path / "2016.yaml"
    assert cli("init", "--from", last, "-o", target).code == 0
    report = govreport.load(target, strict=False)
    assert report.format.id == "legacy" and report.year == 2016
    assert [s.heading.value for s in report.sections] == ["工作概述", "主要问题"]
    assert "一百二十条" not in target.read_text(encoding="utf-8")
    assert [c.value for c in report.stats.columns] == ["2016年度", "历年累计"]
    assert [(r.label.value, [v.value for v in r.values]) for r in report.stats.rows
            if hasattr(r, "values")] == [("主动公开文件数", [0, 0]), ("受理申请数", [0, 0])]


LEGACY_2015 = """format: legacy
organ: 某某镇人民政府
year: 2015
sections:
  - heading: 主动公开政府信息情况
    body: 本镇全年主动公开政府信息一百二十条。
  - heading: 依申请公开政府信息情况
    body: 本年度收到政府信息公开申请三件，均已按期答复。
tables:
  stats:
    columns: [2015年度]
    rows:
      - {label: 主动公开政府信息数, unit: 条, values: [120]}
      - {label: 受理申请数, unit: 件, values: [3]}
"""


def test_legacy_to_legacy_states_figures_only_from_rows_the_new_file_has(cli, write, tmp_path):
    # Last year's table has 主动公开政府信息数 but not init's 收到申请数: the sentence on
    # applications would name a row that is not there, so that section gets a placeholder.
    target = tmp_path / "2016.yaml"
    assert cli("init", "--from", write("2015.yaml", LEGACY_2015), "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    assert "{{ stats.主动公开政府信息数 }}" in text and "{{ stats.收到申请数 }}" not in text
    report = govreport.load(target, strict=False)
    assert [f.rule for f in report.findings] == []
    assert report.sections[0].body[0].text.value.startswith("本年度主动公开政府信息0条。【请填写")


def test_a_last_year_with_errors_is_used_with_a_warning(cli, variant, tmp_path):
    last = variant(GOV_2021, ("carry_forward: [1, 0, 0, 0, 0, 0]", "carry_forward: [2, 多, 0, 0, 0, 0]"))
    target = tmp_path / "2025.yaml"
    run = cli("init", "--from", last.path, "-o", target)
    assert run.code == 0
    assert "注意" in run.err and "错误" in run.err and "govreport check" in run.err
    text = target.read_text(encoding="utf-8")
    assert "carried_over: [2, 0, 0, 0, 0, 0]" in text
    assert "法人或其他组织·商业企业在上一年度报告中读不出，按 0 填写" in text


def test_an_unreadable_last_year_is_a_usage_error_in_chinese(cli, write, tmp_path):
    run = cli("init", "--from", write("bad.yaml", "format: [unclosed\n"), "-o", tmp_path / "x.yaml")
    assert run.code == 2 and "无法读取上一年度报告" in run.err
    run = cli("init", "--from", write("noyear.yaml", "format: gov-2021\norgan: 某局\n"), "-o", tmp_path / "x.yaml")
    assert run.code == 2 and "year" in run.err
    assert not (tmp_path / "x.yaml").exists()


def test_missing_last_year_or_year_option_is_a_usage_error(cli, tmp_path):
    run = cli("init", "--from", tmp_path / "nope.yaml", "-o", tmp_path / "x.yaml")
    assert run.code == 2 and "找不到文件" in run.err
    run = cli("init", "--from", Y2022, "--year", 2024, "-o", tmp_path / "x.yaml")
    assert run.code == 2 and "--year" in run.err


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_the_new_file_gets_ordinary_permissions_not_a_temporary_files(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    old = os.umask(0o022)
    try:
        assert cli("init", "--from", Y2022, "-o", target).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_missing_output_folder_is_a_usage_error(cli, tmp_path):
    run = cli("init", "--from", Y2022, "-o", tmp_path / "no" / "x.yaml")
    assert run.code == 2 and "不存在" in run.err


FILLED = [
    "报告全文见县政府门户网站“县人社局”专栏，咨询电话0799-6631200。",
    "2023年，我局围绕高校毕业生和农民工两类重点群体，集中公开就业见习、技能培训和创业扶持政策，专栏全年发布信息902条。",
    # after init's standard sentence, whose numbers come from the tables
    "申请主要涉及工伤认定结论和社保待遇领取资格，均在法定期限内答复，未收取信息处理费。",
    "新建公开事项目录年度复核机制，对照上级标准目录逐项核对，增补劳动人事争议仲裁类事项4项。",
    "专栏接入县政务服务网统一检索，群众输入关键词即可查到本局历年政策文件和解读。",
    "年内开展政务公开自查两轮，发现并整改链接失效、附件缺失等问题15处，未发生责任追究。",
    "个别股室仍存在信息报送滞后现象，部分解读材料篇幅过长、重点不够突出。",
    "已将信息报送时效纳入股室月度考评，解读材料改为要点式短文并配发图表。",
    "本年度未收取信息处理费。",
    "县里部署的养老保险待遇公开等五项任务已全部完成。",
    "办理县人大代表建议两件、政协提案三件，答复全文已公开。",
    "推出“社保待遇一键算”小程序，方便退休人员自行测算养老金。",
]


def fill(text: str) -> str:
    """What a clerk does with the file: replace every placeholder, enter balancing numbers."""
    sentences = iter(FILLED)
    text = "\n".join(line if line.lstrip().startswith("#") else
                     PLACEHOLDER.sub(lambda _: next(sentences), line) for line in text.split("\n"))
    for key, row in (("new", "[20, 2, 0, 0, 0, 0]"), ("granted", "[15, 2, 0, 0, 0, 0]"),
                     ("not_held", "[6, 1, 0, 0, 0, 0]"), ("carry_forward", "[2, 0, 0, 0, 0, 0]")):
        text, n = re.subn(rf"^(\s*{key}): \[[0, ]+\]", rf"\1: {row}", text, count=1, flags=re.M)
        assert n == 1, key
    text = text.replace("rules: {issued: 0, repealed: 0, in_force: 0}", "rules: 不适用")
    return text.replace("normative_docs: {issued: 0, repealed: 0, in_force: 0}",
                        "normative_docs: {issued: 1, repealed: 0, in_force: 22}")


def test_init_fill_check_round_trip_has_no_findings(cli, tmp_path):
    target = tmp_path / "2023.yaml"
    assert cli("init", "--from", Y2022, "-o", target).code == 0
    before = cli("check", target)
    assert before.code == 1 and "T3-BAL" in before.out and "PLACEHOLDER" in before.out
    target.write_text(fill(target.read_text(encoding="utf-8")), encoding="utf-8")
    after = cli("check", target)
    assert (after.code, after.out.strip()) == (0, "已检查 1 个文件，没有发现问题。")


def test_round_trip_through_the_format_change_has_no_findings(cli, tmp_path):
    target = tmp_path / "2021.yaml"
    cli("init", "--from", Y2020, "-o", target)
    text = fill(target.read_text(encoding="utf-8"))
    # 2020 carried 2 and 1 forward: 20 + 2 = 15 + 6 + 1 and 2 + 1 = 2 + 1 + 0 still balance.
    text = text.replace("carry_forward: [2, 0, 0, 0, 0, 0]", "carry_forward: [1, 0, 0, 0, 0, 0]")
    target.write_text(text, encoding="utf-8")
    assert govreport.check_file(target).findings == []
    assert Y2021.exists()  # the hand-written second year of the series is the same journey
