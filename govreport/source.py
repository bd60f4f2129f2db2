"""Reading an input file's bytes into text.

Clerks save from Notepad or WPS on Windows, so a file that is not UTF-8 is often GB18030 (GBK).
Such a file is read with a warning; anything that is not text is refused with the position of
the first byte that makes it so.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from govreport.findings import Finding, error, warning
from govreport.position import Pos

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""Far above any real report (the largest examples are ~30 KB); bigger inputs are refused."""


class InputError(Exception):
    """A file that cannot be used at all; carries the findings that say why."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


@dataclass
class SourceText:
    """The decoded text of an input file and what was noticed while decoding it."""

    name: str
    path: Path
    text: str
    findings: list[Finding] = field(default_factory=list)


def _pos_of_byte(data: bytes, index: int, name: str) -> Pos:
    before = data[:index]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Pos(name, line, column)


def read_source(path: Path, name: str | None = None) -> SourceText:
    """Read `path` as UTF-8 (with or without BOM), falling back to GB18030 with a warning."""
    name = name if name is not None else str(path)
    start = Pos(name, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError([error(
                "SCHEMA", start,
                f"文件过大（{size // 1024 // 1024} MB），超过 {MAX_INPUT_BYTES // 1024 // 1024} MB 的上限，"
                "不像是一份年度报告的输入文件",
            )])
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError([error("SCHEMA", start, "这是一个文件夹，不是 YAML 文件")]) from None
    except OSError as exc:
        raise InputError([error("SCHEMA", start, f"无法读取文件：{exc.strerror or exc}")]) from None

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        raise InputError([error(
            "SCHEMA", start, "文件是 UTF-16/UTF-32 编码；请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）",
        )])
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError([error(
            "SCHEMA", _pos_of_byte(data, nul, name),
            "文件中有空字节（NUL），这不是文本文件；请确认选择的是 YAML 文件",
        )])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return SourceText(name, path, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError([error(
            "SCHEMA", _pos_of_byte(data, bad, name),
            "文件既不是 UTF-8 编码也不是 GB18030/GBK 编码的文本；请另存为 UTF-8 编码",
        )]) from None
    first_non_ascii = next(i for i, byte in enumerate(data) if byte >= 0x80)
    note = warning(
        "ENCODING", _pos_of_byte(data, first_non_ascii, name),
        "文件不是 UTF-8 编码，已按 GB18030（GBK）读取；建议另存为 UTF-8 编码",
    )
    return SourceText(name, path, text, [note])
