"""Builds of every example (DOCX and PDF), made once per session, for the import tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from govreport.api import writers_for
from govreport.builder import build_file
from govreport.importer import ImportResult, import_report
from tests.conftest import EXAMPLES, REPO

ROUND_TRIP = sorted([*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "series").glob("*.yaml")])
LEGACY_STATS = [REPO / "tests/docx/data/legacy-stats.yaml",
                REPO / "tests/docx/data/legacy-stats-attachment.yaml"]
# The team's real-world files live beside the repository (../shared/fixtures), or beside the
# folder of worktrees a checkout may sit in.
_FIXTURE_DIRS = [REPO.parent / "shared" / "fixtures", REPO.parent.parent / "shared" / "fixtures"]
REAL_TEMPLATE = next((d for d in _FIXTURE_DIRS if d.is_dir()), _FIXTURE_DIRS[0]) / "政务公开年报模版.docx"


@dataclass(frozen=True)
class Build:
    source: Path  # the example's YAML
    docx: Path
    pdf: Path


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Every example and the legacy statistics fixtures, built as a clerk builds them."""
    out = tmp_path_factory.mktemp("builds")
    built = {}
    writers = writers_for(("docx", "pdf"))
    for source in [*ROUND_TRIP, *LEGACY_STATS]:
        folder = out / source.stem
        result = build_file(source, folder, writers)
        assert result.ok, (source, result.error, [str(f) for f in result.findings])
        built[source.stem] = Build(source, folder / f"{source.stem}.docx",
                                   folder / f"{source.stem}.pdf")
    return built


def imported(source: Path, folder: Path) -> tuple[ImportResult, Path]:
    """Import `source` and write the YAML into `folder`, as `govreport import -o` does."""
    target = folder / f"{source.stem}-imported.yaml"
    result = import_report(source, output_name=str(target))
    target.write_text(result.text, encoding="utf-8")
    return result, target


def layout_of(source: Path):
    """The layout document a report file prints (what the fixture makers draw)."""
    from govreport.api import load
    from govreport.layout.build import build_document

    return build_document(load(source))


def example(stem: str) -> Path:
    return next(p for p in [*ROUND_TRIP, *LEGACY_STATS] if p.stem == stem)
