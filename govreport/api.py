"""The Python API: `load`, `check`, `check_file`, `build` — what the command line is a thin
shell over."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.checks import check_report
from govreport.filecheck import FileCheck, load, load_file
from govreport.filecheck import check_file as _check_file
from govreport.findings import Finding
from govreport.history.similarity import resolve_threshold
from govreport.model import Report
from govreport.writers import DEFAULT_OUTPUTS, WriterOptions, load_writers

if TYPE_CHECKING:
    from govreport.builder import BuildResult
    from govreport.bundle import BundleCheck
    from govreport.writers import Writer

__all__ = ["FileCheck", "build", "check", "check_file", "load", "load_file", "publish", "verify",
           "writers_for"]


def check(report: Report, *, similar_threshold: float | None = None) -> list[Finding]:
    """Every finding for a loaded report: schema, arithmetic, placeholders, last year.

    `similar_threshold` is the share of a narrative section that may repeat last year's before
    X-SIMILAR warns (0.6 = 60 %); when not given, `$GOVREPORT_SIMILAR_THRESHOLD` (in percent)
    or 60 %. A threshold outside (0, 1] raises `ValueError` with a Chinese message.
    """
    return check_report(report, resolve_threshold(similar_threshold))


def writers_for(outputs: Sequence[str] = DEFAULT_OUTPUTS,
                fonts: Mapping[str, str] | None = None, *, pdfa: bool = False) -> list[Writer]:
    """The writers of `outputs` (`--to` values), ready: their fonts resolved, so that a font
    that cannot be used raises `govreport.fonts.FontError` here, before any file is built.
    `pdfa` makes the PDF PDF/A-2b. An unknown output raises `govreport.writers.UnknownOutput`
    (`WriterUnavailable`, a subclass, when a library the writer needs is not installed)."""
    writers = load_writers(outputs, WriterOptions(dict(fonts or {}), pdfa=pdfa))
    for writer in writers:
        notes = getattr(writer, "notes", None)
        if notes is not None:
            notes()
    return writers


def check_file(path: str | os.PathLike[str], *, similar_threshold: float | None = None,
               outputs: Sequence[str] = DEFAULT_OUTPUTS, fonts: Mapping[str, str] | None = None,
               writers: Sequence[Writer] | None = None) -> FileCheck:
    """Load leniently and check: all the problems of a file at once, never an exception
    (except a bad `similar_threshold`, see `check`, and the errors of `writers_for`). The
    preflights of the writers of `outputs` run too (the PDF's GLYPH); `outputs=()` skips
    them; `writers` (from `writers_for`) may be given instead, to check many files."""
    if writers is None:
        writers = writers_for(outputs, fonts) if outputs else []
    return _check_file(path, similar_threshold=similar_threshold, writers=writers)


def build(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
          outdir: str | os.PathLike[str] = "out", outputs: Sequence[str] = DEFAULT_OUTPUTS,
          jobs: int | None = None, fonts: Mapping[str, str] | None = None, *,
          pdfa: bool = False, writers: Sequence[Writer] | None = None, debug: bool = False,
          on_start: Callable[[int], None] | None = None,
          on_result: Callable[[int, BuildResult], None] | None = None) -> list[BuildResult]:
    """Build reports: files, folders (searched for *.yaml / *.yml) and glob patterns.

    Returns one `BuildResult` per input, in input order; a file with errors is reported, not
    raised. `outputs` are `--to` values (any installed writer); `writers` may be given
    instead (from `writers_for`). `jobs` worker processes (default: the number of CPUs);
    `fonts` are PDF font choices by role, as `--font` takes them; `pdfa` makes the PDF
    PDF/A-2b (`--pdfa`). `on_start(count)` is called
    once the inputs are known, `on_result(index, result)` as each file finishes.

    Raises `govreport.inputs.BuildError` for usage problems (nothing matches, two inputs would
    write the same output, the output folder is a file), `govreport.writers.UnknownOutput`
    for an unknown output and `govreport.fonts.FontError` for a font that cannot be used,
    all before anything is written. `debug` keeps the traceback of an internal error.
    """
    from govreport import batch, inputs

    arguments = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    plan = inputs.plan_outputs(inputs.collect_inputs(arguments), Path(outdir))
    if writers is None:
        writers = writers_for(outputs, fonts, pdfa=pdfa)
    if on_start is not None:
        on_start(len(plan))
    return batch.run_jobs(plan, writers, workers=jobs, debug=debug, on_result=on_result)


def publish(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
            outdir: str | os.PathLike[str] = "out", jobs: int | None = None,
            fonts: Mapping[str, str] | None = None, *, writers: Sequence[Writer] | None = None,
            debug: bool = False, on_start: Callable[[int], None] | None = None,
            on_result: Callable[[int, BuildResult], None] | None = None) -> list[BuildResult]:
    """Publish reports: per input a bundle folder under `outdir` with its DOCX, PDF/A-2b,
    HTML, XLSX, 图解 PNG, the source YAML and `manifest.json` (sizes, SHA-256, govreport
    version, fonts). Inputs, results and callbacks as for `build`; a result's `outputs` are
    the bundle's files but the manifest.

    Raises `govreport.publish.PublishError` when a writer a bundle needs is not installed,
    and what `build` raises for usage problems, all before anything is written.
    """
    from govreport import batch, inputs
    from govreport.publish import publish_file, publish_writers

    arguments = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    plan = inputs.plan_outputs(inputs.collect_inputs(arguments), Path(outdir))
    if writers is None:
        writers = publish_writers(fonts)
    if on_start is not None:
        on_start(len(plan))
    return batch.run_jobs(plan, writers, workers=jobs, debug=debug, on_result=on_result,
                          build=publish_file)


def verify(path: str | os.PathLike[str], *, pdfa: bool = False) -> list[BundleCheck]:
    """Check published bundles: `path` is one bundle folder or a folder holding several
    (`publish`'s `outdir`). Each result names every file changed, missing or added since
    publication; with `pdfa` the PDF is validated as PDF/A-2b too (about a second a report).
    Raises `govreport.bundle.BundleError` when `path` holds no bundle."""
    from govreport.bundle import find_bundles, verify_bundle

    return [verify_bundle(folder, pdfa) for folder in find_bundles(Path(path))]
