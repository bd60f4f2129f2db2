"""What `govreport build` tells a person or a script while and after it works.

On a terminal: a progress bar (rich) with problems printed above it, then a summary table.
Otherwise (a script, a log file): one plain line per file as it finishes. `--quiet` keeps only
errors and the final line; `--json` leaves stdout to the machine-readable result.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TextIO

from govreport.builder import BuildResult
from govreport.findings import Severity, printable, severity_counts
from govreport.textcols import aligned_table

HEADERS = ("文件", "状态", "错误", "警告", "输出")
STATUS_LABEL = {"built": "已生成", "failed": "失败"}


def counts(result: BuildResult) -> tuple[int, int]:
    errors, warnings = severity_counts(result.findings)
    return errors + (1 if result.error else 0), warnings


def problem_lines(result: BuildResult, quiet: bool) -> list[str]:
    """The findings of one file in `check`'s format, then its internal error if any."""
    lines = [str(f) for f in result.findings if not quiet or f.severity is Severity.ERROR]
    if result.error:
        lines.append(f"{printable(result.file)}: error BUILD: {result.error}")
    if result.traceback:
        lines.append(result.traceback.rstrip())
    return lines


def file_line(index: int, total: int, result: BuildResult) -> str:
    name = printable(result.file)
    if result.ok:
        if result.bundle is not None:
            return (f"[{index}/{total}] 已发布 {name} → {printable(str(result.bundle))}"
                    f"（{len(result.outputs)} 个文件和清单）")
        outputs = "、".join(printable(str(o.path)) for o in result.outputs)
        return f"[{index}/{total}] 已生成 {name} → {outputs}"
    errors, _ = counts(result)
    return f"[{index}/{total}] 失败 {name}：{errors} 个错误，未生成文档"


def summary_line(results: Sequence[BuildResult]) -> str:
    built = sum(r.ok for r in results)
    return f"共 {len(results)} 个文件：{built} 个已生成，{len(results) - built} 个失败。"


def summary_rows(results: Sequence[BuildResult]) -> list[tuple[str, ...]]:
    rows = []
    for r in results:
        errors, warnings = counts(r)
        outputs = (f"{r.bundle.name}/" if r.bundle is not None else
                   "、".join(o.path.name for o in r.outputs) or "—")
        rows.append((printable(r.file), STATUS_LABEL[r.status], str(errors), str(warnings),
                     printable(outputs)))
    return rows


def as_json(results: Sequence[BuildResult]) -> str:
    built = sum(r.ok for r in results)
    return json.dumps({
        "files": [r.as_dict() for r in results],
        "summary": {"total": len(results), "built": built, "failed": len(results) - built},
    }, ensure_ascii=False, indent=2)


def plain_table(rows: Sequence[tuple[str, ...]]) -> str:
    return aligned_table(HEADERS, rows, right=(2, 3))


class PlainReporter:
    """One line per finished file, for logs and scripts."""

    def __init__(self, total: int, quiet: bool = False, stream: TextIO | None = None):
        self.total, self.quiet = total, quiet
        self.stream = stream or sys.stdout
        self.done = 0

    def __enter__(self) -> PlainReporter:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def file_done(self, result: BuildResult) -> None:
        self.done += 1
        for line in problem_lines(result, self.quiet):
            print(line, file=self.stream)
        if not self.quiet:
            print(file_line(self.done, self.total, result), file=self.stream)
        self.stream.flush()

    def finish(self, results: Sequence[BuildResult]) -> None:
        if not self.quiet and len(results) > 1:
            print(plain_table(summary_rows(results)), file=self.stream)
        print(summary_line(results), file=self.stream)


class RichReporter:
    """A progress bar on the terminal, problems printed above it, a summary table at the end."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console()
        self.progress = Progress(TextColumn("生成中"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.description}"), console=self.console,
                                 transient=True)
        self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> RichReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def file_done(self, result: BuildResult) -> None:
        for line in problem_lines(result, quiet=False):
            self.progress.console.print(line, markup=False, highlight=False)
        if not result.ok:
            self.progress.console.print(f"失败：{printable(result.file)}", style="red", markup=False)
        self.progress.update(self.task, advance=1, description=printable(result.file))

    def finish(self, results: Sequence[BuildResult]) -> None:
        from rich.table import Table

        table = Table(*HEADERS)
        for row in summary_rows(results):
            table.add_row(*row, style=None if row[1] == STATUS_LABEL["built"] else "red")
        self.console.print(table)
        self.console.print(summary_line(results), markup=False)


class SilentReporter:
    """For --json on stdout: nothing but the result document."""

    def __enter__(self) -> SilentReporter:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def file_done(self, result: BuildResult) -> None:
        return None

    def finish(self, results: Sequence[BuildResult]) -> None:
        print(as_json(results))


def reporter(total: int, quiet: bool, json_out: bool) -> PlainReporter | RichReporter | SilentReporter:
    if json_out:
        return SilentReporter()
    if not quiet and sys.stdout.isatty():
        return RichReporter(total)
    return PlainReporter(total, quiet)
