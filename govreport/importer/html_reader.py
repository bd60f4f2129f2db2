"""Reading a report published as a web page (a site CMS's article page, or govreport's own
HTML) into paragraphs and tables.

A CMS page is the report inside a page of navigation, breadcrumbs, "打印本页" and footers, in
GBK or UTF-8, with tables whose cells are merged by rowspan/colspan and empty cells written
`&nbsp;`. The report is the element that holds most of the page's paragraph text (a
readability-style score); its title may stand outside it (`<h1>`, the ArticleTitle meta tag
that TRS and Hanweb pages carry). Tables are read on the HTML table grid, exactly as a
browser lays them out; `<caption>`, `<thead>` and `th` are read like any cell, so a table
govreport writes itself (caption, header cells with scope, exact spans, `/` for 不适用)
imports the same way.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from govreport.importer.runs import Look, Run, emphasized, lead_end, split_lines
from govreport.importer.source import (
    DATE,
    HEADING,
    SIGNOFF,
    TITLE,
    ImportFailure,
    SourceCell,
    SourceDocument,
    SourceParagraph,
    SourceTable,
    cell_where,
)
from govreport.importer.text import clean_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB = ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn")
_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "form",
            "button", "select", "textarea", "nav", "svg", "head")
_INLINE = frozenset({"span", "strong", "b", "em", "i", "u", "font", "a", "sub", "sup", "label",
                     "small", "big", "abbr", "ins", "s", "strike", "code", "mark", "o:p", "nobr"})
_BOLD_TAGS = frozenset({"strong", "b"})
_HEADINGS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3, "h5": 4, "h6": 5}
_ALIGN = re.compile(r"text-align\s*:\s*(left|right|center|justify)", re.I)
_WEIGHT = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.I)
_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)\s*(pt|px|em|rem)", re.I)
_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")
_SEPARATOR = re.compile(r"\s*[_|｜\-—–]+\s*")
MAX_SPAN = 200
# Class names of the elements govreport's own HTML marks (and some CMS templates use).
_CLASS_ROLES = {"title": TITLE, "signoff": SIGNOFF, "organ": SIGNOFF, "date": DATE}


def decode(data: bytes) -> str:
    """The page's text: by its BOM, else the charset its meta tag declares, else UTF-8 if it
    is valid UTF-8, else GB18030 (the superset of the GBK and GB2312 that CMSs declare)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii").lower() if declared else ""
    if name in _GB:
        return data.decode("gb18030", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if name and name not in ("utf-8", "utf8"):
            try:
                return data.decode(name, errors="replace")
            except LookupError:
                pass
        return data.decode("gb18030", errors="replace")


def read_html(path: Path, name: str) -> SourceDocument:
    from lxml import etree
    from lxml import html as lxml_html

    text = decode(path.read_bytes())
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a declaration in a str
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailure(f"{name} 不是可以读取的网页（{type(exc).__name__}）") from None
    title_hint = _title_hint(root)
    for el in [el for el in root.iter(*_DROPPED) if el.getparent() is not None]:
        el.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    content = _content_root(body)
    doc = SourceDocument(name, "HTML", title_hint=title_hint)
    _Walker(doc).walk(content)
    if not doc.blocks:
        raise ImportFailure(f"{name} 中没有找到正文文字")
    return doc


def _title_hint(root) -> str | None:
    """The title a CMS page states apart from the text: its ArticleTitle meta, else <title>
    without the site name after a separator."""
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() in ("articletitle", "title") and meta.get("content"):
            return clean_text(meta.get("content"))
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        parts = _SEPARATOR.split(title.text_content().strip())
        best = max(parts, key=lambda p: ("报告" in p, len(p)))
        return clean_text(best) or None
    return None


def _content_root(body):
    """The element holding the report: the most paragraph text, counted for each paragraph's
    parent in full and its grandparent in half (pages put the article in nested divs);
    paragraphs inside data tables are table content, not prose. Then widened to take in the
    report's tables and title where they stand beside the prose (LibreOffice wraps tables
    in <center>, CMS templates put the title above the article box)."""
    scores: dict = {}
    for el in body.iter("p", "h1", "h2", "h3", "h4", "li"):
        if any(a.tag in ("td", "th") and not _in_layout_table(a) for a in el.iterancestors()):
            continue
        length = len(clean_text(el.text_content()))
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + length / 2
    if not scores:
        return body
    best = max(scores, key=lambda el: scores[el])
    while best is not body and (parent := best.getparent()) is not None:
        inside = len(clean_text(best.text_content()))
        tables = [t for t in parent.iter("table") if not _is_layout_table(t)
                  and not any(a is best for a in t.iterancestors()) and t is not best]
        heading = any(isinstance(h.tag, str) and h.tag in ("h1", "h2") for h in parent.iter()
                      if not any(a is best for a in h.iterancestors()) and h is not best)
        extra = len(clean_text(parent.text_content())) - inside \
            - sum(len(clean_text(t.text_content())) for t in tables)
        if not (tables or heading) or extra > 300:
            break
        best = parent
    return best


def _in_layout_table(cell) -> bool:
    table = next(cell.iterancestors("table"), None)
    return table is not None and (table.find(".//table") is not None or _is_layout_table(table))


def _style(el) -> str:
    return el.get("style") or ""


class _Walker:
    """Elements in document order into paragraphs (at block boundaries and <br>) and tables."""

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.runs: list[Run] = []
        self.block: dict = {}
        self.paragraphs = 0
        self.tables = 0
        self.sizes: list[tuple[SourceParagraph, float | None]] = []
        self.char_sizes: dict[float, int] = {}

    def walk(self, el) -> None:
        self._children(el, Look(None, False, None), {}, None)
        self._flush()
        self._mark_large()

    def _children(self, el, look: Look, block: dict, size: float | None) -> None:
        if el.text:
            self._text(el.text, look, block, size)
        for child in el.iterchildren():
            if isinstance(child.tag, str):
                self._element(child, look, block, size)
            if child.tail:
                self._text(child.tail, look, block, size)

    def _text(self, text: str, look: Look, block: dict, size: float | None) -> None:
        if not self.runs:
            self.block = block
        self.runs.append(Run(text, look, size))

    def _element(self, el, look: Look, block: dict, size: float | None) -> None:
        tag = el.tag.lower()
        if tag == "br":
            self._flush()
            return
        if tag == "table":
            if el.find(".//table") is not None or _is_layout_table(el):
                self._flush()  # a layout table: read what its cells hold
                self._children(el, look, block, size)
                self._flush()
                return
            self._flush()
            self._table(el)
            return
        size = _size_of(el) or size
        if tag in ("tr", "td", "th", "tbody", "thead", "tfoot"):
            self._children(el, look, block, size)
            self._flush()
            return
        if tag in _INLINE:
            self._children(el, self._look(el, tag, look), block, size)
            return
        if tag == "img":
            return
        # a block: p, div, h1…, li, center, section, article, blockquote, …
        self._flush()
        inner = dict(block)
        align = el.get("align") or (m.group(1) if (m := _ALIGN.search(_style(el))) else None)
        if tag == "center":
            align = "center"
        if align:
            inner["align"] = align.lower()
        if tag in _HEADINGS:
            inner["heading"] = _HEADINGS[tag]
        classes = set((el.get("class") or "").lower().split())
        for name, role in _CLASS_ROLES.items():
            if name in classes:
                inner["role"] = role
        self._children(el, self._look(el, tag, look), inner, size)
        self._flush()

    def _look(self, el, tag: str, look: Look) -> Look:
        style = _style(el)
        bold = look.bold or tag in _BOLD_TAGS or _WEIGHT.search(style) is not None
        family = _FAMILY.search(style)
        font = family.group(1).strip().strip("'\"") if family else (el.get("face") or look.font)
        return Look(look.style, bold, font)

    def _flush(self) -> None:
        runs, self.runs = self.runs, []
        if not runs:
            return
        block = self.block
        for line in split_lines([Run(_collapse(r.text), r.look, r.size) for r in runs]):
            text = "".join(r.text for r in line)
            cleaned = clean_text(_CJK_SPACE.sub("", text))
            if not cleaned:
                continue
            self.paragraphs += 1
            heading = block.get("heading")
            role = TITLE if heading == 0 else (HEADING if heading is not None else None)
            role = block.get("role", role)
            offset = len(text) - len(text.lstrip(" \u3000\u00a0"))
            lead = lead_end(line)
            para = SourceParagraph(
                text=cleaned, where=f"第{self.paragraphs}段", role=role, align=block.get("align"),
                lead_end=None if lead is None else max(0, lead - offset),
                emphasized=emphasized(line) or role == HEADING, large=heading == 0)
            self.doc.blocks.append(para)
            sizes = [r.size for r in line if r.size and r.text.strip()]
            self.sizes.append((para, max(sizes) if sizes else None))
            for r in line:
                if r.size:
                    self.char_sizes[r.size] = self.char_sizes.get(r.size, 0) + len(r.text)

    def _mark_large(self) -> None:
        """A paragraph set well above the page's usual size is a title line."""
        if not self.char_sizes:
            return
        body = max(self.char_sizes, key=lambda k: self.char_sizes[k])
        for para, size in self.sizes:
            if size is not None and size >= body * 1.25:
                para.large = True

    # --- tables ----------------------------------------------------------------------------

    def _table(self, table) -> None:
        self.tables += 1
        where = f"第{self.tables}个表格"
        caption = table.find("caption")
        rows = [tr for tr in table.iter("tr") if _own_table(tr) is table]
        occupied: set[tuple[int, int]] = set()
        cells: list[SourceCell] = []
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                while (r, c) in occupied:
                    c += 1
                rowspan = _span(td.get("rowspan"))
                colspan = _span(td.get("colspan"))
                rowspan = min(rowspan, len(rows) - r)
                for i in range(rowspan):
                    for j in range(colspan):
                        occupied.add((r + i, c + j))
                cells.append(SourceCell(r, c, rowspan, colspan, _cell_text(td),
                                        cell_where(where, r, c)))
                c += colspan
        if cells:
            title = clean_text(caption.text_content()) if caption is not None else None
            self.doc.blocks.append(SourceTable(cells, where, title=title or None))


def _own_table(tr):
    for a in tr.iterancestors("table"):
        return a
    return None


def _is_layout_table(table) -> bool:
    """A table used to lay out the page: a cell holds several paragraphs of running text."""
    for cell in table.iter("td", "th"):
        if len(cell.findall(".//p")) >= 3 and len(clean_text(cell.text_content())) > 300:
            return True
    return False


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), MAX_SPAN)) if value else 1
    except ValueError:
        return 1


