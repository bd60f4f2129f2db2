"""The arithmetic of matrix tables (勾稽关系): computing totals, and checking given ones.

Everything is driven by the format definition: a table's total column (rule T3-ROW / T4-SUM),
its sum rows such as （七）总计 (T3-SUM), and its balances such as 一+二 = 三+四 (T3-BAL).
Totals are always computed and printed; a total the clerk typed in is only compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govreport.findings import Finding, error
from govreport.formats import ColumnDef, MatrixTable, RowDef
from govreport.model import Number, StatValue, TableValues, is_number

if TYPE_CHECKING:
    from govreport.checkcontext import CheckContext
    from govreport.rules import Rule


def _num(tv: TableValues, path: str) -> Number | None:
    v = tv.values.get(path)
    return v.value if v is not None and is_number(v.value) else None


def fill(tv: TableValues) -> None:
    """Compute every computed cell whose inputs are all present."""
    table = tv.definition
    if not isinstance(table, MatrixTable):
        return
    total = table.total_column
    assert total is not None
    for row in table.value_rows():
        if row.sum:
            leaves = [leaf for term in row.sum for leaf in table.leaves(term)]
            for c in table.columns:
                parts = [_num(tv, f"{leaf.path}.{c.key}") for leaf in leaves]
                if None not in parts:
                    tv.values[f"{row.path}.{c.key}"] = StatValue(
                        sum(parts), tv.row_pos.get(row.path), given=False)  # type: ignore[arg-type]
        parts = [_num(tv, f"{row.path}.{c.key}") for c in table.columns]
        if None not in parts:
            tv.values[f"{row.path}.{total.key}"] = StatValue(
                sum(parts), tv.row_pos.get(row.path), given=False)  # type: ignore[arg-type]


def _matrices(context: CheckContext) -> list[tuple[TableValues, MatrixTable]]:
    return [(tv, tv.definition) for tv in context.report.tables.values()
            if isinstance(tv.definition, MatrixTable)]


def row_totals(context: CheckContext, rule: Rule) -> list[Finding]:
    """T3-ROW, T4-SUM: a given 总计 of a row ≠ the sum of its columns (tables whose total
    column names the rule)."""
    return [f for tv, table in _matrices(context) if table.total_rule == rule.id
            for row in table.value_rows() for f in _check_row_total(tv, table, row)]


def sum_rows(context: CheckContext, rule: Rule) -> list[Finding]:
    """T3-SUM: a given sum row (（七）总计) ≠ the sum of the rows it adds up."""
    return [f for tv, table in _matrices(context) for row in table.value_rows()
            if row.sum and row.rule == rule.id for f in _check_sum_row(tv, table, row)]


def balances(context: CheckContext, rule: Rule) -> list[Finding]:
    """T3-BAL: the balances a table states (一 + 二 = 三 + 四), per column."""
    return [f for tv, table in _matrices(context) for b in table.balances if b.rule == rule.id
            for f in _check_balance(tv, table, b.rule, b.left, b.right)]


def _fmt(values: list[Number]) -> str:
    return "+".join(str(v) for v in values)


def _check_row_total(tv: TableValues, table: MatrixTable, row: RowDef) -> list[Finding]:
    total = table.total_column
    assert total is not None and table.total_rule is not None
    given = tv.given_computed.get(f"{row.path}.{total.key}")
    source = tv.given_computed if row.sum else tv.values
    parts = [source.get(f"{row.path}.{c.key}") for c in table.columns]
    if given is None or given.pos is None or any(p is None for p in parts):
        return []
    numbers = [p.value for p in parts if p is not None and is_number(p.value)]
    if len(numbers) != len(parts) or not is_number(given.value):
        return []
    computed = sum(numbers)
    if given.value == computed:
        return []
    names = "、".join(c.label for c in table.columns)
    return [error(table.total_rule, given.pos,
                  f"“{row.full_label}”的{total.label}填写为 {given.value}，但{names}"
                  f"之和为 {computed}（{_fmt(numbers)}）")]


def _check_sum_row(tv: TableValues, table: MatrixTable, row: RowDef) -> list[Finding]:
    assert row.rule is not None
    terms = "、".join(table.row(t).label for t in row.sum)
    out = []
    total = table.total_column
    columns: list[ColumnDef] = list(table.columns)
    if any(f"{row.path}.{c.key}" not in tv.given_computed for c in table.columns):
        assert total is not None
        columns.append(total)  # its total is not covered by the row-total check
    for c in columns:
        given = tv.given_computed.get(f"{row.path}.{c.key}")
        computed = _num(tv, f"{row.path}.{c.key}")
        if given is None or given.pos is None or computed is None:
            continue
        if given.value != computed:
            out.append(error(
                row.rule, given.pos,
                f"“{row.label}”的“{c.label}”列填写为 {given.value}，但{terms}之和为 {computed}",
            ))
    return out


def _check_balance(tv: TableValues, table: MatrixTable, rule: str, left: tuple[str, ...],
                   right: tuple[str, ...]) -> list[Finding]:
    out = []
    total = table.total_column
    for c in table.all_columns:
        if c is total and out:
            break  # an unbalanced column already unbalances the total; say it once
        lv = [_num(tv, f"{p}.{c.key}") for p in left]
        rv = [_num(tv, f"{p}.{c.key}") for p in right]
        if None in lv or None in rv:
            continue
        lsum, rsum = sum(lv), sum(rv)  # type: ignore[arg-type]
        if lsum == rsum:
            continue
        anchor = tv.values.get(f"{right[-1]}.{c.key}")
        pos = (anchor.pos if anchor and anchor.pos else tv.row_pos.get(right[-1])) or tv.pos
        lhs = " + ".join(f"{table.row(p).label}（{v}）" for p, v in zip(left, lv, strict=True))
        rhs = " + ".join(f"{table.row(p).label}（{v}）" for p, v in zip(right, rv, strict=True))
        out.append(error(rule, pos, f"“{c.label}”列不平衡：{lhs} = {lsum}，而 {rhs} = {rsum}；"
                                    f"两者应相等（表中注明的勾稽关系）"))
    return out
