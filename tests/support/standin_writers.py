"""Stand-ins for the HTML and XLSX writers while those are built on another branch: `publish`
finds its writers by output name in the registry, and these give it an `html` and an `xlsx`
to find (registered by entry point in a subprocess, or in `BUILTIN` in this process). They are
real writers of simple outputs, not the published formats: the page's paragraphs, and the
tables' cells as tab-separated lines."""

from __future__ import annotations

import html
from pathlib import Path

STANDINS = {"html": "tests.support.standin_writers:HtmlStandIn",
            "xlsx": "tests.support.standin_writers:XlsxStandIn"}


class HtmlStandIn:
    name = "html"
    suffix = ".html"

    def __init__(self, options):
        self.options = options

    def render(self, document):
        body = "".join(f"<p>{html.escape(p.text)}</p>\n" for p in document.paragraphs())
        page = (f'<!DOCTYPE html>\n<html lang="zh-CN"><meta charset="utf-8">'
                f"<title>{html.escape(document.meta.title)}</title>\n{body}</html>\n")
        return page.encode("utf-8")


class XlsxStandIn:
    name = "xlsx"
    suffix = ".xlsx"

    def __init__(self, options):
        self.options = options

    def render(self, document):
        rows = []
        for table in document.tables():
            by_row: dict[int, list[str]] = {}
            for cell in table.cells:
                by_row.setdefault(cell.row, []).append(cell.text)
            rows += ["\t".join(cells) for _, cells in sorted(by_row.items())]
        return ("\n".join(rows) + "\n").encode("utf-8")


def install_standins(site: Path) -> Path:
    """A folder with a distribution whose entry points register the stand-ins, as pip would
    lay it out in site-packages; put it and the repository on PYTHONPATH."""
    info = site / "govreport_standins-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: govreport-standins\nVersion: 0.1\n", encoding="utf-8")
    lines = "".join(f"{name} = {target}\n" for name, target in STANDINS.items())
    (info / "entry_points.txt").write_text(f"[govreport.writers]\n{lines}", encoding="utf-8")
    return site
