"""Font subsets kept between the PDFs one process renders, made and compressed once.

reportlab embeds each font as subsets of up to 256 characters, listed in order of first use,
and makes every subset again for every PDF (`makeSubset`), then compresses it again with zlib.
A batch worker renders hundreds of reports whose subsets repeat: headings, the statistics
tables' fixed labels and page numbers draw the same characters in the same order in every
report of a format. Measured on the batch benchmark, compressing the font files was a quarter
of a warm PDF render, and 4 of 5 of those compressions were of a subset the process had
already compressed.

A subset's bytes depend only on its face and its character list, and zlib's output only on its
input, so a kept subset is byte for byte what reportlab would make again. The memory held is
bounded (`BUDGET`, least recently used subsets go first).
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from types import MethodType
from typing import Any

BUDGET = 12 * 1024 * 1024  # bytes of subsets (raw and compressed) kept per process


class _Subset:
    """One made subset, and its compressed form once a PDF has asked for it."""

    __slots__ = ("flate", "kept", "raw")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.flate: bytes | None = None
        self.kept = False  # counted in the memo's budget

    @property
    def size(self) -> int:
        return len(self.raw) + len(self.flate or b"")


class SubsetMemo:
    """The subsets made in this process, least recently used first, within `budget` bytes."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.held = 0
        self._subsets: OrderedDict[tuple[Any, tuple[int, ...]], _Subset] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._subsets)

    def clear(self) -> None:
        """Forget every kept subset (benchmarks measuring a render without them)."""
        with self._lock:
            for kept in self._subsets.values():
                kept.kept = False
            self._subsets.clear()
            self.held = 0

    def subset(self, face: Any, codes: list[int], make: Any) -> _Subset:
        """The subset of `codes` of `face`, made by `make(codes)` unless it is kept."""
        key = (face, tuple(codes))
        with self._lock:
            kept = self._subsets.get(key)
            if kept is not None:
                self._subsets.move_to_end(key)
                return kept
        made = _Subset(make(codes))
        with self._lock:
            if key not in self._subsets:  # another thread may have made it meanwhile
                self._subsets[key] = made
                made.kept = True
                self.held += made.size
                self._trim()
        return made

    def compressed(self, subset: _Subset) -> bytes:
        """`subset` as zlib compresses it (reportlab's FlateDecode filter), compressed once."""
        if subset.flate is None:
            flate = zlib.compress(subset.raw)
            with self._lock:
                if subset.flate is None:
                    subset.flate = flate
                    if subset.kept:
                        self.held += len(flate)
                        self._trim()
        return subset.flate

    def _trim(self) -> None:
        while self.held > self.budget and len(self._subsets) > 1:
            _, dropped = self._subsets.popitem(last=False)
            dropped.kept = False
            self.held -= dropped.size


memo = SubsetMemo()


class _KeptFlate:
    """reportlab's FlateDecode stream filter for one kept subset: its compressed bytes."""

    pdfname = "FlateDecode"

    def __init__(self, subset: _Subset, kept: SubsetMemo) -> None:
        self._subset, self._memo = subset, kept

    def encode(self, content: bytes) -> bytes:
        if content is self._subset.raw:
            return self._memo.compressed(self._subset)
        return zlib.compress(content)  # the stream was given other content: compress that

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


def keep_subsets(font: Any, kept: SubsetMemo | None = None) -> None:
    """Make the reportlab `TTFont` `font` take its subsets, made and compressed, from `kept`
    (this process's `memo` by default).

    Called after any other hook on the face's `makeSubset` (`cffsubset.attach_glyph_store`):
    the memo calls whatever makes the subset when it is not kept."""
    from reportlab.pdfbase import pdfdoc

    kept = memo if kept is None else kept
    face = font.face
    make = face.makeSubset
    add_subset_objects = face.addSubsetObjects

    def make_subset(self: Any, codes: list[int]) -> bytes:
        return kept.subset(face, codes, make).raw

    def add_kept_subset_objects(self: Any, doc: Any, fontname: str, codes: list[int]) -> Any:
        descriptor = add_subset_objects(doc, fontname, codes)  # makes the subset: kept now
        subset = kept.subset(face, codes, make)
        try:  # the font file stream, as reportlab 4 and 5 name it
            stream = doc.idToObject[doc.idToObject[descriptor.name].dict["FontFile2"].name]
        except (AttributeError, KeyError):  # another structure: reportlab compresses it itself
            return descriptor
        if stream.content is subset.raw and stream.filters:
            stream.filters = [_KeptFlate(subset, kept) if f is pdfdoc.PDFZCompress else f
                              for f in stream.filters]
        return descriptor

    face.makeSubset = MethodType(make_subset, face)
    face.addSubsetObjects = MethodType(add_kept_subset_objects, face)
