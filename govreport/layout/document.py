"""The neutral document that every writer translates: paragraphs of runs, tables as grids.

Like pandoc's AST, it knows nothing of DOCX, PDF or HTML, and it carries every decision: the
page and its grid, each paragraph's style (font role, size, indents, on the grid or not,
condensed or not, kept with what follows), numbering, tables as grids with spans, cell roles
and where they may continue on the next page, sign-off indents, page numbers. Writers translate
it; they decide nothing. Runs keep the input text they came from, so a writer can name
`file:line:column` for a character it cannot draw.

The main types: `Document` (meta, blocks, styles, page, page numbers) holds `Block`s —
`Paragraph` (a style key and `Run`s of text in font roles), `Blank`, `PageBreak`, `Table`
(`TableCell`s on a grid) and `Signoff`.

For outputs that are more than a printed page (the HTML's meta tags, the XLSX's formulas) it
also says, optionally: the organ, sign-off date, description and website in `Meta` (`Publish`);
each table's title and short title (表三) and the balances it states (`CellBalance`); each
number cell's value path, its value and, for a total, the paths of the cells it adds up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from govreport.layout.style import (
    CELL_STYLES,
    PAGE,
    PAGE_NUMBERS,
    PARAGRAPH_STYLES,
    CellStyle,
    Page,
    PageNumbers,
    ParagraphStyle,
)
from govreport.model import Report, Text
from govreport.position import Pos


@dataclass(frozen=True)
class Run:
    """Text in one font role. `source`/`offset` locate it in the input when it was typed there."""

    text: str
    font: str
    source: Text | None = None
    offset: int = 0
    pos: Pos | None = None  # for generated text (numbers, labels): the input element it belongs to

    def pos_at(self, index: int) -> Pos | None:
        if self.source is not None:
            return self.source.pos_at(self.offset + index)
        return self.pos


@dataclass
class Paragraph:
    style: str  # a key of Document.paragraph_styles
    runs: list[Run]
    keep_with_next: bool = False  # in addition to the style's (the text before a sign-off)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Blank:
    """Empty lines on the body grid (GB/T 9704's 空一行), plus `extra_pt` to bring what
    follows back onto the grid (after a title whose lines are not grid lines)."""

    lines: int = 1
    extra_pt: float = 0.0
    keep_with_next: bool = False


@dataclass
class PageBreak:
    pass


@dataclass(frozen=True)
class TableCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    role: str  # a key of Document.cell_styles
    text: str
    pos: Pos | None = None
    source: Text | None = None
    fit: bool = False  # a number: on one line, shrunk to fit its cell (govreport.writers.fit)
    # A number cell: the table value it prints (`new.natural_person`, legacy `rows.3.values.0`),
    # that value as a number (None for 不适用, printed `/`), and for a computed cell (总计) the
    # paths of the cells it adds up, so an output can keep the sum live (the XLSX's =SUM).
    path: str | None = None
    number: int | Decimal | None = None
    sums: tuple[str, ...] = ()


@dataclass(frozen=True)
class CellBalance:
    """A rule a table states between its cells in one column: the cells of `left` add up to
    those of `right` (table 3: 一 + 二 = （七）总计 + 四, per column). `label` says it in words."""

    rule: str
    label: str
    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass
class Table:
    """A grid with spans. It splits between rows only: `header_rows` repeat on each page and
    a row whose `keep_with_next` is set stays on the page of the row after it."""

    widths_mm: tuple[float, ...]
    n_rows: int
    cells: list[TableCell]
    header_rows: int
    keep_with_next: tuple[bool, ...]
    name: str = ""  # the table's key: active, apply, remedy (the input's), stats (legacy)
    title: str = ""  # 收到和处理政府信息公开申请情况: an HTML caption, an XLSX sheet's title
    short_title: str = ""  # 表三: an XLSX sheet's name
    balances: tuple[CellBalance, ...] = ()

    @property
    def n_cols(self) -> int:
        return len(self.widths_mm)


@dataclass
class Signoff:
    """落款 per GB/T 9704 7.3.5 (unsealed): right indents in 字, computed once for all writers."""

    organ: Run
    date: Run
    organ_right_chars: float
    date_right_chars: float
    # The date's first character is placed 2 字 right of the organ's (not the date right-
    # indented 2 字): a writer whose digits are wider than half a 字 corrects for its font.
    date_follows_organ: bool


Block = Paragraph | Blank | PageBreak | Table | Signoff


@dataclass(frozen=True)
class Publish:
    """The website the report is published on (the input's `publish`), for the 政府网站 meta
    tags of the HTML (SiteName, SiteDomain, SiteIDCode); None where the input has none."""

    site_name: str | None = None
    site_domain: str | None = None
    site_id_code: str | None = None


@dataclass
class Meta:
    """Document properties. `date` is the sign-off date, or 1 January after the report year
    when there is none (`signoff_date` is then None: an output must not state it as the
    date of publication); `organ` is the publishing organ (`author` signs)."""

    title: str
    author: str
    subject: str
    keywords: list[str]
    date: dt.date
    language: str = "zh-CN"
    organ: str = ""
    signoff_date: dt.date | None = None
    description: str = ""  # one sentence saying what the report holds (an HTML Description)
    publish: Publish | None = None


@dataclass
class Document:
    meta: Meta
    blocks: list[Block] = field(default_factory=list)
    source: str = ""  # the input file as messages name it (a position for generated text)
    page: Page = PAGE
    page_numbers: PageNumbers = PAGE_NUMBERS
    paragraph_styles: dict[str, ParagraphStyle] = field(default_factory=lambda: PARAGRAPH_STYLES)
    cell_styles: dict[str, CellStyle] = field(default_factory=lambda: CELL_STYLES)
    # The report laid out, and last year's (`previous:`, when usable): for an output that is a
    # picture of its own rather than a translation of the pages, the 图解 of key figures.
    report: Report | None = field(default=None, repr=False, compare=False)
    last_year: Report | None = field(default=None, repr=False, compare=False)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def runs(self) -> list[Run]:
        """Every run of text, in reading order (table cells as runs in their font role)."""
        out: list[Run] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.extend(block.runs)
            elif isinstance(block, Signoff):
                out.extend((block.organ, block.date))
            elif isinstance(block, Table):
                for c in block.cells:
                    out.append(Run(c.text, self.cell_styles[c.role].font, c.source, 0, c.pos))
        return out
