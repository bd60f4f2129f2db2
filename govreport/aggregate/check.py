"""Rule X-UNITS: a summary's table cells equal the sums of its unit reports' cells.

Each input cell is compared at the summary's position of it, and a mismatch names the cell's
labels, the summary's value, the units' sum, the units that contribute most and, when leaving
out (or counting twice) one unit makes every cell of the summary what it is, that unit: the
usual mistake. Units that cannot be used (unreadable, with errors, another year or format, a cycle)
are reported at their `units:` entry, and then no cell is compared: every sum would be off.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govreport.findings import Finding, error
from govreport.model import NA, Cell, NotApplicable, cell_text, is_number
from govreport.position import Pos

if TYPE_CHECKING:
    from govreport.aggregate.sums import CellDef, Share
    from govreport.checkcontext import CheckContext
    from govreport.rules import Rule

TOP = 3
"""Units named as contributing most to a cell that does not add up."""


def units_sum(context: CheckContext, rule: Rule) -> list[Finding]:
    """X-UNITS: every input cell of a report with `units:` ≠ the sum over its units."""
    report = context.report
    if report.units is None or report.format is None:
        return []  # not a summary: nothing more is imported or read
    from govreport.aggregate.sums import add, cell_value, input_cells, shares

    loaded = context.units
    out = [error(rule.id, p.pos, p.message) for p in loaded.problems]
    if not loaded.complete or not loaded.units:
        return out
    compared = []
    for cell in input_cells(report.format):
        given = cell_value(report, cell)
        if given is None or given.pos is None:
            continue  # unreadable in the summary: reported by the reader
        parts = shares(loaded.units, cell)
        compared.append(Compared(cell, given.value, given.pos, parts, add(p.value for p in parts)))
    wrong = [c for c in compared if c.given != c.expected]
    culprit = explaining_unit(compared) if wrong else None
    return out + [error(rule.id, c.pos, mismatch_message(c, culprit)) for c in wrong]


@dataclass
class Compared:
    """One summary cell next to its units' values and their sum."""

    cell: CellDef
    given: Cell
    pos: Pos
    parts: list[Share]
    expected: Cell

    @functools.cached_property
    def numbers(self) -> int:
        """How many units have a number here (the others say 不适用)."""
        return sum(1 for p in self.parts if is_number(p.value))


def _sum_changed(c: Compared, i: int, left_out: bool) -> Cell:
    """The units' sum of a cell without unit i, or with it twice (不适用 as `add` has it)."""
    value = c.parts[i].value
    if not is_number(value):
        return c.expected
    if left_out:
        return NA if c.numbers == 1 else c.expected - value  # type: ignore[operator]
    return c.expected + value  # type: ignore[operator]


def explaining_unit(compared: list[Compared]) -> tuple[str, bool] | None:
    """The one unit whose leaving out (True) or counting twice (False) makes every cell of
    the summary what it is, if there is exactly one: then every message can name it. A
    figure that merely equals one gap proves nothing; all cells at once do."""
    if not compared:
        return None
    found = [(compared[0].parts[i].organ, left_out)
             for i in range(len(compared[0].parts)) for left_out in (True, False)
             if all(c.given == _sum_changed(c, i, left_out) for c in compared)]
    return found[0] if len(found) == 1 else None


def _shown(value: Cell) -> str:
    return cell_text(value, "")


def mismatch_message(c: Compared, culprit: tuple[str, bool] | None) -> str:
    """The Chinese message for a summary cell that is not its units' sum."""
    n, given, expected = len(c.parts), c.given, c.expected
    if isinstance(expected, NotApplicable):
        text = (f"{c.cell.label}为 {_shown(given)}，但 {n} 个单位报告都是“{_shown(expected)}”，"
                f"汇总数也应为“{_shown(expected)}”")
    else:
        text = f"{c.cell.label}为 {_shown(given)}，但 {n} 个单位报告之和为 {_shown(expected)}"
        numbers = [p for p in c.parts if is_number(p.value) and p.value > 0]
        top = sorted(numbers, key=lambda p: p.value, reverse=True)[:TOP]
        if top:
            text += "；数最大的单位：" + "、".join(f"{p.organ} {_shown(p.value)}" for p in top)
    if culprit is not None:
        organ, left_out = culprit
        if left_out:
            text += f"；各单位之和去掉“{organ}”后与汇总报告的每个数都一致，可能漏计了这个单位"
        else:
            text += f"；“{organ}”再计入一次后与汇总报告的每个数都一致，可能重复计入了这个单位"
    return text
