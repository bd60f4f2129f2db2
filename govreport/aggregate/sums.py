"""Adding up unit reports cell by cell: what a summary's tables must say.

The cells summed are the ones a clerk writes (table 2's fields, the value rows of tables 3 and
4 without their 总计 column and without sum rows such as （七）总计): the totals follow from
them by the format's arithmetic. 不适用 adds nothing, and a sum is 不适用 only when every unit's
cell is. Amounts are `Decimal`s and stay exact.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govreport.formats import FormatDef, MatrixTable, RecordTable, get_format
from govreport.model import NA, Cell, Report, StatValue, cell_text, is_number


@dataclass(frozen=True)
class CellDef:
    """One input cell of a format: its table, its path there, and how messages name it."""

    table: str
    path: str
    label: str


@dataclass(frozen=True)
class InputLine:
    """The cells one input line of the YAML holds: a table-3/4 row or a table-2 item, keyed
    as `govreport.scaffold.Prefill.rows` keys them (`apply.denied.third_party`)."""

    key: str
    cells: tuple[CellDef, ...]


def input_lines(fmt: FormatDef) -> tuple[InputLine, ...]:
    """Every input line of a gov-* format's tables, in the order `init` writes them."""
    return _input_lines(fmt.id)


@functools.cache
def _input_lines(format_id: str) -> tuple[InputLine, ...]:
    fmt = get_format(format_id)
    out: list[InputLine] = []
    for key, table in fmt.tables.items():
        if isinstance(table, RecordTable):
            for item in table.items:
                out.append(InputLine(f"{key}.{item.key}", tuple(
                    CellDef(key, f.path, f"“{item.label}”{f.label}") for f in item.fields)))
        elif isinstance(table, MatrixTable):
            for row in table.value_rows():
                if row.sum:
                    continue
                out.append(InputLine(f"{key}.{row.path}", tuple(
                    CellDef(key, f"{row.path}.{c.key}", f"“{row.full_label}”的“{c.label}”")
                    for c in table.columns)))
    return tuple(out)


def input_cells(fmt: FormatDef) -> list[CellDef]:
    return [c for row in input_lines(fmt) for c in row.cells]


def summable(fmt: FormatDef) -> bool:
    """Whether reports of this format can be added up: legacy tables have free rows."""
    return not fmt.free_sections


def cell_value(report: Report, cell: CellDef) -> StatValue | None:
    tv = report.tables.get(cell.table)
    return tv.values.get(cell.path) if tv is not None else None


def add(values: Iterable[Cell]) -> Cell:
    """The sum of unit cells: 不适用 adds nothing; all 不适用 (or none at all) is 不适用."""
    numbers = [v for v in values if is_number(v)]
    if not numbers:
        return NA
    return sum(numbers[1:], start=numbers[0])


@dataclass(frozen=True)
class Share:
    """What one unit contributes to a cell."""

    organ: str
    value: Cell


def shares(units: Sequence[Report], cell: CellDef) -> list[Share]:
    """Each unit's value of a cell (units without it are left out: they have reading errors)."""
    out = []
    for unit in units:
        v = cell_value(unit, cell)
        if v is not None:
            out.append(Share(unit.organ.value if unit.organ else unit.name, v.value))
    return out


def sum_cells(fmt: FormatDef, units: Sequence[Report]) -> dict[str, Cell]:
    """Every input cell's sum over `units`, keyed `table.path` (`apply.new.natural_person`)."""
    return {f"{c.table}.{c.path}": add(s.value for s in shares(units, c))
            for c in input_cells(fmt)}


def prefill_rows(fmt: FormatDef, sums: dict[str, Cell]) -> dict[str, tuple[str, ...]]:
    """The sums as `Prefill.rows`: each input line's values as YAML scalars (不适用 as the word)."""
    return {row.key: tuple(cell_text(sums[f"{c.table}.{c.path}"], "0") for c in row.cells)
            for row in input_lines(fmt)}
