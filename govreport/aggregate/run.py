"""One `govreport aggregate` run: options in, an `Outcome` out (lines for a person, a JSON
document for a script, an exit status). The command line only parses and prints.

Exit status: 0 every unit summed (and, with a registry, none missing or `--allow-missing`);
1 a unit has errors or cannot be added, a unit is missing, the registry or the summary to
update has errors, nothing could be summed, or an output cannot be written (`WriteError`);
2 a usage error (`UsageError`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from govreport.aggregate import overview as overview_sheet
from govreport.aggregate.gather import RULE, Gathered, GatherError, UnitResult, gather, is_file
from govreport.aggregate.registry import Expected, read_registry, similar
from govreport.aggregate.summary import (
    UpdateError,
    new_summary,
    read_existing,
    unit_entries,
    update,
)
from govreport.aggregate.units import resolve
from govreport.atomic import atomic_write_bytes, atomic_write_text
from govreport.findings import Finding, error, printable
from govreport.history.similarity import DEFAULT_THRESHOLD
from govreport.inputs import BuildError, collect_inputs
from govreport.source import os_reason
from govreport.yamledit import EditableFile

STDOUT = Path("-")
NAMED = 5
"""Units named in the closing line; the lines above it name every one."""


class UsageError(Exception):
    """The command was called wrongly (exit status 2); a Chinese message."""


class WriteError(Exception):
    """An output could not be written (exit status 1); a Chinese message. What was written
    before stays complete: every output is written atomically."""


def _write(path: Path, write: Callable[[], None]) -> None:
    try:
        write()
    except OSError as exc:
        raise WriteError(f"无法写入 {path}：{os_reason(exc)}") from None


@dataclass(frozen=True)
class Options:
    units: Sequence[str] = ()
    similar_threshold: float = DEFAULT_THRESHOLD
    organ: str | None = None
    year: int | None = None
    output: Path | None = None
    update: Path | None = None
    force: bool = False
    registry: Path | None = None
    allow_missing: bool = False
    overview: Path | None = None


@dataclass
class Outcome:
    gathered: Gathered
    options: Options
    target: Path | None = None
    text: str | None = None  # the new summary, for `-o -`
    written: bool = False
    changed: int | None = None  # with --update: input cells whose value changed
    problems: list[Finding] = field(default_factory=list)  # the updated summary's units entries

    @property
    def ok(self) -> bool:
        g = self.gathered
        missing = bool(g.missing) and not self.options.allow_missing
        return bool(g.summed) and not g.failed and not missing and not self.problems

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def lines(self) -> list[str]:
        """What a person reads: each problem, then what was summed and written."""
        g = self.gathered
        out = [str(f) for u in g.failed for f in u.findings if f.is_error]
        out += [str(f) for f in self.problems]
        unexpected_organs = {u.organ: u for u in g.unexpected if u.organ is not None}
        for e in g.missing:
            out.append(_missing_line(e, unexpected_organs))
        for u, e in g.renamed:
            out.append(f"请核对：名单中“{e.organ}”的报告“{printable(u.file)}”，其发布机关写的是“{u.organ}”")
        for u in g.unexpected:
            counted = "，已计入汇总" if u.summed else ""
            out.append(f"名单外：“{printable(u.file)}”（{u.organ or '发布机关未能读出'}）不在单位名单中{counted}")
        out.append(self._summary_line())
        out += self._written_lines()
        return out

    def _summary_line(self) -> str:
        g = self.gathered
        line = (f"{g.year} 年度（{g.format.id}）：共 {len(g.units)} 个单位报告，"
                f"{len(g.summed)} 个已汇总")
        if g.failed:
            names = [u.organ or printable(u.file) for u in g.failed]
            shown = "、".join(names[:NAMED]) + ("等" if len(names) > NAMED else "")
            line += f"，{len(g.failed)} 个有错误未计入（{shown}）"
        if g.registry:
            line += f"；名单中 {len(g.missing)} 个单位未报送" if g.missing else "；名单中的单位都已报送"
        return line + "。"

    def _written_lines(self) -> list[str]:
        g, o = self.gathered, self.options
        out = []
        target = self.target
        if not g.summed:
            out.append("没有可以汇总的单位报告，未写入汇总报告。")
        elif target is not None and o.update is not None:
            if self.written:
                out.append(f"已更新 {target}：统计表按 {len(g.summed)} 个单位重新汇总，"
                           f"{self.changed} 个数有变化；正文、注释等其他内容未改动。")
            else:
                out.append(f"{target} 无需更新：统计表已是 {len(g.summed)} 个单位之和。")
        elif target is not None and target != STDOUT:
            out.append(f"已写入 {target}（统计表为 {len(g.summed)} 个单位之和）。请撰写“【请填写】”处的"
                       f"文字，然后运行：govreport check {target}")
        if o.overview is not None:
            out.append(f"概况表已写入 {o.overview}。")
        return out

    def as_dict(self) -> dict[str, object]:
        """`aggregate --json`: per unit as `build --json` has it, then missing, unexpected
        and the summary."""
        g, o = self.gathered, self.options
        return {
            "files": [u.as_dict() for u in g.units],
            "missing": [e.as_dict() for e in g.missing],
            "unexpected": [{"file": u.file, "organ": u.organ, "status": u.status}
                           for u in g.unexpected],
            "summary": {
                "file": None if self.target in (None, STDOUT) else str(self.target),
                "written": self.written, "updated": o.update is not None and self.written,
                "changed": self.changed, "ok": self.ok,
                "organ": o.organ, "year": g.year, "format": g.format.id,
                "units": len(g.units), "summed": len(g.summed), "failed": len(g.failed),
                "missing": len(g.missing), "unexpected": len(g.unexpected),
                "overview": None if o.overview is None else str(o.overview),
                "findings": [f.as_dict() for f in self.problems],
            },
        }


def _missing_line(e: Expected, unexpected: dict[str, UnitResult]) -> str:
    line = f"未报送：名单中的“{e.organ}”没有报告（{e.pos}）"
    if e.file_name is not None and e.file is not None and not is_file(e.file):
        line += f"：名单所列文件“{e.file_name}”不存在"
    close = similar(e.organ, list(unexpected))
    if close is not None:
        line += f"；名单外有“{close}”的报告（{printable(unexpected[close].file)}），是否为同一单位？"
    return line


def _check_options(o: Options) -> None:
    if o.output is not None and o.update is not None:
        raise UsageError("-o 和 --update 只能用一个：-o 写一份新的汇总报告，--update 更新已有的汇总报告")
    if o.output is not None:
        if not o.organ:
            raise UsageError("写新的汇总报告需要 --organ（汇总报告的发布机关全称，如 青溪县人民政府）")
        if o.output != STDOUT:
            if o.output.exists() and not o.force:
                raise UsageError(f"{o.output} 已存在；如要覆盖请加 --force；要保留其正文、"
                                 f"只重算统计表，请用 --update {o.output}")
            if not o.output.resolve().parent.is_dir():
                raise UsageError(f"要写入的文件夹“{o.output.parent}”不存在，请先创建")
    if o.update is not None and not o.update.is_file():
        raise UsageError(f"找不到要更新的汇总报告：{o.update}")
    if o.overview is not None:
        if o.overview.suffix.lower() not in overview_sheet.SUFFIXES:
            raise UsageError(f"概况表（--overview）应为 .csv 或 .xlsx 文件，这里是“{o.overview.name}”")
        if not o.overview.resolve().parent.is_dir():
            raise UsageError(f"要写入的文件夹“{o.overview.parent}”不存在，请先创建")
    if o.registry is not None and not o.registry.is_file():
        raise UsageError(f"找不到单位名单：{o.registry}")


def _update_settings(o: Options, existing: EditableFile) -> None:
    report = existing.report
    organ = report.organ.value if report.organ else None
    if o.organ is not None and organ is not None and o.organ != organ:
        raise UsageError(f"--organ “{o.organ}”与要更新的汇总报告的发布机关“{organ}”不同；"
                         "更新时发布机关取自汇总报告，不用写 --organ")
    if o.year is not None and o.year != report.year:
        raise UsageError(f"--year {o.year} 与要更新的汇总报告的年度 {report.year} 不同")


def run(o: Options) -> Outcome:
    """Gather, sum, write. Raises `UsageError`, `WriteError`, and `InputError` (its findings
    name the problems) when the registry or the summary to update cannot be read."""
    _check_options(o)
    expected = read_registry(o.registry, os.fspath(o.registry)) if o.registry else None
    try:
        existing = read_existing(o.update) if o.update is not None else None
    except UpdateError as exc:
        raise UsageError(str(exc)) from None
    if existing is not None:
        _update_settings(o, existing)
    paths, problems = _unit_paths(o, existing, expected)
    exclude = [p for p in (o.output, o.update, o.registry, o.overview)
               if p is not None and p != STDOUT]
    report = existing.report if existing is not None else None
    try:
        g = gather(paths, threshold=o.similar_threshold, year=o.year if report is None else report.year,
                   format_id=report.format.id if report and report.format else None,
                   expected=expected, exclude=exclude)
    except GatherError as exc:
        raise UsageError(str(exc)) from None
    organ = o.organ or (report.organ.value if report is not None and report.organ else None)
    outcome = Outcome(g, replace(o, organ=organ), o.output or o.update, problems=problems)
    if g.summed and o.output is not None:
        _write_new(outcome)
    elif g.summed and existing is not None:
        _write_update(outcome, existing)
    if o.overview is not None:
        sheet_path, rows = o.overview, overview_sheet.overview(g)
        _write(sheet_path, lambda: overview_sheet.write(sheet_path, rows, f"{g.year}年度各单位情况"))
    return outcome


def _unit_paths(o: Options, existing: EditableFile | None,
                expected: list[Expected] | None) -> tuple[list[Path], list[Finding]]:
    """The unit files: the arguments, else the updated summary's own `units:` (with the
    entries that name nothing, as X-UNITS errors at them)."""
    try:
        paths = collect_inputs(o.units) if o.units else []
    except BuildError as exc:
        raise UsageError(str(exc)) from None
    problems: list[Finding] = []
    if existing is not None and not o.units:
        if existing.report.units is None:
            raise UsageError(f"{o.update} 没有 units：请给出单位报告的文件、文件夹或通配符")
        files, entry_problems = resolve(existing.report)
        paths = [f.path for f in files]
        problems = [error(RULE, p.pos, p.message) for p in entry_problems]
        if not paths:
            raise UsageError(f"{o.update} 的 units 没有找到任何单位报告：\n"
                             + "\n".join(str(f) for f in problems))
    if not paths and not any(e.file is not None for e in expected or ()):
        raise UsageError("请给出单位报告的文件、文件夹或通配符（或在 --units 名单中写明各单位的 file）")
    return paths, problems


def _write_new(outcome: Outcome) -> None:
    g, o = outcome.gathered, outcome.options
    assert o.output is not None and o.organ is not None
    target = None if o.output == STDOUT else o.output
    text = new_summary(g.format, o.organ, g.year, g.summed_reports(), target)
    if target is None:
        outcome.text = text
        return
    _write(target, lambda: atomic_write_text(target, text))
    outcome.written = True


def _write_update(outcome: Outcome, existing: EditableFile) -> None:
    g, o = outcome.gathered, outcome.options
    units = g.summed_reports()
    entries = unit_entries([u.path for u in units], existing.path) if o.units else None
    try:
        result = update(existing, units, entries)
    except UpdateError as exc:
        raise UsageError(str(exc)) from None
    outcome.changed = result.changed
    if not result.unchanged(existing):
        _write(existing.path, lambda: atomic_write_bytes(existing.path, result.data))
        outcome.written = True
