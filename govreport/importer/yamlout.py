"""Writing an imported report as an input file, the way a clerk would write it by hand.

Keys in the order of the input format, text as `|` blocks where it is plain paragraphs,
table rows as lists with the 总计 the source printed (so `check` compares it), a Chinese
comment with the official label on every table row, and a `# 导入：` comment above every key
whose value could not be read with certainty. Each such note is returned with the line and
column of its key, for the IMPORT warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govreport.formats import MatrixTable, RecordTable, RowDef, get_format
from govreport.importer import imported as im
from govreport.scaffold import _Writer
from govreport.scaffold import scalar as quoted_scalar

NOTE_PREFIX = "导入："
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW = set(",[]{}")
_RESOLVES = re.compile(r"^(?:[-+]?[\d._]+(?:e[-+]?\d+)?|~|null|true|false|yes|no|on|off|y|n|"
                       r"\.inf|\.nan|[-+]?\.inf)$", re.IGNORECASE)


@dataclass
class WrittenNote:
    line: int
    column: int
    note: im.Note


@dataclass
class Written:
    text: str
    notes: list[WrittenNote] = field(default_factory=list)


def scalar(text: str, flow: bool = False) -> str:
    """A YAML scalar for a piece of text: plain when it reads back as that text, else quoted."""
    if (text and text == text.strip() and text[0] not in _INDICATORS and ": " not in text
            and " #" not in text and not text.endswith(":") and "\t" not in text
            and not (flow and _FLOW & set(text)) and not _RESOLVES.match(text)
            and not text[0].isascii()):
        return text
    return quoted_scalar(text) if not flow or not _FLOW & set(text) else _double_quoted(text)


def _double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Out(_Writer):
    """init's commented-YAML writer, plus the notes written above keys."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[WrittenNote] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def keyed(self, indent: int, notes: list[im.Note], text: str,
              comment: str | None = None) -> None:
        """A key's line, with its notes as comments above it, recorded at the key."""
        for note in notes:
            self.comment(indent, f"{NOTE_PREFIX}{note.message}（{note.where}）")
        line_no = len(self.lines) + 1
        for note in notes:
            self.notes.append(WrittenNote(line_no, indent + 1, note))
        self.line(" " * indent + text, comment)


def write_yaml(report: im.ImportedReport) -> Written:
    out = _Out()
    out.comment(0, f"由 govreport import 从“{report.source}”（{report.kind}）导入。")
    out.comment(0, f"标有“# {NOTE_PREFIX}”的注释是没能确定读出的内容：请对照原文核实，改好后删除注释，"
                   "再运行 govreport check 检查。")
    out.comment(0, "上一年度报告（previous）、说明性注释等原文中没有的内容不会导入，需要时请补上。")
    for note in report.header_notes:
        out.notes.append(WrittenNote(len(out.lines) + 1, 1, note))
        out.comment(0, f"{NOTE_PREFIX}{note.message}（{note.where}）")
    out.blank()
    fmt = get_format(report.format)
    out.keyed(0, report.notes.get("format", []), f"format: {fmt.id}", fmt.name)
    out.keyed(0, report.notes.get("organ", []),
              f"organ: {scalar(report.organ) if report.organ else '~'}", "发布机关")
    out.keyed(0, report.notes.get("year", []),
              f"year: {report.year if report.year is not None else '~'}", "报告年度")
    title_notes = report.notes.get("title", [])
    if isinstance(report.title, str):
        out.keyed(0, title_notes, f"title: {scalar(report.title)}")
    elif isinstance(report.title, list):
        out.keyed(0, title_notes, "title:")
        for line in report.title:
            out.line(f"  - {scalar(line)}")
    elif title_notes:
        for note in title_notes:
            out.comment(0, f"{NOTE_PREFIX}{note.message}（{note.where}）")
    out.blank()
    if report.preface:
        _content(out, 0, "preface", report.preface, report.notes.get("preface", []))
        out.blank()
    _sections(out, report)
    out.blank()
    _tables(out, report)
    _signoff(out, report)
    return Written("\n".join(out.lines).rstrip("\n") + "\n", out.notes)


