"""Pick the fonts of each role: user choice > official font > open substitute > default.

The pick is the first font of the role's fallback chain (`chain.py`); the other installed
candidates of the role and the bundled Noto font follow it, for the characters it lacks.
Names are matched against the index built from the fonts' name tables (see `families.py`);
CFF fonts are swapped for their cached TrueType conversion so reportlab can load them (a
fallback's only when it first draws a character); the conversion has the font's cmap and
widths, its outlines are converted as PDFs embed them (`ttfcache.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from . import defaults
from .chain import FontChain
from .errors import FontError
from .faces import FaceInfo
from .families import (
    BASIC_CHARS,
    BOLD_WEIGHT,
    PREFERENCES,
    ROLE_LABELS,
    ROLES,
    RolePreference,
    normalize_name,
)
from .fontfile import release
from .gb2312 import GB2312_HANZI_COUNT
from .index import FileEntry, FontIndex, codepoint_bounds, load_bounds, maps
from .locations import cache_dir, font_search_dirs, iter_font_files
from .ttfcache import ensure_ttf
from .userconfig import FontRequest, user_requests

log = logging.getLogger(__name__)

# Fonts picked automatically must cover (almost) all of GB2312; a user's pick need only have CJK.
MIN_AUTO_COVERAGE = 6700
SUPPORTED_OUTLINES = ("TrueType", "CFF")


@dataclass(frozen=True)
class ResolvedFont:
    """A font a role will use, and the file reportlab must load for it.

    The role's own font carries its `fallbacks` (see `chain`); a fallback carries none.
    """

    role: str
    family: str
    path: Path
    index: int
    origin: str  # "user" | "official" | "substitute" | "default"
    outline: str  # "TrueType" | "CFF"
    ttf_path: Path  # a CFF fallback not yet converted: `path` itself (see `loadable`)
    ttf_index: int
    gb2312_coverage: int
    cmap_file: Path | None = field(default=None, repr=False, compare=False)
    weight: int = 400  # usWeightClass (700 or more for a face flagged bold)
    fallbacks: tuple[ResolvedFont, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def chain(self) -> FontChain:
        """This font, then its fallbacks: each character is drawn by the first that has it."""
        return FontChain((self, *self.fallbacks))

    @property
    def synthetic_bold(self) -> bool:
        """Whether the PDF emboldens this font: its role is set bold (the title's 方正小标宋 is
        a heavy face) and this substitute for it is not, e.g. the bundled Noto Serif SC
        Regular. An official or user-named font is drawn as it is: heavy by design, it may
        still declare weight 400."""
        return (self.origin in ("substitute", "default")
                and PREFERENCES[self.role].weight >= BOLD_WEIGHT > self.weight)

    @property
    def loadable(self) -> bool:
        """Whether reportlab can load `ttf_path` as it is (see `loadable_font`)."""
        return self.outline != "CFF" or self.ttf_path != self.path

    @cached_property
    def _bounds(self) -> tuple[int, ...]:
        """The code point ranges the font maps (from the index's cmap sidecar when available)."""
        return _face_bounds(self.cmap_file, self.ttf_path, self.ttf_index)

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


def _face_bounds(sidecar: Path | None, path: Path, index: int) -> tuple[int, ...]:
    if sidecar is not None:
        try:
            return load_bounds(sidecar)
        except OSError:
            pass
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        return codepoint_bounds(font.getBestCmap() or ())
    finally:
        release(font)


@dataclass(frozen=True)
class _Choice:
    role: str
    path: Path
    face: FaceInfo
    origin: str


def resolve_fonts(overrides: Mapping[str, str | Path] | None = None) -> dict[str, ResolvedFont]:
    """Resolve every role in `ROLES`; `overrides` are the CLI's `--font ROLE=PATH[#N]` values.

    Each role's font carries its fallback chain (`ResolvedFont.chain`).
    """
    requests = user_requests(overrides)
    index = FontIndex(cache_dir())
    try:
        chosen = {role: _user_choice(index, req) for role, req in requests.items()}
        by_name = _discover(index)
        chains: dict[str, list[_Choice]] = {}
        for role in ROLES:
            pref = PREFERENCES[role]
            candidates = _candidates(by_name, role, pref)
            first = chosen.get(role) or _preferred(index, candidates)
            try:
                default: _Choice | None = _default_choice(index, role, pref)
            except FontError:
                if first is None:
                    raise
                default = None  # only a fallback: the role's own font stands alone
            first = first or default
            assert first is not None
            chains[role] = _unique([first, *candidates, *([default] if default else [])])
        return _finish(index, chains)
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


def _candidates(
    by_name: dict[str, list[tuple[Path, FaceInfo]]], role: str, pref: RolePreference
) -> list[_Choice]:
    """The usable installed fonts of a role: official names first, then substitutes, in list
    order, the best face (`_rank`) of each name."""
    out: list[_Choice] = []
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
                out.append(_Choice(role, path, face, origin))
    return out


def _preferred(index: FontIndex, candidates: list[_Choice]) -> _Choice | None:
    """The first official font, else the first substitute; in each, the first one that has
    ASCII and the full-width punctuation (a CJK-only font is only taken when no other is)."""
    for origin in ("official", "substitute"):
        tier = [c for c in candidates if c.origin == origin]
        if tier:
            return next((c for c in tier if _covers_basic(index, c)), tier[0])
    return None


def _covers_basic(index: FontIndex, choice: _Choice) -> bool:
    face = choice.face
    sidecar = index.cache_dir / face.cmap_file if face.cmap_file else None
    bounds = _face_bounds(sidecar, choice.path, face.index)
    return all(maps(bounds, ord(ch)) for ch in BASIC_CHARS)


def _default_choice(index: FontIndex, role: str, pref: RolePreference) -> _Choice:
    path = defaults.default_font_file(pref.default).absolute()
    entry = index.entry(path)
    if entry.error or not entry.faces:
        raise FontError(f"内置默认字体无法读取：{path}（{entry.error}）")
    return _Choice(role, path, entry.faces[0], "default")


def _unique(choices: list[_Choice]) -> list[_Choice]:
    """The choices without a face already listed (by file and face number)."""
    seen: set[tuple[Path, int]] = set()
    out = []
    for choice in choices:
        key = (choice.path, choice.face.index)
        if key not in seen:
            seen.add(key)
            out.append(choice)
    return out


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
            "%s：字体 %s 只覆盖 %d/%d 个 GB2312 汉字，缺少的字将由字体链中后面的字体绘制。",
            req.source,
            name,
            face.gb2312,
            GB2312_HANZI_COUNT,
        )
    return _Choice(req.role, path, face, "user")


