"""Turning scalar nodes into typed values, with a Chinese message for every way they can be wrong."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

import yaml
from yaml.constructor import SafeConstructor

from govreport.findings import short
from govreport.formats import AMOUNT, COUNT, SIGNED, not_applicable_word
from govreport.model import NA, StatValue, Text
from govreport.reader.context import Context
from govreport.yamltree import BOOL, FLOAT, INT, NULL, STR, TIMESTAMP, Mapping, Node, Scalar

MAX_NUMBER = 10**15 - 1
"""Fifteen digits: far above any count a report holds, small enough to print in a cell."""

MAX_DECIMALS = 6
"""Real reports give 万元 to the 分 (24252.311082): six places; more is a typing error."""
_MAX_INT_CHARS = 40
"""Longer integer literals are refused before conversion (Python's int() refuses > 4,300 digits)."""
_CONSTRUCTOR = SafeConstructor()
_PLAIN_DECIMAL = re.compile(r"^[+-]?(\d[\d_]*)?(\.\d*)?$")
_SPACES = " \t\u3000\u00a0"
# XML 1.0 refuses these; python-docx would crash on them, so they are reported at their position.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Bidirectional overrides and isolates: valid XML, but they make Word show 府政民人 for 人民政府
# (the "Trojan Source" trick); no Chinese report needs them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def describe(node: Node) -> str:
    """How a value looks to the clerk, for messages: 文字“十二”, 布尔值 true, 列表 …"""
    if isinstance(node, Mapping):
        return "一个映射（键: 值）"
    if not isinstance(node, Scalar):
        return "一个列表"
    raw = short(node.value)
    return {
        NULL: "空值",
        BOOL: f"布尔值 {raw}（YAML 把 true/false/yes/no/on/off 当作真假值）",
        INT: f"整数 {raw}",
        FLOAT: f"小数 {raw}",
        TIMESTAMP: f"日期 {raw}",
    }.get(node.tag, f"文字“{raw}”")


def _int_of(node: Scalar) -> int | None:
    """The integer an INT scalar denotes; None when it is too long to be a sensible number."""
    if len(node.value.replace("_", "")) > _MAX_INT_CHARS:
        return None
    return int(_CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode(node.tag, node.value)))


def read_cell(ctx: Context, node: Node, what: str, kind: str, allow_na: bool) -> StatValue | None:
    """A table number of type count (≥ 0), signed, or amount (decimal ≥ 0), or 不适用."""
    na = not_applicable_word()
    if isinstance(node, Scalar) and node.tag == STR and node.value.strip() == na:
        if allow_na:
            return StatValue(NA, node.pos)
        ctx.error(node.pos, f"{what}：这里不能填“{na}”，请填写数字")
        return None
    if not isinstance(node, Scalar) or node.tag not in (INT, FLOAT):
        expected = {COUNT: "非负整数", SIGNED: "整数（可为负数）", AMOUNT: "非负数（可带小数）"}[kind]
        hint = ""
        if isinstance(node, Scalar) and node.is_null:
            hint = "；缺失的数字不会被当作 0，没有请填 0"
        elif isinstance(node, Scalar) and node.tag == STR and allow_na:
            hint = f"；机关没有相应职权的，请填“{na}”"
        ctx.error(node.pos, f"{what}应为{expected}，这里是{describe(node)}{hint}")
        return None
    if kind == AMOUNT:
        return _read_amount(ctx, node, what)
    if node.tag == FLOAT:
        ctx.error(node.pos, f"{what}应为整数，这里是{describe(node)}")
        return None
    value = _int_of(node)
    if value is not None and kind == COUNT and value < 0:
        ctx.error(node.pos, f"{what}不能为负数，这里是 {short(node.value)}")
        return None
    if value is None or abs(value) > MAX_NUMBER:
        ctx.error(node.pos, f"{what}的数值 {short(node.value)} 过大（最多 15 位）")
        return None
    return StatValue(value, node.pos)


def _read_amount(ctx: Context, node: Scalar, what: str) -> StatValue | None:
    raw = node.value.strip()
    if not _PLAIN_DECIMAL.match(raw):
        ctx.error(node.pos, f"{what}应写成普通的十进制数，如 12.5，这里是“{short(raw)}”")
        return None
    try:
        value = Decimal(raw.replace("_", ""))
    except InvalidOperation:
        ctx.error(node.pos, f"{what}应写成普通的十进制数，如 12.5，这里是“{short(raw)}”")
        return None
    raw = short(raw)
    if value < 0:
        ctx.error(node.pos, f"{what}不能为负数，这里是 {raw}")
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        ctx.error(node.pos, f"{what}最多保留 {MAX_DECIMALS} 位小数，这里是 {raw}")
        return None
    if value > MAX_NUMBER:
        ctx.error(node.pos, f"{what}的数值 {raw} 过大")
        return None
    return StatValue(value, node.pos)


