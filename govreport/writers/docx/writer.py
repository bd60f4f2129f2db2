"""Rendering a layout document as a DOCX package (python-docx for the package, our parts)."""

from __future__ import annotations

from govreport.layout.document import Document
from govreport.writers.docx.body import add_blocks, setup_page
from govreport.writers.docx.package import (
    new_package,
    package_bytes,
    replace_default_parts,
    set_core_properties,
)


def render_docx(document: Document) -> bytes:
    """The DOCX bytes of a layout document; the same document always gives the same bytes."""
    doc = new_package()
    replace_default_parts(doc, document)
    setup_page(doc, document)
    add_blocks(doc, document)
    set_core_properties(doc, document.meta)
    return package_bytes(doc, document.meta.date)
