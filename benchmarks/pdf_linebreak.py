"""The PDF's line breaking on a paragraph of 50,000 characters (the seed report's text,
repeated), beside one of 5,000 in the same run: `break_lines` alone, and `GridParagraph.wrap`
with the PDF body font.

    python benchmarks/pdf_linebreak.py [--repeat 5]

Targets: 50,000 characters under 0.2 s each way, and ten times the text at most 30 times the
time (no step that grows with the square of the paragraph). Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import best_of

from govreport.fonts import register_reportlab_fonts, resolve_fonts
from govreport.writers.pdf import gridtext
from govreport.writers.pdf.gridtext import GridParagraph
from govreport.writers.pdf.linebreak import break_lines
from govreport.writers.pdf.styles import BODY_SIZE, CELL_PITCH, TEXT_WIDTH, FontSpec, body_style

SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "quanyang-2018-report.txt"
TARGET_SECONDS = 0.2
TARGET_RATIO = 30.0


def paragraph(size: int) -> str:
    text = "".join(line.strip() for line in SEED.read_text(encoding="utf-8").splitlines())
    return (text * (size // len(text) + 1))[:size]


def fresh_wrap(text: str, body: dict[str, FontSpec]) -> None:
    """One wrap that breaks its lines: the memo of broken lines (which serves the repeated
    wraps of one build) is emptied first, so the best of several calls is not a lookup."""
    gridtext._BROKEN.clear()
    GridParagraph(text, body_style(body)).wrap(TEXT_WIDTH, 1e9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    body = {"fang": FontSpec(register_reportlab_fonts(resolve_fonts())["body"], BODY_SIZE)}
    ways = {
        "break_lines": lambda text: break_lines(
            [(text, "b")], TEXT_WIDTH, measure=lambda t, s: 8.0 * len(t), cell=CELL_PITCH,
            first_indent=2 * CELL_PITCH),
        "GridParagraph.wrap": lambda text: fresh_wrap(text, body),
    }
    ok = True
    for name, way in ways.items():
        short, long = paragraph(5_000), paragraph(50_000)
        t_short = best_of(args.repeat, lambda w=way, t=short: w(t))
        t_long = best_of(args.repeat, lambda w=way, t=long: w(t))
        ratio = t_long / t_short
        print(f"{name}: 5,000 characters {t_short * 1000:.1f} ms, 50,000 {t_long * 1000:.1f} ms "
              f"({ratio:.1f}× for 10× the text; targets < {TARGET_SECONDS * 1000:.0f} ms, "
              f"≤ {TARGET_RATIO:.0f}×), best of {args.repeat}")
        ok = ok and t_long < TARGET_SECONDS and ratio <= TARGET_RATIO
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