# --- narrative -------------------------------------------------------------------------------

def _literal_ok(blocks: list[im.Block]) -> bool:
    return all(isinstance(b, im.Para) and not b.notes and "\n" not in b.text
               and b.text == b.text.strip() for b in blocks)


def _content(out: _Out, indent: int, key: str, blocks: list[im.Block],
             notes: list[im.Note]) -> None:
    pad = " " * indent
    if blocks and _literal_ok(blocks):
        out.keyed(indent, notes, f"{key}: |")
        for i, b in enumerate(blocks):
            assert isinstance(b, im.Para)
            if i:
                out.lines.append("")
            out.lines.append(f"{pad}  {b.text}")
        return
    out.keyed(indent, notes, f"{key}:" + ("" if blocks else " ~"))
    _list(out, indent + 2, blocks)


def _list(out: _Out, indent: int, blocks: list[im.Block]) -> None:
    pad = " " * indent
    for b in blocks:
        if isinstance(b, im.Para):
            out.keyed(indent, b.notes, f"- {scalar(b.text)}")
        elif isinstance(b, im.HeadingBlock):
            out.keyed(indent, b.notes, f"- heading: {scalar(b.heading)}")
            if b.body and _literal_ok(b.body):
                out.line(f"{pad}  body: |")
                for i, p in enumerate(b.body):
                    assert isinstance(p, im.Para)
                    if i:
                        out.lines.append("")
                    out.lines.append(f"{pad}    {p.text}")
            else:
                out.line(f"{pad}  body:")
                _list(out, indent + 4, b.body)
        else:
            out.keyed(indent, b.notes, f"- lead: {scalar(b.lead)}")
            if b.text is not None:
                out.line(f"{pad}  text: {scalar(b.text)}")


def _sections(out: _Out, report: im.ImportedReport) -> None:
    out.keyed(0, report.notes.get("sections", []), "sections:", "正文")
    fmt = get_format(report.format)
    if fmt.free_sections:
        for section in report.sections:
            out.keyed(2, section.notes, f"- heading: {scalar(section.heading)}")
            if section.body:
                _content(out, 4, "body", section.body, [])
            else:
                out.keyed(4, [im.Note("这一部分没有正文，请填写", "原文")], "body: ~")
        return
    assert fmt.sections is not None
    for i, (sdef, section) in enumerate(zip(fmt.sections, report.sections, strict=True)):
        label = fmt.section_label(i, sdef.heading)
        if section.body:
            notes = section.notes + report.notes.get(section.key or "", [])
            _content(out, 2, section.key or "", section.body, notes)
        elif sdef.required or section.notes:
            out.keyed(2, section.notes, f"{sdef.key}: ~", label)


# --- tables ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _value(v: im.Value | None) -> str:
    if v is None or v.reading.scalar is None:
        return "~"
    text = v.reading.scalar
    return text if _NUMBER.match(text) else scalar(text, flow=True)


def _value_notes(values: list[tuple[str, im.Value | None]]) -> list[im.Note]:
    return [im.Note(f"{name}：{v.reading.note}" if name else v.reading.note, v.where)
            for name, v in values if v is not None and v.reading.note]


def _tables(out: _Out, report: im.ImportedReport) -> None:
    fmt = get_format(report.format)
    if fmt.free_sections:
        if report.stats is None:
            return
        out.keyed(0, report.notes.get("tables", []), "tables:", "统计表")
        _stats(out, report.stats)
        out.blank()
        return
    out.keyed(0, report.notes.get("tables", []), "tables:", "统计表")
    for key, definition in fmt.tables.items():
        table = report.tables.get(key) or im.Table(key)
        out.keyed(2, table.notes, f"{key}:", definition.title)
        if isinstance(definition, RecordTable):
            _record(out, definition, table)
        elif isinstance(definition, MatrixTable):
            _matrix(out, definition, table, definition.rows, 4)
    out.blank()


