"""The reportlab face cache: a font loaded from it behaves exactly like a freshly parsed one."""

from __future__ import annotations

import os

import pytest
from reportlab.pdfbase import ttfonts

from govreport.fonts.rlcache import load_ttfont

SUBSET = [ord(c) for c in " 政府信息公开Aa1"]


def parsed(path, index=0):
    return ttfonts.TTFont("Parsed", str(path), subfontIndex=index)


def cached(path, index=0):
    load_ttfont("First", path, index)  # parses and stores
    return load_ttfont("Cached", path, index)


def subset_bytes(font) -> bytes:
    return font.face.makeSubset(SUBSET)


def test_the_second_load_reads_the_cache_instead_of_parsing(make_font, monkeypatch):
    path = make_font("fs.ttf", family="Cache Test")
    load_ttfont("First", path, 0)
    calls = []
    original = ttfonts.TTFontFile.extractInfo
    monkeypatch.setattr(ttfonts.TTFontFile, "extractInfo",
                        lambda self, *a, **k: calls.append(1) or original(self, *a, **k))

    load_ttfont("Again", path, 0)

    assert calls == []


def test_character_maps_and_widths_match_a_fresh_parse(make_font):
    path = make_font("fs.ttf", family="Cache Test")
    fresh, restored = parsed(path).face, cached(path).face

    assert restored.charToGlyph == fresh.charToGlyph
    assert restored.charWidths == fresh.charWidths
    assert [restored.hmetrics[g] for g in range(len(fresh.hmetrics))] == fresh.hmetrics
    assert list(restored.glyphPos) == fresh.glyphPos


def test_an_embedded_subset_is_byte_identical(make_font):
    path = make_font("fs.ttf", family="Cache Test")
    assert subset_bytes(cached(path)) == subset_bytes(parsed(path))


def test_a_face_of_a_collection_is_restored_as_that_face(make_collection):
    path = make_collection("two.ttc", [{"family": "First Face", "chars": "政府 "},
                                       {"family": "Second Face", "chars": "信息公开 "}])
    restored = cached(path, 1).face
    assert restored.familyName == b"Second Face"
    assert subset_bytes(cached(path, 1)) == subset_bytes(parsed(path, 1))


def test_glyph_to_char_is_rebuilt_when_shaping_asks_for_it(make_font):
    path = make_font("fs.ttf", family="Cache Test", chars="政府 ")
    fresh, restored = parsed(path).face, cached(path).face
    box = fresh.charToGlyph[ord("政")]

    assert sorted(restored.glyphToChar[box]) == sorted(fresh.glyphToChar[box])
    with pytest.raises(KeyError):
        restored.glyphToChar[10_000]


def test_a_damaged_cache_entry_falls_back_to_parsing(make_font, tmp_path):
    path = make_font("fs.ttf", family="Cache Test")
    load_ttfont("First", path, 0)
    for entry in (tmp_path / "cache" / "reportlab").iterdir():
        entry.write_bytes(b"not a pickle")

    font = load_ttfont("Again", path, 0)

    assert subset_bytes(font) == subset_bytes(parsed(path))


def test_a_changed_font_file_is_parsed_again(make_font):
    path = make_font("fs.ttf", family="Cache Test")
    load_ttfont("First", path, 0)
    make_font("fs.ttf", family="Cache Test", chars="政 ")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))

    font = load_ttfont("Again", path, 0)

    assert ord("府") not in font.face.charToGlyph
