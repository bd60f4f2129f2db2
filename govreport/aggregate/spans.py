"""Where a top-level value stands in a YAML text, so that it can be replaced and every other
character — comments, blank lines, the narrative, the key's own line — left as it was.

A value written on the lines below its key (block style) spans from the line after the key to
the end of the line where its last token ends: comment lines inside it go with it, comment
lines after it stay. A value on the key's line (`units: [a.yaml]`) spans exactly its tokens.
Positions come from PyYAML's event marks (the file's own tokens), not from re-serialising.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from govreport.yamltree import LINE_BREAK

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LayoutError(Exception):
    """The text is not laid out so that a value can be replaced alone (Chinese message)."""


@dataclass(frozen=True)
class Span:
    """Characters `start:end` hold a key's value; a replacement in block style needs `lead`
    (a line break) first when the value started on the key's line."""

    start: int
    end: int
    lead: bool


@dataclass(frozen=True)
class _Entry:
    key_line: int  # 0-based
    start: tuple[int, int]  # (line, column) of the value's first token
    end: tuple[int, int]  # just after its last token
    block: bool  # a block collection below the key
    empty: bool  # nothing written after the key


class TopLevel:
    """The top-level keys of a YAML text and where their values stand."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        self.ends = []
        for m in LINE_BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))
        first = LINE_BREAK.search(text)
        self.newline = first.group() if first else "\n"
        self.entries = _entries(text)

    def offset(self, line: int, column: int) -> int:
        return self.starts[line] + column

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def value_span(self, key: str) -> Span:
        e = self.entries[key]
        if e.empty:
            end = self.ends[e.key_line]
            return Span(end, end, lead=True)
        end_line, end_column = e.end
        if e.block:
            if end_column == 0 and end_line > e.key_line + 1:
                end_line -= 1  # a mark at the start of the next line
            return Span(self.starts[e.key_line + 1], self.ends[end_line], lead=False)
        start = self.offset(*e.start)
        while start > 0 and self.text[start - 1] in " \t":
            start -= 1
        return Span(start, self.offset(end_line, end_column), lead=True)

    def entry_text(self, key: str) -> str:
        """The key's line(s) and its value, as written (to copy an entry from one text)."""
        return self.text[self.starts[self.entries[key].key_line]:self.value_span(key).end]

    def insertion_before(self, key: str) -> int:
        """Where a new top-level entry goes to stand before `key`: above the comment lines
        (at the margin) that introduce it."""
        line = self.entries[key].key_line
        while line > 0 and self.text[self.starts[line - 1]:self.ends[line - 1]].startswith("#"):
            line -= 1
        return self.starts[line]


def _entries(text: str) -> dict[str, _Entry]:
    """Each top-level key's value extent, from the event stream."""
    events = iter(yaml.parse(text, Loader=_Loader))
    out: dict[str, _Entry] = {}
    for ev in events:
        if isinstance(ev, yaml.MappingStartEvent):
            if ev.flow_style:
                raise LayoutError("汇总文件的最外层写成了 {…}，无法只替换其中的统计表；"
                                  "请改成每行一个“键: 值”（govreport init 的写法）")
            break
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.ScalarEvent)):
            raise LayoutError("汇总文件的最外层不是“键: 值”的映射")
    for ev in events:
        if isinstance(ev, yaml.MappingEndEvent):
            break
        if not isinstance(ev, yaml.ScalarEvent):
            raise LayoutError("汇总文件的最外层有不是文字的键")
        key, key_line = ev.value, ev.start_mark.line
        value = next(events)
        start = (value.start_mark.line, value.start_mark.column)
        if isinstance(value, (yaml.ScalarEvent, yaml.AliasEvent)):
            empty = isinstance(value, yaml.ScalarEvent) and value.value == "" \
                and value.style is None and value.implicit[0]
            out[key] = _Entry(key_line, start, (value.end_mark.line, value.end_mark.column),
                              block=False, empty=empty)
            continue
        block = not value.flow_style
        end = _last_token_end(events, block)
        out[key] = _Entry(key_line, start, end, block=block and start[0] > key_line, empty=False)
    return out


def _last_token_end(events: object, block: bool) -> tuple[int, int]:
    """Consume a collection's events; where its last token ends. A block collection's own
    end mark stands at the next key (after any trailing comments), so its last scalar's,
    alias's or flow collection's end counts instead."""
    depth, last = 1, (0, 0)
    for ev in events:  # type: ignore[attr-defined]
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            continue
        if isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            flow_end = (ev.end_mark.line, ev.end_mark.column)
            if depth == 0:
                return last if block else flow_end
            if ev.end_mark.index > ev.start_mark.index:  # a flow collection's closing bracket
                last = max(last, flow_end)
            continue
        last = max(last, (ev.end_mark.line, ev.end_mark.column))
    return last
