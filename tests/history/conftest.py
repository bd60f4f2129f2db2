"""The three-year example series, and running the command line in-process."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from govreport.cli import main
from tests.conftest import EXAMPLES

SERIES = EXAMPLES / "series"
Y2020 = SERIES / "qingxi-hrss-2020.yaml"  # gov-2019
Y2021 = SERIES / "qingxi-hrss-2021.yaml"  # gov-2021, previous: 2020
Y2022 = SERIES / "qingxi-hrss-2022.yaml"  # gov-2021, previous: 2021


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsysbinary):
    """Run `govreport ARGS...` in-process; stdout and stderr decoded as UTF-8 (BOM kept)."""

    def run(*argv: object) -> Run:
        code = main([str(a) for a in argv])
        out, err = capsysbinary.readouterr()
        return Run(code, out.decode("utf-8"), err.decode("utf-8"))

    return run


@pytest.fixture(autouse=True)
def _default_similarity_threshold(monkeypatch):
    """The tests assume the default X-SIMILAR threshold, whatever the caller's environment says."""
    monkeypatch.delenv("GOVREPORT_SIMILAR_THRESHOLD", raising=False)
