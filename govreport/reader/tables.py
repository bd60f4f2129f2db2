"""Reading the statistics tables, driven by the format definition of each table."""

from __future__ import annotations

from govreport import arithmetic
from govreport.formats import MatrixTable, RecordTable, RowDef, StatsTable, not_applicable_word
from govreport.model import NA, Stats, StatsGroup, StatsRow, StatValue, TableValues
from govreport.position import Pos
from govreport.reader.context import Context
from govreport.reader.keys import check_keys
from govreport.reader.values import (
    describe,
    read_bool,
    read_cell,
    read_text,
)
from govreport.yamltree import STR, Mapping, Node, Scalar, Sequence


def read_record(ctx: Context, node: Node, table: RecordTable, where: str, owner: Pos) -> TableValues:
    """Table 2: a mapping of items, each one number or a mapping of named numbers."""
    tv = TableValues(table, node.pos)
    if not isinstance(node, Mapping):
        ctx.error(node.pos, f"{where}（{table.title}）应为映射，这里是{describe(node)}")
        return tv
    items = {i.key: i.label for i in table.items}
    check_keys(ctx, node, items, set(items), where, owner)
    na = not_applicable_word()
    for item in table.items:
        value = node.get(item.key)
        if value is None:
            continue
        tv.row_pos[item.key] = value.pos
        if item.scalar:
            f = item.fields[0]
            cell = read_cell(ctx, value, f"“{item.label}”{f.label}", f.type, table.not_applicable)
            if cell:
                tv.values[f.path] = cell
            continue
        if (table.not_applicable and isinstance(value, Scalar) and value.tag == STR
                and value.value.strip() == na):
            for f in item.fields:  # the whole item does not apply to this organ
                tv.values[f.path] = StatValue(NA, value.pos)
            continue
        if not isinstance(value, Mapping):
            keys = ", ".join(f"{f.path.split('.')[-1]}: …" for f in item.fields)
            ctx.error(value.pos, f"“{item.label}”应写成映射 {{{keys}}}，这里是{describe(value)}")
            continue
        labels = {f.path.split(".")[-1]: f.label for f in item.fields}
        check_keys(ctx, value, labels, set(labels), f"{where}.{item.key}",
                   node.key_pos(item.key))
        for f in item.fields:
            v = value.get(f.path.split(".")[-1])
            if v is not None:
                cell = read_cell(ctx, v, f"“{item.label}”{f.label}", f.type, table.not_applicable)
                if cell:
                    tv.values[f.path] = cell
    return tv


def read_matrix(ctx: Context, node: Node, table: MatrixTable, where: str, owner: Pos) -> TableValues:
    """Tables 3 and 4: rows of one number per column, with a computed 总计."""
    tv = TableValues(table, node.pos)
    if not isinstance(node, Mapping):
        ctx.error(node.pos, f"{where}（{table.title}）应为映射，这里是{describe(node)}")
        return tv
    _read_rows(ctx, node, table.rows, table, tv, where, owner)
    arithmetic.fill(tv)
    return tv


def _read_rows(ctx: Context, node: Mapping, rows: tuple[RowDef, ...], table: MatrixTable,
               tv: TableValues, where: str, owner: Pos) -> None:
    labels = {r.key: r.label for r in rows}
    check_keys(ctx, node, labels, {r.key for r in rows if not r.optional}, where, owner)
    for row in rows:
        value = node.get(row.key)
        if value is None:
            continue
        key_pos = node.key_pos(row.key)
        tv.row_pos[row.path] = key_pos
        if row.children:
            if isinstance(value, Mapping):
                _read_rows(ctx, value, row.children, table, tv, f"{where}.{row.key}", key_pos)
            else:
                keys = "、".join(c.key for c in row.children)
                ctx.error(value.pos, f"“{row.label}”应为映射，分别写出各小项（{keys}），"
                                     f"这里是{describe(value)}")
            continue
        _read_row(ctx, value, row, table, tv)


def _read_row(ctx: Context, node: Node, row: RowDef, table: MatrixTable, tv: TableValues) -> None:
    columns = table.columns
    total = table.total_column
    assert total is not None
    n = len(columns)

    def cell(v: Node, label: str, path: str, computed: bool) -> None:
        value = read_cell(ctx, v, f"“{row.full_label}”{label}", table.cell_type, table.not_applicable)
        if value is not None:
            (tv.given_computed if computed else tv.values)[path] = value

    if isinstance(node, Sequence):
        if len(node.items) not in (n, n + 1):
            names = "、".join(c.label for c in columns)
            ctx.error(node.pos, f"“{row.full_label}”应有 {n} 个数（{names}），或 {n + 1} 个"
                                f"（最后一个为{total.label}），这里有 {len(node.items)} 个")
            return
        for c, v in zip(columns, node.items, strict=False):
            cell(v, f"的“{c.label}”", f"{row.path}.{c.key}", computed=bool(row.sum))
        if len(node.items) == n + 1:
            cell(node.items[n], f"的“{total.label}”", f"{row.path}.{total.key}", computed=True)
        return
    if isinstance(node, Mapping):
        labels = {c.key: c.label for c in table.all_columns}
        required = set() if row.sum else {c.key for c in columns}
        check_keys(ctx, node, labels, required, f"“{row.full_label}”")
        for c in table.all_columns:
            v = node.get(c.key)
            if v is not None:
                cell(v, f"的“{c.label}”", f"{row.path}.{c.key}",
                     computed=bool(row.sum) or c is total)
        return
    ctx.error(node.pos, f"“{row.full_label}”应为 {n} 个数的列表或以列名为键的映射，"
                        f"这里是{describe(node)}")


