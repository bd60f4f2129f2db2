"""X-SIMILAR (内容雷同) compares each section with last year's: a section of 5,000
characters against one of 5,000, beside sections ten times as long in the same run.

    python benchmarks/similarity_speed.py [--repeat 5]

Targets: 5,000 characters under 50 ms, and ten times the text at most 30 times the time (the comparison
grows with the length of the text, not with its square). Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import best_of

from govreport.history import similarity
from govreport.model import Text
from govreport.position import Pos

SERIES = Path(__file__).resolve().parents[1] / "examples" / "series"
TARGET_SECONDS = 0.05
TARGET_RATIO = 30.0


def prose(size: int, seed: int) -> similarity.Piece:
    """`size` characters drawn from the example series' text: varied Chinese, as a section is."""
    chars = "".join(p.read_text(encoding="utf-8") for p in sorted(SERIES.glob("*.yaml")))
    chars = "".join(ch for ch in chars if "\u4e00" <= ch <= "\u9fff" or ch in "，。、；：0123456789")
    text = "".join(random.Random(seed).choices(chars, k=size))
    return similarity.Piece(Text(text, Pos("bench.yaml", 1, 1)), *similarity.normalize(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    timings = {}
    for size in (5_000, 50_000):
        this, last = prose(size, 1), prose(size, 2)
        timings[size] = best_of(args.repeat, lambda a=this, b=last: similarity.measure([a], [b]))
        print(f"a section of {size:,} characters against one of {size:,}: "
              f"{timings[size] * 1000:.1f} ms (best of {args.repeat})")
    ratio = timings[50_000] / timings[5_000]
    print(f"ten times the text: {ratio:.1f}× the time (target ≤ {TARGET_RATIO:.0f}×); "
          f"target for 5,000 < {TARGET_SECONDS * 1000:.0f} ms")
    return 0 if timings[5_000] < TARGET_SECONDS and ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
