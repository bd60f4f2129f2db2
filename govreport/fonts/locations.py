"""Where fonts, the cache and the config file live on Windows, macOS and Linux.

Environment variables let scripts and tests replace each location:
`GOVREPORT_CACHE_DIR`, `GOVREPORT_CONFIG`, and `GOVREPORT_FONT_DIRS` (an `os.pathsep`-separated
list of folders or font files that *replaces* the system font search path).
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs

APP_NAME = "govreport"
FONT_EXTENSIONS = frozenset({".ttf", ".ttc", ".otf", ".otc"})

# TeX Live keeps the Fandol fonts outside the system font folders; list just that folder
# rather than all of texmf-dist (thousands of Latin fonts would slow the first scan).
_FANDOL_DIRS = (
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/texmf/fonts/opentype/public/fandol",
    "/usr/local/texlive/*/texmf-dist/fonts/opentype/public/fandol",
    "/Library/TeX/Root/texmf-dist/fonts/opentype/public/fandol",
    "C:/texlive/*/texmf-dist/fonts/opentype/public/fandol",
)


def cache_dir() -> Path:
    """Folder for the font index and converted fonts (shared by every run on this machine)."""
    override = os.environ.get("GOVREPORT_CACHE_DIR")
    return (
        Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    )


def config_file() -> Path:
    """The user's TOML config file (it need not exist)."""
    override = os.environ.get("GOVREPORT_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def user_font_dir() -> Path:
    """A folder where users can drop fonts (e.g. 方正 fonts) just for govreport."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "fonts"


def system_font_dirs() -> list[Path]:
    """The platform's font folders, existing or not, in search order."""
    home = Path.home()
    dirs: list[str | Path] = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            "/System/Library/Fonts",
            "/System/Library/Fonts/Supplemental",
            "/Library/Fonts",
            home / "Library" / "Fonts",
        ]
        dirs += sorted(glob.glob("/System/Library/AssetsV2/com_apple_MobileAsset_Font*"))
    else:
        data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
        data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
        dirs += [Path(data_home) / "fonts", home / ".fonts"]
        dirs += [Path(d) / "fonts" for d in data_dirs.split(":") if d]
        dirs += ["/usr/share/fonts", "/usr/local/share/fonts"]
    for pattern in _FANDOL_DIRS:
        dirs += sorted(glob.glob(pattern))
    dirs.append(user_font_dir())
    return _unique([Path(d) for d in dirs])


def font_search_dirs() -> list[Path]:
    """`GOVREPORT_FONT_DIRS` if set (tests, locked-down machines), else the system folders."""
    override = os.environ.get("GOVREPORT_FONT_DIRS")
    if override is not None:
        return _unique([Path(d) for d in override.split(os.pathsep) if d])
    return system_font_dirs()


def iter_font_files(dirs: list[Path]) -> Iterator[Path]:
    """Font files below `dirs`, recursively, each real file once, in a stable order; an entry
    that is itself a font file stands for itself."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    for top in dirs:
        if top.suffix.lower() in FONT_EXTENSIONS and top.is_file():
            real = os.path.realpath(top)
            if real not in seen_files:
                seen_files.add(real)
                yield Path(real)
            continue
        yield from _walk(top, seen_dirs, seen_files)


def _walk(folder: Path, seen_dirs: set[tuple[int, int]], seen_files: set[str]) -> Iterator[Path]:
    try:
        stat = folder.stat()
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:  # symlink loops and folders listed twice
            return
        seen_dirs.add(key)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    subdirs: list[Path] = []
    for entry in entries:
        try:
            if entry.is_dir():
                subdirs.append(Path(entry.path))
                continue
            if os.path.splitext(entry.name)[1].lower() not in FONT_EXTENSIONS:
                continue
            if not entry.is_file():
                continue
            real = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
        except OSError:
            continue
        if real not in seen_files:
            seen_files.add(real)
            yield Path(real)
    for sub in subdirs:
        yield from _walk(sub, seen_dirs, seen_files)


def _unique(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path not in out:
            out.append(path)
    return out
