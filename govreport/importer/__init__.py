"""`govreport import`: last year's published report (DOCX, PDF, HTML) as an input file.

    result = import_report("2024年报.pdf", output_name="2024.yaml")
    result.text       # the YAML, ready to write
    result.findings   # IMPORT warnings: what could not be read with certainty, at its key

Readers (`docx_reader`, `pdf_reader`, `html_reader`) turn a file into paragraphs and tables
(`source`); `structure` finds the report in them, `match` reads the tables by their labels
against the format definitions, `yamlout` writes the input file. The readers import their
libraries (python-docx, pdfplumber, lxml) only when called, so `check` and `build` never load
them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govreport.findings import Finding, warning
from govreport.importer.imported import ImportedReport
from govreport.importer.source import ImportFailure, SourceDocument
from govreport.position import Pos

__all__ = ["ImportFailure", "ImportResult", "import_report", "source_types"]

MAX_SOURCE_BYTES = 200 * 1024 * 1024
"""A published report is a few MB; a PDF full of scanned pages can reach a hundred."""

RULE = "IMPORT"


@dataclass
class ImportResult:
    text: str
    findings: list[Finding]
    report: ImportedReport


def _read_docx(path: Path, name: str) -> SourceDocument:
    from govreport.importer.docx_reader import read_docx

    return read_docx(path, name)


def _read_pdf(path: Path, name: str) -> SourceDocument:
    from govreport.importer.pdf_reader import read_pdf

    return read_pdf(path, name)


def _read_html(path: Path, name: str) -> SourceDocument:
    from govreport.importer.html_reader import read_html

    return read_html(path, name)


_READERS: dict[str, Callable[[Path, str], SourceDocument]] = {
    ".docx": _read_docx, ".docm": _read_docx,
    ".pdf": _read_pdf,
    ".html": _read_html, ".htm": _read_html, ".shtml": _read_html, ".xhtml": _read_html,
}


def source_types() -> tuple[str, ...]:
    return tuple(_READERS)


def _parses(text: str, name: str) -> None:
    """The YAML written must read back: a writer bug must not leave the clerk a broken file."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:  # a bug in yamlout, never the source's fault
        raise RuntimeError(f"import of {name} wrote YAML that does not parse: {exc}") from exc


def import_report(path: str | os.PathLike[str], *, output_name: str = "-") -> ImportResult:
    """Read a published report; `output_name` is the file the YAML goes to, where the IMPORT
    warnings point. Raises ImportFailure (a Chinese message) for a source that cannot be read."""
    from govreport.importer.structure import analyse
    from govreport.importer.yamlout import write_yaml

    source = Path(path)
    name = os.fspath(path)
    reader = _READERS.get(source.suffix.lower())
    if reader is None:
        known = "、".join(s.lstrip(".") for s in ("docx", "pdf", "html", "htm"))
        raise ImportFailure(f"不支持“{source.suffix or source.name}”文件；可以导入的文件类型：{known}")
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ImportFailure(f"无法读取 {name}：{exc.strerror or exc}") from None
    if not source.is_file():
        raise ImportFailure(f"{name} 不是普通文件")
    if size > MAX_SOURCE_BYTES:
        raise ImportFailure(f"{name} 有 {size // (1024 * 1024)} MB，超过可导入的 "
                            f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    document = reader(source, source.name)
    report = analyse(document)
    written = write_yaml(report)
    _parses(written.text, name)
    findings = [warning(RULE, Pos(output_name, n.line, n.column), f"{n.note.where}：{n.note.message}")
                for n in written.notes]
    return ImportResult(written.text, findings, report)
