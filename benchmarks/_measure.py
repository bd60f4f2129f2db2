"""Timing whole commands in fresh processes: wall time and the peak memory of the child."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Timing:
    runs: list[float]
    peak_rss_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def best(self) -> float:
        return min(self.runs)


def time_command(argv: Sequence[str], repeat: int, env: dict[str, str] | None = None) -> Timing:
    """Run `argv` `repeat` times, each in a new process; fail loudly if it fails."""
    runs = []
    peak = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        result = subprocess.run(argv, capture_output=True, env={**os.environ, **(env or {})}, check=False)
        runs.append(time.perf_counter() - start)
        if result.returncode not in (0,):
            sys.stderr.write(result.stdout.decode() + result.stderr.decode())
            raise SystemExit(f"command failed ({result.returncode}): {' '.join(argv)}")
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return Timing(runs, peak / 1024)


def govreport_argv(*args: str) -> list[str]:
    """The installed console script if there is one, else `python -m govreport`."""
    from shutil import which

    exe = which("govreport")
    return [exe, *args] if exe else [sys.executable, "-m", "govreport", *args]
