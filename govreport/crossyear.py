"""Cross-year checks against last year's file named by `previous:`.

X-YEAR, X-ORGAN, X-CARRY and X-STOCK here; X-SIMILAR (copied narrative) in
`govreport.history.similarity`, run from here because it needs the same last-year report.

Only one level is read: last year's own `previous:` is not followed, so a chain can never loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from govreport.findings import Finding, error, short, warning
from govreport.formats import CrossYearRule, MatrixTable, RecordTable
from govreport.history import similarity
from govreport.model import Report, is_number
from govreport.position import Pos
from govreport.source import InputError, os_reason

if TYPE_CHECKING:
    from govreport.checkcontext import CheckContext
    from govreport.rules import Rule


def previous_name(report: Report) -> str:
    """Last year's file as the clerk would name it: relative to where this file was named."""
    assert report.previous is not None
    return report.sibling_name(report.previous)


class Previous(NamedTuple):
    """Last year's report (None when it cannot be used, with the X-YEAR error saying why),
    and where `previous:` is written and how messages name the file: the checks need both."""

    report: Report | None
    findings: list[Finding]
    pos: Pos
    name: str


def load_previous(report: Report) -> Previous:
    """Read last year's report; an X-YEAR error when it cannot be used."""
    assert report.previous is not None
    pos, name = report.pos("previous"), previous_name(report)
    last, problem = _read_previous(report, report.previous, name)
    return Previous(last, [] if problem is None else [error("X-YEAR", pos, problem)], pos, name)


def _read_previous(report: Report, path: Path, name: str) -> tuple[Report | None, str | None]:
    """Last year's report, or why it cannot be used."""
    from govreport.reader import read_report

    try:
        is_dir, exists = path.is_dir(), path.exists()
        is_self = exists and path.resolve() == report.path.resolve()
    except (OSError, RuntimeError) as exc:  # a name too long for the file system, a symlink loop
        return None, f"上一年度报告的路径“{short(name, 60)}”无法使用：{os_reason(exc)}"
    if is_dir:
        return None, f"previous 指向的是文件夹“{name}”，应为上一年度报告的 YAML 文件"
    if not exists:
        return None, f"找不到上一年度报告“{short(name, 60)}”（路径相对于本文件所在的文件夹）"
    if is_self:
        return None, "previous 指向了本文件自身，应为上一年度的报告文件"
    try:
        last = read_report(path, name)
    except InputError as exc:
        first = exc.findings[0]
        return None, (f"无法读取上一年度报告“{name}”：{first.pos.line} 行 "
                      f"{first.pos.column} 列：{first.message}")
    if last.format is None or last.year is None:
        return None, f"“{name}”不是一份可读的年度报告（缺少有效的 format 或 year）"
    return last, None


def year(context: CheckContext, rule: Rule) -> list[Finding]:
    """X-YEAR: `previous:` names no usable report, or not last year's."""
    previous, report = context.previous, context.report
    if previous is None:
        return []
    if previous.report is None or report.year is None:
        return previous.findings
    last_year = previous.report.year
    if last_year != report.year - 1:
        return [error(rule.id, previous.pos, f"上一年度报告“{previous.name}”是 {last_year} 年度的，"
                                             f"本报告是 {report.year} 年度，应为 {report.year - 1} 年度")]
    return []


def organ(context: CheckContext, rule: Rule) -> list[Finding]:
    """X-ORGAN: last year's report was published by another organ."""
    report, last = context.report, context.last
    if last is None or not report.organ or not last.organ or report.organ.value == last.organ.value:
        return []
    return [warning(rule.id, report.organ.pos,
                    f"发布机关“{short(report.organ.value, 60)}”与上一年度报告的“{short(last.organ.value, 60)}”"
                    f"不同；如机构已更名，请在报告中说明")]


def carry(context: CheckContext, rule: Rule) -> list[Finding]:
    """X-CARRY: this year's 上年结转 ≠ last year's 结转下年度 (as the format pairs them)."""
    return _cross_year(context, rule, "carry", _carry)


def stock(context: CheckContext, rule: Rule) -> list[Finding]:
    """X-STOCK: 现行有效 ≠ last year's + 本年制发 − 本年废止."""
    return _cross_year(context, rule, "stock", _stock)


def similar(context: CheckContext, rule: Rule) -> list[Finding]:
    """X-SIMILAR: a section repeats too much of last year's (内容雷同)."""
    last, previous = context.last, context.previous
    if last is None or previous is None:
        return []
    return similarity.check(context.report, last, context.similar_threshold, previous.name)


def _cross_year(context: CheckContext, rule: Rule, kind: str,
                compare: Callable[[Report, Report, CrossYearRule, str], list[Finding]]
                ) -> list[Finding]:
    last, previous, fmt = context.last, context.previous, context.report.format
    if last is None or previous is None or fmt is None:
        return []
    return [f for r in fmt.cross_year if r.kind == kind and r.rule == rule.id
            for f in compare(context.report, last, r, previous.name)]


def _carry(report: Report, last: Report, rule: CrossYearRule, name: str) -> list[Finding]:
    this_tv, last_tv = report.tables.get(rule.table), last.tables.get(rule.table)
    if this_tv is None or last_tv is None or not isinstance(this_tv.definition, MatrixTable) \
            or not isinstance(last_tv.definition, MatrixTable):
        return []
    this_row = this_tv.definition.row(rule.params["this"])
    last_row = last_tv.definition.row(rule.params["last"])
    out = []
    for c in this_tv.definition.columns:
        now = this_tv.values.get(f"{this_row.path}.{c.key}")
        before = last_tv.values.get(f"{last_row.path}.{c.key}")
        if now is None or before is None or now.pos is None or now.value == before.value:
            continue
        out.append(warning(rule.rule, now.pos,
                           f"“{this_row.label}”的“{c.label}”为 {now.value}，但上一年度报告“{name}”"
                           f"的“{last_row.label}”为 {before.value}；两者通常应相等"))
    return out


def _stock(report: Report, last: Report, rule: CrossYearRule, name: str) -> list[Finding]:
    this_tv, last_tv = report.tables.get(rule.table), last.tables.get(rule.table)
    if this_tv is None or last_tv is None:
        return []
    stock, plus, minus = rule.params["stock"], rule.params["plus"], rule.params["minus"]
    out = []
    for item in rule.params["items"]:
        now = this_tv.values.get(f"{item}.{stock}")
        before = last_tv.values.get(f"{item}.{stock}")  # absent when last year used another format
        added = this_tv.values.get(f"{item}.{plus}")
        removed = this_tv.values.get(f"{item}.{minus}")
        values = [v.value if v else None for v in (now, before, added, removed)]
        if now is None or now.pos is None or not all(is_number(v) for v in values):
            continue
        expected = values[1] + values[2] - values[3]  # type: ignore[operator]
        if values[0] == expected:
            continue
        table = this_tv.definition
        assert isinstance(table, RecordTable)
        item_label = next(i.label for i in table.items if i.key == item)
        field = {f.path: f.label for f in table.fields()}
        out.append(warning(rule.rule, now.pos,
                           f"“{item_label}”{field[f'{item}.{stock}']}为 {values[0]}，但按上一年度报告"
                           f"“{name}”的{field[f'{item}.{stock}']} {values[1]} + "
                           f"{field[f'{item}.{plus}']} {values[2]} − {field[f'{item}.{minus}']} "
                           f"{values[3]} 应为 {expected}；如有修订或清理，请在报告中说明"))
    return out
