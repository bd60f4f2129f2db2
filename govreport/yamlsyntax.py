"""YAML syntax errors, as PyYAML and libyaml raise them, turned into Chinese findings that
point at the place a clerk has to fix."""

from __future__ import annotations

import yaml

from govreport.findings import error
from govreport.position import Pos
from govreport.source import InputError, SourceText


def syntax_error(src: SourceText, lines: list[str], exc: yaml.MarkedYAMLError) -> InputError:
    """The Chinese finding for a YAML syntax error, at the place to fix (`lines`: the file's)."""
    mark = exc.problem_mark or exc.context_mark
    pos = Pos(src.name, mark.line + 1, mark.column + 1) if mark else Pos(src.name, 1, 1)
    problem = exc.problem or ""
    if mark is not None and mark.line < len(lines) and ("escape" in problem or "hexdecimal" in problem):
        # libyaml points into the escape's digits (\ud800 → "d"): point at its backslash
        line = lines[mark.line]
        backslash = line.rfind("\\", max(0, mark.column - 9), mark.column + 1)
        if backslash >= 0:
            pos = Pos(src.name, mark.line + 1, backslash + 1)
    at_tab = mark is not None and mark.line < len(lines) and lines[mark.line][mark.column:].startswith("\t")
    explained = "这里有制表符（Tab）；YAML 只能用空格缩进" if at_tab else _explain(exc)
    return InputError([error("SCHEMA", pos, f"YAML 语法错误：{explained}")])


_PROBLEMS = [
    ("found character '\\t' that cannot start any token", "这里有制表符（Tab）；YAML 只能用空格缩进"),
    ("found a tab character", "这里有制表符（Tab）；YAML 只能用空格缩进"),
    ("mapping values are not allowed", "这里不能出现冒号“:”开始的值；请检查缩进，或给含冒号的文字加引号"),
    ("block sequence entries are not allowed", "这里不能出现列表项“- ”；请检查缩进，或给以“-”开头的文字加引号"),
    ("mapping keys are not allowed", "这里不能出现问号“?”开始的键；请给以“?”开头的文字加引号"),
    ("did not find expected ',' or ']'", "方括号 [ ] 中的列表没有正确结束：缺少逗号“,”或右方括号“]”"),
    ("did not find expected ',' or '}'", "花括号 { } 中的映射没有正确结束：缺少逗号“,”或右花括号“}”"),
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


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for needle, chinese in _PROBLEMS:
        if needle in problem or needle in (exc.context or ""):
            return chinese
    return f"无法解析（{problem}）"
