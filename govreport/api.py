"""The Python API: `load`, `check` — what the command line is a thin shell over."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.checks import check_report
from govreport.findings import Finding, has_errors
from govreport.history.similarity import resolve_threshold
from govreport.model import Report
from govreport.reader import read_report
from govreport.source import InputError

if TYPE_CHECKING:
    from govreport.builder import BuildResult


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


def check(report: Report, *, similar_threshold: float | None = None) -> list[Finding]:
    """Every finding for a loaded report: schema, arithmetic, placeholders, last year.

    `similar_threshold` is the share of a narrative section that may repeat last year's before
    X-SIMILAR warns (0.6 = 60 %); when not given, `$GOVREPORT_SIMILAR_THRESHOLD` (in percent)
    or 60 %. A threshold outside (0, 1] raises `ValueError` with a Chinese message.
    """
    return check_report(report, resolve_threshold(similar_threshold))


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


def check_file(path: str | os.PathLike[str], *,
               similar_threshold: float | None = None) -> FileCheck:
    """Load leniently and check: all the problems of a file at once, never an exception
    (except a bad `similar_threshold`, see `check`)."""
    threshold = resolve_threshold(similar_threshold)
    loaded = load_file(path)
    if loaded.report is None:
        return loaded
    return FileCheck(loaded.file, check_report(loaded.report, threshold), loaded.report)


def load_file(path: str | os.PathLike[str]) -> FileCheck:
    """Load leniently without checking: what reading alone finds (for `govreport diff`, which
    needs readable numbers, not a report free of arithmetic or last-year warnings)."""
    name = os.fspath(path)
    try:
        report = load(path, strict=False)
    except InputError as exc:
        return FileCheck(name, exc.findings)
    return FileCheck(name, list(report.findings), report)


def build(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
          outdir: str | os.PathLike[str] = "out", formats: Sequence[str] = ("docx", "pdf"),
          jobs: int | None = None, fonts: Mapping[str, str] | None = None,
          on_result: Callable[[int, BuildResult], None] | None = None) -> list[BuildResult]:
    """Build reports: files, folders (searched for *.yaml / *.yml) and glob patterns.

    Returns one `BuildResult` per input, in input order; a file with errors is reported, not
    raised. `jobs` worker processes (default: the number of CPUs); `fonts` are PDF font
    choices by role, as `--font` takes them. Raises `BuildError` for usage problems (nothing
    matches, two inputs would write the same output, the output folder is a file, an unknown
    format) before anything is written, and
    `govreport.fonts.FontError` for a font that cannot be used.
    """
    from govreport import batch, inputs

    arguments = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    plan = inputs.plan_outputs(inputs.collect_inputs(arguments), Path(outdir))
    return batch.run_jobs(plan, tuple(formats), workers=jobs, fonts=fonts, on_result=on_result)