def _finish(index: FontIndex, chains: dict[str, list[_Choice]]) -> dict[str, ResolvedFont]:
    """Attach the reportlab-loadable file to every role's font (converting CFF faces if
    needed); a fallback reuses a role's conversion, or is converted when first drawn."""
    firsts = [chain[0] for chain in chains.values()]
    cff = sorted({(c.path, c.face.index) for c in firsts if c.face.outline == "CFF"})
    converted = dict(zip(cff, _convert(index, cff), strict=True))
    out: dict[str, ResolvedFont] = {}
    for role in ROLES:
        first, *rest = [_resolved(index, c, converted) for c in chains[role]]
        out[role] = replace(first, fallbacks=tuple(rest))
    return out


def _resolved(index: FontIndex, choice: _Choice, converted: dict[tuple[Path, int], Path]
              ) -> ResolvedFont:
    face = choice.face
    key = (choice.path, face.index)
    ttf_path, ttf_index = (converted[key], 0) if key in converted else (choice.path, face.index)
    return ResolvedFont(
        role=choice.role,
        family=face.display,
        path=choice.path,
        index=face.index,
        origin=choice.origin,
        outline=face.outline,
        ttf_path=ttf_path,
        ttf_index=ttf_index,
        gb2312_coverage=face.gb2312,
        cmap_file=index.cache_dir / face.cmap_file if face.cmap_file else None,
        weight=face.weight,
    )


def _convert(index: FontIndex, faces: list[tuple[Path, int]]) -> list[Path]:
    """The cached TrueType conversions of CFF `faces`, made now if missing."""
    cache = index.cache_dir
    try:
        return [ensure_ttf(path, face_index, index.sha256(path), cache)
                for path, face_index in faces]
    except OSError as exc:
        if exc.filename and Path(exc.filename).is_relative_to(cache):
            raise FontError(
                f"无法写入字体缓存目录 {cache}：{exc.strerror or exc}。"
                "可用环境变量 GOVREPORT_CACHE_DIR 指定一个可写的目录。"
            ) from exc
        raise FontError(f"无法读取字体文件 {exc.filename}：{exc.strerror or exc}") from exc
    except Exception as exc:  # fontTools raises many types for malformed CFF data
        raise FontError(f"字体转换为 TrueType 格式失败：{exc}") from exc


def loadable_font(font: ResolvedFont) -> ResolvedFont:
    """`font` with a file reportlab can load: a CFF fallback gets its cached TrueType version
    the first time it has to draw a character."""
    if font.loadable:
        return font
    index = FontIndex(cache_dir())
    try:
        (ttf_path,) = _convert(index, [(font.path, font.index)])
    finally:
        index.save()
    return replace(font, ttf_path=ttf_path, ttf_index=0)
