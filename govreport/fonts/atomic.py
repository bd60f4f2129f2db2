"""Atomic cache writes: a temp file in the destination folder, then `os.replace`.

Readers (including other govreport processes running at the same time) see either the old
file or the complete new one, never a half-written font or index.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_output(dest: Path) -> Iterator[BinaryIO]:
    """Open a temp file next to `dest`; on success it replaces `dest`, on error it is removed."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` atomically."""
    with atomic_output(dest) as fh:
        fh.write(data)
