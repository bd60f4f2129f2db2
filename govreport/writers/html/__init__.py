"""The HTML writer: the layout document as one self-contained web page for a government
website's 信息公开年报 column — the 政府网站 meta tags, headings, the statistics tables with
their exact merged cells, a print stylesheet. Standard library only; no script, no outside
resource."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govreport.layout.document import Document
    from govreport.writers import WriterOptions


class HtmlWriter:
    name = "html"
    suffix = ".html"

    def __init__(self, options: WriterOptions | None = None) -> None:
        self.options = options

    def render(self, document: Document) -> bytes:
        from govreport.writers.html.page import render_html

        return render_html(document)
