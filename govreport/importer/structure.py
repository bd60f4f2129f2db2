"""From paragraphs and tables to a report: title, preface, sections, tables, sign-off.

The published text is read the way a clerk reads it: the title lines at the top, the lead
paragraphs before 一、, the sections by their numbers 一、二、…, inside them the sub-headings
and run-in leads by their numbers （一） 1. （1） (removed, since govreport numbers them), the
tables by their labels, the sign-off as the right-aligned organ and date at the end. The
format is the one whose tables the published tables match best; the year decides only when
there are none.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from govreport.formats import (
    FormatDef,
    MatrixTable,
    RecordTable,
    StatsTable,
    common,
    format_ids,
    get_format,
)
from govreport.importer import imported as im
from govreport.importer.match import TableMatch, match_format
from govreport.importer.source import (
    ATTACHMENT_LABEL,
    ATTACHMENT_NOTE,
    DATE,
    HEADING,
    SIGNOFF,
    TABLE_TITLE,
    TITLE,
    ImportFailure,
    SourceDocument,
    SourceParagraph,
    SourceTable,
    cell_where,
)
from govreport.importer.stats import read_stats
from govreport.importer.text import (
    ARABIC,
    PAREN_ARABIC,
    PAREN_CN,
    SECTION,
    CellReading,
    canonical,
    leading_number,
    parse_date,
    read_number,
    title_year,
)
from govreport.numbering import number_label

_SENTENCE_END = re.compile(r"[。！？：:]")
_MIN_FORMAT_SCORE = 0.5
_SECTION_HEADING_MAX = 40
_ATTACHMENT_LABEL = re.compile(r"^附\s*(件|表)\s*\d*\s*[:：]?$")
_ATTACHMENT_NOTE = re.compile(r"^附\s*(件|表)\s*\d*\s*[:：]\s*\S")
_STATS_PERIOD = re.compile(r"统计期限.{0,6}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
# An organ name ends with the kind of organ it is; a title may name only the place (澜州市).
_ORGAN_KINDS = ("政府", "局", "委员会", "管委会", "办公室", "办公厅", "办事处", "厅", "委", "中心",
                "院", "署", "部", "所", "站", "会", "队", "处")
_SUB_KINDS = (PAREN_CN, ARABIC, PAREN_ARABIC)


@dataclass
class _Part:
    """A stretch of the source between two section headings."""

    heading: SourceParagraph | None
    blocks: list[SourceParagraph | SourceTable]


def analyse(doc: SourceDocument) -> im.ImportedReport:
    """The report a published document holds, with notes on whatever was uncertain."""
    blocks = list(doc.blocks)
    _mark_table_titles(blocks)
    title_lines, start = _title(blocks)
    body_end, signoff_at, attachment = _tail(blocks, start)
    heads = _section_heads(blocks, start, body_end)
    parts = _parts(blocks, start, body_end, heads)
    preface = parts.pop(0)
    tables = [b for part in parts for b in part.blocks if isinstance(b, SourceTable)]
    tables += [b for b in preface.blocks if isinstance(b, SourceTable)]
    year, year_note = _year(title_lines, doc, preface, blocks, signoff_at)
    fmt, matches = _choose_format(tables + [b for b in attachment if isinstance(b, SourceTable)],
                                  year)
    titled = any("报告" in p.text for p in title_lines) or "报告" in (doc.title_hint or "")
    if not heads and not titled and not any(m.score for m in matches):
        raise ImportFailure(f"{doc.name} 中没有找到年度报告的样子：没有“……年度报告”的标题、"
                            "“一、”“二、”这样的章节，也没有格式中的统计表；请确认选对了文件")
    report = im.ImportedReport(doc.name, doc.kind, fmt.id, year=year)
    if not heads:
        report.header_notes.append(im.Note(
            "原文中没有找到“一、”“二、”这样编号的章节标题：全部文字作为引言（preface）读入，"
            "请按章节整理", "全文"))
    if year_note is not None:
        report.note("year", *year_note)
    report.preface = _blocks([b for b in preface.blocks if isinstance(b, SourceParagraph)], fmt,
                             report, "preface")
    if fmt.free_sections:
        report.sections = _free_sections(parts, fmt, report)
        report.stats = _legacy_stats(parts, attachment, report)
    else:
        report.sections = _fixed_sections(parts, fmt, report)
        for m in matches:
            report.tables[m.table.key] = _table(m)
    report.signoff = _signoff(blocks, signoff_at)
    if report.signoff is None:
        _doubtful_date(blocks, body_end, report)
    _organ_and_title(report, title_lines, doc)
    return report


# --- the frame: title, tail, sections ---------------------------------------------------------

def _is_title(p: SourceParagraph, first: bool) -> bool:
    if leading_number(p.text) is not None:
        return False
    if p.role == TITLE or p.large:
        return True
    if first and "年度报告" in p.text and len(p.text) <= 60 and "。" not in p.text:
        return True  # a title set no larger than the text (a web page, a plain PDF)
    return first and p.align == "center" and (p.emphasized or "报告" in p.text)


def _title(blocks: list) -> tuple[list[SourceParagraph], int]:
    lines: list[SourceParagraph] = []
    i = 0
    while i < len(blocks) and isinstance(blocks[i], SourceParagraph) and len(lines) < 4 \
            and _is_title(blocks[i], not lines or lines[-1].role != TITLE):
        lines.append(blocks[i])
        i += 1
    return lines, i


def _mark_table_titles(blocks: list) -> None:
    """A centred line right above a table is its title, not text of the section."""
    for i in range(1, len(blocks)):
        prev = blocks[i - 1]
        if isinstance(blocks[i], SourceTable) and isinstance(prev, SourceParagraph) \
                and prev.role is None and prev.align == "center" and len(prev.text) <= 60 \
                and leading_number(prev.text) is None:
            prev.role = TABLE_TITLE


def _tail(blocks: list, start: int) -> tuple[int, tuple[int | None, int | None], list]:
    """Where the body ends, the sign-off's (organ, date) indices, and the attachment after it."""
    attach_at = len(blocks)
    for i in range(start, len(blocks)):
        b = blocks[i]
        if isinstance(b, SourceParagraph) and (b.role == ATTACHMENT_LABEL
                                               or _ATTACHMENT_LABEL.match(b.text)) \
                and any(isinstance(x, SourceTable) for x in blocks[i + 1:i + 6]):
            attach_at = i  # 附件, its title, then the table it attaches
            break
    date_at = None
    for i in range(attach_at - 1, start - 1, -1):
        b = blocks[i]
        if isinstance(b, SourceTable):
            break
        if parse_date(b.text) is not None and (b.role == DATE or b.align in ("right", "center")
                                               or i >= attach_at - 2):
            date_at = i
            break
        if i < attach_at - 3:
            break
    organ_at = None
    if date_at is not None and date_at > start:
        prev = blocks[date_at - 1]
        if isinstance(prev, SourceParagraph) and _signoff_like(prev):
            organ_at = date_at - 1
    if date_at is None:  # no whole date: a right-aligned organ and date line still end the body
        end = attach_at
        while end > start and isinstance(blocks[end - 1], SourceParagraph) and \
                blocks[end - 1].align == "right" and _signoff_like(blocks[end - 1]):
            end -= 1
    else:
        end = organ_at if organ_at is not None else date_at
    attachment = blocks[attach_at:] if attach_at < len(blocks) else []
    if date_at is not None:
        attachment = blocks[date_at + 1:]
    return end, (organ_at, date_at), attachment


