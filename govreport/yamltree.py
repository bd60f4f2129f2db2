"""YAML text → a tree of nodes that remember where each value was written.

PyYAML's constructors drop positions and silently keep the last of two duplicate keys, and its
composer recurses once per nesting level. This module builds its own tree from PyYAML's event
stream (libyaml when available), which is iterative, so that:

- every scalar, mapping and sequence carries its `Pos`;
- duplicate keys are reported, not merged;
- nesting depth and alias expansion are bounded (no stack overflow, no "billion laughs").
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from yaml.resolver import Resolver

from govreport.findings import Finding, error, short
from govreport.position import Pos
from govreport.source import InputError, SourceText
from govreport.yamlsyntax import syntax_error, unclosed_quote, unquoted_reference

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
"""A report nests at most ~8 levels; anything deeper is an accident or an attack."""

MAX_NODES = 200_000
"""Nodes after alias expansion; a 300-row statistics table is ~2,000."""

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break: `Pos` lines are counted between these."""
_NEWLINE = re.compile("\n")
_RESOLVER = Resolver()

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP}
_QUOTES = ("'", '"')
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass(eq=False, slots=True)
class Scalar:
    """A scalar as written: its raw text, the tag YAML resolved for it, and where it stands."""

    pos: Pos
    value: str
    tag: str
    style: str  # "" plain, "'" or '"' quoted, "|" literal, ">" folded
    lines: list[str] = field(repr=False)
    breaks: list[int] | None = field(default=None, repr=False)
    """A `|` scalar's line breaks (offsets in the value), and below the row of its first
    non-blank line and that line's indentation: found on the first `pos_at`, since a text of
    20,000 references asks for 20,000 positions in one scalar."""
    block_indent: tuple[int, int] = field(default=(0, 0), repr=False)
    verbatim: int | None = field(default=None, repr=False)
    """How many leading characters of a flow scalar's value stand in its first source line as
    they are (no escape, no folded line break): found on the first `pos_at`, for the same
    reason as `breaks`."""

    @property
    def is_null(self) -> bool:
        return self.tag == NULL

    def pos_at(self, offset: int) -> Pos:
        """The position of character `offset` of the value, where the source layout allows it."""
        line0, col0 = self.pos.line - 1, self.pos.column - 1
        if self.style == "|":
            first = line0 + 1
            if self.breaks is None:
                self.breaks = [m.start() for m in _NEWLINE.finditer(self.value)]
                content = next(((i, s) for i, s in enumerate(self.lines[first:first + len(self.breaks) + 1])
                                if s.strip()), None)
                if content is not None:
                    self.block_indent = (content[0], len(content[1]) - len(content[1].lstrip(" ")))
            row = bisect.bisect_left(self.breaks, offset)
            col = offset - (self.breaks[row - 1] + 1 if row else 0)
            content_row, indent = self.block_indent
            return Pos(self.pos.file, first + row + 1, (indent if row >= content_row else 0) + col + 1)
        if self.style not in ("", "'", '"'):
            return self.pos
        quote = 1 if self.style else 0
        if self.verbatim is None:
            line = self.lines[line0] if line0 < len(self.lines) else ""
            self.verbatim = _common_prefix(self.value, line, col0 + quote)
        if offset <= self.verbatim:
            return Pos(self.pos.file, self.pos.line, self.pos.column + quote + offset)
        return self.pos


def _common_prefix(value: str, line: str, start: int) -> int:
    """The length of the longest start of `value` written as it is in `line` from `start`,
    up to the value's first line break."""
    end = value.find("\n")
    n = min(len(value) if end < 0 else end, len(line) - start)
    if n <= 0:
        return 0
    if line.startswith(value[:n], start):
        return n
    lo, hi = 0, n  # value[:lo] matches, value[:hi] does not: halve the gap
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if line.startswith(value[:mid], start):
            lo = mid
        else:
            hi = mid
    return lo


