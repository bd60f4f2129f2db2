"""A whole build (DOCX + PDF) and `check` alone, each from a fresh process with a warm font
cache, against LibreOffice converting the same DOCX to PDF, all measured in the same run, for
the township example and the real-size city report.

    python benchmarks/build_speed.py [--repeat 10]

Targets (ratios, since absolute times vary between machines): the build at least 5× faster
than LibreOffice's conversion, and `check` at most a third of the build. Exit status 1 when a
target is missed; 2 when LibreOffice is not installed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CASES = ("yunling-2024.yaml", "lanzhou-2024.yaml")
TARGET_RATIO = 5.0
TARGET_CHECK_SHARE = 1 / 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: run .ci/install-system-deps", file=sys.stderr)
        return 2
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "lo-profile"
        for case in CASES:
            example, out = EXAMPLES / case, Path(tmp) / "out"
            build = govreport_argv("build", str(example), "-o", str(out))
            check = govreport_argv("check", str(example))
            time_command(build, 2)  # warm the font cache and the OS file cache
            docx = out / f"{example.stem}.docx"
            convert = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                       "--convert-to", "pdf", "--outdir", str(Path(tmp) / "lo"), str(docx)]
            time_command(convert, 1)  # create the profile once: it is not part of a conversion
            ours, checked, lo = [], [], []
            for _ in range(args.repeat):  # interleaved: a busy moment slows all three alike
                ours += time_command(build, 1).runs
                checked += time_command(check, 1).runs
                lo += time_command(convert, 1).runs
            b, c, o = (sorted(x)[len(x) // 2] for x in (ours, checked, lo))
            ratio, share = o / b, c / b
            ok &= ratio >= TARGET_RATIO and share <= TARGET_CHECK_SHARE
            print(f"{case}: build (DOCX + PDF) {b:.3f} s, check {c:.3f} s ({share:.2f} of the "
                  f"build), LibreOffice DOCX → PDF {o:.3f} s: build {ratio:.1f}× faster")
    print(f"targets: ≥ {TARGET_RATIO:.0f}× faster than LibreOffice, check ≤ "
          f"{TARGET_CHECK_SHARE:.2f} of the build; medians of {args.repeat} fresh processes each")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
