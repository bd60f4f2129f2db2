"""Matching a published table's cells to a format's table by their row and column labels.

The format's grid (`templates/*.yaml`, read by `govreport.formats`) says, for every value
cell, which labels stand to its left and above it. A published table is walked the same way
(`grid.contexts`); its labels are mapped onto the format's (exactly in canonical form, else
the closest official label, which is then reported), and each of the format's cells takes the
published cell with the same nearest labels and the most of the same further ones. Split
cells, extra columns, a table cut into parts and a caption printed outside the table all
leave the labels in place, so they all read the same.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from govreport.formats import FormatDef, GridCell, MatrixTable, RecordTable, get_format
from govreport.importer.grid import contexts
from govreport.importer.source import SourceCell, SourceTable, cell_where
from govreport.importer.text import canonical, is_numeric_text

_PAREN_TAIL = re.compile(r"(?<=.)\([^()]*\)$")
_NUMBER_HEAD = re.compile(r"^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d+\.)")
_FUZZY_RATIO = 0.8


@dataclass(frozen=True)
class Slot:
    """One value cell of a format's table: what it is called and what it holds."""

    table: str
    path: str
    kind: str
    computed: bool
    rows: tuple[str, ...]  # canonical row labels, nearest first
    cols: tuple[str, ...]  # canonical column labels, nearest first


@dataclass(frozen=True)
class FormatTable:
    """A format's table as the matcher sees it: its slots and its label vocabularies."""

    key: str
    definition: RecordTable | MatrixTable
    slots: tuple[Slot, ...]
    row_labels: dict[str, str]  # canonical → official spelling
    col_labels: dict[str, str]


def format_tables(fmt: FormatDef) -> tuple[FormatTable, ...]:
    """Every gridded table of a format (tables 2, 3 and 4), prepared for matching."""
    return _format_tables(fmt.id)


@functools.cache
def _format_tables(format_id: str) -> tuple[FormatTable, ...]:
    fmt = get_format(format_id)
    out = []
    for key, table in fmt.tables.items():
        if isinstance(table, (RecordTable, MatrixTable)) and table.grid is not None:
            out.append(_format_table(key, table))
    return tuple(out)


def _format_table(key: str, table: RecordTable | MatrixTable) -> FormatTable:
    assert table.grid is not None
    cells: list[GridCell] = list(table.grid.cells)
    is_value = [c.value is not None for c in cells]
    kinds = ({f.path: f.type for f in table.fields()} if isinstance(table, RecordTable) else {})
    slots, row_labels, col_labels = [], {}, {}
    for i, ctx in contexts(cells, is_value).items():
        c = cells[i]
        assert c.value is not None
        rows = tuple(canonical(cells[j].text or "") for j in ctx.row)
        cols = tuple(canonical(cells[j].text or "") for j in ctx.col)
        row_labels.update({canonical(cells[j].text or ""): cells[j].text or "" for j in ctx.row})
        col_labels.update({canonical(cells[j].text or ""): cells[j].text or "" for j in ctx.col})
        kind = kinds.get(c.value, getattr(table, "cell_type", "count"))
        slots.append(Slot(key, c.value, kind, c.role == "computed", rows, cols))
    return FormatTable(key, table, tuple(slots), row_labels, col_labels)


@dataclass(frozen=True)
class Found:
    """The published cell a format's cell was matched to."""

    cell: SourceCell
    table: SourceTable
    rivals: tuple[SourceCell, ...] = ()  # other non-empty cells with the same labels

    @property
    def where(self) -> str:
        return self.cell.where or cell_where(self.table.where, self.cell.row, self.cell.col)


@dataclass
class LabelVariant:
    """A published label that is not spelled as the format spells it."""

    published: str
    official: str
    where: str


@dataclass
class TableMatch:
    """How a format's table was found in the published tables."""

    table: FormatTable
    found: dict[str, Found] = field(default_factory=dict)  # slot path → cell
    sources: list[SourceTable] = field(default_factory=list)
    variants: list[LabelVariant] = field(default_factory=list)
    unmatched: list[tuple[SourceTable, SourceCell]] = field(default_factory=list)
    """Published cells holding a number that no cell of the format takes."""

    @property
    def score(self) -> int:
        return len(self.found)


@dataclass
class _SourceSlot:
    table: SourceTable
    cell: SourceCell
    rows: tuple[str, ...]
    cols: tuple[str, ...]


class _Labels:
    """Published labels mapped onto one vocabulary of official labels (row or column)."""

    def __init__(self, official: dict[str, str]) -> None:
        self.official = official
        self.by_stripped: dict[str, list[str]] = {}
        for c in official:
            for form in _reduced_forms(c):
                self.by_stripped.setdefault(form, []).append(c)
        self.cache: dict[str, str | None] = {}

    def map(self, label: str) -> str | None:
        """The official label (canonical) a published one (canonical) stands for, if any."""
        if label in self.cache:
            return self.cache[label]
        found = self._map(label)
        self.cache[label] = found
        return found

    def _map(self, label: str) -> str | None:
        if not label:
            return None
        if label in self.official:
            return label
        for form in _reduced_forms(label):
            hits = set(self.by_stripped.get(form, ()))
            if len(hits) == 1:
                return hits.pop()
        contained = [c for c in self.official
                     if min(len(c), len(label)) >= 4 and (label in c or c in label)]
        if len(contained) == 1:
            return contained[0]
        scored = sorted(((difflib.SequenceMatcher(None, label, c).ratio(), c)
                         for c in self.official), reverse=True)
        if scored and scored[0][0] >= _FUZZY_RATIO and (
                len(scored) == 1 or scored[1][0] < scored[0][0]):
            return scored[0][1]
        return None


