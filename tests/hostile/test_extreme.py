"""Extreme but valid input builds correctly: what is written is what is printed.

Each input (inputs.py) is built through the command line, DOCX and PDF, and its outputs are
read back. The time and memory each takes: benchmarks/hostile_inputs.py.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import govreport
from govreport.layout.build import TITLE_CHARS_PER_LINE, build_document
from govreport.layout.style import text_width
from tests.hostile.conftest import files_under, run_govreport
from tests.hostile.inputs import (
    EXTREME,
    LONG,
    ORGAN_200,
    ORGAN_203,
    TRILLION,
    just_under_the_size_limit,
)
from tests.hostile.reading import (
    docx_cells,
    docx_paragraphs,
    docx_tables,
    missing,
    numbers_shown,
    pdf_numbers,
    pdf_pages,
    pdf_text,
    repeats_as_header,
    unspaced,
)
from tests.hostile.reports import Tables, gov2021_report, uniform_tables

TITLE_REST = "2024年政府信息公开工作年度报告"


def build(tmp_path: Path, name: str, text: str, *options: str) -> Path:
    """Write `text` as `name`, build it, and return the output folder (outputs checked)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run = run_govreport(["build", name, "-o", str(out), *options], tmp_path)
    assert run.returncode == 0, run.output
    assert "Traceback" not in run.output
    return out


# --- a 50,000-character paragraph -------------------------------------------------------------

def test_a_50000_character_paragraph_is_one_docx_paragraph(tmp_path: Path) -> None:
    out = build(tmp_path, "long.yaml", EXTREME["paragraph of 50,000 characters"](), "--to", "docx")
    assert LONG in docx_paragraphs(out / "long.docx")


def test_a_50000_character_paragraph_is_all_in_the_pdf(tmp_path: Path) -> None:
    out = build(tmp_path, "long.yaml", EXTREME["paragraph of 50,000 characters"]())
    assert LONG.replace(" ", "") in pdf_text(out / "long.pdf")


# --- a 200-character organ name: the title wraps in balanced lines ---------------------------

def greedy_line_count(words: list[str], width: float) -> int:
    """The fewest lines `words` fit in, whole (filling each line is optimal for the count)."""
    lines, used = 1, 0.0
    for word in words:
        if used and used + text_width(word) > width:
            lines, used = lines + 1, 0.0
        used += text_width(word)
    return lines


@pytest.mark.parametrize("organ", [ORGAN_200, ORGAN_203], ids=["200", "203"])
def test_a_long_organ_name_is_set_in_balanced_title_lines(tmp_path: Path, organ: str) -> None:
    path = tmp_path / "organ.yaml"
    path.write_text(gov2021_report(uniform_tables(1), organ=organ), encoding="utf-8")
    title = [p.text for p in build_document(govreport.load(path)).paragraphs()
             if p.style == "title"]
    *organ_lines, rest = title
    assert "".join(organ_lines) == organ and rest == TITLE_REST
    words = re.findall(r".*?(?:县|镇|人民政府|办公室|中心|信息科)", organ)  # its own words
    assert "".join(words) == organ
    ends = set(itertools.accumulate(len(w) for w in words))
    assert set(itertools.accumulate(len(line) for line in organ_lines)) <= ends  # words whole
    assert len(organ_lines) == greedy_line_count(words, TITLE_CHARS_PER_LINE)  # the fewest
    widths = [text_width(line) for line in organ_lines]
    assert max(widths) <= TITLE_CHARS_PER_LINE == 19  # 20 fill the line: one of slack
    assert max(widths) - min(widths) <= 4  # balanced, not 19 + 19 + … + 3


@pytest.mark.parametrize("organ", [ORGAN_200, ORGAN_203], ids=["200", "203"])
def test_the_balanced_title_lines_are_the_docx_and_pdf_title_lines(tmp_path: Path,
                                                                   organ: str) -> None:
    out = build(tmp_path, "organ.yaml", gov2021_report(uniform_tables(1), organ=organ))
    title = [p.text for p in build_document(govreport.load(tmp_path / "organ.yaml")).paragraphs()
             if p.style == "title"]
    assert docx_paragraphs(out / "organ.docx")[:len(title)] == title
    assert unspaced(pdf_pages(out / "organ.pdf")[0][:len(title)]) == title


