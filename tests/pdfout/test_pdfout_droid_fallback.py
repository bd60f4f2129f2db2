"""The real Droid Sans Fallback (Debian fonts-droid-fallback, pulled in by ghostscript and
imagemagick): with it as the machine's only 黑体 the examples build, and next to the usual
substitutes it is never the 黑体. The file comes from .ci/install-system-deps; it is absent from
fontconfig's folders, so these tests point GOVREPORT_FONT_DIRS at it."""

from __future__ import annotations

import json
import os

import pytest
from fontTools.ttLib import TTFont

from tests.conftest import EXAMPLES, GOV_2019
from tests.pdfout.conftest import output, run_govreport
from tests.pdfout.reading import Pdf
from tests.support import rendering

pytestmark = pytest.mark.render

ISSUE_POSITION = (36, 5)  # where issue 10 saw "/" fail the build


@pytest.fixture
def droid_env(clean_env):
    rendering.require_font_file(rendering.DROID_FALLBACK_FILE)
    return clean_env(GOVREPORT_FONT_DIRS=str(rendering.DROID_FALLBACK_DIR))


def test_the_test_copy_is_cjk_only_and_invisible_to_fontconfig():
    path = rendering.require_font_file(rendering.DROID_FALLBACK_FILE)
    cmap = TTFont(path, lazy=True).getBestCmap()
    assert ord("/") not in cmap and ord("A") not in cmap and ord("—") not in cmap
    assert ord("增") in cmap and ord("，") in cmap
    rendering.require_tools("fc-list")
    assert "Droid Sans Fallback" not in rendering.installed_families()


def test_govreport_fonts_gives_droid_the_heiti_role_and_noto_sans_after_it(droid_env):
    done = run_govreport(["fonts", "--json"], droid_env)
    assert done.returncode == 0, done.stderr
    rows = {row["role"]: row for row in json.loads(done.stdout)}
    chain = [(f["family"], f["file"]) for f in rows["heading1"]["chain"]]
    assert [family for family, _ in chain] == ["Droid Sans Fallback", "Noto Sans SC"]
    assert chain[0][1] == str(rendering.DROID_FALLBACK_FILE)


def test_the_qingxi_example_builds_its_slash_in_noto_sans_sc(droid_env, tmp_path):
    done = run_govreport(["build", str(GOV_2019), "-o", str(tmp_path / "out")], droid_env)

    assert done.returncode == 0, done.stdout + done.stderr
    (report,) = [ln for ln in done.stdout.splitlines() if " FALLBACK: " in ln]
    line, column = ISSUE_POSITION
    assert report.startswith(f"{GOV_2019}:{line}:{column}: warning FALLBACK: ")
    assert "一级标题字体“Droid Sans Fallback”没有的“/”用“Noto Sans SC”" in report
    pdf_path = output(tmp_path / "out", GOV_2019.stem, "pdf")
    embedded = {f["base_name"]: f for f in rendering.pdf_fonts(pdf_path)}
    assert {"DroidSansFallback", "NotoSansSC-Regular"} <= set(embedded)
    assert all(f["emb"] and f["sub"] for f in embedded.values())
    line_glyphs = next(ln for ln in Pdf(pdf_path).lines if "本年增/减" in ln.text).glyphs
    fonts = {g.char: g.font for g in line_glyphs}
    assert (fonts["增"], fonts["/"]) == ("DroidSansFallback", "NotoSansSC-Regular")


def test_every_example_builds(droid_env, tmp_path):
    done = run_govreport(["build", str(EXAMPLES), "-o", str(tmp_path / "out")], droid_env)

    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == len(list(EXAMPLES.rglob("*.yaml")))


def test_next_to_the_usual_substitutes_droid_is_only_a_fallback(clean_env, tmp_path):
    rendering.require_font_file(rendering.DROID_FALLBACK_FILE)
    rendering.require_fonts(rendering.WQY_ZEN_HEI)
    dirs = os.pathsep.join([str(rendering.DROID_FALLBACK_DIR), "/usr/share/fonts",
                            "/usr/local/share/fonts"])
    done = run_govreport(["fonts", "--json"], clean_env(GOVREPORT_FONT_DIRS=dirs))
    assert done.returncode == 0, done.stderr
    (heading1,) = [row for row in json.loads(done.stdout) if row["role"] == "heading1"]
    chain = [f["family"] for f in heading1["chain"]]
    assert chain[0] == "文泉驿正黑" and "Droid Sans Fallback" in chain[1:]