def _reduced_forms(label: str) -> list[str]:
    """A label without a trailing note in brackets, without its number, and without both."""
    no_tail = _PAREN_TAIL.sub("", label)
    no_number = _NUMBER_HEAD.sub("", label)
    both = _NUMBER_HEAD.sub("", no_tail)
    return [f for f in dict.fromkeys((no_tail, no_number, both)) if f and f != label] + (
        [label] if label else [])


def _source_slots(table: SourceTable, rows: _Labels, cols: _Labels,
                  variants: list[LabelVariant]) -> list[_SourceSlot]:
    cells = table.cells
    is_value = [is_numeric_text(c.text) for c in cells]
    out = []
    for i, ctx in contexts(cells, is_value).items():
        out.append(_SourceSlot(table, cells[i],
                               _mapped(cells, ctx.row, rows, table, variants),
                               _mapped(cells, ctx.col, cols, table, variants)))
    return out


def _mapped(cells: list[SourceCell], indices: Iterable[int], labels: _Labels, table: SourceTable,
            variants: list[LabelVariant]) -> tuple[str, ...]:
    out = []
    for j in indices:
        published = canonical(cells[j].text)
        official = labels.map(published)
        if official is None:
            out.append("\x00" + published)  # never equal to an official label
            continue
        if official != published and not any(v.published == cells[j].text for v in variants):
            variants.append(LabelVariant(cells[j].text, labels.official[official], cells[j].where
                                         or cell_where(table.where, cells[j].row, cells[j].col)))
        out.append(official)
    return tuple(out)


def match_table(ftable: FormatTable, sources: list[SourceTable]) -> TableMatch:
    """Find every cell of a format's table in the published tables given."""
    result = TableMatch(ftable, sources=list(sources))
    rows, cols = _Labels(ftable.row_labels), _Labels(ftable.col_labels)
    published = [s for t in sources for s in _source_slots(t, rows, cols, result.variants)]
    by_leaves: dict[tuple[str | None, str | None], list[_SourceSlot]] = {}
    for s in published:
        key = (s.rows[0] if s.rows else None, s.cols[0] if s.cols else None)
        by_leaves.setdefault(key, []).append(s)
    taken: set[int] = set()
    for slot in ftable.slots:
        key = (slot.rows[0] if slot.rows else None, slot.cols[0] if slot.cols else None)
        best = _best(slot, [s for s in by_leaves.get(key, []) if id(s.cell) not in taken])
        if best is None:
            continue
        chosen, rivals = best
        taken.add(id(chosen.cell))
        result.found[slot.path] = Found(chosen.cell, chosen.table, tuple(r.cell for r in rivals))
        taken.update(id(r.cell) for r in rivals)
    for s in published:
        if id(s.cell) not in taken and s.cell.text.strip():
            result.unmatched.append((s.table, s.cell))
    return result


def _best(slot: Slot, candidates: list[_SourceSlot]
          ) -> tuple[_SourceSlot, list[_SourceSlot]] | None:
    """The candidate whose further labels agree most with the slot's; with its rivals (other
    candidates as good, when they hold numbers too)."""
    wanted = set(slot.rows[1:]) | set(slot.cols[1:])
    scored = []
    for s in candidates:
        have = set(s.rows[1:]) | set(s.cols[1:])
        known_extra = {label for label in have - wanted if not label.startswith("\x00")}
        score = len(have & wanted) - len(known_extra)
        if score < 0 and not have & wanted:
            continue
        scored.append((score, s))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    best = [s for score, s in scored if score == top]
    filled = [s for s in best if s.cell.text.strip()]
    chosen = filled[0] if filled else best[0]
    rivals = [s for s in filled if s is not chosen]
    return chosen, rivals


def match_format(fmt: FormatDef, sources: list[SourceTable]) -> tuple[float, list[TableMatch]]:
    """How well the published tables fit a format (an F-score of cells matched both ways),
    and each of the format's tables matched against the published tables that fit it best."""
    ftables = format_tables(fmt)
    if not ftables or not sources:
        return 0.0, [TableMatch(t) for t in ftables]
    # Each published table goes to the format table that finds most of its cells in it (a
    # cell found by both its labels is enough: table 2 printed as four small tables has
    # blocks of one number).
    assigned: dict[str, list[SourceTable]] = {t.key: [] for t in ftables}
    for source in sources:
        scores = [(match_table(t, [source]).score, t.key) for t in ftables]
        score, key = max(scores)
        if score >= 1:
            assigned[key].append(source)
    matches = [match_table(t, assigned[t.key]) for t in ftables]
    slots = sum(len(m.table.slots) for m in matches)
    found = sum(m.score for m in matches)
    values = found + sum(len(m.unmatched) for m in matches)
    if not found:
        return 0.0, matches
    precision, recall = found / max(values, 1), found / slots
    return 2 * precision * recall / (precision + recall), matches
