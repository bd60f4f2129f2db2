"""Time and peak memory of `check` and `build` on every hostile input of tests/hostile (the bad
corpus, the generated 10 MB / deeply nested / 90,000-key files, the extreme valid reports),
each in fresh processes, beside a small valid report measured in the same run.

    python benchmarks/hostile_inputs.py [--repeat 3] [--only NAME]

Targets: every command on every input under 2 s (median, fonts already converted), `check`
under 150 MB and `build` under 250 MB peak memory. Measured, `check` needs ~20 MB for ordinary
bad input and up to ~95 MB for 200,000 nodes of YAML (the most the reader accepts), `build`
~30 MB when it refuses the input and 105–180 MB for a real build: the bounds leave room for
other platforms and font choices and still catch anything that grows with alias expansion or
nesting depth. "× valid" is the median over the same command on the valid report, which
stays meaningful on a loaded machine. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import Timing, govreport_argv, time_command

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 2.0
TARGET_MB = {"check": 150.0, "build": 250.0}
BASELINE = "valid-legacy.yaml"
ENV = {"GOVREPORT_CONFIG": str(Path(tempfile.gettempdir()) / "no-such-govreport-config.toml")}
"""No user configuration file: the defaults, as in the tests."""


def generate(folder: Path) -> None:
    """Write the inputs under `folder`: the corpus as committed, generated/ and extreme/.

    Run in a child process: the files are made in memory (up to 10 MB each), and a child's
    peak memory on Linux includes what its parent held when it was started."""
    sys.path.insert(0, str(ROOT))
    from tests.hostile.inputs import CORPUS, EXTREME, GENERATED

    shutil.copytree(CORPUS, folder, dirs_exist_ok=True)
    (folder / "generated").mkdir()
    for name, make in GENERATED.items():
        (folder / "generated" / name).write_bytes(make())
    (folder / "extreme").mkdir()
    for label, make in EXTREME.items():
        (folder / "extreme" / f"{file_stem(label)}.yaml").write_text(make(), encoding="utf-8")


def file_stem(label: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in label).strip("-")


def inputs(folder: Path) -> list[str]:
    """Every input file below `folder`, as a path relative to it: the valid report first."""
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml"))
    names.remove(BASELINE)
    return [BASELINE, *names]


def measure(folder: Path, name: str, repeat: int) -> dict[str, Timing]:
    out = Path(tempfile.mkdtemp(prefix="out-", dir=folder.parent))
    try:
        return {command: time_command(govreport_argv(*args), repeat, env=ENV, cwd=folder,
                                      exits=(0, 1))
                for command, args in (("check", ("check", name)),
                                      ("build", ("build", name, "-o", str(out))))}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="only the inputs whose path contains this")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inputs"
        subprocess.run([sys.executable, __file__, "--generate", str(folder)], check=True)
        time_command(govreport_argv("build", BASELINE, "-o", str(Path(tmp) / "warm")), 1,
                     env=ENV, cwd=folder)  # converts the fonts on a fresh machine (~20 s)
        names = [n for n in inputs(folder) if n == BASELINE or args.only in n]
        results = {name: measure(folder, name, args.repeat) for name in names}
    base = results[BASELINE]
    print(f"{'input':<46} {'check s':>7} {'× valid':>7} {'MB':>4}  {'build s':>7} {'× valid':>7} {'MB':>4}")
    missed = []
    for name, timings in results.items():
        row = f"{name.removesuffix('.yaml'):<46}"
        for command in ("check", "build"):
            t = timings[command]
            row += (f" {t.median:>7.2f} {t.median / base[command].median:>7.1f} "
                    f"{t.peak_rss_mb:>4.0f} ")
            if t.median >= TARGET_SECONDS or t.peak_rss_mb >= TARGET_MB[command]:
                missed.append(f"{command} {name}: {t.median:.2f} s, {t.peak_rss_mb:.0f} MB")
        print(row.rstrip())
    for command in ("check", "build"):
        slowest = max(results, key=lambda n: results[n][command].median)
        largest = max(results, key=lambda n: results[n][command].peak_rss_mb)
        print(f"{command}: slowest {slowest} {results[slowest][command].median:.2f} s, "
              f"largest {largest} {results[largest][command].peak_rss_mb:.0f} MB "
              f"(targets < {TARGET_SECONDS} s, < {TARGET_MB[command]:.0f} MB); "
              f"{len(results)} inputs, median of {args.repeat} fresh processes each")
    for line in missed:
        print(f"target missed: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
