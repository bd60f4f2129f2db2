"""What an import found, shaped like the input file it becomes, with a note wherever the
source could not be read with certainty (each note becomes a YAML comment at its key and an
IMPORT warning that names the place in the source)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from govreport.importer.text import CellReading


@dataclass(frozen=True)
class Note:
    """Something the clerk must look at: what, and where in the source (第3页表格第5行第2列)."""

    message: str
    where: str


@dataclass
class Para:
    text: str
    notes: list[Note] = field(default_factory=list)


@dataclass
class HeadingBlock:
    heading: str
    body: list[Block]
    notes: list[Note] = field(default_factory=list)


@dataclass
class LeadBlock:
    lead: str
    text: str | None
    notes: list[Note] = field(default_factory=list)


Block = Para | HeadingBlock | LeadBlock


@dataclass
class Section:
    """A section's body; `key` for the fixed sections of gov-*, `heading` for legacy ones."""

    key: str | None
    heading: str
    body: list[Block]
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Value:
    """A table value read from a cell (or found missing), and where."""

    reading: CellReading
    where: str


@dataclass
class Table:
    """A gov table (2, 3 or 4): values by input path (`rules.issued`, `new.total`)."""

    key: str
    values: dict[str, Value] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    row_notes: dict[str, list[Note]] = field(default_factory=dict)  # by item or row path


@dataclass
class StatsRow:
    label: str | None = None
    unit: str | None = None
    values: list[Value] = field(default_factory=list)
    group: str | None = None
    notes: list[Note] = field(default_factory=list)


@dataclass
class Stats:
    """A legacy report's statistics table."""

    title: str | None
    attachment: bool
    columns: list[str]
    rows: list[StatsRow]
    notes: list[Note] = field(default_factory=list)


@dataclass
class Signoff:
    organ: str | None
    date: dt.date | None
    notes: list[Note] = field(default_factory=list)


@dataclass
class ImportedReport:
    source: str
    kind: str  # DOCX, PDF, HTML
    format: str
    organ: str | None = None
    year: int | None = None
    title: str | list[str] | None = None
    preface: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    stats: Stats | None = None
    signoff: Signoff | None = None
    notes: dict[str, list[Note]] = field(default_factory=dict)  # by top-level key
    header_notes: list[Note] = field(default_factory=list)  # about the whole source

    def note(self, key: str, message: str, where: str) -> None:
        self.notes.setdefault(key, []).append(Note(message, where))