def _signoff_like(p: SourceParagraph) -> bool:
    return leading_number(p.text) is None and (
        p.role in (SIGNOFF, DATE) or p.align in ("right", "center")
        or (len(p.text) <= _SECTION_HEADING_MAX and "。" not in p.text))


def _section_heads(blocks: list, start: int, end: int) -> list[int]:
    heads: list[int] = []
    expected = 1
    for i in range(start, end):
        b = blocks[i]
        if not isinstance(b, SourceParagraph):
            continue
        n = leading_number(b.text)
        if n is None or n.kind != SECTION or n.value < expected:
            continue
        rest = b.text[n.length:].strip()
        if not rest:
            continue
        styled = b.role == HEADING or b.emphasized or b.level == 0
        plain = len(rest) <= _SECTION_HEADING_MAX and "。" not in rest.rstrip("。")
        # A heading set as one may skip numbers (a part left out); plain text must not.
        if (styled and plain) or (plain and n.value <= expected + 1) or \
                (styled and n.value <= expected + 1):
            heads.append(i)
            expected = n.value + 1
    return heads


def _parts(blocks: list, start: int, end: int, heads: list[int]) -> list[_Part]:
    bounds = [start, *heads, end]
    parts = [_Part(None, list(blocks[start:bounds[1]]))]
    for k, h in enumerate(heads):
        parts.append(_Part(blocks[h], list(blocks[h + 1:bounds[k + 2]])))
    return parts


