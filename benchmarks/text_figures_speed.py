"""Number references and rule T-TEXT: what they add to reading and checking a report.

    python benchmarks/text_figures_speed.py [--repeat 20]

Measured in this process, side by side: reading and checking the city example (49 references,
every figure stated), and T-TEXT alone on it; then a paragraph of statements and references
ten times as long as another, read and checked.

Targets: T-TEXT on the city example under 10 ms and under a fifth of `check_file`; ten times the
text at most 30 times the time (both grow with the length of the text, not with its square).
Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests.check.bureau; govreport as installed
from _measure import best_of

import govreport
from govreport.checkcontext import CheckContext
from govreport.rules import rule
from govreport.textfigures import text_figures
from tests.check.bureau import write_bureau

CITY = Path(__file__).resolve().parents[1] / "examples" / "lanzhou-2024.yaml"
SENTENCE = ("全年共新收政府信息公开申请{{ apply.new.total }}件，上年结转1件；已办结73件，其中予以公开30件，"
            "部分公开10件，不予公开5件，无法提供20件，不予处理6件，其他处理2件。")
TARGET_SECONDS, TARGET_SHARE, TARGET_RATIO = 0.01, 0.2, 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)  # the best of many: a shared machine
    args = parser.parse_args()
    report = govreport.load(CITY)
    context = CheckContext(report, 0.6)
    whole = best_of(args.repeat, lambda: govreport.check_file(CITY))
    alone = best_of(args.repeat, lambda: text_figures(context, rule("T-TEXT")))
    print(f"{CITY.name}: check_file {whole * 1000:.1f} ms, of which T-TEXT {alone * 1000:.2f} ms "
          f"({alone / whole:.0%}; targets < {TARGET_SECONDS * 1000:.0f} ms, < {TARGET_SHARE:.0%})")
    timings = {}
    with tempfile.TemporaryDirectory() as folder:
        for times in (200, 2_000):
            path, _ = write_bureau(Path(folder), " |\n    " + SENTENCE * times + "\n",
                                   name=f"bureau-{times}.yaml")
            timings[times] = best_of(args.repeat, lambda p=path: govreport.check_file(p))
            print(f"a paragraph of {times:,} sentences ({len(SENTENCE) * times:,} characters, "
                  f"{times:,} references): check_file {timings[times] * 1000:.1f} ms")
    ratio = timings[2_000] / timings[200]
    print(f"ten times the text: {ratio:.1f}× the time (target ≤ {TARGET_RATIO:.0f}×)")
    ok = alone < TARGET_SECONDS and alone / whole < TARGET_SHARE and ratio <= TARGET_RATIO
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
