"""Keep a heading with the first lines of the next paragraph or rows of the next table, not
with all of it.

Why: reportlab implements ``keepWithNext`` by wrapping the heading and the next flowable in
``KeepTogether``, which moves both to the next page whenever the whole paragraph does not
fit, leaving up to a page of blank lines. GB/T 9704 pages should be full (22 lines), so a
heading only needs the next ``MIN_LINES`` lines beside it. Install with
``doc.keepTogetherClass = KeepWithLines`` on the ``BaseDocTemplate``.

``MIN_LINES`` is 1, as in the DOCX: its paragraphs have ``keepNext`` and no widow control,
and Word and LibreOffice then keep a heading with the first line of what follows. With 2 the
PDF moved a heading that the DOCX kept at the foot of a page, and the two paginated
differently from there on (measured on a legacy report with a long statistics table).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.tables import GridTable


class KeepWithLines(KeepTogether):
    """KeepTogether that lets a trailing GridParagraph split once ``MIN_LINES`` lines fit, and
    a trailing GridTable once the rows it must open with fit."""

    MIN_LINES = 1

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """Move the group on only if the kept flowables plus ``MIN_LINES`` lines do not fit."""
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        *kept, last = self._content
        if aH >= self._H or not kept or not isinstance(last, (GridParagraph, GridTable)):
            return super().split(aW, aH)
        frame = getattr(self, "_frame", None)
        if getattr(frame, "_atTop", False) or self._needed(kept, last, aW) <= aH:
            return list(self._content)
        return [self.FrameBreak(), *self._content]

    def _opening(self, last: GridParagraph | GridTable, aW: float) -> float:
        """What must follow the kept flowables on their page: the first lines of a paragraph,
        or the rows a table opens with."""
        if isinstance(last, GridTable):
            return last.first_part_height(aW)
        return last.height_of(self.MIN_LINES)

    def _needed(self, kept: list[Flowable], last: GridParagraph | GridTable, aW: float) -> float:
        """Height of the kept flowables and the opening of ``last`` (attached spaces merge)."""
        total, after = 0.0, None
        for f in [*kept, last]:
            if after is not None:
                total += max(after, f.getSpaceBefore())
            total += f.height if f is not last else self._opening(last, aW)
            after = f.getSpaceAfter()
        return total