# --- format and year --------------------------------------------------------------------------

def _choose_format(tables: list[SourceTable], year: int | None
                   ) -> tuple[FormatDef, list[TableMatch]]:
    """The gov format whose tables the published ones fit best; else the year's format."""
    best: tuple[float, int, FormatDef, list[TableMatch]] | None = None
    by_year = None
    for fid in format_ids():
        fmt = get_format(fid)
        if year is not None and fmt.years[0] <= year <= fmt.years[1]:
            by_year = fmt
        if fmt.free_sections:
            continue
        score, matches = match_format(fmt, tables)
        fits_year = int(year is not None and fmt.years[0] <= year <= fmt.years[1])
        if best is None or (score, fits_year) > (best[0], best[1]):
            best = (score, fits_year, fmt, matches)
    if best is not None and best[0] >= _MIN_FORMAT_SCORE:
        return best[2], best[3]
    fmt = by_year or get_format(format_ids()[0])
    if fmt.free_sections:
        return fmt, []
    return fmt, match_format(fmt, tables)[1]


def _year(title: list[SourceParagraph], doc: SourceDocument, preface: _Part, blocks: list,
          signoff_at: tuple[int | None, int | None]) -> tuple[int | None, tuple[str, str] | None]:
    text = "".join(p.text for p in title) or doc.title_hint or ""
    found = title_year(text)
    if found is not None:
        return found[0], None
    for b in preface.blocks:
        if isinstance(b, SourceParagraph) and (m := _STATS_PERIOD.search(b.text)):
            return int(m.group(1)), (f"标题中没有年度，按引言中的统计期限读作 {m.group(1)} 年",
                                     b.where)
    date_at = signoff_at[1]
    if date_at is not None and (date := parse_date(blocks[date_at].text)) is not None:
        return date.year - 1, (f"原文没有写明报告年度，按成文日期（{date.year}年）的上一年读入，请核实",
                               blocks[date_at].where)
    return None, ("原文中找不到报告年度（标题、引言、落款日期都没有），请填写", "全文")


# --- narrative ----------------------------------------------------------------------------------

@dataclass
class _Item:
    para: SourceParagraph
    depth: int | None  # None: an unnumbered paragraph
    number: int = 0
    length: int = 0  # of the number, in para.text
    restyled: str | None = None  # govreport numbers this level otherwise: how it will print


