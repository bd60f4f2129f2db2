"""The DOCX writer: a layout document → a GB/T 9704 Word file that Word, WPS and LibreOffice
agree on, for clerks to edit, sign and seal. python-docx is imported only when rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govreport.layout.document import Document
    from govreport.writers import WriterOptions


class DocxWriter:
    name = "docx"
    suffix = ".docx"
    cost = 3.0  # next to the others' (render_cost): python-docx's import and the package

    def __init__(self, options: WriterOptions | None = None) -> None:
        self.options = options

    def render(self, document: Document) -> bytes:
        from govreport.writers.docx.writer import render_docx

        return render_docx(document)

    def warm_up(self) -> None:
        """Import python-docx and make the package template, so that forked workers start ready."""
        from govreport.writers.docx.package import new_package

        new_package()
