"""Pick one embeddable font per role: user choice > official font > open substitute > default.

Names are matched against the index built from the fonts' name tables (see `families.py`);
CFF fonts are swapped for their cached TrueType conversion so reportlab can load them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import defaults
from .errors import FontError
from .faces import FaceInfo
from .families import PREFERENCES, ROLE_LABELS, ROLES, RolePreference, normalize_name
from .gb2312 import GB2312_HANZI_COUNT
from .index import FileEntry, FontIndex, codepoint_bounds, load_bounds, maps
from .locations import cache_dir, font_search_dirs, iter_font_files
from .ttfcache import ensure_ttfs
from .userconfig import FontRequest, user_requests

log = logging.getLogger(__name__)

# Fonts picked automatically must cover (almost) all of GB2312; a user's pick need only have CJK.
MIN_AUTO_COVERAGE = 6700
SUPPORTED_OUTLINES = ("TrueType", "CFF")


@dataclass(frozen=True)
class ResolvedFont:
    """The font a role will use, and the file reportlab must load for it."""

    role: str
    family: str
    path: Path
    index: int
    origin: str  # "user" | "official" | "substitute" | "default"
    outline: str  # "TrueType" | "CFF"
    ttf_path: Path
    ttf_index: int
    gb2312_coverage: int
    cmap_file: Path | None = field(default=None, repr=False, compare=False)

    @cached_property
    def _bounds(self) -> tuple[int, ...]:
        """The code point ranges the font maps (from the index's cmap sidecar when available)."""
        if self.cmap_file is not None:
            try:
                return load_bounds(self.cmap_file)
            except OSError:
                pass
        from fontTools.ttLib import TTFont

        with TTFont(self.ttf_path, fontNumber=self.ttf_index, lazy=True) as font:
            return codepoint_bounds(font.getBestCmap() or ())

    @cached_property
    def _known(self) -> dict[str, bool]:
        return {}

    def has_char(self, ch: str) -> bool:
        """Whether the font has a glyph for the single character `ch` (answers are remembered:
        a caller may test every character of a report in turn)."""
        known = self._known.get(ch)
        if known is None:
            known = self._known[ch] = maps(self._bounds, ord(ch))
        return known

    def missing_chars(self, text: str) -> list[str]:
        """The distinct characters of `text` the font lacks (whitespace ignored), sorted."""
        return sorted(c for c in set(text) if not c.isspace() and not self.has_char(c))


@dataclass(frozen=True)
class _Choice:
    role: str
    path: Path
    face: FaceInfo
    origin: str


def resolve_fonts(overrides: Mapping[str, str | Path] | None = None) -> dict[str, ResolvedFont]:
    """Resolve every role in `ROLES`; `overrides` are the CLI's `--font ROLE=PATH[#N]` values."""
    requests = user_requests(overrides)
    index = FontIndex(cache_dir())
    try:
        choices = {role: _user_choice(index, req) for role, req in requests.items()}
        missing = [role for role in ROLES if role not in choices]
        if missing:
            by_name = _discover(index)
            for role in missing:
                choices[role] = _auto_choice(index, by_name, role, PREFERENCES[role])
        return _finish(index, choices)
    finally:
        index.save()


def is_restricted(fs_type: int) -> bool:
    """Whether OS/2.fsType forbids embedding a subset (restricted licence, no-subsetting or
    bitmap-only). reportlab 5.1 means to refuse such fonts, but its test in `ttfonts.py` is
    inverted (it only refuses files listed in `allowTTFSubsetting`), so we enforce it here."""
    return fs_type == 0x0002 or bool(fs_type & 0x0300)


def _discover(index: FontIndex) -> dict[str, list[tuple[Path, FaceInfo]]]:
    """Map normalized name -> faces, over every font file in the search path."""
    by_name: dict[str, list[tuple[Path, FaceInfo]]] = {}
    for path in iter_font_files([d.absolute() for d in font_search_dirs()]):
        try:
            entry = index.entry(path)
        except OSError:
            continue
        for face in entry.faces:
            for key in face.keys:
                by_name.setdefault(key, []).append((path, face))
    return by_name


def _skip_reason(face: FaceInfo) -> str | None:
    if face.outline not in SUPPORTED_OUTLINES:
        return f"不支持的字形格式 {face.outline}"
    if is_restricted(face.fs_type):
        return f"字体授权禁止嵌入（fsType=0x{face.fs_type:04X}）"
    if face.gb2312 < MIN_AUTO_COVERAGE:
        return f"GB2312 汉字覆盖不足（{face.gb2312}/{GB2312_HANZI_COUNT}）"
    return None


def _auto_choice(
    index: FontIndex,
    by_name: dict[str, list[tuple[Path, FaceInfo]]],
    role: str,
    pref: RolePreference,
) -> _Choice:
    for origin, names in (("official", pref.official), ("substitute", pref.substitutes)):
        for name in names:
            usable: list[tuple[Path, FaceInfo]] = []
            for path, face in by_name.get(normalize_name(name), []):
                reason = _skip_reason(face)
                if reason:
                    log.info(
                        "%s：跳过 %s（%s#%d）：%s", role, face.display, path, face.index, reason
                    )
                else:
                    usable.append((path, face))
            if usable:
                path, face = min(usable, key=lambda pf: _rank(pf, pref.weight))
                return _Choice(role, path, face, origin)
    path = defaults.default_font_file(pref.default).absolute()
    entry = index.entry(path)
    if entry.error or not entry.faces:
        raise FontError(f"内置默认字体无法读取：{path}（{entry.error}）")
    return _Choice(role, path, entry.faces[0], "default")


def _rank(candidate: tuple[Path, FaceInfo], weight: int) -> tuple[int, bool, bool, int, str, int]:
    """Closest weight, upright, TrueType (no conversion), best coverage, then a stable order."""
    path, face = candidate
    return (
        abs(face.weight - weight),
        face.italic,
        face.outline != "TrueType",
        -face.gb2312,
        str(path),
        face.index,
    )


def _user_choice(index: FontIndex, req: FontRequest) -> _Choice:
    path = req.path.expanduser().absolute()
    label = ROLE_LABELS[req.role]
    if not path.exists():
        raise FontError(f"{req.source}：字体文件不存在：{path}")
    if not path.is_file():
        raise FontError(f"{req.source}：{path} 不是文件，请指定字体文件（.ttf/.ttc/.otf/.otc）。")
    try:
        entry: FileEntry = index.entry(path)
    except OSError as exc:
        raise FontError(f"{req.source}：无法读取 {path}：{exc.strerror or exc}") from None
    if entry.error or not entry.faces:
        raise FontError(
            f"{req.source}：{path} 不是可用的字体文件（需要 TrueType/OpenType 格式："
            ".ttf、.ttc、.otf 或 .otc）。"
        )
    if not 0 <= req.index < len(entry.faces):
        raise FontError(
            f"{req.source}：{path} 只有 {len(entry.faces)} 个字体（编号 0～{len(entry.faces) - 1}），"
            f"没有第 {req.index} 号。"
        )
    face = entry.faces[req.index]
    name = f"{face.display}（{path}）"
    if face.gb2312 == 0:
        raise FontError(f"{req.source}：字体 {name} 不含中文字符，不能用作{label}字体。")
    if face.outline not in SUPPORTED_OUTLINES:
        raise FontError(f"{req.source}：字体 {name} 使用 {face.outline} 字形格式，暂不支持。")
    if is_restricted(face.fs_type):
        raise FontError(
            f"{req.source}：字体 {name} 的授权禁止嵌入 PDF（OS/2 fsType=0x{face.fs_type:04X}），"
            "无法用于生成 PDF，请换用其他字体。"
        )
    if face.gb2312 < GB2312_HANZI_COUNT:
        log.warning(
            "%s：字体 %s 只覆盖 %d/%d 个 GB2312 汉字，缺少的字将无法显示。",
            req.source,
            name,
            face.gb2312,
            GB2312_HANZI_COUNT,
        )
    return _Choice(req.role, path, face, "user")


def _finish(index: FontIndex, choices: dict[str, _Choice]) -> dict[str, ResolvedFont]:
    """Attach the reportlab-loadable file to every choice (converting CFF faces if needed)."""
    cache = index.cache_dir
    cff = sorted({(c.path, c.face.index) for c in choices.values() if c.face.outline == "CFF"})
    jobs = [(path, face_index, index.sha256(path)) for path, face_index in cff]
    try:
        converted = dict(zip(cff, ensure_ttfs(jobs, cache), strict=True))
    except OSError as exc:
        if exc.filename and Path(exc.filename).is_relative_to(cache):
            raise FontError(
                f"无法写入字体缓存目录 {cache}：{exc.strerror or exc}。"
                "可用环境变量 GOVREPORT_CACHE_DIR 指定一个可写的目录。"
            ) from exc
        raise FontError(f"无法读取字体文件 {exc.filename}：{exc.strerror or exc}") from exc
    except Exception as exc:  # fontTools raises many types for malformed CFF data
        raise FontError(f"字体转换为 TrueType 格式失败：{exc}") from exc
    out: dict[str, ResolvedFont] = {}
    for role in ROLES:
        choice = choices[role]
        face = choice.face
        key = (choice.path, face.index)
        ttf_path, ttf_index = (converted[key], 0) if key in converted else (choice.path, face.index)
        out[role] = ResolvedFont(
            role=role,
            family=face.display,
            path=choice.path,
            index=face.index,
            origin=choice.origin,
            outline=face.outline,
            ttf_path=ttf_path,
            ttf_index=ttf_index,
            gb2312_coverage=face.gb2312,
            cmap_file=cache / face.cmap_file if face.cmap_file else None,
        )
    return out
