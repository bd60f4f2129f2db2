"""The DOCX package: page setup, page-number footers, fonts and styles parts, document
properties, nothing left of python-docx's template, schema order, byte-identical output."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from govreport.cli import main
from govreport.writers.docx.body import add_blocks, setup_page
from govreport.writers.docx.package import replace_default_parts, set_core_properties
from tests.docx.conftest import build
from tests.docx.ooxml import NS, W_NS, order_problems, text_of, w, wval

ALL = ("gov-2021", "gov-2019", "legacy", "legacy-stats", "legacy-attachment")
EXAMPLES = ("gov-2021", "gov-2019", "legacy")


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


# --- page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ALL)
def test_page_is_a4_with_the_gbt9704_margins(built, case):
    sect = built(case).package.body.find(w("sectPr"))
    assert sect.getparent()[-1] is sect  # one section, at the end of the body
    pg_sz, pg_mar = sect.find(w("pgSz")), sect.find(w("pgMar"))
    assert (int(wval(pg_sz, "w")), int(wval(pg_sz, "h"))) == (11906, 16838)  # 210 × 297 mm
    assert wval(pg_sz, "orient") in (None, "portrait")
    margins = {side: int(wval(pg_mar, side)) for side in ("top", "bottom", "left", "right")}
    assert margins == {"top": twips(37), "bottom": twips(35), "left": twips(28),
                       "right": twips(26)}
    assert int(wval(pg_mar, "gutter")) == 0
    assert int(wval(pg_mar, "footer")) == twips(25.5)  # puts the 一字线 7 mm under the 版心


@pytest.mark.parametrize("case", ALL)
def test_line_grid_of_28_95_points(built, case):
    grid = built(case).package.body.find(f"{w('sectPr')}/{w('docGrid')}")
    assert (wval(grid, "type"), wval(grid, "linePitch")) == ("lines", "579")
    assert wval(grid, "charSpace") is None  # linesAndChars + charSpace breaks LibreOffice


# --- page numbers ----------------------------------------------------------------------------

def footer_parts(built, case):
    pkg = built(case).package
    footers = pkg.footers()
    assert set(footers) == {"default", "even"}
    return pkg, footers


@pytest.mark.parametrize("case", ALL)
def test_odd_and_even_pages_have_their_own_footers(built, case):
    pkg, footers = footer_parts(built, case)
    assert pkg.xml("word/settings.xml").find(w("evenAndOddHeaders")) is not None
    assert footers["default"] is not footers["even"]


@pytest.mark.parametrize(("kind", "align", "indent_side"), [
    ("default", "right", "right"),  # odd pages: right, one character in
    ("even", "left", "left"),  # even pages: left, one character in
])
@pytest.mark.parametrize("case", ALL)
def test_page_number_is_a_page_field_between_dashes(built, case, kind, align, indent_side):
    pkg, footers = footer_parts(built, case)
    (p,) = footers[kind].findall(w("p"))
    runs = p.findall(w("r"))
    pieces = []
    for r in runs:
        if r.find(w("fldChar")) is not None:
            pieces.append(f"<{wval(r.find(w('fldChar')), 'fldCharType')}>")
        elif r.find(w("instrText")) is not None:
            pieces.append(r.find(w("instrText")).text.strip())
        else:
            pieces.append(text_of(r))
    assert pieces == ["\u2014 ", "<begin>", "PAGE", "<separate>", "1", "<end>", " \u2014"]
    styles = pkg.styles
    assert wval(styles.paragraph_property(p, "jc")) == align
    ind = p.find(f"{w('pPr')}/{w('ind')}")
    assert {k.split("}")[1]: v for k, v in ind.attrib.items()} == {indent_side: "280"}  # 14 pt
    assert wval(styles.paragraph_property(p, "snapToGrid")) == "0"
    for r in runs:
        assert styles.east_asia_font(p, r) == "宋体"
        assert styles.size_pt(p, r) == 14  # 4号
        # 宋体 half-width digits, and the dashes (hAnsi) in 宋体 too, not Times New Roman
        for slot in ("ascii", "hAnsi", "cs"):
            assert styles.run_property(p, r, "rFonts", slot) == "宋体"


# --- fonts, styles, settings -----------------------------------------------------------------

OFFICIAL_FAMILIES = {"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"}
THEME_ATTRIBUTES = {"asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"}


def xml_parts(pkg) -> list[str]:
    return [n for n in pkg.names if n.startswith("word/") and n.endswith(".xml")]


@pytest.mark.parametrize("case", EXAMPLES)
def test_fonts_are_named_in_east_asia_and_never_through_the_theme(built, case):
    pkg = built(case).package
    for part in xml_parts(pkg):
        for rfonts in pkg.xml(part).iter(w("rFonts")):
            attrs = {k.split("}")[1] for k in rfonts.attrib}
            assert not attrs & THEME_ATTRIBUTES, part
    for style in pkg.styles.by_id.values():  # Latin text in Times New Roman, except 页码
        for rfonts in style.iter(w("rFonts")):
            assert wval(rfonts, "eastAsia") in OFFICIAL_FAMILIES
            latin = "宋体" if wval(style.find(w("name"))) == "页码" else "Times New Roman"
            assert {wval(rfonts, a) for a in ("ascii", "hAnsi", "cs")} == {latin}
    defaults = pkg.styles.defaults_rpr().find(w("rFonts"))
    assert (wval(defaults, "eastAsia"), wval(defaults, "ascii")) == ("仿宋_GB2312",
                                                                     "Times New Roman")
    named = {wval(f, "eastAsia") for f in pkg.xml("word/styles.xml").iter(w("rFonts"))}
    assert named == OFFICIAL_FAMILIES
    for rfonts in pkg.document.iter(w("rFonts")):  # direct formatting only says "East Asian"
        assert {k.split("}")[1]: v for k, v in rfonts.attrib.items()} == {"hint": "eastAsia"}


@pytest.mark.parametrize("case", EXAMPLES)
def test_language_is_simplified_chinese(built, case):
    pkg = built(case).package
    lang = pkg.styles.defaults_rpr().find(w("lang"))
    assert (wval(lang, "eastAsia"), wval(lang, "val")) == ("zh-CN", "en-US")
    theme_lang = pkg.xml("word/settings.xml").find(w("themeFontLang"))
    assert wval(theme_lang, "eastAsia") == "zh-CN"
    spacing_control = pkg.xml("word/settings.xml").find(w("characterSpacingControl"))
    assert wval(spacing_control) == "doNotCompress"


@pytest.mark.parametrize("case", EXAMPLES)
def test_font_table_lists_the_official_fonts_with_fallbacks(built, case):
    fonts = built(case).package.xml("word/fontTable.xml")
    table = {wval(f, "name"): f for f in fonts.findall(w("font"))}
    assert set(table) == OFFICIAL_FAMILIES | {"Times New Roman"}
    alt = {name: wval(f.find(w("altName"))) for name, f in table.items()}
    assert alt["仿宋_GB2312"] == "仿宋"  # what Windows since Vista has
    assert alt["楷体_GB2312"] == "楷体"
    for name in OFFICIAL_FAMILIES:
        assert wval(table[name].find(w("charset"))) == "86"  # GB2312


@pytest.mark.parametrize("case", EXAMPLES)
def test_styles_have_chinese_names_and_no_builtin_heading_styles(built, case):
    styles = built(case).package.styles
    names = {wval(s.find(w("name"))) for s in styles.by_id.values()}
    assert {"公文标题", "公文正文", "一级标题", "二级标题", "三级标题", "四级标题", "署名", "成文日期",
            "附件说明", "页码", "表格文字", "表格表头"} <= names
    assert not {n for n in names if n.lower().startswith("heading")}


# --- document properties ---------------------------------------------------------------------

@pytest.mark.parametrize(("case", "title", "organ", "year", "stamp"), [
    ("gov-2021", "青溪县云岭镇人民政府2024年政府信息公开工作年度报告", "青溪县云岭镇人民政府",
     2024, "2025-01-20T04:00:00Z"),
    ("gov-2019", "青溪县市场监督管理局2020年政府信息公开工作年度报告", "青溪县市场监督管理局",
     2020, "2021-01-25T04:00:00Z"),
    ("legacy", "泉阳镇人民政府2018年政府信息公开年度报告", "泉阳镇人民政府", 2018,
     "2019-02-28T04:00:00Z"),
])
def test_core_properties_come_from_the_report(built, case, title, organ, year, stamp):
    core = built(case).package.xml("docProps/core.xml")

    def get(tag: str) -> str | None:
        el = core.find(tag, NS)
        return None if el is None else el.text

    assert get("dc:title") == title
    assert get("dc:creator") == get("cp:lastModifiedBy") == organ
    assert get("dc:subject") == "政府信息公开工作年度报告"
    assert get("cp:keywords") == f"政府信息公开; 年度报告; {year}年度"
    assert get("dc:language") == "zh-CN"
    # noon in Beijing on the sign-off date, stored as UTC
    assert get("dcterms:created") == get("dcterms:modified") == stamp
    assert get("cp:revision") == "1"
    assert all((el.text or "").strip() for el in core)  # nothing blank, nothing else
    assert {el.tag.split("}")[1] for el in core} == {
        "title", "subject", "creator", "keywords", "lastModifiedBy", "revision", "created",
        "modified", "language"}


@pytest.mark.parametrize("case", EXAMPLES)
def test_app_properties_name_govreport_and_the_organ(built, case):
    b = built(case)
    app = b.package.xml("docProps/app.xml")
    fields = {el.tag.split("}")[1]: el.text for el in app}
    assert fields["Application"] == "govreport"
    assert fields["Company"] == b.layout.meta.author
    assert "Template" not in fields and "TotalTime" not in fields


TEMPLATE_TRACES = ("python-docx", "Microsoft Macintosh Word", "Normal.dotm", "2013-12-23",
                   "ＭＳ 明朝", "ja-JP", "Calibri", "Cambria")


@pytest.mark.parametrize("case", EXAMPLES)
def test_nothing_is_left_of_the_python_docx_template(built, case):
    pkg = built(case).package
    assert sorted(pkg.names) == sorted([
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
        "word/_rels/document.xml.rels", "word/document.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/footer2.xml", "word/settings.xml", "word/styles.xml"])
    for name in pkg.names:
        text = pkg.zip.read(name).decode("utf-8")
        for trace in TEMPLATE_TRACES:
            assert trace not in text, (name, trace)
        assert "w:rsid" not in text, name  # the template's revision-session ids
    # no content type or relationship still announces a dropped part
    for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
        text = pkg.zip.read(name).decode("utf-8")
        for gone in ("customXml", "thumbnail", "stylesWithEffects", "webSettings", "/theme",
                     "numbering", "jpeg"):
            assert gone not in text, (name, gone)


# --- schema order ----------------------------------------------------------------------------

PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
         "word/footer1.xml", "word/footer2.xml")


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("case", ALL)
def test_property_children_are_in_schema_order_without_duplicates(built, case, part):
    assert order_problems(built(case).package.xml(part), part) == []


def test_the_schema_order_check_sees_misplaced_and_repeated_children():
    p_pr = etree.fromstring(
        f'<w:pPr xmlns:w="{W_NS}"><w:jc w:val="both"/><w:ind/><w:spacing/><w:spacing/></w:pPr>')
    problems = order_problems(p_pr, "probe")
    assert len(problems) == 2
    assert "out of order" in problems[0] and "repeated" in problems[1]


@pytest.mark.parametrize("case", ["gov-2021", "legacy-attachment"])
def test_the_order_check_has_every_kind_of_container_to_walk(built, case):
    """Not vacuous: the parts hold paragraph, run, table, row, cell and section properties."""
    doc = built(case).package.document
    for tag in ("pPr", "rPr", "tblPr", "tcPr", "trPr", "sectPr", "tblBorders", "tblCellMar"):
        assert doc.find(f".//{w(tag)}") is not None, tag


# --- determinism -----------------------------------------------------------------------------

@pytest.mark.parametrize("case", ALL)
def test_same_input_gives_byte_identical_docx(built, case):
    first = built(case)
    assert build(first.source, case).data == first.data


@pytest.mark.parametrize("case", EXAMPLES)
def test_zip_members_have_fixed_times_and_order(built, case):
    b = built(case)
    infos = b.package.zip.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    date = b.layout.meta.date
    assert {i.date_time for i in infos} == {(date.year, date.month, date.day, 12, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_build_command_writes_the_same_file_twice(built, tmp_path, capsys):
    source = built("gov-2021").source
    for outdir in ("a", "b"):
        assert main(["build", str(source), "-o", str(tmp_path / outdir), "--to", "docx"]) == 0
    capsys.readouterr()
    first, second = (tmp_path / d / "yunling-2024.docx" for d in ("a", "b"))
    assert first.read_bytes() == second.read_bytes() == built("gov-2021").data


@pytest.mark.parametrize("case", EXAMPLES)
def test_the_package_holds_exactly_what_python_docx_saves(built, case):
    """The members are written once, by python-docx's own package writer steps."""
    layout = built(case).layout
    doc = docx.Document()
    replace_default_parts(doc, layout)
    setup_page(doc, layout)
    add_blocks(doc, layout)
    set_core_properties(doc, layout.meta)
    saved = io.BytesIO()
    doc.save(saved)

    with zipfile.ZipFile(saved) as by_python_docx:
        expected = {name: by_python_docx.read(name) for name in by_python_docx.namelist()}
    ours = built(case).package.zip
    assert {name: ours.read(name) for name in ours.namelist()} == expected