def read_int(ctx: Context, node: Node, what: str, lo: int, hi: int) -> int | None:
    if not isinstance(node, Scalar) or node.tag != INT:
        ctx.error(node.pos, f"{what}应为 {lo}–{hi} 之间的整数，这里是{describe(node)}")
        return None
    value = _int_of(node)
    if value is None or not lo <= value <= hi:
        ctx.error(node.pos, f"{what}应在 {lo}–{hi} 之间，这里是 {short(node.value)}")
        return None
    return value


def read_bool(ctx: Context, node: Node, what: str) -> bool | None:
    if not isinstance(node, Scalar) or node.tag != BOOL:
        ctx.error(node.pos, f"{what}应为 true 或 false，这里是{describe(node)}")
        return None
    return bool(_CONSTRUCTOR.construct_yaml_bool(yaml.ScalarNode(node.tag, node.value)))


def read_date(ctx: Context, node: Node, what: str) -> dt.date | None:
    if isinstance(node, Scalar) and node.tag == TIMESTAMP:
        try:
            value = _CONSTRUCTOR.construct_yaml_timestamp(yaml.ScalarNode(node.tag, node.value))
        except ValueError:
            ctx.error(node.pos, f"{what}不是有效的日期：{short(node.value)}")
            return None
        return value.date() if isinstance(value, dt.datetime) else value
    ctx.error(node.pos, f"{what}应写成 YYYY-MM-DD，如 2025-01-20，这里是{describe(node)}")
    return None


def _check_characters(ctx: Context, text: Text) -> bool:
    bad = _FORBIDDEN.search(text.value)
    if bad is not None:
        code = f"U+{ord(bad.group()):04X}"
        ctx.error(text.pos_at(bad.start()),
                  f"文字中有不可见的控制字符或无效字符 {code}，文档中无法保存，请删除")
        return False
    bidi = _BIDI.search(text.value)
    if bidi is not None:
        code = f"U+{ord(bidi.group()):04X}"
        ctx.error(text.pos_at(bidi.start()),
                  f"文字中有不可见的文字方向控制符 {code}，它会让文档中的文字倒序或错位显示，请删除")
        return False
    return True


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ",.;:!?%)")


def normalize(scalar: Scalar, paragraphs: bool) -> list[Text]:
    """Cut a scalar into paragraphs (at blank lines) or one text, joining the lines of each.

    Indentation typed by hand (spaces, full-width spaces) is dropped: the layout indents.
    Lines are joined directly, or with a space between two Latin words.
    """
    value = scalar.value
    out: list[Text] = []
    parts: list[str] = []
    segments: list[tuple[int, int]] = []
    length = 0

    def flush() -> None:
        nonlocal parts, segments, length
        if parts:
            pos = scalar.pos_at(segments[0][1])
            out.append(Text("".join(parts), pos, scalar, tuple(segments)))
        parts, segments, length = [], [], 0

    offset = 0
    for line in value.split("\n"):
        stripped = line.strip(_SPACES)
        if not stripped:
            if paragraphs:
                flush()
        else:
            lead = len(line) - len(line.lstrip(_SPACES))
            if parts and _is_latin(parts[-1][-1]) and _is_latin(stripped[0]):
                parts.append(" ")
                length += 1
            segments.append((length, offset + lead))
            parts.append(stripped)
            length += len(stripped)
        offset += len(line) + 1
    flush()
    return out


def read_text(ctx: Context, node: Node, what: str) -> Text | None:
    """A one-line text (organ, heading, lead): any non-empty scalar, as the clerk wrote it."""
    if not isinstance(node, Scalar) or node.is_null:
        ctx.error(node.pos, f"{what}应为文字，这里是{describe(node)}")
        return None
    texts = normalize(node, paragraphs=False)
    if not texts:
        ctx.error(node.pos, f"{what}不能为空")
        return None
    return texts[0] if _check_characters(ctx, texts[0]) else None


def read_paragraphs(ctx: Context, node: Scalar, what: str) -> list[Text]:
    texts = normalize(node, paragraphs=True)
    if not texts:
        ctx.error(node.pos, f"{what}不能为空")
    return [t for t in texts if _check_characters(ctx, t)]
