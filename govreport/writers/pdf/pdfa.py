"""PDF/A-2b for archives: reportlab's PDF made conformant with pikepdf's `pikepdf.pdfa`.

reportlab has no PDF/A mode (typography.md §3.6). Its output already embeds every font (the
canvas starts in the body font, never in Helvetica); what PDF/A-2b adds is an XMP packet that
declares the conformance (pdfaid part 2, level B) and agrees with the document information,
the sRGB output intent, and no `/Trans` (reportlab writes an empty one on every page, which the
allow-list validator refuses to approve). `pikepdf.pdfa.prepare` does the first two with the
sRGB profile pikepdf ships; it stamps its own name and the clock into the XMP, which are set
back here to govreport and the sign-off date, so that the same input still gives the same
bytes (with qpdf's deterministic document id).

pikepdf's validator (`validate`) is an allow-list: it approves only what it recognises, so
an approval can be trusted. It reads every glyph the pages use (~1 s for a 15-page report, more
than rendering it), so builds do not run it: the tests validate every example and fixture, and
`govreport verify --pdfa` validates a published bundle's PDF. A build checks, before saving,
what could change from one report to the next: every font embedded.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govreport.layout.document import Meta

FLAVOUR = "2b"
PRODUCER = "govreport"
BEIJING = dt.timezone(dt.timedelta(hours=8))
SIGNED_AT = dt.time(12, 0, tzinfo=BEIJING)  # the PDF's dates: noon in Beijing on the sign-off date


class PdfaError(RuntimeError):
    """The PDF could not be made PDF/A-2b; the message says why, in Chinese."""


def require_pikepdf() -> None:
    """Raise WriterUnavailable (Chinese) when pikepdf's validator is not installed."""
    try:
        import pikepdf.pdfa  # noqa: F401
    except ImportError as exc:
        from govreport.writers import WriterUnavailable

        raise WriterUnavailable(f"生成 PDF/A 需要 pikepdf（含 pikepdf.pdfa，10.14 及以上）：{exc}；"
                        "请运行 pip install 'pikepdf[pdfa]>=10.14'") from None


def to_pdfa(pdf_bytes: bytes, meta: Meta) -> bytes:
    """The PDF/A-2b version of reportlab's `pdf_bytes` for a document with `meta`."""
    require_pikepdf()
    import pikepdf
    from pikepdf import Name, pdfa

    stamp = dt.datetime.combine(meta.date, SIGNED_AT).isoformat()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            if Name.Trans in page.obj:
                del page.obj[Name.Trans]
        _require_embedded_fonts(pdf)
        pdfa.prepare(pdf, FLAVOUR)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["xmp:MetadataDate"] = stamp
            xmp["pdf:Producer"] = PRODUCER
            xmp["dc:language"] = {meta.language}
        pdf.docinfo[Name.Producer] = PRODUCER
        out = io.BytesIO()
        pdf.save(out, **pdfa.resolve_save_kwargs(FLAVOUR, deterministic_id=True))
    return out.getvalue()


def validate(pdf_bytes: bytes) -> list[str]:
    """pikepdf's PDF/A-2b verdict on a file: [] when it passes, else its findings."""
    require_pikepdf()
    from pikepdf import pdfa

    report = pdfa.validate_written(io.BytesIO(pdf_bytes), FLAVOUR)
    return [] if report.passed else [str(f) for f in report.findings] or [report.verdict]


def _require_embedded_fonts(pdf: object) -> None:
    """Every font the pages use carries its program: PDF/A forbids a font the viewer supplies
    (reportlab's Helvetica, a built-in CID font)."""
    from pikepdf import Dictionary, Name

    for number, page in enumerate(pdf.pages, 1):  # type: ignore[attr-defined]
        fonts = page.obj.get(Name.Resources, Dictionary()).get(Name.Font, Dictionary())
        for font in fonts.values():
            descendants = font.get(Name.DescendantFonts)
            for face in [font] if descendants is None else list(descendants):
                descriptor = face.get(Name.FontDescriptor)
                if descriptor is None or not any(
                        key in descriptor for key in (Name.FontFile, Name.FontFile2, Name.FontFile3)):
                    raise PdfaError(f"第 {number} 页用了未嵌入的字体 {face.get(Name.BaseFont)}，"
                                    "PDF/A 要求嵌入所有字体")
