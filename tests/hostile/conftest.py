"""Running govreport the way a clerk does, in a fresh process (`run_govreport`).

The time and peak memory of each input class are measured by benchmarks/hostile_inputs.py,
not here: tests assert behaviour only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from govreport.fonts import ROLES
from tests.hostile.inputs import CORPUS

HANG_S = 120.0
"""A command still running after this long hangs (they take well under a second): the test
fails instead of blocking the suite. A guard, not a speed target."""

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


@dataclass
class Run:
    """A finished `govreport` process: its arguments, exit status and what it printed."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str

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


def run_govreport(args: list[str], cwd: Path, *, timeout: float = HANG_S) -> Run:
    """`python -m govreport ARGS` in `cwd`, without the user's font settings."""
    command = [sys.executable, "-m", "govreport", *args]
    try:
        done = subprocess.run(command, cwd=cwd, env=child_env(cwd), capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"govreport {' '.join(args)} still running after {timeout} s")
    return Run(list(args), done.returncode, done.stdout.decode("utf-8", errors="replace"),
               done.stderr.decode("utf-8", errors="replace"))


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture(scope="session", autouse=True)
def warm_fonts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Convert and index the PDF fonts once (~20 s on a fresh machine, then cached for the
    user), so that every test runs govreport as a user does on every day but the first."""
    folder = tmp_path_factory.mktemp("warm")
    (folder / "warm.yaml").write_bytes((CORPUS / "valid-legacy.yaml").read_bytes())
    run = run_govreport(["build", "warm.yaml", "-o", "out"], folder, timeout=600)
    assert run.returncode == 0, run.output
