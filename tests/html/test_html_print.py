"""The HTML page printed by a browser (headless Chromium's print to PDF): A4, a table that fits
a page kept on one page, a longer one continued with its header rows repeated, the attachment
on a page of its own."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import GOV_2021_CITY
from tests.support.browser import print_to_pdf
from tests.support.outputs import CASE_IDS, CASES, FIXTURES, case, html_page
from tests.support.rendering import require_tools

pytestmark = pytest.mark.render

A4_PT = (595.28, 841.89)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    require_tools("chromium")
    folder = tmp_path_factory.mktemp("printed")
    cache: dict[Path, list[str]] = {}

    def get(path: Path) -> PdfReader:
        if path not in cache:
            pdf = print_to_pdf(html_page(path), folder / f"{path.stem}.pdf")
            cache[path] = PdfReader(pdf)
        return cache[path]

    return get


def flat(text: str) -> str:
    """Text without spaces, NFKC: the printed fonts map some hanzi to their Kangxi radical
    look-alikes (⼀ for 一), which NFKC maps back (and full-width brackets to ASCII)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def page_texts(reader: PdfReader) -> list[str]:
    return [flat(p.extract_text()) for p in reader.pages]


def row_text(table, row: int) -> str:
    """A table row's text as a PDF reads it: its cells left to right, without spaces."""
    cells = sorted((c for c in table.cells if c.row == row), key=lambda c: c.col)
    return "".join(flat(c.text) for c in cells)


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_every_page_is_a4(printed, path):
    for page in printed(path).pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_PT, abs=1)


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_a_table_that_fits_a_page_is_printed_on_one_page(printed, path):
    from govreport.writers.html.tables import fits_a_page

    texts = page_texts(printed(path))
    document = case(path).document
    for table in document.tables():
        if not fits_a_page(table, document.page):
            continue
        first, last = row_text(table, 0), row_text(table, table.n_rows - 1)
        assert [i for i, t in enumerate(texts) if first in t and last in t], table.name


def test_the_city_reports_table3_starts_a_page_with_its_header(printed):
    texts = page_texts(printed(GOV_2021_CITY))
    (page,) = [t for t in texts if flat("（七）总计") in t]
    assert page.startswith(flat("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况"))


def test_a_long_table_continues_with_its_header_repeated(printed):
    texts = page_texts(printed(FIXTURES / "legacy-stats-attachment.yaml"))
    (first,) = [i for i, t in enumerate(texts) if t.startswith("附件")]  # a page of its own
    rest = texts[first + 1:]
    assert rest and all(t.startswith("指标") for t in rest)
    assert "依申请公开情况" in "".join(rest)
