"""The units of one `aggregate` run: each read and checked as `check` checks it, the ones that
cannot be added set aside (errors, another year or format, a second report of one organ),
and the registry's expectations matched against what came in.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from govreport.aggregate.registry import Expected, match
from govreport.aggregate.units import duplicate_organs, mismatch
from govreport.checkcontext import CheckContext
from govreport.checks import check_context
from govreport.findings import Finding, error, has_errors, severity_counts, sort_findings
from govreport.formats import FormatDef, format_ids, get_format
from govreport.model import Report
from govreport.source import InputError

RULE = "X-UNITS"
T = TypeVar("T")


class GatherError(Exception):
    """Nothing can be summed at all (a usage error), with a Chinese message."""


@dataclass
class UnitResult:
    """One unit report: what was read, what its check found, last year's report if named."""

    file: str
    path: Path
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    last: Report | None = None
    expected: Expected | None = None

    @property
    def summed(self) -> bool:
        return self.report is not None and not has_errors(self.findings)

    @property
    def status(self) -> str:
        return "summed" if self.summed else "failed"

    @property
    def organ(self) -> str | None:
        return self.report.organ.value if self.report is not None and self.report.organ else None

    def as_dict(self) -> dict[str, object]:
        """One entry of `aggregate --json`'s `files` (findings as in `check --json`)."""
        errors, warnings = severity_counts(self.findings)
        return {"file": self.file, "organ": self.organ, "status": self.status, "ok": self.summed,
                "errors": errors, "warnings": warnings,
                "expected": None if self.expected is None else self.expected.organ,
                "findings": [f.as_dict() for f in self.findings]}


@dataclass
class Gathered:
    format: FormatDef
    year: int
    units: list[UnitResult]
    registry: bool = False
    missing: list[Expected] = field(default_factory=list)
    unexpected: list[UnitResult] = field(default_factory=list)
    renamed: list[tuple[UnitResult, Expected]] = field(default_factory=list)

    @property
    def summed(self) -> list[UnitResult]:
        return [u for u in self.units if u.summed]

    @property
    def failed(self) -> list[UnitResult]:
        return [u for u in self.units if not u.summed]

    def summed_reports(self) -> list[Report]:
        return [u.report for u in self.summed if u.report is not None]


def load_unit(path: Path, threshold: float) -> UnitResult:
    """Read and check one unit report; never raises for a bad file."""
    from govreport.reader import read_report

    name = os.fspath(path)
    try:
        report = read_report(path, name)
    except InputError as exc:
        return UnitResult(name, path, None, list(exc.findings))
    context = CheckContext(report, threshold)
    return UnitResult(name, path, report, check_context(context), last=context.last)


def _choose(values: Sequence[T | None]) -> T | None:
    """The value most units share (the first of them on a tie)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in values if v is not None and counts[v] == best)


def is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system: it is simply not there
        return False


def gather(paths: Sequence[Path], *, threshold: float, year: int | None = None,
           format_id: str | None = None, expected: Sequence[Expected] | None = None,
           exclude: Sequence[Path] = ()) -> Gathered:
    """Load and check every unit; decide the year (given, else the one most units have) and
    the format (given, else the most common among that year's units)."""
    skip = {p.resolve() for p in exclude}
    listed = {p.resolve() for p in paths}
    extra = [e.file for e in expected or () if e.file is not None and is_file(e.file)
             and e.file.resolve() not in listed]
    units = [load_unit(p, threshold) for p in [*paths, *extra] if p.resolve() not in skip]
    if not units:
        raise GatherError("没有可汇总的单位报告：请给出单位报告的文件、文件夹或通配符")
    reports = [u.report for u in units if u.report is not None]
    if year is None:
        year = _choose([r.year for r in reports])
    if format_id is None:
        format_id = _choose([r.format.id if r.format else None for r in reports
                             if r.year == year]) \
            or _choose([r.format.id if r.format else None for r in reports])
    if year is None or format_id is None or format_id not in format_ids():
        raise GatherError("所给的文件中没有可读出格式和年度的单位报告，无法汇总")
    fmt = get_format(format_id)
    if fmt.free_sections:
        raise GatherError(f"{fmt.id} 格式的统计表没有统一的行和列，无法汇总；"
                          "汇总只适用于 gov-2021 和 gov-2019 格式的报告")
    _set_aside(units, fmt, year)
    gathered = Gathered(fmt, year, units, registry=expected is not None)
    if expected is not None:
        matching = match([(u.path, u.report) for u in units], expected)
        for i, entry in matching.matched.items():
            units[i].expected = entry
        gathered.missing = matching.missing
        gathered.unexpected = [units[i] for i in matching.unexpected]
        gathered.renamed = [(units[i], entry) for i, entry in matching.renamed]
    return gathered


def _set_aside(units: list[UnitResult], fmt: FormatDef, year: int) -> None:
    """X-UNITS errors in the reports that cannot be added to this summary."""
    for u in units:
        if not u.summed or u.report is None:
            continue
        reason = mismatch(u.report, fmt, year)
        if reason is not None:
            key = "format" if u.report.format is not None and u.report.format.id != fmt.id else "year"
            u.findings = sort_findings([*u.findings, error(
                RULE, u.report.pos(key), f"本报告{reason}；未计入汇总")])
    candidates = [u for u in units if u.summed]
    pairs = [(u.file, u.report) for u in candidates if u.report is not None]
    for i, earlier in duplicate_organs(pairs).items():
        u = candidates[i]
        assert u.report is not None and u.report.organ is not None
        u.findings = sort_findings([*u.findings, error(
            RULE, u.report.organ.pos, f"发布机关与“{earlier}”相同：同一单位的报告只能计入一次，"
                                      "本报告未计入汇总")])
