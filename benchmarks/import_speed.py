"""`govreport import` of a real-size report, from fresh processes: the city example's PDF
(15 pages, every table of the format, table 3 across two pages) and its DOCX, beside the
build that made them, measured in the same run.

    python benchmarks/import_speed.py [--repeat 5]

Target: importing the PDF takes at most 2 s. Exit status 1 when it is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "lanzhou-2024.yaml"
TARGET_SECONDS = 2.0


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build = govreport_argv("build", str(EXAMPLE), "-o", str(out))
        time_command(build, 1)  # warm the font cache
        built = time_command(build, args.repeat)
        pdf, docx = out / f"{EXAMPLE.stem}.pdf", out / f"{EXAMPLE.stem}.docx"
        target = Path(tmp) / "imported.yaml"
        from_pdf = govreport_argv("import", str(pdf), "-o", str(target), "--force")
        from_docx = govreport_argv("import", str(docx), "-o", str(target), "--force")
        time_command(from_pdf, 1)  # the OS file cache
        pdf_import = time_command(from_pdf, args.repeat)
        docx_import = time_command(from_docx, args.repeat)
        n_pages = pages(pdf)
    print(f"govreport build {EXAMPLE.name} (DOCX + PDF):  median {built.median:.3f} s, "
          f"best {built.best:.3f} s, peak RSS {built.peak_rss_mb:.0f} MB")
    print(f"govreport import of its PDF ({n_pages} pages): median {pdf_import.median:.3f} s, "
          f"best {pdf_import.best:.3f} s, peak RSS {pdf_import.peak_rss_mb:.0f} MB "
          f"({pdf_import.median / n_pages * 1000:.0f} ms a page, "
          f"{pdf_import.median / built.median:.1f}× the build)")
    print(f"govreport import of its DOCX:          median {docx_import.median:.3f} s, "
          f"best {docx_import.best:.3f} s, peak RSS {docx_import.peak_rss_mb:.0f} MB")
    print(f"PDF import target ≤ {TARGET_SECONDS} s, {args.repeat} fresh processes each")
    return 0 if pdf_import.median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