@dataclass(eq=False, slots=True)
class Mapping:
    pos: Pos
    items: list[tuple[Scalar, Node]]
    index: dict[str, int] = field(default_factory=dict, repr=False)
    """Key → its place in `items`: a file of 100,000 keys is looked up, not scanned."""

    def add(self, key: Scalar, value: Node) -> Scalar | None:
        """Append an item; when the key is already there, keep the first and return its key."""
        at = self.index.get(key.value)
        if at is not None:
            return self.items[at][0]
        self.index[key.value] = len(self.items)
        self.items.append((key, value))
        return None

    def get(self, key: str) -> Node | None:
        at = self.index.get(key)
        return None if at is None else self.items[at][1]

    def key_pos(self, key: str) -> Pos:
        """Where a present key is written: messages about what its value lacks point there."""
        return self.items[self.index[key]][0].pos

    def __contains__(self, key: str) -> bool:
        return key in self.index


@dataclass(eq=False, slots=True)
class Sequence:
    pos: Pos
    items: list[Node]


Node = Scalar | Mapping | Sequence


@dataclass
class YamlDocument:
    """The root node of a file plus the problems found while composing it (duplicate keys)."""

    root: Node
    findings: list[Finding]


def _pos_of_index(text: str, index: int, name: str) -> Pos:
    before = text[:index]
    line = len(LINE_BREAK.findall(before)) + 1
    last = max((m.end() for m in LINE_BREAK.finditer(before)), default=0)
    return Pos(name, line, index - last + 1)


def _char_index(text: str, exc: yaml.reader.ReaderError) -> int:
    """The character offset of a reader error: libyaml counts UTF-8 bytes, PyYAML characters."""
    if _Loader is yaml.SafeLoader:
        return exc.position
    return len(text.encode("utf-8", "surrogatepass")[:exc.position].decode("utf-8", "ignore"))


