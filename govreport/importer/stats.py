"""A legacy report's statistics table (指标 · 计量单位 · one column per period), read by its
header row: there is no fixed grid to match, only the columns the table names itself."""

from __future__ import annotations

from govreport.formats import AMOUNT, StatsTable
from govreport.importer import imported as im
from govreport.importer.source import SourceCell, SourceTable, cell_where
from govreport.importer.text import canonical, read_number

_UNIT_HEADERS = ("单位", "计量单位")
_SERIAL_HEADERS = ("序号", "编号")


def read_stats(table: SourceTable, title: str | None, attachment: bool,
               definition: StatsTable) -> im.Stats:
    rows: dict[int, list[SourceCell]] = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c)
    ordered = [sorted(rows[r], key=lambda c: c.col) for r in sorted(rows)]
    n_cols = table.n_cols
    header = ordered[0] if ordered else []
    texts = [canonical(c.text) for c in header]
    first = 1 if texts and texts[0] in _SERIAL_HEADERS else 0
    label_col = header[first].col if len(header) > first else 0
    unit_col = next((c.col for c, t in zip(header, texts, strict=True)
                     if t in _UNIT_HEADERS), None)
    after = unit_col if unit_col is not None else label_col
    value_cells = [c for c in header if c.col > after]
    columns = [c.text for c in value_cells]
    notes: list[im.Note] = []
    if tuple(columns) == definition.default_columns:
        columns = []
    stats = im.Stats(title, attachment, columns, [], notes)
    for cells in ordered[1:]:
        by_col = {c.col: c for c in cells}
        label = by_col.get(label_col)
        if label is None:
            continue
        others = [c for c in cells if c is not label and c.text.strip()]
        if label.colspan >= n_cols - label_col or (not others and label.colspan > 1):
            if label.text.strip():
                stats.rows.append(im.StatsRow(group=label.text))
            continue
        unit = by_col.get(unit_col) if unit_col is not None else None
        values = []
        for head in value_cells:
            cell = _covering(cells, head.col)
            where = cell_where(table.where, label.row, head.col)
            if cell is None:
                values.append(im.Value(read_number("", AMOUNT, True), where))
            else:
                values.append(im.Value(read_number(cell.text, AMOUNT, True), where))
        stats.rows.append(im.StatsRow(label=label.text, unit=(unit.text or None) if unit else None,
                                      values=values))
    if not value_cells:
        notes.append(im.Note("统计表没有可识别的表头（指标、计量单位、数值列），请核对", table.where))
    return stats


def _covering(cells: list[SourceCell], col: int) -> SourceCell | None:
    return next((c for c in cells if c.col <= col < c.col + c.colspan), None)
