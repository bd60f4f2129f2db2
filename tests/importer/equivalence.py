"""What "importing a build gives back its input" means: the two files print the same document.

Comments, key order and the spelling of a table row (a list of 6, of 7 with its 总计, or a
mapping) are the clerk's freedom; what a published report can give back is what it prints.
So the imported file and the original are laid out (`build_document`) and compared block by
block: every paragraph's style and text with the font of each stretch, every table cell's
place, span, role and printed value, the sign-off, and the document properties. `previous` is
not printed, so it is the one key an import cannot give back. A PDF draws a no-break space as
a space (quanyang's seed text has one), so `pdf` compares the two as the same character.
"""

from __future__ import annotations

from pathlib import Path

from govreport.api import load
from govreport.layout import document as layout
from govreport.layout.build import build_document


def printed(path: Path, pdf: bool = False) -> list[tuple]:
    """The document a report file prints, as comparable tuples."""
    if pdf:
        return [_spaces(block) for block in printed(path)]
    doc = build_document(load(path))
    out: list[tuple] = [("meta", doc.meta.title, doc.meta.author, doc.meta.date)]
    for block in doc.blocks:
        if isinstance(block, layout.Paragraph):
            runs: list[list[str]] = []
            for run in block.runs:  # where a lead ends inside one font is not printed
                if runs and runs[-1][0] == run.font:
                    runs[-1][1] += run.text
                else:
                    runs.append([run.font, run.text])
            out.append(("paragraph", block.style, tuple(map(tuple, runs))))
        elif isinstance(block, layout.Table):
            out.append(("table", block.widths_mm, tuple(
                (c.row, c.col, c.rowspan, c.colspan, c.role, c.text) for c in block.cells)))
        elif isinstance(block, layout.Signoff):
            out.append(("signoff", block.organ.text, block.date.text))
        elif isinstance(block, layout.Blank):
            out.append(("blank", block.lines))
        else:
            out.append((type(block).__name__,))
    return out


def first_difference(a: list[tuple], b: list[tuple]) -> str:
    """A readable account of where two printed documents part, for assertion messages."""
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"block {i}:\n  original: {str(x)[:400]}\n  imported: {str(y)[:400]}"
    return f"lengths differ: {len(a)} blocks, {len(b)} blocks"


def _spaces(block: object) -> object:
    if isinstance(block, str):
        return block.replace("\u00a0", " ")
    if isinstance(block, tuple):
        return tuple(_spaces(item) for item in block)
    return block
