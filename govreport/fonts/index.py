"""The font index cache: what `faces.read_faces` found in each file, keyed by path+size+mtime.

A warm run only stats files and reads one JSON file; fonts are parsed only when new or changed.
The code points of CJK faces go to small binary sidecars (`cmaps/`), loaded only when a
resolved font's `has_char` is first used, so the index itself stays small and quick to load.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from govreport.atomic import atomic_write_bytes

from .faces import FaceInfo, read_faces

log = logging.getLogger(__name__)

INDEX_VERSION = 2  # 2: a face flagged bold has weight >= 700
INDEX_NAME = f"font-index-v{INDEX_VERSION}.json"
CMAP_DIR = "cmaps"


class FileEntry:
    """One font file in the index: its faces, or why it could not be read."""

    __slots__ = ("error", "faces", "mtime_ns", "sha256", "size")

    def __init__(
        self,
        size: int,
        mtime_ns: int,
        faces: list[FaceInfo],
        error: str | None = None,
        sha256: str | None = None,
    ) -> None:
        self.size = size
        self.mtime_ns = mtime_ns
        self.faces = faces
        self.error = error
        self.sha256 = sha256

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "error": self.error,
            "sha256": self.sha256,
            "faces": [face.to_json() for face in self.faces],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileEntry:
        faces = [FaceInfo.from_json(face) for face in data["faces"]]
        return cls(data["size"], data["mtime_ns"], faces, data["error"], data["sha256"])


class FontIndex:
    """Load once, look files up (parsing only misses), then `save()` if anything changed."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.path = cache_dir / INDEX_NAME
        self._entries: dict[str, FileEntry] = {}
        self._used: set[str] = set()
        self._dirty = False
        self.parsed_files = 0  # how many files this run had to parse (0 on a warm cache)
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("version") != INDEX_VERSION:
                return
            self._entries = {p: FileEntry.from_json(e) for p, e in data["files"].items()}
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("字体索引缓存损坏，将重新扫描：%s (%s)", self.path, exc)
            self._entries = {}

    def entry(self, path: Path) -> FileEntry:
        """The faces of `path`, from the cache if size and mtime still match, else parsed."""
        key = str(path)
        stat = path.stat()
        self._used.add(key)
        cached = self._entries.get(key)
        if cached is not None and (cached.size, cached.mtime_ns) == (
            stat.st_size,
            stat.st_mtime_ns,
        ):
            return cached
        entry = self._parse(path, stat.st_size, stat.st_mtime_ns)
        self._entries[key] = entry
        self._dirty = True
        return entry

    def _parse(self, path: Path, size: int, mtime_ns: int) -> FileEntry:
        self.parsed_files += 1
        try:
            faces = read_faces(path)
        except Exception as exc:  # fontTools raises many types for broken files
            log.info("无法读取字体文件 %s：%s", path, exc)
            return FileEntry(size, mtime_ns, [], error=f"{type(exc).__name__}: {exc}")
        for face in faces:
            if face.gb2312 > 0:
                try:
                    face.cmap_file = self._write_cmap(path, size, mtime_ns, face)
                except OSError as exc:  # has_char falls back to reading the font
                    log.warning("无法写入字符表缓存：%s", exc)
        return FileEntry(size, mtime_ns, faces)

    def _write_cmap(self, path: Path, size: int, mtime_ns: int, face: FaceInfo) -> str:
        tag = hashlib.sha1(f"{path}|{size}|{mtime_ns}|{face.index}".encode()).hexdigest()[:20]
        name = f"{CMAP_DIR}/{tag}.bin"
        atomic_write_bytes(self.cache_dir / name, _ranges(face.codepoints).tobytes())
        return name

    def sha256(self, path: Path) -> str:
        """Content hash of an indexed file, computed once and remembered in the index."""
        entry = self.entry(path)
        if entry.sha256 is None:
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            entry.sha256 = digest.hexdigest()
            self._dirty = True
        return entry.sha256

    def save(self) -> None:
        """Write the index if this run changed it; keep unused entries whose files are intact."""
        kept: dict[str, FileEntry] = {}
        for key, entry in self._entries.items():
            if key in self._used or _unchanged(Path(key), entry):
                kept[key] = entry
            else:
                self._dirty = True
        if not self._dirty:
            return
        self._entries = kept
        data = {"version": INDEX_VERSION, "files": {k: e.to_json() for k, e in kept.items()}}
        try:
            atomic_write_bytes(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            self._remove_orphan_cmaps()
        except OSError as exc:  # a read-only cache only costs speed
            log.warning("无法写入字体索引缓存 %s：%s", self.path, exc)
        self._dirty = False

    def _remove_orphan_cmaps(self) -> None:
        referenced = {
            face.cmap_file for e in self._entries.values() for face in e.faces if face.cmap_file
        }
        folder = self.cache_dir / CMAP_DIR
        if not folder.is_dir():
            return
        for item in folder.iterdir():
            if f"{CMAP_DIR}/{item.name}" not in referenced and item.suffix == ".bin":
                with contextlib.suppress(OSError):
                    item.unlink()


def _unchanged(path: Path, entry: FileEntry) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns)


def _ranges(codepoints: Iterable[int]) -> array[int]:
    """Code points as flat (first, last) pairs: ~1-3k pairs for a CJK font instead of ~30k."""
    out: array[int] = array("I")
    for cp in sorted(codepoints):
        if out and out[-1] + 1 == cp:
            out[-1] = cp
        else:
            out.extend((cp, cp))
    return out


def _bounds(pairs: array[int]) -> tuple[int, ...]:
    """(first, last) pairs as half-open bounds: a code point is mapped when an odd number of
    bounds are ≤ it. A report tests ~1000 distinct characters; expanding 7k-42k code points
    into a set for that took longer than the tests."""
    out = pairs.tolist()
    out[1::2] = [last + 1 for last in out[1::2]]
    return tuple(out)


def codepoint_bounds(codepoints: Iterable[int]) -> tuple[int, ...]:
    """Sorted half-open range bounds of `codepoints` (see `maps`)."""
    return _bounds(_ranges(codepoints))


@lru_cache(maxsize=64)
def load_bounds(sidecar: Path) -> tuple[int, ...]:
    """The code points stored in a cmap sidecar, as range bounds (cached per process)."""
    pairs: array[int] = array("I")
    pairs.frombytes(sidecar.read_bytes())
    return _bounds(pairs)


def maps(bounds: tuple[int, ...], codepoint: int) -> bool:
    """Whether `codepoint` falls in one of the ranges of `bounds`."""
    return bisect_right(bounds, codepoint) % 2 == 1
