"""Report → layout document: numbering, fonts by role, table grids with printed values."""

from __future__ import annotations

import datetime as dt
import math

from govreport.formats import Grid, MatrixTable, RecordTable, common
from govreport.layout.document import (
    Blank,
    Block,
    CellBalance,
    Document,
    Meta,
    PageBreak,
    Paragraph,
    Publish,
    Run,
    Signoff,
    Table,
    TableCell,
)
from govreport.layout.style import (
    CHARS_PER_LINE,
    LINE_PITCH_PT,
    MM_PER_PT,
    PAGE,
    PARAGRAPH_STYLES,
    SUB_HEADING_STYLES,
    TITLE_LINE_PT,
    TITLE_PT,
    text_width,
)
from govreport.layout.tablekeep import keep_with_next
from govreport.layout.titlebreak import title_lines
from govreport.model import (
    InputHeading,
    InputLead,
    InputParagraph,
    Report,
    Stats,
    StatsGroup,
    TableValues,
    Text,
    format_date,
    format_number,
    is_number,
)
from govreport.numbering import number_label

# 20 characters of 2号 fill 156 mm to within 2 pt; one character of slack keeps a line whole
# when digits are wider than half a character or a renderer spaces them (LibreOffice does).
TITLE_CHARS_PER_LINE = int(PAGE.text_width_mm / (TITLE_PT * MM_PER_PT)) - 1


def build_document(report: Report, last_year: Report | None = None) -> Document:
    """Lay out a complete, error-free report (as returned by a strict `govreport.load`);
    `last_year` is the report `previous:` names, when it can be compared."""
    fmt = report.format
    assert fmt is not None and report.organ is not None and report.year is not None
    blocks: list[Block] = []
    title_lines = _title_lines(report)
    blocks.extend(Paragraph("title", runs) for runs in title_lines)
    blocks.append(Blank(1, extra_pt=_to_grid(len(title_lines) * TITLE_LINE_PT + LINE_PITCH_PT)))
    blocks.extend(_content(report.preface, fmt.numbering, 0))
    for i, section in enumerate(report.sections):
        number = number_label(fmt.section_numbering, i + 1)
        heading = section.heading
        generated = section.key is not None  # fixed headings come from the format, not the input
        runs = [Run(number, "heading1", pos=heading.pos)]
        runs.append(Run(heading.value, "heading1", None if generated else heading,
                        pos=heading.pos))
        blocks.append(Paragraph("heading1", runs))
        blocks.extend(_content(section.body, fmt.numbering, 0))
        if section.table and section.table in report.tables:
            blocks.append(_grid_table(report.tables[section.table]))
    stats = report.stats if report.stats is not None and report.stats.rows else None
    attached = stats if stats is not None and stats.attachment else None
    if attached is not None:
        note = common()["attachment_note"].format(title=_stats_title(attached).text)
        blocks += [Blank(1), Paragraph("attachment_note", [Run(note, "body", pos=attached.pos)])]
    elif stats is not None:
        blocks += [Paragraph("table_title", [_stats_title(stats)]), _stats_table(stats)]
    if report.signoff is not None and report.signoff.date is not None:
        blocks.append(Blank(1))
        _keep_with_signoff(blocks)
        blocks.append(_signoff(report))
    if attached is not None:
        blocks += _attachment(attached)
    return Document(_meta(report, title_lines, blocks), blocks, source=report.name,
                    report=report, last_year=last_year)


def _to_grid(height_pt: float) -> float:
    """What to add to `height_pt` so that the next line sits on the body's line grid."""
    lines = math.ceil(height_pt / LINE_PITCH_PT - 1e-6)
    return round(lines * LINE_PITCH_PT - height_pt, 3)


def _keep_with_signoff(blocks: list[Block]) -> None:
    """GB/T 9704 7.3.5.5: the sign-off never stands alone on a page. The text just before it
    (its last paragraph, the 附件说明 and the blank lines between) goes with it."""
    for block in reversed(blocks):
        if isinstance(block, Blank):
            block.keep_with_next = True
        elif isinstance(block, Paragraph):
            block.keep_with_next = True
            if block.style != "attachment_note":
                return
        else:
            return


