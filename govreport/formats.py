"""Format definitions: the data files in `templates/`, read into typed, validated objects.

A format file names the sections, the input fields of each statistics table with their official
labels, the arithmetic rules, and the printed grid of every table. Code never holds a label;
adding a format means adding one file here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from govreport.numbering import number_label

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

COUNT, SIGNED, AMOUNT = "count", "signed", "amount"


class FormatDefinitionError(Exception):
    """A data file of templates/ is inconsistent; a bug in the shipped data, never a user error."""


@dataclass(frozen=True)
class FieldDef:
    """One number of a record table (table 2): where it is, what it is called, what it may hold."""

    path: str
    label: str
    type: str


@dataclass(frozen=True)
class ItemDef:
    """A row of a record table: either one number or a group of named numbers."""

    key: str
    label: str
    fields: tuple[FieldDef, ...]
    scalar: bool  # written as one number, not a mapping


@dataclass(frozen=True)
class ColumnDef:
    key: str
    label: str


@dataclass(frozen=True)
class RowDef:
    """A row of a matrix table (tables 3 and 4), possibly a group of sub-rows."""

    path: str
    key: str
    label: str
    full_label: str
    children: tuple[RowDef, ...] = ()
    optional: bool = False
    sum: tuple[str, ...] = ()
    rule: str | None = None


@dataclass(frozen=True)
class NamedSum:
    """Rows added up per column that the table prints nowhere, but reports state: 行政诉讼 is
    直接起诉 + 复议后起诉. Narrative references name it like a row (`remedy.suit.total`)."""

    key: str
    label: str
    rows: tuple[str, ...]


@dataclass(frozen=True)
class Balance:
    """For each column: the sum of `left` rows equals the sum of `right` rows."""

    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    label: str = ""  # the rule in words, where an output states it (the XLSX check row)


@dataclass(frozen=True)
class GridCell:
    """One printed cell: its grid origin and spans, its role, and a fixed text or a value path."""

    row: int
    col: int
    rowspan: int
    colspan: int
    role: str  # header, caption, note, group, label, input, computed
    text: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Grid:
    widths_mm: tuple[float, ...]
    header_rows: int
    n_rows: int
    cells: tuple[GridCell, ...]

    @property
    def n_cols(self) -> int:
        return len(self.widths_mm)


@dataclass(frozen=True)
class TableDef:
    key: str
    title: str
    description: str
    not_applicable: bool
    short_title: str = ""  # 表二, 表三, 统计表: the table's name in messages and XLSX sheets


@dataclass(frozen=True)
class RecordTable(TableDef):
    items: tuple[ItemDef, ...] = ()
    grid: Grid | None = None

    def fields(self) -> list[FieldDef]:
        return [f for item in self.items for f in item.fields]


@dataclass(frozen=True)
class MatrixTable(TableDef):
    cell_type: str = COUNT
    columns: tuple[ColumnDef, ...] = ()
    total_column: ColumnDef | None = None
    total_rule: str | None = None
    rows: tuple[RowDef, ...] = ()
    balances: tuple[Balance, ...] = ()
    named_sums: tuple[NamedSum, ...] = ()
    grid: Grid | None = None

    def value_rows(self) -> list[RowDef]:
        """Every row that carries numbers (groups are replaced by their sub-rows), in order."""
        return [r for r in self.all_rows if not r.children]

    def row(self, path: str) -> RowDef:
        return self._by_path[path]

    def leaves(self, path: str) -> list[RowDef]:
        """The value rows a row path stands for: itself, or all rows of a group."""
        return _leaves(self.row(path))

    @functools.cached_property
    def all_rows(self) -> tuple[RowDef, ...]:
        """Every row, each group before its sub-rows; walked once per table, not per lookup
        (the checks and the layout look rows up on every matrix read)."""
        out: list[RowDef] = []

        def walk(rows: tuple[RowDef, ...]) -> None:
            for r in rows:
                out.append(r)
                walk(r.children)

        walk(self.rows)
        return tuple(out)

    @functools.cached_property
    def _by_path(self) -> dict[str, RowDef]:
        by_path: dict[str, RowDef] = {}
        for r in self.all_rows:
            by_path.setdefault(r.path, r)
        return by_path

    @property
    def all_columns(self) -> tuple[ColumnDef, ...]:
        assert self.total_column is not None
        return (*self.columns, self.total_column)

    def addends(self, path: str) -> tuple[str, ...]:
        """The value paths a computed cell adds up: a row's 总计 its columns; a column of a
        sum row (（七）总计) that column of every row it sums. () for a cell that is input."""
        row_path, column = path.rsplit(".", 1)
        row = self.row(row_path)
        assert self.total_column is not None
        if column == self.total_column.key:
            return tuple(f"{row_path}.{c.key}" for c in self.columns)
        return tuple(f"{leaf.path}.{column}" for term in row.sum for leaf in self.leaves(term))


def _leaves(r: RowDef) -> list[RowDef]:
    if not r.children:
        return [r]
    return [leaf for c in r.children for leaf in _leaves(c)]


@dataclass(frozen=True)
class StatsTable(TableDef):
    header: tuple[str, ...] = ()
    default_columns: tuple[str, ...] = ()
    attachment_heading: str = ""
    widths_mm: dict[str, float] = field(default_factory=dict)
    scaffold: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionDef:
    key: str
    heading: str
    required: bool
    description: str
    table: str | None = None
    scaffold: Any = None


@dataclass(frozen=True)
class CrossYearRule:
    rule: str
    kind: str  # carry, stock
    table: str
    params: dict[str, Any]


@dataclass(frozen=True)
class FormatDef:
    id: str
    name: str
    description: str
    years: tuple[int, int]
    section_numbering: str
    numbering: tuple[str, ...]
    sections: tuple[SectionDef, ...] | None  # None: free sections (legacy)
    tables: dict[str, TableDef]
    cross_year: tuple[CrossYearRule, ...] = ()
    scaffold_sections: tuple[dict[str, Any], ...] = ()

    @property
    def free_sections(self) -> bool:
        return self.sections is None

    def section_label(self, index: int, heading: str) -> str:
        """The numbered heading (一、…) of the section at `index` (from 0), as messages, the
        scaffold and the schema name it."""
        return number_label(self.section_numbering, index + 1) + heading


def _read(name: str) -> dict[str, Any]:
    text = resources.files("govreport.templates").joinpath(name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_Loader)
    if not isinstance(data, dict):
        raise FormatDefinitionError(f"{name}: not a mapping")
    return data


@functools.cache
def template_data(name: str) -> dict[str, Any]:
    """A data file of `templates/` other than a format (word and phrase lists), by its path."""
    return _read(name)


@functools.cache
def template_list(name: str) -> tuple[dict[str, Any], ...]:
    """A data file of `templates/` that is a list (the rule registry)."""
    text = resources.files("govreport.templates").joinpath(name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_Loader)
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise FormatDefinitionError(f"{name}: not a list of mappings")
    return tuple(data)


_NOT_FORMATS = {"common.yaml", "rules.yaml"}


@functools.cache
def format_ids() -> tuple[str, ...]:
    names = [p.name for p in resources.files("govreport.templates").iterdir()]
    ids = sorted(n[:-5] for n in names if n.endswith(".yaml") and n not in _NOT_FORMATS)
    # The current format first: it is the default everywhere.
    return tuple(sorted(ids, key=lambda i: (i == "legacy", -_year_of(i))))


def _year_of(format_id: str) -> int:
    digits = "".join(ch for ch in format_id if ch.isdigit())
    return int(digits) if digits else 0


@functools.cache
def common() -> dict[str, Any]:
    """Texts shared by all formats (key titles and descriptions, placeholder marker)."""
    return _read("common.yaml")


def not_applicable_word() -> str:
    """The input's word for 不适用, spelled the same wherever it is read, shown or exported."""
    return str(common()["not_applicable"])


