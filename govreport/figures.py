"""The table figures a narrative can name, by path: `{{ apply.new.total }}` and rule T-TEXT.

A path starts with a table's input key and follows the input's keys: `apply.new.natural_person`,
`active.normative_docs.in_force`, `active.fees`. `total` names a computed total; a group of rows
names the sum of its rows (`apply.unable.total`); a format's named sums name rows the table
prints nowhere (`remedy.suit.total` = 未经复议直接起诉 + 复议后起诉). A legacy report names a
row of its statistics table by its label, which may itself hold dots (`stats.其中：1.政府网站公开数`);
with several value columns the column's label follows (`stats.主动公开文件数.2018年度`).

Paths are checked against the format definition, not against the values: a path is valid even
when a cell it adds up could not be read (that cell's own error says where it is written).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from govreport.formats import MatrixTable, RecordTable, RowDef, StatsTable
from govreport.model import Cell, Report, Stats, StatsRow, TableValues, is_number
from govreport.reader.keys import suggest

STATS = "stats"
"""The legacy statistics table's key: the rest of the path is a row's label."""


@dataclass(frozen=True)
class Figure:
    """A number of the tables as a path names it: where it is, and its value."""

    path: str
    label: str  # as messages name it, from the format's labels
    value: Cell | None  # None when a cell it needs could not be read


class UnknownPath(Exception):
    """A path that names no figure: `reason` says why (Chinese), `choices` the keys that could
    stand where the path goes wrong, `suggestion` the path the clerk probably meant (looked for
    only when asked: difflib is slow, and a file may hold thousands of broken references)."""

    def __init__(self, reason: str, suggestion: str | None = None,
                 choices: Mapping[str, str] | None = None, wrong: str = "",
                 rebuild: Callable[[str], str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self._suggestion = suggestion
        self._choices = choices or {}
        self.choices = tuple(self._choices)
        self._wrong, self._rebuild = wrong, rebuild

    @functools.cached_property
    def suggestion(self) -> str | None:
        if self._suggestion is not None or self._rebuild is None or not self._wrong:
            return self._suggestion
        hint = suggest(self._wrong, self._choices)
        return self._rebuild(hint) if hint else None


def short_label(label: str) -> str:
    """A row label without the explanation the table prints after it: （二）部分公开（区分处理的，…）
    is （二）部分公开 in a message."""
    if label.endswith("）") and "（" in label[1:]:
        head = label[:label.rindex("（")]
        if head and not head.endswith("）"):
            return head
    return label


def figure(report: Report, path: str) -> Figure:
    """The figure `path` names in `report`; `UnknownPath` when it names none."""
    path = path.strip()
    if not path:
        raise UnknownPath("没有写要引用的数字")
    fmt = report.format
    if fmt is None:
        raise UnknownPath("报告格式（format）无效，无法确定统计表")
    table_key, _, rest = path.partition(".")
    table_key = table_key.strip()
    table = fmt.tables.get(table_key)
    if table is None:
        titles = {k: t.title for k, t in fmt.tables.items()}
        raise UnknownPath(f"{fmt.id} 格式没有统计表“{table_key}”", None, titles, table_key,
                          lambda hint: f"{hint}.{rest}" if rest else hint)
    if isinstance(table, StatsTable):
        return _stats_figure(report.stats, rest.strip())
    segments = [s.strip() for s in rest.split(".")] if rest else []
    tv = report.tables.get(table_key)
    if isinstance(table, MatrixTable):
        return _matrix_figure(table, tv, segments)
    assert isinstance(table, RecordTable)
    return _record_figure(table, tv, segments)


def suggested_path(report: Report, path: str) -> str | None:
    """The valid path closest to `path`: each wrong segment replaced by its nearest key, in turn."""
    for _ in range(path.count(".") + 2):
        try:
            figure(report, path)
            return path
        except UnknownPath as exc:
            if exc.suggestion is None or exc.suggestion == path:
                return None
            path = exc.suggestion
    return None


def expand(report: Report, pattern: str) -> list[str]:
    """The paths a pattern stands for: `apply.unable.*.total` is one path per row of the group
    （四）无法提供; a path without `*` stands for itself. Nothing when the prefix names no group."""
    if "*" not in pattern:
        return [pattern]
    prefix, _, suffix = pattern.partition(".*")
    table_key, _, row_path = prefix.partition(".")
    table = report.format.tables.get(table_key) if report.format else None
    if not isinstance(table, MatrixTable):
        return []
    try:
        row = table.row(row_path)
    except KeyError:
        return []
    return [f"{prefix}.{child.key}{suffix}" for child in row.children]


# --- tables 3 and 4 ----------------------------------------------------------------------------

def _matrix_figure(table: MatrixTable, tv: TableValues | None, segments: list[str]) -> Figure:
    rows, row, done = table.rows, None, []
    named = {n.key: n for n in table.named_sums}
    columns = {c.key: c.label for c in table.all_columns}
    for i, seg in enumerate(segments):
        child = next((r for r in rows if r.key == seg), None)
        if child is not None:
            row, rows = child, child.children
            done.append(seg)
            continue
        if row is None and seg in named:
            n = named[seg]
            leaves = [leaf for p in n.rows for leaf in table.leaves(p)]
            parts = " + ".join(table.row(p).label.split("·")[-1] for p in n.rows)
            label = f"“{n.label}”（{parts}）"
            done.append(seg)
            return _matrix_column(table, tv, leaves, label, done, segments[i + 1:], columns)
        if row is not None and seg in columns:
            break
        choices = {r.key: r.label for r in rows}
        if row is None:
            choices.update({n.key: n.label for n in table.named_sums})
        elif not row.children:
            choices = columns
        else:
            choices.update(columns)
        where = f"“{short_label(row.label)}”下" if row is not None else f"“{table.title}”中"
        raise UnknownPath(f"{where}没有“{seg}”", None, choices, seg,
                          lambda hint, after=segments[i + 1:]: _join(table.key, [*done, hint, *after]))
    if row is None:
        raise UnknownPath(f"“{table.title}”的数字要写出行和列，如 {table.key}.{table.rows[0].key}."
                          f"{table.all_columns[-1].key}")
    leaves = _leaves(row)
    label = f"“{short_label(row.full_label)}”" + ("（各小项之和）" if row.children else "")
    return _matrix_column(table, tv, leaves, label, done, segments[len(done):], columns)


def _matrix_column(table: MatrixTable, tv: TableValues | None, leaves: list[RowDef], label: str,
                   done: list[str], rest: list[str], columns: dict[str, str]) -> Figure:
    total = table.all_columns[-1].key
    if not rest:
        raise UnknownPath(f"{label}之后还要写列", _join(table.key, [*done, total]), columns)
    if rest[0] not in columns or len(rest) > 1:
        known = _join(table.key, [*done, rest[0]]) if rest[0] in columns else None
        raise UnknownPath(f"{label}没有列“{'.'.join(rest)}”", known, columns, rest[0],
                          lambda hint: _join(table.key, [*done, hint]))
    column = rest[0]
    value: Cell | None = None
    if tv is not None:
        cells = [tv.values.get(f"{leaf.path}.{column}") for leaf in leaves]
        numbers = [c.value for c in cells if c is not None and is_number(c.value)]
        if len(numbers) == len(cells):
            value = sum(numbers) if len(numbers) > 1 else numbers[0]
    return Figure(_join(table.key, [*done, column]), f"{label}的“{columns[column]}”", value)


def _leaves(row: RowDef) -> list[RowDef]:
    if not row.children:
        return [row]
    return [leaf for c in row.children for leaf in _leaves(c)]


def _join(table_key: str, segments: list[str]) -> str:
    return ".".join([table_key, *segments])


# --- table 2 -----------------------------------------------------------------------------------

def _record_figure(table: RecordTable, tv: TableValues | None, segments: list[str]) -> Figure:
    items = {i.key: i for i in table.items}
    if not segments:
        raise UnknownPath(f"“{table.title}”的数字要写出项目，如 {table.key}.{table.items[0].key}."
                          f"{table.items[0].fields[0].path.split('.')[-1]}")
    item = items.get(segments[0])
    if item is None:
        raise UnknownPath(f"“{table.title}”中没有“{segments[0]}”", None,
                          {k: i.label for k, i in items.items()}, segments[0],
                          lambda hint: _join(table.key, [hint, *segments[1:]]))
    fields = {f.path.split(".")[-1]: f for f in item.fields}
    if item.scalar:
        if len(segments) > 1:
            raise UnknownPath(f"“{item.label}”只有一个数，写作 {table.key}.{item.key}",
                              _join(table.key, [item.key]))
        f = item.fields[0]
    else:
        if len(segments) != 2 or segments[1] not in fields:
            wrong = ".".join(segments[1:])
            what = f"没有“{wrong}”" if wrong else "还要写出是哪一个数"
            raise UnknownPath(f"“{item.label}”{what}", None,
                              {k: f.label for k, f in fields.items()}, wrong,
                              lambda hint: _join(table.key, [item.key, hint]))
        f = fields[segments[1]]
    value = tv.values.get(f.path) if tv is not None else None
    return Figure(_join(table.key, f.path.split(".")), f"“{item.label}”的“{f.label}”",
                  value.value if value is not None else None)


# --- the legacy statistics table ---------------------------------------------------------------

def _stats_figure(stats: Stats | None, rest: str) -> Figure:
    if stats is None:
        raise UnknownPath("本报告没有统计表（tables.stats）")
    rows = [r for r in stats.rows if isinstance(r, StatsRow)]
    columns = [c.value for c in stats.columns] or list(stats.definition.default_columns)
    labels = {r.label.value: r.label.value for r in rows}
    if not rest:
        raise UnknownPath(f"要写出统计表的指标名称，如 {STATS}.{rows[0].label.value}" if rows
                          else "统计表没有数值行")
    found = _stats_row(rows, columns, rest)
    if found is None:
        column = next((c for c in columns if rest.endswith(f".{c}")), None)
        wanted = rest[:-len(column) - 1].strip() if column else rest
        raise UnknownPath(f"统计表中没有指标“{wanted}”", None, labels, wanted,
                          lambda hint: f"{STATS}.{hint}" + (f".{column}" if column else ""))
    matches, column = found
    label = matches[0].label.value
    if len(matches) > 1:
        raise UnknownPath(f"统计表有 {len(matches)} 行的指标都是“{label}”，无法确定引用哪一行；"
                          "请让指标名称互不相同")
    if column is None:
        if len(columns) > 1:
            raise UnknownPath(f"统计表有 {len(columns)} 个数值列（{'、'.join(columns)}），"
                              f"请写明列名，如 {STATS}.{label}.{columns[0]}",
                              f"{STATS}.{label}.{columns[0]}")
        column = 0
    shown = f"统计表“{label}”" + (f"的“{columns[column]}”" if len(columns) > 1 else "")
    path = f"{STATS}.{label}" + (f".{columns[column]}" if len(columns) > 1 else "")
    return Figure(path, shown, matches[0].values[column].value)


def _stats_row(rows: list[StatsRow], columns: list[str],
               rest: str) -> tuple[list[StatsRow], int | None] | None:
    """The rows labelled `rest`, or labelled its part before a dot when a column's label
    follows the dot (labels may hold dots themselves: the whole label is tried first)."""
    whole = [r for r in rows if r.label.value == rest]
    if whole:
        return whole, None
    at = rest.rfind(".")
    while at > 0:
        label, column = rest[:at].strip(), rest[at + 1:].strip()
        named = [r for r in rows if r.label.value == label]
        if named and column in columns:
            return named, columns.index(column)
        at = rest.rfind(".", 0, at)
    return None

