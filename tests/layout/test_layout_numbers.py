"""Long counts in narrow table cells: shrunk to fit on one line, never broken mid-number."""

from __future__ import annotations

import zipfile

import pypdf

import govreport
from govreport.cli import main
from govreport.layout.build import build_document
from govreport.layout.style import TABLE_PT
from govreport.writers.fit import fit_size
from tests.conftest import GOV_2021


def word_digits(ch: str) -> float:
    return 0.3 if ch in ".,/" else 0.56  # the DOCX writer's widest digits

CITY = ("new:          [15, 2, 0, 0, 1, 0]", "new:          [13364, 2, 0, 0, 1, 0]")
CITY_RESULT = ("granted:      [6, 1, 0, 0, 1, 0]", "granted:      [13355, 1, 0, 0, 1, 0]")
CITY_TOTAL = ("total:         [15, 2, 0, 0, 1, 0, 18]", "total:         [13364, 2, 0, 0, 1, 0, 13367]")


def test_four_digits_keep_the_table_size_and_five_shrink():
    assert fit_size("9999", 11, word_digits) is None
    assert fit_size("13364", 11, word_digits) == 9.0
    assert fit_size("13364", 11, word_digits) < TABLE_PT


def test_a_number_never_shrinks_below_three_points():
    assert fit_size("9" * 16, 10.4, word_digits) == 3.0


def test_the_layout_marks_every_number_to_stay_on_one_line_and_no_label(variant):
    v = variant(GOV_2021, CITY, CITY_RESULT, CITY_TOTAL)
    document = build_document(govreport.load(v.path))
    apply = next(t for t in document.tables() if t.name == "apply")
    assert all(c.fit == (c.role in ("input", "computed")) for c in apply.cells)


def test_both_outputs_print_a_five_digit_count_whole(variant, tmp_path, capsys):
    v = variant(GOV_2021, CITY, CITY_RESULT, CITY_TOTAL)
    assert main(["build", str(v.path), "-o", str(tmp_path)]) == 0
    document_xml = zipfile.ZipFile(tmp_path / "yunling-2024.docx").read("word/document.xml").decode()
    assert '<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:t>13364</w:t>' in document_xml
    pdf_text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "yunling-2024.pdf").pages)
    assert "13364" in pdf_text and "13367" in pdf_text
