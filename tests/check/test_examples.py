"""The shipped examples: complete, balanced, and (legacy) a faithful copy of the real 2018 report."""

from __future__ import annotations

import re

import govreport
from govreport.model import Heading, Lead, Paragraph, format_date, iter_block_texts
from govreport.numbering import number_label
from tests.conftest import GOV_2019, GOV_2021, LEGACY, SEED


def numbered_text(report) -> list[str]:
    """The report's text in reading order, numbered as its format prescribes."""
    fmt = report.format
    lines = [t.value for t in report.title]
    lines += [b.text.value for b in report.preface]

    def blocks(items, depth):
        counter = 0
        for block in items:
            if isinstance(block, Paragraph):
                lines.append(block.text.value)
                continue
            counter += 1
            number = number_label(fmt.numbering[depth], counter)
            if isinstance(block, Heading):
                lines.append(number + block.text.value)
                blocks(block.body, depth + 1)
            else:
                assert isinstance(block, Lead)
                lines.append(number + block.lead.value + (block.text.value if block.text else ""))

    for i, section in enumerate(report.sections):
        lines.append(number_label(fmt.section_numbering, i + 1) + section.heading.value)
        blocks(section.body, 0)
    lines += [report.signoff_organ, format_date(report.signoff.date)]
    return lines


def squeeze(text: str) -> str:
    """Compare text, not typing: drop whitespace, make the seed's half-width (一) full-width."""
    text = re.sub(r"\s+", "", text)
    return re.sub(r"\(([一二三四五六七八九十]+)\)", r"（\1）", text)


def test_legacy_example_reproduces_the_seed_report_in_full():
    report = govreport.load(LEGACY)
    ours = squeeze("".join(numbered_text(report)))
    seed = squeeze(SEED.read_text(encoding="utf-8"))
    assert ours == seed


def test_legacy_example_keeps_the_seeds_structure():
    report = govreport.load(LEGACY)
    assert [t.value for t in report.title] == ["泉阳镇人民政府", "2018年政府信息公开年度报告"]
    assert [s.heading.value for s in report.sections] == [
        "政务公开工作开展情况", "主动公开政府信息情况", "依申请公开政府信息情况", "存在的主要问题", "下一步工作安排"]
    first = report.sections[0].body
    assert [type(b).__name__ for b in first] == ["Paragraph", "Heading", "Heading", "Heading", "Heading"]
    assert [type(b).__name__ for b in first[4].body] == ["Paragraph", "Lead", "Lead", "Lead", "Lead"]
    assert (report.signoff_organ, format_date(report.signoff.date)) == ("泉阳镇人民政府", "2019年2月28日")


def test_gov_examples_fill_every_table_with_nonzero_balancing_numbers():
    for example in (GOV_2021, GOV_2019):
        report = govreport.load(example)
        assert govreport.check(report) == []
        for key in ("active", "apply", "remedy"):
            numbers = [v.value for v in report.tables[key].values.values() if isinstance(v.value, int)]
            assert sum(numbers) > 0, (example.name, key)
        apply = report.tables["apply"]
        assert apply.number("new.total") > 0 and apply.number("carry_forward.total") > 0


def test_gov_2021_example_quotes_the_table_figures_in_its_overview():
    report = govreport.load(GOV_2021)
    apply = report.tables["apply"]
    overview = "".join(t.value for t in report.texts())
    assert f"共收到政府信息公开申请{apply.number('new.total')}件" in overview
    assert f"上年结转{apply.number('carried_over.total')}件" in overview
    assert f"结转下年度继续办理{apply.number('carry_forward.total')}件" in overview
    assert f"作出行政许可决定{report.tables['active'].number('licensing')}件" in overview


def test_gov_2021_example_has_a_full_narrative():
    report = govreport.load(GOV_2021)
    body = {s.key: s.body for s in report.sections}
    assert len(body["overview"]) == 5
    for key in ("overview", "problems", "other"):
        text = "".join(t.value for t in iter_block_texts(body[key]))
        assert len(text) > 150 and "【" not in text, key
