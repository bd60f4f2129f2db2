"""An input file opened for an edit that changes only what the edit owns: its bytes, its
decoded text and the report read from it, and the edits applied to the bytes, so that every
other byte (comments, line breaks, a BOM, GB18030) stays as it was.

Used by `aggregate --update` (the `tables:` and `units:` values) and `import FILE.xlsx
--into` (single numbers).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from govreport.model import Report
from govreport.source import SourceText, read_source


@dataclass
class EditableFile:
    """An input file to edit, as its bytes and as read."""

    path: Path
    data: bytes
    src: SourceText
    report: Report

    @property
    def encoding(self) -> str:
        return "gb18030" if any(f.rule == "ENCODING" for f in self.src.findings) else "utf-8"

    @property
    def bom(self) -> bytes:
        return codecs.BOM_UTF8 if self.data.startswith(codecs.BOM_UTF8) else b""

    def byte_offset(self, index: int) -> int:
        """The byte offset in `data` of character `index` of the decoded text."""
        return len(self.bom) + len(self.src.text[:index].encode(self.encoding))

    def edited(self, edits: Iterable[tuple[int, int, str]]) -> bytes:
        """The bytes with each (start, end, text) edit, in characters of the decoded text,
        applied; the edits must not overlap."""
        data = self.data
        for start, end, text in sorted(edits, reverse=True):
            data = (data[:self.byte_offset(start)] + text.encode(self.encoding)
                    + data[self.byte_offset(end):])
        return data

    def text_of(self, data: bytes) -> str:
        """`data` (edited bytes of this file) decoded as this file is."""
        return data[len(self.bom):].decode(self.encoding)


def open_editable(path: Path) -> EditableFile:
    """Read an input file for editing; `InputError` when it cannot be read at all."""
    from govreport.reader import read_source_report

    src = read_source(path)
    return EditableFile(path, path.read_bytes(), src, read_source_report(src))
