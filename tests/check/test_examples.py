"""The shipped examples: complete, balanced, and (legacy) a faithful copy of the real 2018 report."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

import govreport
from govreport.cli import main
from govreport.model import (
    InputHeading,
    InputLead,
    InputParagraph,
    format_date,
    format_number,
    iter_block_texts,
)
from govreport.numbering import number_label
from tests.conftest import (
    GOV_2019,
    GOV_2021,
    GOV_2021_CITY,
    GOV_2021_LONG_ORGAN,
    LEGACY,
    SEED,
)

NEW_GOV_2021 = (GOV_2021_CITY, GOV_2021_LONG_ORGAN)
RESULT_GROUPS = ("granted", "partial", "denied", "unable", "not_processed", "other")
"""Table 3's result rows （一）…（六）; （七）总计 is their sum."""


def numbered_text(report) -> list[str]:
    """The report's text in reading order, numbered as its format prescribes."""
    fmt = report.format
    lines = [t.value for t in report.title]
    lines += [b.text.value for b in report.preface]

    def blocks(items, depth):
        counter = 0
        for block in items:
            if isinstance(block, InputParagraph):
                lines.append(block.text.value)
                continue
            counter += 1
            number = number_label(fmt.numbering[depth], counter)
            if isinstance(block, InputHeading):
                lines.append(number + block.text.value)
                blocks(block.body, depth + 1)
            else:
                assert isinstance(block, InputLead)
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
    assert [type(b).__name__ for b in first] == ["InputParagraph", "InputHeading", "InputHeading", "InputHeading", "InputHeading"]
    assert [type(b).__name__ for b in first[4].body] == ["InputParagraph", "InputLead", "InputLead", "InputLead", "InputLead"]
    assert (report.signoff_organ, format_date(report.signoff.date)) == ("泉阳镇人民政府", "2019年2月28日")


def test_gov_examples_fill_every_table_with_nonzero_balancing_numbers():
    for example in (GOV_2021, GOV_2019, *NEW_GOV_2021):
        report = govreport.load(example)
        assert govreport.check(report) == []
        for key in ("active", "apply", "remedy"):
            numbers = [v.value for v in report.tables[key].values.values() if isinstance(v.value, int)]
            assert sum(numbers) > 0, (example.name, key)
        apply = report.tables["apply"]
        assert apply.number("new.total") > 0 and apply.number("carry_forward.total") > 0


def printed(example: Path, folder: Path) -> str:
    """The report's text as its DOCX prints it, built by `govreport build`."""
    assert main(["build", str(example), "-o", str(folder), "--to", "docx"]) == 0
    return "".join(p.text for p in docx.Document(str(folder / f"{example.stem}.docx")).paragraphs)


def test_gov_2021_example_prints_the_table_figures_in_its_overview(tmp_path):
    report = govreport.load(GOV_2021)
    apply = report.tables["apply"]
    overview = printed(GOV_2021, tmp_path)
    assert f"共收到政府信息公开申请{apply.number('new.total')}件" in overview
    assert f"上年结转{apply.number('carried_over.total')}件" in overview
    assert f"结转下年度继续办理{apply.number('carry_forward.total')}件" in overview
    assert f"作出行政许可决定{report.tables['active'].number('licensing')}件" in overview


@pytest.mark.parametrize("example", [GOV_2021, GOV_2019, *NEW_GOV_2021], ids=lambda p: p.stem)
def test_gov_examples_take_the_figures_they_state_from_the_tables(example):
    """The numbers come from references, not typed twice: the file does not hold the figure."""
    text = example.read_text(encoding="utf-8")
    new = govreport.load(example).tables["apply"].number("new.total")
    assert "新收政府信息公开申请{{ apply.new.total }}件" in text \
        or "收到政府信息公开申请{{ apply.new.total }}件" in text
    assert f"政府信息公开申请{new}件" not in text
    assert "办结{{ apply.total.total }}件" in text or "已办结{{ apply.total.total }}件" in text


