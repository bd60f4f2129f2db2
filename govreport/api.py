"""The Python API: `load`, `check` — what the command line is a thin shell over."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from govreport.checks import check_report
from govreport.findings import Finding, has_errors
from govreport.model import Report
from govreport.reader import read_report
from govreport.source import InputError


def load(path: str | os.PathLike[str], *, strict: bool = True) -> Report:
    """Read and validate a report file.

    With `strict` (the default) any error raises `InputError`, whose `findings` list every
    problem, so the returned report is complete. With `strict=False` the report is returned
    anyway, with its problems in `report.findings` and unreadable values left out; only a file
    that is not usable YAML at all still raises.
    """
    report = read_report(Path(path), os.fspath(path))
    if strict and has_errors(report.findings):
        raise InputError([f for f in report.findings if f.is_error])
    return report


def check(report: Report) -> list[Finding]:
    """Every finding for a loaded report: schema, arithmetic, placeholders, last year."""
    return check_report(report)


@dataclass
class FileCheck:
    """The outcome of checking one file, as `govreport check --json` reports it."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "ok": self.ok, "findings": [f.as_dict() for f in self.findings]}


def check_file(path: str | os.PathLike[str]) -> FileCheck:
    """Load leniently and check: all the problems of a file at once, never an exception."""
    name = os.fspath(path)
    try:
        report = load(path, strict=False)
    except InputError as exc:
        return FileCheck(name, exc.findings)
    return FileCheck(name, check(report), report)
