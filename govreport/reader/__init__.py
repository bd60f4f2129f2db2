"""Reading an input file into a `Report`, collecting every problem found on the way.

The reader never stops at the first mistake: a clerk fixing a file wants the whole list. Values
that cannot be read are left out of the report, and the checks skip what is missing.
"""

from __future__ import annotations

from pathlib import Path

from govreport.findings import short
from govreport.formats import (
    FormatDef,
    MatrixTable,
    RecordTable,
    StatsTable,
    common,
    format_ids,
    get_format,
)
from govreport.model import InputSignoff, InputUnits, Report, Section, Text
from govreport.position import Pos
from govreport.reader.content import check_own_number, read_content
from govreport.reader.context import Context
from govreport.reader.keys import check_keys
from govreport.reader.publish import read_publish
from govreport.reader.references import resolve_references
from govreport.reader.tables import read_matrix, read_record, read_stats
from govreport.reader.values import describe, read_date, read_int, read_text
from govreport.source import SourceText, read_source
from govreport.yamltree import Mapping, Node, Scalar, Sequence, compose

YEAR_RANGE = (2008, 2100)


def top_level_keys() -> dict[str, str]:
    return {key: spec["title"] for key, spec in common()["fields"].items()}


def read_report(path: Path, name: str | None = None) -> Report:
    """Read and validate `path`. Raises `InputError` when the file is not usable YAML at all."""
    return read_source_report(read_source(path, name))


def read_source_report(src: SourceText) -> Report:
    """Read and validate decoded text (a file's, or text about to be written to `src.path`)."""
    doc = compose(src)
    ctx = Context(src.name, [*src.findings, *doc.findings])
    report = Report(path=src.path, name=src.name, format=None)
    _read_top(ctx, report, doc.root)
    resolve_references(ctx, report)  # once the tables are read: texts print their numbers
    report.findings = ctx.all_findings()
    return report


def _read_top(ctx: Context, report: Report, root: Node) -> None:
    if not isinstance(root, Mapping):
        ctx.error(root.pos, f"文件的最外层应为映射（format: …、organ: … 等键），这里是{describe(root)}")
        return
    for key, value in root.items:
        report.positions[key.value] = value.pos
    fmt = _read_format(ctx, root)
    report.format = fmt
    required = {"format", "organ", "year", "sections"}
    if fmt is not None and not fmt.free_sections:
        required.add("tables")
    check_keys(ctx, root, top_level_keys(), required, "文件最外层")

    if (node := root.get("organ")) is not None:
        report.organ = read_text(ctx, node, "发布机关（organ）")
    if (node := root.get("year")) is not None:
        report.year = read_int(ctx, node, "报告年度（year）", *YEAR_RANGE)
        if fmt is not None and report.year is not None:
            _check_format_year(ctx, fmt, report.year, node.pos)
    if (node := root.get("title")) is not None:
        report.title = _read_title(ctx, node)
    if (node := root.get("preface")) is not None and fmt is not None:
        report.preface = read_content(ctx, node, "引言（preface）", len(fmt.numbering))
    if (node := root.get("signoff")) is not None:
        report.signoff = _read_signoff(ctx, node)
    if (node := root.get("previous")) is not None:
        text = read_text(ctx, node, "上一年度报告（previous）")
        if text is not None:
            report.previous = (report.path.parent / text.value)
    if (node := root.get("deadline")) is not None:
        report.deadline = read_date(ctx, node, "公布期限（deadline）")
    if (node := root.get("units")) is not None:
        report.units = _read_units(ctx, node, root.key_pos("units"))
    if (node := root.get("publish")) is not None:
        report.publish = read_publish(ctx, node)
    if fmt is None:
        return
    if (node := root.get("sections")) is not None:
        if fmt.free_sections:
            report.sections = _read_free_sections(ctx, node, fmt)
        else:
            report.sections = _read_fixed_sections(ctx, node, fmt, root.key_pos("sections"))
    if (node := root.get("tables")) is not None:
        _read_tables(ctx, report, node, fmt, root.key_pos("tables"))


def _read_units(ctx: Context, node: Node, key_pos: Pos) -> InputUnits | None:
    """`units:` (v2): a non-empty list of paths or globs; they are resolved when checked."""
    if not isinstance(node, Sequence) or not node.items:
        ctx.error(node.pos, "单位报告（units）应为单位报告文件路径或通配符的非空列表，"
                            f"如 [单位/*.yaml]，这里是{describe(node)}")
        return None
    entries = [t for item in node.items if (t := read_text(ctx, item, "单位报告的路径"))]
    return InputUnits(key_pos, entries)


def _read_format(ctx: Context, root: Mapping) -> FormatDef | None:
    node = root.get("format")
    if node is None:
        return None
    ids = format_ids()
    if not isinstance(node, Scalar) or node.value not in ids:
        shown = short(node.value) if isinstance(node, Scalar) else describe(node)
        ctx.error(node.pos, f"报告格式（format）应为 {' / '.join(ids)} 之一，这里是“{shown}”")
        return None
    return get_format(node.value)


