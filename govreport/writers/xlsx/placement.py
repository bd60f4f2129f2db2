"""Where things are in our workbooks: shared by the writer and by the reading back, so that a
workbook govreport wrote is read at the cells it wrote.

Each statistics table is one sheet, named by the table's short title (表二, 表三, 表四; 统计表
for a legacy report). Two title rows come first (the table's title, then the report's), the
table's grid starts on the third row exactly as the layout gives it, and a check row (table 3's
勾稽关系) may follow the grid.
"""

from __future__ import annotations

import re

GRID_TOP = 2  # rows above the grid: the table's title and the report's title
SHEET_NAME_MAX = 31  # Excel's limit
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(short_title: str, key: str, taken: set[str]) -> str:
    """A valid, unused sheet name for a table: its short title, else its key."""
    base = _FORBIDDEN.sub("_", short_title or key)[:SHEET_NAME_MAX] or "Sheet"
    name, n = base, 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f"({n})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return name


def cell_name(row: int, col: int) -> str:
    """A1 reference of a 0-based row and column: (6, 3) → D7."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"
