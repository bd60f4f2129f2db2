"""The summary report: written new as `init` writes a report (with the sums in its tables and
its units listed), or updated in place.

An update replaces the characters of two values only — `tables:` and, when units are given,
`units:` — and leaves every other byte of the file as it was: the narrative, comments, title,
sign-off, blank lines, line ends, BOM and encoding. The replacement is taken from a summary
rendered anew, so new and updated summaries hold the same text. The result is read back and
compared with the sums before anything is written.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govreport.aggregate.spans import LayoutError, TopLevel
from govreport.aggregate.sums import cell_value, input_cells, prefill_rows, sum_cells
from govreport.findings import Finding, has_errors
from govreport.formats import FormatDef, common
from govreport.model import Cell, Report
from govreport.scaffold import Prefill, render
from govreport.source import InputError, SourceText
from govreport.yamledit import EditableFile, open_editable

GENERATOR = "govreport aggregate"


class UpdateError(Exception):
    """The summary cannot be updated (a Chinese message); nothing was written."""


def unit_entries(paths: Sequence[Path], summary: Path | None) -> tuple[str, ...]:
    """`units:` entries: each unit file relative to the summary's folder, with `/`."""
    folder = (summary.parent if summary is not None else Path(".")).resolve()
    out = []
    for p in paths:
        try:
            out.append(Path(os.path.relpath(p.resolve(), folder)).as_posix())
        except ValueError:  # another drive (Windows)
            out.append(p.resolve().as_posix())
    return tuple(out)


def summary_text(fmt: FormatDef, organ: str | None, year: int, sums: dict[str, Cell],
                 units: tuple[str, ...]) -> str:
    """A complete new summary report: the scaffold of `init` with the sums and the units."""
    header = (f"统计表是 units 所列 {len(units)} 个单位报告之和，每个数由 govreport check 逐项核对（X-UNITS）。",
              "单位报告更正后运行 govreport aggregate 单位报告… --update 本文件，只重算统计表和 units，"
              "正文和注释保持不变。")
    prefill = Prefill(generator=GENERATOR, header=header, units=units,
                      preface=str(common()["scaffold_summary_preface"]),
                      rows=prefill_rows(fmt, sums))
    return render(fmt.id, organ=organ, year=year, prefill=prefill)[0]


def new_summary(fmt: FormatDef, organ: str, year: int, units: Sequence[Report],
                target: Path | None) -> str:
    return summary_text(fmt, organ, year, sum_cells(fmt, units),
                        unit_entries([u.path for u in units], target))


def read_existing(path: Path) -> EditableFile:
    """The summary to update; `InputError` when it cannot be read as YAML, `UpdateError`
    when it has no usable format and year."""
    existing = open_editable(path)
    report = existing.report
    fmt, year = report.format, report.year
    if fmt is None or year is None:
        errors = [f for f in report.findings if f.is_error]
        raise InputError(errors) if errors else UpdateError(f"{path} 缺少有效的 format 或 year")
    if fmt.free_sections:
        raise UpdateError(f"{path} 是 {fmt.id} 格式，其统计表没有统一的行和列，无法汇总")
    return existing


@dataclass(frozen=True)
class Update:
    data: bytes
    changed: int  # input cells whose value the update changes

    def unchanged(self, existing: EditableFile) -> bool:
        return self.data == existing.data


def update(existing: EditableFile, units: Sequence[Report], entries: tuple[str, ...] | None) -> Update:
    """The summary's new bytes: `tables:` recomputed from `units`, `units:` replaced by
    `entries` (kept as written when None)."""
    report = existing.report
    fmt, year = report.format, report.year
    assert fmt is not None and year is not None
    sums = sum_cells(fmt, units)
    rendered = TopLevel(summary_text(fmt, None, year, sums, entries or ("-",)))
    try:
        old = TopLevel(existing.src.text)
    except LayoutError as exc:
        raise UpdateError(f"{existing.path}：{exc}") from None
    nl = old.newline
    edits: list[tuple[int, int, str]] = []

    def block(key: str) -> str:
        span = rendered.value_span(key)
        return rendered.text[span.start:span.end].replace("\n", nl)

    replaced = ["tables", *(["units"] if entries is not None else [])]
    for key in (k for k in replaced if k in old):
        span = old.value_span(key)
        edits.append((span.start, span.end, (nl if span.lead else "") + block(key)))
    added = [k for k in ("units", "tables") if k in replaced and k not in old]
    if added:  # new entries go above tables:, else above signoff:, else at the end
        at = next((old.insertion_before(k) for k in ("tables", "signoff") if k in old),
                  len(old.text))
        text = "".join(rendered.entry_text(k) + "\n\n" for k in added)
        if at == len(old.text) and old.text and not old.text.endswith(("\n", "\r")):
            text = "\n" + text
        edits.append((at, at, text.replace("\n", nl)))
    data = existing.edited(edits)
    _verify(existing, data, sums, entries)
    changed = sum(1 for c in input_cells(fmt)
                  if (v := cell_value(report, c)) is None or v.value != sums[f"{c.table}.{c.path}"])
    return Update(data, changed)


def _verify(existing: EditableFile, data: bytes, sums: dict[str, Cell],
            entries: tuple[str, ...] | None) -> None:
    """Read the new text back: its cells must be the sums and its units the entries. A
    failure here is a bug; it stops the update before anything is written."""
    from govreport.reader import read_source_report

    text = existing.text_of(data)
    report = read_source_report(SourceText(existing.src.name, existing.path, text))
    fmt = report.format
    before = Counter((f.rule, f.message) for f in existing.report.findings if f.is_error)
    problems: list[Finding] = [f for f in report.findings if f.is_error
                               and not before[(f.rule, f.message)]]
    wrong = [] if fmt is None else [
        c for c in input_cells(fmt)
        if (v := cell_value(report, c)) is None or v.value != sums[f"{c.table}.{c.path}"]]
    units = [t.value for t in report.units.entries] if report.units else None
    if fmt is None or wrong or has_errors(problems) or (entries is not None and units != list(entries)):
        raise AssertionError(f"updating {existing.path} would not give the sums: "
                             f"{[str(p) for p in problems]} {[c.path for c in wrong]}")
