"""References as the documents print them: `govreport build` writes the tables' numbers into
the DOCX and the PDF, read back with python-docx and pypdf. The writers know nothing of
references: they print the model's text."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdf
import pytest

from govreport.cli import main
from govreport.fonts import resolve_fonts
from tests.check.bureau import write_bureau
from tests.conftest import locate

RARE = "\U0002a6a5"  # 𪚥, CJK Extension B: in no GB2312/GBK font

OVERVIEW = """
    - heading: 依申请公开
      body: |
        2024年，我局共新收政府信息公开申请{{ apply.new.total }}件，上年结转{{ apply.carried_over.total }}件。全年已办结{{ apply.total.total }}件，
        其中予以公开{{ apply.granted.total }}件，部分公开{{ apply.partial.total }}件，不予公开{{ apply.denied.total }}件，无法提供{{ apply.unable.total }}件，
        不予处理{{ apply.not_processed.total }}件，其他处理{{ apply.other.total }}件；结转下年度继续办理{{ apply.carry_forward.total }}件。
    - lead: 复议诉讼。
      text: "因政府信息公开工作被申请行政复议{{ remedy.review.total }}件，被提起行政诉讼{{remedy.suit.total}}件。"
    - lead: 收费。
      text: 本年度行政事业性收费金额{{ active.fees }}万元。
"""

PRINTED = [
    "2024年，我局共新收政府信息公开申请74件，上年结转1件。全年已办结73件，其中予以公开30件，"
    "部分公开10件，不予公开5件，无法提供20件，不予处理6件，其他处理2件；结转下年度继续办理2件。",
    "因政府信息公开工作被申请行政复议4件，被提起行政诉讼3件。",
    "本年度行政事业性收费金额3.5800万元。",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("references")
    path, _ = write_bureau(folder, OVERVIEW)
    assert main(["build", str(path), "-o", str(folder / "out")]) == 0
    return folder / "out"


def test_the_docx_prints_each_reference_as_the_tables_number(built):
    paragraphs = [p.text for p in docx.Document(str(built / "bureau-2024.docx")).paragraphs]
    for sentence in PRINTED:
        assert any(sentence in p for p in paragraphs), sentence
    assert not any("{{" in p or "}}" in p for p in paragraphs)


def test_the_pdf_prints_each_reference_as_the_tables_number(built):
    # The PDF sets an autospace between an ideograph and a digit, which text extraction may
    # read as a space: compare without white space.
    pages = pypdf.PdfReader(str(built / "bureau-2024.pdf")).pages
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))
    for sentence in PRINTED:
        assert sentence in text, sentence
    assert "{{" not in text and "}}" not in text


def test_a_glyph_after_a_reference_is_reported_where_it_is_written(tmp_path, capsys):
    if resolve_fonts()["body"].has_char(RARE):
        pytest.skip("this machine's body font has 𪚥")
    path, text = write_bureau(tmp_path, " |\n    全年新收政府信息公开申请{{ apply.new.total }}件，"
                                        f"受理窗口设在云{RARE}大道88号。\n")
    assert main(["build", str(path), "-o", str(tmp_path / "out")]) == 1
    [error] = [line for line in capsys.readouterr().out.splitlines() if " GLYPH: " in line]
    line, column = locate(text, RARE)
    assert error.startswith(f"{path}:{line}:{column}: error GLYPH: ")