def test_a_table_figure_changed_changes_the_text_that_states_it(variant):
    v = variant(GOV_2021_CITY, ("licensing: 236418", "licensing: 236420"))
    text = "".join(t.value for t in govreport.load(v.path).texts())
    assert "公开行政许可决定236420件" in text and "236418" not in text


def test_gov_2021_example_has_a_full_narrative():
    report = govreport.load(GOV_2021)
    body = {s.key: s.body for s in report.sections}
    assert len(body["overview"]) == 5
    for key in ("overview", "problems", "other"):
        text = "".join(t.value for t in iter_block_texts(body[key]))
        assert len(text) > 150 and "【" not in text, key


def group_total(apply, group: str, column: str = "total") -> int:
    """A result row, or the sum of a result group's rows (（三）不予公开 has no row of its own)."""
    return sum(apply.number(f"{leaf.path}.{column}") for leaf in apply.definition.leaves(group))


@pytest.mark.parametrize("example", NEW_GOV_2021, ids=lambda path: path.stem)
def test_new_gov_2021_examples_balance_table_3_in_every_column(example):
    apply = govreport.load(example).tables["apply"]
    for column in (c.key for c in apply.definition.all_columns):
        def n(row, column=column):
            return apply.number(f"{row}.{column}")

        assert sum(group_total(apply, g, column) for g in RESULT_GROUPS) == n("total"), column
        assert n("new") + n("carried_over") == n("total") + n("carry_forward"), column


@pytest.mark.parametrize("example", NEW_GOV_2021, ids=lambda path: path.stem)
def test_new_gov_2021_examples_print_the_figures_their_tables_hold(example, tmp_path):
    report = govreport.load(example)
    apply, active, remedy = (report.tables[key] for key in ("apply", "active", "remedy"))
    text = printed(example, tmp_path)
    suits = remedy.number("suit_direct.total") + remedy.number("suit_after_review.total")
    phrases = [
        f"共新收政府信息公开申请{apply.number('new.total')}件",
        f"上年结转的{apply.number('carried_over.total')}件",
        f"已办结{apply.number('total.total')}件",
        f"结转下年度继续办理{apply.number('carry_forward.total')}件",
        f"被申请行政复议{remedy.number('review.total')}件",
        f"被提起行政诉讼{suits}件",
        f"制发行政规范性文件{active.number('normative_docs.issued')}件、"
        f"废止{active.number('normative_docs.repealed')}件",
        f"现行有效行政规范性文件{active.number('normative_docs.in_force')}件",
        f"行政许可决定{active.number('licensing')}件、行政处罚决定{active.number('penalty')}件、"
        f"行政强制决定{active.number('coercion')}件",
        f"收费金额{format_number(active.number('fees'))}万元",
    ]
    labels = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
    phrases += [f"{label}{group_total(apply, g)}件" for label, g in zip(labels, RESULT_GROUPS, strict=True)]
    assert [p for p in phrases if p not in text] == []


def test_city_example_is_a_real_size_report_with_every_table_3_row_filled():
    report = govreport.load(GOV_2021_CITY)
    narrative = [*iter_block_texts(report.preface),
                 *(t for s in report.sections for t in iter_block_texts(s.body))]
    assert len("".join(t.value for t in narrative).encode("utf-8")) >= 15_000
    assert len(set("".join(t.value for t in report.texts()))) >= 600
    apply = report.tables["apply"]
    empty = [r.path for r in apply.definition.value_rows() if apply.number(f"{r.path}.total") == 0]
    assert empty == []
    assert [t.value for t in report.title] == ["澜州市人民政府2024年政府信息公开工作年度报告"]


def test_long_organ_example_leaves_the_title_to_be_made_from_an_organ_longer_than_a_line():
    report = govreport.load(GOV_2021_LONG_ORGAN)
    assert report.title == []
    # A 2号 title line holds 20 characters (156 mm, GB/T 9704): this organ alone needs two.
    assert len(report.organ.value) > 20
    assert format_number(report.tables["active"].number("rules.issued")) == "/"
    assert (report.signoff.date.year, report.signoff.date.month) == (report.year + 1, 1)
