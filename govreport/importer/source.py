"""What every reader makes of a published report: paragraphs and tables in reading order.

A reader (DOCX, PDF, HTML) knows its file type and nothing of the report formats; the rest
of the importer knows the formats and nothing of file types. Between them is this model:
text as it reads, the few typographic hints that carry meaning (a title style, a run-in lead
in another character style, right alignment), and for every piece the place it came from,
named the way a clerk finds it in the source (第3页, 第12段, 第2个表格第5行第3列).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Roles a reader may know from the source's own styles. None: an ordinary paragraph.
TITLE, HEADING, SIGNOFF, DATE = "title", "heading", "signoff", "date"
ATTACHMENT_LABEL, ATTACHMENT_NOTE, TABLE_TITLE = "attachment_label", "attachment_note", "table_title"


class ImportFailure(Exception):
    """The source cannot be imported at all (not a report file, scanned, damaged): a Chinese
    message for the clerk, never a traceback."""


@dataclass
class SourceParagraph:
    """One paragraph as printed, with its hints.

    `lead_end` is where a run-in lead set in another character style ends (an offset in
    `text`, the number included); `emphasized` says the whole paragraph is in such a style
    (bold, 黑体, 楷体: a heading). `level` is the outline level a style gives (0 for 一、),
    when the source names one.
    """

    text: str
    where: str
    role: str | None = None
    align: str | None = None  # left, center, right, justify
    lead_end: int | None = None
    emphasized: bool = False
    level: int | None = None
    large: bool = False  # set in a size well above the body's (a title line)
    page_break_before: bool = False


@dataclass
class SourceCell:
    """A cell on the table's grid: its origin, spans and text (lines joined)."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""
    where: str = ""


@dataclass
class SourceTable:
    """A table as a grid of cells with spans; `where` names it (第2个表格, 第4页的表格)."""

    cells: list[SourceCell]
    where: str
    title: str | None = None  # a caption the source gives (HTML <caption>)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)


Block = SourceParagraph | SourceTable


@dataclass
class SourceDocument:
    """A published report read into paragraphs and tables, in reading order."""

    name: str
    kind: str  # DOCX, PDF, HTML: how messages name the source type
    blocks: list[Block] = field(default_factory=list)
    title_hint: str | None = None  # a title the file states apart from its text (HTML meta)

    def tables(self) -> list[SourceTable]:
        return [b for b in self.blocks if isinstance(b, SourceTable)]


def cell_where(table_where: str, row: int, col: int) -> str:
    """第2个表格第5行第3列: 1-based, counted on the table's grid as the source draws it."""
    return f"{table_where}第{row + 1}行第{col + 1}列"
