"""The `govreport fonts` report: which font each role uses and where it came from."""

from __future__ import annotations

from collections.abc import Mapping

from govreport.textcols import aligned_table

from .families import OFFICIAL_FAMILY, ROLE_LABELS, ROLES
from .gb2312 import GB2312_HANZI_COUNT
from .resolve import ResolvedFont

ORIGIN_LABELS: dict[str, str] = {
    "user": "用户指定",
    "official": "本机正式字体",
    "substitute": "开源替代字体",
    "default": "内置默认字体",
}

COLUMNS: tuple[tuple[str, str], ...] = (
    ("role_display", "用途"),  # "正文（body）": the role name is what --font ROLE=PATH takes
    ("official", "公文规定字体"),
    ("family", "实际使用字体"),
    ("origin", "来源"),
    ("outline", "字形"),
    ("coverage", "GB2312 汉字"),
    ("file", "文件"),
)


def resolution_table(fonts: Mapping[str, ResolvedFont]) -> list[dict[str, str]]:
    """One row per role, in `ROLES` order, with Chinese labels ready to print."""
    rows: list[dict[str, str]] = []
    for role in ROLES:
        if role not in fonts:
            continue
        font = fonts[role]
        rows.append(
            {
                "role": role,
                "role_label": ROLE_LABELS[role],
                "official": OFFICIAL_FAMILY[role],
                "family": font.family,
                "file": f"{font.path}#{font.index}" if font.index else str(font.path),
                "origin": ORIGIN_LABELS[font.origin],
                "outline": font.outline,
                "coverage": f"{font.gb2312_coverage}/{GB2312_HANZI_COUNT}",
            }
        )
    return rows


def format_resolution_table(rows: list[dict[str, str]]) -> str:
    """Plain text table aligned for a terminal (hanzi count as two columns)."""
    header = [title for _, title in COLUMNS]
    shown = [{**row, "role_display": f"{row['role_label']}（{row['role']}）"} for row in rows]
    body = [[row.get(key, "") for key, _ in COLUMNS] for row in shown]
    return aligned_table(header, body)