@functools.cache
def get_format(format_id: str) -> FormatDef:
    if format_id not in format_ids():
        raise KeyError(format_id)
    data = _read(f"{format_id}.yaml")
    try:
        return _build_format(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatDefinitionError(f"{format_id}.yaml: {exc!r}") from exc


def _build_format(d: dict[str, Any]) -> FormatDef:
    tables = {key: _build_table(key, t) for key, t in d.get("tables", {}).items()}
    sections = None
    if "sections" in d:
        sections = tuple(
            SectionDef(
                key=s["key"], heading=s["heading"], required=bool(s["required"]),
                description=s.get("description", ""), table=s.get("table"),
                scaffold=s.get("scaffold"),
            )
            for s in d["sections"]
        )
        for s in sections:
            if s.table and s.table not in tables:
                raise ValueError(f"section {s.key} names unknown table {s.table}")
    cross = tuple(
        CrossYearRule(rule=c["rule"], kind=c["kind"], table=c["table"],
                      params={k: v for k, v in c.items() if k not in ("rule", "kind", "table")})
        for c in d.get("cross_year", [])
    )
    return FormatDef(
        id=d["id"], name=d["name"], description=d["description"],
        years=(int(d["years"][0]), int(d["years"][1])),
        section_numbering=d["section_numbering"], numbering=tuple(d["numbering"]),
        sections=sections, tables=tables, cross_year=cross,
        scaffold_sections=tuple(d.get("scaffold_sections", ())),
    )


def _build_table(key: str, t: dict[str, Any]) -> TableDef:
    base = dict(key=key, title=t["title"], description=t.get("description", ""),
                not_applicable=bool(t.get("not_applicable", False)),
                short_title=t.get("short_title", ""))
    if t["kind"] == "record":
        items = tuple(_build_item(i) for i in t["items"])
        fields = {f.path: f for i in items for f in i.fields}
        grid = _build_grid(t["grid"], labels={i.key: i.label for i in items},
                           computed=set(), expand_row=None)
        _check_values_printed(key, grid, set(fields))
        return RecordTable(**base, items=items, grid=grid)
    if t["kind"] == "matrix":
        columns = tuple(ColumnDef(c["key"], c["label"]) for c in t["columns"])
        tc = t["total_column"]
        total = ColumnDef(tc["key"], tc["label"])
        rows = tuple(_build_row(r, parent=None) for r in t["rows"])
        table = MatrixTable(
            **base, cell_type=t.get("cell_type", COUNT), columns=columns, total_column=total,
            total_rule=tc.get("rule"), rows=rows,
            balances=tuple(Balance(b["rule"], tuple(b["left"]), tuple(b["right"]), b.get("label", ""))
                           for b in t.get("balances", [])),
            named_sums=tuple(NamedSum(n["key"], n["label"], tuple(n["rows"]))
                             for n in t.get("named_sums", [])),
        )
        labels = {r.path: r.label for r in table.all_rows}
        for r in table.value_rows():
            for p in r.sum:
                table.leaves(p)  # raises KeyError on an unknown row
        for b in table.balances:
            for p in (*b.left, *b.right):
                table.row(p)
        for n in table.named_sums:
            if any(r.key == n.key for r in table.rows):
                raise ValueError(f"table {key}: named sum {n.key} is also a row")
            for p in n.rows:
                table.row(p)
        computed = {f"{r.path}.{total.key}" for r in table.value_rows()}
        computed |= {f"{r.path}.{c.key}" for r in table.value_rows() if r.sum for c in columns}

        def expand_row(path: str) -> list[str]:
            table.row(path)
            return [f"{path}.{c.key}" for c in table.all_columns]

        grid = _build_grid(t["grid"], labels=labels, computed=computed, expand_row=expand_row)
        every = {f"{r.path}.{c.key}" for r in table.value_rows() for c in table.all_columns}
        _check_values_printed(key, grid, every)
        return _replace_grid(table, grid)
    if t["kind"] == "stats":
        return StatsTable(
            **base, header=tuple(t["header"]), default_columns=tuple(t["default_columns"]),
            attachment_heading=t["attachment_heading"], widths_mm=dict(t["widths_mm"]),
            scaffold=dict(t.get("scaffold", {})),
        )
    raise ValueError(f"table {key}: unknown kind {t['kind']}")


def _replace_grid(table: MatrixTable, grid: Grid) -> MatrixTable:
    from dataclasses import replace

    return replace(table, grid=grid)


def _build_item(i: dict[str, Any]) -> ItemDef:
    if "fields" in i:
        fields = tuple(FieldDef(f"{i['key']}.{f['key']}", f["label"], f["type"]) for f in i["fields"])
        return ItemDef(i["key"], i["label"], fields, scalar=False)
    return ItemDef(i["key"], i["label"], (FieldDef(i["key"], i["value_label"], i["type"]),),
                   scalar=True)


def _build_row(r: dict[str, Any], parent: RowDef | None) -> RowDef:
    path = f"{parent.path}.{r['key']}" if parent else r["key"]
    full = f"{parent.full_label} {r['label']}" if parent else r["label"]
    stub = RowDef(path=path, key=r["key"], label=r["label"], full_label=full)
    children = tuple(_build_row(c, stub) for c in r.get("rows", ()))
    return RowDef(
        path=path, key=r["key"], label=r["label"], full_label=full, children=children,
        optional=bool(r.get("optional", False)), sum=tuple(r.get("sum", ())), rule=r.get("rule"),
    )


def _build_grid(g: dict[str, Any], *, labels: dict[str, str], computed: set[str],
                expand_row: Any) -> Grid:
    """Place cells like an HTML table: each row's cells go into the next free slots."""
    widths = tuple(float(w) for w in g["widths_mm"])
    n_cols = len(widths)
    occupied: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    rows = g["rows"]
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            for cell in _expand_cell(spec, labels, computed, expand_row):
                while (r, c) in occupied:
                    c += 1
                rowspan, colspan = cell["rowspan"], cell["colspan"]
                if c + colspan > n_cols or r + rowspan > len(rows):
                    raise ValueError(f"grid row {r}: cell {cell} does not fit")
                slots = {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
                if slots & occupied:
                    raise ValueError(f"grid row {r}: cell {cell} overlaps")
                occupied |= slots
                cells.append(GridCell(row=r, col=c, **cell))
                c += colspan
        missing = [col for col in range(n_cols) if (r, col) not in occupied]
        if missing:
            raise ValueError(f"grid row {r}: columns {missing} are empty")
    return Grid(widths, int(g["header_rows"]), len(rows), tuple(cells))


def _expand_cell(spec: Any, labels: dict[str, str], computed: set[str],
                 expand_row: Any) -> list[dict[str, Any]]:
    if isinstance(spec, str):
        spec = {"text": spec}
    span = {"rowspan": int(spec.get("rowspan", 1)), "colspan": int(spec.get("colspan", 1))}
    if "text" in spec:
        return [dict(span, role=spec.get("role", "header"), text=spec["text"])]
    if "label" in spec:
        return [dict(span, role=spec.get("role", "label"), text=labels[spec["label"]])]
    if "value" in spec:
        path = spec["value"]
        return [dict(span, role="computed" if path in computed else "input", value=path)]
    if "row" in spec:
        return [dict(rowspan=1, colspan=1, role="computed" if p in computed else "input", value=p)
                for p in expand_row(spec["row"])]
    raise ValueError(f"unknown grid cell {spec}")


def _check_values_printed(table: str, grid: Grid, expected: set[str]) -> None:
    printed = [c.value for c in grid.cells if c.value is not None]
    if sorted(printed) != sorted(expected):
        extra = set(printed) - expected
        missing = expected - set(printed)
        raise ValueError(f"table {table}: grid prints unknown {extra or ''} misses {missing or ''}")
