"""A single-file build renders on two cores: the costliest writer (the PDF) in the build's own
process, the others in a forked child, whatever order `--to` names them in."""

from __future__ import annotations

import os
import sys

import pytest

from govreport.builder import render_all
from govreport.layout.build import build_document
from govreport.reader import read_report
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


def test_the_costliest_writer_renders_in_this_process(document):
    writers = [PidWriter("pdf", 8.0), PidWriter("html"), PidWriter("xlsx")]
    rendered = render_all(document, writers, parallel=True)
    assert rendered["pdf"] == str(os.getpid()).encode()
    assert rendered["html"] == rendered["xlsx"] != rendered["pdf"]


def test_the_order_of_the_outputs_does_not_matter(document):
    writers = [PidWriter("html"), PidWriter("pdf", 8.0), PidWriter("docx", 3.0)]
    rendered = render_all(document, writers, parallel=True)
    assert list(rendered) == ["html", "pdf", "docx"]
    assert rendered["pdf"] == str(os.getpid()).encode()
    assert rendered["docx"] != rendered["pdf"]


def test_the_built_in_pdf_writer_is_the_costliest():
    writers = load_writers(("docx", "pdf", "html", "xlsx"))
    assert max(writers, key=render_cost).name == "pdf"


def test_a_writer_without_cost_counts_as_one():
    assert render_cost(PidWriter("txt")) == 1.0
