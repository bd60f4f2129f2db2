"""Tests of the rendering/measuring tools in tests/support/rendering.py.

The ``render`` tests convert a small DOCX (python-docx) with LibreOffice, using a private fontconfig
that maps the official font names to the open substitutes, and measure the PDF with poppler. They
need the packages of ``.ci/install-system-deps``; run them with ``python -m pytest -m render``.
The other tests (parsers, error paths) need no system package and run in the default suite.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from tests.support import rendering as r

HEADING = "一、总体情况"
BODY = (
    "2023年，本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实"
    "《中华人民共和国政府信息公开条例》，主动公开政府信息一千二百三十四条，"
    "依申请公开办理五十六件，政府信息公开工作取得新进展。"
)
SUBHEADING = "（一）主动公开情况"

TOOLS = ("soffice", "pdftotext", "pdffonts", "pdftohtml", "pdftoppm", "fc-list", "fc-match")
SUBSTITUTES = (r.FANDOL_FANG, r.WQY_ZEN_HEI, r.AR_PL_KAITI, r.AR_PL_SUNGTI, r.LIBERATION_SERIF)


# --------------------------------------------------------------------------------------------
# A small GB/T 9704-like DOCX


def _set_fonts(run: Run, east_asia: str, latin: str = "Times New Roman") -> None:
    """Name the fonts of a run, including w:eastAsia (python-docx's Font.name does not set it)."""
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)  # theme attributes would override the names
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _add_text(paragraph: Paragraph, text: str, east_asia: str, size_pt: float = 16) -> Run:
    run = paragraph.add_run(text)
    run.font.size = Pt(size_pt)
    _set_fonts(run, east_asia)
    return run


def _add_page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field (fldSimple) set in 宋体 14 pt."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    field.append(run)
    paragraph._p.append(field)
    placeholder = Run(run, paragraph)
    placeholder.text = "1"
    placeholder.font.size = Pt(14)
    _set_fonts(placeholder, "宋体", latin="宋体")


def build_docx(path: Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25.5)

    _add_text(doc.add_paragraph(), HEADING, "黑体")
    body = doc.add_paragraph()
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _add_text(body, BODY, "仿宋_GB2312")
    _add_text(doc.add_paragraph(), SUBHEADING, "楷体_GB2312")

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _set_fonts(_add_text(footer, "— ", "宋体", 14), "宋体", latin="宋体")
    _add_page_field(footer)
    _set_fonts(_add_text(footer, " —", "宋体", 14), "宋体", latin="宋体")

    doc.save(str(path))
    return path


@dataclass(frozen=True)
class Rendered:
    docx: Path
    fontconfig: Path
    pdf: Path  # rendered with the private fontconfig
    pdf_plain: Path  # rendered with the system fontconfig only (negative control)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    r.require_tools(*TOOLS)
    r.require_fonts(*SUBSTITUTES)
    work = tmp_path_factory.mktemp("render_tools")
    docx = build_docx(work / "sample.docx")
    fontconfig = r.write_fontconfig(r.DEFAULT_ALIASES, work / "fonts.conf")
    pdf = r.libreoffice_to_pdf(docx, work / "mapped", fontconfig)
    pdf_plain = r.libreoffice_to_pdf(docx, work / "plain")
    return Rendered(docx=docx, fontconfig=fontconfig, pdf=pdf, pdf_plain=pdf_plain)


# --------------------------------------------------------------------------------------------
# Render tests (system packages required)


@pytest.mark.render
def test_private_fontconfig_resolves_official_names(rendered: Rendered) -> None:
    expected = {
        "仿宋_GB2312": r.FANDOL_FANG,
        "楷体_GB2312": r.AR_PL_KAITI,
        "黑体": r.WQY_ZEN_HEI,
        "宋体": r.AR_PL_SUNGTI,
        "方正小标宋简体": r.FANDOL_SONG,
        "Times New Roman": r.LIBERATION_SERIF,
    }
    got = {name: r.fc_match(name, rendered.fontconfig) for name in expected}
    assert got == expected


