"""A generated county of 40 units, and running the command line in-process."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from tests.aggregate.county import County, Unit, make_county
from tests.history.conftest import cli  # noqa: F401  (the fixture, shared)


@pytest.fixture(scope="session")
def _county_once(tmp_path_factory) -> County:
    return make_county(tmp_path_factory.mktemp("county") / "青溪县")


@pytest.fixture
def county(tmp_path: Path, _county_once: County) -> County:
    """青溪县: 28 departments and 12 townships, every report valid; a fresh copy per test
    (generating it takes fifteen times as long as copying it)."""
    folder = tmp_path / _county_once.folder.name
    shutil.copytree(_county_once.folder, folder)
    units = [Unit(u.organ, folder / u.path.relative_to(_county_once.folder), copy.deepcopy(u.tables))
             for u in _county_once.units]
    return County(_county_once.name, folder, units)