def _meta(report: Report, title_lines: list[list[Run]], blocks: list[Block]) -> Meta:
    assert report.year is not None and report.organ is not None
    signed = report.signoff.date if report.signoff and report.signoff.date else None
    title = "".join(run.text for runs in title_lines for run in runs)
    headings = [b.text for b in blocks if isinstance(b, Paragraph) and b.style == "heading1"]
    description = str(common()["description"]).format(title=title, sections="；".join(headings))
    return Meta(title=title, author=report.signoff_organ, subject=str(common()["subject"]),
                keywords=[*common()["keywords"], f"{report.year}年度"],
                date=signed or dt.date(report.year + 1, 1, 1), organ=report.organ.value,
                signoff_date=signed, description=description, publish=_publish(report))


def _publish(report: Report) -> Publish | None:
    p = report.publish
    if p is None:
        return None

    def value(text: Text | None) -> str | None:
        return text.value if text is not None else None

    return Publish(value(p.site_name), value(p.site_domain), value(p.site_id_code))


# --- title --------------------------------------------------------------------------------

def _title_lines(report: Report) -> list[list[Run]]:
    """Title lines: as written when a list; else lines that keep words whole (7.3.1)."""
    assert report.organ is not None and report.year is not None
    organ = report.organ
    if len(report.title) > 1:
        return [[Run(t.value, "title", t)] for t in report.title]
    if report.title:
        return _split_text(report.title[0], organ.value)
    rest = str(common()["default_title"]).format(organ="", year=report.year)
    lines, offset = [], 0
    for line in title_lines(organ.value + rest, TITLE_CHARS_PER_LINE, organ.value):
        runs = []
        in_organ = line[:max(0, len(organ.value) - offset)]
        if in_organ:  # typed by the clerk: GLYPH can name its position
            runs.append(Run(in_organ, "title", organ, offset))
        if len(line) > len(in_organ):
            runs.append(Run(line[len(in_organ):], "title", pos=organ.pos))
        lines.append(runs)
        offset += len(line)
    return lines


def _split_text(text: Text, organ: str | None = None) -> list[list[Run]]:
    lines, offset = [], 0
    for line in title_lines(text.value, TITLE_CHARS_PER_LINE, organ):
        lines.append([Run(line, "title", text, offset)])
        offset += len(line)
    return lines


# --- narrative -----------------------------------------------------------------------------

def _content(blocks: list, numbering: tuple[str, ...], depth: int) -> list[Block]:
    out: list[Block] = []
    counter = 0
    for block in blocks:
        if isinstance(block, InputParagraph):
            out.append(Paragraph("body", [Run(block.text.value, "body", block.text)]))
            continue
        counter += 1
        number = number_label(numbering[depth], counter)
        style = SUB_HEADING_STYLES[depth]
        font = PARAGRAPH_STYLES[style].font
        if isinstance(block, InputHeading):
            out.append(Paragraph(style, [Run(number, font, pos=block.text.pos),
                                         Run(block.text.value, font, block.text)]))
            out.extend(_content(block.body, numbering, depth + 1))
        elif isinstance(block, InputLead):
            runs = [Run(number, font, pos=block.lead.pos), Run(block.lead.value, font, block.lead)]
            if block.text is not None:
                runs.append(Run(block.text.value, "body", block.text))
            out.append(Paragraph("body", runs))
    return out


# --- tables --------------------------------------------------------------------------------

def _grid_table(tv: TableValues) -> Table:
    table = tv.definition
    assert isinstance(table, (RecordTable, MatrixTable)) and table.grid is not None
    grid: Grid = table.grid
    cells = []
    for c in grid.cells:
        if c.value is not None:
            v = tv.values.get(c.value)
            text = format_number(v.value) if v is not None else ""
            pos = v.pos if v is not None and v.pos else tv.row_pos.get(c.value.rsplit(".", 1)[0], tv.pos)
            number = v.value if v is not None and is_number(v.value) else None
            sums = table.addends(c.value) if isinstance(table, MatrixTable) else ()
            cells.append(TableCell(c.row, c.col, c.rowspan, c.colspan, c.role, text, pos,
                                   fit=True, path=c.value, number=number, sums=sums))
        else:
            cells.append(TableCell(c.row, c.col, c.rowspan, c.colspan, c.role, c.text or "", tv.pos))
    keeps = keep_with_next(grid.n_rows, grid.header_rows, cells)
    return Table(grid.widths_mm, grid.n_rows, cells, grid.header_rows, keeps, name=table.key,
                 title=table.title, short_title=table.short_title, balances=_balances(table))


