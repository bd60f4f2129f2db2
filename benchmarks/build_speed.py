"""A whole build (DOCX + PDF) from a fresh process with a warm font cache, against LibreOffice
converting the same DOCX to PDF, measured in the same run.

    python benchmarks/build_speed.py [--repeat 10]

Targets: our build under 0.6 s and at least 3× faster than the LibreOffice conversion alone.
Exit status 1 when a target is missed; 2 when LibreOffice is not installed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "yunling-2024.yaml"
TARGET_SECONDS = 0.6
TARGET_RATIO = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: run .ci/install-system-deps", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build = govreport_argv("build", str(EXAMPLE), "-o", str(out))
        time_command(build, 2)  # warm the font cache and the OS file cache
        ours = time_command(build, args.repeat)
        docx = out / f"{EXAMPLE.stem}.docx"
        profile = Path(tmp) / "lo-profile"
        convert = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(Path(tmp) / "lo"), str(docx)]
        time_command(convert, 1)  # create the profile once: it is not part of a conversion
        lo = time_command(convert, args.repeat)
    ratio = lo.median / ours.median
    print(f"govreport build {EXAMPLE.name} (DOCX + PDF): median {ours.median:.3f} s, "
          f"best {ours.best:.3f} s, peak RSS {ours.peak_rss_mb:.0f} MB")
    print(f"LibreOffice DOCX → PDF of the same file:  median {lo.median:.3f} s, "
          f"best {lo.best:.3f} s, peak RSS {lo.peak_rss_mb:.0f} MB")
    print(f"ratio {ratio:.1f}× (target ≥ {TARGET_RATIO}×), build target < {TARGET_SECONDS} s, "
          f"{args.repeat} fresh processes each")
    return 0 if ours.median < TARGET_SECONDS and ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
