"""Number references: `{{ apply.new.total }}` in any text becomes the number as the table prints it.

References are resolved once the tables are read, in the model: every later stage (checks,
layout, writers) sees the printed number, and never the reference. Each character of the number
maps back to the reference's `{{` in the file, so a finding about it (a glyph no font has, a
figure T-TEXT questions) points at the reference; the characters after it keep their own places.
"""

from __future__ import annotations

import bisect
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
SUGGESTIONS = 100
"""Unknown references that get a “did you mean” (as keys do, `govreport.reader.keys`): a file of
20,000 broken references is still reported reference by reference, in bounded time."""
REFERENCE = re.compile(r"\{\{(.*?)\}\}", re.S)
"""A reference as written: `{{`, the path (spaces allowed), `}}`."""
_SPACES = " \t\u3000\n"


def references(text: str) -> Iterator[str]:
    """The paths a text's references name, as written (without the braces and spaces)."""
    for match in REFERENCE.finditer(text):
        yield match.group(1).strip(_SPACES)


def resolve_references(ctx: Context, report: Report) -> None:
    """Replace every reference in the report's texts by its number; an unknown path is an
    error at its `{{`. A reference whose cell could not be read stays as written (that cell
    has its own error, and nothing is built)."""
    if report.format is not None:
        _rewrite(report, _Resolver(ctx, report))


class _Resolver:
    """Resolves the references of one report's texts, counting the unknown ones."""

    def __init__(self, ctx: Context, report: Report) -> None:
        self.ctx, self.report = ctx, report
        self.unknown = 0

    def __call__(self, text: Text) -> Text:
        return _resolve(self, text) if OPEN in text.value else text


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


def _resolve(resolver: _Resolver, text: Text) -> Text:
    value = text.value
    starts = [start for start, _ in text.segments]
    pieces: list[str] = []
    segments: list[tuple[int, int]] = []
    length = 0  # of the new value so far
    at = after_last = 0
    for match in REFERENCE.finditer(value):
        start, end = match.span()
        after_last = end
        number = _number(resolver, text, match.group(1), start)
        if number is None:  # kept as written
            continue
        segments += _span(text, starts, at, start, length)
        pieces.append(value[at:start])
        length += start - at
        src = _source(text, starts, start)
        segments += [(length + i, src) for i in range(len(number))]  # every digit points at `{{`
        pieces.append(number)
        length += len(number)
        at = end
    unclosed = value.find(OPEN, after_last)
    if unclosed >= 0:
        resolver.ctx.error(text.pos_at(unclosed),
                           f"数字引用“{short(value[unclosed:], 30)}”缺少结尾的“}}}}”："
                           "应写成 {{ 路径 }}，如 {{ apply.new.total }}")
    if not pieces:
        return text
    segments += _span(text, starts, at, len(value), length)
    pieces.append(value[at:])
    return Text("".join(pieces), text.pos, text.scalar, tuple(segments) or ((0, 0),))


def _source(text: Text, starts: list[int], offset: int) -> int:
    """The offset in its scalar of the text's character at `offset` (`starts`: its segments')."""
    start, src = text.segments[max(0, bisect.bisect_right(starts, offset) - 1)]
    return src + offset - start


def _span(text: Text, starts: list[int], a: int, b: int, at: int) -> list[tuple[int, int]]:
    """The segments of the text's characters `a` to `b`, placed at offset `at` of a new text."""
    if a >= b:
        return []
    inside = text.segments[bisect.bisect_right(starts, a):bisect.bisect_left(starts, b)]
    return [(at, _source(text, starts, a)), *((at + start - a, src) for start, src in inside)]


def _number(resolver: _Resolver, text: Text, inside: str, start: int) -> str | None:
    """The printed number a reference names; None (and an error when the path is unknown)
    when it cannot be printed."""
    report, path = resolver.report, inside.strip(_SPACES)
    try:
        found = figure(report, path)
    except UnknownPath as exc:
        resolver.unknown += 1
        written = f"{OPEN} {short(path, 40)} {CLOSE}"
        message = f"未知的数字引用“{written}”：{exc.reason}"
        hint = exc.suggestion if resolver.unknown <= SUGGESTIONS else None
        better = suggested_path(report, hint) if hint else None
        if better is not None:
            message += f"；是否想写“{OPEN} {better} {CLOSE}”（{figure(report, better).label}）？"
        elif exc.choices:
            message += f"（这里可写：{'、'.join(exc.choices)}）"
        resolver.ctx.error(text.pos_at(start), message)
        return None
    return None if found.value is None else format_number(found.value)
