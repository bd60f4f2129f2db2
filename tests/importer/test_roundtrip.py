"""Importing a build gives back its input: every example, through our DOCX and our PDF, and
through web pages made from its layout (a CMS article page in GBK and UTF-8, and the
semantic HTML govreport is to write)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.api import check_file, load
from govreport.layout.build import build_document
from tests.importer.cms import cms_page, semantic_page
from tests.importer.conftest import LEGACY_STATS, ROUND_TRIP, imported
from tests.importer.equivalence import first_difference, printed

CASES = [p.stem for p in [*ROUND_TRIP, *LEGACY_STATS]]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", CASES)
def test_import_of_a_build_prints_the_same_report(builds, tmp_path: Path, name: str,
                                                  kind: str) -> None:
    build = builds[name]
    result, target = imported(getattr(build, kind), tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    pdf = kind == "pdf"
    assert printed(target, pdf) == printed(build.source, pdf), first_difference(
        printed(build.source, pdf), printed(target, pdf))


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", CASES)
def test_import_of_a_build_is_accepted_by_check(builds, tmp_path: Path, name: str,
                                                kind: str) -> None:
    _, target = imported(getattr(builds[name], kind), tmp_path)
    findings = check_file(target).findings
    assert not [f for f in findings if f.is_error], [str(f) for f in findings]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
@pytest.mark.parametrize("name", CASES)
def test_import_of_a_cms_page_prints_the_same_report(builds, tmp_path: Path, name: str,
                                                     encoding: str) -> None:
    source = builds[name].source
    page = tmp_path / f"{name}.html"
    page.write_bytes(cms_page(build_document(load(source)), encoding))
    result, target = imported(page, tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    assert printed(target) == printed(source), first_difference(printed(source), printed(target))


@pytest.mark.parametrize("name", CASES)
def test_import_of_semantic_html_prints_the_same_report(builds, tmp_path: Path,
                                                        name: str) -> None:
    """The HTML govreport is to write (caption, thead, th scope, exact spans, `/`)."""
    source = builds[name].source
    page = tmp_path / f"{name}.htm"
    page.write_bytes(semantic_page(build_document(load(source))))
    result, target = imported(page, tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    assert printed(target) == printed(source), first_difference(printed(source), printed(target))