@pytest.mark.render
def test_pdffonts_lists_embedded_substitutes(rendered: Rendered) -> None:
    fonts = r.pdf_fonts(rendered.pdf)
    by_name = {f["base_name"]: f for f in fonts}
    for family in (r.FANDOL_FANG, r.WQY_ZEN_HEI, r.AR_PL_KAITI, r.AR_PL_SUNGTI):
        assert r.POSTSCRIPT_NAMES[family] in by_name, (family, sorted(by_name))
    for f in fonts:
        assert f["emb"], f"font not embedded: {f}"
        assert f["uni"], f"font without ToUnicode: {f}"
        assert f["name"] != f["base_name"], f"font not subset: {f}"


@pytest.mark.render
def test_each_text_is_set_in_its_substitute(rendered: Rendered) -> None:
    runs = r.pdf_text_runs(rendered.pdf)
    ps = r.POSTSCRIPT_NAMES
    assert r.fonts_of_text(runs, HEADING) == {ps[r.WQY_ZEN_HEI]}
    assert r.fonts_of_text(runs, SUBHEADING) == {ps[r.AR_PL_KAITI]}
    # The Chinese body text (not only its digits) is FangSong; the digits are Times New Roman's
    # metric twin.
    body_fonts = {run.font for run in runs if run.text.strip() and run.text.strip() in BODY}
    assert body_fonts == {ps[r.FANDOL_FANG], ps[r.LIBERATION_SERIF]}
    assert r.fonts_of_text(runs, "2023") == {ps[r.LIBERATION_SERIF]}
    footer = [run for run in runs if "".join(run.text.split()) == "—1—"]
    assert {run.font for run in footer} == {ps[r.AR_PL_SUNGTI]}
    assert {run.size for run in footer} == {14}
    assert all(run.size == 16 for run in runs if run.font == ps[r.FANDOL_FANG])


@pytest.mark.render
def test_without_private_fontconfig_fandol_is_not_used(rendered: Rendered) -> None:
    # Negative control: the mapping above comes from the private fonts.conf, not from luck.
    runs = r.pdf_text_runs(rendered.pdf_plain)
    assert r.POSTSCRIPT_NAMES[r.FANDOL_FANG] not in {run.font for run in runs}


@pytest.mark.render
def test_layout_of_a4_page(rendered: Rendered) -> None:
    pages = r.pdf_layout(rendered.pdf)
    assert len(pages) == 1
    page = pages[0]
    assert page.width == pytest.approx(r.A4_PT[0], abs=0.5)
    assert page.height == pytest.approx(r.A4_PT[1], abs=0.5)
    assert page.size_mm == pytest.approx((210, 297), abs=0.2)

    lines = r.body_lines(page)
    texts = [ln.compact for ln in lines]
    assert texts[0] == HEADING
    assert texts[-1] == SUBHEADING
    # The body paragraph wraps over several lines and round-trips exactly.
    assert len(lines) >= 4
    assert "".join(texts[1:-1]) == BODY

    left, right = r.mm_to_pt(28), r.mm_to_pt(210 - 26)
    top, bottom = r.mm_to_pt(r.BODY_TOP_MM), r.mm_to_pt(r.BODY_BOTTOM_MM)
    for ln in lines:
        assert ln.x_min == pytest.approx(left, abs=1.0), ln
        assert ln.x_max <= right + 1.0, ln
        assert top - 1.0 <= ln.y_min < ln.y_max <= bottom, ln
        assert 12 <= ln.height <= 30, ln  # 16 pt glyphs
        assert ln.words and all(w.x_min < w.x_max for w in ln.words)
    # Lines go down the page, a 16 pt line apart or more.
    for upper, lower in itertools.pairwise(lines):
        assert lower.y_min - upper.y_min >= 16, (upper, lower)
    # Justified body lines (all but the paragraph's last) reach the right edge of the 版心.
    for ln in lines[1:-2]:
        assert ln.x_max == pytest.approx(right, abs=2.0), ln


