"""Fidelity: LibreOffice, given the fonts our PDF used, paginates the DOCX as our PDF is.

The DOCX names the official fonts (仿宋_GB2312, 黑体, ...); a private fontconfig maps each to the
family the resolver chose for the same role of the PDF, so that both documents are set in the
same faces and any difference in page count is a difference in layout, not in fonts.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from govreport.fonts import OFFICIAL_FAMILY, ResolvedFont
from tests.pdfout.conftest import EXAMPLES
from tests.pdfout.reading import Pdf
from tests.support import rendering

pytestmark = pytest.mark.render

# The DOCX's font table offers these as alternatives (altName) for the _GB2312 names.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}


def fontconfig_family(font: ResolvedFont) -> str:
    """The family name under which fontconfig (and so LibreOffice) knows the font's file."""
    done = subprocess.run(["fc-query", "-i", str(font.index), "-f", "%{family[0]}", str(font.path)],
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.strip()


@pytest.fixture(scope="module")
def same_fonts_config(machine_fonts: dict[str, ResolvedFont],
                      tmp_path_factory: pytest.TempPathFactory) -> Path:
    rendering.require_tools("soffice", "fc-query", "pdftotext")
    aliases: dict[str, str] = {}
    for role, font in machine_fonts.items():
        official = OFFICIAL_FAMILY[role]
        aliases[official] = fontconfig_family(font)
        if official in ALT_NAMES:
            aliases[ALT_NAMES[official]] = aliases[official]
    # The DOCX names Times New Roman for digits and Latin letters; the PDF sets them in the
    # font of their role, mostly the body font: use that.
    aliases["Times New Roman"] = aliases[OFFICIAL_FAMILY["body"]]
    folders = sorted({font.path.parent for font in machine_fonts.values()})  # bundled Noto too
    folder = tmp_path_factory.mktemp("fontconfig")
    return rendering.write_fontconfig(aliases, folder / "fonts.conf", folders)


@pytest.mark.parametrize("case", list(EXAMPLES))
def test_libreoffice_sets_the_docx_on_as_many_pages_as_our_pdf(
    case, built, same_fonts_config, tmp_path
):
    b = built(case)
    rendered = rendering.libreoffice_to_pdf(b.docx_path, tmp_path, same_fonts_config)
    assert Pdf(rendered).page_count == b.pdf.page_count
