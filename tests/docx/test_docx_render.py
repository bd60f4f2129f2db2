"""The DOCX as LibreOffice lays it out: converted to PDF with the open substitutes of the official
fonts and measured with `pdftotext -bbox-layout` (tests/support/rendering.py).

Marked `render`: they need LibreOffice, poppler-utils and the CJK fonts that `.ci/run` installs;
run them with `python -m pytest -m render tests/docx`. All positions are millimetres from the
top-left corner of the A4 page; the 版心 is x 28–184, y 37–262.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from govreport.layout.document import Signoff, Table
from govreport.layout.style import PARAGRAPH_STYLES
from tests.support import rendering as r

pytestmark = pytest.mark.render

CASES = ("gov-2021", "gov-2019", "legacy", "legacy-stats", "legacy-attachment")
LEFT, RIGHT, BOTTOM = 28.0, 184.0, 262.0
CHAR_4HAO = 14 * 25.4 / 72  # one 4号 character: 4.94 mm
CHAR_3HAO = 15.75 * 25.4 / 72  # one condensed 3号 character: 5.56 mm
LINE_PITCH_MM = 28.95 * 25.4 / 72  # 10.21 mm
TABLE_LINE_MM = 6.0  # lines of 五号 table text are < 5 mm tall, 3号 text 7.3 mm, 2号 10 mm
TITLE_LINE_MM = 8.5


@dataclass
class Rendered:
    pdf: Path
    pages: list[r.Page]

    def find(self, text: str) -> list[tuple[r.Page, r.Line]]:
        return [(p, ln) for p in self.pages for ln in p.lines if text in ln.compact]


def mm(pt: float) -> float:
    return r.pt_to_mm(pt)


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory) -> dict[str, Rendered]:
    r.require_tools("soffice", "pdftotext", "pdftohtml", "fc-list")
    r.require_fonts(r.FANDOL_FANG, r.FANDOL_SONG, r.WQY_ZEN_HEI, r.AR_PL_KAITI, r.AR_PL_SUNGTI,
                    r.LIBERATION_SERIF)
    root = tmp_path_factory.mktemp("docx-render")
    fonts = r.write_fontconfig(r.DEFAULT_ALIASES, root / "fonts.conf")
    out = {}
    for case in CASES:
        docx = root / f"{case}.docx"
        docx.write_bytes(built(case).data)
        pdf = r.libreoffice_to_pdf(docx, root, fonts, profile_dir=root / "profile")
        out[case] = Rendered(pdf, r.pdf_layout(pdf))
    return out


def is_table_page(page: r.Page) -> bool:
    return any(mm(ln.height) < TABLE_LINE_MM for ln in r.body_lines(page))


def table_rows(page: r.Page, *, with_y: bool = False) -> list:
    """The text of each table row of a page, cells left to right (pdftotext gives a line per
    cell; the cells of a row share their top within a point or so)."""
    lines = sorted((ln for ln in r.body_lines(page) if mm(ln.height) < TABLE_LINE_MM),
                   key=lambda ln: ln.y_min)
    rows: list[list[r.Line]] = []
    for ln in lines:
        if rows and ln.y_min - rows[-1][0].y_min < 1.5:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    texts = [(row[0].y_min, "".join(ln.compact for ln in sorted(row, key=lambda ln: ln.x_min)))
             for row in rows]
    return texts if with_y else [text for _, text in texts]


def is_text_page(page: r.Page) -> bool:
    """Only 3号 lines: no table, no 2号 title."""
    return all(TABLE_LINE_MM <= mm(ln.height) < TITLE_LINE_MM for ln in r.body_lines(page))


def kept_with_next(built, case: str) -> list[str]:
    """Texts of the paragraphs that keep with the next line (headings, the organ's name): one of
    them may leave the last line of a page empty rather than stand alone at its foot."""
    layout = built(case).layout
    texts = [p.text for p in layout.paragraphs() if PARAGRAPH_STYLES[p.style].keep_with_next]
    return texts + [s.organ.text for s in layout.blocks if isinstance(s, Signoff)]


def text_pages(doc: Rendered, built, case: str, *, before_kept: bool) -> list[r.Page]:
    """Pages of 3号 text only, not the last, followed by a page of text; with `before_kept`
    those whose next page starts with a heading (or the sign-off), else the others — the full
    body pages."""
    kept = kept_with_next(built, case)
    out = []
    for page, following in itertools.pairwise(doc.pages):
        nxt = r.body_lines(following)
        if not is_text_page(page) or not nxt or is_table_page(following):
            continue
        starts_kept = any(text.startswith(nxt[0].compact) for text in kept)
        if starts_kept == before_kept:
            out.append(page)
    return out


def full_body_pages(doc: Rendered, built, case: str) -> list[r.Page]:
    return text_pages(doc, built, case, before_kept=False)


# --- the 22-line grid ------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_a_full_body_page_has_22_lines(rendered, built, case):
    for page in full_body_pages(rendered[case], built, case):
        assert len(r.body_lines(page)) == 22, (case, page.number)


@pytest.mark.parametrize("case", CASES)
def test_a_heading_carried_to_the_next_page_leaves_at_most_one_line(rendered, built, case):
    for page in text_pages(rendered[case], built, case, before_kept=True):
        assert len(r.body_lines(page)) in (21, 22), (case, page.number)


def test_the_examples_have_full_body_pages(rendered, built):
    """The 22-line check is not vacuous: these reports fill whole pages with text."""
    assert len(full_body_pages(rendered["legacy"], built, "legacy")) >= 3
    assert full_body_pages(rendered["gov-2021"], built, "gov-2021")


@pytest.mark.parametrize("case", CASES)
def test_body_lines_follow_the_28_95_point_pitch(rendered, built, case):
    for page in full_body_pages(rendered[case], built, case):
        tops = [mm(ln.y_min) for ln in r.body_lines(page)]
        pitch = (tops[-1] - tops[0]) / (len(tops) - 1)
        assert pitch == pytest.approx(LINE_PITCH_MM, abs=0.05), page.number
        assert mm(r.body_lines(page)[-1].y_max) <= BOTTOM


@pytest.mark.parametrize("case", CASES)
def test_no_body_line_leaves_the_156_mm_text_block(rendered, case):
    widest = 0.0
    for page in rendered[case].pages:
        for ln in r.body_lines(page):
            assert mm(ln.x_min) >= LEFT - 0.25, (page.number, ln.compact)
            assert mm(ln.x_max) <= RIGHT + 0.25, (page.number, ln.compact)
            widest = max(widest, mm(ln.width))
    assert widest <= 156.25


@pytest.mark.parametrize("case", CASES)
def test_lines_that_continue_a_paragraph_reach_the_right_edge(rendered, case):
    """Justified: a line followed by a flush-left line of the same paragraph (every paragraph
    starts indented or centred) ends at the 版心's right edge."""
    checked = 0
    for page in rendered[case].pages:
        lines = [ln for ln in r.body_lines(page) if TABLE_LINE_MM <= mm(ln.height) < TITLE_LINE_MM]
        for line, following in itertools.pairwise(lines):
            adjacent = mm(following.y_min - line.y_min) < 1.5 * LINE_PITCH_MM
            if adjacent and abs(mm(following.x_min) - LEFT) < 0.3:
                assert mm(line.x_max) == pytest.approx(RIGHT, abs=0.6), (page.number, line.compact)
                checked += 1
    assert checked >= 5


# --- page numbers ----------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_page_numbers_odd_right_even_left_7_mm_under_the_text_block(rendered, case):
    for page in rendered[case].pages:
        box = r.page_number_box(page)
        assert box is not None, page.number
        assert r.page_number_value(box) == page.number
        assert mm(box.y_center) == pytest.approx(BOTTOM + 7, abs=1.0), page.number
        if page.number % 2:
            assert mm(box.x_max) == pytest.approx(RIGHT - CHAR_4HAO, abs=0.5), page.number
        else:
            assert mm(box.x_min) == pytest.approx(LEFT + CHAR_4HAO, abs=0.5), page.number


# --- title, sign-off -------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "lines"), [
    ("gov-2021", ["青溪县云岭镇人民政府", "2024年政府信息公开工作年度报告"]),
    ("legacy", ["泉阳镇人民政府", "2018年政府信息公开年度报告"]),
])
def test_title_lines_are_centred_35_points_apart(rendered, case, lines):
    first = rendered[case].pages[0].lines
    assert [ln.compact for ln in first[:2]] == lines
    for ln in first[:2]:
        assert mm(ln.x_center) == pytest.approx((LEFT + RIGHT) / 2, abs=0.5)
    assert mm(first[1].y_min - first[0].y_min) == pytest.approx(35 * 25.4 / 72, abs=0.3)


