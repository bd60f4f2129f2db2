"""Number references: `{{ apply.new.total }}` in any text becomes the number as the table prints it.

References are resolved once the tables are read, in the model: every later stage (checks,
layout, writers) sees the printed number, and never the reference. Each character of the number
maps back to the reference's `{{` in the file, so a finding about it (a glyph no font has, a
figure T-TEXT questions) points at the reference; the characters after it keep their own places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from govreport.figures import UnknownPath, figure, suggested_path
from govreport.findings import short
from govreport.model import (
    InputBlock,
    InputHeading,
    InputLead,
    InputParagraph,
    Report,
    StatsRow,
    Text,
    format_number,
)
from govreport.reader.context import Context

OPEN, CLOSE = "{{", "}}"
REFERENCE = re.compile(r"\{\{(.*?)\}\}", re.S)
"""A reference as written: `{{`, the path (spaces allowed), `}}`."""


def references(text: str) -> Iterator[str]:
    """The paths a text's references name, as written (without the braces and spaces)."""
    for match in REFERENCE.finditer(text):
        yield match.group(1).strip(" \t\u3000")


def resolve_references(ctx: Context, report: Report) -> None:
    """Replace every reference in the report's texts by its number; an unknown path is an
    error at its `{{`. A reference whose cell could not be read stays as written (that cell
    has its own error, and nothing is built)."""
    if report.format is None:
        return

    def resolve(text: Text) -> Text:
        return _resolve(ctx, report, text) if OPEN in text.value else text

    _rewrite(report, resolve)


def _rewrite(report: Report, resolve: Callable[[Text], Text]) -> None:
    """Put `resolve(text)` in place of every text of the report."""
    report.title = [resolve(t) for t in report.title]
    if report.organ is not None:
        report.organ = resolve(report.organ)
    _rewrite_blocks(report.preface, resolve)
    for section in report.sections:
        section.heading = resolve(section.heading)
        _rewrite_blocks(section.body, resolve)
    if report.stats is not None:
        stats = report.stats
        if stats.title is not None:
            stats.title = resolve(stats.title)
        stats.columns = [resolve(c) for c in stats.columns]
        for row in stats.rows:
            row.label = resolve(row.label)
            if isinstance(row, StatsRow) and row.unit is not None:
                row.unit = resolve(row.unit)
    if report.signoff is not None and report.signoff.organ is not None:
        report.signoff.organ = resolve(report.signoff.organ)


def _rewrite_blocks(blocks: list[InputBlock], resolve: Callable[[Text], Text]) -> None:
    for block in blocks:
        if isinstance(block, InputParagraph):
            block.text = resolve(block.text)
        elif isinstance(block, InputHeading):
            block.text = resolve(block.text)
            _rewrite_blocks(block.body, resolve)
        else:
            assert isinstance(block, InputLead)
            block.lead = resolve(block.lead)
            if block.text is not None:
                block.text = resolve(block.text)


def _resolve(ctx: Context, report: Report, text: Text) -> Text:
    value = text.value
    sources = _source_offsets(text)
    out: list[str] = []
    out_sources: list[int] = []
    at = 0
    for match in REFERENCE.finditer(value):
        start, end = match.span()
        number = _number(ctx, report, text, match.group(1), start)
        out.append(value[at:start])
        out_sources.extend(sources[at:start])
        if number is None:
            number = match.group()
            out_sources.extend(sources[start:end])
        else:
            out_sources.extend([sources[start]] * len(number))  # every digit points at `{{`
        out.append(number)
        at = end
    unclosed = value.find(OPEN, at)
    if unclosed >= 0:
        ctx.error(text.pos_at(unclosed), f"数字引用“{short(value[unclosed:], 30)}”缺少结尾的“}}}}”："
                                         "应写成 {{ 路径 }}，如 {{ apply.new.total }}")
    out.append(value[at:])
    out_sources.extend(sources[at:])
    return Text("".join(out), text.pos, text.scalar, _segments(out_sources))


def _number(ctx: Context, report: Report, text: Text, inside: str, start: int) -> str | None:
    """The printed number a reference names; None (and an error when the path is unknown)
    when it cannot be printed."""
    path = inside.strip(" \t\u3000\n")
    try:
        found = figure(report, path)
    except UnknownPath as exc:
        written = f"{OPEN} {short(path, 40)} {CLOSE}"
        message = f"未知的数字引用“{written}”：{exc.reason}"
        better = suggested_path(report, exc.suggestion) if exc.suggestion else None
        if better is not None:
            message += f"；是否想写“{OPEN} {better} {CLOSE}”（{figure(report, better).label}）？"
        elif exc.choices:
            message += f"（这里可写：{'、'.join(exc.choices)}）"
        ctx.error(text.pos_at(start), message)
        return None
    return None if found.value is None else format_number(found.value)


def _source_offsets(text: Text) -> list[int]:
    """For each character of the text, its offset in the scalar it was cut from."""
    segments = text.segments
    out: list[int] = []
    for i, (start, src) in enumerate(segments):
        end = segments[i + 1][0] if i + 1 < len(segments) else len(text.value)
        out.extend(range(src, src + end - start))
    return out


def _segments(sources: list[int]) -> tuple[tuple[int, int], ...]:
    """The fewest segments mapping each offset to its source offset: a new segment wherever the
    source does not run on by one (a printed number's digits all map to one place)."""
    segments: list[tuple[int, int]] = []
    previous = None
    for i, src in enumerate(sources):
        if previous is None or src != previous + 1:
            segments.append((i, src))
        previous = src
    return tuple(segments) or ((0, 0),)
