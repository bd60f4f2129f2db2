"""`build`: check a report, lay it out, render every requested format, write the files.

Everything for one input is rendered in memory first and written only when all of it
succeeded, each file through a temporary file in the target folder and an atomic rename: a
failure never leaves a truncated file or a mixed set of new and stale outputs.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govreport.api import check_file
from govreport.findings import Finding, has_errors
from govreport.layout.build import build_document
from govreport.layout.document import Document

FORMATS = ("docx", "pdf")


class BuildError(Exception):
    """A usage problem with a build request (unknown format, bad output folder)."""


@dataclass(frozen=True)
class Output:
    path: Path
    format: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "format": self.format, "size": self.size,
                "sha256": self.sha256}


@dataclass
class BuildResult:
    """What happened to one input file."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    error: str | None = None  # an unexpected failure while rendering or writing

    @property
    def ok(self) -> bool:
        return self.error is None and not has_errors(self.findings)

    @property
    def status(self) -> str:
        return "built" if self.ok else "failed"


Renderer = Callable[[Document], bytes]


def renderers(formats: Iterable[str]) -> dict[str, Renderer]:
    """The writer of each requested format, imported only when asked for (start-up time)."""
    out: dict[str, Renderer] = {}
    for fmt in formats:
        if fmt == "docx":
            from govreport.writers.docx import render_docx

            out[fmt] = render_docx
        else:
            raise BuildError(f"不支持的输出格式“{fmt}”；可用：{'、'.join(FORMATS)}")
    return out


def parse_formats(text: str) -> tuple[str, ...]:
    """`--to docx,pdf` → ("docx", "pdf"), with a Chinese error for anything else."""
    formats = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    if not formats:
        raise BuildError("--to 至少要有一种输出格式：docx 或 pdf")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BuildError(f"不支持的输出格式“{unknown[0]}”；可用：{'、'.join(FORMATS)}")
    return formats


def build_file(path: str | os.PathLike[str], outdir: Path, formats: Sequence[str] = FORMATS,
               stem: str | None = None) -> BuildResult:
    """Check, lay out, render and write one report; never raises for a bad input."""
    checked = check_file(path)
    result = BuildResult(checked.file, checked.findings)
    if not checked.ok or checked.report is None:
        return result
    writers = renderers(formats)
    document = build_document(checked.report)
    rendered = {fmt: writers[fmt](document) for fmt in formats}
    name = stem or Path(path).stem
    result.outputs = write_outputs(outdir, name, rendered)
    return result


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_outputs(outdir: Path, stem: str, rendered: dict[str, bytes]) -> list[Output]:
    """Write every rendered file atomically: temp files first, renamed only when all exist."""
    outdir.mkdir(parents=True, exist_ok=True)
    temps: list[tuple[str, str, Path]] = []
    try:
        for fmt, data in rendered.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".{fmt}.tmp", dir=outdir)
            temps.append((fmt, tmp, outdir / f"{stem}.{fmt}"))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        outputs = []
        mode = 0o666 & ~_umask()
        for fmt, tmp, target in temps:
            os.chmod(tmp, mode)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, target)
            data = rendered[fmt]
            outputs.append(Output(target, fmt, len(data), hashlib.sha256(data).hexdigest()))
        return outputs
    finally:
        for _, tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
