"""The DOCX of every example, built once per test session.

Cases: the three examples (gov-2021, gov-2019, legacy), two legacy fixtures with a statistics
table (printed after the body, and as a long attachment), and the gov-2021 example with a
section nested four levels deep (一、（一）1.（1）).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from govreport.api import load
from govreport.layout.build import build_document
from govreport.layout.document import Document
from govreport.model import Report
from govreport.writers.docx.writer import render_docx
from tests.conftest import GOV_2019, GOV_2021, LEGACY
from tests.docx.ooxml import Package

DATA = Path(__file__).parent / "data"
LEGACY_STATS = DATA / "legacy-stats.yaml"
LEGACY_ATTACHMENT = DATA / "legacy-stats-attachment.yaml"

EXAMPLES = {"gov-2021": GOV_2021, "gov-2019": GOV_2019, "legacy": LEGACY}
FIXTURES = {"legacy-stats": LEGACY_STATS, "legacy-attachment": LEGACY_ATTACHMENT}

# The 监督保障 subsection of the gov-2021 example, rewritten to reach the third and fourth
# heading levels: （五）监督保障 → 1.组织保障 → （1）领导小组。 (a run-in lead).
_LEVELS_OLD = "    - heading: 监督保障\n      body: |\n        "
_LEVELS_NEW = ("    - heading: 监督保障\n      body:\n        - heading: 组织保障\n          body:\n"
               "            - lead: 领导小组。\n              text: ")


@dataclass
class Built:
    name: str
    source: Path
    report: Report
    layout: Document
    package: Package

    @property
    def data(self) -> bytes:
        return self.package.data


def build(path: Path, name: str) -> Built:
    report = load(path)
    layout = build_document(report)
    return Built(name, path, report, layout, Package(render_docx(layout)))


@pytest.fixture(scope="session")
def levels_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = GOV_2021.read_text(encoding="utf-8")
    assert _LEVELS_OLD in text
    path = tmp_path_factory.mktemp("levels") / "yunling-2024-levels.yaml"
    path.write_text(text.replace(_LEVELS_OLD, _LEVELS_NEW, 1), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built(levels_source: Path) -> Callable[[str], Built]:
    """built(case) → the case's report, layout document and DOCX, made once per session."""
    sources = {**EXAMPLES, **FIXTURES, "gov-2021-levels": levels_source}
    cache: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in cache:
            cache[name] = build(sources[name], name)
        return cache[name]

    return get
