"""`build`: check a report, lay it out, render every requested format, write the files.

Everything for one input is rendered in memory first and written only when all of it
succeeded, each file through a temporary file in the target folder and an atomic rename: a
failure never leaves a truncated file or a mixed set of new and stale outputs.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.api import check_file
from govreport.atomic import plain_file_mode, temp_file_beside
from govreport.findings import Finding, has_errors, sort_findings
from govreport.inputs import BuildError
from govreport.layout.build import build_document
from govreport.layout.document import Document
from govreport.position import Pos
from govreport.source import os_reason

if TYPE_CHECKING:
    from govreport.fonts import ResolvedFont

FORMATS = ("docx", "pdf")


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
    traceback: str | None = None  # with --debug only

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
        if self.traceback:
            out["traceback"] = self.traceback
        return out


Renderer = Callable[[Document], bytes]


@functools.cache
def _resolved_fonts(overrides: tuple[tuple[str, str], ...]) -> Mapping[str, ResolvedFont]:
    """Fonts are resolved (and CFF fonts converted) once per process, not once per file."""
    from govreport.fonts import resolve_fonts

    return resolve_fonts(dict(overrides))


def pdf_fonts(overrides: Mapping[str, str] | None = None) -> Mapping[str, ResolvedFont]:
    """The font of each role for PDF output; raises `govreport.fonts.FontError` (Chinese)."""
    return _resolved_fonts(tuple(sorted((overrides or {}).items())))


def renderers(formats: Iterable[str], fonts: Mapping[str, str] | None = None) -> dict[str, Renderer]:
    """The writer of each requested format. Each imports its library (python-docx, reportlab)
    on first use: start-up time matters, and a forked DOCX child must not pay for reportlab."""
    out: dict[str, Renderer] = {}
    for fmt in formats:
        if fmt == "docx":
            out[fmt] = _render_docx
        elif fmt == "pdf":
            out[fmt] = functools.partial(_render_pdf, fonts)
    return out


def _render_docx(document: Document) -> bytes:
    from govreport.writers.docx import render_docx

    return render_docx(document)


def _render_pdf(fonts: Mapping[str, str] | None, document: Document) -> bytes:
    from govreport.fonts import register_reportlab_fonts
    from govreport.writers.pdf.fontset import PdfFonts
    from govreport.writers.pdf.writer import render_pdf

    resolved = pdf_fonts(fonts)
    return render_pdf(document, PdfFonts(register_reportlab_fonts(resolved), resolved))


def render_all(document: Document, writers: Mapping[str, Renderer],
               parallel: bool = False) -> dict[str, bytes]:
    """Every format's bytes. With `parallel`, on Linux, the DOCX is made in a forked child
    while this process sets the PDF (measured: 0.46 s → 0.38 s for a whole build)."""
    if not (parallel and "docx" in writers and len(writers) > 1 and _can_fork()):
        return {fmt: render(document) for fmt, render in writers.items()}
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: render the DOCX, send it, leave without running any cleanup
        os.close(read_end)
        try:
            payload, status = writers["docx"](document), 0
        except BaseException as exc:
            payload, status = f"{type(exc).__name__}: {exc}".encode(), 1
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(status)
    os.close(write_end)
    try:
        out = {fmt: render(document) for fmt, render in writers.items() if fmt != "docx"}
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, wait_status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(wait_status) != 0:
        raise RuntimeError(f"DOCX 生成失败：{payload.decode(errors='replace') or '子进程异常退出'}")
    return {fmt: payload if fmt == "docx" else out[fmt] for fmt in writers}


def _can_fork() -> bool:
    import sys
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def substitute_note(fonts: Mapping[str, ResolvedFont]) -> str | None:
    """One line saying which roles use substitutes for the official fonts, if any."""
    from govreport.fonts import OFFICIAL_FAMILY, ROLE_LABELS

    used = [f"{ROLE_LABELS[role]}用“{f.family}”代替“{OFFICIAL_FAMILY[role]}”"
            for role, f in fonts.items() if f.origin in ("substitute", "default")]
    if not used:
        return None
    return "PDF 使用了替代字体（本机未安装正式字体）：" + "；".join(used) + "。可用 govreport fonts 查看详情。"


def parse_formats(text: str) -> tuple[str, ...]:
    """`--to docx,pdf` → ("docx", "pdf"), with a Chinese error for anything else."""
    formats = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    if not formats:
        raise BuildError("--to 至少要有一种输出格式：docx 或 pdf")
    check_formats(formats)
    return formats


def check_formats(formats: Iterable[str]) -> None:
    """A BuildError (a usage error) for a format there is no writer for: raised once per
    request, before any work, not once per file inside a worker."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BuildError(f"不支持的输出格式“{unknown[0]}”；可用：{'、'.join(FORMATS)}")


def build_file(path: str | os.PathLike[str], outdir: Path, formats: Sequence[str] = FORMATS,
               stem: str | None = None, fonts: Mapping[str, str] | None = None,
               parallel: bool = False) -> BuildResult:
    """Check, lay out, render and write one report; never raises for a bad input.

    `fonts` are the user's `--font ROLE=PATH` choices for the PDF; `parallel` renders the
    formats of this one file on two cores (for single-file builds; batches use a pool).
    """
    checked = check_file(path)
    result = BuildResult(checked.file, checked.findings)
    if not checked.ok or checked.report is None:
        return result
    writers = renderers(formats, fonts)
    document = build_document(checked.report)
    if "pdf" in formats:
        from govreport.writers.pdf.glyphs import borrowed_glyphs, missing_glyphs

        start = Pos(checked.file, 1, 1)
        glyphs = missing_glyphs(document, pdf_fonts(fonts), start)
        if glyphs:
            result.findings = sort_findings([*result.findings, *glyphs])
            return result
        borrowed = borrowed_glyphs(document, pdf_fonts(fonts), start)
        if borrowed:
            result.findings = sort_findings([*result.findings, borrowed])
    rendered = render_all(document, writers, parallel)
    name = stem or Path(path).stem
    try:
        result.outputs = write_outputs(outdir, name, rendered)
    except OSError as exc:  # the output folder, not the report: say which and why
        result.error = f"无法写入输出文件夹“{outdir}”：{os_reason(exc)}"
    return result


def write_outputs(outdir: Path, stem: str, rendered: dict[str, bytes]) -> list[Output]:
    """Write every rendered file atomically: temp files first, renamed only when all exist."""
    outdir.mkdir(parents=True, exist_ok=True)
    temps: list[tuple[str, Path, Path]] = []
    try:
        for fmt, data in rendered.items():
            target = outdir / f"{stem}.{fmt}"
            fd, tmp = temp_file_beside(target, suffix=f".{fmt}.tmp")
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
