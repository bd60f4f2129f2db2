"""`govreport import FILE.xlsx --into REPORT.yaml`: the numbers a clerk filled in a workbook
govreport wrote (`--to xlsx`), put into an existing input file.

Clerks like to fill the tables in Excel or WPS. The workbook is read by
`govreport.writers.xlsx.reading.read_tables` (labels compared first, every cell checked); then
each number of the input file whose value changed is replaced where it is written — only its
own characters — so the narrative, the comments, the layout of the tables (lists or mappings),
the line breaks and the encoding stay byte for byte as they were. A 总计 the file writes out
(to have it compared) is set to what the workbook's formula computes, or to the number a clerk
typed over the formula. Nothing is written when the workbook has an error, when a number has
no place in the file, or when nothing changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from govreport.arithmetic import fill
from govreport.findings import Finding, error, has_errors, warning
from govreport.formats import not_applicable_word
from govreport.model import Cell, NotApplicable, Report, StatsRow, StatValue, TableValues
from govreport.position import Pos
from govreport.yamledit import EditableFile, open_editable
from govreport.yamltree import LINE_BREAK

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class IntoError(Exception):
    """The input file cannot take the workbook's numbers (a Chinese message)."""


@dataclass(frozen=True)
class Into:
    """The outcome: the file's new bytes, how many numbers changed, and what was found."""

    file: EditableFile
    data: bytes
    changed: int
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @property
    def unchanged(self) -> bool:
        return self.data == self.file.data


def yaml_scalar(value: Cell) -> str:
    """How an input file writes a table number: `12`, `1.2650`, `不适用`."""
    if isinstance(value, NotApplicable):
        return not_applicable_word()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def tables_into(workbook: Path, target: Path) -> Into:
    """The edit of `target` that gives it the tables of `workbook`; `InputError` when the
    target cannot be read, `IntoError` when it has no format to read the workbook with."""
    from govreport.writers.xlsx.reading import read_tables

    file = open_editable(target)
    report = file.report
    if report.format is None:
        raise IntoError(f"{target} 没有可用的 format，无法按格式读取工作簿"
                        + _first_error(report))
    numbers, found = read_tables(workbook, report.format)
    findings = list(found)
    if has_errors(findings):
        return Into(file, file.data, 0, findings)
    places = _Places(file)
    edits: dict[int, tuple[int, int, str]] = {}
    changed = 0
    for table, values in numbers.items():
        computed = _computed_paths(report.tables.get(table))
        for path, value in values.items():
            written = _written(report, table, path)
            if (written is None or written.pos is None) and path in computed:
                findings.append(_typed_total(report, table, path, value, workbook))
                continue
            if written is None or written.pos is None:
                findings.append(_no_place(report, table, path, workbook))
                continue
            if written.given and written.value == value and type(written.value) is type(value):
                continue
            span = places.span(written.pos)
            edits[span[0]] = (*span, yaml_scalar(value))
            changed += 1
    if has_errors(findings):
        return Into(file, file.data, 0, findings)
    data = file.edited(edits.values())
    totals = _stale_totals(file, data, numbers, places)
    data = file.edited([*edits.values(), *totals])
    _verify(file, data, numbers)
    return Into(file, data, changed + len(totals), findings)


def _first_error(report: Report) -> str:
    first = next((f for f in report.findings if f.is_error), None)
    return f"（{first}）" if first else ""


def _written(report: Report, table: str, path: str) -> StatValue | None:
    """The input file's own value for a workbook cell: an input or a written-out total."""
    if table in report.tables:
        tv = report.tables[table]
        value = tv.given_computed.get(path) or tv.values.get(path)
        return value if value is not None and value.given else None
    stats = report.stats
    if stats is None or not path.startswith("rows."):
        return None
    _, row, _, column = path.split(".")
    if int(row) >= len(stats.rows) or not isinstance(stats.rows[int(row)], StatsRow):
        return None
    values = stats.rows[int(row)].values  # type: ignore[union-attr]
    return values[int(column)] if int(column) < len(values) else None