def _blocks(paras: list[SourceParagraph], fmt: FormatDef, report: im.ImportedReport,
            key: str) -> list[im.Block]:
    """Paragraphs into blocks: numbered ones become sub-headings and run-in leads."""
    levels = len(fmt.numbering)
    expected = [_kind_of(pattern) for pattern in fmt.numbering]
    noted: set[tuple[int, str]] = set()
    items: list[_Item] = []
    stack: list[str] = []
    for p in paras:
        n = leading_number(p.text)
        if n is None or n.kind not in _SUB_KINDS or not p.text[n.length:].strip():
            items.append(_Item(p, None))
            continue
        if n.kind in stack:
            depth = stack.index(n.kind)
            del stack[depth + 1:]
        else:
            stack.append(n.kind)
            depth = len(stack) - 1
        if depth >= levels:
            report.note(key, f"“{p.text[:n.length]}”一级的小标题超出本格式的 {levels} 级，"
                             "按普通段落读入（保留原序号）", p.where)
            items.append(_Item(p, None))
            stack.pop()
            continue
        item = _Item(p, depth, n.value, n.length)
        if n.kind != expected[depth] and (depth, n.kind) not in noted:
            noted.add((depth, n.kind))  # once for the level, not at every item
            item.restyled = number_label(fmt.numbering[depth], n.value)
        items.append(item)
    blocks, _ = _tree(items, 0, 0, fmt, report, key)
    return blocks


def _kind_of(pattern: str) -> str | None:
    """The kind of number a numbering pattern of a format prints (（{cn}） → （一）)."""
    found = leading_number(number_label(pattern, 1) + "文")
    return found.kind if found else None


def _tree(items: list[_Item], i: int, depth: int, fmt: FormatDef, report: im.ImportedReport,
          key: str) -> tuple[list[im.Block], int]:
    out: list[im.Block] = []
    expected = 1
    while i < len(items):
        item = items[i]
        if item.depth is None:
            out.append(im.Para(item.para.text))
            i += 1
            continue
        if item.depth < depth:
            break
        p = item.para
        notes = []
        if item.number != expected:
            shown = p.text[:item.length].strip()
            notes.append(im.Note(f"原文序号“{shown}”不连续，govreport 重新编号为第 {expected} 项",
                                 p.where))
        if item.depth > depth:
            shown = p.text[:item.length].strip()
            notes.append(im.Note(f"原文“{shown}”上面缺少上一级小标题，按本级编号", p.where))
        if item.restyled is not None:
            shown = p.text[:item.length].strip()
            notes.append(im.Note(f"原文这一级的序号写作“{shown}”，govreport 按本格式的层级印为"
                                 f"“{item.restyled}”", p.where))
        expected += 1
        has_body = i + 1 < len(items) and (items[i + 1].depth is None
                                           or items[i + 1].depth > item.depth)
        text = p.text[item.length:].strip()
        block = _numbered(p, text, item.length, has_body)
        block.notes.extend(notes)
        if isinstance(block, im.HeadingBlock):
            block.body, i = _tree(items, i + 1, item.depth + 1, fmt, report, key)
            if not block.body:
                out.append(im.LeadBlock(block.heading, None, block.notes))
                continue
        else:
            i += 1
        out.append(block)
    return out, i


def _numbered(p: SourceParagraph, text: str, number_length: int,
              has_body: bool) -> im.HeadingBlock | im.LeadBlock:
    """A numbered paragraph: a sub-heading on its own line, or a run-in lead and its text."""
    if p.role == HEADING:
        return im.HeadingBlock(text, []) if has_body else im.LeadBlock(text, None)
    if p.lead_end is not None and number_length < p.lead_end < len(p.text):
        lead = p.text[number_length:p.lead_end].strip()
        rest = p.text[p.lead_end:].strip()
        if lead and rest:
            return im.LeadBlock(lead, rest)
    if p.emphasized:
        return im.HeadingBlock(text, []) if has_body else im.LeadBlock(text, None)
    # The same font for lead and text (1. and （1） are set in 仿宋 like the text): a run-in
    # lead is the first sentence; printed alike either way.
    m = _SENTENCE_END.search(text)
    if m is not None and m.end() < len(text):
        return im.LeadBlock(text[:m.end()], text[m.end():].strip())
    return im.HeadingBlock(text, []) if has_body else im.LeadBlock(text, None)


