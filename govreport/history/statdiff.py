"""`govreport diff`: every statistic of two reports side by side, matched by the format files.

Statistics are matched by their key path in the format definitions (templates/*.yaml), never by
a label written in code:

- table 2 (record): a field is compared when both formats have the same path. gov-2019 and
  gov-2021 share no path there (their columns differ), so each side is listed on its own;
- tables 3 and 4 (matrix): rows by path, columns by key. When a path is one row in one format
  and a group of sub-rows in the other (`other`: one row in gov-2019, three in gov-2021),
  the group's side is the sum of its sub-rows, and the sub-rows are listed on their own too;
- a legacy statistics table has free rows: they are matched by label (and repeat count) and
  columns by position.

A jump (more than ×`FLAG_UP`) or a fall (below ×`FLAG_DOWN`) is flagged only when the larger
of the two values is at least `FLAG_MIN`: 1 → 6 applications is noise, 20 → 120 is not.
Signed values (`change` in gov-2019's table 2) are never flagged and get no percentage.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from govreport.formats import (
    SIGNED,
    MatrixTable,
    RecordTable,
    RowDef,
    TableDef,
    not_applicable_word,
)
from govreport.model import Cell, NotApplicable, Number, Report, Stats, StatsRow, TableValues

FLAG_UP = Decimal(5)
FLAG_DOWN = Decimal("0.2")
FLAG_MIN = 10
"""The larger of the two values must reach this for a flag (10 applications, 10 万元)."""


@dataclass(frozen=True)
class Stat:
    """One statistic in both reports. `old`/`new` is None where that report has no such cell."""

    table: str
    path: str
    row: str
    column: str
    old: Cell | None
    new: Cell | None
    change: int | Decimal | None = None
    percent: Decimal | None = None
    flag: str | None = None  # "jump" or "drop"
    notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class TableDiff:
    key: str
    title: str
    stats: list[Stat]


@dataclass(frozen=True)
class Comparison:
    old: Report
    new: Report
    old_label: str
    new_label: str
    tables: list[TableDiff] = field(default_factory=list)

    def stats(self) -> Iterator[Stat]:
        for t in self.tables:
            yield from t.stats


def compare(old: Report, new: Report) -> Comparison:
    """Every statistic of `old` and `new`, in the newer format's order."""
    labels = _side_labels(old, new)
    out = Comparison(old, new, *labels)
    keys = list(new.format.tables if new.format else ())
    keys += [k for k in (old.format.tables if old.format else ()) if k not in keys]
    for key in keys:
        old_def, new_def = old.table_def(key), new.table_def(key)
        maker = _Maker(key, *labels)
        if isinstance(old_def or new_def, RecordTable):
            stats = _record(maker, _record_or_none(old_def), _record_or_none(new_def),
                            old.tables.get(key), new.tables.get(key))
        elif isinstance(old_def or new_def, MatrixTable):
            stats = _matrix(maker, _matrix_or_none(old_def), _matrix_or_none(new_def),
                            old.tables.get(key), new.tables.get(key))
        else:
            stats = _stats_table(maker, old.stats, new.stats)
        if stats:
            out.tables.append(TableDiff(key, _title(key, new, old), stats))
    return out


def _side_labels(old: Report, new: Report) -> tuple[str, str]:
    if old.year is not None and new.year is not None and old.year != new.year:
        return f"{old.year}年度", f"{new.year}年度"
    return old.path.name, new.path.name


def _title(key: str, *reports: Report) -> str:
    """The table's heading: its section's numbered heading (二、…), else its title."""
    for r in reports:
        fmt = r.format
        if fmt is None or key not in fmt.tables:
            continue
        for i, s in enumerate(fmt.sections or ()):
            if s.table == key:
                return fmt.section_label(i, s.heading)
        return fmt.tables[key].title
    return key


def _record_or_none(t: TableDef | None) -> RecordTable | None:
    return t if isinstance(t, RecordTable) else None


def _matrix_or_none(t: TableDef | None) -> MatrixTable | None:
    return t if isinstance(t, MatrixTable) else None


def jump(old: Number, new: Number) -> tuple[str | None, str | None]:
    """A change the reader should look at: ("jump" or "drop", its note), or (None, None).
    As KIROGOVCOMPARE flags it: a ratio above ×`FLAG_UP` or below ×`FLAG_DOWN`, when the
    larger value reaches `FLAG_MIN`; counts only (not signed changes)."""
    if old < 0 or new < 0 or max(old, new) < FLAG_MIN:
        return None, None
    ratio = Decimal(new) / Decimal(old) if old else None
    if ratio is None or ratio > FLAG_UP:
        return "jump", f"大幅增加（×{ratio:.1f}）" if ratio else "大幅增加"
    if ratio < FLAG_DOWN:
        return "drop", f"大幅减少（×{ratio:.2f}）" if ratio else "大幅减少"
    return None, None


