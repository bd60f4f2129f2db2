"""A summary's unit reports: resolving `units:` entries to files, reading them, and finding
a summary that counts itself, directly or through its units (province ← city ← county).

Entries are paths, folders or glob patterns relative to the summary, expanded as `build`
expands its arguments. A pattern that also matches the summary itself (`*.yaml` beside it)
skips it silently; an entry that names it is a cycle.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from govreport.findings import has_errors, short
from govreport.formats import FormatDef
from govreport.inputs import BuildError, collect_inputs
from govreport.model import Report, Text
from govreport.position import Pos
from govreport.source import MAX_INPUT_BYTES, InputError


class Problem(NamedTuple):
    """Something wrong with a summary's units, where it is written (an entry, the key)."""

    pos: Pos
    message: str


@dataclass(frozen=True)
class UnitFile:
    """A unit report a `units:` entry names: its path, how messages name it, the entry."""

    path: Path
    name: str
    entry: Text


def entry_paths(base: Path, entry: str) -> list[Path]:
    """The files one entry names, relative to the folder `base`; raises BuildError."""
    if os.path.isabs(entry):
        return collect_inputs([entry])
    # The folder may hold glob characters ([2024]); the entry's own are meant as written.
    return collect_inputs([os.path.join(glob.escape(os.fspath(base)), entry)])


def resolve(summary: Report) -> tuple[list[UnitFile], list[Problem]]:
    """Every file the summary's `units:` names (each once, in order), and the entries that
    name nothing usable."""
    if summary.units is None:
        return [], []
    itself = summary.path.resolve()
    files: dict[Path, UnitFile] = {}
    problems = []
    for entry in summary.units.entries:
        shown = short(entry.value, 60)
        try:
            paths = entry_paths(summary.path.parent, entry.value)
        except BuildError as exc:
            problems.append(Problem(entry.pos, f"units 中的“{shown}”无法使用：{exc}"
                                               "（路径相对于本文件所在的文件夹）"))
            continue
        for path in paths:
            resolved = path.resolve()
            if resolved == itself:
                if len(paths) == 1 and not glob.has_magic(entry.value):
                    problems.append(Problem(entry.pos, f"units 中的“{shown}”就是本文件："
                                                       "汇总报告不能把自己算作单位"))
                continue
            files.setdefault(resolved, UnitFile(path, summary.sibling_name(path), entry))
    return list(files.values()), problems


def mismatch(unit: Report, fmt: FormatDef, year: int) -> str | None:
    """Why a unit cannot be added into a summary of `fmt` and `year` (a Chinese clause), or
    None when it can."""
    if unit.format is not None and unit.format.id != fmt.id:
        return f"格式是 {unit.format.id}，汇总报告是 {fmt.id}；汇总报告与各单位报告应使用同一格式"
    if unit.year is not None and unit.year != year:
        return f"是 {unit.year} 年度的，汇总报告是 {year} 年度的"
    return None


def duplicate_organs(units: list[tuple[str, Report]]) -> dict[int, str]:
    """Units (by index) whose organ an earlier unit already has, with that unit's name."""
    first: dict[str, str] = {}
    out = {}
    for i, (name, report) in enumerate(units):
        if report.organ is None:
            continue
        organ = report.organ.value
        if organ in first:
            out[i] = first[organ]
        else:
            first[organ] = name
    return out


@dataclass
class LoadedUnits:
    """What `check` needs of a summary's units: the usable reports, what is wrong, and
    whether the cells can be compared (every unit usable, no cycle)."""

    units: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True


def load_units(summary: Report) -> LoadedUnits:
    """Read the units of a summary for rule X-UNITS."""
    from govreport.reader import read_report

    out = LoadedUnits()
    fmt, year = summary.format, summary.year
    if summary.units is None or fmt is None:
        return out
    if fmt.free_sections:
        out.problems.append(Problem(summary.units.pos, f"{fmt.id} 格式的统计表没有统一的行和列，"
                                                        "无法核对各单位之和；汇总报告请使用 gov-2021 或 gov-2019 格式"))
        out.complete = False
        return out
    files, out.problems = resolve(summary)
    out.complete = not out.problems
    readable: list[tuple[UnitFile, Report]] = []
    for unit in files:
        try:
            report = read_report(unit.path, unit.name)
        except InputError as exc:
            first = exc.findings[0]
            out.problems.append(Problem(unit.entry.pos, f"无法读取单位报告“{unit.name}”："
                                                        f"{first.pos.line} 行 {first.pos.column} 列：{first.message}"))
            out.complete = False
            continue
        reason = None
        if has_errors(report.findings):
            errors = [f for f in report.findings if f.is_error]
            reason = (f"有 {len(errors)} 个错误（第一个在 {errors[0].pos.line} 行 "
                      f"{errors[0].pos.column} 列：{errors[0].message}），请先运行 govreport check "
                      f"{unit.name}")
        elif year is not None:
            reason = mismatch(report, fmt, year)
        if reason is not None:
            out.problems.append(Problem(unit.entry.pos, f"单位报告“{unit.name}”{reason}；"
                                                        "各单位之和无法核对"))
            out.complete = False
            continue
        readable.append((unit, report))
    for i, earlier in duplicate_organs([(u.name, r) for u, r in readable]).items():
        unit, report = readable[i]
        out.problems.append(Problem(unit.entry.pos, f"单位报告“{unit.name}”与“{earlier}”的发布机关"
                                                    f"都是“{report.organ}”：同一单位的报告计入了两次"))
    cycle = find_cycle(summary, [(u.path, r) for u, r in readable])
    if cycle is not None:
        trail = " → ".join(summary.sibling_name(p) for p in cycle)
        out.problems.append(Problem(summary.units.pos, f"units 形成循环：{trail}；汇总报告不能"
                                                       "直接或间接地把自己算作单位"))
        out.complete = False
    out.units = [r for _, r in readable]
    return out


def _declared(path: Path) -> list[Path]:
    """The unit files a report names in `units:` ([] for a unit that is no summary, or one
    that cannot be read: that is reported where it is checked). Most files are not
    summaries; those without the word are passed over unparsed."""
    from govreport.reader import read_report

    try:
        if path.stat().st_size > MAX_INPUT_BYTES or b"units" not in path.read_bytes():
            return []
        report = read_report(path)
    except (OSError, InputError):
        return []
    return [u.path.resolve() for u in resolve(report)[0]]


def find_cycle(summary: Report, units: list[tuple[Path, Report]]) -> list[Path] | None:
    """A chain of `units:` from the summary back to itself (its paths, summary first and
    last), or None. Cycles among other files are theirs to report."""
    start = summary.path.resolve()
    known = {path.resolve(): [u.path.resolve() for u in resolve(report)[0]]
             for path, report in units}
    trail = [start]
    pending = [iter([p.resolve() for p, _ in units])]
    seen = {start}
    while pending:
        following = next(pending[-1], None)
        if following is None:
            pending.pop()
            trail.pop()
            continue
        if following == start:
            return [*trail, start]
        if following in seen:
            continue
        seen.add(following)
        trail.append(following)
        pending.append(iter(known[following] if following in known else _declared(following)))
    return None

