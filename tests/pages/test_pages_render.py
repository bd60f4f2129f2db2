"""Every example as a reader gets it: pages filled, and the DOCX (as LibreOffice renders it with
the fonts .ci installs) paginated as the PDF is.

Marked `render`. Fill is measured from `pdftotext -bbox-layout`: the lowest line of text inside
the 版心, as a share of its 225 mm (a page ending in a table ends about 1 mm under its last
row's text).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import govreport
from govreport.layout.build import build_document
from tests.conftest import EXAMPLES, GOV_2021_CITY, REPO
from tests.support import rendering as r

pytestmark = pytest.mark.render

CASES = sorted(EXAMPLES.rglob("*.yaml"))
MIN_FILL = 2 / 3


@dataclass
class Rendered:
    source: Path
    pdf: list[r.Page]  # ours
    docx: list[r.Page]  # the DOCX as LibreOffice lays it out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    r.require_tools("soffice", "pdftotext", "fc-list")
    r.require_fonts(r.FANDOL_FANG, r.FANDOL_SONG, r.WQY_ZEN_HEI, r.AR_PL_KAITI, r.AR_PL_SUNGTI,
                    r.LIBERATION_SERIF)
    root = tmp_path_factory.mktemp("pages")
    done = subprocess.run([sys.executable, "-m", "govreport", "build", *map(str, CASES),
                           "-o", str(root / "out"), "-q"], cwd=REPO, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    fonts = r.write_fontconfig(r.DEFAULT_ALIASES, root / "fonts.conf")
    out = {}
    for source in CASES:
        (docx,) = (root / "out").rglob(f"{source.stem}.docx")
        lo = r.libreoffice_to_pdf(docx, root / "lo", fonts, profile_dir=root / "profile")
        out[source.stem] = Rendered(source, r.pdf_layout(docx.with_suffix(".pdf")),
                                    r.pdf_layout(lo))
    return out


def fill(page: r.Page) -> float:
    lines = r.body_lines(page)
    if not lines:
        return 0.0
    return (r.pt_to_mm(max(ln.y_max for ln in lines)) - r.BODY_TOP_MM) / 225


def underfilled(pages: list[r.Page]) -> list[tuple[int, float]]:
    """(page number, fill) of every page but the last under two thirds full, except a page
    that ends before a forced break (the 附件 starts a page of its own)."""
    out = []
    for page, following in itertools.pairwise(pages):
        starts = r.body_lines(following)
        if starts and starts[0].compact == "附件":
            continue
        if fill(page) < MIN_FILL:
            out.append((page.number, round(fill(page), 2)))
    return out


cases = pytest.mark.parametrize("case", [c.stem for c in CASES])


@cases
def test_no_page_but_the_last_is_under_two_thirds_full_in_the_pdf(rendered, case):
    assert underfilled(rendered[case].pdf) == []


@cases
def test_no_page_but_the_last_is_under_two_thirds_full_in_the_docx(rendered, case):
    assert underfilled(rendered[case].docx) == []


@cases
def test_the_docx_and_the_pdf_have_the_same_pages(rendered, case):
    assert len(rendered[case].docx) == len(rendered[case].pdf)


@cases
def test_the_docx_and_the_pdf_break_the_title_at_the_same_places(rendered, case):
    document = build_document(govreport.load(rendered[case].source))
    title = [p.text for p in document.paragraphs() if p.style == "title"]
    for pages in (rendered[case].pdf, rendered[case].docx):
        assert [ln.compact for ln in pages[0].lines[:len(title)]] == title


def test_table_3_of_the_city_report_starts_at_a_page_end_and_runs_on_in_both(rendered):
    """The real-size example whose table 3 starts low on page 11: both formats set the header
    and three rows there and carry on, the header repeated, on page 12."""
    case = rendered[GOV_2021_CITY.stem]
    for pages in (case.pdf, case.docx):
        texts = ["".join(ln.compact for ln in r.body_lines(p)) for p in pages]
        starts = [i for i, t in enumerate(texts) if "一、本年新收政府信息公开申请数量" in t]
        assert len(starts) == 1
        first = starts[0]
        assert "（一）予以公开" in texts[first]
        assert "（七）总计" not in texts[first] and "（七）总计" in texts[first + 1]
        assert "申请人情况" in texts[first + 1]  # the header rows again
        assert fill(pages[first]) > 0.9
