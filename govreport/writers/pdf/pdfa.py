"""PDF/A-2b for archives: reportlab's PDF made conformant with pikepdf.

reportlab has no PDF/A mode (typography.md §3.6). Its output already embeds every font (the
canvas starts in the body font, never in Helvetica); PDF/A-2b adds an XMP packet that declares
the conformance (pdfaid part 2, level B) and repeats the document information, the sRGB output
intent (the profile pikepdf ships; nothing is vendored here), and no `/Trans` (reportlab writes
an empty one on every page). The XMP dates are the sign-off date's, as the document
information's are, and qpdf's deterministic document id replaces reportlab's: the same input
gives the same bytes.

pikepdf's `pikepdf.pdfa.prepare` does the same, but importing `pikepdf.pdfa` loads its
validator (0.4 s, jsonschema and fontTools' CFF code: a third of a whole build), so the three
steps are done here with pikepdf's core. The validator is the judge: `validate` runs it. It is
an allow-list (it approves only what it recognises, so an approval can be trusted) and reads
every glyph the pages use (~1 s for a 15-page report, more than rendering it), so builds do
not run it: the tests validate every example and fixture, and `govreport verify --pdfa`
validates a published bundle's PDF. A build checks what could change from one report to the
next: every font embedded.
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
SRGB = ("pdfa", "data", "sRGB.icc")  # inside the pikepdf package


class PdfaError(RuntimeError):
    """The PDF could not be made PDF/A-2b; the message says why, in Chinese."""


def require_pikepdf() -> None:
    """Raise WriterUnavailable (Chinese) when pikepdf is not installed. Only looked up:
    importing it (0.1 s) is left to the render, which a one-file build runs beside others."""
    import importlib.util

    try:
        found = importlib.util.find_spec("pikepdf") is not None
    except (ImportError, ValueError):  # not installed, or blocked in sys.modules
        found = False
    if not found:
        from govreport.writers import WriterUnavailable

        raise WriterUnavailable("生成 PDF/A 需要 pikepdf（含 pikepdf.pdfa，10.14 及以上）；"
                                "请运行 pip install 'pikepdf[pdfa]>=10.14'")


def to_pdfa(pdf_bytes: bytes, meta: Meta) -> bytes:
    """The PDF/A-2b version of reportlab's `pdf_bytes` for a document with `meta`."""
    import pikepdf
    from pikepdf import Name

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            if Name.Trans in page.obj:
                del page.obj[Name.Trans]
        _require_embedded_fonts(pdf)
        _add_output_intent(pdf)
        _declare(pdf, meta)
        out = io.BytesIO()
        # The settings pikepdf.pdfa pins for PDF/A: no rewriting of content or metadata.
        pdf.save(out, deterministic_id=True, compress_streams=True, qdf=False,
                 normalize_content=False, fix_metadata_version=False, preserve_pdfa=True,
                 stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _add_output_intent(pdf: object) -> None:
    """The one output intent of PDF/A: GTS_PDFA1 with the sRGB profile pikepdf ships."""
    from importlib import resources

    from pikepdf import Array, Dictionary, Name, Stream, String

    profile = Stream(pdf, resources.files("pikepdf").joinpath(*SRGB).read_bytes())
    profile[Name.N] = 3
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFA1,
                        OutputConditionIdentifier=String("sRGB"), Info=String("sRGB"),
                        DestOutputProfile=profile)
    pdf.Root[Name.OutputIntents] = Array([pdf.make_indirect(intent)])  # type: ignore[attr-defined]


def _declare(pdf: object, meta: Meta) -> None:
    """The XMP packet: the document's title, author, subject, keywords and dates (what the
    document information says: pikepdf sets it from the packet, so the two agree), its
    language and the PDF/A-2b declaration."""
    stamp = dt.datetime.combine(meta.date, SIGNED_AT).isoformat()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:  # type: ignore[attr-defined]
        xmp["dc:title"] = meta.title
        xmp["dc:creator"] = [meta.author]
        xmp["dc:description"] = meta.subject
        xmp["pdf:Keywords"] = ", ".join(meta.keywords)
        xmp["xmp:CreatorTool"] = xmp["pdf:Producer"] = PRODUCER
        xmp["xmp:CreateDate"] = xmp["xmp:ModifyDate"] = xmp["xmp:MetadataDate"] = stamp
        xmp["dc:language"] = {meta.language}
        xmp["pdfaid:part"] = FLAVOUR[0]
        xmp["pdfaid:conformance"] = FLAVOUR[1].upper()


def validate(pdf_bytes: bytes) -> list[str]:
    """pikepdf's PDF/A-2b verdict on a file: [] when it passes, else its findings.
    WriterUnavailable (Chinese) when the validator's own packages are not installed."""
    import importlib

    try:
        pdfa = importlib.import_module("pikepdf.pdfa")
    except ImportError as exc:  # pikepdf without its [pdfa] extra (jsonschema, referencing)
        from govreport.writers import WriterUnavailable

        raise WriterUnavailable(f"校验 PDF/A 需要 pikepdf 的校验模块：{exc}；"
                                "请运行 pip install 'pikepdf[pdfa]>=10.14'") from None

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
