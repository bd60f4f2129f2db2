"""Loading and checking one file, never raising for a bad input: the layer under `api`,
`builder` and `batch` (so none of them imports the documented API it serves)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.checkcontext import CheckContext
from govreport.checks import check_context
from govreport.findings import Finding, has_errors, sort_findings
from govreport.history.similarity import resolve_threshold
from govreport.model import Report
from govreport.reader import read_report
from govreport.source import InputError

if TYPE_CHECKING:
    from govreport.layout.document import Document
    from govreport.writers import Writer


def load(path: str | os.PathLike[str], *, strict: bool = True) -> Report:
    """Read and validate a report file (see `govreport.load`)."""
    report = read_report(Path(path), os.fspath(path))
    if strict and has_errors(report.findings):
        raise InputError([f for f in report.findings if f.is_error])
    return report


@dataclass
class FileCheck:
    """The outcome of checking one file, as `govreport check --json` reports it; `document`
    is its layout when the writers' preflights ran (a build renders that same document)."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None
    document: Document | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "ok": self.ok, "findings": [f.as_dict() for f in self.findings]}


def load_file(path: str | os.PathLike[str]) -> FileCheck:
    """Load leniently without checking: what reading alone finds (for `govreport diff`, which
    needs readable numbers, not a report free of arithmetic or last-year warnings)."""
    name = os.fspath(path)
    try:
        report = load(path, strict=False)
    except InputError as exc:
        return FileCheck(name, exc.findings)
    return FileCheck(name, list(report.findings), report)


def check_file(path: str | os.PathLike[str], *, similar_threshold: float | None = None,
               writers: Sequence[Writer] = ()) -> FileCheck:
    """Load leniently and check: all the problems of a file at once. A file without errors
    is laid out and gets the `writers`' preflight findings too (GLYPH for the PDF)."""
    threshold = resolve_threshold(similar_threshold)
    loaded = load_file(path)
    if loaded.report is None:
        return loaded
    context = CheckContext(loaded.report, threshold)
    checked = FileCheck(loaded.file, check_context(context), loaded.report)
    if checked.ok and writers:
        from govreport.layout.build import build_document
        from govreport.writers import preflight

        checked.document = build_document(loaded.report, context.last)
        checked.findings = sort_findings([*checked.findings,
                                          *preflight(writers, checked.document)])
    return checked
