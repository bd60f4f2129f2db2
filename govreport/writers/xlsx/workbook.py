"""The layout document's tables as one workbook, with the same bytes for the same document.

xlsxwriter writes the zip members with a fixed timestamp (in memory); the document properties
(title, author, organ, keywords) come from the layout's `Meta`, and the creation and
modification dates are noon in Beijing on the sign-off date, as in the DOCX.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

from govreport.layout.document import Document
from govreport.writers.xlsx.placement import sheet_name
from govreport.writers.xlsx.sheet import NOTE_FONT, write_tables

BEIJING = dt.timezone(dt.timedelta(hours=8))
NO_TABLES = "本报告没有统计表。"


def _timestamp(date: dt.date) -> dt.datetime:
    """Noon in Beijing on `date`, as the naive UTC time xlsxwriter writes with a Z."""
    local = dt.datetime(date.year, date.month, date.day, 12, tzinfo=BEIJING)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def render_xlsx(document: Document) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False})
    meta = document.meta
    stamp = _timestamp(meta.date)
    workbook.set_properties({
        "title": meta.title, "subject": meta.subject, "author": meta.author,
        "manager": "", "company": meta.organ, "keywords": ", ".join(meta.keywords),
        "comments": meta.description, "created": stamp,
    })
    workbook.set_custom_property("language", meta.language)
    tables = document.tables()
    if tables:
        taken: set[str] = set()
        names = {}
        for i, t in enumerate(tables):
            names[i] = sheet_name(t.short_title, t.name, taken)
            taken.add(names[i])
        write_tables(workbook, document, names)
    else:  # a legacy report may have no statistics: say so rather than leave a bare sheet
        sheet = workbook.add_worksheet(sheet_name("", "说明", set()))
        sheet.set_column(0, 0, 40)
        sheet.write_string(0, 0, meta.title, workbook.add_format({"font_name": NOTE_FONT}))
        sheet.write_string(1, 0, NO_TABLES, workbook.add_format({"font_name": NOTE_FONT}))
    workbook.close()
    return buffer.getvalue()
