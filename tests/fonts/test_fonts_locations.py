"""Where fonts are searched for, and how the search walks folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govreport.fonts import locations
from govreport.fonts.locations import font_search_dirs, iter_font_files, system_font_dirs


def test_windows_searches_the_system_and_per_user_font_folders(monkeypatch):
    monkeypatch.setattr(locations.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\li\AppData\Local")

    dirs = system_font_dirs()

    assert dirs[:2] == [
        Path(r"C:\Windows") / "Fonts",
        Path(r"C:\Users\li\AppData\Local") / "Microsoft" / "Windows" / "Fonts",
    ]


def test_macos_searches_system_supplemental_library_and_user_folders(monkeypatch):
    monkeypatch.setattr(locations.sys, "platform", "darwin")

    dirs = system_font_dirs()

    for expected in (
        "/System/Library/Fonts",
        "/System/Library/Fonts/Supplemental",
        "/Library/Fonts",
        str(Path.home() / "Library" / "Fonts"),
    ):
        assert Path(expected) in dirs


def test_linux_searches_xdg_data_dirs_and_home_fonts(monkeypatch, tmp_path):
    monkeypatch.setattr(locations.sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_DIRS", f"{tmp_path}/a:{tmp_path}/b")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)

    dirs = system_font_dirs()

    assert tmp_path / "a" / "fonts" in dirs
    assert tmp_path / "b" / "fonts" in dirs
    assert Path.home() / ".local" / "share" / "fonts" in dirs
    assert Path.home() / ".fonts" in dirs
    assert Path("/usr/share/fonts") in dirs


def test_env_var_replaces_the_search_path(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "GOVREPORT_FONT_DIRS", os.pathsep.join([str(tmp_path / "x"), str(tmp_path / "y")])
    )

    assert font_search_dirs() == [tmp_path / "x", tmp_path / "y"]


def test_walk_finds_font_extensions_in_any_case_once_each(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.ttf", "b.TTC", "sub/c.otf", "sub/d.OTC", "e.pfb", "f.txt"):
        (tmp_path / name).write_bytes(b"")

    found = list(iter_font_files([tmp_path, tmp_path / "sub"]))

    assert [p.name for p in found] == ["a.ttf", "b.TTC", "c.otf", "d.OTC"]


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symlinks")
def test_walk_survives_symlink_loops_and_reports_links_by_target(tmp_path):
    (tmp_path / "real.ttf").write_bytes(b"")
    (tmp_path / "link.ttf").symlink_to(tmp_path / "real.ttf")
    (tmp_path / "loop").symlink_to(tmp_path)

    found = list(iter_font_files([tmp_path]))

    assert found == [tmp_path / "real.ttf"]


def test_a_font_file_in_the_search_path_stands_for_itself(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("DroidSansFallbackFull.ttf", "sub/other.ttf"):
        (tmp_path / name).write_bytes(b"")

    found = list(iter_font_files([tmp_path / "DroidSansFallbackFull.ttf", tmp_path]))

    assert found == [tmp_path / "DroidSansFallbackFull.ttf", tmp_path / "sub" / "other.ttf"]


def test_missing_folders_are_skipped(tmp_path):
    assert list(iter_font_files([tmp_path / "does-not-exist"])) == []
