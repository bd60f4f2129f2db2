"""Text PDFs as Word and WPS print a report (drawn with reportlab in the tests): each import
prints the same report as the file it was made from, and what cannot be read says so."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from govreport.importer import ImportFailure, import_report
from tests.importer.conftest import example, imported, layout_of
from tests.importer.equivalence import first_difference, printed
from tests.importer.pdfmake import Producer, word_like_pdf

PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def made(tmp_path: Path, stem: str, producer: Producer) -> tuple[Path, Path]:
    source = example(stem)
    return source, word_like_pdf(layout_of(source), tmp_path / f"{stem}-word.pdf", producer)


def assert_round_trip(tmp_path: Path, source: Path, pdf: Path) -> None:
    result, target = imported(pdf, tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    want, got = printed(source, pdf=True), printed(target, pdf=True)
    assert got == want, first_difference(want, got)


def page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(str(pdf)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


@pytest.mark.parametrize("stem", ["yunling-2024", "lanzhou-2024", "qingxi-amr-2020",
                                  "quanyang-2018", "legacy-stats-attachment"])
def test_word_printed_pdf(tmp_path: Path, stem: str) -> None:
    source, pdf = made(tmp_path, stem, Producer())
    assert_round_trip(tmp_path, source, pdf)


def test_label_wrapped_inside_its_cell(tmp_path: Path) -> None:
    source, pdf = made(tmp_path, "yunling-2024", Producer())
    assert not any(PARTIAL in line for text in page_texts(pdf) for line in text.splitlines())
    assert_round_trip(tmp_path, source, pdf)


def test_vertical_label_divided_by_a_page_break(tmp_path: Path) -> None:
    """Table 3 goes on after （一）予以公开: 三 stays at the foot, 、本年度办理结果 goes on."""
    source, pdf = made(tmp_path, "yunling-2024", Producer(break_table3_before=6))
    texts = page_texts(pdf)
    first = next(i for i, t in enumerate(texts) if "（一）予以公开" in t)
    assert "本年度办理结果" not in texts[first].replace("\n", "")
    assert texts[first + 1].count("申请人情况") == 1  # the header rows repeated
    assert_round_trip(tmp_path, source, pdf)


def test_table_continued_with_repeated_header_rows(tmp_path: Path) -> None:
    source, pdf = made(tmp_path, "lanzhou-2024", Producer(rules="lines"))
    assert sum(t.count("申请人情况") for t in page_texts(pdf)) == 2
    assert_round_trip(tmp_path, source, pdf)


@pytest.mark.parametrize("rules", ["box", "bare"])
def test_table4_flattened_into_one_line_of_15_numbers(tmp_path: Path, rules: str) -> None:
    source, pdf = made(tmp_path, "lanzhou-2024", Producer(flat_table4=rules))
    numbers = "31 6 8 5 50 17 2 6 7 32 9 1 3 4 17"
    assert any(" ".join(line.split()) == numbers for t in page_texts(pdf) for line in t.splitlines())
    assert_round_trip(tmp_path, source, pdf)


def test_page_numbers_are_not_read_as_text(tmp_path: Path) -> None:
    _, pdf = made(tmp_path, "lanzhou-2024", Producer())
    result = import_report(pdf)
    assert "第 3 页" in page_texts(pdf)[2]
    assert "第 3 页" not in result.text and "第3页" not in result.text.replace("第3页，", "")


def _image_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (620, 880), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, 820, 24):  # lines of "text", as a scanner sees a page
        draw.rectangle((60, y, 560, y + 10), fill=40)
    data = io.BytesIO()
    image.save(data, format="PNG")
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(data.getvalue())), 0, 0, *A4)
    canvas.showPage()
    canvas.save()
    return path


def test_scanned_pdf_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match=r"扫描件.*没有文字层"):
        import_report(_image_pdf(tmp_path / "扫描件.pdf"))


def test_damaged_pdf_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    with pytest.raises(ImportFailure, match=r"broken\.pdf"):
        import_report(broken)


def test_encrypted_pdf_asks_for_an_unencrypted_copy(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "加密.pdf"
    canvas = Canvas(str(path), pagesize=A4, encrypt=StandardEncryption("secret", canPrint=1))
    canvas.drawString(100, 700, "encrypted")
    canvas.save()
    with pytest.raises(ImportFailure, match="已加密"):
        import_report(path)