def _section_text(part: _Part, report: im.ImportedReport, key: str,
                  has_table: bool) -> list[SourceParagraph]:
    """A section's paragraphs; text printed after its table is moved before it (the layout
    prints a section's text, then its table)."""
    paras: list[SourceParagraph] = []
    after_table = False
    for b in part.blocks:
        if isinstance(b, SourceTable):
            after_table = True
            continue
        if b.role == TABLE_TITLE:
            continue
        if after_table and has_table:
            report.note(key, "原文这段文字在表格之后，导入后印在表格之前", b.where)
        paras.append(b)
    return paras


def _fixed_sections(parts: list[_Part], fmt: FormatDef,
                    report: im.ImportedReport) -> list[im.Section]:
    assert fmt.sections is not None
    defs = list(fmt.sections)
    assigned: dict[str, im.Section] = {}
    extra: list[tuple[_Part, str]] = []
    for part in parts:
        assert part.heading is not None
        n = leading_number(part.heading.text)
        assert n is not None
        heading = part.heading.text[n.length:].strip()
        key = _section_key(heading, n.value, defs, assigned)
        if key is None:
            extra.append((part, heading))
            continue
        sdef = next(s for s in defs if s.key == key)
        section = im.Section(key, sdef.heading, [])
        if canonical(heading) != canonical(sdef.heading):
            label = fmt.section_label(defs.index(sdef), sdef.heading)
            section.notes.append(im.Note(f"原文标题为“{part.heading.text}”，本格式的标题固定为“{label}”",
                                         part.heading.where))
        paras = _section_text(part, report, key, sdef.table is not None)
        section.body = _blocks(paras, fmt, report, key)
        assigned[key] = section
    for part, heading in extra:
        other = assigned.setdefault("other", im.Section("other", defs[-1].heading, []))
        body = _blocks(_section_text(part, report, "other", False), fmt, report, "other")
        other.body.append(im.HeadingBlock(heading, body or [im.Para("无。")], [im.Note(
            f"原文多出的一部分“{part.heading.text}”，作为“{defs[-1].heading}”下的小标题读入",
            part.heading.where)]))
    out = []
    for i, sdef in enumerate(defs):
        section = assigned.get(sdef.key)
        if section is None:
            section = im.Section(sdef.key, sdef.heading, [])
            if sdef.required:
                label = fmt.section_label(i, sdef.heading)
                section.notes.append(im.Note(f"原文中没有“{label}”这一部分，请填写", "全文"))
        out.append(section)
    return out


def _section_key(heading: str, number: int, defs: list, taken: dict) -> str | None:
    def similarity(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, canonical(a), canonical(b)).ratio()

    if 1 <= number <= len(defs) and defs[number - 1].key not in taken and \
            similarity(heading, defs[number - 1].heading) >= 0.5:
        return defs[number - 1].key
    scored = sorted(((similarity(heading, s.heading), s.key) for s in defs if s.key not in taken),
                    reverse=True)
    if scored and scored[0][0] >= 0.5:
        return scored[0][1]
    if 1 <= number <= len(defs) and defs[number - 1].key not in taken:
        return defs[number - 1].key
    return None


def _free_sections(parts: list[_Part], fmt: FormatDef,
                   report: im.ImportedReport) -> list[im.Section]:
    out = []
    for part in parts:
        assert part.heading is not None
        n = leading_number(part.heading.text)
        assert n is not None
        heading = part.heading.text[n.length:].strip()
        paras = [b for b in part.blocks if isinstance(b, SourceParagraph)
                 and b.role not in (TABLE_TITLE, ATTACHMENT_NOTE)
                 and not _ATTACHMENT_NOTE.match(b.text)]
        out.append(im.Section(None, heading, _blocks(paras, fmt, report, "sections")))
    return out


