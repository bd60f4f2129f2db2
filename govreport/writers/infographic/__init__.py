"""The 图解 writers (`--to png`, `--to svg`): the year's key figures as one long image.

Evaluators of the annual reports give credit for a 图解; websites and 政务新媒体 post it as one
image 1080 px wide. It reads the figures from the report (`govreport.keyfigures`), last year's
beside them when `previous:` names a usable report, lays them out (`layout.py`) and draws them
in the report's resolved fonts: the PNG with Pillow (`png.py`), the SVG with matplotlib
(`svg.py`), imported only when an image is drawn. The preflight finds characters that no font
of a role's chain can draw (GLYPH), as the PDF's does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from govreport.position import Pos

if TYPE_CHECKING:
    from govreport.findings import Finding
    from govreport.fonts import ResolvedFont
    from govreport.layout.document import Document
    from govreport.model import Text
    from govreport.writers import WriterOptions
    from govreport.writers.infographic.picture import Picture

MAX_REPORTED = 50


class InfographicWriter:
    """The 图解 in one image format (`fmt`: "png" or "svg")."""

    name = ""
    suffix = ""

    library = ""  # the module that draws this format, checked for when the writer is made

    def __init__(self, options: WriterOptions | None = None) -> None:
        self.font_choices: Mapping[str, str] = dict(options.fonts) if options else {}
        require(self.library)

    @property
    def fonts(self) -> Mapping[str, ResolvedFont]:
        from govreport.fonts import resolved_fonts

        return resolved_fonts(self.font_choices)

    def picture(self, document: Document) -> Picture:
        from govreport.keyfigures import key_figures
        from govreport.model import format_date
        from govreport.writers.infographic.layout import lay_out

        report = document.report
        assert report is not None, "the 图解 needs the report the document was laid out from"
        figures = key_figures(report, document.last_year, document.meta.title)
        signed = None
        if report.signoff is not None and report.signoff.date is not None:
            signed = (report.signoff_organ, format_date(report.signoff.date))
        lines = [p.text for p in document.paragraphs() if p.style == "title"]
        return lay_out(figures, lines or [document.meta.title], signed)

    def preflight(self, document: Document) -> list[Finding]:
        """GLYPH for each character of the image no font of its role's chain has, placed
        where the input has it (the organ, the title, a label of a legacy table)."""
        from govreport.findings import error

        fonts, out = self.fonts, []
        seen: set[tuple[str, str]] = set()
        for label in self.picture(document).labels():
            chain = fonts[label.role].chain
            for ch in chain.missing_chars(label.text):
                if (ch, label.role) in seen:
                    continue
                seen.add((ch, label.role))
                out.append(error("GLYPH", _where(document, ch), _message(ch, fonts[label.role])))
                if len(out) >= MAX_REPORTED:
                    return out
        return out

    def render(self, document: Document) -> bytes:
        import importlib

        module = importlib.import_module(f"govreport.writers.infographic.{self.name}")
        return module.render(self.picture(document), self.fonts,
                             f"{document.meta.title}（图解）", document.meta.author)

    def warm_up(self) -> None:
        """Import the drawing library here, so that forked workers start ready."""
        import importlib

        importlib.import_module(f"govreport.writers.infographic.{self.name}")
        importlib.import_module(self.library)


class PngWriter(InfographicWriter):
    name = "png"
    suffix = ".png"
    library = "PIL.ImageDraw"
    cost = 5.0  # next to the others' (render_cost): drawing and compressing 3 million pixels


class SvgWriter(InfographicWriter):
    name = "svg"
    suffix = ".svg"
    library = "matplotlib.backends.backend_svg"
    cost = 25.0  # matplotlib: importing it alone takes longer than the whole PDF


PACKAGES = {"PIL": "pillow>=10.1", "matplotlib": "matplotlib>=3.9"}


def require(library: str) -> None:
    """Raise WriterUnavailable (Chinese) when the package of `library` is not installed
    (looked up, not imported)."""
    import importlib.util

    package = library.split(".")[0]
    try:
        found = importlib.util.find_spec(package)
    except (ImportError, ValueError):  # a broken install, or blocked in sys.modules
        found = None
    if found is None:
        from govreport.writers import WriterUnavailable

        raise WriterUnavailable(f"生成图解（png、svg）需要 {package}："
                                f"请运行 pip install '{PACKAGES[package]}'")


def _where(document: Document, ch: str) -> Pos:
    """The first place the input has `ch` among the texts the image shows."""
    report = document.report
    texts: list[Text] = []
    if report is not None:
        texts = [*report.title, *([report.organ] if report.organ else [])]
        if report.signoff is not None and report.signoff.organ is not None:
            texts.append(report.signoff.organ)
        if report.stats is not None:
            texts += [r.label for r in report.stats.rows]
            texts += [r.unit for r in report.stats.rows if getattr(r, "unit", None)]
        texts += [s.heading for s in report.sections if s.key is None]
    for text in texts:
        at = text.value.find(ch)
        if at >= 0:
            return text.pos_at(at)
    return Pos(document.source, 1, 1)


def _message(ch: str, font: ResolvedFont) -> str:
    from govreport.fonts import ROLE_LABELS

    role = ROLE_LABELS.get(font.role, font.role)
    chain = "、".join(f"“{f.family}”" for f in font.chain.fonts)
    return (f"字符“{ch}”（U+{ord(ch):04X}）在图解{role}所用的字体{chain}中都没有字形，"
            f"图解中会显示为空白方框；请用 --font {font.role}=字体文件 指定包含该字的字体，"
            f"或改写这个字")
