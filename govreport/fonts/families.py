"""Font roles, the official family of each role, and the per-role preference lists.

Kept as plain data so that reviewers (and the DOCX writer) can read the policy without reading
the resolver. Names are matched against the fonts' *name tables* (IDs 1, 2, 4, 16, 17 in every
language), never against file names, after `normalize_name` (NFKC, case-folded, without spaces,
hyphens and underscores). A name may carry a style ("FandolSong Bold"): it then matches a face
whose family plus subfamily (ID 1+2 or 16+17) or whose full name (ID 4) says so.

English/PostScript names of the Founder (方正) fonts are from memory and unverified; listing an
extra name is harmless because a name only ever matches a font that carries it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

ROLES: tuple[str, ...] = ("title", "body", "heading1", "heading2", "table", "page_number")

ROLE_LABELS: dict[str, str] = {
    "title": "标题",
    "body": "正文",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "table": "表格",
    "page_number": "页码",
}

OFFICIAL_FAMILY: dict[str, str] = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "table": "仿宋_GB2312",
    "page_number": "宋体",
}

DefaultKind = Literal["serif", "sans"]

# What every report prints besides hanzi: ASCII (numbers, "/", Latin names, URLs) and the
# full-width punctuation of GB/T 15834. A role prefers the fonts that have all of it, so that
# a CJK-only font (Droid Sans Fallback) is only picked when nothing else is installed; what a
# font lacks is drawn by the next font of the role's chain (`chain.py`).
BASIC_CHARS = "".join(chr(c) for c in range(0x21, 0x7F)) + "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·"

# A face at least this heavy is bold (OS/2 usWeightClass 600 = SemiBold). A role whose
# `RolePreference.weight` is bold and whose font is not is emboldened in the PDF.
BOLD_WEIGHT = 600


@dataclass(frozen=True)
class RolePreference:
    """Where a role looks for its font, in order.

    `official`: the family government PCs have (and close commercial equivalents);
    `substitutes`: open fonts of the same style; `default`: which bundled Noto font to use last;
    `weight`: the usWeightClass preferred when several faces match one name.
    """

    official: tuple[str, ...]
    substitutes: tuple[str, ...]
    default: DefaultKind
    weight: int = 400


_FANGSONG = RolePreference(
    official=(
        "仿宋_GB2312",
        "FangSong_GB2312",
        "方正仿宋_GBK",
        "FZFangSong-Z02",
        "方正仿宋简体",
        "FZFangSong-Z02S",
        "方正仿宋_GB2312",
        "方正公文仿宋",
        "仿宋",
        "FangSong",
        "华文仿宋",
        "STFangsong",
    ),
    # cwTeX FangSong is deliberately absent: it lacks ~2,400 simplified hanzi.
    substitutes=("FandolFang",),
    default="serif",
)

PREFERENCES: dict[str, RolePreference] = {
    "body": _FANGSONG,
    "table": _FANGSONG,
    "heading1": RolePreference(
        official=(
            "黑体",
            "SimHei",
            "方正黑体_GBK",
            "FZHei-B01",
            "方正黑体简体",
            "FZHei-B01S",
            "方正黑体_GB2312",
            "方正公文黑体",
            "华文黑体",
            "STHeiti",
            "Heiti SC",
            "黑体-简",
        ),
        substitutes=(
            "WenQuanYi Zen Hei",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "FandolHei",
            "WenQuanYi Micro Hei",
            "Microsoft YaHei",
            "Droid Sans Fallback",
        ),
        default="sans",
    ),
    "heading2": RolePreference(
        official=(
            "楷体_GB2312",
            "KaiTi_GB2312",
            "方正楷体_GBK",
            "FZKai-Z03",
            "方正楷体简体",
            "FZKai-Z03S",
            "方正楷体_GB2312",
            "方正公文楷体",
            "楷体",
            "KaiTi",
            "华文楷体",
            "STKaiti",
            "Kaiti SC",
            "楷体-简",
        ),
        substitutes=(
            "AR PL KaitiM GB",
            "AR PL UKai CN",
            "FandolKai",
            "LXGW WenKai",
        ),
        default="serif",
    ),
    "title": RolePreference(
        official=(
            "方正小标宋简体",
            "FZXiaoBiaoSong-B05S",
            "方正小标宋_GBK",
            "FZXiaoBiaoSong-B05",
            "方正公文小标宋",
            "华文中宋",
            "STZhongsong",
        ),
        substitutes=(
            "FandolSong Bold",
            "Noto Serif CJK SC SemiBold",
            "Noto Serif CJK SC Bold",
            "Noto Serif CJK SC Black",
            "Noto Serif SC Bold",
            "Noto Serif SC Black",
            "Noto Serif SC SemiBold",
            "Source Han Serif SC SemiBold",
            "Source Han Serif SC Bold",
            "Source Han Serif SC Heavy",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
        ),
        default="serif",
        weight=700,
    ),
    "page_number": RolePreference(
        official=(
            "宋体",
            "SimSun",
            "方正书宋_GBK",
            "FZShuSong-Z01",
            "华文宋体",
            "STSong",
            "Songti SC",
            "宋体-简",
        ),
        substitutes=(
            "AR PL SungtiL GB",
            "AR PL UMing CN",
            "FandolSong Regular",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
        ),
        default="serif",
    ),
}

_IGNORED = re.compile(r"[\s_\-]+")


def normalize_name(name: str) -> str:
    """Canonical form for comparing font names ("FangSong GB2312" == "fangsong_gb2312")."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())
