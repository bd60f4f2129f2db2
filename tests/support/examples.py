"""Every example (and the long legacy statistics fixture) built once through the command line."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES
from tests.pdfout.conftest import LONG_STATS, output, run_govreport

ALL_INPUTS = [*sorted(EXAMPLES.rglob("*.yaml")), LONG_STATS]


def build_examples(root: Path, env: dict[str, str], outputs: tuple[str, ...],
                   *options: str) -> dict[tuple[str, str], bytes]:
    """(stem, output) → bytes of every input of ALL_INPUTS, from one `govreport build`."""
    done = run_govreport(["build", *map(str, ALL_INPUTS), "-o", str(root), "--to",
                          ",".join(outputs), "-q", *options], env)
    assert done.returncode == 0, done.stdout + done.stderr
    return {(p.stem, fmt): output(root, p.stem, fmt).read_bytes()
            for p in ALL_INPUTS for fmt in outputs}