def _cell_text(td) -> str:
    """A cell's text, its lines (<br>, <p>) joined: 商业<br>企业 is 商业企业."""
    parts: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean_text(_CJK_SPACE.sub("", _collapse("".join(buffer))))
        if text:
            parts.append(text)
        buffer.clear()

    def walk(el) -> None:
        if el.text:
            buffer.append(el.text)
        for child in el.iterchildren():
            if isinstance(child.tag, str):
                tag = child.tag.lower()
                if tag == "br":
                    flush()
                elif tag in ("p", "div", "li"):
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)
            if child.tail:
                buffer.append(child.tail)

    walk(td)
    flush()
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() \
                and part[0].isalnum():
            out += " "
        out += part
    return out


def _collapse(text: str) -> str:
    """HTML white space: runs of spaces and line breaks are one space (&nbsp; is kept)."""
    return _SPACE_RUN.sub(" ", text)


_FONT_SIZES = {"1": 7.5, "2": 10.0, "3": 12.0, "4": 13.5, "5": 18.0, "6": 24.0, "7": 36.0}


def _size_of(el) -> float | None:
    """The font size an element sets, in points (CSS font-size, or <font size=N>)."""
    m = _SIZE.search(_style(el))
    if m:
        value, unit = float(m.group(1)), m.group(2).lower()
        return {"pt": value, "px": value * 0.75, "em": value * 12, "rem": value * 12}[unit]
    if el.tag == "font" and (el.get("size") or "").strip() in _FONT_SIZES:
        return _FONT_SIZES[el.get("size").strip()]
    return None