def _computed_paths(tv: TableValues | None) -> set[str]:
    """The cells of a table that govreport computes (totals, sum rows)."""
    if tv is None:
        return set()
    return {p for p, v in _computed(tv).values.items() if not v.given}


def _typed_total(report: Report, table: str, path: str, value: Cell, workbook: Path) -> Finding:
    return warning("SCHEMA", report.tables[table].pos,
                   f"工作簿 {workbook.name} 中“{table}.{path}”的总计是手填的 {yaml_scalar(value)}（不是公式）；"
                   "本文件不写这个总计（由 govreport 计算），没有导入，请核对各项数字")


def _no_place(report: Report, table: str, path: str, workbook: Path) -> Finding:
    where = report.tables[table].pos if table in report.tables else Pos(str(report.path), 1, 1)
    return error("SCHEMA", where,
                 f"工作簿 {workbook.name} 中“{table}.{path}”有数字，但本文件没有写这一项，无法只替换数字；"
                 "请先在文件中补上这一项（可写 ~），再导入")


def _stale_totals(file: EditableFile, data: bytes, numbers: dict[str, dict[str, Cell]],
                  places: _Places) -> list[tuple[int, int, str]]:
    """Written-out totals the workbook left to its formulas: set to the sum of the new
    numbers (what the formula shows), so that the file does not contradict itself."""
    from govreport.reader import read_source_report
    from govreport.source import SourceText

    src = SourceText(file.src.name, file.path, file.text_of(data), list(file.src.findings))
    after = read_source_report(src)
    edits = []
    for key, tv in after.tables.items():
        computed = _computed(tv)
        for path, given in tv.given_computed.items():
            if path in numbers.get(key, {}) or given.pos is None:
                continue
            value = computed.values.get(path)
            if value is None or value.value == given.value:
                continue
            edits.append((*places.span(given.pos), yaml_scalar(value.value)))
    return edits


def _verify(file: EditableFile, data: bytes, numbers: dict[str, dict[str, Cell]]) -> None:
    """Read the new text back: it must hold the workbook's numbers and read as cleanly as
    before. A failure is a bug, and stops the edit before anything is written."""
    from govreport.reader import read_source_report
    from govreport.source import SourceText

    after = read_source_report(SourceText(file.src.name, file.path, file.text_of(data),
                                          list(file.src.findings)))
    wrong = [f"{t}.{p}" for t, values in numbers.items() for p, v in values.items()
             if (w := _written(after, t, p)) is not None and w.value != v]
    new_errors = {str(f) for f in after.findings if f.is_error} - \
        {str(f) for f in file.report.findings if f.is_error}
    if wrong or new_errors:
        raise AssertionError(f"editing {file.path} would not give the workbook's numbers: "
                             f"{wrong} {sorted(new_errors)}")


def _computed(tv: TableValues) -> TableValues:
    """The table's computed cells, from its inputs only (not from written-out totals)."""
    inputs = copy.copy(tv)
    inputs.values = {p: v for p, v in tv.values.items() if v.given}
    fill(inputs)
    return inputs


class _Places:
    """Where each scalar of the file stands, by the line and column the reader gives its
    value (both count characters of the decoded text)."""

    def __init__(self, file: EditableFile) -> None:
        text = file.src.text
        self._line_starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
        self._ends: dict[tuple[int, int], tuple[int, int]] = {}
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.ScalarEvent):
                start, end = event.start_mark, event.end_mark
                self._ends[(start.line, start.column)] = (end.line, end.column)

    def span(self, pos: Pos) -> tuple[int, int]:
        """The characters of the scalar that starts at `pos`."""
        start = (pos.line - 1, pos.column - 1)
        end = self._ends.get(start)
        if end is None:  # a reader position is always a scalar's start: a bug otherwise
            raise AssertionError(f"no scalar at {pos}")
        return self._offset(*start), self._offset(*end)

    def _offset(self, line: int, column: int) -> int:
        return self._line_starts[line] + column