@pytest.mark.parametrize(("case", "organ", "date", "organ_right", "date_right"), [
    # the date as set is 7.5 字 (6.5 of characters, five autospaces beside its numbers)
    ("gov-2021", "青溪县云岭镇人民政府", "2025年1月20日", 2, 2.5),
    ("legacy", "泉阳镇人民政府", "2019年2月28日", 4.5, 2),
])
def test_signoff_right_edges(rendered, case, organ, date, organ_right, date_right):
    page, organ_line = rendered[case].find(organ)[-1]  # the sign-off, not the title
    ((date_page, date_line),) = rendered[case].find(date)
    assert date_page is page and date_line.y_min > organ_line.y_max
    assert mm(organ_line.x_max) == pytest.approx(RIGHT - organ_right * CHAR_3HAO, abs=0.6)
    assert mm(date_line.x_max) == pytest.approx(RIGHT - date_right * CHAR_3HAO, abs=0.6)


# --- tables ----------------------------------------------------------------------------------

def row_text(table, row: int) -> str:
    """The cells that start in `row` and span no further rows, left to right."""
    cells = sorted((c for c in table.cells if c.row == row and c.rowspan == 1), key=lambda c: c.col)
    return "".join("".join(c.text.split()) for c in cells)


def row_pages(doc: Rendered, table) -> dict[int, int]:
    """body row → index of the page it is rendered on, for the rows found by their text (a
    row whose cells wrap onto several lines is not: pdftotext cuts it by line)."""
    pages = {id(p): i for i, p in enumerate(doc.pages)}
    found: dict[int, int] = {}
    at = 0
    rendered = [(pages[id(p)], text) for p in doc.pages for text in table_rows(p)]
    for row in range(table.header_rows, table.n_rows):
        text = row_text(table, row)
        hit = next((i for i in range(at, len(rendered)) if text and text in rendered[i][1]),
                   None)
        if hit is not None:
            found[row], at = rendered[hit][0], hit + 1
    assert len(found) > 0.6 * (table.n_rows - table.header_rows), table.name
    return found


