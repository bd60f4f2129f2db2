"""Web pages as site CMSs publish a report (TRS, Hanweb and the like), made from a report's
layout for the import tests.

What such a page looks like: a page of site navigation, a breadcrumb, the article in a
`TRS_Editor` box, its title bold and centred, paragraphs indented with `text-indent:2em` or
full-width spaces, headings bold (一、) or in 楷体 (（一）), tables with `border="1"`, rowspan
and colspan, empty cells written `&nbsp;`, the sign-off right-aligned, then a footer with
"打印本页 关闭窗口" and the site's ICP number; the whole page in GBK (older sites) or UTF-8.
"""

from __future__ import annotations

from html import escape

from govreport.layout import document as layout

FONT_FAMILY = {"heading2": "楷体_GB2312, 楷体", "heading1": "黑体"}

_CHROME_TOP = """<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> |
<a href="/hdjl/">互动交流</a></div>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li>政府信息公开</li><li>年度报告</li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div>
<table class="meta"><tr><td>索引号：</td><td>11360000MB1234567X/2025-00012</td><td>发布机构：</td><td>{organ}</td></tr>
<tr><td>发布日期：</td><td>2025-01-20</td><td>主题分类：</td><td>政府信息公开年报</td></tr></table>
"""
_CHROME_BOTTOM = """<div class="tools">【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="footer"><p>主办单位：青溪县人民政府办公室　　承办单位：青溪县大数据中心</p>
<p>网站标识码：3609000001　赣ICP备12345678号</p></div>
<script>var _hmt = _hmt || []; document.write("访问量统计");</script>
"""


def cms_page(doc: layout.Document, encoding: str = "utf-8", organ: str = "") -> bytes:
    """The document as a CMS article page, encoded as the site serves it."""
    charset = "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    title = escape(doc.meta.title)
    parts = [f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n<html><head>'
             f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
             f'<meta name="ArticleTitle" content="{title}">'
             f"<title>{title}_青溪县人民政府</title>"
             "<style>.TRS_Editor p{line-height:2em}</style></head><body>",
             _CHROME_TOP.format(organ=escape(organ or doc.meta.author)),
             '<div class="article"><div class="TRS_Editor">']
    for block in doc.blocks:
        parts.append(_block(block))
    parts.append("</div></div>")
    parts.append(_CHROME_BOTTOM)
    parts.append("</body></html>")
    return "\n".join(parts).encode("gb18030" if charset == "gb2312" else encoding)


def _runs(runs: list[layout.Run], paragraph_font: str) -> str:
    out = []
    for run in runs:
        text = escape(run.text)
        if run.font == "heading1":
            out.append(f"<strong>{text}</strong>")
        elif run.font != paragraph_font and run.font in FONT_FAMILY:
            out.append(f'<span style="font-family:{FONT_FAMILY[run.font]}">{text}</span>')
        else:
            out.append(text)
    return "".join(out)


def _block(block: layout.Block) -> str:
    if isinstance(block, layout.Paragraph):
        if block.style == "title":
            return ('<p style="text-align:center"><strong><span style="font-size:22pt">'
                    f"{escape(block.text)}</span></strong></p>")
        if block.style in ("table_title",):
            return f'<p style="text-align:center"><strong>{escape(block.text)}</strong></p>'
        if block.style == "attachment_label":
            return f"<p><strong>{escape(block.text)}</strong></p>"
        if block.style == "heading2":
            return (f'<p style="text-indent:2em"><span style="font-family:{FONT_FAMILY["heading2"]}">'
                    f"{escape(block.text)}</span></p>")
        return f"<p>　　{_runs(block.runs, 'body')}</p>"
    if isinstance(block, layout.Table):
        return _table(block)
    if isinstance(block, layout.Signoff):
        return (f'<p style="text-align:right">{escape(block.organ.text)}</p>'
                f'<p style="text-align:right">{escape(block.date.text)}</p>')
    if isinstance(block, layout.Blank):
        return "<p>&nbsp;</p>"
    return '<p style="page-break-after:always">&nbsp;</p>'


def _table(table: layout.Table) -> str:
    rows: dict[int, list[layout.TableCell]] = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c)
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="600" align="center">',
           "<tbody>"]
    for r in range(table.n_rows):
        out.append("<tr>")
        for c in sorted(rows.get(r, []), key=lambda c: c.col):
            spans = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + \
                    (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            text = escape(c.text) if c.text else "&nbsp;"
            out.append(f'<td{spans} valign="middle"><p align="center">'
                       f'<span style="font-size:10.5pt">{text}</span></p></td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def semantic_page(doc: layout.Document) -> bytes:
    """The document as govreport's own HTML is planned: <h1> title lines, <h2>/<h3> headings,
    run-in leads in <strong>, every table a <table> with <caption>, <thead>, th with scope,
    exact spans and `/` for 不适用, the sign-off in classed right-aligned paragraphs."""
    parts = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{escape(doc.meta.title)}</title></head><body><main><article>"]
    count = 0  # the title: the title lines the document opens with, as one <h1>
    while isinstance(doc.blocks[count], layout.Paragraph) and doc.blocks[count].style == "title":
        count += 1
    lines = [escape(b.text) for b in doc.blocks[:count] if isinstance(b, layout.Paragraph)]
    parts.append(f'<h1 class="title">{"<br>".join(lines)}</h1>')
    caption = ""
    for block in doc.blocks[count:]:
        if isinstance(block, layout.Paragraph):
            if block.style == "title":  # the attachment's title
                parts.append(f'<p style="text-align:center"><strong>{escape(block.text)}</strong></p>')
            elif block.style == "heading1":
                parts.append(f"<h2>{escape(block.text)}</h2>")
            elif block.style in ("heading2", "heading3", "heading4"):
                level = 3 + ("heading2", "heading3", "heading4").index(block.style)
                parts.append(f"<h{level}>{escape(block.text)}</h{level}>")
            elif block.style == "table_title":
                caption = block.text
            else:
                parts.append("<p>" + "".join(
                    f"<strong>{escape(r.text)}</strong>" if r.font != "body" else escape(r.text)
                    for r in block.runs) + "</p>")
        elif isinstance(block, layout.Table):
            parts.append(_semantic_table(block, caption))
            caption = ""
        elif isinstance(block, layout.Signoff):
            parts.append(f'<p class="signoff" style="text-align:right">{escape(block.organ.text)}</p>'
                         f'<p class="date" style="text-align:right">{escape(block.date.text)}</p>')
    parts.append("</article></main></body></html>")
    return "\n".join(parts).encode("utf-8")


def _semantic_table(table: layout.Table, caption: str) -> str:
    rows: dict[int, list[layout.TableCell]] = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c)
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    for r in range(table.n_rows):
        if r == 0 and table.header_rows:
            out.append("<thead>")
        if r == table.header_rows:
            out.append("</thead><tbody>" if table.header_rows else "<tbody>")
        cells = []
        for c in sorted(rows.get(r, []), key=lambda c: c.col):
            spans = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + \
                    (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            if c.role in ("header", "caption", "note"):
                cells.append(f'<th scope="col"{spans}>{escape(c.text)}</th>')
            elif c.role in ("label", "group"):
                cells.append(f'<th scope="row"{spans}>{escape(c.text)}</th>')
            else:
                cells.append(f"<td{spans}>{escape(c.text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)
