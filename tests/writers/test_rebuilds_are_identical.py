"""Rebuilding gives the same files: every output of every example, built in two processes
with different hash seeds (set and dict orders) and different job counts."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, REPO


def build(out: Path, seed: str, jobs: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "govreport", "build", str(EXAMPLES), "-o", str(out),
                    "-q", "--jobs", jobs, "--to", "docx,pdf,html,xlsx"],
                   cwd=REPO, env=env, check=True, capture_output=True, timeout=600)
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_builds_of_every_example_write_the_same_bytes(tmp_path):
    first = build(tmp_path / "a", "1", "1")
    second = build(tmp_path / "b", "2", "2")
    assert len(first) == 4 * len(list(EXAMPLES.rglob("*.yaml")))
    assert {Path(name).suffix for name in first} == {".docx", ".pdf", ".html", ".xlsx"}
    assert first == second
