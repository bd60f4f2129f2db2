"""DOCX files of a report as an office writes them in Word or WPS, made with python-docx from
the report's layout for the import tests.

What differs from govreport's DOCX: every paragraph in Normal, headings bold by direct
formatting, sub-headings and run-in leads in 楷体 by a run font, the title a bold 22 pt
centred line, the sign-off right-aligned by hand; optionally text split into one run per
character (as Word's revision marks leave it), section headings numbered by a Word
multilevel list instead of typed, table 3 inside a text box (drawn for Word and again as the
VML fallback), and merged cells split again (the number in the first part, the others empty).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from govreport.layout import document as layout

KAI = "楷体_GB2312"
_SHAPE_NAMESPACES = (
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"')


@dataclass
class Office:
    split_runs: bool = False
    auto_numbering: bool = False
    text_box: bool = False
    split_cells: bool = False


_NUMBERING = f"""<w:numbering {nsdecls("w")}>
<w:abstractNum w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
<w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"""


def _add_runs(paragraph, runs: list[tuple[str, bool, str | None, float | None]],
              split: bool) -> None:
    for text, bold, font, size in runs:
        pieces = list(text) if split else [text]
        for piece in pieces:
            run = paragraph.add_run(piece)
            run.bold = bold or None
            if font:
                run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
            if size:
                run.font.size = Pt(size)


def _numbered(paragraph, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                          '<w:numId w:val="3"/></w:numPr>'))


def word_like_docx(doc: layout.Document, path: Path, office: Office | None = None) -> Path:
    o = office or Office()
    out = docx.Document()
    if o.auto_numbering:
        numbering = out.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        for child in parse_xml(_NUMBERING):
            numbering.append(child)
    for block in doc.blocks:
        if isinstance(block, layout.Paragraph):
            p = out.add_paragraph()
            runs = block.runs
            if block.style == "title":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add_runs(p, [(block.text, True, None, 22)], o.split_runs)
                continue
            if block.style == "table_title":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add_runs(p, [(block.text, True, None, None)], o.split_runs)
                continue
            if o.auto_numbering and block.style in ("heading1", "heading2"):
                _numbered(p, 0 if block.style == "heading1" else 1)
                runs = runs[1:]  # the number is Word's
            p.paragraph_format.first_line_indent = Pt(32)
            pieces = []
            for run in runs:
                pieces.append((run.text, run.font == "heading1",
                               KAI if run.font == "heading2" else None, None))
            _add_runs(p, pieces, o.split_runs)
        elif isinstance(block, layout.Table):
            table = _table(out, block, o)
            if o.text_box and block.name == "apply":
                _into_text_box(out, table)
        elif isinstance(block, layout.Signoff):
            for run in (block.organ, block.date):
                p = out.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _add_runs(p, [(run.text, False, None, None)], o.split_runs)
        elif isinstance(block, layout.PageBreak):
            out.add_page_break()
        elif isinstance(block, layout.Blank):
            out.add_paragraph()
    out.save(str(path))
    return path


def _table(out, table: layout.Table, o: Office):
    t = out.add_table(rows=table.n_rows, cols=table.n_cols)
    t.style = "Table Grid"
    for c in table.cells:
        cell = t.cell(c.row, c.col)
        spans_value = c.colspan > 1 and c.role in ("input", "computed")
        if (c.rowspan > 1 or c.colspan > 1) and not (o.split_cells and spans_value):
            cell = cell.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        paragraph = cell.paragraphs[0]
        _add_runs(paragraph, [(c.text, c.role == "header", None, None)], o.split_runs)
    return t


def _into_text_box(out, table) -> None:
    """Move a table into a text box anchored in a new paragraph: a DrawingML shape for Word
    (mc:Choice) and a VML copy for older readers (mc:Fallback), as Word saves it."""
    tbl = table._tbl
    tbl.getparent().remove(tbl)
    anchor = out.add_paragraph()
    xml = f"""<w:r {nsdecls("w", "wp", "a")} {_SHAPE_NAMESPACES}><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0"
simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>
</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>
</wp:positionV><wp:extent cx="5600000" cy="7000000"/><wp:wrapTopAndBottom/>
<wp:docPr id="9" name="文本框 9"/><a:graphic><a:graphicData
uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr>
<a:xfrm><a:off x="0" y="0"/><a:ext cx="5600000" cy="7000000"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent/>
</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
</mc:Choice><mc:Fallback><w:pict><v:shape id="文本框 9" style="width:441pt;height:551pt">
<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""
    run = parse_xml(xml.replace("\n", " "))
    boxes = run.findall(".//" + qn("w:txbxContent"))
    for box, content in zip(boxes, (tbl, copy.deepcopy(tbl)), strict=True):
        box.append(content)
        box.append(parse_xml(f'<w:p {nsdecls("w")}/>'))
    anchor._p.append(run)
