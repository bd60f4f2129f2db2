"""200 real-size reports (variations of the examples, 5 to 15 pages) built DOCX + PDF with
--jobs 2.

    python benchmarks/batch_speed.py [--reports 200] [--jobs 2]

Targets: at least 30 reports per second, and at most 150 MB peak memory in every process (the
worker processes and the parent). Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
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


def variation(data: dict, n: int) -> dict:
    """Another organ, and tables 3 and 4 scaled by a factor: every sum still balances. The
    link to last year's report is dropped (that file is not generated)."""
    out = dict(data, organ=f"{data['organ']}（第{n}号）")
    out.pop("previous", None)
    tables = dict(data.get("tables") or {})
    for key in ("apply", "remedy"):
        if key in tables:
            tables[key] = _scaled(tables[key], 1 + n % 7)
    if tables:
        out["tables"] = tables
    return out


def generate(folder: Path, count: int) -> None:
    import yaml

    sources = [yaml.safe_load((EXAMPLES / s).read_text(encoding="utf-8")) for s in SOURCES]
    for n in range(count):
        sub = folder / f"county-{n % 10:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(variation(sources[n % len(sources)], n), allow_unicode=True, sort_keys=False)
        (sub / f"report-{n:03d}.yaml").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        generate(inputs, args.reports)
        check = time_command(govreport_argv("check", str(inputs)), 1)
        argv = govreport_argv("build", str(inputs), "-o", str(Path(tmp) / "out"),
                              "--jobs", str(args.jobs), "--quiet")
        timing = time_command(argv, 1)
        built = len(list((Path(tmp) / "out").rglob("*.pdf")))
    rate = args.reports / timing.median
    print(f"check of {args.reports} files: {check.median:.2f} s")
    print(f"build of {args.reports} reports (DOCX + PDF, --jobs {args.jobs}): {timing.median:.2f} s, "
          f"{rate:.1f} reports/s, {built} PDFs, "
          f"peak RSS of any process {timing.peak_rss_mb:.0f} MB")
    print(f"targets: ≥ {TARGET_RATE:.0f} reports/s, ≤ {TARGET_MB:.0f} MB per process")
    return 0 if rate >= TARGET_RATE and timing.peak_rss_mb <= TARGET_MB and built == args.reports else 1


if __name__ == "__main__":
    sys.exit(main())