@pytest.mark.render
def test_page_number_box(rendered: Rendered) -> None:
    page = r.pdf_layout(rendered.pdf)[0]
    box = r.page_number_box(page)
    assert box is not None, page.text
    assert r.page_number_value(box) == 1
    assert box not in r.body_lines(page)
    _, y_min, _, y_max = box.mm()
    # Spec §2.5 measured 266.2–272.6 mm with footer_distance 25.5 mm; allow some slack.
    assert r.BODY_BOTTOM_MM < y_min < y_max < 280
    # Right-aligned in the footer: ends at the right edge of the 版心 (184 mm).
    assert box.mm()[2] == pytest.approx(184, abs=1.0)


@pytest.mark.render
def test_pdf_to_pngs(rendered: Rendered, tmp_path: Path) -> None:
    pngs = r.pdf_to_pngs(rendered.pdf, tmp_path, dpi=50)
    assert [p.name for p in pngs] == ["page-1.png"]
    header = pngs[0].read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    # pdftoppm rounds the pixel size up.
    assert width == pytest.approx(210 / 25.4 * 50, abs=1)
    assert height == pytest.approx(297 / 25.4 * 50, abs=1)


@pytest.mark.render
def test_libreoffice_failure_is_an_error(tmp_path: Path) -> None:
    r.require_tools("soffice")
    # soffice exits 0 when it cannot load a document; the helper must notice the missing PDF.
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 truncated zip")
    with pytest.raises(r.ToolFailedError, match="wrote no PDF"):
        r.libreoffice_to_pdf(broken, tmp_path / "out")
    with pytest.raises(FileNotFoundError):
        r.libreoffice_to_pdf(tmp_path / "absent.docx", tmp_path / "out")


# --------------------------------------------------------------------------------------------
# No system packages needed


def test_require_tools_fails_instead_of_skipping() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"install-system-deps"):
        r.require_tools("sh", "govreport-no-such-tool")


def test_missing_tools_raise_clear_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    pdf = tmp_path / "x.pdf"
    docx = build_docx(tmp_path / "x.docx")
    calls = {
        "soffice": lambda: r.libreoffice_to_pdf(docx, tmp_path),
        "pdftotext": lambda: r.pdf_layout(pdf),
        "pdffonts": lambda: r.pdf_fonts(pdf),
        "pdftohtml": lambda: r.pdf_text_runs(pdf),
        "pdftoppm": lambda: r.pdf_to_pngs(pdf, tmp_path),
        "fc-match": lambda: r.fc_match("黑体"),
    }
    for tool, call in calls.items():
        with pytest.raises(r.MissingToolError, match=rf"{tool}.*install-system-deps"):
            call()


def _fake_soffice(bin_dir: Path, script: str) -> None:
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text(f"#!/bin/sh\n{script}\n")
    exe.chmod(0o755)


