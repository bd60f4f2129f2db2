"""What the HTML and XLSX outputs add to a DOCX + PDF build, measured side by side in one run.

    python benchmarks/web_outputs_speed.py [--repeat 10]

1. Whole builds in fresh processes (warm font cache), the runs of each kind interleaved so that
   a busy machine slows them alike: `--to docx,pdf` against `--to docx,pdf,html,xlsx`, for a
   township and a city report.
2. The writers alone, in this process, on the same layout documents: HTML + XLSX render time
   against DOCX + PDF render time.

Target: the four outputs take at most 20 % longer than DOCX + PDF (median of fresh processes),
for both reports. Exit status 1 when it is missed.

A single-file build renders its outputs on two cores: the costliest writer (the PDF) in a
child forked before the report is read, the others (DOCX, HTML, XLSX) in the build's own
process, whatever order `--to` names them in (`govreport.rendersplit`). HTML and XLSX
therefore add to the DOCX's side, which finishes before the PDF's: on a machine with two free
cores they cost almost nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import best_of, govreport_argv, time_command

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = [REPO / "examples" / "yunling-2024.yaml", REPO / "examples" / "lanzhou-2024.yaml"]
TARGET = 0.20
KINDS = {"docx,pdf": "DOCX + PDF", "docx,pdf,html,xlsx": "+ HTML + XLSX"}


def fresh_builds(example: Path, repeat: int) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory() as tmp:
        argv = {kind: govreport_argv("build", str(example), "-o", str(Path(tmp) / "out"), "-q",
                                     "--to", kind) for kind in KINDS}
        for kind in KINDS:  # warm the font cache, the OS file cache and the imports' .pyc
            time_command(argv[kind], 1)
        for _ in range(repeat):
            for kind in KINDS:
                runs[kind] += time_command(argv[kind], 1).runs
    return runs


def writer_times(example: Path, repeat: int) -> dict[str, float]:
    import govreport
    from govreport.fonts.subsetmemo import memo
    from govreport.layout.build import build_document
    from govreport.writers import load_writers

    document = build_document(govreport.load(example))
    out = {}
    for writer in load_writers(("docx", "pdf", "html", "xlsx")):
        writer.render(document)  # imports and fonts loaded once, as a batch's workers have them

        def render(w=writer) -> None:
            memo.clear()  # the PDF's font subsets made anew each time, as for another report
            w.render(document)

        out[writer.name] = best_of(repeat, render)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    ok = True
    for example in EXAMPLES:
        runs = fresh_builds(example, args.repeat)
        base = statistics.median(runs["docx,pdf"])
        print(f"{example.name}: fresh processes, median of {args.repeat} (interleaved)")
        for kind, label in KINDS.items():
            median = statistics.median(runs[kind])
            extra = median / base - 1
            print(f"  {label:<26} {median:.3f} s  ({extra:+.1%})")
        added = statistics.median(runs["docx,pdf,html,xlsx"]) / base - 1
        ok &= added <= TARGET
        times = writer_times(example, args.repeat)
        ours = times["html"] + times["xlsx"]
        theirs = times["docx"] + times["pdf"]
        print("  writers alone (best of {}): {}; HTML + XLSX = {:.1%} of DOCX + PDF".format(
            args.repeat, ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in times.items()),
            ours / theirs))
    print(f"target: HTML + XLSX add at most {TARGET:.0%} to a DOCX + PDF build")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
