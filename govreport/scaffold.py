"""`govreport init`: a complete, commented starting file for a new report.

Every key of the chosen format is written, every count at 0, every key with a Chinese comment
giving its official label, and narrative placeholders that `check` flags (PLACEHOLDER) until
they are replaced. The text is generated from the format definitions, never kept by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from govreport.deadline import legal_deadline
from govreport.formats import (
    FormatDef,
    MatrixTable,
    RecordTable,
    RowDef,
    StatsTable,
    common,
    format_ids,
    get_format,
)
from govreport.textcols import display_width

COMMENT_COLUMN = 44


class ScaffoldError(Exception):
    """Bad `init` options (a usage error), with a Chinese message."""


@dataclass(frozen=True)
class Prefill:
    """What a scaffold knows beyond zeros and placeholders; `govreport init --from` fills it.

    `rows` and `notes` are keyed by table and row or item path (`apply.carried_over`,
    `active.normative_docs`). A row's values are YAML scalars as written (`1`, `不适用`), one
    per column or field; a note is a comment line written above its key. Narrative text is
    never pre-filled: only legacy section headings (`sections`) and the legacy statistics
    table's rows (`stats`, shaped like a format's stats scaffold: `{columns: [...], rows:
    [...]}`), which are structure, not prose. `govreport aggregate` adds the summary's `units`,
    its own name as `generator` and a summary's `preface` placeholder; `publish` (the website's
    identity, by key) is carried over from last year's report.
    """

    generator: str = "govreport init"
    preface: str | None = None
    units: tuple[str, ...] = ()
    publish: Mapping[str, str] = field(default_factory=dict)
    previous: str | None = None
    header: tuple[str, ...] = ()
    rows: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    sections: tuple[str, ...] = ()
    stats: Mapping[str, Any] | None = None


def scalar(value: Any) -> str:
    """A YAML scalar for `value`: plain when it reads back unchanged, else double-quoted."""
    text = str(value)
    if isinstance(value, str):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text:
                return text
        except yaml.YAMLError:
            pass
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, text: str, comment: str | None = None) -> None:
        if comment:
            pad = max(COMMENT_COLUMN - display_width(text), 2)
            text = f"{text}{' ' * pad}# {comment}"
        self.lines.append(text.rstrip())

    def comment(self, indent: int, text: str) -> None:
        self.lines.append(f"{' ' * indent}# {text}")

    def blank(self) -> None:
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def default_year(today: dt.date | None = None) -> int:
    """Reports are written in January about the year just ended."""
    return (today or dt.date.today()).year - 1


def format_def(format_id: str) -> FormatDef:
    """The format asked for by `--format`; a ScaffoldError listing the known ones otherwise."""
    if format_id not in format_ids():
        raise ScaffoldError(f"未知的格式“{format_id}”；可用的格式：{'、'.join(format_ids())}")
    return get_format(format_id)


def render(format_id: str, *, organ: str | None = None, year: int | None = None,
           prefill: Prefill | None = None) -> tuple[str, int]:
    """The scaffold text for a format, and the year it is for."""
    fmt = format_def(format_id)
    year = year if year is not None else default_year()
    if not 2008 <= year <= 2100:
        raise ScaffoldError(f"年度应在 2008–2100 之间，这里是 {year}")
    organ = organ or "【请填写：发布机关全称】"
    pre = prefill or Prefill()
    fields = common()["fields"]
    w = _Writer()
    w.comment(0, f"{year}年度政府信息公开工作年度报告 — 由 {pre.generator} 生成")
    w.comment(0, f"格式：{fmt.id}（{fmt.name}）")
    w.comment(0, "填写后运行 govreport check 本文件 检查数字和勾稽关系，再运行 govreport build 生成文档。")
    w.comment(0, "“【请填写】”处是占位文字，检查时会提示，请全部替换。序号（一、（一）1.）自动生成，不要手写。")
    for line in pre.header:
        w.comment(0, line)
    w.blank()
    w.line(f"format: {fmt.id}", f"{fields['format']['title']}")
    w.line(f"organ: {scalar(organ)}", f"{fields['organ']['title']}：{fields['organ']['description']}")
    w.line(f"year: {year}", f"{fields['year']['title']}")
    w.comment(0, f"title: …  # {fields['title']['title']}：{fields['title']['description']}")
    previous = f"{fields['previous']['title']}：{fields['previous']['description']}"
    if pre.previous is None:
        w.comment(0, f"previous: …  # {previous}")
    else:
        w.line(f"previous: {scalar(pre.previous)}", previous)
    if pre.units:
        w.line("units:", f"{fields['units']['title']}：{fields['units']['description']}")
        for unit in pre.units:
            w.line(f"  - {scalar(unit)}")
    _publish(w, pre.publish)
    w.blank()
    w.line("preface: |", f"{fields['preface']['title']}：{fields['preface']['description']}")
    preface = pre.preface if pre.preface is not None else str(common()["scaffold_preface"])
    for paragraph in preface.format(year=year).strip().split("\n"):
        w.line(f"  {paragraph}")
    w.blank()
    if fmt.free_sections:
        _free_sections(w, fmt, pre)
    else:
        _fixed_sections(w, fmt)
    w.blank()
    _tables(w, fmt, pre)
    w.blank()
    signoff = common()["signoff"]
    w.line("signoff:", f"{fields['signoff']['title']}：{fields['signoff']['description']}")
    w.line(f"  organ: {scalar(organ)}", f"{signoff['organ']['title']}：{signoff['organ']['description']}")
    w.line(f"  date: {year + 1}-01-20", f"{signoff['date']['title']}：请改为实际日期")
    due = legal_deadline(organ, year).date
    w.comment(0, f"deadline: {due.isoformat()}  # {fields['deadline']['title']}："
                 f"{fields['deadline']['description']}")
    return w.text(), year


def _publish(w: _Writer, publish: Mapping[str, str]) -> None:
    """The website block: as carried over, or one commented line that shows its keys."""
    title = f"{common()['fields']['publish']['title']}：{common()['fields']['publish']['description']}"
    spec = common()["publish"]
    if not publish:
        keys = ", ".join(f"{k}: …" for k in spec)
        w.comment(0, f"publish: {{{keys}}}  # {title}")
        return
    w.line("publish:", title)
    for key in spec:
        if key in publish:
            w.line(f"  {key}: {scalar(publish[key])}", spec[key]["title"])


def _content(w: _Writer, indent: int, content: Any) -> None:
    pad = " " * indent
    if isinstance(content, str):
        w.line(f"{pad}- {scalar(content)}")
        return
    for block in content:
        if isinstance(block, str):
            w.line(f"{pad}- {scalar(block)}")
        elif "heading" in block:
            w.line(f"{pad}- heading: {scalar(block['heading'])}")
            w.line(f"{pad}  body: {scalar(block['body'])}")
        else:
            w.line(f"{pad}- lead: {scalar(block['lead'])}")
            w.line(f"{pad}  text: {scalar(block['text'])}")


def _fixed_sections(w: _Writer, fmt: FormatDef) -> None:
    assert fmt.sections is not None
    w.line("sections:", common()["fields"]["sections"]["title"])
    for i, s in enumerate(fmt.sections):
        label = fmt.section_label(i, s.heading)
        w.line(f"  {s.key}:", f"{label}：{s.description}")
        if s.scaffold is not None:
            _content(w, 4, s.scaffold)


def _free_sections(w: _Writer, fmt: FormatDef, pre: Prefill) -> None:
    spec = common()["legacy_section"]
    w.line("sections:", f"{common()['fields']['sections']['title']}：{spec['description']}")
    sections = list(fmt.scaffold_sections)
    if pre.sections:
        stats = pre.stats if pre.stats is not None else fmt.tables["stats"].scaffold
        bodies = {s["heading"]: s["body"] for s in fmt.scaffold_sections
                  if _names_rows_of(s["body"], stats)}
        marker = common()["placeholder_marker"]
        sections = [{"heading": h, "body": bodies.get(h, f"{marker}：本年度{h}的实际情况】")}
                    for h in pre.sections]
    for s in sections:
        w.line(f"  - heading: {scalar(s['heading'])}")
        w.line("    body:")
        _content(w, 6, s["body"])


def _names_rows_of(body: Any, stats: Mapping[str, Any]) -> bool:
    """Whether every reference of a scaffold body names a row of the statistics table written
    (last year's rows, for `init --from`): a body whose reference would be unknown is not used."""
    from govreport.figures import STATS
    from govreport.reader.references import references

    columns = [str(c) for c in stats.get("columns", ())]
    labels = {str(r["label"]) for r in stats.get("rows", ()) if "label" in r}
    names = labels if len(columns) == 1 else {f"{label}.{c}" for label in labels for c in columns}
    texts = [body] if isinstance(body, str) else [str(b) for b in body]
    return all(path.startswith(f"{STATS}.") and path[len(STATS) + 1:] in names
               for text in texts for path in references(text))


def _tables(w: _Writer, fmt: FormatDef, pre: Prefill) -> None:
    if fmt.free_sections:
        w.line("tables:", f"{common()['fields']['tables']['title']}：可选")
    else:
        w.line("tables:", common()["fields"]["tables"]["title"])
    for t in fmt.tables.values():
        w.line(f"  {t.key}:", f"{t.title}：{t.description}")
        if isinstance(t, RecordTable):
            _record(w, t, pre)
        elif isinstance(t, MatrixTable):
            _matrix(w, t, pre)
        elif isinstance(t, StatsTable):
            _stats(w, t, pre)


def _record(w: _Writer, t: RecordTable, pre: Prefill) -> None:
    for item in t.items:
        if note := pre.notes.get(f"{t.key}.{item.key}"):
            w.comment(4, note)
        given = pre.rows.get(f"{t.key}.{item.key}", ("0",) * len(item.fields))
        if item.scalar:
            f = item.fields[0]
            w.line(f"    {item.key}: {given[0]}", f"{item.label}：{f.label}")
            continue
        inner = ", ".join(f"{f.path.split('.')[-1]}: {v}" for f, v in zip(item.fields, given, strict=True))
        labels = " / ".join(f.label for f in item.fields)
        w.line(f"    {item.key}: {{{inner}}}", f"{item.label}：{labels}")


def _matrix(w: _Writer, t: MatrixTable, pre: Prefill) -> None:
    assert t.total_column is not None
    names = "、".join(c.label for c in t.columns)
    w.comment(4, f"每行依次为：{names}（可再加第 {len(t.columns) + 1} 个数作为{t.total_column.label}，会被核对）")
    zeros = "[" + ", ".join("0" for _ in t.columns) + "]"

    def rows(rs: tuple[RowDef, ...], indent: int) -> None:
        pad = " " * indent
        for r in rs:
            if note := pre.notes.get(f"{t.key}.{r.path}"):
                w.comment(indent, note)
            given = pre.rows.get(f"{t.key}.{r.path}")
            if given is not None and not r.children:
                w.line(f"{pad}{r.key}: [{', '.join(given)}]", r.label)
            elif r.children:
                w.line(f"{pad}{r.key}:", r.label)
                rows(r.children, indent + 2)
            elif r.optional:
                w.comment(indent, f"{r.key}: {zeros}  # {r.label}（可选：自动计算，填写则核对）")
            else:
                w.line(f"{pad}{r.key}: {zeros}", r.label)

    rows(t.rows, 4)


def _stats(w: _Writer, t: StatsTable, pre: Prefill) -> None:
    s = pre.stats if pre.stats is not None else t.scaffold
    w.line(f"    title: {scalar(s.get('title', t.title))}", "统计表标题")
    attachment = "true" if s.get("attachment") else "false"
    w.line(f"    attachment: {attachment}", "为 true 时作为“附件”另页印出")
    w.line(f"    columns: [{', '.join(scalar(c) for c in s['columns'])}]", "数值列的列名")
    w.line("    rows:", "各行：{label: 指标, unit: 计量单位, values: [各列数值]}，或分组行 {group: 标题}")
    for row in s["rows"]:
        if "group" in row:
            w.line(f"      - {{group: {scalar(row['group'])}}}")
        else:
            values = ", ".join(str(v) for v in row["values"])
            unit = f", unit: {scalar(row['unit'])}" if row.get("unit") else ""
            w.line(f"      - {{label: {scalar(row['label'])}{unit}, values: [{values}]}}")
