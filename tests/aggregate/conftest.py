"""A generated county of 40 units, and running the command line in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.aggregate.county import County, make_county
from tests.history.conftest import cli  # noqa: F401  (the fixture, shared)


@pytest.fixture
def county(tmp_path: Path) -> County:
    """青溪县: 28 departments and 12 townships, every report valid."""
    return make_county(tmp_path / "青溪县")
