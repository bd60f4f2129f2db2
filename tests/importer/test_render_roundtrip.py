"""Importing the PDF that LibreOffice makes of our DOCX gives back the input, for every
example: another producer's PDF of the same document (its own line breaks, fonts by
fontconfig substitution, Liberation Serif for the digits, its own table rules). So does
LibreOffice's HTML export of the DOCX (Word-style markup: a <font face> on every run, the
title's size on its runs, Times New Roman digits inside a run-in lead).

Marked `render`: needs LibreOffice and the CJK substitute fonts (`.ci/install-system-deps`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.importer.conftest import LEGACY_STATS, ROUND_TRIP, imported
from tests.importer.equivalence import first_difference, printed
from tests.support import rendering as r

pytestmark = pytest.mark.render

CASES = [p.stem for p in [*ROUND_TRIP, *LEGACY_STATS]]


@pytest.fixture(scope="module")
def libreoffice_pdfs(builds, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    r.require_tools("soffice")
    r.require_fonts(r.FANDOL_FANG, r.FANDOL_SONG, r.WQY_ZEN_HEI, r.AR_PL_KAITI, r.AR_PL_SUNGTI,
                    r.LIBERATION_SERIF)
    root = tmp_path_factory.mktemp("import-render")
    fonts = r.write_fontconfig(r.DEFAULT_ALIASES, root / "fonts.conf")
    return {name: r.libreoffice_to_pdf(builds[name].docx, root / name, fonts,
                                       profile_dir=root / "profile") for name in CASES}


@pytest.mark.parametrize("name", CASES)
def test_import_of_libreoffice_pdf_prints_the_same_report(builds, libreoffice_pdfs,
                                                          tmp_path: Path, name: str) -> None:
    result, target = imported(libreoffice_pdfs[name], tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    original = printed(builds[name].source, pdf=True)
    assert printed(target, pdf=True) == original, first_difference(original,
                                                                   printed(target, pdf=True))


def libreoffice_to_html(docx: Path, outdir: Path, profile: Path) -> Path:
    """LibreOffice's HTML export of a DOCX: Word-style markup, a <font face> on every run."""
    outdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
    subprocess.run([r.find_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", "html:HTML (StarWriter)", "--outdir",
                    str(outdir), str(docx)], env=env, capture_output=True, timeout=180,
                   check=True)
    target = outdir / f"{docx.stem}.html"
    assert target.is_file(), f"LibreOffice wrote no HTML for {docx}"
    return target


@pytest.mark.parametrize("name", CASES)
def test_import_of_libreoffice_html_prints_the_same_report(builds, tmp_path_factory,
                                                           tmp_path: Path, name: str) -> None:
    r.require_tools("soffice")
    root = tmp_path_factory.mktemp("import-html")
    page = libreoffice_to_html(builds[name].docx, root, root / "profile")
    result, target = imported(page, tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    original = printed(builds[name].source)
    assert printed(target) == original, first_difference(original, printed(target))
