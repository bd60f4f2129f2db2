"""Printing a `Comparison`: an aligned text table, CSV for Excel, or JSON for scripts.

- table: plain text, one line per statistic, columns aligned by display width (a Chinese
  character takes two columns in a terminal). Long row labels are shortened with “…”; the
  CSV and JSON forms always carry them in full.
- csv: a header row, then one row per statistic, UTF-8 with a byte-order mark and CRLF line
  ends. Excel on a Chinese Windows opens a CSV without a BOM as GBK and shows mojibake; with
  the BOM it reads UTF-8. GB18030 would open too but cannot be read by most other tools, and
  UTF-8 is what every script expects (they skip or strip the BOM: `encoding="utf-8-sig"`).
- json: `{"old": {...}, "new": {...}, "flag_rule": {...}, "tables": [{"key", "title",
  "stats": [...]}]}` with numbers as numbers, 不适用 as the string "不适用", and a cell a report
  does not have as null.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from govreport.formats import not_applicable_word
from govreport.history.statdiff import FLAG_DOWN, FLAG_MIN, FLAG_UP, Comparison, Stat
from govreport.model import Cell, NotApplicable, Report, cell_text, format_number
from govreport.textcols import display_width, pad

STYLES = ("table", "csv", "json")
"""How `govreport diff` prints its comparison (its `--format`): not a report format."""
LABEL_WIDTH = 40
"""Display columns for the row label in the text table (20 Chinese characters)."""


def render(comparison: Comparison, style: str) -> str:
    """The comparison as text in `style` (one of `STYLES`); csv text starts with a BOM."""
    if style == "csv":
        return "\ufeff" + as_csv(comparison)
    if style == "json":
        return json.dumps(as_json(comparison), ensure_ascii=False, indent=2) + "\n"
    return as_table(comparison)


def _fit(text: str, cols: int) -> str:
    if display_width(text) <= cols:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > cols - 1:
            break
        out += ch
    return out + "…"


def cell(value: Cell | None) -> str:
    """A value as the table shows it: 不适用 spelled out, a missing cell as —."""
    return cell_text(value, "—")


def signed(value: int | Decimal | None) -> str:
    if value is None:
        return "—"
    text = format_number(value)
    return text if text.startswith("-") or value == 0 else "+" + text


def percent(value: Decimal | None, plus: bool = True) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}%"
    return "+" + text if plus and value > 0 else text


def _heading(c: Comparison) -> str:
    def side(r: Report, label: str) -> str:
        organ = r.organ.value if r.organ else ""
        fid = r.format.id if r.format else "?"
        return f"{organ} {label}（{fid}）".strip()

    return f"{side(c.old, c.old_label)} → {side(c.new, c.new_label)}"


def as_table(c: Comparison) -> str:
    header = ["项目", "栏目", c.old_label, c.new_label, "变化", "变化率", "说明"]
    rows: list[tuple[str, list[str]]] = []  # (table title, cells)
    for t in c.tables:
        previous_row = None
        for s in t.stats:
            label = s.row if s.row != previous_row else ""
            previous_row = s.row
            rows.append((t.title, [_fit(label, LABEL_WIDTH), s.column, cell(s.old), cell(s.new),
                                   signed(s.change), percent(s.percent), "；".join(s.notes)]))
    cols = [max([display_width(header[i])] + [display_width(r[1][i]) for r in rows]) for i in range(len(header))]
    right = {2, 3, 4, 5}

    def line(cells: list[str]) -> str:
        parts = [pad(text, cols[i], i in right) for i, text in enumerate(cells)]
        return "  ".join(parts).rstrip()

    out = [_heading(c), ""]
    title = None
    for t_title, cells in rows:
        if t_title != title:
            if title is not None:
                out.append("")
            title = t_title
            out += [t_title, line(header)]
        out.append(line(cells))
    out += ["", _summary(c)]
    return "\n".join(out) + "\n"


def _summary(c: Comparison) -> str:
    stats = list(c.stats())
    changed = sum(s.changed for s in stats)
    flagged = sum(s.flag is not None for s in stats)
    return (f"共 {len(stats)} 项统计数字，{changed} 项有变化，{flagged} 项大幅变化"
            f"（超过 ×{FLAG_UP} 或不足 ×{FLAG_DOWN}，且两年中较大的数不小于 {FLAG_MIN}）。")


def as_csv(c: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["表格", "路径", "项目", "栏目", c.old_label, c.new_label, "变化", "变化率", "标记", "说明"])
    for t in c.tables:
        for s in t.stats:
            w.writerow([t.title, f"{t.key}.{s.path}", s.row, s.column, _csv_cell(s.old),
                        _csv_cell(s.new), "" if s.change is None else format_number(s.change),
                        "" if s.percent is None else percent(s.percent, plus=False),
                        s.flag or "", "；".join(s.notes)])
    return buf.getvalue()


def _csv_cell(value: Cell | None) -> str:
    return "" if value is None else cell(value)


def _json_number(value: Cell | Decimal | None) -> object:
    if value is None:
        return None
    if isinstance(value, NotApplicable):
        return not_applicable_word()
    return float(value) if isinstance(value, Decimal) else value


def _json_stat(s: Stat) -> dict[str, object]:
    return {
        "path": s.path,
        "row": s.row,
        "column": s.column,
        "old": _json_number(s.old),
        "new": _json_number(s.new),
        "change": _json_number(s.change),
        "percent": None if s.percent is None else round(float(s.percent), 2),
        "flag": s.flag,
        "notes": list(s.notes),
    }


def _json_side(r: Report, label: str) -> dict[str, object]:
    return {"file": r.name, "label": label, "organ": r.organ.value if r.organ else None,
            "year": r.year, "format": r.format.id if r.format else None}


def as_json(c: Comparison) -> dict[str, object]:
    return {
        "old": _json_side(c.old, c.old_label),
        "new": _json_side(c.new, c.new_label),
        "flag_rule": {"jump_above": float(FLAG_UP), "drop_below": float(FLAG_DOWN),
                      "min_value": FLAG_MIN},
        "tables": [{"key": t.key, "title": t.title, "stats": [_json_stat(s) for s in t.stats]}
                   for t in c.tables],
    }
