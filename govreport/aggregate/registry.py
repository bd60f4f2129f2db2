"""The registry of units expected to report (`aggregate --units REGISTRY.yaml`).

```yaml
units:
  - {organ: 青溪县财政局, file: 部门/财政局.yaml}   # file optional, relative to this file
  - 青溪县云岭镇人民政府                             # just the organ
```

A report is matched to an entry by its file when the entry names one, else by its organ.
An entry no report matches is missing; a report no entry matches is unexpected.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govreport.findings import has_errors
from govreport.model import Report
from govreport.position import Pos
from govreport.reader.context import Context
from govreport.reader.keys import check_keys
from govreport.reader.values import describe, read_text
from govreport.source import InputError, read_source
from govreport.yamltree import Mapping, Node, Scalar, compose
from govreport.yamltree import Sequence as SequenceNode

ENTRY_KEYS = {"organ": "单位（发布机关）全称", "file": "报告文件（可选，相对于名单文件）"}


@dataclass(frozen=True)
class Expected:
    """A unit the registry expects a report from."""

    organ: str
    file: Path | None
    file_name: str | None  # as written in the registry
    pos: Pos

    def as_dict(self) -> dict[str, object]:
        return {"organ": self.organ, "file": self.file_name, "registry": str(self.pos)}


def read_registry(path: Path, name: str | None = None) -> list[Expected]:
    """The registry's entries; raises `InputError` with every problem found."""
    src = read_source(path, name)
    doc = compose(src)
    ctx = Context(src.name, [*src.findings, *doc.findings])
    root = doc.root
    if not isinstance(root, Mapping):
        ctx.error(root.pos, f"单位名单的最外层应为映射 units: […]，这里是{describe(root)}")
        raise InputError(ctx.all_findings())
    check_keys(ctx, root, {"units": "应报送报告的单位"}, {"units"}, "单位名单")
    node = root.get("units")
    out: list[Expected] = []
    if node is not None and (not isinstance(node, SequenceNode) or not node.items):
        ctx.error(node.pos, "units 应为非空列表，每项写成 {organ: 单位全称, file: 报告文件} "
                            f"或只写单位全称，这里是{describe(node)}")
    elif node is not None:
        seen: dict[str, Pos] = {}
        for item in node.items:
            entry = _entry(ctx, item, path.parent)
            if entry is None:
                continue
            if entry.organ in seen:
                first = seen[entry.organ]
                ctx.error(entry.pos, f"单位“{entry.organ}”重复（第一次出现在第 {first.line} 行）")
                continue
            seen[entry.organ] = entry.pos
            out.append(entry)
    if has_errors(ctx.findings):
        raise InputError([f for f in ctx.all_findings() if f.is_error])
    return out


def _entry(ctx: Context, item: Node, base: Path) -> Expected | None:
    if isinstance(item, Scalar):
        organ = read_text(ctx, item, "单位全称")
        return Expected(organ.value, None, None, item.pos) if organ else None
    if not isinstance(item, Mapping):
        ctx.error(item.pos, f"名单中的一项应写成 {{organ: 单位全称, file: 报告文件}}，"
                            f"这里是{describe(item)}")
        return None
    check_keys(ctx, item, ENTRY_KEYS, {"organ"}, "名单中的一项")
    organ_node, file_node = item.get("organ"), item.get("file")
    organ = read_text(ctx, organ_node, "单位全称") if organ_node is not None else None
    file = read_text(ctx, file_node, "报告文件") if file_node is not None else None
    if organ is None:
        return None
    return Expected(organ.value, base / file.value if file else None,
                    file.value if file else None, item.pos)


@dataclass(frozen=True)
class Matching:
    """Which report answers which registry entry."""

    matched: dict[int, Expected]  # index of the report → its entry
    missing: list[Expected]
    unexpected: list[int]  # indexes of reports no entry names
    renamed: list[tuple[int, Expected]]  # matched by file, but the report names another organ


def match(reports: Sequence[tuple[Path, Report | None]], expected: Sequence[Expected]) -> Matching:
    """Match reports (path, report or None when unreadable) to the registry's entries."""
    by_file = {e.file.resolve(): e for e in expected if e.file is not None}
    by_organ = {e.organ: e for e in expected}
    matched: dict[int, Expected] = {}
    renamed = []
    taken: set[str] = set()
    for i, (path, report) in enumerate(reports):
        organ = report.organ.value if report is not None and report.organ else None
        entry = by_file.get(path.resolve())
        if entry is not None and organ is not None and organ != entry.organ:
            renamed.append((i, entry))
        if entry is None and organ is not None:
            entry = by_organ.get(organ)
        if entry is not None and entry.organ not in taken:
            matched[i] = entry
            taken.add(entry.organ)
    missing = [e for e in expected if e.organ not in taken]
    unexpected = [i for i in range(len(reports)) if i not in matched]
    return Matching(matched, missing, unexpected, renamed)


def similar(organ: str, candidates: Sequence[str]) -> str | None:
    """The candidate organ most like `organ` (a renamed or mistyped unit), if any is close."""
    close = difflib.get_close_matches(organ, list(candidates), n=1, cutoff=0.7)
    return close[0] if close else None
