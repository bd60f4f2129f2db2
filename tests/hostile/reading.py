"""Reading built documents back: the text of each PDF page, the numbers a PDF shows, the
paragraphs and tables of a DOCX."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

PAGE_NUMBER = re.compile(r"^— \d+ —$")
NUMBER = re.compile(r"\d+(?:\.\d+)?|/")


def pdf_pages(path: Path) -> list[list[str]]:
    """The lines of each page, stripped, without the page number “— N —”. (The extractor
    may read the autospace beside a number, 2024 年, as a space: compare with `unspaced`.)"""
    pages = []
    for page in PdfReader(str(path)).pages:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        pages.append([line for line in lines if line and not PAGE_NUMBER.match(line)])
    return pages


def unspaced(lines: list[str]) -> list[str]:
    """Lines without their spaces, for comparing text set with autospace to text typed."""
    return [re.sub(r"\s+", "", line) for line in lines]


def pdf_text(path: Path) -> str:
    """All the text of a PDF with no white space and no page numbers: a paragraph broken
    across lines and pages reads as one string again."""
    return re.sub(r"\s+", "", "".join("".join(lines) for lines in pdf_pages(path)))


def numbers_shown(strings: list[str]) -> Counter[str]:
    """Every number (and every “/” of 不适用) written in `strings`, counted."""
    return Counter(n for s in strings for n in NUMBER.findall(s))


def pdf_numbers(path: Path) -> Counter[str]:
    return numbers_shown([line for lines in pdf_pages(path) for line in lines])


def missing(expected: list[str], shown: Counter[str]) -> Counter[str]:
    """What `expected` holds more often than `shown` does (empty: everything is shown)."""
    return Counter(expected) - shown


def docx_paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def docx_cells(path: Path) -> list[str]:
    """The text of every table cell, each merged cell once (innermost cells only, should a
    table ever hold another)."""
    body = docx.Document(str(path)).element.body
    return ["".join(t.text or "" for t in tc.iter(qn("w:t")))
            for tc in body.iter(qn("w:tc")) if tc.find(".//" + qn("w:tbl")) is None]


def docx_tables(path: Path) -> list:
    return docx.Document(str(path)).tables


def repeats_as_header(row) -> bool:
    """Whether a DOCX table row is marked to repeat at the top of each page (w:tblHeader)."""
    tr_pr = row._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
