"""`python -m govreport.fonts [ROLE=PATH ...]`: print which font each role resolves to."""

from __future__ import annotations

import logging
import sys

from . import FontError, font_choices, format_resolution_table, resolution_table, resolve_fonts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    try:
        fonts = resolve_fonts(font_choices(a for a in args if a != "-v"))
    except FontError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(format_resolution_table(resolution_table(fonts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
