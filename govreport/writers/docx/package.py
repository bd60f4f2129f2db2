"""The DOCX package around the body: template parts replaced or dropped, properties, a
byte-identical zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from govreport.layout.document import Meta
from govreport.writers.docx import parts

# Parts of python-docx's template that a report does not use.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DROPPED_DOCUMENT_RELS = {RT.CUSTOM_XML, _STYLES_WITH_EFFECTS, RT.WEB_SETTINGS, RT.NUMBERING, RT.THEME}
_DROPPED_PACKAGE_RELS = {RT.THUMBNAIL}
BEIJING = dt.timezone(dt.timedelta(hours=8))


def replace_template_parts(doc: DocxDocument, company: str) -> None:
    """Swap in our styles, fonts, settings and app properties; drop what we do not use."""
    document_part = doc.part
    for rel_id, rel in list(document_part.rels.items()):
        if rel.reltype in _DROPPED_DOCUMENT_RELS:
            document_part.drop_rel(rel_id)
        elif rel.reltype == RT.STYLES:
            rel.target_part._element = parse_xml(parts.styles_xml().encode("utf-8"))
        elif rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = parts.font_table_xml().encode("utf-8")
        elif rel.reltype == RT.SETTINGS:
            rel.target_part._element = parse_xml(parts.settings_xml().encode("utf-8"))
    package = document_part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in _DROPPED_PACKAGE_RELS:
            package.rels.pop(rel_id)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = parts.app_xml(company).encode("utf-8")


def set_core_properties(doc: DocxDocument, meta: Meta) -> None:
    """Title, author, subject, keywords and dates from the report; nothing from the template."""
    cp = doc.core_properties
    cp.title = meta.title
    cp.author = meta.author
    cp.last_modified_by = meta.author
    cp.subject = meta.subject
    cp.keywords = "; ".join(meta.keywords)
    cp.language = meta.language
    cp.comments = ""
    cp.category = ""
    cp.content_status = ""
    cp.identifier = ""
    cp.version = ""
    cp.revision = 1
    stamp = signoff_timestamp(meta.date)
    cp.created = stamp
    cp.modified = stamp
    cp.last_printed = stamp


def signoff_timestamp(date: dt.date) -> dt.datetime:
    """Noon in Beijing on the sign-off date, as the naive UTC python-docx writes with a Z."""
    local = dt.datetime(date.year, date.month, date.day, 12, tzinfo=BEIJING)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def deterministic_zip(data: bytes, date: dt.date) -> bytes:
    """Rewrite the package with fixed member timestamps and order: same input, same bytes."""
    stamp = (max(date.year, 1980), date.month, date.day, 12, 0, 0)
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
