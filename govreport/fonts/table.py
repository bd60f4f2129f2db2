"""The `govreport fonts` report: which font each role uses, where it came from, and the fonts
that draw what it lacks (its fallback chain)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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

CHAIN_TITLE = "字体链：某字在前一个字体中没有字形时，依次用后面的字体绘制"
SYNTHETIC_BOLD_LABEL = "PDF 中加粗"


def resolution_table(fonts: Mapping[str, ResolvedFont]) -> list[dict[str, Any]]:
    """One row per role, in `ROLES` order, with Chinese labels ready to print; `chain` lists
    the role's font and its fallbacks (`synthetic_bold`: the PDF emboldens that font)."""
    rows: list[dict[str, Any]] = []
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
                "file": _file(font),
                "origin": ORIGIN_LABELS[font.origin],
                "outline": font.outline,
                "coverage": f"{font.gb2312_coverage}/{GB2312_HANZI_COUNT}",
                "chain": [
                    {"family": f.family, "file": _file(f), "origin": ORIGIN_LABELS[f.origin],
                     "synthetic_bold": f.synthetic_bold}
                    for f in font.chain.fonts
                ],
            }
        )
    return rows


def _file(font: ResolvedFont) -> str:
    return f"{font.path}#{font.index}" if font.index else str(font.path)


def format_resolution_table(rows: list[dict[str, Any]]) -> str:
    """Plain text for a terminal (hanzi count as two columns): the table of roles, then each
    role's chain on one line."""
    header = [title for _, title in COLUMNS]
    shown = [{**row, "role_display": f"{row['role_label']}（{row['role']}）"} for row in rows]
    body = [[row.get(key, "") for key, _ in COLUMNS] for row in shown]
    chains = [[row["role_display"], " → ".join(_chain_entries(row))] for row in shown]
    return "\n".join([aligned_table(header, body), "", CHAIN_TITLE,
                      aligned_table(["用途", "字体链"], chains)])


def _chain_entries(row: dict[str, Any]) -> list[str]:
    return [f"{f['family']}（{f['origin']}{'，' + SYNTHETIC_BOLD_LABEL if f['synthetic_bold'] else ''}）"
            for f in row["chain"]]
