"""The glyph store: the converted glyphs of a CFF face, one cache file that processes extend
together without losing glyphs or reading a half-written file."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from govreport.fonts import glyphstore
from govreport.fonts.convert import GlyphConverter
from govreport.fonts.glyphstore import extend_store, read_store, write_store

GLYPHS = {0: (100, b"\0\1" + b"\x11" * 14), 3: (-20, b""), 7: (5, b"\0\2" + b"\x22" * 30)}


@pytest.fixture
def font(make_distinct_cff) -> Path:
    return make_distinct_cff("d.otf", "政府信息公开工作年度报告")


def num_glyphs(font: Path) -> int:
    return int(TTFont(font)["maxp"].numGlyphs)


def test_a_store_reads_back_the_glyphs_written(tmp_path):
    path = tmp_path / "s.glyf"

    write_store(path, 10, GLYPHS)
    store = read_store(path, 10)

    assert dict(store.items()) == GLYPHS
    assert [store.get(gid) for gid in (0, 3, 7)] == [GLYPHS[0], GLYPHS[3], GLYPHS[7]]
    assert store.get(1) is None and store.get(9) is None


def test_a_missing_store_is_empty(tmp_path):
    assert len(read_store(tmp_path / "none.glyf", 10)) == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) - 3],  # cut short
        lambda raw: b"GRGLYF\0\0" + raw[8:],  # another format version
        lambda raw: raw[:8] + (11).to_bytes(4, "little") + raw[12:],  # another face's count
        lambda raw: b"",
    ],
    ids=["truncated", "other-format", "other-face", "empty"],
)
def test_a_store_that_does_not_fit_the_face_reads_as_empty(tmp_path, damage):
    path = tmp_path / "s.glyf"
    write_store(path, 10, GLYPHS)
    path.write_bytes(damage(path.read_bytes()))

    assert len(read_store(path, 10)) == 0


def test_extending_converts_only_the_missing_glyphs_and_keeps_the_stored_ones(
    font, tmp_path, monkeypatch
):
    path = tmp_path / "s.glyf"
    extend_store(font, 0, path, num_glyphs(font), [0, 2, 3])
    converted: list[int] = []
    convert = GlyphConverter.convert
    monkeypatch.setattr(GlyphConverter, "convert",
                        lambda self, gid: converted.append(gid) or convert(self, gid))

    got = extend_store(font, 0, path, num_glyphs(font), [3, 4, 5])

    assert converted == [4, 5]
    assert sorted(got) == [3, 4, 5]
    assert sorted(gid for gid, _ in read_store(path, num_glyphs(font)).items()) == [0, 2, 3, 4, 5]


def test_a_store_that_cannot_be_locked_is_still_extended(font, tmp_path, monkeypatch):
    monkeypatch.setattr(glyphstore, "_lock", lambda fd: False)  # e.g. a file system without locks
    path = tmp_path / "s.glyf"

    extend_store(font, 0, path, num_glyphs(font), [1, 2])

    assert sorted(gid for gid, _ in read_store(path, num_glyphs(font)).items()) == [1, 2]


def _slow_extend(font: Path, path: Path, gids: list[int], start: object) -> None:
    """A worker process: wait for the others, then extend the store converting slowly, so
    that without the lock every worker would read the store before any has written it."""
    convert = GlyphConverter.convert

    def slow(self: GlyphConverter, gid: int) -> tuple[int, bytes]:
        time.sleep(0.05)
        return convert(self, gid)

    GlyphConverter.convert = slow  # type: ignore[method-assign]
    start.wait()  # type: ignore[attr-defined]
    extend_store(font, 0, path, num_glyphs(font), gids)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="needs fork to run the workers on the test's own functions")
def test_processes_extending_one_store_at_once_keep_every_glyph(font, tmp_path):
    path = tmp_path / "s.glyf"
    context = multiprocessing.get_context("fork")
    start = context.Barrier(3)
    parts = [[1, 2, 3], [4, 5, 6], [7, 8, 3]]
    workers = [context.Process(target=_slow_extend, args=(font, path, gids, start))
               for gids in parts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert [w.exitcode for w in workers] == [0, 0, 0]
    store = read_store(path, num_glyphs(font))
    assert sorted(gid for gid, _ in store.items()) == [1, 2, 3, 4, 5, 6, 7, 8]
    with GlyphConverter(font, 0) as converter:
        assert all(glyph == converter.convert(gid) for gid, glyph in store.items())
