"""The page's stylesheet, translated from the layout document's styles: each paragraph style
and cell role becomes a class with its font chain, size, alignment and indents; the page
becomes the print stylesheet's A4 `@page`.

Sizes are relative (em of the body size), so the page reads at a screen size (18 px body
text) and prints at the document's own (3号, 16 pt). Fonts are named as in the DOCX, followed
by the names the same families have on other systems and the open substitutes (the font
policy of `govreport.fonts.families`), then a generic family: no web fonts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from govreport.fonts.families import PREFERENCES
from govreport.layout.build import TITLE_CHARS_PER_LINE
from govreport.layout.document import Document
from govreport.layout.style import (
    BODY_PT,
    CELL_PADDING_MM,
    MM_PER_PT,
    TABLE_LINE_PT,
    TABLE_PT,
    CellStyle,
    ParagraphStyle,
)

SCREEN_BODY_PX = 18  # body text on screen; print uses the document's size
PHONE_BODY_PX = 16  # on screens narrower than PHONE_MAX_PX
PHONE_MAX_PX = 480
SCREEN_MAX_EM = 42  # the article's width on a wide screen, in body characters
CELL_PADDING_EM = 0.2  # above and below a cell's lines, in em of the table text
_STYLE_WORDS = re.compile(r"\s+(Regular|Bold|SemiBold|Black|Heavy|Medium|Light)$")
_GENERIC = {"serif": "serif", "sans": "sans-serif"}


def font_stack(role: str) -> str:
    """A CSS font-family list for a font role: the official family first."""
    pref = PREFERENCES[role]
    names: list[str] = []
    for name in (*pref.official, *pref.substitutes):
        family = _STYLE_WORDS.sub("", name)  # "FandolSong Bold" is the family FandolSong
        if family not in names:
            names.append(family)
    return ", ".join([*(f'"{n}"' for n in names), _GENERIC[pref.default]])


def _family(role: str) -> str:
    return f"var(--font-{role})"


def _em(value: float) -> str:
    return f"{round(value, 4):g}em"


def table_em(width_mm: float) -> float:
    """A length in em of the table text (五号): tables keep their printed proportions."""
    return width_mm / (TABLE_PT * MM_PER_PT)


def _paragraph_rule(selector: str, style: ParagraphStyle) -> str:
    rules = [f"font-family: {_family(style.font)}",
             f"font-size: {_em(style.size_pt / BODY_PT)}",
             f"line-height: {round(style.line_pt / style.size_pt, 4):g}",
             f"text-align: {style.align}"]
    if style.first_indent_chars < 0:  # a hanging first line: the indent is the left margin
        rules.append(f"padding-left: {_em(style.left_indent_chars)}")
        rules.append(f"text-indent: {_em(style.first_indent_chars)}")
    else:
        if style.left_indent_chars:
            rules.append(f"padding-left: {_em(style.left_indent_chars)}")
        rules.append(f"text-indent: {_em(style.first_indent_chars)}")
    if PREFERENCES[style.font].weight >= 600:  # the heavy title: a bold face where there is
        rules += ["font-weight: 700", "font-synthesis: none"]  # one, never a smeared one
    else:
        rules.append("font-weight: normal")
    if style.keep_with_next:
        rules.append("break-after: avoid")
    return f"{selector} {{ {'; '.join(rules)}; }}"


def paragraph_selector(key: str, style: ParagraphStyle) -> str:
    """The element a paragraph style is written as: h2… for outline levels, else a p."""
    if key == "title":
        return "h1"
    if style.outline_level is not None:
        return f"h{min(style.outline_level + 2, 6)}"
    return "p"


def _paragraph_rules(styles: Mapping[str, ParagraphStyle]) -> list[str]:
    out = []
    for key, style in styles.items():
        tag = paragraph_selector(key, style)
        if key == "body":  # the default of every paragraph, and of the sign-off's lines
            selector = ".report p, .report .signoff-block"
        elif tag == "p":
            selector = f".report p.{key}"
        else:
            selector = f".report {tag}"
        out.append(_paragraph_rule(selector, style))
    return out


def _run_rules(styles: Mapping[str, ParagraphStyle]) -> list[str]:
    """A run set in another role than its paragraph's (a run-in lead): its font, no bold."""
    roles = sorted({s.font for s in styles.values()})
    return [f".report .f-{role} {{ font-family: {_family(role)}; font-weight: normal; }}"
            for role in roles]


def _cell_rules(cell_styles: Mapping[str, CellStyle]) -> list[str]:
    return [f".report .c-{role} {{ font-family: {_family(s.font)}; text-align: {s.align}; }}"
            for role, s in cell_styles.items()]


