"""`govreport init --from LAST.yaml`: next year's report, started from last year's.

What follows from last year is filled in; what does not is left for the clerk:

- same organ, year + 1, the format that fits that year (a gov-2019 file starts a gov-2021
  report), and `previous:` pointing at LAST, relative to the new file's folder;
- the rows a carry rule of the new format names (`carried_over`) are set from last year's
  (`carry_forward`), read through the format definitions;
- the stock a stock rule names (`in_force`) is only noted in a comment with last year's figure:
  this year's is last year's plus and minus this year's changes, which the clerk must supply;
- every other number is 0 and every narrative a placeholder: last year's text is never copied.

A LAST with errors is still used: it has been published and cannot be changed, and refusing
would only stop the clerk from starting this year's report. What can be read is carried over,
what cannot is written as 0 with a comment, and `notes` says so. A LAST without a readable
format or year cannot be continued: that is a `ScaffoldError` (a usage error).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from govreport.api import load
from govreport.formats import (
    FormatDef,
    MatrixTable,
    RecordTable,
    RowDef,
    format_ids,
    get_format,
)
from govreport.model import NotApplicable, Report, StatsGroup, TableValues, cell_text
from govreport.scaffold import Prefill, ScaffoldError, format_def, render
from govreport.source import InputError


@dataclass(frozen=True)
class Plan:
    """Last year's report read, and what next year's will be."""

    last: Report
    last_path: Path
    year: int
    format: FormatDef
    organ: str | None
    notes: list[str] = field(default_factory=list)
    """Things the clerk should know (in Chinese): last year's errors, values not carried."""


def fitting_format(year: int) -> FormatDef:
    """The format whose `years` contain `year` (the current format first when several do)."""
    for fid in format_ids():
        fmt = get_format(fid)
        if fmt.years[0] <= year <= fmt.years[1]:
            return fmt
    raise ScaffoldError(f"没有适用于 {year} 年度的报告格式")


def plan(last_path: Path, *, format_id: str | None = None, organ: str | None = None) -> Plan:
    """Read LAST and decide next year's format, organ and year. Raises `ScaffoldError`."""
    name = os.fspath(last_path)
    try:
        last = load(last_path, strict=False)
    except InputError as exc:
        first = exc.findings[0]
        raise ScaffoldError(f"无法读取上一年度报告“{name}”：{first.pos.line} 行 {first.pos.column} 列："
                            f"{first.message}") from None
    if last.format is None or last.year is None:
        raise ScaffoldError(f"“{name}”缺少有效的 format 或 year，无法据此生成下一年度报告；"
                            f"请先运行 govreport check {name} 修正")
    year = last.year + 1
    fmt = format_def(format_id) if format_id is not None else fitting_format(year)
    notes = []
    errors = [f for f in last.findings if f.is_error]
    if errors:
        notes.append(f"上一年度报告“{name}”有 {len(errors)} 个错误（运行 govreport check {name} "
                     f"查看）；能读出的数已照常沿用，读不出的按 0 填写并加了注释，请核对")
    if organ is None and last.organ is None:
        notes.append(f"上一年度报告“{name}”没有可读的发布机关（organ），请在新文件中填写")
    return Plan(last, last_path, year, fmt, organ or (last.organ.value if last.organ else None),
                notes)


