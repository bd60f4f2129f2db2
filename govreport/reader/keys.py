"""Checking the keys of a mapping: unknown keys (with a "did you mean"), missing keys."""

from __future__ import annotations

import difflib
from collections.abc import Mapping as MappingABC

from govreport.findings import short
from govreport.position import Pos
from govreport.reader.context import Context
from govreport.yamltree import Mapping

SUGGESTIONS = 100
"""Unknown keys of one mapping that get a "did you mean" (difflib is slow): a pasted table of
100,000 keys is still reported key by key, in bounded time, with the list of allowed keys."""


def suggest(key: str, allowed: MappingABC[str, str]) -> str | None:
    """The allowed key closest to `key`, matching English keys and their Chinese labels."""
    if key in allowed.values():
        return next(k for k, label in allowed.items() if label == key)
    for k, label in allowed.items():
        if key and (key in label or label.endswith(key)):
            return k
    close = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.6)
    return close[0] if close else None


def check_keys(
    ctx: Context,
    node: Mapping,
    allowed: MappingABC[str, str],
    required: set[str],
    where: str,
    owner: Pos | None = None,
) -> None:
    """Report unknown and missing keys of `node`, each at its position.

    `allowed` maps each key to its Chinese label; `where` names the mapping in messages
    (e.g. "tables.apply"); `owner` is the position of the key that holds this mapping.
    """
    unknown = 0
    for key_node, _ in node.items:
        key = key_node.value
        if key in allowed:
            continue
        unknown += 1
        hint = suggest(key, allowed) if unknown <= SUGGESTIONS else None
        if key == "<<":
            message = "不支持 YAML 合并键“<<”，请把内容直接写出来"
        elif hint:
            message = f"未知的键“{short(key)}”（在 {where} 中）；是否想写“{hint}”（{allowed[hint]}）？"
        else:
            listed = "、".join(allowed)
            message = f"未知的键“{short(key)}”（在 {where} 中）；这里可用的键有：{listed}"
        ctx.error(key_node.pos, message)
    for key in allowed:
        if key in required and key not in node:
            ctx.error(owner or node.pos, f"{where} 中缺少“{key}”（{allowed[key]}）")
