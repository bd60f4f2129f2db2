"""The TrueType glyphs converted so far from one CFF face: a cache file that grows as
documents use new characters.

Readers never lock and never import fontTools: the file is only ever replaced whole (written
beside it, then renamed), so a reader sees an older or a newer store, never a torn one.
Writers hold an exclusive lock on `<store>.lock` (fcntl, msvcrt on Windows) from reading the
store to replacing it, so that processes extending the same store at once (a batch's workers,
two builds) neither lose each other's glyphs nor convert the same glyph twice. Where no lock
can be taken the worst case is a glyph converted again later, never a wrong one.

Layout, little-endian: the 8-byte `MAGIC`, the face's glyph count (u32), the number of stored
glyphs n (u32), then n glyph ids (u16, ascending), n left side bearings (i16), n end offsets
into the data (u32), and the glyphs' `glyf` data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import struct
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from govreport.atomic import atomic_output

log = logging.getLogger(__name__)

ConvertedGlyph = tuple[int, bytes]
"""A glyph's left side bearing (its xMin) and its TrueType `glyf` data, padded to 4 bytes."""

MAGIC = b"GRGLYF\0\1"
_HEADER = struct.Struct("<8sII")


class GlyphStore:
    """One snapshot of a store file: glyph id → `ConvertedGlyph`."""

    def __init__(self, num_glyphs: int, ids: array, bearings: array, ends: array,
                 data: bytes) -> None:
        self.num_glyphs = num_glyphs
        self._ids, self._bearings, self._ends, self._data = ids, bearings, ends, data
        self._position = {gid: k for k, gid in enumerate(ids)}

    @classmethod
    def empty(cls, num_glyphs: int) -> GlyphStore:
        return cls(num_glyphs, array("H"), array("h"), array("I"), b"")

    def __len__(self) -> int:
        return len(self._ids)

    def get(self, gid: int) -> ConvertedGlyph | None:
        k = self._position.get(gid)
        if k is None:
            return None
        start = self._ends[k - 1] if k else 0
        return self._bearings[k], self._data[start:self._ends[k]]

    def items(self) -> Iterator[tuple[int, ConvertedGlyph]]:
        start = 0
        for gid, lsb, end in zip(self._ids, self._bearings, self._ends, strict=True):
            yield gid, (lsb, self._data[start:end])
            start = end


def read_store(path: Path, num_glyphs: int) -> GlyphStore:
    """The store at `path`; an empty one when it is missing, unreadable or not for a face of
    `num_glyphs` glyphs (it is then rewritten whole by the next extension)."""
    try:
        with path.open("rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return GlyphStore.empty(num_glyphs)
    except OSError as exc:
        log.debug("glyph store %s unreadable: %s", path, exc)
        return GlyphStore.empty(num_glyphs)
    try:
        return _parse(raw, num_glyphs)
    except ValueError as exc:
        log.debug("glyph store %s ignored: %s", path, exc)
        return GlyphStore.empty(num_glyphs)


def _parse(raw: bytes, num_glyphs: int) -> GlyphStore:
    if len(raw) < _HEADER.size:
        raise ValueError("truncated header")
    magic, stored_glyphs, n = _HEADER.unpack_from(raw)
    if magic != MAGIC or stored_glyphs != num_glyphs:
        raise ValueError(f"not a store of this face ({magic!r}, {stored_glyphs} glyphs)")
    ids, bearings, ends = array("H"), array("h"), array("I")
    offset = _HEADER.size
    for column in (ids, bearings, ends):
        size = n * column.itemsize
        column.frombytes(raw[offset:offset + size])
        offset += size
    if sys.byteorder == "big":
        for column in (ids, bearings, ends):
            column.byteswap()
    data = raw[offset:]
    if len(ends) != n or (ends[-1] if n else 0) != len(data) or (n and ids[-1] >= num_glyphs):
        raise ValueError("inconsistent index")
    return GlyphStore(num_glyphs, ids, bearings, ends, data)


def write_store(path: Path, num_glyphs: int, glyphs: Mapping[int, ConvertedGlyph]) -> None:
    """Replace the store at `path` by one holding exactly `glyphs`."""
    gids = sorted(glyphs)
    ids, bearings, ends = array("H", gids), array("h"), array("I")
    end = 0
    for gid in gids:
        lsb, data = glyphs[gid]
        bearings.append(lsb)
        end += len(data)
        ends.append(end)
    if sys.byteorder == "big":
        for column in (ids, bearings, ends):
            column.byteswap()
    with atomic_output(path) as out:
        out.write(_HEADER.pack(MAGIC, num_glyphs, len(gids)))
        for column in (ids, bearings, ends):
            out.write(column.tobytes())
        for gid in gids:
            out.write(glyphs[gid][1])


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive writer's lock of the store at `path` (released if the process dies).

    Without a lock (a file system that refuses one) the block still runs: see the module doc.
    """
    lock = path.with_name(path.name + ".lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fh = lock.open("a+b")
    except OSError as exc:  # a read-only cache: the store cannot be written either
        log.debug("no glyph store lock %s: %s", lock, exc)
        yield
        return
    with fh:
        held = _lock(fh.fileno())
        try:
            yield
        finally:
            if held:
                _unlock(fh.fileno())


def _lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)  # the lock covers the byte at the file position
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises OSError
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        return True
    except (OSError, ImportError) as exc:
        log.debug("glyph store lock not available: %s", exc)
        return False


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


def extend_store(src: Path, index: int, path: Path, num_glyphs: int,
                 gids: Iterable[int]) -> dict[int, ConvertedGlyph]:
    """The glyphs `gids` of face `index` of `src`: read from the store at `path`, the missing
    ones converted and added to it. Converted glyphs are returned even when the store cannot
    be written (a read-only cache costs speed, not correctness)."""
    with locked(path):
        store = read_store(path, num_glyphs)
        wanted = sorted(set(gids))
        found = {gid: g for gid in wanted if (g := store.get(gid)) is not None}
        missing = [gid for gid in wanted if gid not in found]
        if not missing:
            return found
        from .convert import GlyphConverter

        with GlyphConverter(src, index) as converter:
            converted = {gid: converter.convert(gid) for gid in missing}
        log.info("已将 %s 的 %d 个字形转换为 TrueType 格式", src.name, len(converted))
        try:
            write_store(path, num_glyphs, {**dict(store.items()), **converted})
        except OSError as exc:
            log.warning("无法写入字体缓存 %s（%s），本次转换的字形下次需要重新转换。",
                        path, exc.strerror or exc)
        return {**found, **converted}

