"""Long counts in narrow table cells: shrunk to fit on one line, never broken mid-number."""

from __future__ import annotations

import zipfile

import pypdf

import govreport
from govreport.cli import main
from govreport.layout.build import build_document
from govreport.layout.style import TABLE_PT, number_size_pt
from tests.conftest import GOV_2021

CITY = ("new:          [15, 2, 0, 0, 1, 0]", "new:          [13364, 2, 0, 0, 1, 0]")
CITY_RESULT = ("granted:      [6, 1, 0, 0, 1, 0]", "granted:      [13355, 1, 0, 0, 1, 0]")
CITY_TOTAL = ("total:         [15, 2, 0, 0, 1, 0, 18]", "total:         [13364, 2, 0, 0, 1, 0, 13367]")


def test_four_digits_keep_the_table_size_and_five_shrink():
    assert number_size_pt("9999", 11) is None
    assert number_size_pt("13364", 11) == 9.0
    assert number_size_pt("13364", 11) < TABLE_PT


def test_a_number_never_shrinks_below_three_points():
    assert number_size_pt("9" * 16, 10.4) == 3.0


def test_the_layout_marks_a_five_digit_count_with_its_smaller_size(variant):
    v = variant(GOV_2021, CITY, CITY_RESULT, CITY_TOTAL)
    document = build_document(govreport.load(v.path))
    apply = next(t for t in document.tables() if t.name == "apply")
    cells = {c.text: c.size_pt for c in apply.cells if c.role in ("input", "computed")}
    assert cells["13364"] == 9.0 and cells["13367"] == 9.0  # the row's 总计 too
    assert cells["2"] is None


def test_both_outputs_print_a_five_digit_count_whole(variant, tmp_path, capsys):
    v = variant(GOV_2021, CITY, CITY_RESULT, CITY_TOTAL)
    assert main(["build", str(v.path), "-o", str(tmp_path)]) == 0
    document_xml = zipfile.ZipFile(tmp_path / "yunling-2024.docx").read("word/document.xml").decode()
    assert '<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:t>13364</w:t>' in document_xml
    pdf_text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "yunling-2024.pdf").pages)
    assert "13364" in pdf_text and "13367" in pdf_text
