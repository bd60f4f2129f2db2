"""Atomic file writes: a temp file in the destination folder, then `os.replace`.

Readers (a clerk's PDF viewer, another govreport process sharing the font cache) see either
the old file or the complete new one, never half a file. The result gets the permissions a
plain write would have given it (the replaced file's, else the umask's), not the owner-only
mode `mkstemp` uses.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_umask_lock = threading.Lock()


def process_umask() -> int:
    """The process umask (Python 3.11 can only read it by setting it, so serialise that)."""
    with _umask_lock:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def plain_file_mode(target: Path) -> int:
    """The mode `open(target, "w")` would leave: the existing file's, else 0o666 minus umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~process_umask()


def temp_file_beside(target: Path, suffix: str = ".tmp") -> tuple[int, Path]:
    """Create an owner-only temp file in `target`'s folder (same file system, so renamable)."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:32]}.", suffix=suffix, dir=folder)
    return fd, Path(tmp)


@contextlib.contextmanager
def atomic_output(dest: Path) -> Iterator[BinaryIO]:
    """Open a temp file next to `dest`; on success it replaces `dest`, on error it is removed."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    mode = plain_file_mode(dest)
    fd, tmp = temp_file_beside(dest)
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` atomically."""
    with atomic_output(dest) as fh:
        fh.write(data)


def atomic_write_text(dest: Path, text: str) -> None:
    """Write `text` as UTF-8 with `\\n` line ends, atomically.

    backslashreplace: a file name that is not valid UTF-8 (a GBK name from a Windows zip)
    becomes a \\udcXX escape, which is still valid JSON, instead of failing the write.
    """
    atomic_write_bytes(dest, text.encode("utf-8", errors="backslashreplace"))