def test_libreoffice_timeout_kills_the_process_group(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A stand-in soffice that starts a child and hangs, as soffice.bin would.
    _fake_soffice(tmp_path / "bin", "sleep 60 & sleep 60")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    docx = build_docx(tmp_path / "x.docx")
    with pytest.raises(r.ToolFailedError, match="timed out"):
        r.libreoffice_to_pdf(docx, tmp_path / "out", timeout=0.5)


def test_libreoffice_without_output_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # soffice says "Error: source file could not be loaded" and still exits 0.
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2; exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    docx = build_docx(tmp_path / "x.docx")
    with pytest.raises(r.ToolFailedError, match="could not be loaded"):
        r.libreoffice_to_pdf(docx, tmp_path / "out")


def test_write_fontconfig(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    path = r.write_fontconfig(
        {"仿宋_GB2312": "FandolFang", "A&B": "C<D>"}, tmp_path / "sub" / "fonts.conf", [fonts]
    )
    root = ET.parse(path).getroot()
    matches = root.findall("match")
    assert [m.find("test/string").text for m in matches] == ["仿宋_GB2312", "A&B"]  # type: ignore[union-attr]
    edits = [m.find("edit") for m in matches]
    assert [e.get("binding") for e in edits] == ["strong", "strong"]  # type: ignore[union-attr]
    assert [e.findtext("string") for e in edits] == ["FandolFang", "C<D>"]  # type: ignore[union-attr]
    assert [d.text for d in root.findall("dir")] == [str(fonts.resolve())]
    assert root.findtext("include") == "/etc/fonts/fonts.conf"
    # The substitution rules come before the system configuration.
    tags = [child.tag for child in root]
    assert tags.index("include") > max(i for i, t in enumerate(tags) if t == "match")


PDFFONTS_SAMPLE = """\
name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
BAAAAA+WenQuanYiZenHei               TrueType          WinAnsi          yes yes yes      8  0
CAAAAA+FandolFang-Regular            Type 1            Custom           yes yes yes     12  0
STSong-Light                         CID Type 0        UniGB-UCS2-H     no  no  no      15  0
"""


def test_parse_pdffonts() -> None:
    fonts = r.parse_pdffonts(PDFFONTS_SAMPLE)
    assert [f["base_name"] for f in fonts] == [
        "WenQuanYiZenHei",
        "FandolFang-Regular",
        "STSong-Light",
    ]
    assert fonts[1] == {
        "name": "CAAAAA+FandolFang-Regular",
        "base_name": "FandolFang-Regular",
        "type": "Type 1",
        "encoding": "Custom",
        "emb": True,
        "sub": True,
        "uni": True,
        "object_id": "12  0",
    }
    assert fonts[2]["type"] == "CID Type 0"
    assert not (fonts[2]["emb"] or fonts[2]["sub"] or fonts[2]["uni"])


BBOX_SAMPLE = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title></title></head>
<body>
<doc>
  <page width="595.303937" height="841.889764">
    <flow>
      <block xMin="79.5" yMin="106.6" xMax="514.7" yMax="162.6">
        <line xMin="79.5" yMin="106.6" xMax="175.5" yMax="127.4">
          <word xMin="79.5" yMin="106.6" xMax="175.5" yMax="127.4">一、总体情况</word>
        </line>
        <line xMin="79.5" yMin="141.8" xMax="514.7" yMax="162.6">
          <word xMin="79.5" yMin="141.8" xMax="480.0" yMax="162.6">为指导</word>
          <word xMin="483.0" yMin="141.8" xMax="514.7" yMax="162.6">2023&amp;</word>
        </line>
      </block>
    </flow>
    <flow>
      <block xMin="482.0" yMin="755.0" xMax="521.0" yMax="772.0">
        <line xMin="482.0" yMin="755.0" xMax="521.0" yMax="772.0">
          <word xMin="482.0" yMin="755.0" xMax="496.0" yMax="772.0">—</word>
          <word xMin="500.0" yMin="755.0" xMax="503.0" yMax="772.0">12</word>
          <word xMin="507.0" yMin="755.0" xMax="521.0" yMax="772.0">—</word>
        </line>
      </block>
    </flow>
  </page>
  <page width="595.303937" height="841.889764">
  </page>
</doc>
</body>
</html>
"""


def test_parse_bbox_layout() -> None:
    pages = r.parse_bbox_layout(BBOX_SAMPLE)
    assert [p.number for p in pages] == [1, 2]
    page = pages[0]
    assert len(page.blocks) == 2
    assert [ln.text for ln in page.lines] == ["一、总体情况", "为指导 2023&", "— 12 —"]
    assert [ln.compact for ln in r.body_lines(page)] == ["一、总体情况", "为指导2023&"]
    box = r.page_number_box(page)
    assert box is not None and r.page_number_value(box) == 12
    assert box.words[1].text == "12" and box.words[1].x_min == 500.0
    assert r.page_number_box(pages[1]) is None
    assert pages[1].lines == []


def test_units() -> None:
    assert r.mm_to_pt(25.4) == pytest.approx(72)
    assert r.pt_to_mm(r.mm_to_pt(37)) == pytest.approx(37)
    assert r.Box(0, 0, r.mm_to_pt(10), r.mm_to_pt(20)).mm() == pytest.approx((0, 0, 10, 20))
