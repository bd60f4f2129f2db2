"""Reading an input file's bytes into text.

Clerks save from Notepad or WPS on Windows, so a file that is not UTF-8 is often GB18030 (GBK).
Such a file is read with a warning; anything that is not text is refused with the position of
the first byte that makes it so.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
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


_OS_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.EEXIST: "已存在同名的文件",
    errno.ENAMETOOLONG: "路径或文件名过长",
    errno.ELOOP: "符号链接循环",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EIO: "读取时发生输入输出错误（磁盘或网络故障）",
}


def os_reason(exc: BaseException) -> str:
    """Why the operating system refused a file, in Chinese (its own text as a last resort)."""
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    if isinstance(exc, RuntimeError):  # pathlib's "Symlink loop" on older Pythons
        return _OS_REASONS[errno.ELOOP]
    return f"{getattr(exc, 'strerror', None) or exc}"


def _pos_of_byte(data: bytes, index: int, name: str) -> Pos:
    before = data[:index]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Pos(name, line, column)


_DAMAGE = re.compile("\ufffd+")


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII text decodes as UTF-8 almost everywhere (GBK text almost nowhere)."""
    text = data.decode("utf-8", errors="replace")
    bad = len(_DAMAGE.findall(text))  # a damaged character is one run of U+FFFD
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    return wide > 0 and bad * 20 < wide


def _without_bom(data: bytes) -> str | None:
    """The encoding ("UTF-16" or "UTF-32") of a file saved in one of them without a BOM;
    None for binary data.

    Keys, indentation and digits are ASCII, which these encodings pad with NUL bytes; random
    binary data decodes to almost no ASCII and is seldom even valid UTF-16."""
    sample = data[:4096]
    for codec, label in (("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"),
                         ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16")):
        try:  # incremental: the sample may end inside a character
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if not text or "\x00" in text:
            continue
        ascii_share = sum(ch.isascii() for ch in text) / len(text)
        if ascii_share >= 0.05 and all(ch.isprintable() or ch in "\r\n\t" for ch in text):
            return label
    return None


def read_source(path: Path, name: str | None = None) -> SourceText:
    """Read `path` as UTF-8 (with or without BOM), falling back to GB18030 with a warning."""
    name = name if name is not None else str(path)
    start = Pos(name, 1, 1)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        not_regular = InputError([error(
            "SCHEMA", start, "这不是普通文件（而是设备、管道等），不能作为报告文件读取")])
        if not stat.S_ISREG(info.st_mode):  # a device or pipe (/dev/zero) could be read forever
            raise not_regular
        # Non-blocking, and checked again once open: a file swapped for a pipe in between
        # must not block the open or the read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise not_regular
            data = f.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError([error(
                "SCHEMA", start,
                f"文件超过 {MAX_INPUT_BYTES // 1024 // 1024} MB 的上限，不像是一份年度报告的输入文件",
            )])
    except IsADirectoryError:
        raise InputError([error("SCHEMA", start, "这是一个文件夹，不是 YAML 文件")]) from None
    except OSError as exc:
        raise InputError([error("SCHEMA", start, f"无法读取文件：{os_reason(exc)}")]) from None

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
                        codecs.BOM_UTF32_BE)):
        raise InputError([error(
            "SCHEMA", start, "文件是 UTF-16/UTF-32 编码；请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）",
        )])
    nul = data.find(b"\x00")
    wide = _without_bom(data) if nul >= 0 else None
    if wide:
        raise InputError([error(
            "SCHEMA", start,
            f"文件是没有 BOM 的 {wide} 编码；请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）",
        )])
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
