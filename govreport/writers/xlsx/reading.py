"""Reading a workbook govreport wrote (`--to xlsx`) back into table values: clerks fill the
numbers in Excel or WPS, and the input file takes them from there.

Each table is read from the sheet of its short title (表二, 表三, 表四; 统计表) at the cells the
writer put it (`placement`). Before any number is taken, every label of the sheet is compared
with the format's: a sheet whose rows or columns moved is refused with the first cell that
differs, never read into the wrong rows. A number cell must hold a number (or `/`, 不适用,
where the table allows it); anything else is an error naming the sheet and cell (`表三!D7`).
Amounts keep the places their cell shows (`1.2650`). A 总计 still holding its formula is
computed, not read; one a clerk typed over is returned like a total typed in the input, so
`check` compares it with its parts (T3-ROW).

Findings use rule SCHEMA and name the workbook with the cell's row and column as line and
column (`2025.xlsx:7:4`), the message starting with the cell's name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from govreport.findings import Finding, error, short
from govreport.formats import (
    AMOUNT,
    COUNT,
    SIGNED,
    FormatDef,
    MatrixTable,
    RecordTable,
    StatsTable,
    TableDef,
    not_applicable_word,
)
from govreport.model import NA, Cell
from govreport.position import Pos
from govreport.reader.values import MAX_DECIMALS, MAX_NUMBER
from govreport.writers.xlsx.numbers import format_places, places
from govreport.writers.xlsx.placement import GRID_TOP, cell_name

TableNumbers = dict[str, dict[str, Cell]]
"""table key → value path (`new.natural_person`; legacy `rows.3.values.0`) → value."""

PRINTED_NA = "/"
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_EXPECTED = {COUNT: "非负整数", SIGNED: "整数（可为负数）", AMOUNT: "非负数（可带小数）"}


class _Sheets:
    """The workbook twice: as written (formulas) and as last calculated (cached values)."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        self.formulas = openpyxl.load_workbook(path, data_only=False)
        self.values = openpyxl.load_workbook(path, data_only=True)

    def names(self) -> list[str]:
        return self.formulas.sheetnames


