"""YAML text → a tree of nodes that remember where each value was written.

PyYAML's constructors drop positions and silently keep the last of two duplicate keys, and its
composer recurses once per nesting level. This module builds its own tree from PyYAML's event
stream (libyaml when available), which is iterative, so that:

- every scalar, mapping and sequence carries its `Pos`;
- duplicate keys are reported, not merged;
- nesting depth and alias expansion are bounded (no stack overflow, no "billion laughs").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from yaml.resolver import Resolver

from govreport.findings import Finding, error
from govreport.position import Pos
from govreport.source import InputError, SourceText

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
"""A report nests at most ~8 levels; anything deeper is an accident or an attack."""

MAX_NODES = 200_000
"""Nodes after alias expansion; a 300-row statistics table is ~2,000."""

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_RESOLVER = Resolver()

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP}
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

    kind = "scalar"

    @property
    def is_null(self) -> bool:
        return self.tag == NULL

    def pos_at(self, offset: int) -> Pos:
        """The position of character `offset` of the value, where the source layout allows it."""
        line0, col0 = self.pos.line - 1, self.pos.column - 1
        before = self.value[:offset]
        if self.style == "|":
            row = before.count("\n")
            col = len(before) - (before.rfind("\n") + 1)
            first = line0 + 1
            indent = next(
                (len(s) - len(s.lstrip(" ")) for s in self.lines[first:first + row + 1] if s.strip()),
                0,
            )
            return Pos(self.pos.file, first + row + 1, indent + col + 1)
        if "\n" not in before and self.style in ("", "'", '"'):
            quote = 1 if self.style else 0
            line = self.lines[line0] if line0 < len(self.lines) else ""
            if line[col0 + quote:col0 + quote + len(before)] == before:
                return Pos(self.pos.file, self.pos.line, self.pos.column + quote + len(before))
        return self.pos


@dataclass(eq=False, slots=True)
class Mapping:
    pos: Pos
    items: list[tuple[Scalar, Node]]

    kind = "mapping"

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None

    def key_node(self, key: str) -> Scalar | None:
        for k, _ in self.items:
            if k.value == key:
                return k
        return None

    def keys(self) -> list[str]:
        return [k.value for k, _ in self.items]

    def __contains__(self, key: str) -> bool:
        return any(k.value == key for k, _ in self.items)


@dataclass(eq=False, slots=True)
class Sequence:
    pos: Pos
    items: list[Node]

    kind = "sequence"


Node = Scalar | Mapping | Sequence


@dataclass
class Document:
    """The root node of a file plus the problems found while composing it (duplicate keys)."""

    root: Node
    findings: list[Finding]


def _pos_of_index(text: str, index: int, name: str) -> Pos:
    before = text[:index]
    line = len(_LINE_BREAK.findall(before)) + 1
    last = max((m.end() for m in _LINE_BREAK.finditer(before)), default=0)
    return Pos(name, line, index - last + 1)


def _events(src: SourceText) -> Iterator[yaml.Event]:
    loader = _Loader(src.text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _syntax_error(src: SourceText, exc: yaml.MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    pos = Pos(src.name, mark.line + 1, mark.column + 1) if mark else Pos(src.name, 1, 1)
    lines = _LINE_BREAK.split(src.text)
    at_tab = mark is not None and mark.line < len(lines) and lines[mark.line][mark.column:].startswith("\t")
    explained = "这里有制表符（Tab）；YAML 只能用空格缩进" if at_tab else _explain(exc)
    return InputError([error("SCHEMA", pos, f"YAML 语法错误：{explained}")])


_PROBLEMS = [
    ("found character '\\t' that cannot start any token", "这里有制表符（Tab）；YAML 只能用空格缩进"),
    ("found a tab character", "这里有制表符（Tab）；YAML 只能用空格缩进"),
    ("mapping values are not allowed here", "这里不能出现冒号“:”开始的值；请检查缩进，或给含冒号的文字加引号"),
    ("could not find expected ':'", "缺少冒号“:”；请检查上一行的写法"),
    ("did not find expected key", "缩进不一致，或者上一行的值没有写完"),
    ("did not find expected '-' indicator", "列表项缩进不一致"),
    ("found undefined alias", "引用了未定义的锚点（*别名）"),
    ("found unexpected end of stream", "文件意外结束，可能缺少右引号或右括号"),
    ("found unknown escape character", "双引号字符串中有无法识别的转义符“\\”；如需反斜杠请写成“\\\\”或改用单引号"),
    ("control characters are not allowed", "文件中有不可见的控制字符，请删除"),
    ("special characters are not allowed", "文件中有不允许的特殊字符（控制字符），请删除"),
    ("found character that cannot start any token", "这个字符不能作为值的开头；如果是文字内容，请加引号"),
    ("did not find expected node content", "这里缺少值"),
    ("expected <block end>, but found", "缩进不一致，或者同一层级中混入了列表项"),
    ("found duplicate anchor", "锚点（&名称）重复定义"),
    ("found invalid Unicode character escape code",
     "双引号字符串中的 \\u 转义不是有效的字符（例如单独的代理项 \\ud800）"),
]


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for needle, chinese in _PROBLEMS:
        if needle in problem or needle in (exc.context or ""):
            return chinese
    return f"无法解析（{problem}）"


def compose(src: SourceText) -> Document:
    """Build the node tree of a single-document YAML file, or raise InputError."""
    lines = _LINE_BREAK.split(src.text)
    name = src.name
    findings: list[Finding] = []
    anchors: dict[str, tuple[Node, int]] = {}
    # Each open collection: (node, anchor, pending key or None, size so far).
    stack: list[list] = []
    root: Node | None = None
    documents = 0
    total = 0

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
                raise InputError([error("SCHEMA", node.pos, "不支持以列表或映射作为键；键应为简单的英文名称")])
            frame[2] = node
        else:
            key: Scalar = frame[2]
            if any(k.value == key.value for k, _ in parent.items):
                first = next(k for k, _ in parent.items if k.value == key.value)
                findings.append(error(
                    "SCHEMA", key.pos,
                    f"键“{key.value}”重复（第一次出现在第 {first.pos.line} 行第 {first.pos.column} 列）；"
                    "YAML 会悄悄只保留后一个，请删除或合并其中一个",
                ))
            else:
                parent.items.append((key, node))
            frame[2] = None

    try:
        for ev in _events(src):
            if isinstance(ev, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise InputError([error(
                        "SCHEMA", pos(ev.start_mark),
                        "文件中有多个 YAML 文档（“---” 分隔）；一个文件只能写一份报告",
                    )])
            elif isinstance(ev, yaml.ScalarEvent):
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = _RESOLVER.resolve(yaml.ScalarNode, ev.value, ev.implicit)
                at = pos(ev.start_mark)
                if tag not in _SCALAR_TAGS:
                    raise InputError([error("SCHEMA", at, f"不支持的 YAML 标签“{ev.tag}”")])
                node = Scalar(at, ev.value, tag, ev.style or "", lines)
                if ev.anchor:
                    anchors[ev.anchor] = (node, 1)
                add(node, 1, at)
            elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                at = pos(ev.start_mark)
                is_map = isinstance(ev, yaml.MappingStartEvent)
                if ev.tag not in (None, "!", _MAP_TAG if is_map else _SEQ_TAG):
                    raise InputError([error("SCHEMA", at, f"不支持的 YAML 标签“{ev.tag}”")])
                if len(stack) >= MAX_DEPTH:
                    raise InputError([error(
                        "SCHEMA", at, f"嵌套层级超过 {MAX_DEPTH} 层；年度报告的结构不会这么深，请检查缩进",
                    )])
                collection: Node = Mapping(at, []) if is_map else Sequence(at, [])
                stack.append([collection, ev.anchor, None, 1])
            elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                collection, anchor, _, size = stack.pop()
                if anchor:
                    anchors[anchor] = (collection, size)
                total -= size - 1  # children were counted as they were added
                add(collection, size, collection.pos)
            elif isinstance(ev, yaml.AliasEvent):
                at = pos(ev.start_mark)
                if ev.anchor not in anchors:
                    raise InputError([error("SCHEMA", at, f"引用了未定义的锚点“*{ev.anchor}”")])
                node, size = anchors[ev.anchor]
                add(node, size, at)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(src, exc) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        raise InputError([error("SCHEMA", _pos_of_index(src.text, exc.position, name),
                                f"文件中有不允许的字符 U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X}"
                                "（不可见的控制字符），请删除")]) from None
    except yaml.YAMLError as exc:  # anything else without a mark
        raise InputError([error("SCHEMA", Pos(name, 1, 1), f"YAML 读取错误：{exc}")]) from None

    if root is None or (isinstance(root, Scalar) and root.is_null):
        raise InputError([error("SCHEMA", Pos(name, 1, 1), "文件为空；可用 govreport init 生成一份完整的模板")])
    return Document(root, findings)
