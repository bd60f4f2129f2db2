"""The XLSX writer: the report's statistics tables as a workbook for 统计报送 — one sheet per
table in the official layout, numbers as numbers, totals as live formulas, table 3's 勾稽关系
as a check row — and the reading back of such a workbook (`reading.read_tables`).
xlsxwriter is imported only when rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govreport.layout.document import Document
    from govreport.writers import WriterOptions


class XlsxWriter:
    name = "xlsx"
    suffix = ".xlsx"

    def __init__(self, options: WriterOptions | None = None) -> None:
        self.options = options

    def render(self, document: Document) -> bytes:
        from govreport.writers.xlsx.workbook import render_xlsx

        return render_xlsx(document)

    def warm_up(self) -> None:
        import govreport.writers.xlsx.workbook  # noqa: F401