def _check_format_year(ctx: Context, fmt: FormatDef, year: int, pos: Pos) -> None:
    lo, hi = fmt.years
    if lo <= year <= hi:
        return
    fitting = [f for f in format_ids() if (y := get_format(f).years)[0] <= year <= y[1]]
    better = f"，{year} 年度报告一般使用 {fitting[0]}" if fitting else ""
    ctx.warning("FORMAT-YEAR", pos,
                f"格式 {fmt.id}（{fmt.name}）适用于 {lo}–{hi} 年度{better}；请确认没有沿用往年的格式")


def _read_title(ctx: Context, node: Node) -> list[Text]:
    if isinstance(node, Sequence):
        if not node.items:
            ctx.error(node.pos, "标题（title）不能为空列表")
        return [t for item in node.items if (t := read_text(ctx, item, "标题的一行"))]
    text = read_text(ctx, node, "标题（title）")
    return [text] if text else []


def _read_signoff(ctx: Context, node: Node) -> InputSignoff | None:
    if not isinstance(node, Mapping):
        ctx.error(node.pos, f"落款（signoff）应为映射 {{organ: …, date: …}}，这里是{describe(node)}")
        return None
    spec = common()["signoff"]
    check_keys(ctx, node, {k: v["title"] for k, v in spec.items()}, {"date"}, "signoff")
    organ_node, date_node = node.get("organ"), node.get("date")
    organ = read_text(ctx, organ_node, "署名机关") if organ_node is not None else None
    date = read_date(ctx, date_node, "成文日期（signoff.date）") if date_node is not None else None
    return InputSignoff(organ, date, date_node.pos if date_node is not None else None)


def _read_fixed_sections(ctx: Context, node: Node, fmt: FormatDef, owner: Pos) -> list[Section]:
    assert fmt.sections is not None
    if not isinstance(node, Mapping):
        keys = "、".join(s.key for s in fmt.sections)
        ctx.error(node.pos, f"正文（sections）在 {fmt.id} 格式中应为映射，键为 {keys}，"
                            f"这里是{describe(node)}")
        return []
    labels = {s.key: fmt.section_label(i, s.heading) for i, s in enumerate(fmt.sections)}
    check_keys(ctx, node, labels, {s.key for s in fmt.sections if s.required}, "sections", owner)
    levels = len(fmt.numbering)
    out = []
    for s in fmt.sections:
        value = node.get(s.key)
        heading = Text(s.heading, value.pos if value is not None else owner)
        body = []
        if value is not None and not (isinstance(value, Scalar) and value.is_null and not s.required):
            body = read_content(ctx, value, f"“{labels[s.key]}”", levels)
        out.append(Section(s.key, heading, body, s.table))
    return out


def _read_free_sections(ctx: Context, node: Node, fmt: FormatDef) -> list[Section]:
    if not isinstance(node, Sequence) or not node.items:
        ctx.error(node.pos, f"正文（sections）在 {fmt.id} 格式中应为章节列表，每项写成 "
                            f"{{heading: 章节标题, body: 内容}}，这里是{describe(node)}")
        return []
    spec = common()["legacy_section"]
    keys = {"heading": spec["heading"], "body": spec["body"]}
    out = []
    levels = len(fmt.numbering)
    for i, item in enumerate(node.items):
        if not isinstance(item, Mapping):
            ctx.error(item.pos, f"第 {i + 1} 个章节应写成 {{heading: 章节标题, body: 内容}}，"
                                f"这里是{describe(item)}")
            continue
        check_keys(ctx, item, keys, {"heading", "body"}, f"第 {i + 1} 个章节")
        heading_node, body_node = item.get("heading"), item.get("body")
        heading = read_text(ctx, heading_node, "章节标题") if heading_node is not None else None
        if heading is not None:
            check_own_number(ctx, heading, "章节标题")
        label = fmt.section_label(i, heading.value if heading else "")
        body = read_content(ctx, body_node, f"“{label}”", levels) if body_node is not None else []
        if heading is not None:
            out.append(Section(None, heading, body))
    return out


def _read_tables(ctx: Context, report: Report, node: Node, fmt: FormatDef, owner: Pos) -> None:
    if not isinstance(node, Mapping):
        ctx.error(node.pos, f"统计表（tables）应为映射，这里是{describe(node)}")
        return
    labels = {key: t.title for key, t in fmt.tables.items()}
    required = set() if fmt.free_sections else set(labels)
    check_keys(ctx, node, labels, required, "tables", owner)
    for key, table in fmt.tables.items():
        value = node.get(key)
        if value is None:
            continue
        where = f"tables.{key}"
        key_pos = node.key_pos(key)
        if isinstance(table, RecordTable):
            report.tables[key] = read_record(ctx, value, table, where, key_pos)
        elif isinstance(table, MatrixTable):
            report.tables[key] = read_matrix(ctx, value, table, where, key_pos)
        elif isinstance(table, StatsTable):
            report.stats = read_stats(ctx, value, table, where)

