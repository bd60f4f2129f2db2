"""The DOCX writer: a layout document → a GB/T 9704 Word file that Word, WPS and LibreOffice agree on."""

from __future__ import annotations

import io

import docx

from govreport.layout.document import Document
from govreport.writers.docx.body import add_blocks, setup_page
from govreport.writers.docx.package import (
    deterministic_zip,
    replace_template_parts,
    set_core_properties,
)


def render_docx(document: Document) -> bytes:
    """The DOCX bytes of a layout document; the same document always gives the same bytes."""
    doc = docx.Document()
    replace_template_parts(doc, document.meta.author)
    setup_page(doc)
    add_blocks(doc, document.blocks)
    set_core_properties(doc, document.meta)
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue(), document.meta.date)
