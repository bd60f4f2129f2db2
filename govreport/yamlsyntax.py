"""YAML syntax errors, as PyYAML and libyaml raise them, turned into Chinese findings that
point at the place a clerk has to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from govreport.findings import Finding, error, short
from govreport.position import Pos
from govreport.source import SourceText


def syntax_error(src: SourceText, lines: list[str], exc: yaml.MarkedYAMLError) -> Finding:
    """The Chinese finding for a YAML syntax error, at the place to fix (`lines`: the file's)."""
    for mark in (exc.context_mark, exc.problem_mark):
        unquoted = unquoted_reference(src.name, lines, mark.line) if mark else None
        if unquoted is not None:
            return unquoted
    unclosed = _unclosed(src.name, lines, exc)
    if unclosed is not None:
        return unclosed
    mark = exc.problem_mark or exc.context_mark
    pos = Pos(src.name, mark.line + 1, mark.column + 1) if mark else Pos(src.name, 1, 1)
    if mark is not None and mark.line >= len(lines):  # libyaml's end of a file without a final
        pos = Pos(src.name, len(lines), len(lines[-1]) + 1)  # line break: a line after the last
    problem = exc.problem or ""
    if mark is not None and mark.line < len(lines) and ("escape" in problem or "hexdecimal" in problem):
        # libyaml points into the escape's digits (\ud800 → "d"): point at its backslash
        line = lines[mark.line]
        backslash = line.rfind("\\", max(0, mark.column - 9), mark.column + 1)
        if backslash >= 0:
            pos = Pos(src.name, mark.line + 1, backslash + 1)
    at_tab = mark is not None and mark.line < len(lines) and lines[mark.line][mark.column:].startswith("\t")
    explained = "这里有制表符（Tab）；YAML 只能用空格缩进" if at_tab else _explain(exc)
    return error("SCHEMA", pos, f"YAML 语法错误：{explained}")


_PROBLEMS = [
    ("found character '\\t' that cannot start any token", "这里有制表符（Tab）；YAML 只能用空格缩进"),
    ("found a tab character", "这里有制表符（Tab）；YAML 只能用空格缩进"),
    ("mapping values are not allowed", "这里不能出现冒号“:”开始的值；请检查缩进，或给含冒号的文字加引号"),
    ("block sequence entries are not allowed", "这里不能出现列表项“- ”；请检查缩进，或给以“-”开头的文字加引号"),
    ("mapping keys are not allowed", "这里不能出现问号“?”开始的键；请给以“?”开头的文字加引号"),
    ("expected ',' or ']'", "方括号 [ ] 中的列表没有正确结束：缺少逗号“,”或右方括号“]”"),
    ("expected ',' or '}'", "花括号 { } 中的映射没有正确结束：缺少逗号“,”或右花括号“}”"),
    ("did not find expected alphabetic or numeric character",
     "锚点（&）或别名（*）的名称只能用英文字母、数字、“-”和“_”；如果这是文字内容，请加引号"),
    ("did not find expected comment or line break", "值的后面还有多余的内容；含空格或特殊符号的文字请加引号"),
    ("did not find expected whitespace or line break", "标签（!）或锚点（&）后面缺少空格"),
    ("found unexpected document indicator", "引号中的文字还没有结束，就遇到了文档分隔符“---”或“...”；请检查引号是否成对"),
    ("did not find expected <document start>", "文档没有正确开始或结束；请检查“---”“...”和以“%”开头的行"),
    ("found incompatible YAML document", "不支持这个 YAML 版本声明（%YAML）；请删除这一行"),
    ("found undefined tag handle", "标签（!前缀!）的前缀没有定义；年度报告不需要标签，请删除"),
    ("found duplicate %", "%YAML 或 %TAG 指令重复；请删除多余的一行"),
    ("found an indentation indicator equal to 0", "块文字（| 或 >）后面的缩进数字不能为 0"),
    ("found unexpected ':'", "这里的冒号“:”有歧义；含冒号的文字请加引号"),
    ("directive", "以“%”开头的行是 YAML 指令；如果这是文字内容，请加引号"),
    ("tag URI", "标签（!）的写法不正确；年度报告不需要标签，请删除"),
    ("URI escaped octet", "标签（!）的写法不正确；年度报告不需要标签，请删除"),
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
    # libyaml ≥ 0.2.5 limits nesting itself, and its scanner reads up to 1,024 characters
    # ahead inside [ ] and { }: it can stop before the 64-level check above sees the events.
    ("exceeded maximum nesting depth",
     "嵌套层级过深（超过 YAML 解析器的上限）；年度报告的结构不会这么深，请检查括号和缩进"),
    ("did not find expected hexdecimal number",
     "双引号字符串中的 \\x、\\u 或 \\U 转义后应为十六进制数字；如需反斜杠请写成“\\\\”或改用单引号"),
    ("found invalid Unicode character escape code",
     "双引号字符串中的 \\u 转义不是有效的字符（例如单独的代理项 \\ud800）"),
]


def unquoted_reference(name: str, lines: list[str], row: int) -> Finding | None:
    """A number reference `{{ … }}` at the start of a plain value or inside `{ }` / `[ ]`, where
    YAML reads its braces as a mapping: said at the reference, with what to do."""
    at = lines[row].find("{{") if row < len(lines) else -1
    if at < 0:
        return None
    return error("SCHEMA", Pos(name, row + 1, at + 1),
                 "YAML 语法错误：这段含数字引用“{{ … }}”的文字需要加引号——以“{{”开头的文字，"
                 "或写在花括号 { } 、方括号 [ ] 里的文字，YAML 会把“{”读成映射；"
                 "请给整段文字加上双引号，或改用 | 写法")


@dataclass(frozen=True)
class _Opener:
    """A bracket or quote that YAML reads on until its closer."""

    char: str
    name: str
    closer: str
    closer_name: str
    advice: str
    lookalike: str = ""  # the full-width closer a clerk may have typed instead


_OPENERS = {o.char: o for o in (
    _Opener("[", "方括号", "]", "右方括号", "请在列表末尾补上“]”，或给含“[”的文字加引号"),
    _Opener("{", "花括号", "}", "右花括号", "请在映射末尾补上“}”，或给含“{”的文字加引号"),
    _Opener('"', "双引号", '"', "右引号", "请在文字末尾补上半角双引号“\"”", "”"),
    _Opener("'", "单引号", "'", "右引号", "请在文字末尾补上半角单引号“'”", "’"),
)}
_FLOW_CONTEXTS = ("while parsing a flow sequence", "while parsing a flow mapping")
_SWALLOWED_KEY = re.compile(r"( *)(?:- +)*[A-Za-z_][A-Za-z0-9_]*:(?: |$)")
_ITEM_START = re.compile(r" *(?:- +)*")


def _unclosed(name: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Finding | None:
    """An unclosed bracket or quote, reported where it opened (libyaml's context mark: the
    innermost construct still open), saying where the parser noticed (its problem mark)."""
    opened, noticed = exc.context_mark, exc.problem_mark
    if opened is None or noticed is None or opened.line >= len(lines):
        return None
    opener = _OPENERS.get(lines[opened.line][opened.column:opened.column + 1])
    problem = exc.problem or ""
    if opener is None:
        return None
    closer = f"{opener.closer_name}“{opener.closer}”"
    end = f"直到文件末尾（第 {len(lines)} 行）也没有找到对应的{closer}"
    if exc.context == "while scanning a quoted scalar" and opener.char in "\"'":
        if "end of stream" in problem:
            where = end
        elif "document" in problem:  # libyaml: "indicator", PyYAML: "separator"
            marker = lines[noticed.line][:3]
            where = f"解析到第 {noticed.line + 1} 行的文档分隔符“{marker}”时仍没有找到对应的{closer}"
        else:
            return None
        row = _swallowed_key(lines, opened, noticed.line, noticed.column)
        if row is not None:
            where = f"第 {row + 1} 行“{short(lines[row].strip())}”起的内容都被读成了引号中的文字，{where}"
        return _unclosed_finding(name, lines, opened, opener, where, row)
    if exc.context not in _FLOW_CONTEXTS or opener.char not in "[{" or "expected ','" not in problem:
        return None
    found = lines[noticed.line][noticed.column:noticed.column + 1] if noticed.line < len(lines) else ""
    if _only_comments_after(lines, noticed):
        where = end
    elif found in ("]", "}"):  # the closer of an outer bracket, or a typo for this one
        other = "右方括号" if found == "]" else "右花括号"
        where = f"第 {noticed.line + 1} 行的{other}“{found}”之前缺少对应的{closer}"
    elif noticed.line > opened.line and (
            found == ":" or _indent(lines[noticed.line]) <= _indent(lines[opened.line])):
        # a `key:` line, or a line no deeper than the opener's: read as the list's content
        text = short(lines[noticed.line].strip())
        where = f"解析到第 {noticed.line + 1} 行“{text}”时仍没有找到对应的{closer}"
    else:
        return None  # a missing comma between two items: said at the second item
    return _unclosed_finding(name, lines, opened, opener, where)


def unclosed_quote(name: str, lines: list[str], start: yaml.Mark, end: yaml.Mark,
                   error_at: yaml.Mark | None = None) -> Finding | None:
    """A quoted value that runs on over a line that looks like a key of its own: its quote
    was almost certainly never closed, and the next quote in the file closed it. `error_at`:
    the syntax error that the quotes, paired wrongly from there on, caused."""
    row = _swallowed_key(lines, start, end.line, end.column)
    if row is None:
        return None
    quoted = f"第 {row + 1} 行“{short(lines[row].strip())}”被读成了引号中的文字"
    if error_at is not None:
        where = f"{quoted}，解析到第 {error_at.line + 1} 行才出错"
    else:
        where = f"{quoted}，直到第 {end.line + 1} 行的引号才结束"
    opener = _OPENERS[lines[start.line][start.column]]
    return _unclosed_finding(name, lines, start, opener, where, row, syntax=error_at is not None)


def _swallowed_key(lines: list[str], start: yaml.Mark, end_line: int, end_column: int) -> int | None:
    """The first line after the quote at `start` (up to the end) that looks like a key of its
    own: `year:` at the indentation of the quoted value's key or left of it."""
    first = lines[start.line]
    owner = _ITEM_START.match(first).end()  # where the key of this value is written
    for row in range(start.line + 1, min(end_line, len(lines) - 1) + 1):
        text = lines[row] if row < end_line else lines[row][:end_column]
        key = _SWALLOWED_KEY.match(text)
        if key and len(key.group(1)) <= owner:
            return row
    return None


def _unclosed_finding(name: str, lines: list[str], opened: yaml.Mark, opener: _Opener,
                      where: str, swallowed: int | None = None, syntax: bool = True) -> Finding:
    """`swallowed`: the first line read into a quote by mistake (the text before it is where
    the value was meant to end); `syntax`: YAML refused the file (a quoted value that ran on
    over a key can still be valid YAML)."""
    last = swallowed - 1 if swallowed else opened.line
    while last > opened.line and not lines[last].strip():
        last -= 1
    meant_end = lines[last] if last > opened.line else lines[opened.line][opened.column + 1:]
    lookalike = opener.lookalike and meant_end.rstrip().endswith(opener.lookalike)
    hint = f"（中文右引号 {opener.lookalike} 不算）" if lookalike else ""
    prefix = "YAML 语法错误：" if syntax else ""
    return error("SCHEMA", Pos(name, opened.line + 1, opened.column + 1),
                 f"{prefix}{opener.name}“{opener.char}”没有闭合：{where}；{opener.advice}{hint}")


def _only_comments_after(lines: list[str], mark: yaml.Mark) -> bool:
    if mark.line >= len(lines):
        return True
    rest = (lines[mark.line][mark.column:], *(lines[i] for i in range(mark.line + 1, len(lines))))
    return all(not text.strip() or text.lstrip().startswith("#") for text in rest)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for needle, chinese in _PROBLEMS:
        if needle in problem or needle in (exc.context or ""):
            return chinese
    return f"无法解析（{problem}）"