def _events(src: SourceText) -> Iterator[yaml.Event]:
    loader = _Loader(src.text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _unsupported_tag(tag: str) -> str:
    shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
    return f"不支持 YAML 标签“{short(shown, 60)}”：年度报告只用文字、数字、日期、列表和映射，请删除这个标签"


def _fits_tag(value: str, tag: str) -> bool:
    """Whether an explicitly tagged scalar (`!!int 12`) is written the way its tag requires;
    PyYAML's constructors would raise on `!!int x0` or `!!timestamp x`."""
    if tag not in (INT, FLOAT, BOOL, NULL, TIMESTAMP):
        return True
    implicit = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return implicit == tag or (tag == FLOAT and implicit == INT)


def compose(src: SourceText) -> YamlDocument:
    """Build the node tree of a single-document YAML file, or raise InputError.

    The cyclic garbage collector is paused meanwhile: the tree holds no cycles, and a file of
    200,000 nodes would otherwise trigger collections that double the time (0.93 → 0.44 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compose(src)
    finally:
        if enabled:
            gc.enable()


def _compose(src: SourceText) -> YamlDocument:
    lines = LINE_BREAK.split(src.text)
    name = src.name
    findings: list[Finding] = []
    anchors: dict[str, tuple[Node, int]] = {}
    # Each open collection: (node, anchor, pending key or None, size so far).
    stack: list[list] = []
    root: Node | None = None
    documents = 0
    total = 0
    ev: yaml.Event | None = None
    swallows: list[Finding] = []  # quoted values that ran on over the next key
    swallowing: yaml.Event | None = None

    def pos(mark: yaml.Mark) -> Pos:
        return Pos(name, mark.line + 1, mark.column + 1)

    def add(node: Node, size: int, at: Pos) -> None:
        nonlocal root, total
        total += size
        if total > MAX_NODES:
            raise InputError([error(
                "SCHEMA", at,
                f"展开别名（*）后内容超过 {MAX_NODES} 个节点，疑似“十亿笑”（billion laughs）攻击；"
                "年度报告不需要这样的结构",
            )])
        if not stack:
            root = node
            return
        frame = stack[-1]
        frame[3] += size
        parent = frame[0]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif frame[2] is None:
            if not isinstance(node, Scalar):
                unquoted = unquoted_reference(name, lines, node.pos.line - 1)
                raise InputError([unquoted or error(
                    "SCHEMA", node.pos, "不支持以列表或映射作为键；键应为简单的英文名称")])
            frame[2] = node
        else:
            key: Scalar = frame[2]
            first = parent.add(key, node)
            if first is not None:
                findings.append(error(
                    "SCHEMA", key.pos,
                    f"键“{short(key.value)}”重复（第一次出现在第 {first.pos.line} 行第 {first.pos.column} 列）；"
                    "YAML 会悄悄只保留后一个，请删除或合并其中一个",
                ))
            frame[2] = None

    try:
        for ev in _events(src):
            kind = type(ev)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise InputError([error(
                        "SCHEMA", pos(ev.start_mark),
                        "文件中有多个 YAML 文档（“---” 分隔）；一个文件只能写一份报告",
                    )])
            elif kind is yaml.ScalarEvent:
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = _RESOLVER.resolve(yaml.ScalarNode, ev.value, ev.implicit)
                    if tag not in _SCALAR_TAGS:  # `<<` (merge) and `=` (value): keys as written
                        tag = STR
                elif not _fits_tag(ev.value, tag):
                    tag = STR  # `!!int x0`: reported as the text it is wherever a number is due
                at = pos(ev.start_mark)
                if tag not in _SCALAR_TAGS:
                    raise InputError([error("SCHEMA", at, _unsupported_tag(tag))])
                node = Scalar(at, ev.value, tag, ev.style or "", lines)
                if ev.style in _QUOTES and ev.end_mark.line > ev.start_mark.line:
                    swallow = unclosed_quote(name, lines, ev.start_mark, ev.end_mark)
                    if swallow is not None:
                        findings.append(swallow)
                        swallows.append(swallow)
                        swallowing = ev
                if ev.anchor:
                    anchors[ev.anchor] = (node, 1)
                add(node, 1, at)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                at = pos(ev.start_mark)
                is_map = kind is yaml.MappingStartEvent
                if ev.tag not in (None, "!", _MAP_TAG if is_map else _SEQ_TAG):
                    raise InputError([error("SCHEMA", at, _unsupported_tag(ev.tag))])
                if len(stack) >= MAX_DEPTH:
                    raise InputError([error(
                        "SCHEMA", at, f"嵌套层级过深（超过 {MAX_DEPTH} 层）；年度报告的结构不会这么深，请检查括号和缩进",
                    )])
                collection: Node = Mapping(at, []) if is_map else Sequence(at, [])
                stack.append([collection, ev.anchor, None, 1])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                collection, anchor, _, size = stack.pop()
                if anchor:
                    anchors[anchor] = (collection, size)
                total -= size - 1  # children were counted as they were added
                add(collection, size, collection.pos)
            elif kind is yaml.AliasEvent:
                at = pos(ev.start_mark)
                if ev.anchor not in anchors:
                    inside = any(frame[1] == ev.anchor for frame in stack)
                    raise InputError([error("SCHEMA", at, (
                        f"别名“*{ev.anchor}”在锚点“&{ev.anchor}”自己的内容里引用了它（无穷嵌套）"
                        if inside else f"引用了未定义的锚点“*{ev.anchor}”"))])
                node, size = anchors[ev.anchor]
                add(node, size, at)
    except yaml.MarkedYAMLError as exc:
        if swallowing is not None and swallowing is ev:  # the quotes paired wrongly from there
            caused = unclosed_quote(name, lines, ev.start_mark, ev.end_mark, exc.problem_mark)
            raise InputError([*swallows[:-1], caused]) from None
        raise InputError([*swallows, syntax_error(src, lines, exc)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError([error("SCHEMA", _pos_of_index(src.text, _char_index(src.text, exc), name),
                                f"文件中有不允许的字符 U+{code:04X}（不可见的控制字符），请删除")]) from None
    except yaml.YAMLError as exc:  # anything else without a mark
        raise InputError([error("SCHEMA", Pos(name, 1, 1), f"YAML 读取错误：{exc}")]) from None

    if root is None or (isinstance(root, Scalar) and root.is_null):
        raise InputError([error("SCHEMA", Pos(name, 1, 1), "文件为空；可用 govreport init 生成一份完整的模板")])
    return YamlDocument(root, findings)