# --- tables ------------------------------------------------------------------------------------

def _table(m: TableMatch) -> im.Table:
    """A format's table from the published cells matched to it."""
    ftable = m.table
    table = im.Table(ftable.key)
    if not m.sources:
        table.notes.append(im.Note(f"原文中没有找到“{ftable.definition.title}”表，请填写", "全文"))
    allow_na = ftable.definition.not_applicable
    where_table = m.sources[0].where if m.sources else "全文"
    for slot in ftable.slots:
        found = m.found.get(slot.path)
        if found is None:
            if not slot.computed and m.sources:
                label = _slot_label(ftable.definition, slot.path)
                table.values[slot.path] = im.Value(
                    CellReading(None, f"原表中没有找到“{label}”这一格，请填写"), where_table)
            elif not slot.computed:
                table.values[slot.path] = im.Value(CellReading(None), where_table)
            continue
        reading = read_number(found.cell.text, slot.kind, allow_na)
        if slot.computed and reading.scalar is None:
            reading = CellReading(None, "原表的这一格为空，没有写入（总计由 govreport 计算）")
        rivals = [r.text for r in found.rivals if r.text.strip() != found.cell.text.strip()]
        if rivals:
            shown = "、".join(f"“{t}”" for t in [found.cell.text, *rivals])
            reading = CellReading(reading.scalar, f"同一格的标签下有几个不同的数：{shown}，按第一个读入")
        table.values[slot.path] = im.Value(reading, found.where)
    for v in m.variants:
        table.notes.append(im.Note(f"表中的“{v.published}”与格式的“{v.official}”写法不同，"
                                   f"按“{v.official}”读入", v.where))
    for source, cell in m.unmatched:
        table.notes.append(im.Note(f"表中的“{cell.text}”不属于本格式的任何一格，没有导入",
                                   cell.where or cell_where(source.where, cell.row, cell.col)))
    return table


def _slot_label(definition: RecordTable | MatrixTable, path: str) -> str:
    if isinstance(definition, RecordTable):
        for item in definition.items:
            for f in item.fields:
                if f.path == path:
                    return f"{item.label}·{f.label}" if not item.scalar else item.label
        return path
    row_path, _, col = path.rpartition(".")
    row = definition.row(row_path)
    column = next((c.label for c in definition.all_columns if c.key == col), col)
    return f"{row.full_label}·{column}"


def _legacy_stats(parts: list[_Part], attachment: list,
                  report: im.ImportedReport) -> im.Stats | None:
    """A legacy report's statistics table: after the last section or as the attachment."""
    candidates: list[tuple[SourceTable, str | None, bool]] = []
    for part in parts:
        previous: SourceParagraph | None = None
        for b in part.blocks:
            if isinstance(b, SourceTable):
                title = b.title or (previous.text if previous is not None and (
                    previous.role == TABLE_TITLE or previous.align == "center") else None)
                candidates.append((b, title, False))
            else:
                previous = b
    lines: list[str] = []  # the attachment's title, in as many lines as it was printed
    for b in attachment:
        if isinstance(b, SourceTable):
            candidates.append((b, b.title or "".join(lines) or _attachment_note_title(parts),
                               True))
            lines = []
        elif b.role != ATTACHMENT_LABEL and not _ATTACHMENT_LABEL.match(b.text):
            lines.append(b.text)
    if not candidates:
        return None
    table, title, attached = candidates[0]
    for other, _, _ in candidates[1:]:
        report.note("tables", "原文有不止一张统计表，只导入了第一张；这张表没有导入", other.where)
    default_title = get_format("legacy").tables["stats"].title
    stats = read_stats(table, title if title != default_title else None, attached,
                       _stats_definition())
    return stats