def stylesheet(document: Document) -> str:
    page = document.page
    title = document.paragraph_styles["title"]
    padding = _em(table_em(CELL_PADDING_MM))
    roles = sorted({s.font for s in document.paragraph_styles.values()}
                   | {s.font for s in document.cell_styles.values()})
    fonts = "; ".join(f"--font-{role}: {font_stack(role)}" for role in roles)
    parts = [
        f":root {{ {fonts}; }}",
        "html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }",
        "body { margin: 0; background: #fff; color: #000; }",
        f".report {{ box-sizing: border-box; max-width: {SCREEN_MAX_EM}em; margin: 0 auto; "
        f"padding: 2em 1em 3em; font-size: {SCREEN_BODY_PX}px; text-autospace: normal; "
        "overflow-wrap: break-word; }",
        ".report h1, .report h2, .report h3, .report h4, .report h5, .report h6, .report p "
        "{ margin: 0; }",
        *_paragraph_rules(document.paragraph_styles),
        *_run_rules(document.paragraph_styles),
        f".report .blank {{ height: {round(document.paragraph_styles['body'].line_pt / BODY_PT, 4):g}em; }}",
        ".report .page-break { margin: 2em 0; border-top: 1px dashed #999; }",
        # Tables: as wide as the article, never narrower than their printed proportions at
        # 五号; a table wider than the screen scrolls inside its box, not the page.
        ".report .table-box { max-width: 100%; overflow-x: auto; margin: 0.5em 0; }",
        # Shadows at an edge where the table goes on (they scroll with it): a reader sees that
        # a table scrolls without a script.
        ".report .table-box { background: linear-gradient(to right, #fff 30%, #fff0), "
        "linear-gradient(to left, #fff 30%, #fff0) 100% 0, "
        "radial-gradient(farthest-side at 0 50%, #0003, #0000), "
        "radial-gradient(farthest-side at 100% 50%, #0003, #0000) 100% 0; "
        "background-repeat: no-repeat; background-size: 2em 100%, 2em 100%, 0.75em 100%, "
        "0.75em 100%; background-attachment: local, local, scroll, scroll; }",
        f".report table {{ border-collapse: collapse; width: 100%; "
        f"font-size: {_em(TABLE_PT / BODY_PT)}; line-height: {round(TABLE_LINE_PT / TABLE_PT, 4):g}; }}",
        f".report th, .report td {{ border: 1px solid #000; padding: {CELL_PADDING_EM:g}em {padding}; "
        "vertical-align: middle; font-weight: normal; text-indent: 0; }",
        ".report td.num { white-space: nowrap; }",
        *_cell_rules(document.cell_styles),
        # The section heading or table title printed just before names the table: the caption
        # is for screen readers and programs (a visible one would repeat it).
        ".report caption { position: absolute; width: 1px; height: 1px; overflow: hidden; "
        "clip-path: inset(50%); white-space: nowrap; }",
        ".report .signoff-block { text-align: right; text-indent: 0; }",
        ".report .signoff-block p { text-align: inherit; text-indent: 0; }",
        ".report .signoff-lines { display: inline-block; }",
        ".report .signoff-lines p { text-align: left; }",
        # A title line the layout kept whole stays whole on a phone: its size follows the width.
        f"@media (max-width: {PHONE_MAX_PX}px) {{ .report {{ font-size: {PHONE_BODY_PX}px; }} "
        f".report h1 {{ font-size: min({_em(title.size_pt / BODY_PT)}, "
        f"calc((100vw - 2em) / {TITLE_CHARS_PER_LINE})); }} }}",
        f"@page {{ size: A4; margin: {page.top_mm:g}mm {page.right_mm:g}mm {page.bottom_mm:g}mm "
        f"{page.left_mm:g}mm; }}",
        "@media print {",
        f"  .report {{ max-width: none; padding: 0; font-size: {BODY_PT:g}pt; }}",
        f"  .report h1 {{ font-size: {_em(title.size_pt / BODY_PT)}; }}",
        "  .report .table-box { background: none; }",
        "  .report .table-box { overflow: visible; }",
        "  .report table { min-width: 0 !important; }",
        "  .report th, .report td { border-width: 0.5pt; }",
        "  .report tr { break-inside: avoid; }",
        # A table that fits a page stays whole (Chromium will not break a merged label such as
        # 三、本年度办理结果 and would leave the header rows alone at a page's end); a longer
        # one breaks between rows, its header rows repeated.
        "  .report table.whole { break-inside: avoid; }",
        "  .report tr.keep, .report .keep { break-after: avoid; }",
        "  .report h1, .report h2, .report h3, .report h4, .report h5, .report h6 "
        "{ break-after: avoid; }",
        "  .report .page-break { break-before: page; margin: 0; border: 0; }",
        "}",
    ]
    return "\n".join(parts)
