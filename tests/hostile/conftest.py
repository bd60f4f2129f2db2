"""Running govreport the way a clerk does, in a fresh process, and measuring every run.

`run_govreport` starts `python -m govreport ARGS` and records its wall time and peak memory
(of the process and of the children it waited for: a build renders the DOCX in a forked
child) under an input class. With `GOVREPORT_MEASUREMENTS=1` the session ends with a table
of the largest time and memory per class.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from govreport.fonts import ROLES

CORPUS = Path(__file__).parent / "corpus"

TIME_LIMIT_S = 2.0
"""The issue's bound for one command on one input, fonts already converted."""

CHECK_MEMORY_MB = 150
BUILD_MEMORY_MB = 250
"""Peak memory bounds, from measurements (GOVREPORT_MEASUREMENTS=1): `check` needs 20 MB for
ordinary bad input and up to ~95 MB for 200,000 nodes of YAML (the most the reader accepts);
`build` 27 MB when the input is refused, 105–130 MB for a real build (reportlab and the PDF
fonts), 175 MB for a valid 5 MB file. The bounds leave ~50 % for other platforms and font
choices, and still catch anything that grows with alias expansion or nesting depth."""

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
if THOROUGH:
    settings.register_profile("thorough", deadline=None, print_blob=True)
    settings.load_profile("thorough")


def examples(default: int) -> int:
    """Examples per property. The default keeps tests/hostile at about 40 s, and is what CI
    runs (the README's `pytest`; with CI set, hypothesis's own "ci" profile makes the
    examples the same on every run). `HYPOTHESIS_PROFILE=thorough` runs 20 times as many
    (about 5 minutes), for a soak before a release."""
    return default * 20 if THOROUGH else default


_measurements: dict[tuple[str, str], list[Run]] = defaultdict(list)


@dataclass
class Run:
    """A finished `govreport` process: what it printed, how long it took, what it held."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def child_env(tmp: Path) -> dict[str, str]:
    """This environment without the user's font choices (config file, GOVREPORT_FONT_*)."""
    env = {k: v for k, v in os.environ.items()
           if not any(k == f"GOVREPORT_FONT_{role.upper()}" for role in ROLES)}
    env["GOVREPORT_CONFIG"] = str(tmp / "no-such-config.toml")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


_LAUNCHER = """
import os, subprocess, sys, time
report, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(command)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
child.returncode = code = os.waitstatus_to_exitcode(status)
with open(report, "w") as f:
    f.write(f"{seconds} {usage.ru_maxrss}")
sys.exit(code if code >= 0 else 128 - code)
"""
"""Starts the command and reports its wall time and peak memory. Linux counts the memory a
process had before exec in its peak, so the command must be started from this small process,
not from pytest's (~170 MB after a while)."""


def run_govreport(args: list[str], cwd: Path, *, measure: str | None = None,
                  timeout: float = 120.0) -> Run:
    """`python -m govreport ARGS` in `cwd`; recorded under `measure` (an input class)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "measured"
        command = [sys.executable, "-c", _LAUNCHER, str(report),
                   sys.executable, "-m", "govreport", *args]
        try:
            done = subprocess.run(command, cwd=cwd, env=child_env(cwd), capture_output=True,
                                  stdin=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"govreport {' '.join(args)} still running after {timeout} s")
        seconds, maxrss = report.read_text().split()
    # ru_maxrss: KiB on Linux, bytes on macOS
    peak_mb = int(maxrss) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    run = Run(list(args), done.returncode, done.stdout.decode("utf-8", errors="replace"),
              done.stderr.decode("utf-8", errors="replace"), float(seconds), peak_mb)
    if measure is not None:
        _measurements[(measure, args[0])].append(run)
    return run


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def assert_within_bounds(run: Run) -> None:
    limit = BUILD_MEMORY_MB if run.args[0] == "build" else CHECK_MEMORY_MB
    assert run.seconds < TIME_LIMIT_S, f"{run.args}: {run.seconds:.2f} s"
    assert run.peak_mb < limit, f"{run.args}: {run.peak_mb:.0f} MB"


@pytest.fixture(scope="session", autouse=True)
def warm_fonts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Convert and index the PDF fonts once (~20 s on a fresh machine, then cached for the
    user), so that time limits measure govreport and not the one-time conversion."""
    folder = tmp_path_factory.mktemp("warm")
    (folder / "warm.yaml").write_bytes((CORPUS / "valid-legacy.yaml").read_bytes())
    run = run_govreport(["build", "warm.yaml", "-o", "out"], folder, timeout=600)
    assert run.returncode == 0, run.output


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not _measurements or not os.environ.get("GOVREPORT_MEASUREMENTS"):
        return
    write = terminalreporter.write_line
    terminalreporter.section("govreport: time and peak memory per input class")
    write(f"{'input class':<44} {'command':<7} {'runs':>4} {'max s':>6} {'max MB':>7}")
    for (name, command), runs in sorted(_measurements.items()):
        write(f"{name:<44} {command:<7} {len(runs):>4} "
              f"{max(r.seconds for r in runs):>6.2f} {max(r.peak_mb for r in runs):>7.0f}")