def _record(out: _Out, definition: RecordTable, table: im.Table) -> None:
    na = scalar_na()
    for item in definition.items:
        pairs = [(f.label, table.values.get(f.path)) for f in item.fields]
        notes = _value_notes([(f"“{item.label}”{name}" if not item.scalar else
                                           f"“{item.label}”", v) for name, v in pairs])
        labels = " / ".join(f.label for f in item.fields)
        comment = f"{item.label}：{labels}"
        if item.scalar:
            out.keyed(4, notes, f"{item.key}: {_value(pairs[0][1])}", comment)
            continue
        values = [_value(v) for _, v in pairs]
        if all(v == na for v in values):
            out.keyed(4, notes, f"{item.key}: {na}", comment)
            continue
        inner = ", ".join(f"{f.path.rsplit('.', 1)[-1]}: {v}"
                          for f, v in zip(item.fields, values, strict=True))
        out.keyed(4, notes, f"{item.key}: {{{inner}}}", comment)


def scalar_na() -> str:
    from govreport.formats import not_applicable_word

    return not_applicable_word()


def _matrix(out: _Out, definition: MatrixTable, table: im.Table, rows: tuple[RowDef, ...],
            indent: int) -> None:
    total = definition.total_column
    assert total is not None
    for row in rows:
        if row.children:
            out.keyed(indent, table.row_notes.get(row.path, []), f"{row.key}:", row.label)
            _matrix(out, definition, table, row.children, indent + 2)
            continue
        columns = [(c.label, table.values.get(f"{row.path}.{c.key}")) for c in definition.columns]
        given_total = table.values.get(f"{row.path}.{total.key}")
        named = [(c, v) for c, v in columns] + [(total.label, given_total)]
        notes = table.row_notes.get(row.path, []) + _value_notes(named)
        if row.sum:  # a computed row: write what the source printed, to be checked
            present = [(c.key, v) for c, (_, v) in zip(definition.all_columns, named, strict=True)
                       if v is not None and v.reading.scalar is not None]
            if not present:  # nothing to check; the notes still say where the source was blank
                if notes:
                    out.keyed(indent, notes, f"# {row.key}: （{row.label}：原表为空，由 govreport 计算）")
                continue
            if len(present) == len(named):
                text = "[" + ", ".join(_value(v) for _, v in present) + "]"
            else:
                text = "{" + ", ".join(f"{k}: {_value(v)}" for k, v in present) + "}"
            out.keyed(indent, notes, f"{row.key}: {text}", row.label)
            continue
        values = [_value(v) for _, v in columns]
        if given_total is not None and given_total.reading.scalar is not None:
            values.append(_value(given_total))
        out.keyed(indent, notes, f"{row.key}: [{', '.join(values)}]", row.label)


def _stats(out: _Out, stats: im.Stats) -> None:
    out.keyed(2, stats.notes, "stats:", "统计表")
    if stats.title:
        out.line(f"    title: {scalar(stats.title)}", "统计表标题")
    if stats.attachment:
        out.line("    attachment: true", "作为“附件”另页印出")
    if stats.columns:
        out.line("    columns: [" + ", ".join(scalar(c, flow=True) for c in stats.columns) + "]",
                 "数值列的列名")
    out.line("    rows:")
    for row in stats.rows:
        if row.group is not None:
            out.keyed(6, row.notes, f"- {{group: {scalar(row.group, flow=True)}}}")
            continue
        notes = row.notes + _value_notes([("", v) for v in row.values])
        unit = f", unit: {scalar(row.unit, flow=True)}" if row.unit else ""
        values = ", ".join(_value(v) for v in row.values)
        out.keyed(6, notes, f"- {{label: {scalar(row.label or '', flow=True)}{unit}, "
                            f"values: [{values}]}}")


def _signoff(out: _Out, report: im.ImportedReport) -> None:
    s = report.signoff
    notes = report.notes.get("signoff", []) + (s.notes if s else [])
    if s is None or s.date is None:
        if notes:
            out.keyed(0, notes, "# signoff: {organ: …, date: YYYY-MM-DD}", "落款")
        return
    out.keyed(0, notes, "signoff:", "落款")
    if s.organ:
        out.line(f"  organ: {scalar(s.organ)}", "署名机关")
    out.line(f"  date: {s.date.isoformat()}", "成文日期")
