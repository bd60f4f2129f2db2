"""Amounts as published: 万元 to the 分 (six decimals) are read, kept and printed as written."""

from __future__ import annotations

import re

import docx
import pytest
from pypdf import PdfReader

from govreport.cli import main
from tests.conftest import GOV_2019, GOV_2021


def built_texts(path, out) -> tuple[str, str]:
    """(DOCX text, PDF text) of a build, whitespace removed."""
    assert main(["build", str(path), "-o", str(out), "-q"]) == 0
    document = docx.Document(str(out / f"{path.stem}.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    pdf = "".join(page.extract_text() for page in PdfReader(out / f"{path.stem}.pdf").pages)
    return "".join(cells), re.sub(r"\s+", "", pdf)


@pytest.mark.parametrize(("example", "old", "amount"), [
    (GOV_2021, "fees: 1.2650", "24252.311082"),  # 行政事业性收费（万元）
    (GOV_2021, "fees: 1.2650", "5949.088660"),  # a trailing zero stays
    (GOV_2019, "total_amount: 318.45", "5949.088667"),  # 政府集中采购 采购总金额（万元）
])
def test_six_decimal_amounts_print_exactly_as_written(variant, tmp_path, example, old, amount):
    key = old.split(":")[0]
    v = variant(example, (old, f"{key}: {amount}"))
    docx_text, pdf_text = built_texts(v.path, tmp_path / "out")
    assert amount in docx_text
    assert amount in pdf_text


def test_four_decimals_keep_their_trailing_zero(tmp_path):
    docx_text, pdf_text = built_texts(GOV_2021, tmp_path / "out")
    assert "1.2650" in docx_text and "1.2650" in pdf_text
