"""Finding the PDF fonts and asking them for characters, each in a fresh process with a font
cache of its own and no user configuration, on two machine states: this machine's fonts, and
no font at all but the bundled Noto Serif SC / Noto Sans SC:

- the first resolution of all font roles with an empty cache (fonts found and indexed, and the
  outline-free TrueType versions of the CFF fonts made: once per machine), beside the
  resolution with that cache, as every later command does;
- `has_char` for every character of a 20,000-character report on the body font, beside
  looking the same characters up in a frozenset;
- on the bundled-fonts machine, the first `govreport build` of examples/yunling-2024.yaml with
  an empty cache (fonts indexed, the glyphs the PDF shows converted from CFF), beside a build
  with that cache: CPU time (user + sys of the process and its workers), wall time and peak
  memory;
- on this machine, the first `govreport check` with an empty cache, which indexes every font
  file: wall time and peak memory.

    python benchmarks/font_speed.py [--repeat 5]

Targets: a warm resolution under 50 ms, the 20,000 lookups under 5 ms; the first build at most
6× the CPU time of a warm build and under 120 MB; the first check under 250 MB. Exit status 1
when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

TARGET_RESOLVE_SECONDS = 0.05
TARGET_LOOKUP_SECONDS = 0.005
TARGET_FIRST_BUILD_CPU_RATIO = 6.0  # first build's CPU time / a warm build's
TARGET_FIRST_BUILD_MB = 120
TARGET_FIRST_INDEX_MB = 250  # indexing every font of a machine with the Noto CJK collections
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "yunling-2024.yaml"

_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from _measure import best_of
from govreport.fonts import resolve_fonts
start = time.perf_counter()
fonts = resolve_fonts()
resolved = time.perf_counter() - start
text = ("一、总体情况\\n本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》。" * 600)[:20000]
font = fonts["body"]
font.has_char("一")  # reads the font's coverage
lookups = best_of(5, lambda: [font.has_char(ch) for ch in text])
known = frozenset(text)
baseline = best_of(5, lambda: [ch in known for ch in text])
print(json.dumps({"resolve": resolved, "lookups": lookups, "baseline": baseline,
                  "family": font.family, "origin": font.origin}))
"""
"""Times the first `resolve_fonts()` of a process and the lookups."""


def child(cache: Path, font_dirs: str | None) -> dict[str, float | str]:
    env = {**os.environ, "GOVREPORT_CACHE_DIR": str(cache),
           "GOVREPORT_CONFIG": str(cache / "no-such-config.toml")}
    if font_dirs is not None:
        env["GOVREPORT_FONT_DIRS"] = font_dirs
    done = subprocess.run([sys.executable, "-c", _CHILD, str(Path(__file__).parent)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def scenario(label: str, font_dirs: str | None, repeat: int) -> bool:
    """Measure one machine state; print its figures and say whether they meet the targets."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "no-fonts").mkdir()
        dirs = None if font_dirs is None else str(Path(tmp) / font_dirs)
        cold = child(Path(tmp) / "cache", dirs)
        warm = [child(Path(tmp) / "cache", dirs) for _ in range(repeat)]
    resolve = statistics.median(float(w["resolve"]) for w in warm)
    lookups = statistics.median(float(w["lookups"]) for w in warm)
    baseline = statistics.median(float(w["baseline"]) for w in warm)
    print(f"{label} — body font {cold['family']} ({cold['origin']}):")
    print(f"  resolve_fonts(), empty cache: {float(cold['resolve']):.2f} s; with the cache: "
          f"{resolve * 1000:.1f} ms, median of {repeat} fresh processes "
          f"(target < {TARGET_RESOLVE_SECONDS * 1000:.0f} ms)")
    print(f"  has_char × 20,000 characters: {lookups * 1000:.2f} ms; a frozenset lookup of the "
          f"same characters {baseline * 1000:.2f} ms ({lookups / baseline:.1f}×; "
          f"target < {TARGET_LOOKUP_SECONDS * 1000:.0f} ms)")
    return resolve < TARGET_RESOLVE_SECONDS and lookups < TARGET_LOOKUP_SECONDS


def timed_build(cache: Path, font_dirs: Path, out: Path) -> tuple[float, float, float]:
    """CPU seconds (the child's and its workers'), wall seconds and peak MB of one build."""
    env = {"GOVREPORT_CACHE_DIR": str(cache), "GOVREPORT_FONT_DIRS": str(font_dirs),
           "GOVREPORT_CONFIG": str(cache / "no-such-config.toml")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    timing = time_command(govreport_argv("build", str(EXAMPLE), "-o", str(out)), 1, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return cpu, timing.best, timing.peak_rss_mb


def first_build(repeat: int) -> bool:
    """Cold and warm builds with only the bundled fonts, alternating, each cold one on a cache
    of its own; print the medians and say whether they meet the targets."""
    cold: list[tuple[float, float, float]] = []
    warm: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        no_fonts = Path(tmp) / "no-fonts"
        no_fonts.mkdir()
        for k in range(repeat):
            cache, out = Path(tmp) / f"cache-{k}", Path(tmp) / "out"
            cold.append(timed_build(cache, no_fonts, out))
            warm.append(timed_build(cache, no_fonts, out))
    cpu, wall, _ = (statistics.median(c[i] for c in cold) for i in range(3))
    warm_cpu, warm_wall, _ = (statistics.median(w[i] for w in warm) for i in range(3))
    peak = max(c[2] for c in cold)
    ratio = cpu / warm_cpu
    print(f"first build of {EXAMPLE.name}, only the bundled Noto fonts, empty cache: "
          f"{cpu:.2f} s CPU, {wall:.2f} s wall, {peak:.0f} MB peak; with the cache "
          f"{warm_cpu:.2f} s CPU, {warm_wall:.2f} s wall; medians of {repeat} "
          f"({ratio:.1f}× the CPU time; target ≤ {TARGET_FIRST_BUILD_CPU_RATIO:.0f}×, "
          f"< {TARGET_FIRST_BUILD_MB} MB)")
    return ratio <= TARGET_FIRST_BUILD_CPU_RATIO and peak < TARGET_FIRST_BUILD_MB


def first_check_indexing_machine_fonts() -> bool:
    """`govreport check` with this machine's fonts and an empty cache: the command indexes every
    font file (parsed once, then cached). Print its time and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GOVREPORT_CACHE_DIR": str(Path(tmp) / "cache"),
               "GOVREPORT_CONFIG": str(Path(tmp) / "no-such-config.toml")}
        timing = time_command(govreport_argv("check", str(EXAMPLE)), 1, env=env)
    print(f"first `govreport check` of {EXAMPLE.name}, this machine's fonts, empty cache: "
          f"{timing.best:.2f} s, {timing.peak_rss_mb:.0f} MB (target < {TARGET_FIRST_INDEX_MB} MB)")
    return timing.peak_rss_mb < TARGET_FIRST_INDEX_MB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ok = scenario("this machine's fonts", None, args.repeat)
    ok = scenario("only the bundled Noto fonts", "no-fonts", args.repeat) and ok
    ok = first_build(max(args.repeat // 2, 1)) and ok
    ok = first_check_indexing_machine_fonts() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
