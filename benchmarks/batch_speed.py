"""200 real-size reports (variations of the examples, 5 to 15 pages) built DOCX + PDF with
--jobs 2.

    python benchmarks/batch_speed.py [--reports 200] [--jobs 2] [--distinct-texts]

Targets: at least 30 reports per second, and at most 150 MB peak memory in every process (the
worker processes and the parent). Exit status 1 when a target is missed.

Each variation has its own organ name and table figures; with `--distinct-texts` the
paragraphs and subsections of every section are also shuffled, so that reports use their
characters in other orders and most font subsets of the text differ between them (the harder
case for a worker, which keeps the subsets it has made: `govreport/fonts/subsetmemo.py`).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SOURCES = ["lanzhou-2024.yaml", "yunling-2024.yaml", "qingxi-ftz-2023.yaml", "quanyang-2018.yaml",
           "series/qingxi-hrss-2022.yaml"]
TARGET_RATE = 30.0
TARGET_MB = 150.0


def _scaled(value: object, factor: int) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value * factor
    if isinstance(value, list):
        return [_scaled(v, factor) for v in value]
    if isinstance(value, dict):
        return {k: _scaled(v, factor) for k, v in value.items()}
    return value


def _shuffled(value: object, rng: random.Random) -> object:
    if isinstance(value, list):
        items = [_shuffled(v, rng) for v in value]
        rng.shuffle(items)
        return items
    if isinstance(value, dict):
        return {key: _shuffled(v, rng) for key, v in value.items()}
    return value


def variation(data: dict, n: int, distinct_texts: bool = False) -> dict:
    """Another organ, and tables 3 and 4 scaled by a factor: every sum still balances. The
    link to last year's report is dropped (that file is not generated)."""
    out = dict(data, organ=f"{data['organ']}（第{n}号）")
    if distinct_texts and "sections" in data:
        out["sections"] = _shuffled(data["sections"], random.Random(n))
    out.pop("previous", None)
    tables = dict(data.get("tables") or {})
    for key in ("apply", "remedy"):
        if key in tables:
            tables[key] = _scaled(tables[key], 1 + n % 7)
    if tables:
        out["tables"] = tables
    return out


def generate(folder: Path, count: int, distinct_texts: bool = False) -> None:
    import yaml

    sources = [yaml.safe_load((EXAMPLES / s).read_text(encoding="utf-8")) for s in SOURCES]
    for n in range(count):
        sub = folder / f"county-{n % 10:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(variation(sources[n % len(sources)], n, distinct_texts), allow_unicode=True, sort_keys=False)
        (sub / f"report-{n:03d}.yaml").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--distinct-texts", action="store_true",
                        help="shuffle each section's paragraphs and subsections: few subsets repeat")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        generate(inputs, args.reports, args.distinct_texts)
        check = time_command(govreport_argv("check", str(inputs)), 1)
        argv = govreport_argv("build", str(inputs), "-o", str(Path(tmp) / "out"),
                              "--jobs", str(args.jobs), "--quiet")
        timing = time_command(argv, 1)
        built = len(list((Path(tmp) / "out").rglob("*.pdf")))
    rate = args.reports / timing.median
    print(f"check of {args.reports} files: {check.median:.2f} s")
    texts = ", distinct texts" if args.distinct_texts else ""
    print(f"build of {args.reports} reports (DOCX + PDF, --jobs {args.jobs}{texts}): {timing.median:.2f} s, "
          f"{rate:.1f} reports/s, {built} PDFs, "
          f"peak RSS of any process {timing.peak_rss_mb:.0f} MB")
    print(f"targets: ≥ {TARGET_RATE:.0f} reports/s, ≤ {TARGET_MB:.0f} MB per process")
    return 0 if rate >= TARGET_RATE and timing.peak_rss_mb <= TARGET_MB and built == args.reports else 1


if __name__ == "__main__":
    sys.exit(main())
