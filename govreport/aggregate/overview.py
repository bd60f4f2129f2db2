"""The overview sheet: one row per unit — organ, file, status, errors, warnings and the key
figures — and a total row; with last year's figures where units name `previous:`, and the
jumps `govreport diff` flags (above ×5 or below ×0.2). CSV (UTF-8 with BOM, CRLF, as `diff`
writes it) or XLSX (xlsxwriter, imported only here and only for an .xlsx).

The key figures are data: `templates/aggregate/key-figures.yaml`.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govreport.aggregate.gather import Gathered, UnitResult
from govreport.aggregate.sums import add
from govreport.atomic import atomic_write_bytes
from govreport.findings import severity_counts
from govreport.formats import template_data
from govreport.history.statdiff import jump
from govreport.model import Cell, Report, cell_text, is_number

SUFFIXES = (".csv", ".xlsx")
FIXED_HEADERS = ("单位", "文件", "状态", "错误", "警告")
"""The columns before the key figures."""
STATUS = {"summed": "已汇总", "failed": "有错误，未计入", "missing": "未报送", "total": ""}


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    table: str
    paths: tuple[str, ...]

    def value(self, report: Report) -> Cell | None:
        """The figure in a report: the sum of its cells; None when one cannot be read."""
        tv = report.tables.get(self.table)
        parts = [tv.values.get(p) if tv is not None else None for p in self.paths]
        if any(p is None for p in parts):
            return None
        return add(p.value for p in parts if p is not None)


@functools.cache
def key_figures(format_id: str) -> tuple[Figure, ...]:
    data = template_data("aggregate/key-figures.yaml").get(format_id, ())
    return tuple(Figure(f["id"], f["label"], f["table"], tuple(f["sum"])) for f in data)


def _last_value(last: Report | None, figure: Figure) -> Cell | None:
    if last is None or last.format is None:
        return None
    same = next((f for f in key_figures(last.format.id) if f.id == figure.id), None)
    return same.value(last) if same is not None else None


@dataclass(frozen=True)
class Row:
    kind: str  # summed, failed, missing, total
    organ: str
    file: str
    errors: int | None
    warnings: int | None
    values: tuple[Cell | None, ...]
    last: tuple[Cell | None, ...]
    flags: tuple[str | None, ...]  # per figure, the note of a jump

    @property
    def status(self) -> str:
        return STATUS[self.kind]

    def flag_text(self, figures: Sequence[Figure]) -> str:
        return "；".join(f"{fig.label}{note}" for fig, note in zip(figures, self.flags, strict=True)
                        if note)


def _flags(values: Sequence[Cell | None], last: Sequence[Cell | None]) -> tuple[str | None, ...]:
    out = []
    for new, old in zip(values, last, strict=True):
        out.append(jump(old, new)[1] if is_number(new) and is_number(old) else None)
    return tuple(out)


def _unit_row(u: UnitResult, figures: Sequence[Figure]) -> Row:
    errors, warnings = severity_counts(u.findings)
    values = tuple(f.value(u.report) if u.report is not None else None for f in figures)
    last = tuple(_last_value(u.last, f) for f in figures)
    return Row(u.status, u.organ or "", u.file, errors, warnings, values, last, _flags(values, last))


def _total(cells: Sequence[Cell | None]) -> Cell | None:
    return None if not cells or any(c is None for c in cells) else add(c for c in cells if c is not None)


@dataclass(frozen=True)
class Overview:
    figures: tuple[Figure, ...]
    rows: list[Row]
    with_last: bool

    @property
    def headers(self) -> list[str]:
        head = [*FIXED_HEADERS, *(f.label for f in self.figures)]
        if self.with_last:
            head += [f"上年{f.label}" for f in self.figures] + ["大幅变化"]
        return head

    def cells(self, row: Row) -> list[Cell | str | int | None]:
        out: list[Cell | str | int | None] = [row.organ, row.file, row.status, row.errors,
                                              row.warnings, *row.values]
        if self.with_last:
            out += [*row.last, row.flag_text(self.figures)]
        return out


def overview(g: Gathered) -> Overview:
    """Every unit (in the order given), the registry's missing units, then the total row of
    the summed units (a figure's total is left empty when a summed unit lacks it)."""
    figures = key_figures(g.format.id)
    rows = [_unit_row(u, figures) for u in g.units]
    rows += [Row("missing", e.organ, e.file_name or "", None, None, (None,) * len(figures),
                 (None,) * len(figures), (None,) * len(figures)) for e in g.missing]
    summed = [r for r in rows if r.kind == "summed"]
    values = tuple(_total([r.values[i] for r in summed]) for i in range(len(figures)))
    last = tuple(_total([r.last[i] for r in summed]) for i in range(len(figures)))
    rows.append(Row("total", f"合计（{len(summed)} 个单位）", "", None, None, values, last,
                    _flags(values, last)))
    with_last = any(u.last is not None for u in g.units)
    return Overview(figures, rows, with_last)


def _text(value: Cell | str | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return cell_text(value, "")


def as_csv(ov: Overview) -> bytes:
    """UTF-8 with BOM (Excel on a Chinese Windows reads it as UTF-8) and CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(ov.headers)
    for row in ov.rows:
        w.writerow([_text(c) for c in ov.cells(row)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def as_xlsx(ov: Overview, sheet: str) -> bytes:
    """One sheet: a frozen header row with filters, numbers as numbers, units with errors in
    red, missing ones in grey, jumps highlighted, the total row bold."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet(sheet[:31])
    base = {"font_name": "宋体", "font_size": 11, "border": 1, "valign": "vcenter"}
    kinds: dict[str, dict[str, object]] = {
        "header": {"bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "align": "center"},
        "summed": {}, "failed": {"font_color": "#C00000"},
        "missing": {"font_color": "#808080", "italic": True}, "total": {"bold": True, "top": 2}}
    made: dict[tuple[str, bool, bool], object] = {}

    def style(kind: str, flagged: bool = False, figure: bool = False) -> object:
        key = (kind, flagged, figure)
        if key not in made:
            extra = {"bg_color": "#FFEB9C"} if flagged else {}
            if figure:
                extra["align"] = "right"  # 不适用 lines up with the numbers
            made[key] = book.add_format({**base, **kinds[kind], **extra})
        return made[key]

    headers = ov.headers
    ws.write_row(0, 0, headers, style("header"))
    n = len(ov.figures)
    for r, row in enumerate(ov.rows, start=1):
        for c, value in enumerate(ov.cells(row)):
            figure = c - len(FIXED_HEADERS)
            is_figure = 0 <= figure < n
            cell_style = style(row.kind, is_figure and bool(row.flags[figure]), is_figure)
            if isinstance(value, int):
                ws.write_number(r, c, value, cell_style)
            else:  # text, 不适用, and amounts (as written: a float would lose places)
                ws.write_string(r, c, _text(value), cell_style)
    widths = [28, 30, 14, 6, 6, *([10] * n)]
    if ov.with_last:
        widths += [11] * n + [40]
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.set_row(0, 36)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, len(ov.rows), len(headers) - 1)
    ws.set_landscape()  # printed: A4 across, one page wide, the header on every page
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    book.close()
    return buf.getvalue()


def write(path: Path, ov: Overview, sheet: str) -> None:
    """Write the overview as its suffix says (`SUFFIXES`), atomically."""
    data = as_xlsx(ov, sheet) if path.suffix.lower() == ".xlsx" else as_csv(ov)
    atomic_write_bytes(path, data)
