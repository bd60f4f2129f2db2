"""Table numbers in a spreadsheet: numbers stay numbers, and print as the report prints them.

Excel (and WPS, LibreOffice) store a number as a binary double. A count is exact (15 digits at
most, well within a double). An amount such as `1.2650` 万元 is written as the double nearest
to it with a number format of exactly its places (`0.0000`), so the cell shows `1.2650`, adds
up in formulas, and reads back as 1.2650 (the format gives the places the double lost). Only
when the double cannot give the decimal back — more than 15 significant digits, such as
123456789012.123456 — is the amount written as text: exact, shown as written, read back
exactly, but not added up by Excel; no report has such a figure in a summed cell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from govreport.layout.document import TableCell

INTEGER_FORMAT = "0"
TEXT_FORMAT = "@"
_PLACES = re.compile(r"^[^;]*?0\.(0+)")


def decimal_format(places: int) -> str:
    return f"0.{'0' * places}" if places > 0 else INTEGER_FORMAT


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def exact_as_double(value: Decimal) -> bool:
    """Whether the nearest double reads back as this decimal (Python's shortest repr)."""
    return Decimal(repr(float(value))) == value


def spreadsheet_value(cell: TableCell) -> tuple[int | float | str, str]:
    """(what to write, its number format) for a number cell of the layout."""
    number = cell.number
    if number is None:  # 不适用: the printed `/`
        return cell.text, TEXT_FORMAT
    if isinstance(number, int):
        return number, INTEGER_FORMAT
    if exact_as_double(number):
        return float(number), decimal_format(places(number))
    return format(number, "f"), TEXT_FORMAT


def format_places(number_format: str) -> int:
    """The decimal places a number format shows: `0.0000` → 4, `General` → 0."""
    match = _PLACES.match(number_format or "")
    return len(match.group(1)) if match else 0
