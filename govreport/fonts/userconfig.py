"""Fonts named by the user: CLI `--font ROLE=PATH[#N]`, `GOVREPORT_FONT_<ROLE>`, config file.

Precedence per role: CLI > environment > config file (`[fonts]` table of
`$GOVREPORT_CONFIG` or the platform config folder's `config.toml`). Relative paths in the
config file are relative to the file itself, so one config can travel with its fonts.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import FontError
from .families import ROLE_LABELS, ROLES
from .locations import config_file

ENV_PREFIX = "GOVREPORT_FONT_"
_FACE_SUFFIX = re.compile(r"^(?P<path>.+)#(?P<index>\d+)$")


@dataclass(frozen=True)
class FontRequest:
    """A user's choice for one role, with where it came from (for error messages)."""

    role: str
    path: Path
    index: int
    source: str  # e.g. "命令行 --font", "环境变量 GOVREPORT_FONT_BODY", "配置文件 /x/config.toml"


def roles_hint() -> str:
    return "、".join(f"{role}（{ROLE_LABELS[role]}）" for role in ROLES)


def check_role(role: str, source: str) -> str:
    """Return the canonical role name or raise a Chinese error listing the valid ones."""
    canonical = role.strip().lower().replace("-", "_")
    if canonical not in ROLES:
        raise FontError(f"{source}：未知的字体角色“{role}”。可用的角色：{roles_hint()}。")
    return canonical


def split_face(text: str | Path, base: Path | None = None) -> tuple[Path, int]:
    """Split "/x.ttc#2" into (Path("/x.ttc"), 2); a path that exists as written is kept whole."""
    raw = os.path.expanduser(str(text).strip())
    path, index = raw, 0
    match = _FACE_SUFFIX.match(raw)
    if match and not os.path.exists(raw):
        path, index = match["path"], int(match["index"])
    result = Path(path)
    if base is not None and not result.is_absolute():
        result = base / result
    return result, index


def parse_font_option(text: str) -> tuple[str, Path, int]:
    """Parse a CLI value "ROLE=PATH[#N]", e.g. "body=/x.ttc#1" -> ("body", Path("/x.ttc"), 1)."""
    role, sep, value = text.partition("=")
    if not sep or not role.strip() or not value.strip():
        raise FontError(
            f"字体选项“{text}”格式不对，应为 角色=字体文件路径，"
            f"例如 body=/path/仿宋_GB2312.ttf 或 title=/path/fonts.ttc#1。可用的角色：{roles_hint()}。"
        )
    canonical = check_role(role, f"字体选项“{text}”")
    path, index = split_face(value)
    return canonical, path, index


def font_choices(options: Iterable[str]) -> dict[str, str]:
    """CLI values "ROLE=PATH[#N]" -> {role: "PATH[#N]"}, each checked; a later role wins."""
    choices: dict[str, str] = {}
    for text in options:
        role, _, _ = parse_font_option(text)
        choices[role] = text.split("=", 1)[1].strip()
    return choices


def user_requests(overrides: Mapping[str, str | Path] | None = None) -> dict[str, FontRequest]:
    """Every role the user pinned, merged with CLI > environment > config file precedence."""
    requests: dict[str, FontRequest] = {}
    for request in _from_config():
        requests[request.role] = request
    for request in _from_env():
        requests[request.role] = request
    for role, value in (overrides or {}).items():
        source = f"命令行 --font {role}"
        canonical = check_role(role, source)
        path, index = split_face(value)
        requests[canonical] = FontRequest(canonical, path, index, source)
    return requests


def _from_env() -> list[FontRequest]:
    out: list[FontRequest] = []
    for role in ROLES:
        name = ENV_PREFIX + role.upper()
        value = os.environ.get(name, "").strip()
        if value:
            path, index = split_face(value)
            out.append(FontRequest(role, path, index, f"环境变量 {name}"))
    return out


def _from_config() -> list[FontRequest]:
    path = config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise FontError(f"无法读取配置文件 {path}：{exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FontError(f"配置文件 {path} 不是有效的 TOML（需 UTF-8 编码）：{exc}") from None
    table = data.get("fonts", {})
    if not isinstance(table, dict):
        raise FontError(f'配置文件 {path} 中的 fonts 应为表，例如：\n[fonts]\nbody = "/path/x.ttf"')
    out: list[FontRequest] = []
    for key, value in table.items():
        source = f"配置文件 {path} 的 [fonts] {key}"
        role = check_role(key, source)
        if not isinstance(value, str) or not value.strip():
            raise FontError(f'{source}：应为字体文件路径字符串，例如 {role} = "/path/x.ttf"。')
        font_path, index = split_face(value, base=path.parent)
        out.append(FontRequest(role, font_path, index, source))
    return out
