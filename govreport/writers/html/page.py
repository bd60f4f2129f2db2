"""The layout document as one HTML page: head with the 政府网站 meta tags, the blocks in order.

Meta tags follow the 政府网站网页设计规范 of 国办发〔2017〕47号: ArticleTitle, PubDate,
ContentSource, Keywords, Description, ColumnName and ColumnType (信息公开年报), and SiteName,
SiteDomain, SiteIDCode from the input's `publish` block, each left out when unknown. PubDate is
`YYYY-MM-DD HH:MM`: the sign-off date at 09:00 (a report states a date, not a time; a fixed
time keeps the bytes the same), left out when the report has no sign-off.

Blocks translate one to one: the title's lines are one `h1`; paragraphs whose style has an
outline level are `h2`…`h5` (一、, （一）, 1., （1）); others are `p` with their style key as
class; a run in another font role than its paragraph's (a run-in lead) is a `strong` of that
role's class; blank lines keep their height; a page break is a rule on screen and a page
break in print; the sign-off keeps the GB/T 9704 indents the layout computed.
"""

from __future__ import annotations

import itertools
from html import escape

from govreport.layout.document import (
    Blank,
    Document,
    PageBreak,
    Paragraph,
    Run,
    Signoff,
    Table,
)
from govreport.layout.style import text_width
from govreport.writers.html.style import paragraph_selector, stylesheet
from govreport.writers.html.tables import table_html

PUBLISH_TIME = "09:00"
COLUMN = "信息公开年报"  # ColumnName and ColumnType: the column every report is published in


def meta_tags(document: Document) -> list[tuple[str, str]]:
    """(name, content) of every meta tag the page carries, in order."""
    meta = document.meta
    tags = [("ArticleTitle", meta.title)]
    if meta.signoff_date is not None:
        tags.append(("PubDate", f"{meta.signoff_date.isoformat()} {PUBLISH_TIME}"))
    tags += [("ContentSource", meta.organ), ("Keywords", ",".join(meta.keywords)),
             ("Description", meta.description), ("ColumnName", COLUMN), ("ColumnType", COLUMN)]
    if meta.publish is not None:
        tags += [("SiteName", meta.publish.site_name), ("SiteDomain", meta.publish.site_domain),
                 ("SiteIDCode", meta.publish.site_id_code)]
    return [(name, value) for name, value in tags if value]  # unknown: left out


def _runs(runs: list[Run], paragraph_font: str) -> str:
    """Runs as text; consecutive runs in another font role (a lead's number and words) as one
    `strong` of that role's class."""
    out = []
    for font, group in itertools.groupby((r for r in runs if r.text), key=lambda r: r.font):
        text = escape("".join(r.text for r in group))
        out.append(text if font == paragraph_font else f'<strong class="f-{font}">{text}</strong>')
    return "".join(out)


class _Body:
    """Blocks → elements, counting the tables (their caption ids) and the title headings (the
    report's, then an attachment's)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.out: list[str] = []
        self.tables = 0
        self.titles = 0

    def paragraph(self, block: Paragraph) -> None:
        style = self.document.paragraph_styles[block.style]
        tag = paragraph_selector(block.style, style)
        classes = [] if block.style == "body" or tag != "p" else [block.style]
        if block.keep_with_next:
            classes.append("keep")
        cls = f' class="{" ".join(classes)}"' if classes else ""
        self.out.append(f"<{tag}{cls}>{_runs(block.runs, style.font)}</{tag}>")

    def title(self, lines: list[Paragraph]) -> None:
        """Consecutive title lines: one heading, its lines kept as the layout broke them."""
        style = self.document.paragraph_styles["title"]
        cls = "title" if self.titles == 0 else "attachment-title"
        self.titles += 1
        text = "<br>".join(_runs(p.runs, style.font) for p in lines)
        self.out.append(f'<h1 class="{cls}">{text}</h1>')

    def table(self, block: Table) -> None:
        self.tables += 1
        self.out.append(table_html(block, f"table-{self.tables}", self.document.page))

    def signoff(self, block: Signoff) -> None:
        organ, date = escape(block.organ.text), escape(block.date.text)
        if block.date_follows_organ:
            # The date is placed by its first character, a fixed distance right of the organ's
            # (the layout's indents assume half-width digits; the page's fonts may differ).
            shift = round(block.organ_right_chars + text_width(block.organ.text)
                          - block.date_right_chars - text_width(block.date.text), 4)
            self.out.append(
                f'<div class="signoff-block keep" style="padding-right: {block.organ_right_chars:g}em">'
                f'<div class="signoff-lines"><p class="signoff">{organ}</p>'
                f'<p class="date" style="padding-left: {shift:g}em">{date}</p>'
                "</div></div>")
        else:
            self.out.append(
                '<div class="signoff-block keep">'
                f'<p class="signoff" style="padding-right: {block.organ_right_chars:g}em">{organ}</p>'
                f'<p class="date" style="padding-right: {block.date_right_chars:g}em">{date}</p>'
                "</div>")

    def render(self) -> str:
        def is_title(block) -> bool:
            return isinstance(block, Paragraph) and block.style == "title"

        for title, group in itertools.groupby(self.document.blocks, key=is_title):
            if title:
                self.title(list(group))
                continue
            for block in group:
                if isinstance(block, Paragraph):
                    self.paragraph(block)
                elif isinstance(block, Blank):
                    self.out.extend(['<div class="blank" aria-hidden="true"></div>'] * block.lines)
                elif isinstance(block, PageBreak):
                    self.out.append('<div class="page-break" aria-hidden="true"></div>')
                elif isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Signoff):
                    self.signoff(block)
        return "\n".join(self.out)


def render_html(document: Document) -> bytes:
    """The page's bytes: the same document always gives the same bytes."""
    meta = document.meta
    head = ['<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(meta.title)}</title>"]
    head += [f'<meta name="{name}" content="{escape(value)}">'
             for name, value in meta_tags(document)]
    head.append(f"<style>\n{stylesheet(document)}\n</style>")
    page = ["<!DOCTYPE html>", f'<html lang="{escape(meta.language)}">', "<head>", *head,
            "</head>", "<body>", '<article class="report">', _Body(document).render(),
            "</article>", "</body>", "</html>", ""]
    return "\n".join(page).encode("utf-8")