def _attachment_note_title(parts: list[_Part]) -> str | None:
    """The title the 附件说明 under the body names (附件：某某统计表)."""
    for part in reversed(parts):
        for b in part.blocks:
            if isinstance(b, SourceParagraph) and (b.role == ATTACHMENT_NOTE
                                                   or _ATTACHMENT_NOTE.match(b.text)):
                return re.sub(r"^附\s*(件|表)\s*\d*\s*[:：]\s*", "", b.text) or None
    return None


def _stats_definition() -> StatsTable:
    table = get_format("legacy").tables["stats"]
    assert isinstance(table, StatsTable)
    return table


# --- sign-off, organ, title --------------------------------------------------------------------

def _signoff(blocks: list, at: tuple[int | None, int | None]) -> im.Signoff | None:
    organ_at, date_at = at
    if date_at is None:
        return None
    date = parse_date(blocks[date_at].text)
    organ = blocks[organ_at].text if organ_at is not None else None
    return im.Signoff(organ, date)


_DATE_LIKE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{0,6}月")


def _doubtful_date(blocks: list, end: int, report: im.ImportedReport) -> None:
    """Right-aligned lines after the text that look like a sign-off whose date is not a
    whole date (2025年1月): they are not text, and they are not a sign-off either."""
    tail = [b for b in blocks[end:] if isinstance(b, SourceParagraph)
            and b.role != ATTACHMENT_LABEL and not _ATTACHMENT_LABEL.match(b.text)][:2]
    if tail and any(_DATE_LIKE.search(b.text) for b in tail):
        shown = " ".join(b.text for b in tail)
        report.note("signoff", f"落款“{shown}”中的日期不完整（应有年、月、日），没有导入，请填写",
                    tail[-1].where)


def _organ_and_title(report: im.ImportedReport, lines: list[SourceParagraph],
                     doc: SourceDocument) -> None:
    texts = [p.text for p in lines] or ([doc.title_hint] if doc.title_hint else [])
    joined = "".join(texts)
    from_title = None
    found = title_year(joined)
    if found is not None:
        _, start, end = found
        compact = re.sub(r"\s+", "", joined)
        from_title = compact[:start].strip() or None
        if from_title is None:  # 2024年某某局政府信息公开工作年度报告
            rest = compact[end:]
            cut = rest.find("政府信息公开")
            from_title = rest[:cut].strip() if cut > 0 else None
    signed = report.signoff.organ if report.signoff else None
    if from_title and signed and signed != from_title and signed.startswith(from_title) \
            and not from_title.endswith(_ORGAN_KINDS):
        report.organ = signed  # the title names the place only: 澜州市 / 澜州市人民政府
    else:
        report.organ = from_title or signed
    if report.organ is None:
        report.note("organ", "原文中找不到发布机关（标题和落款都没有），请填写",
                    lines[0].where if lines else "全文")
    elif not from_title:
        report.note("organ", "标题中没有发布机关，按落款读入，请核实",
                    lines[0].where if lines else "落款")
    if report.signoff is not None and report.signoff.organ == report.organ:
        report.signoff.organ = None
    report.title = _title_value(texts, report.organ, report.year)
    if not texts:
        report.note("title", "原文中没有找到标题，将使用默认标题", "全文")


def _title_value(lines: list[str], organ: str | None, year: int | None
                 ) -> str | list[str] | None:
    """The title as the input writes it: nothing when govreport prints the same by default,
    one string when its line breaks are the ones govreport makes, else one item per line."""
    from govreport.layout.build import TITLE_CHARS_PER_LINE
    from govreport.layout.titlebreak import title_lines

    if not lines:
        return None
    joined = "".join(lines)
    if organ and year is not None:
        default = str(common()["default_title"]).format(organ=organ, year=year)
        if joined == default and title_lines(default, TITLE_CHARS_PER_LINE, organ) == lines:
            return None
    if len(lines) == 1 or title_lines(joined, TITLE_CHARS_PER_LINE, organ) == lines:
        return joined
    return list(lines)