def write_text(p: Plan, target: Path | None) -> str:
    """The new file's text; `previous:` is relative to `target`'s folder (cwd when None)."""
    folder = (target.parent if target is not None else Path(".")).resolve()
    try:
        previous = Path(os.path.relpath(p.last_path.resolve(), folder)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        previous = p.last_path.resolve().as_posix()
    header = (f"依据上一年度报告 {previous} 生成：上年结转已按其结转下年度的数字填写，其他数字为 0。",
              "正文均为占位文字：请按本年度的实际情况重新撰写，不要沿用上一年度的文字（内容雷同会被通报）。")
    prefill = Prefill(previous=previous, header=header, rows=_carried(p), notes=_notes(p),
                      sections=_legacy_headings(p), stats=_legacy_stats(p),
                      units=_units(p, folder), publish=_publish(p))
    text, _ = render(p.format.id, organ=p.organ, year=p.year, prefill=prefill)
    return text


def _units(p: Plan, folder: Path) -> tuple[str, ...]:
    """A summary's unit entries, as last year's report names them, seen from the new file's
    folder (each entry is a path or a glob relative to its file)."""
    if p.last.units is None:
        return ()
    base = p.last_path.resolve().parent
    out = []
    for entry in p.last.units.entries:
        path = Path(entry.value)
        if path.is_absolute() or base == folder:
            out.append(entry.value)
            continue
        try:
            out.append(Path(os.path.relpath(base / path, folder)).as_posix())
        except ValueError:  # another drive (Windows)
            out.append((base / path).as_posix())
    return tuple(out)


def _publish(p: Plan) -> dict[str, str]:
    """The website the report goes on: the same next year."""
    site = p.last.publish
    if site is None:
        return {}
    values = {"site_name": site.site_name, "site_domain": site.site_domain,
              "site_id_code": site.site_id_code}
    return {k: v.value for k, v in values.items() if v is not None}


def _carries(p: Plan) -> Iterator[tuple[str, MatrixTable, TableValues, RowDef]]:
    """Each carry rule of the new format that last year's report can feed: the `table.row`
    path it fills, this year's table, last year's values and the row they come from."""
    for rule in p.format.cross_year:
        this_def = p.format.tables.get(rule.table)
        last_tv = p.last.tables.get(rule.table)
        if rule.kind != "carry" or not isinstance(this_def, MatrixTable) or last_tv is None \
                or not isinstance(last_tv.definition, MatrixTable):
            continue
        try:
            last_row = last_tv.definition.row(rule.params["last"])
        except KeyError:
            continue
        yield f"{rule.table}.{rule.params['this']}", this_def, last_tv, last_row


def _carried(p: Plan) -> dict[str, tuple[str, ...]]:
    """Rows a carry rule of the new format fills from last year's, by `table.row` path."""
    out: dict[str, tuple[str, ...]] = {}
    for path, this_def, last_tv, last_row in _carries(p):
        values = [last_tv.values.get(f"{last_row.path}.{c.key}") for c in this_def.columns]
        out[path] = tuple(cell_text(v.value if v else None, "0") for v in values)
    return out


def _notes(p: Plan) -> dict[str, str]:
    """Comments above carried rows and stock items, naming last year's figures."""
    out: dict[str, str] = {}
    for path, this_def, last_tv, last_row in _carries(p):
        missing = [c.label for c in this_def.columns
                   if f"{last_row.path}.{c.key}" not in last_tv.values]
        note = f"已按上一年度报告的“{last_row.label}”填写"
        if missing:
            note += f"；其中{'、'.join(missing)}在上一年度报告中读不出，按 0 填写，请核对"
        out[path] = note
    for rule in p.format.cross_year:
        table = p.format.tables.get(rule.table)
        last = p.last.tables.get(rule.table)
        if rule.kind != "stock" or not isinstance(table, RecordTable) or last is None:
            continue
        labels = {f.path: f.label for f in table.fields()}
        stock, plus, minus = rule.params["stock"], rule.params["plus"], rule.params["minus"]
        for item in rule.params["items"]:
            before = last.values.get(f"{item}.{stock}")
            if before is None:  # another format last year, or unreadable
                continue
            label = labels[f"{item}.{stock}"]
            shown = cell_text(before.value, "0")
            if isinstance(before.value, NotApplicable):
                out[f"{rule.table}.{item}"] = f"上一年度{label}为“{shown}”"
            else:
                out[f"{rule.table}.{item}"] = (
                    f"上一年度{label}为 {shown}：本年{label}应为 {shown} + "
                    f"{labels[f'{item}.{plus}']} − {labels[f'{item}.{minus}']}")
    return out


def _legacy_headings(p: Plan) -> tuple[str, ...]:
    """Legacy to legacy: keep last year's section headings (structure), never their text."""
    if not (p.format.free_sections and p.last.format and p.last.format.free_sections):
        return ()
    return tuple(s.heading.value for s in p.last.sections)


def _legacy_stats(p: Plan) -> dict[str, object] | None:
    """Legacy to legacy: last year's statistics rows with every value 0; a column label naming
    last year names the new year."""
    stats = p.last.stats
    if not (p.format.free_sections and stats is not None and stats.rows):
        return None
    columns = [c.value.replace(str(p.last.year), str(p.year)) for c in stats.columns] \
        or list(stats.definition.default_columns)
    rows: list[dict[str, object]] = []
    for row in stats.rows:
        if isinstance(row, StatsGroup):
            rows.append({"group": row.label.value})
        else:
            rows.append({"label": row.label.value, "unit": row.unit.value if row.unit else None,
                         "values": [0] * len(columns)})
    out: dict[str, object] = {"columns": columns, "rows": rows,
                              "attachment": stats.attachment}
    if stats.title:
        out["title"] = stats.title.value
    return out


@dataclass(frozen=True)
class Started:
    """What `init --from` writes, where (`-` for the screen), and what it should say."""

    text: str
    target: Path
    plan: Plan

    @property
    def done(self) -> str:
        """The message once the file is written."""
        return (f"已依据 {self.plan.last_path} 生成 {self.target}（{self.plan.year} 年度，"
                f"{self.plan.format.id}）：上年结转已填写，正文未沿用上一年度的文字。请填写其他数字，"
                f"按本年度实际撰写“【请填写】”处的文字，然后运行：govreport check {self.target}")


def start(last_path: Path, output: Path | None, *, format_id: str | None = None,
          organ: str | None = None, year: int | None = None) -> Started:
    """Plan and write the text; the target defaults to `report-YEAR.yaml` like `init`'s.

    `year` is refused: next year's report is for last year's year + 1, nothing else.
    """
    if year is not None:
        raise ScaffoldError("--year 不能与 --from 同用：新报告的年度是上一年度报告的年度加一")
    p = plan(last_path, format_id=format_id, organ=organ)
    target = output or Path(f"report-{p.year}.yaml")
    if str(target) != "-" and not target.resolve().parent.is_dir():
        raise ScaffoldError(f"要写入的文件夹“{target.parent}”不存在，请先创建")
    return Started(write_text(p, None if str(target) == "-" else target), target, p)
