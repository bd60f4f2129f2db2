"""`govreport publish` of the real-size city report (15 pages) against a DOCX + PDF build of
it, each from a fresh process with a warm font cache, interleaved in the same run.

    python benchmarks/publish_speed.py [--repeat 10]

A bundle adds to the build the PDF/A step, the HTML, the XLSX, the 图解 PNG, the source copy
and the manifest. Target: publish at most 2× the build. Exit status 1 when the target is
missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

CASE = Path(__file__).resolve().parents[1] / "examples" / "lanzhou-2024.yaml"
TARGET_RATIO = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build = govreport_argv("build", str(CASE), "-o", str(Path(tmp) / "built"), "-q")
        publish = govreport_argv("publish", str(CASE), "-o", str(Path(tmp) / "site"), "-q")
        time_command(build, 2)  # warm the font cache and the OS file cache
        time_command(publish, 2)
        built, published = [], []
        for _ in range(args.repeat):  # interleaved: a busy moment slows both alike
            built += time_command(build, 1).runs
            published += time_command(publish, 1).runs
        b, p = statistics.median(built), statistics.median(published)
    ratio = p / b
    print(f"{CASE.name}: build (DOCX + PDF) {b:.3f} s, publish (DOCX, PDF/A, HTML, XLSX, PNG, "
          f"manifest) {p:.3f} s: {ratio:.2f}× the build")
    print(f"target: publish ≤ {TARGET_RATIO:.1f}× the build; medians of {args.repeat} fresh "
          "processes each")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
