"""The font index cache: a warm run parses no font, and changed files are re-read."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from govreport.fonts import resolve_fonts
from govreport.fonts.index import INDEX_NAME, FontIndex

FANGSONG_ZH = {"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}


@pytest.fixture
def no_font_parsing_later(monkeypatch):
    """Call the returned function to make fontTools parsing fail from then on."""

    def arm() -> None:
        def refuse(*args, **kwargs):
            raise AssertionError("a font was parsed")

        monkeypatch.setattr(TTFont, "__init__", refuse)

    return arm


def cache_dir() -> Path:
    return Path(os.environ["GOVREPORT_CACHE_DIR"])


def test_second_run_parses_no_font(make_font, no_font_parsing_later):
    make_font("fs.ttf", family=FANGSONG_ZH)
    make_font("kai.ttf", family="KaiTi")
    first = resolve_fonts()

    no_font_parsing_later()
    second = resolve_fonts()

    assert second == first
    assert second["body"].has_char("政")  # coverage comes from the cache too


def test_index_is_json_keyed_by_path_with_size_and_mtime(make_font):
    path = make_font("fs.ttf", family=FANGSONG_ZH)
    resolve_fonts()

    data = json.loads((cache_dir() / INDEX_NAME).read_text(encoding="utf-8"))
    entry = data["files"][str(path)]

    assert entry["size"] == path.stat().st_size
    assert entry["mtime_ns"] == path.stat().st_mtime_ns
    assert "fangsonggb2312" in entry["faces"][0]["keys"]
    assert "仿宋gb2312" in entry["faces"][0]["keys"]


def test_warm_index_reports_zero_parsed_files(make_font):
    make_font("fs.ttf", family=FANGSONG_ZH)
    resolve_fonts()

    index = FontIndex(cache_dir())
    for path in sorted(Path(os.environ["GOVREPORT_FONT_DIRS"]).iterdir()):
        index.entry(path)

    assert index.parsed_files == 0


def test_a_changed_file_is_parsed_again(make_font):
    path = make_font("font.ttf", family="Not Yet Official")
    assert resolve_fonts()["body"].origin == "default"

    make_font("font.ttf", family=FANGSONG_ZH)  # same path, new content and mtime
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))

    assert resolve_fonts()["body"].origin == "official"


def test_a_new_file_is_found_on_the_next_run(make_font):
    assert resolve_fonts()["body"].origin == "default"

    make_font("late.ttf", family=FANGSONG_ZH)

    assert resolve_fonts()["body"].origin == "official"


def test_a_broken_file_is_remembered_and_not_parsed_again(font_dir, no_font_parsing_later):
    (font_dir / "broken.ttf").write_bytes(b"\0\1\0\0 truncated")
    resolve_fonts()

    no_font_parsing_later()
    resolve_fonts()

    data = json.loads((cache_dir() / INDEX_NAME).read_text(encoding="utf-8"))
    assert data["files"][str(font_dir / "broken.ttf")]["error"]


def test_corrupt_index_is_rebuilt(make_font):
    make_font("fs.ttf", family=FANGSONG_ZH)
    resolve_fonts()
    (cache_dir() / INDEX_NAME).write_text("{ not json", encoding="utf-8")

    assert resolve_fonts()["body"].origin == "official"


def test_cache_folder_holds_no_temp_files_after_a_run(make_font):
    make_font("fs.ttf", family=FANGSONG_ZH)
    resolve_fonts()

    leftovers = [p for p in cache_dir().rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_warm_run_among_many_unrelated_fonts_parses_none_of_them(make_font, no_font_parsing_later):
    for i in range(20):  # a folder with some unrelated fonts too
        make_font(f"latin{i}.ttf", family=f"Latin {i}", chars="ABC")
    make_font("fs.ttf", family=FANGSONG_ZH)
    make_font("hei.ttf", family="SimHei")
    first = resolve_fonts()
    no_font_parsing_later()

    assert resolve_fonts() == first


def test_indexing_leaves_no_parsed_font_in_memory_when_the_collector_is_idle(make_font):
    # The command line raises the collector's threshold; fontTools' tables hold cycles, so a
    # first run over the Noto CJK collections once kept every parsed font (1.1 GB peak).
    path = make_font("fs.ttf", family=FANGSONG_ZH)
    gc.collect()
    gc.disable()
    try:
        entry = FontIndex(cache_dir()).entry(path)
        alive = [o for o in gc.get_objects() if isinstance(o, TTFont)]
    finally:
        gc.enable()

    assert entry.faces and alive == []
