"""The input's optional `publish` block: the website the report goes on (contract v2).

Its three values only reach the HTML's 政府网站 meta tags, but a typo there is as invisible on
the page as it is harmful to the site's statistics, so each is checked for its shape: a bare
domain (no `http://`, no path), a 10-character 网站标识码.
"""

from __future__ import annotations

import re

from govreport.findings import short
from govreport.formats import common
from govreport.model import InputPublish, Text
from govreport.reader.context import Context
from govreport.reader.keys import check_keys
from govreport.reader.values import describe, read_text
from govreport.yamltree import Mapping, Node

# 政府网站标识码: 10 characters, digits for local governments (3607240001), two letters and
# eight digits for State Council departments (bm04000001).
_SITE_ID_CODE = re.compile(r"^[0-9A-Za-z]{10}$")
# A host name: labels of letters (any script: 中文域名 too), digits and hyphens between dots.
_DOMAIN = re.compile(r"^(?:[^\s./:@?#]+\.)+[^\s./:@?#]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def read_publish(ctx: Context, node: Node) -> InputPublish | None:
    if not isinstance(node, Mapping):
        ctx.error(node.pos, "发布网站（publish）应为映射 {site_name: …, site_domain: …, "
                            f"site_id_code: …}}，这里是{describe(node)}")
        return None
    spec = common()["publish"]
    check_keys(ctx, node, {k: v["title"] for k, v in spec.items()}, set(), "publish")
    out = InputPublish()
    if (value := node.get("site_name")) is not None:
        out.site_name = read_text(ctx, value, "网站名称（publish.site_name）")
    if (value := node.get("site_domain")) is not None:
        out.site_domain = _checked(ctx, read_text(ctx, value, "网站域名（publish.site_domain）"),
                                   _domain_problem)
    if (value := node.get("site_id_code")) is not None:
        out.site_id_code = _checked(ctx, read_text(ctx, value, "网站标识码（publish.site_id_code）"),
                                    _id_code_problem)
    return out


def _checked(ctx: Context, text: Text | None, problem) -> Text | None:
    if text is None:
        return None
    message = problem(text.value)
    if message is None:
        return text
    ctx.error(text.pos, message)
    return None


def _domain_problem(value: str) -> str | None:
    shown = short(value, 40)
    if _SCHEME.match(value):
        return f"网站域名（publish.site_domain）只写域名，不写 http:// 或 https://，这里是“{shown}”"
    if not _DOMAIN.match(value):
        return (f"网站域名（publish.site_domain）应为域名，如 www.qingxi.gov.cn（不含路径、端口和空格），"
                f"这里是“{shown}”")
    return None


def _id_code_problem(value: str) -> str | None:
    if _SITE_ID_CODE.match(value):
        return None
    return (f"网站标识码（publish.site_id_code）应为 10 位字母或数字，如 3607240001，"
            f"这里是“{short(value, 40)}”（{len(value)} 个字符）")
