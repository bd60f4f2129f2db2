"""`build`: check a report, lay it out, render it with every requested writer, write the files.

Everything for one input is rendered in memory first and written only when all of it
succeeded, each file through a temporary file in the target folder and an atomic rename: a
failure never leaves a truncated file or a mixed set of new and stale outputs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.atomic import plain_file_mode, temp_file_beside
from govreport.filecheck import check_file
from govreport.findings import Finding, has_errors
from govreport.rendersplit import start_renders
from govreport.source import os_reason

if TYPE_CHECKING:
    from govreport.layout.document import Document
    from govreport.writers import Writer


@dataclass(frozen=True)
class Output:
    path: Path
    output: str  # the writer's name, the `--to` value
    size: int
    sha256: str

    def as_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "format": self.output, "size": self.size,
                "sha256": self.sha256}


@dataclass
class BuildResult:
    """What happened to one input file."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    error: str | None = None  # an unexpected failure while rendering or writing
    traceback: str | None = None  # with --debug only
    bundle: Path | None = None  # `publish`: the folder the outputs and the manifest are in

    @property
    def ok(self) -> bool:
        return self.error is None and not has_errors(self.findings)

    @property
    def status(self) -> str:
        return "built" if self.ok else "failed"

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `govreport build --json` (findings as in `check --json`)."""
        out: dict[str, object] = {
            "file": self.file, "status": self.status, "ok": self.ok,
            "findings": [f.as_dict() for f in self.findings],
            "outputs": [o.as_dict() for o in self.outputs],
            "error": self.error,
        }
        if self.bundle is not None:
            out["bundle"] = str(self.bundle)
        if self.traceback:
            out["traceback"] = self.traceback
        return out


def check_for_build(path: str | os.PathLike[str],
                    writers: Sequence[Writer]) -> tuple[BuildResult, Document | None]:
    """The result of checking `path` (with the writers' preflights), and the laid-out
    document when there is one to render (no error found)."""
    checked = check_file(path, writers=writers)
    result = BuildResult(checked.file, checked.findings)
    return result, checked.document if checked.ok else None


def build_file(path: str | os.PathLike[str], outdir: Path, writers: Sequence[Writer],
               stem: str | None = None, parallel: bool = False) -> BuildResult:
    """Check, lay out, run the writers' preflights, render and write one report; never
    raises for a bad input. `parallel` renders this one file's outputs on two cores (for
    single-file builds; batches use a pool)."""
    with start_renders(writers, parallel) as renders:  # the PDF's libraries load meanwhile
        result, document = check_for_build(path, writers)
        if document is None:
            return result
        rendered = renders.finish(document)
    suffixes = {w.name: w.suffix for w in writers}
    name = stem or Path(path).stem
    try:
        result.outputs = write_outputs(outdir, name, rendered, suffixes)
    except OSError as exc:  # the output folder, not the report: say which and why
        result.error = f"无法写入输出文件夹“{outdir}”：{os_reason(exc)}"
    return result


def write_outputs(outdir: Path, stem: str, rendered: dict[str, bytes],
                  suffixes: Mapping[str, str]) -> list[Output]:
    """Write every rendered file atomically: temp files first, renamed only when all exist."""
    outdir.mkdir(parents=True, exist_ok=True)
    temps: list[tuple[str, Path, Path]] = []
    try:
        for fmt, data in rendered.items():
            target = outdir / f"{stem}{suffixes[fmt]}"
            fd, tmp = temp_file_beside(target, suffix=f"{suffixes[fmt]}.tmp")
            temps.append((fmt, tmp, target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        outputs = []
        for fmt, tmp, target in temps:
            os.chmod(tmp, plain_file_mode(target))  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, target)
            data = rendered[fmt]
            outputs.append(Output(target, fmt, len(data), hashlib.sha256(data).hexdigest()))
        return outputs
    finally:
        for _, tmp, _ in temps:
            tmp.unlink(missing_ok=True)