# --- counts up to 10^12, every cell non-zero --------------------------------------------------

def test_counts_of_a_trillion_pass_every_check_with_exact_totals(tmp_path: Path) -> None:
    path = tmp_path / "trillion.yaml"
    path.write_text(gov2021_report(uniform_tables(TRILLION)), encoding="utf-8")
    run = run_govreport(["check", "trillion.yaml"], tmp_path)
    assert run.returncode == 0 and "没有发现问题" in run.stdout, run.output
    apply = govreport.load(path).tables["apply"]
    assert apply.number("total.natural_person") == 21 * TRILLION  # 21 result rows
    assert apply.number("new.total") == 6 * 21 * TRILLION


def test_counts_of_a_trillion_are_printed_whole_in_the_docx(tmp_path: Path) -> None:
    tables = uniform_tables(TRILLION)
    out = build(tmp_path, "trillion.yaml", gov2021_report(tables), "--to", "docx")
    assert not missing(tables.printed, numbers_shown(docx_cells(out / "trillion.docx")))


def test_counts_of_a_trillion_are_printed_whole_in_the_pdf(tmp_path: Path) -> None:
    tables = uniform_tables(TRILLION)
    out = build(tmp_path, "trillion.yaml", gov2021_report(tables), "--to", "pdf")
    assert not missing(tables.printed, pdf_numbers(out / "trillion.pdf"))


def check_every_cell_printed(out: Path, tables: Tables, stem: str) -> None:
    for shown in (pdf_numbers(out / f"{stem}.pdf"),
                  numbers_shown(docx_cells(out / f"{stem}.docx"))):
        assert not missing(tables.printed, shown)


def test_a_report_with_every_cell_non_zero_prints_every_cell(tmp_path: Path) -> None:
    tables = uniform_tables(7)
    out = build(tmp_path, "full.yaml", gov2021_report(tables))
    assert "0" not in tables.printed and "/" not in tables.printed
    check_every_cell_printed(out, tables, "full")
    value_cells = [c for c in docx_cells(out / "full.docx") if c.isdigit()]
    assert value_cells and "0" not in value_cells


# --- a legacy statistics table of 300 rows ----------------------------------------------------

HEADER = "指标 计量单位 2017年 历年累计"


def test_a_300_row_table_splits_across_pdf_pages_repeating_its_header(tmp_path: Path) -> None:
    out = build(tmp_path, "stats.yaml", EXTREME["legacy table of 300 rows"]())
    pages = [lines for lines in pdf_pages(out / "stats.pdf")
             if any(x.startswith("指标") for x in lines)]
    assert len(pages) >= 300 // 45  # ~45 rows fit a page
    header = unspaced([HEADER])[0]
    for lines in pages:  # on every page the table starts with its header row
        assert next(x for x in unspaced(lines) if x.startswith("指标")) == header
    for lines in pages[1:]:  # and a continuation page starts with the table
        assert unspaced(lines)[0] == header
    rows = [x for lines in pages for x in unspaced(lines) if x.startswith("指标") and x != header]
    assert rows == [f"指标{i:03d}条{i}{2 * i}" for i in range(1, 301)]


def test_a_300_row_table_repeats_its_header_row_in_the_docx(tmp_path: Path) -> None:
    out = build(tmp_path, "stats.yaml", EXTREME["legacy table of 300 rows"](), "--to", "docx")
    (table,) = docx_tables(out / "stats.docx")
    assert len(table.rows) == 301
    assert repeats_as_header(table.rows[0]) and not repeats_as_header(table.rows[1])
    assert [c.text for c in table.rows[0].cells] == HEADER.split()
    assert [c.text for c in table.rows[300].cells] == ["指标300", "条", "300", "600"]


# --- a file just under the size limit ---------------------------------------------------------

def test_a_valid_file_just_under_the_size_limit_builds(tmp_path: Path) -> None:
    text = just_under_the_size_limit()
    assert 5_000_000 < len(text.encode()) < 5 * 1024 * 1024
    out = build(tmp_path, "big.yaml", text)
    assert sorted(p.name for p in files_under(out)) == ["big.docx", "big.pdf"]
