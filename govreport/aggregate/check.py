"""Rule X-UNITS: a summary's table cells equal the sums of its unit reports' cells.

Each input cell is compared at the summary's position of it, and a mismatch names the cell's
labels, the summary's value, the units' sum, the units that contribute most and, when the
difference is one unit's own figure, that unit: the usual mistake is a unit left out or added
twice. Units that cannot be used (unreadable, with errors, another year or format, a cycle)
are reported at their `units:` entry, and then no cell is compared: every sum would be off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govreport.aggregate.sums import CellDef, Share, add, cell_value, input_cells, shares
from govreport.findings import Finding, error
from govreport.model import Cell, NotApplicable, cell_text, is_number

if TYPE_CHECKING:
    from govreport.checkcontext import CheckContext
    from govreport.rules import Rule

TOP = 3
"""Units named as contributing most to a cell that does not add up."""


def units_sum(context: CheckContext, rule: Rule) -> list[Finding]:
    """X-UNITS: every input cell of a report with `units:` ≠ the sum over its units."""
    report = context.report
    if report.units is None or report.format is None:
        return []
    loaded = context.units
    out = [error(rule.id, p.pos, p.message) for p in loaded.problems]
    if not loaded.complete or not loaded.units:
        return out
    for cell in input_cells(report.format):
        given = cell_value(report, cell)
        if given is None or given.pos is None:
            continue  # unreadable in the summary: reported by the reader
        parts = shares(loaded.units, cell)
        expected = add(p.value for p in parts)
        if given.value != expected:
            out.append(error(rule.id, given.pos, mismatch_message(cell, given.value, expected, parts)))
    return out


def _shown(value: Cell) -> str:
    return cell_text(value, "")


def mismatch_message(cell: CellDef, given: Cell, expected: Cell, parts: list[Share]) -> str:
    """The Chinese message for a summary cell that is not its units' sum."""
    n = len(parts)
    if isinstance(expected, NotApplicable):
        return (f"{cell.label}为 {_shown(given)}，但 {n} 个单位报告都是“{_shown(expected)}”，"
                f"汇总数也应为“{_shown(expected)}”")
    text = f"{cell.label}为 {_shown(given)}，但 {n} 个单位报告之和为 {_shown(expected)}"
    numbers = [p for p in parts if is_number(p.value) and p.value > 0]
    top = sorted(numbers, key=lambda p: p.value, reverse=True)[:TOP]
    if top:
        text += "；数最大的单位：" + "、".join(f"{p.organ} {_shown(p.value)}" for p in top)
    if is_number(given) and is_number(expected) and given != expected:
        gap = expected - given
        alone = next((p for p in numbers if p.value == abs(gap)), None)
        if alone is not None:
            how = "漏计" if gap > 0 else "多计"
            text += f"；相差 {_shown(abs(gap))}，正是“{alone.organ}”的数，可能{how}了这个单位"
    return text
