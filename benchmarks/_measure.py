"""Timing whole commands in fresh processes (wall time and the peak memory of the child), and
functions in this process."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

_MAXRSS_BYTES = 1 if sys.platform == "darwin" else 1024
"""ru_maxrss is in bytes on macOS and in KiB on Linux."""


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


def time_command(argv: Sequence[str], repeat: int, env: dict[str, str] | None = None,
                 cwd: str | os.PathLike[str] | None = None, exits: Collection[int] = (0,)) -> Timing:
    """Run `argv` `repeat` times, each in a new process; fail loudly if it exits otherwise
    than `exits` allows (a refused input exits 1).

    The peak is each child's own, from wait4 (it covers the processes that child waited for,
    such as build workers): RUSAGE_CHILDREN only grows over the whole run, so a later command
    would report an earlier one's peak.
    """
    runs = []
    peak = 0
    for _ in range(repeat):
        # Output goes to files, not pipes: nothing has to be read while waiting for the child.
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=cwd,
                                    env={**os.environ, **(env or {})})
            _, status, usage = os.wait4(proc.pid, 0)
            runs.append(time.perf_counter() - start)
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
            if proc.returncode not in exits:
                out.seek(0)
                err.seek(0)
                sys.stderr.write(out.read().decode(errors="replace") + err.read().decode(errors="replace"))
                raise SystemExit(f"command failed ({proc.returncode}): {' '.join(argv)}")
        peak = max(peak, usage.ru_maxrss)
    return Timing(runs, peak * _MAXRSS_BYTES / 2**20)


def govreport_argv(*args: str) -> list[str]:
    """The installed console script if there is one, else `python -m govreport`."""
    from shutil import which

    exe = which("govreport")
    return [exe, *args] if exe else [sys.executable, "-m", "govreport", *args]


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """The shortest of `repeat` calls of `fn` in this process, in seconds: for code that is
    fast next to the start of a process, measured once it is loaded."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return min(runs)
