"""A single-file build renders on two cores: the costliest writer (the PDF) in a child forked
before the report is read (it loads its libraries meanwhile), the others in the build's own
process, whatever order `--to` names them in; a report that fails its check renders nothing."""

from __future__ import annotations

import os
import sys

import pytest

from govreport.layout.build import build_document
from govreport.reader import read_report
from govreport.rendersplit import start_renders
from govreport.writers import load_writers, render_cost
from tests.conftest import GOV_2021

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is Linux-only")


class PidWriter:
    """Writes the id of the process that rendered it."""

    def __init__(self, name: str, cost: float | None = None) -> None:
        self.name, self.suffix = name, f".{name}"
        if cost is not None:
            self.cost = cost

    def render(self, document) -> bytes:
        return str(os.getpid()).encode()


@pytest.fixture(scope="module")
def document():
    return build_document(read_report(GOV_2021))


def test_the_costliest_writer_renders_in_a_child_and_the_others_here(document):
    writers = [PidWriter("pdf", 8.0), PidWriter("html"), PidWriter("xlsx")]
    rendered = start_renders(writers, parallel=True).finish(document)
    assert rendered["html"] == rendered["xlsx"] == str(os.getpid()).encode()
    assert rendered["pdf"] != rendered["html"]


def test_the_order_of_the_outputs_does_not_matter(document):
    writers = [PidWriter("html"), PidWriter("pdf", 8.0), PidWriter("docx", 3.0)]
    rendered = start_renders(writers, parallel=True).finish(document)
    assert list(rendered) == ["html", "pdf", "docx"]
    assert rendered["docx"] == str(os.getpid()).encode()
    assert rendered["pdf"] != rendered["docx"]


def test_the_built_in_pdf_writer_is_the_costliest():
    writers = load_writers(("docx", "pdf", "html", "xlsx"))
    assert max(writers, key=render_cost).name == "pdf"


def test_a_writer_without_cost_counts_as_one():
    assert render_cost(PidWriter("txt")) == 1.0


class WarmWriter(PidWriter):
    """Says which process warmed it up and which rendered it."""

    warmed = 0

    def warm_up(self) -> None:
        self.warmed = os.getpid()

    def render(self, document) -> bytes:
        return f"{self.warmed}:{os.getpid()}".encode()


class FailingWriter(PidWriter):
    def __init__(self, name: str, cost: float, fail_in: str) -> None:
        super().__init__(name, cost)
        self.fail_in = fail_in

    def warm_up(self) -> None:
        if self.fail_in == "warm_up":
            raise OSError("字体文件无法读取")

    def render(self, document) -> bytes:
        raise ValueError("表格太宽")


def test_the_child_warms_up_before_it_renders_and_the_parent_does_not(document):
    pdf = WarmWriter("pdf", 8.0)
    rendered = start_renders([pdf, PidWriter("docx", 3.0)], parallel=True).finish(document)
    warmed, rendered_by = rendered["pdf"].decode().split(":")
    assert warmed == rendered_by != str(os.getpid())
    assert pdf.warmed == 0  # this process's writer was never warmed


@pytest.mark.parametrize(("fail_in", "reason"), [("warm_up", "字体文件无法读取"),
                                                 ("render", "表格太宽")])
def test_a_failure_in_the_child_is_an_error_naming_the_output(document, fail_in, reason):
    writers = [FailingWriter("pdf", 8.0, fail_in), PidWriter("docx", 3.0)]
    with pytest.raises(RuntimeError, match=f"PDF 生成失败：.*{reason}"):
        start_renders(writers, parallel=True).finish(document)
    with pytest.raises(ChildProcessError):  # and the child is gone
        os.waitpid(-1, os.WNOHANG)


def test_a_report_that_fails_its_check_stops_its_child_and_writes_nothing(variant, tmp_path):
    from govreport.builder import build_file

    bad = variant(GOV_2021, ("year: 2024", "year: 二〇二四"))
    writers = [WarmWriter("pdf", 8.0), PidWriter("docx", 3.0)]
    result = build_file(bad.path, tmp_path / "out", writers, parallel=True)
    assert not result.ok and result.outputs == []
    assert not (tmp_path / "out").exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