@dataclass(frozen=True)
class _Maker:
    """Builds `Stat`s for one table, with the change, percentage, flag and notes worked out."""

    table: str
    old_label: str
    new_label: str

    def __call__(self, path: str, row: str, column: str, old: Cell | None, new: Cell | None,
                 kind: str = "count", summed: str | None = None) -> Stat:
        notes: list[str] = []
        if summed:
            notes.append(f"{summed}为各小项之和")
        change = percent = flag = None
        if old is None or new is None:
            notes.append(f"{self.old_label if old is None else self.new_label}无此项")
        elif isinstance(old, NotApplicable) or isinstance(new, NotApplicable):
            both = isinstance(old, NotApplicable) and isinstance(new, NotApplicable)
            side = self.old_label if isinstance(old, NotApplicable) else self.new_label
            na = not_applicable_word()
            notes.append(na if both else f"{side}{na}")
        else:
            change = new - old
            if old > 0 and new >= 0:
                percent = Decimal(change) * 100 / Decimal(old)
            if old == 0 and new > 0:
                notes.append("新增")
            elif old > 0 and new == 0:
                notes.append("归零")
            if kind != SIGNED:
                flag, note = jump(old, new)
                if note:
                    notes.append(note)
        return Stat(self.table, path, row, column, old, new, change, percent, flag, tuple(notes))


def _value(tv: TableValues | None, path: str) -> Cell | None:
    v = tv.values.get(path) if tv is not None else None
    return v.value if v is not None else None


def _record(make: _Maker, old_def: RecordTable | None, new_def: RecordTable | None,
            old_tv: TableValues | None, new_tv: TableValues | None) -> list[Stat]:
    """Table 2: fields with the same path are compared; the others are listed alone."""
    fields = {}
    for d in (new_def, old_def):
        for item in d.items if d else ():
            for f in item.fields:
                fields.setdefault(f.path, (item.label, f))
    old_paths = {f.path for f in old_def.fields()} if old_def else set()
    new_paths = {f.path for f in new_def.fields()} if new_def else set()
    out = []
    for path, (item_label, f) in fields.items():
        old = _value(old_tv, path) if path in old_paths else None
        new = _value(new_tv, path) if path in new_paths else None
        out.append(make(path, item_label, f.label, old, new, f.type))
    return out


def _rows(new_rows: tuple[RowDef, ...], old_rows: tuple[RowDef, ...]
          ) -> Iterator[tuple[RowDef | None, RowDef | None]]:
    """Both formats' row trees walked together, the newer one's order first."""
    old_by_key = {r.key: r for r in old_rows}
    new_keys = {r.key for r in new_rows}
    for r in new_rows:
        o = old_by_key.get(r.key)
        yield r, o
        yield from _rows(r.children, o.children if o else ())
    for o in old_rows:
        if o.key not in new_keys:
            yield None, o
            yield from _rows((), o.children)


def _row_value(table: MatrixTable | None, tv: TableValues | None, row: RowDef | None,
               column: str) -> Cell | None:
    """A row's value in one column; a group's is the sum of its sub-rows."""
    if table is None or row is None:
        return None
    parts = [_value(tv, f"{leaf.path}.{column}") for leaf in table.leaves(row.path)]
    if any(p is None for p in parts):
        return None
    if any(isinstance(p, NotApplicable) for p in parts):
        return parts[0] if len(parts) == 1 else None
    return sum(parts)  # type: ignore[arg-type]


def _matrix(make: _Maker, old_def: MatrixTable | None, new_def: MatrixTable | None,
            old_tv: TableValues | None, new_tv: TableValues | None) -> list[Stat]:
    """Tables 3 and 4: every row that carries numbers on either side, in every column."""
    columns = {}
    for d in (new_def, old_def):
        for c in d.all_columns if d else ():
            columns.setdefault(c.key, c.label)
    out = []
    for new_row, old_row in _rows(new_def.rows if new_def else (), old_def.rows if old_def else ()):
        leaf_new = new_row is not None and not new_row.children
        leaf_old = old_row is not None and not old_row.children
        if not (leaf_new or leaf_old):
            continue
        summed = None
        if new_row is not None and old_row is not None and leaf_new != leaf_old:
            summed = make.new_label if new_row.children else make.old_label
        row = new_row or old_row
        assert row is not None
        for key, label in columns.items():
            out.append(make(f"{row.path}.{key}", row.full_label, label,
                            _row_value(old_def, old_tv, old_row, key),
                            _row_value(new_def, new_tv, new_row, key),
                            (new_def or old_def).cell_type, summed))  # type: ignore[union-attr]
    return out


def _stats_rows(stats: Stats | None) -> dict[tuple[str, int], StatsRow]:
    out: dict[tuple[str, int], StatsRow] = {}
    for row in stats.rows if stats else ():
        if isinstance(row, StatsRow):
            n = sum(1 for label, _ in out if label == row.label.value)
            out[(row.label.value, n)] = row
    return out


def _stats_table(make: _Maker, old: Stats | None, new: Stats | None) -> list[Stat]:
    """A legacy table: rows matched by label, columns by position."""
    old_rows, new_rows = _stats_rows(old), _stats_rows(new)
    keys = list(new_rows) + [k for k in old_rows if k not in new_rows]
    out = []
    for key in keys:
        o, n = old_rows.get(key), new_rows.get(key)
        width = max(len(o.values) if o else 0, len(n.values) if n else 0)
        for i in range(width):
            column = _column_label(new, i) or _column_label(old, i)
            row = key[0] + (f"（第 {key[1] + 1} 处）" if key[1] else "")
            out.append(make(f"{key[0]}#{key[1] + 1}.{i + 1}", row, column,
                            o.values[i].value if o and i < len(o.values) else None,
                            n.values[i].value if n and i < len(n.values) else None))
    return out


def _column_label(stats: Stats | None, i: int) -> str:
    if stats is None:
        return ""
    labels = [c.value for c in stats.columns] or list(stats.definition.default_columns)
    return labels[i] if i < len(labels) else ""