def read_stats(ctx: Context, node: Node, table: StatsTable, where: str) -> Stats | None:
    """A legacy report's free statistics table."""
    if not isinstance(node, Mapping):
        ctx.error(node.pos, f"{where}（统计表）应为映射，这里是{describe(node)}")
        return None
    keys = {"title": "统计表标题", "attachment": "是否作为附件", "columns": "数值列列名",
            "rows": "各行"}
    check_keys(ctx, node, keys, {"rows"}, where)
    title_node = node.get("title")
    title = read_text(ctx, title_node, "统计表标题") if title_node is not None else None
    attachment_node = node.get("attachment")
    attachment = bool(attachment_node is not None and read_bool(ctx, attachment_node, "attachment"))
    columns = []
    n_columns = len(table.default_columns)
    columns_node = node.get("columns")
    if columns_node is not None:
        if isinstance(columns_node, Sequence) and columns_node.items:
            columns = [t for c in columns_node.items if (t := read_text(ctx, c, "列名"))]
            n_columns = len(columns_node.items)
        else:
            ctx.error(columns_node.pos, f"columns 应为列名的列表，这里是{describe(columns_node)}")
    stats = Stats(table, node.pos, title, attachment, columns, [])
    rows_node = node.get("rows")
    if rows_node is None:
        return stats
    if not isinstance(rows_node, Sequence) or not rows_node.items:
        ctx.error(rows_node.pos, f"rows 应为非空列表，这里是{describe(rows_node)}")
        return stats
    for item in rows_node.items:
        row = _read_stats_row(ctx, item, table, n_columns)
        if row is not None:
            stats.rows.append(row)
    return stats


_STATS_ROW_KEYS = {"label": "指标", "unit": "计量单位", "values": "各列数值",
                   "value": "数值（只有一列时）", "group": "分组标题"}


def _read_stats_row(ctx: Context, item: Node, table: StatsTable,
                    n_columns: int) -> StatsRow | StatsGroup | None:
    if not isinstance(item, Mapping):
        ctx.error(item.pos, f"统计表的行应写成 {{label, unit, values}} 或 {{group}}，这里是{describe(item)}")
        return None
    if "group" in item:
        check_keys(ctx, item, {"group": "分组标题"}, {"group"}, "统计表的分组行")
        group = read_text(ctx, item.get("group"), "分组标题")  # type: ignore[arg-type]
        return StatsGroup(group) if group else None
    check_keys(ctx, item, _STATS_ROW_KEYS, {"label"}, "统计表的行")
    label_node = item.get("label")
    label = read_text(ctx, label_node, "指标") if label_node is not None else None
    unit_node = item.get("unit")
    unit = read_text(ctx, unit_node, "计量单位") if unit_node is not None else None
    what = f"统计表“{label.value if label else ''}”"
    values_node, value_node = item.get("values"), item.get("value")
    cells: list[Node] = []
    if values_node is not None and value_node is not None:
        ctx.error(value_node.pos, f"{what}：values 和 value 只能写一个")
        return None
    if value_node is not None:
        if n_columns != 1:
            ctx.error(value_node.pos, f"{what}：表格有 {n_columns} 个数值列，请用 values 写出每一列")
            return None
        cells = [value_node]
    elif values_node is not None:
        if not isinstance(values_node, Sequence):
            ctx.error(values_node.pos, f"{what}：values 应为列表，这里是{describe(values_node)}")
            return None
        if len(values_node.items) != n_columns:
            ctx.error(values_node.pos, f"{what}：values 应有 {n_columns} 个数（与 columns 一致），"
                                       f"这里有 {len(values_node.items)} 个")
            return None
        cells = values_node.items
    else:
        ctx.error(item.pos, f"{what}缺少数值：请写 values（或只有一列时写 value）")
        return None
    values = [read_cell(ctx, c, what, "amount", table.not_applicable) for c in cells]
    if label is None or any(v is None for v in values):
        return None
    return StatsRow(label, unit, [v for v in values if v is not None])