def _balances(table: RecordTable | MatrixTable) -> tuple[CellBalance, ...]:
    """A matrix table's stated balances (T3-BAL), one per column, its 总计 included."""
    if not isinstance(table, MatrixTable):
        return ()

    def cells(rows: tuple[str, ...], column: str) -> tuple[str, ...]:
        return tuple(f"{leaf.path}.{column}" for r in rows for leaf in table.leaves(r))

    return tuple(CellBalance(b.rule, b.label, cells(b.left, c.key), cells(b.right, c.key))
                 for b in table.balances for c in table.all_columns)


def _stats_title(stats: Stats) -> Run:
    if stats.title is not None:
        return Run(stats.title.value, "heading1", stats.title)
    return Run(stats.definition.title, "heading1", pos=stats.pos)


def _attachment(stats: Stats) -> list[Block]:
    """The statistics as 附件 on a page of their own: label, 2号 title, table."""
    if stats.title is not None:  # the clerk's title may not fit one 2号 line: balance it
        title = _split_text(stats.title)
    else:
        title = [[Run(stats.definition.title, "title", pos=stats.pos)]]
    label = Run(stats.definition.attachment_heading, "heading1", pos=stats.pos)
    return [PageBreak(), Paragraph("attachment_label", [label]), Blank(1),
            *(Paragraph("title", runs) for runs in title), Blank(1), _stats_table(stats)]


def _stats_table(stats: Stats) -> Table:
    d = stats.definition
    columns = [c.value for c in stats.columns] or list(d.default_columns)
    label_w, unit_w = d.widths_mm["label"], d.widths_mm["unit"]
    value_w = (PAGE.text_width_mm - label_w - unit_w) / len(columns)
    widths = (label_w, unit_w, *([round(value_w, 3)] * len(columns)))
    n_cols = len(widths)
    cells: list[TableCell] = []
    header = [*d.header, *columns]
    for col, text in enumerate(header):
        source = stats.columns[col - 2] if col >= 2 and stats.columns else None
        cells.append(TableCell(0, col, 1, 1, "header", text, stats.pos, source))
    for r, row in enumerate(stats.rows, start=1):
        if isinstance(row, StatsGroup):
            cells.append(TableCell(r, 0, 1, n_cols, "caption", row.label.value, row.label.pos,
                                   row.label))
            continue
        cells.append(TableCell(r, 0, 1, 1, "label", row.label.value, row.label.pos, row.label))
        unit = row.unit.value if row.unit else ""
        cells.append(TableCell(r, 1, 1, 1, "input", unit, row.label.pos, row.unit))
        for i, v in enumerate(row.values):
            text = format_number(v.value)
            number = v.value if is_number(v.value) else None
            cells.append(TableCell(r, 2 + i, 1, 1, "input", text, v.pos, fit=True,
                                   path=f"rows.{r - 1}.values.{i}", number=number))
    keeps = keep_with_next(len(stats.rows) + 1, 1, cells)
    return Table(widths, len(stats.rows) + 1, cells, 1, keeps, name="stats",
                 title=_stats_title(stats).text, short_title=d.short_title)


# --- sign-off ------------------------------------------------------------------------------

def signoff_indents(organ: str, date: str) -> tuple[float, float, bool]:
    """GB/T 9704 7.3.5.2 (unsealed): organ right-indented 2 字, the date's first character 2 字
    right of the organ's; when the date is too long for that, the date is right-indented 2 字
    and the organ moves left (never past the line's start). Returns the (organ, date) right
    indents in 字 and whether the date follows the organ (is placed by its first character)."""
    name_w, date_w = text_width(organ), text_width(date)
    date_indent = 2 + name_w - 2 - date_w
    follows = date_indent > 2  # widths are whole or half 字: exact; at 2 both rules agree
    if follows:
        organ_indent = 2.0
    else:
        organ_indent, date_indent = max(date_w + 4 - name_w, 2.0), 2.0
    return min(organ_indent, max(CHARS_PER_LINE - name_w, 0)), date_indent, follows


def _signoff(report: Report) -> Signoff:
    assert report.signoff is not None and report.signoff.date is not None
    organ_text = report.signoff.organ or report.organ
    assert organ_text is not None
    date = format_date(report.signoff.date)
    organ_indent, date_indent, follows = signoff_indents(organ_text.value, date)
    return Signoff(
        organ=Run(organ_text.value, "body", organ_text),
        date=Run(date, "body", pos=report.signoff.date_pos),
        organ_right_chars=organ_indent,
        date_right_chars=date_indent,
        date_follows_organ=follows,
    )

