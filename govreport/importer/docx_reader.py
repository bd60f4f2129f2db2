"""Reading a DOCX (ours, Word's, WPS's) into paragraphs and tables in reading order.

What a published DOCX does that ours does not: text split over many runs (Word starts a new
run at every edit), cells merged with gridSpan and vMerge and split again, a table or the
whole report inside a text box (drawn twice: once for Word, once as the VML fallback), a
layout table holding the report, tracked changes, content controls, headings set by direct
bold formatting instead of a style. The text is taken as Word shows it; the hints are taken
from the styles where the document has them (ours: 公文标题, 一级标题…, 署名, 成文日期) and
from direct formatting otherwise.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from govreport.importer.docx_numbering import Numbering, paragraph_list
from govreport.importer.runs import Look, Run, emphasized, lead_end, split_lines
from govreport.importer.source import (
    ATTACHMENT_LABEL,
    ATTACHMENT_NOTE,
    DATE,
    HEADING,
    SIGNOFF,
    TABLE_TITLE,
    TITLE,
    ImportFailure,
    SourceCell,
    SourceDocument,
    SourceParagraph,
    SourceTable,
    cell_where,
)
from govreport.importer.text import clean_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R, SDT, SDT_CONTENT = q("p"), q("tbl"), q("tr"), q("tc"), q("r"), q("sdt"), \
    q("sdtContent")
TXBX = q("txbxContent")
_SKIPPED_ANCESTORS = frozenset({q("del"), q("moveFrom"), TXBX, f"{{{MC}}}Fallback"})
_FALLBACK = f"{{{MC}}}Fallback"

# Style names (ours first, then Word's built-in names in English and Chinese) → role, level.
_STYLE_ROLES: dict[str, tuple[str, int | None]] = {
    "公文标题": (TITLE, None), "title": (TITLE, None), "标题": (TITLE, None),
    "一级标题": (HEADING, 0), "二级标题": (HEADING, 1), "三级标题": (HEADING, 2),
    "四级标题": (HEADING, 3),
    "署名": (SIGNOFF, None), "成文日期": (DATE, None),
    "附件标识": (ATTACHMENT_LABEL, None), "附件说明": (ATTACHMENT_NOTE, None),
    "表格标题": (TABLE_TITLE, None),
}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_ALIGN = {"center": "center", "right": "right", "end": "right", "both": "justify",
          "distribute": "justify", "left": "left", "start": "left"}


def read_docx(path: Path, name: str) -> SourceDocument:
    """Read a .docx file; an ImportFailure for a file that is not one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFailure(f"{name} 不是可以读取的 DOCX 文件（{type(exc).__name__}）；"
                            "如是 .doc 或 .wps 文件，请先在 Word 或 WPS 中另存为 .docx") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a damaged package
        raise ImportFailure(f"{name} 已损坏，无法读取（{type(exc).__name__}）") from None
    return _Reader(document, name).read()