class _Reader:
    def __init__(self, name: str, sheets: _Sheets) -> None:
        self.name = name
        self.sheets = sheets
        self.findings: list[Finding] = []

    def problem(self, sheet: str, row: int, col: int, message: str) -> None:
        self.findings.append(error("SCHEMA", Pos(self.name, row + 1, col + 1),
                                   f"{sheet}!{cell_name(row, col)}：{message}"))

    def raw(self, sheet: str, row: int, col: int) -> tuple[object, object, str]:
        """(the cell as written, its cached value, its number format)."""
        written = self.sheets.formulas[sheet].cell(row + 1, col + 1)
        cached = self.sheets.values[sheet].cell(row + 1, col + 1).value
        return written.value, cached, written.number_format or ""

    def text(self, sheet: str, row: int, col: int) -> str:
        value = self.sheets.formulas[sheet].cell(row + 1, col + 1).value
        return "" if value is None else str(value).strip()

    # --- one number ---------------------------------------------------------------------

    def number(self, sheet: str, row: int, col: int, kind: str, allow_na: bool,
               what: str) -> Cell | None:
        written, cached, number_format = self.raw(sheet, row, col)
        value = cached if isinstance(written, str) and written.startswith("=") else written
        if isinstance(written, str) and written.startswith("=") and cached is None:
            self.problem(sheet, row, col, f"{what}是公式，但工作簿中没有它的计算结果；"
                                          "请在 Excel 或 WPS 中打开并保存后再读取")
            return None
        message = None
        if value is None or (isinstance(value, str) and not value.strip()):
            message = f"{what}是空白；缺失的数字不会被当作 0，没有请填 0"
        elif isinstance(value, bool):
            message = f"{what}应为{_EXPECTED[kind]}，这里是真假值 {value}"
        elif isinstance(value, (dt.datetime, dt.date, dt.time)):
            message = f"{what}应为{_EXPECTED[kind]}，这里是日期或时间（单元格格式被改成了日期？）"
        elif isinstance(value, str):
            text = value.strip()
            if text in (PRINTED_NA, not_applicable_word()):
                if allow_na:
                    return NA
                message = f"{what}不能填“{not_applicable_word()}”（/），请填写数字"
            elif _PLAIN_NUMBER.match(text):  # a number stored as text (WPS, pasted cells)
                return self._checked(sheet, row, col, Decimal(text), kind, what, 0)
            else:
                hint = "；机关没有相应职权的，请填“/”" if allow_na else ""
                message = f"{what}应为{_EXPECTED[kind]}，这里是文字“{short(text)}”{hint}"
        if message is not None:
            self.problem(sheet, row, col, message)
            return None
        assert isinstance(value, (int, float))
        try:
            exact = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
        except InvalidOperation:
            self.problem(sheet, row, col, f"{what}不是有效的数字")
            return None
        return self._checked(sheet, row, col, exact, kind, what, format_places(number_format))

    def _checked(self, sheet: str, row: int, col: int, value: Decimal, kind: str, what: str,
                 shown_places: int) -> Cell | None:
        if not value.is_finite():
            self.problem(sheet, row, col, f"{what}不是有效的数字")
            return None
        if kind == AMOUNT:
            if value < 0:
                self.problem(sheet, row, col, f"{what}不能为负数，这里是 {value}")
                return None
            if places(value) > MAX_DECIMALS:
                self.problem(sheet, row, col, f"{what}最多保留 {MAX_DECIMALS} 位小数，这里是 {value}")
                return None
            if abs(value) > MAX_NUMBER:
                self.problem(sheet, row, col, f"{what}的数值 {value} 过大")
                return None
            if places(value) < shown_places:  # the places the cell shows: 1.2650 stays
                value = value.quantize(Decimal(1).scaleb(-min(shown_places, MAX_DECIMALS)))
            return value
        if value != value.to_integral_value():
            self.problem(sheet, row, col, f"{what}应为整数，这里是 {value}")
            return None
        number = int(value)
        if kind == COUNT and number < 0:
            self.problem(sheet, row, col, f"{what}不能为负数，这里是 {number}")
            return None
        if abs(number) > MAX_NUMBER:
            self.problem(sheet, row, col, f"{what}的数值 {number} 过大（最多 15 位）")
            return None
        return number

    # --- tables -------------------------------------------------------------------------

    def sheet_of(self, table: TableDef, required: bool = True) -> str | None:
        name = table.short_title or table.key
        if name in self.sheets.names():
            return name
        if not required:  # a legacy report's statistics are optional: no sheet, no table
            return None
        self.findings.append(error("SCHEMA", Pos(self.name, 1, 1),
                                   f"工作簿中没有工作表“{name}”（{table.title}），没有读取这张表；"
                                   f"工作簿中的工作表：{'、'.join(self.sheets.names()) or '无'}"))
        return None

    def grid_table(self, table: RecordTable | MatrixTable) -> dict[str, Cell] | None:
        sheet = self.sheet_of(table)
        if sheet is None:
            return None
        assert table.grid is not None
        for c in table.grid.cells:  # the labels first: never read numbers into the wrong rows
            if c.value is None and self.text(sheet, GRID_TOP + c.row, c.col) != (c.text or ""):
                found = self.text(sheet, GRID_TOP + c.row, c.col)
                self.problem(sheet, GRID_TOP + c.row, c.col,
                             f"应为“{short(c.text or '', 40)}”，这里是“{short(found, 40)}”：表格的行列"
                             f"与格式不一致（是否插入、删除或移动了行列？），没有读取这张表")
                return None
        kinds = {f.path: f.type for f in table.fields()} if isinstance(table, RecordTable) else {}
        out: dict[str, Cell] = {}
        for c in table.grid.cells:
            if c.value is None:
                continue
            row, col = GRID_TOP + c.row, c.col
            if c.role == "computed":
                written, _, _ = self.raw(sheet, row, col)
                if written is None or (isinstance(written, str) and written.startswith("=")):
                    continue  # still the formula (or cleared): computed, as in the input
            kind = kinds.get(c.value, getattr(table, "cell_type", COUNT))
            value = self.number(sheet, row, col, kind, table.not_applicable, _what(table, c.value))
            if value is not None:
                out[c.value] = value
        return out

    def stats_table(self, table: StatsTable) -> dict[str, Cell] | None:
        sheet = self.sheet_of(table, required=False)
        if sheet is None:
            return None
        for col, label in enumerate(table.header):
            if self.text(sheet, GRID_TOP, col) != label:
                self.problem(sheet, GRID_TOP, col, f"应为表头“{label}”，这里是“{short(self.text(sheet, GRID_TOP, col))}”："
                                                   "表格的行列与统计表不一致，没有读取这张表")
                return None
        ws = self.sheets.formulas[sheet]
        n_cols = len(table.header)
        while self.text(sheet, GRID_TOP, n_cols):
            n_cols += 1
        merged_rows = {r.min_row - 1 for r in ws.merged_cells.ranges
                       if r.min_col == 1 and r.max_col >= n_cols and r.min_row == r.max_row}
        out: dict[str, Cell] = {}
        row = GRID_TOP + 1
        while row < ws.max_row and any(self.text(sheet, row, c) for c in range(n_cols)):
            index = row - GRID_TOP - 1
            if row not in merged_rows:  # a group row spans the table and holds no number
                label = self.text(sheet, row, 0)
                for j, col in enumerate(range(len(table.header), n_cols)):
                    value = self.number(sheet, row, col, AMOUNT, table.not_applicable,
                                        f"“{short(label)}”的“{self.text(sheet, GRID_TOP, col)}”")
                    if value is not None:
                        out[f"rows.{index}.values.{j}"] = value
            row += 1
        return out


def _what(table: RecordTable | MatrixTable, path: str) -> str:
    """How a message names a value: “（三）不予公开 1.属于国家秘密”的“自然人”."""
    if isinstance(table, RecordTable):
        field = next(f for f in table.fields() if f.path == path)
        item = next(i for i in table.items if field in i.fields)
        return f"“{item.label}”" if item.scalar else f"“{item.label}”的“{field.label}”"
    row_path, column = path.rsplit(".", 1)
    label = next(c.label for c in table.all_columns if c.key == column)
    return f"“{table.row(row_path).full_label}”的“{label}”"


def read_tables(path: str | os.PathLike[str], format: FormatDef) -> tuple[TableNumbers, list[Finding]]:
    """The table values of a workbook written by `govreport build --to xlsx` for a report of
    `format`, and the problems found; never raises for a bad workbook. A table with problems
    in its layout is left out; a cell with a problem is left out of its table."""
    name = os.fspath(path)
    try:
        sheets = _Sheets(Path(path))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = "不是有效的 XLSX 工作簿" if not isinstance(exc, OSError) else f"无法打开（{exc.strerror or exc}）"
        return {}, [error("SCHEMA", Pos(name, 1, 1), f"{reason}，请用 govreport build --to xlsx 生成的工作簿")]
    reader = _Reader(name, sheets)
    out: TableNumbers = {}
    for key, table in format.tables.items():
        if isinstance(table, (RecordTable, MatrixTable)):
            values = reader.grid_table(table)
        elif isinstance(table, StatsTable):
            values = reader.stats_table(table)
        else:
            continue
        if values is not None:
            out[key] = values
    return out, reader.findings
