"""Reading a generated DOCX the way Word does, for the structural tests.

Small and independent of the writer: it opens the zip with lxml and resolves what a reader of
the file has to resolve itself — merged cells (gridSpan, vMerge), the style a run's font comes
from, the OOXML element order (from python-docx's own `_tag_seq` tuples).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import io
import zipfile
from dataclasses import dataclass
from functools import cache

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
TWIPS_PER_MM = 1440 / 25.4


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag or attribute: w("tcW") → {ns}tcW."""
    return f"{{{W_NS}}}{tag}"


def wval(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


class Package:
    """The parts of a DOCX, parsed on demand."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self._parsed: dict[str, etree._Element] = {}

    @property
    def names(self) -> list[str]:
        return self.zip.namelist()

    def xml(self, name: str) -> etree._Element:
        if name not in self._parsed:
            self._parsed[name] = etree.fromstring(self.zip.read(name))
        return self._parsed[name]

    @property
    def document(self) -> etree._Element:
        return self.xml("word/document.xml")

    @property
    def body(self) -> etree._Element:
        return self.document.find(w("body"))

    @property
    def styles(self) -> Styles:
        return Styles(self.xml("word/styles.xml"))

    def footers(self) -> dict[str, etree._Element]:
        """Footer root element by footerReference type (default = odd pages, even)."""
        rels = self.xml("word/_rels/document.xml.rels")
        target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        sect = self.body.find(w("sectPr"))
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        return {ref.get(w("type")): self.xml("word/" + target[ref.get(rid)])
                for ref in sect.findall(w("footerReference"))}


def text_of(el: etree._Element) -> str:
    """The text of a paragraph or run (or of a cell's own paragraphs, without nested tables)."""
    if el.tag in (w("p"), w("r")):
        return "".join(t.text or "" for t in el.iter(w("t")))
    return "".join(text_of(p) for p in el.findall(w("p")))


# --- tables ---------------------------------------------------------------------------------

@dataclass
class Cell:
    text: str
    rowspan: int
    colspan: int
    tc: etree._Element  # the origin <w:tc>


def docx_grid(tbl: etree._Element) -> dict[tuple[int, int], Cell]:
    """(row, col) of each cell's top-left slot → its text and spans, resolving gridSpan and
    vMerge like Word: a `vMerge` without val (or "continue") extends the cell above."""
    cells: dict[tuple[int, int], Cell] = {}
    owner: dict[tuple[int, int], tuple[int, int]] = {}  # every covered slot → origin
    for r, tr in enumerate(tbl.findall(w("tr"))):
        c = 0
        for tc in tr.findall(w("tc")):
            tc_pr = tc.find(w("tcPr"))
            span = int(wval(tc_pr.find(w("gridSpan"))) or 1) if tc_pr is not None else 1
            v_merge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
            if v_merge is not None and wval(v_merge) in (None, "continue"):
                origin = owner[(r - 1, c)]
                cell = cells[origin]
                if origin[0] + cell.rowspan == r:
                    cell.rowspan += 1
                for j in range(span):
                    owner[(r, c + j)] = origin
            else:
                cells[(r, c)] = Cell(text_of(tc), 1, span, tc)
                for j in range(span):
                    owner[(r, c + j)] = (r, c)
            c += span
    return cells


def grid_widths(tbl: etree._Element) -> list[int]:
    return [int(wval(gc, "w")) for gc in tbl.find(w("tblGrid")).findall(w("gridCol"))]


def statistics_tables(body: etree._Element) -> list[etree._Element]:
    """The tables of the body, in order (each statistics table is one top-level table)."""
    return body.findall(w("tbl"))


# --- styles and fonts -----------------------------------------------------------------------

class Styles:
    """Effective run properties through a paragraph style, a character style and basedOn."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.by_id = {s.get(w("styleId")): s for s in root.findall(w("style"))}

    def chain(self, style_id: str | None) -> list[etree._Element]:
        out = []
        while style_id is not None:
            style = self.by_id[style_id]
            out.append(style)
            style_id = wval(style.find(w("basedOn")))
        return out

    def defaults_rpr(self) -> etree._Element:
        return self.root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    def run_property(self, p: etree._Element, r: etree._Element | None, tag: str,
                     attr: str = "val") -> str | None:
        """The value of rPr/`tag`@`attr` for run `r` of paragraph `p`: direct formatting, then
        the run's character style, then the paragraph style chain, then docDefaults."""
        sources: list[etree._Element | None] = []
        if r is not None:
            rpr = r.find(w("rPr"))
            sources.append(rpr)
            r_style = wval(rpr.find(w("rStyle"))) if rpr is not None else None
            sources += [s.find(w("rPr")) for s in self.chain(r_style)]
        p_style = wval(p.find(f"{w('pPr')}/{w('pStyle')}"))
        sources += [s.find(w("rPr")) for s in self.chain(p_style or "Normal")]
        sources.append(self.defaults_rpr())
        for rpr in sources:
            el = rpr.find(w(tag)) if rpr is not None else None
            if el is not None and el.get(w(attr)) is not None:
                return el.get(w(attr))
        return None

    def east_asia_font(self, p: etree._Element, r: etree._Element | None = None) -> str | None:
        return self.run_property(p, r, "rFonts", "eastAsia")

    def size_pt(self, p: etree._Element, r: etree._Element | None = None) -> float:
        return int(self.run_property(p, r, "sz")) / 2

    def paragraph_property(self, p: etree._Element, tag: str) -> etree._Element | None:
        """pPr/`tag` from the paragraph itself or its style chain."""
        ppr = p.find(w("pPr"))
        if ppr is not None and ppr.find(w(tag)) is not None:
            return ppr.find(w(tag))
        for style in self.chain(wval(p.find(f"{w('pPr')}/{w('pStyle')}")) or "Normal"):
            el = style.find(f"{w('pPr')}/{w(tag)}")
            if el is not None:
                return el
        return None


def text_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of a paragraph that carry text (field-code runs left out)."""
    return [r for r in p.findall(w("r")) if r.find(w("t")) is not None]


# --- schema order ---------------------------------------------------------------------------

@cache
def tag_sequence(module: str, cls: str) -> tuple[str, ...]:
    """python-docx's `_tag_seq` of an element class (the ECMA-376 child order), read from its
    source: the class deletes the tuple once its properties are built."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and any(
                        getattr(t, "id", None) == "_tag_seq" for t in stmt.targets):
                    return tuple(ast.literal_eval(stmt.value))
    raise LookupError(f"{module}.{cls} has no _tag_seq")


# Sequences python-docx does not model, from ECMA-376 Part 1 (CT_TblBorders 17.4.38,
# CT_TblCellMar 17.4.42, CT_Font 17.8.3.1, CT_DocDefaults 17.7.5.1, CT_Fonts' rFonts is
# attribute-only).
TBL_BORDERS = ("w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right", "w:insideH",
               "w:insideV")
TBL_CELL_MAR = ("w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right")
FONT = ("w:altName", "w:panose1", "w:charset", "w:family", "w:notTrueType", "w:pitch", "w:sig",
        "w:embedRegular", "w:embedBold", "w:embedItalic", "w:embedBoldItalic")
DOC_DEFAULTS = ("w:rPrDefault", "w:pPrDefault")


def sequences() -> dict[str, tuple[str, ...]]:
    """Element tag (w:pPr ...) → the order its children must follow."""
    seq = {
        "w:pPr": tag_sequence("docx.oxml.text.parfmt", "CT_PPr"),
        "w:rPr": tag_sequence("docx.oxml.text.font", "CT_RPr"),
        "w:tblPr": tag_sequence("docx.oxml.table", "CT_TblPr"),
        "w:tcPr": tag_sequence("docx.oxml.table", "CT_TcPr"),
        "w:trPr": tag_sequence("docx.oxml.table", "CT_TrPr"),
        # header/footer references come first, in any order (CT_SectPr's group HdrFtrReferences)
        "w:sectPr": ("w:headerReference", "w:footerReference",
                     *tag_sequence("docx.oxml.section", "CT_SectPr")),
        "w:style": tag_sequence("docx.oxml.styles", "CT_Style"),
        "w:styles": tag_sequence("docx.oxml.styles", "CT_Styles"),
        "w:settings": tag_sequence("docx.oxml.settings", "CT_Settings"),
        "w:tblBorders": TBL_BORDERS,
        "w:tblCellMar": TBL_CELL_MAR,
        "w:font": FONT,
        "w:docDefaults": DOC_DEFAULTS,
    }
    return seq


REPEATABLE = {"w:headerReference", "w:footerReference", "w:style", "w:compatSetting", "w:font"}


def prefixed(tag: str) -> str:
    return tag.replace(f"{{{W_NS}}}", "w:")


def order_problems(root: etree._Element, part: str) -> list[str]:
    """Every property container whose children are out of schema order, unknown or repeated."""
    seqs = sequences()
    problems = []
    for el in root.iter():
        name = prefixed(el.tag) if isinstance(el.tag, str) else ""
        if name not in seqs:
            continue
        order = seqs[name]
        tags = [prefixed(c.tag) for c in el if isinstance(c.tag, str)]
        where = f"{part}: <{name}> with {tags}"
        unknown = [t for t in tags if t not in order]
        if unknown:
            problems.append(f"{where}: {unknown} not allowed here")
            continue
        positions = [order.index(t) for t in tags]
        if positions != sorted(positions):
            problems.append(f"{where}: out of order")
        repeated = {t for t in tags if tags.count(t) > 1 and t not in REPEATABLE}
        if repeated:
            problems.append(f"{where}: {sorted(repeated)} repeated")
    return problems
