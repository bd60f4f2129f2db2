"""The typed report: what a loaded input file says, with the position of every value.

Produced by `govreport.reader`, consumed by the checks and the layout stage. When the input has
errors and was read leniently (for `check`), values that could not be read are `None`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TypeGuard

from govreport.findings import Finding, has_errors
from govreport.formats import (
    FormatDef,
    MatrixTable,
    RecordTable,
    StatsTable,
    TableDef,
    not_applicable_word,
)
from govreport.position import Pos
from govreport.yamltree import Scalar


class NotApplicable:
    """The input's `不适用`: the organ has no such power. Printed `/`, distinct from 0."""

    _instance: NotApplicable | None = None

    def __new__(cls) -> NotApplicable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NA"

    def __reduce__(self) -> str:
        return "NA"


NA = NotApplicable()

Number = int | Decimal
Cell = Number | NotApplicable


def is_number(value: object) -> TypeGuard[Number]:
    """Whether a value can be added up: a number, not 不适用 or a missing cell."""
    return isinstance(value, (int, Decimal))


@dataclass(frozen=True)
class Text:
    """A piece of narrative text and a way back to the source position of each character.

    `segments` maps offsets in `value` to offsets in the scalar it was cut from: paragraphs are
    split at blank lines, lines are joined, and indentation typed by hand is removed.
    """

    value: str
    pos: Pos
    scalar: Scalar | None = field(default=None, compare=False, repr=False)
    segments: tuple[tuple[int, int], ...] = field(default=((0, 0),), compare=False, repr=False)

    def pos_at(self, offset: int) -> Pos:
        if self.scalar is None:
            return self.pos
        starts = [s for s, _ in self.segments]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        start, src = self.segments[i]
        return self.scalar.pos_at(src + offset - start)

    def __str__(self) -> str:
        return self.value


@dataclass
class InputParagraph:
    text: Text


@dataclass
class InputHeading:
    """A numbered sub-heading on its own line, then its body."""

    text: Text
    body: list[InputBlock]


@dataclass
class InputLead:
    """A run-in heading: number and lead in the heading style, then text in the body style."""

    lead: Text
    text: Text | None


InputBlock = InputParagraph | InputHeading | InputLead


@dataclass
class Section:
    """One numbered part of the report (一、…); `key` is None for free (legacy) sections."""

    key: str | None
    heading: Text
    body: list[InputBlock]
    table: str | None = None


@dataclass
class StatValue:
    """A table number: the value, where it was written (None if only computed), and whether given."""

    value: Cell
    pos: Pos | None
    given: bool = True


@dataclass
class TableValues:
    """The numbers of one statistics table, by path (`new.natural_person`, `rules.issued`)."""

    definition: RecordTable | MatrixTable
    pos: Pos
    values: dict[str, StatValue] = field(default_factory=dict)
    given_computed: dict[str, StatValue] = field(default_factory=dict)
    """Values the input gave for computed cells (总计): kept apart so the checks can compare."""
    row_pos: dict[str, Pos] = field(default_factory=dict)

    def number(self, path: str) -> Cell | None:
        v = self.values.get(path)
        return v.value if v else None


@dataclass
class StatsRow:
    label: Text
    unit: Text | None
    values: list[StatValue]


@dataclass
class StatsGroup:
    label: Text


@dataclass
class Stats:
    """A legacy report's free statistics table."""

    definition: StatsTable
    pos: Pos
    title: Text | None
    attachment: bool
    columns: list[Text]
    rows: list[StatsRow | StatsGroup]


@dataclass
class InputSignoff:
    organ: Text | None
    date: dt.date | None
    date_pos: Pos | None


@dataclass
class InputUnits:
    """A summary report's `units:` (v2): its unit reports as written, paths or globs relative
    to the file; `pos` is where the key stands (a cycle is reported there)."""

    pos: Pos
    entries: list[Text]


@dataclass
class InputPublish:
    """The input's `publish`: the website the report goes on, for the HTML's meta tags."""

    site_name: Text | None = None
    site_domain: Text | None = None
    site_id_code: Text | None = None


@dataclass
class Report:
    """A loaded report. `findings` holds what loading found (schema errors, encoding notes)."""

    path: Path
    name: str
    format: FormatDef | None
    organ: Text | None = None
    year: int | None = None
    title: list[Text] = field(default_factory=list)
    preface: list[InputBlock] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, TableValues] = field(default_factory=dict)
    stats: Stats | None = None
    signoff: InputSignoff | None = None
    previous: Path | None = None
    deadline: dt.date | None = None  # the input's own publication deadline (rule DEADLINE)
    units: InputUnits | None = None
    publish: InputPublish | None = None
    positions: dict[str, Pos] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    def pos(self, key: str) -> Pos:
        """Position of a top-level key's value (the file start when absent)."""
        return self.positions.get(key, Pos(self.name, 1, 1))

    def sibling_name(self, path: Path) -> str:
        """How messages name a file this report refers to (`previous:`, `units:`): relative to
        where this report was named, as the clerk would write it."""
        rel = os.path.relpath(path, self.path.parent)
        return os.path.normpath(os.path.join(os.path.dirname(self.name), rel))

    def table_def(self, key: str) -> TableDef | None:
        return self.format.tables.get(key) if self.format else None

    def texts(self) -> Iterator[Text]:
        """Every piece of text the document will print that came from the input, in order."""
        yield from self.title
        if self.organ:
            yield self.organ
        yield from iter_block_texts(self.preface)
        for section in self.sections:
            if section.key is None:
                yield section.heading
            yield from iter_block_texts(section.body)
        if self.stats:
            if self.stats.title:
                yield self.stats.title
            yield from self.stats.columns
            for row in self.stats.rows:
                yield row.label
                if isinstance(row, StatsRow) and row.unit:
                    yield row.unit
        if self.signoff and self.signoff.organ:
            yield self.signoff.organ

    @property
    def signoff_organ(self) -> str:
        if self.signoff and self.signoff.organ:
            return self.signoff.organ.value
        return self.organ.value if self.organ else ""


def iter_block_texts(blocks: list[InputBlock]) -> Iterator[Text]:
    for block in blocks:
        if isinstance(block, InputParagraph):
            yield block.text
        elif isinstance(block, InputHeading):
            yield block.text
            yield from iter_block_texts(block.body)
        else:
            yield block.lead
            if block.text:
                yield block.text


def format_date(d: dt.date) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, no zero padding: 2025年1月20日."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_number(value: Cell) -> str:
    """A table number as printed: `/` for 不适用, decimals with the places the clerk wrote."""
    if isinstance(value, NotApplicable):
        return "/"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(value: Cell | None, missing: str) -> str:
    """A value as the input spells it (不适用 as the word, not the printed `/`), for text that
    quotes the clerk's numbers: `diff` tables, `init --from` rows; `missing` for no value."""
    if value is None:
        return missing
    return not_applicable_word() if isinstance(value, NotApplicable) else format_number(value)
