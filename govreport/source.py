"""Reading an input file's bytes into text.

Clerks save from Notepad or WPS on Windows, so a file that is not UTF-8 is often GB18030 (GBK).
Such a file is read with a warning; anything that is not text is refused with the position of
the first byte that makes it so.
"""

from __future__ import annotations

import codecs
import stat
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


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII text decodes as UTF-8 almost everywhere (GBK text almost nowhere)."""
    text = data.decode("utf-8", errors="replace")
    wide = sum(1 for ch in text if ord(ch) > 0x7F)
    bad = text.count("\ufffd")
    return wide > 0 and bad * 20 < wide


def read_source(path: Path, name: str | None = None) -> SourceText:
    """Read `path` as UTF-8 (with or without BOM), falling back to GB18030 with a warning."""
    name = name if name is not None else str(path)
    start = Pos(name, 1, 1)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a device or pipe (/dev/zero) could be read forever
            raise InputError([error("SCHEMA", start, "这不是普通文件（而是设备、管道等），不能作为报告文件读取")])
        with path.open("rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError([error(
                "SCHEMA", start,
                f"文件超过 {MAX_INPUT_BYTES // 1024 // 1024} MB 的上限，不像是一份年度报告的输入文件",
            )])
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
    if _mostly_utf8(data):  # a UTF-8 file with a damaged byte: never re-read it as mojibake
        raise InputError([error(
            "SCHEMA", _pos_of_byte(data, bad, name),
            "文件是 UTF-8 编码，但这里有损坏的字节（不是有效的 UTF-8 字符）；请删除或重新输入这里的文字",
        )])
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