@pytest.mark.parametrize("case", ["gov-2021", "gov-2019"])
def test_each_format_table_starts_under_its_heading_and_breaks_only_where_allowed(
        rendered, built, case):
    doc, heading, checked = rendered[case], None, 0
    for block in built(case).layout.blocks:
        if getattr(block, "style", None) == "heading1":
            heading = block.text
        if not isinstance(block, Table):
            continue
        ((page, head),) = doc.find(heading)
        below = [row for y, row in table_rows(page, with_y=True) if y > head.y_max]
        assert below[0] == row_text(block, 0), heading
        pages = row_pages(doc, block)
        rows = sorted(pages)
        for a, b in itertools.pairwise(rows):
            if pages[b] != pages[a]:  # a page ends between rows a and b: one of them may
                assert not all(block.keep_with_next[a:b]), (heading, a, b)
        checked += 1
    assert checked == 3


def test_long_attachment_table_splits_between_rows_with_the_header_repeated(rendered, built):
    doc = rendered["legacy-attachment"]
    (label_page,) = [p for p in doc.pages if r.body_lines(p)
                     and r.body_lines(p)[0].compact == "附件"]
    label = r.body_lines(label_page)[0]
    assert mm(label.x_min) == pytest.approx(LEFT, abs=0.3)  # 7.3.7: top left of the 版心
    table_pages = [p for p in doc.pages[label_page.number - 1:] if is_table_page(p)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert table_rows(page)[0] == "指标计量单位2015年2016年", page.number
    rows = [row for row in built("legacy-attachment").report.stats.rows if hasattr(row, "unit")]
    printed = [row for p in table_pages for row in table_rows(p)]
    for row in rows:  # every row whole, on one page, in one line
        assert any(line.startswith(row.label.value + row.unit.value) for line in printed), row


def test_attachment_title_is_centred_on_the_third_line(rendered):
    doc = rendered["legacy-attachment"]
    ((page, label),) = [(p, ln) for p, ln in doc.find("附件") if ln.compact == "附件"]
    lines = r.body_lines(page)
    assert lines[0] is label
    assert [ln.compact for ln in lines[1:3]] == ["青溪县人力资源和社会保障局",
                                                 "2016年政府信息公开情况统计表"]
    assert mm(lines[1].y_min - label.y_min) > 1.5 * LINE_PITCH_MM  # a blank line between
    for ln in lines[1:3]:
        assert mm(ln.x_center) == pytest.approx((LEFT + RIGHT) / 2, abs=0.5)


# --- fonts as LibreOffice found them ---------------------------------------------------------

def fonts_of_line(doc: Rendered, text: str) -> set[str]:
    """Fonts of the text on the first line that starts with `text`, Latin digits left out (they
    are Times New Roman by design, here Liberation Serif)."""
    page, line = next((p, ln) for p in doc.pages for ln in p.lines if ln.compact.startswith(text))
    runs = r.pdf_text_runs(doc.pdf)
    return {run.font for run in runs
            if run.page == page.number and line.y_min <= run.y_center <= line.y_max
            and line.x_min - 1 <= run.x_center <= line.x_max + 1
            } - {r.POSTSCRIPT_NAMES[r.LIBERATION_SERIF]}


@pytest.mark.parametrize(("text", "family"), [
    ("青溪县云岭镇人民政府", r.FANDOL_SONG),  # title: 方正小标宋简体
    ("2024年政府信息公开工作年度报告", r.FANDOL_SONG),
    ("一、总体情况", r.WQY_ZEN_HEI),  # 黑体
    ("（一）主动公开", r.AR_PL_KAITI),  # 楷体_GB2312
    ("严格落实公文公开属性源头认定制度", r.FANDOL_FANG),  # 仿宋_GB2312
    ("申请人情况", r.WQY_ZEN_HEI),  # table header: 黑体
    ("一、本年新收政府信息公开申请数量", r.FANDOL_FANG),  # table label: 仿宋_GB2312
    ("2025年1月20日", r.FANDOL_FANG),  # 成文日期
])
def test_official_font_names_reach_the_substitutes(rendered, text, family):
    assert fonts_of_line(rendered["gov-2021"], text) == {r.POSTSCRIPT_NAMES[family]}


@pytest.mark.parametrize("case", ["gov-2021", "legacy"])
def test_page_numbers_dashes_and_digits_are_song(rendered, case):
    doc = rendered[case]
    runs = r.pdf_text_runs(doc.pdf)
    footer = [run for run in runs if run.y_min > r.mm_to_pt(BOTTOM)]
    assert "".join(run.text for run in footer if run.page == 2).split() == ["—", "2", "—"]
    assert {run.font for run in footer} == {r.POSTSCRIPT_NAMES[r.AR_PL_SUNGTI]}


def dash_centre_mm(png: Path, dpi: int) -> float:
    """Vertical centre of the 一字线 under the 版心: the rows of the footer band where a long
    horizontal stroke is inked."""
    from PIL import Image  # reportlab's dependency

    px = 25.4 / dpi
    with Image.open(png) as im:
        top = round((BOTTOM + 1) / px)
        band = im.convert("L").crop((0, top, im.width, round((BOTTOM + 15) / px)))
        ink = band.point(lambda v: 255 if v < 128 else 0)
        counts = [sum(ink.crop((0, y, band.width, y + 1)).histogram()[255:])
                  for y in range(band.height)]
    stroke = [y for y, n in enumerate(counts) if n >= 0.6 * max(counts)]
    return (top + (stroke[0] + stroke[-1]) / 2) * px


def test_the_dash_line_is_7_mm_under_the_text_block(rendered, tmp_path):
    """7.5: "一字线上距版心下边缘7mm", measured on the pixels of an odd and an even page."""
    doc = rendered["gov-2021"]
    pngs = r.pdf_to_pngs(doc.pdf, tmp_path, dpi=300)
    for png in pngs[:2]:
        assert dash_centre_mm(png, 300) == pytest.approx(BOTTOM + 7, abs=0.5), png.name
