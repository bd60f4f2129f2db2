"""The PDF writer: the layout document set on the GB/T 9704 grid with every font embedded, for
publishing; PDF/A-2b for archives with `WriterOptions.pdfa` (`pdfa.py`). Its preflight finds
the characters no font can draw (GLYPH) and those a fallback font draws (FALLBACK). reportlab
(and pikepdf, for PDF/A) are imported only when rendering."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from govreport.position import Pos

if TYPE_CHECKING:
    from govreport.findings import Finding
    from govreport.fonts import ResolvedFont
    from govreport.layout.document import Document
    from govreport.writers import WriterOptions


PDFA_COST = 3.0  # added to the PDF's: pikepdf's import, rewriting and saving the file


class PdfWriter:
    name = "pdf"
    suffix = ".pdf"
    cost = 8.0  # next to the others' (render_cost): line breaking, tables, subsetting and compressing the fonts

    def __init__(self, options: WriterOptions | None = None) -> None:
        self.font_choices: Mapping[str, str] = dict(options.fonts) if options else {}
        self.pdfa = bool(options and options.pdfa)
        if self.pdfa:  # a missing pikepdf is a usage error before any file is built
            self.cost = self.cost + PDFA_COST
            from govreport.writers.pdf.pdfa import require_pikepdf

            require_pikepdf()

    @property
    def fonts(self) -> Mapping[str, ResolvedFont]:
        """Each role's font (and chain); raises `govreport.fonts.FontError` (Chinese)."""
        from govreport.fonts import resolved_fonts

        return resolved_fonts(self.font_choices)

    def preflight(self, document: Document) -> list[Finding]:
        from govreport.writers.pdf.glyphs import borrowed_glyphs, missing_glyphs

        start = Pos(document.source, 1, 1)
        missing = missing_glyphs(document, self.fonts, start)
        if missing:
            return missing
        borrowed = borrowed_glyphs(document, self.fonts, start)
        return [borrowed] if borrowed else []

    def render(self, document: Document) -> bytes:
        from govreport.lazyregex import import_lazily

        import_lazily("reportlab.platypus")
        from govreport.fonts import register_reportlab_fonts
        from govreport.writers.pdf.fontset import PdfFonts
        from govreport.writers.pdf.writer import render_pdf

        fonts = self.fonts
        data = render_pdf(document, PdfFonts(register_reportlab_fonts(fonts), fonts))
        if not self.pdfa:
            return data
        from govreport.writers.pdf.pdfa import to_pdfa

        return to_pdfa(data, document.meta)

    def warm_up(self) -> None:
        """Import reportlab and register the fonts here, so that forked workers start ready."""
        from govreport.lazyregex import import_lazily

        import_lazily("reportlab.platypus")
        import govreport.writers.pdf.writer  # noqa: F401
        from govreport.fonts import register_reportlab_fonts

        register_reportlab_fonts(self.fonts)
        if self.pdfa:
            import pikepdf.pdfa  # noqa: F401

    def notes(self) -> list[str]:
        """One line saying which roles use substitutes for the official fonts, if any."""
        from govreport.fonts import OFFICIAL_FAMILY, ROLE_LABELS

        used = [f"{ROLE_LABELS[role]}用“{f.family}”代替“{OFFICIAL_FAMILY[role]}”"
                for role, f in self.fonts.items() if f.origin in ("substitute", "default")]
        if not used:
            return []
        return ["PDF 使用了替代字体（本机未安装正式字体）：" + "；".join(used)
                + "。可用 govreport fonts 查看详情。"]
