"""`python -m govreport.fonts [ROLE=PATH ...]`: print which font each role resolves to."""

from __future__ import annotations

import logging
import sys

from . import FontError, format_resolution_table, parse_font_option, resolution_table, resolve_fonts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    try:
        overrides = {}
        for arg in (a for a in args if a != "-v"):
            role, path, index = parse_font_option(arg)
            overrides[role] = f"{path}#{index}"
        fonts = resolve_fonts(overrides)
    except FontError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(format_resolution_table(resolution_table(fonts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
