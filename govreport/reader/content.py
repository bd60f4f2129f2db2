"""Reading narrative content: a string of paragraphs, or a list of paragraphs, headings and leads."""

from __future__ import annotations

import re

from govreport.model import InputBlock, InputHeading, InputLead, InputParagraph, Text
from govreport.reader.context import Context
from govreport.reader.keys import check_keys
from govreport.reader.values import describe, read_paragraphs, read_text
from govreport.yamltree import Mapping, Node, Scalar, Sequence

# A number typed by hand at the start of a heading: the layout numbers headings itself.
_OWN_NUMBER = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十百零〇\d]+\s*[)）]"
    r"|[一二三四五六七八九十百]+\s*[、.．]"
    r"|\d+\s*[、.．](?!\d)"
    r"|[①-⑳⑴-⒇⒈-⒛㈠-㈩])"
)

_HEADING_KEYS = {"heading": "小标题", "body": "小标题下的内容"}
_LEAD_KEYS = {"lead": "分项标题", "text": "分项正文"}


def check_own_number(ctx: Context, text: Text, what: str) -> None:
    match = _OWN_NUMBER.match(text.value)
    if match:
        number = match.group().strip()
        ctx.error(text.pos, f"{what}不要手写序号“{number}”：序号按层级自动生成，否则会重复编号")


def read_content(ctx: Context, node: Node, what: str, levels: int, depth: int = 0) -> list[InputBlock]:
    """Read `Content`; `levels` is how many numbered levels the format has below a section."""
    if isinstance(node, Scalar):
        if node.is_null:
            ctx.error(node.pos, f"{what}不能为空")
            return []
        return [InputParagraph(t) for t in read_paragraphs(ctx, node, what)]
    if isinstance(node, Mapping):
        hint = "；单个小标题块或分项块也要写成列表项（前面加“- ”）" if (
            "heading" in node or "lead" in node) else ""
        ctx.error(node.pos, f"{what}应为文字或列表，这里是{describe(node)}{hint}")
        return []
    blocks: list[InputBlock] = []
    assert isinstance(node, Sequence)
    if not node.items:
        ctx.error(node.pos, f"{what}不能为空列表")
    for item in node.items:
        block = _read_item(ctx, item, what, levels, depth)
        if isinstance(block, list):
            blocks.extend(block)
        elif block is not None:
            blocks.append(block)
    return blocks


def _read_item(
    ctx: Context, item: Node, what: str, levels: int, depth: int
) -> InputBlock | list[InputBlock] | None:
    if isinstance(item, Scalar):
        if item.is_null:
            ctx.error(item.pos, f"{what}中有空的列表项")
            return None
        return [InputParagraph(t) for t in read_paragraphs(ctx, item, what)]
    if not isinstance(item, Mapping) or not ("heading" in item or "lead" in item):
        ctx.error(item.pos, f"{what}的列表项应为段落文字、{{heading, body}}（小标题块）或"
                            f"{{lead, text}}（分项块），这里是{describe(item)}")
        return None
    if depth >= levels:
        ctx.error(item.pos, f"{what}的小标题层级过深：本格式在章节下最多 {levels} 级小标题")
        return None
    if "heading" in item:
        check_keys(ctx, item, _HEADING_KEYS, {"heading", "body"}, f"{what}的小标题块")
        heading_node, body_node = item.get("heading"), item.get("body")
        heading = read_text(ctx, heading_node, "小标题") if heading_node else None
        if heading:
            check_own_number(ctx, heading, "小标题")
        body = read_content(ctx, body_node, f"{what}的小标题下的内容", levels, depth + 1) \
            if body_node else []
        return InputHeading(heading, body) if heading else None
    check_keys(ctx, item, _LEAD_KEYS, {"lead"}, f"{what}的分项块")
    lead_node, text_node = item.get("lead"), item.get("text")
    lead = read_text(ctx, lead_node, "分项标题") if lead_node else None
    if lead:
        check_own_number(ctx, lead, "分项标题")
    text = None
    if text_node is not None and not (isinstance(text_node, Scalar) and text_node.is_null):
        text = read_text(ctx, text_node, "分项正文")
    return InputLead(lead, text) if lead else None