class _Reader:
    def __init__(self, document, name: str) -> None:
        self.document = document
        self.name = name
        self.styles = {s.style_id: s for s in document.styles if s.style_id}
        self.doc = SourceDocument(name, "DOCX")
        self.numbering = Numbering.of(document)
        self.paragraphs = 0
        self.tables = 0
        self.page_break = False
        self._sizes: list[tuple[SourceParagraph, float | None]] = []
        self._char_sizes: Counter[float] = Counter()

    def read(self) -> SourceDocument:
        body = self.document.element.body
        self._blocks(body)
        self._mark_large()
        return self.doc

    # --- walking ---------------------------------------------------------------------------

    def _blocks(self, container) -> None:
        for el in container.iterchildren():
            if el.tag == P:
                self._paragraph(el)
            elif el.tag == TBL:
                self._table(el)
            elif el.tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    self._blocks(content)

    def _paragraph(self, p) -> None:
        style = self._paragraph_style(p)
        runs = list(self._runs(p, style))
        listed = paragraph_list(p, _chain(style))
        if listed is not None and "".join(r.text for r in runs).strip():
            label = self.numbering.label(*listed)
            if label:  # Word's automatic number, in the look of the text it heads
                runs.insert(0, Run(label, runs[0].look, runs[0].size))
        text = "".join(r.text for r in runs)
        if p.find(f"{q('pPr')}/{q('pageBreakBefore')}") is not None:
            self.page_break = True
        if clean_text(text.replace("\n", "")):
            self._emit(p, runs, style)
        for box in self._text_boxes(p):
            self._blocks(box)
        if p.find(f"{q('pPr')}/{q('sectPr')}") is not None:
            self.page_break = True  # a section break: what follows starts a page

    def _emit(self, p, runs: list[Run], style) -> None:
        role, level = self._role(p, style)
        align = self._alignment(p, style)
        for line in split_lines(runs):
            text = "".join(r.text for r in line)
            cleaned = clean_text(text)
            if not cleaned:
                continue
            self.paragraphs += 1
            offset = len(text) - len(text.lstrip(" \t\u3000\u00a0"))
            lead = lead_end(line)
            para = SourceParagraph(
                text=cleaned, where=f"第{self.paragraphs}段", role=role, align=align,
                lead_end=None if lead is None else max(0, lead - offset),
                emphasized=emphasized(line) or role == HEADING, level=level,
                page_break_before=self.page_break,
            )
            self.page_break = False
            self.doc.blocks.append(para)
            sizes = [r.size for r in line if r.size]
            self._sizes.append((para, max(sizes) if sizes else None))
            for r in line:
                if r.size:
                    self._char_sizes[r.size] += len(r.text)

    def _mark_large(self) -> None:
        if not self._char_sizes:
            return
        body = self._char_sizes.most_common(1)[0][0]
        for para, size in self._sizes:
            para.large = size is not None and size >= body * 1.25

    def _text_boxes(self, p) -> Iterator:
        for box in p.iter(TXBX):
            if not any(a.tag == _FALLBACK for a in box.iterancestors()):
                yield box

    def _runs(self, p, pstyle) -> Iterator[Run]:
        for r in p.iter(R):
            if any(a.tag in _SKIPPED_ANCESTORS for a in _ancestors_until(r, p)):
                continue
            text = []
            for child in r.iterchildren():
                tag = child.tag
                if tag == q("t"):
                    text.append(child.text or "")
                elif tag in (q("tab"), q("ptab")):
                    text.append(" ")
                elif tag in (q("br"), q("cr")):
                    if child.get(q("type")) == "page":
                        self.page_break = True
                    else:
                        text.append("\n")
                elif tag == q("noBreakHyphen"):
                    text.append("-")
                elif tag == q("sym"):
                    code = child.get(q("char"), "")
                    if re.fullmatch(r"[0-9A-Fa-f]{4}", code) and not code.upper().startswith("F0"):
                        text.append(chr(int(code, 16)))
            if text:
                yield Run("".join(text), *self._run_look(r, pstyle))

    # --- styles ----------------------------------------------------------------------------

    def _paragraph_style(self, p):
        ps = p.find(f"{q('pPr')}/{q('pStyle')}")
        style_id = ps.get(q("val")) if ps is not None else None
        if style_id and style_id in self.styles:
            return self.styles[style_id]
        try:
            return self.document.styles.default(_paragraph_type())
        except Exception:
            return None

    def _role(self, p, style) -> tuple[str | None, int | None]:
        level = None
        outline = p.find(f"{q('pPr')}/{q('outlineLvl')}")
        for s in _chain(style):
            name = (s.name or "").strip()
            if name in _STYLE_ROLES:
                return _STYLE_ROLES[name]
            if name.lower() in _STYLE_ROLES:
                return _STYLE_ROLES[name.lower()]
            m = _HEADING_STYLE.match(name)
            if m:
                return HEADING, int(m.group(1)) - 1
            if outline is None:
                outline = s.element.find(f"{q('pPr')}/{q('outlineLvl')}")
        if outline is not None:
            value = outline.get(q("val"), "9")
            if value.isdigit() and int(value) < 9:
                level = int(value)
                return HEADING, level
        return None, None

    def _alignment(self, p, style) -> str | None:
        jc = p.find(f"{q('pPr')}/{q('jc')}")
        if jc is None:
            for s in _chain(style):
                jc = s.element.find(f"{q('pPr')}/{q('jc')}")
                if jc is not None:
                    break
        return _ALIGN.get(jc.get(q("val"), "")) if jc is not None else None

    def _run_look(self, r, pstyle) -> tuple[Look, float | None]:
        """A run's character style, boldness, East Asian font and size, as Word resolves them:
        the run's own properties, then its character style, then the paragraph style."""
        style_id = None
        props = [r.find(q("rPr"))]
        rs = props[0].find(q("rStyle")) if props[0] is not None else None
        if rs is not None:
            style_id = rs.get(q("val"))
            if style_id in self.styles:
                props += [s.element.find(q("rPr")) for s in _chain(self.styles[style_id])]
        props += [s.element.find(q("rPr")) for s in _chain(pstyle)]
        bold = font = size = None
        for rpr in props:
            if rpr is None:
                continue
            if bold is None:
                bold = _on(rpr.find(q("b")))
            if font is None and (fonts := rpr.find(q("rFonts"))) is not None:
                font = fonts.get(q("eastAsia")) or fonts.get(q("ascii"))
            sz = rpr.find(q("sz"))
            if size is None and sz is not None and (sz.get(q("val")) or "").isdigit():
                size = int(sz.get(q("val"))) / 2
        return Look(style_id, bool(bold), font), size

    # --- tables ----------------------------------------------------------------------------

    def _table(self, tbl) -> None:
        rows = tbl.findall(TR)
        if any(tc.find(f".//{TBL}") is not None for tr in rows for tc in tr.findall(TC)):
            # A layout table around the report (or around a table): read what it holds.
            for tr in rows:
                for tc in tr.findall(TC):
                    self._blocks(tc)
            return
        self.tables += 1
        where = f"第{self.tables}个表格"
        cells: list[SourceCell] = []
        open_cells: dict[int, SourceCell] = {}  # grid column → the cell a vMerge continues
        for r, tr in enumerate(rows):
            trpr = tr.find(q("trPr"))
            col = _int_val(trpr, "gridBefore") if trpr is not None else 0
            for tc in tr.findall(TC):
                tcpr = tc.find(q("tcPr"))
                span = max(1, _int_val(tcpr, "gridSpan") if tcpr is not None else 1)
                vmerge = tcpr.find(q("vMerge")) if tcpr is not None else None
                continues = vmerge is not None and vmerge.get(q("val"), "continue") == "continue"
                above = open_cells.get(col)
                if continues and above is not None and above.col == col and above.colspan == span:
                    above.rowspan = r - above.row + 1
                else:
                    cell = SourceCell(r, col, 1, span, _cell_text(self, tc),
                                      cell_where(where, r, col))
                    cells.append(cell)
                    for k in range(col, col + span):
                        open_cells[k] = cell
                col += span
        if cells:
            self.doc.blocks.append(SourceTable(cells, where))


def _paragraph_type():
    from docx.enum.style import WD_STYLE_TYPE

    return WD_STYLE_TYPE.PARAGRAPH


def _chain(style) -> Iterator:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def _ancestors_until(el, stop) -> Iterator:
    for a in el.iterancestors():
        if a is stop:
            return
        yield a


def _on(el) -> bool | None:
    if el is None:
        return None
    return el.get(q("val"), "true") not in ("0", "false", "off")


def _int_val(pr, tag: str) -> int:
    if pr is None:
        return 0
    el = pr.find(q(tag))
    value = el.get(q("val"), "0") if el is not None else "0"
    return int(value) if value.isdigit() else 0


def _cell_text(reader: _Reader, tc) -> str:
    """A cell's text: its paragraphs (a label wrapped by hand: 商业 / 企业) joined."""
    parts = []
    for p in tc.iter(P):
        if any(a.tag == TXBX for a in _ancestors_until(p, tc)):
            continue
        runs = reader._runs(p, reader._paragraph_style(p))
        text = clean_text("".join(r.text for r in runs).replace("\n", ""))
        if text:
            parts.append(text)
    return _join_lines(parts)


def _join_lines(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() \
                and part[0].isalnum():
            out += " "
        out += part
    return out
