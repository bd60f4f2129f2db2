"""Property-based tests: any valid report builds both formats with every table number in the
PDF; any mutation of a valid report gives findings at places in the file, or a build, never
an exception.

Example counts are sized for the default `pytest` run (~12 s for this file);
`HYPOTHESIS_PROFILE=thorough` runs 20 times as many (~5 min, see conftest.py).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import govreport
from govreport.builder import build_file
from govreport.position import Pos
from govreport.source import InputError, read_source
from govreport.writers import DEFAULT_OUTPUTS, load_writers
from tests.conftest import GOV_2019, GOV_2021, LEGACY
from tests.hostile.conftest import examples, run_govreport
from tests.hostile.reading import (
    docx_cells,
    docx_paragraphs,
    missing,
    numbers_shown,
    pdf_numbers,
)
from tests.hostile.reports import gov2021_report, uniform_tables
from tests.hostile.strategies import GeneratedReport, any_text, mutated, reports

CHINESE = re.compile("[\u4e00-\u9fff]")
COMMON = settings(deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large,
    HealthCheck.function_scoped_fixture,  # each example makes its own folder in tmp_path
])
EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in (GOV_2021, GOV_2019, LEGACY)]


def fresh(tmp_path: Path) -> Path:
    """A new empty folder per example (hypothesis reuses the test's tmp_path)."""
    n = len(list(tmp_path.iterdir()))
    folder = tmp_path / f"example-{n}"
    folder.mkdir()
    return folder


@settings(COMMON, max_examples=examples(20))
@given(report=reports())
def test_any_valid_report_builds_both_formats_with_every_table_number(
        tmp_path: Path, report: GeneratedReport) -> None:
    folder = fresh(tmp_path)
    path = folder / "report.yaml"
    path.write_text(report.text, encoding="utf-8")
    assert [f for f in govreport.check_file(path).findings if f.is_error] == []
    result = build_file(path, folder / "out", load_writers(DEFAULT_OUTPUTS))
    assert result.ok, (result.error, [str(f) for f in result.findings])
    assert sorted(o.output for o in result.outputs) == ["docx", "pdf"]
    assert not missing(report.tables.printed, pdf_numbers(folder / "out" / "report.pdf"))
    assert not missing(report.tables.printed,
                       numbers_shown(docx_cells(folder / "out" / "report.docx")))


@settings(COMMON, max_examples=examples(50))
@given(organ=any_text(60), heading=any_text(60), body=any_text(300))
def test_any_text_the_reader_accepts_builds_a_docx(tmp_path: Path, organ: str, heading: str,
                                                   body: str) -> None:
    """Emoji, Arabic, combining marks, CJK extension B…: the DOCX holds any text (the PDF only
    what its fonts draw, which GLYPH checks)."""
    folder = fresh(tmp_path)
    path = folder / "any.yaml"
    path.write_text(gov2021_report(uniform_tables(3), organ=organ, overview=[
        {"heading": "关于" + heading, "body": body}]), encoding="utf-8")
    checked = govreport.check_file(path, outputs=("docx",))  # the DOCX's checks only
    assert checked.ok, [str(f) for f in checked.findings]
    result = build_file(path, folder / "out", load_writers(["docx"]))
    assert result.ok and result.error is None, result.error
    paragraphs = docx_paragraphs(folder / "out" / "any.docx")
    assert any("关于" in p for p in paragraphs)


YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks of YAML 1.1 (what an editor that follows it counts lines by)."""


def readings(path: Path) -> list[list[str]]:
    """The lines of a file as the reader decoded it (when it could), and its bytes as UTF-8
    split at line feeds (what the position of an undecodable byte counts in)."""
    data = path.read_bytes()
    lines = [data.decode("utf-8", errors="replace").split("\n")]
    with contextlib.suppress(InputError):  # not text: its findings count in the bytes
        lines.append(YAML_LINE_BREAK.split(read_source(path).text))
    return lines


def points_into(pos: Pos, lines: list[str]) -> bool:
    """Whether `pos` is a character of `lines` or the end of one of them."""
    return 1 <= pos.line <= len(lines) and 1 <= pos.column <= len(lines[pos.line - 1]) + 1


def assert_reported_properly(path: Path) -> govreport.FileCheck:
    """Every finding about the file is in Chinese and points at a place in it (a clerk's
    editor can go there: no line past the end, no column past the end of its line)."""
    checked = govreport.check_file(path)
    lines = readings(path)
    for finding in checked.findings:
        assert CHINESE.search(finding.message), finding
        if finding.pos.file == str(path):
            assert any(points_into(finding.pos, reading) for reading in lines), finding
    return checked


@settings(COMMON, max_examples=examples(300))
@given(data=st.data())
def test_any_mutation_of_a_valid_report_gives_findings_or_a_build(
        tmp_path: Path, data: st.DataObject) -> None:
    base = data.draw(st.sampled_from(EXAMPLE_TEXTS) | reports().map(lambda r: r.text))
    folder = fresh(tmp_path)
    path = folder / "mutated.yaml"
    path.write_bytes(data.draw(mutated(base)))
    checked = assert_reported_properly(path)
    if not checked.ok:
        event("refused with findings")
        refused = build_file(path, folder / "out", load_writers(DEFAULT_OUTPUTS))
        assert not refused.ok and refused.outputs == [], refused.outputs
        assert not (folder / "out").exists()
        return
    event("still valid: built")
    result = build_file(path, folder / "out", load_writers(DEFAULT_OUTPUTS))
    assert result.error is None, result.error
    assert result.ok == bool(result.outputs), [str(f) for f in result.findings]
    if not result.ok:  # found only at build time: a character the PDF font cannot draw
        assert {f.rule for f in result.findings if f.is_error} == {"GLYPH"}


@settings(COMMON, max_examples=examples(4))
@given(data=st.data())
def test_the_command_line_answers_any_mutation_without_a_traceback(
        tmp_path: Path, data: st.DataObject) -> None:
    folder = fresh(tmp_path)
    (folder / "mutated.yaml").write_bytes(data.draw(mutated(data.draw(
        st.sampled_from(EXAMPLE_TEXTS)))))
    for command in (["check", "mutated.yaml"], ["build", "mutated.yaml", "-o", "out"]):
        run = run_govreport(command, folder)
        assert run.returncode in (0, 1), run.output
        assert "Traceback" not in run.output and "内部错误" not in run.output, run.output
