"""PDF/A-2b (`build --pdfa`): every example passes pikepdf's PDF/A validator, carries the XMP
declaration and the sRGB output intent, embeds every font, and is still the same bytes for
the same input. Without `--pdfa` the PDF stays as it was."""

from __future__ import annotations

import hashlib
import io
import sys

import pikepdf
import pytest
from pikepdf import Name, pdfa
from pypdf import PdfReader

from govreport.cli import main
from tests.conftest import GOV_2021, GOV_2021_CITY
from tests.pdfout.conftest import output, run_govreport, user_free_env
from tests.support.examples import ALL_INPUTS, build_examples


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    return user_free_env(tmp_path_factory.mktemp("env"))


@pytest.fixture(scope="module")
def pdfa_built(tmp_path_factory, env):
    """Every example (and the long legacy table) built with --pdfa in one process."""
    built = build_examples(tmp_path_factory.mktemp("pdfa"), env, ("pdf",), "--pdfa")
    return {stem: data for (stem, _), data in built.items()}


def opened(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


@pytest.mark.parametrize("stem", [p.stem for p in ALL_INPUTS])
def test_every_example_passes_the_pdfa_2b_validator(pdfa_built, stem):
    report = pdfa.validate_written(io.BytesIO(pdfa_built[stem]), "2b")
    assert report.passed, [str(f) for f in report.findings]


def test_the_xmp_declares_pdfa_2b_and_dates_it_on_the_sign_off_day(pdfa_built):
    with opened(pdfa_built[GOV_2021.stem]) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["xmp:MetadataDate"] == "2025-01-20T12:00:00+08:00"
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2025-01-20T12:00:00+08:00"
        assert meta["pdf:Producer"] == "govreport" == str(pdf.docinfo[Name.Producer])
        assert meta["dc:title"] == "青溪县云岭镇人民政府2024年政府信息公开工作年度报告"
        assert meta["dc:creator"] == ["青溪县云岭镇人民政府"]
        assert meta["dc:language"] == {"zh-CN"}


def test_the_output_intent_is_srgb(pdfa_built):
    with opened(pdfa_built[GOV_2021.stem]) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == Name.GTS_PDFA1
        assert str(intent.OutputConditionIdentifier) == "sRGB"
        profile = intent.DestOutputProfile
        assert profile.N == 3 and profile.read_bytes()[36:40] == b"acsp"  # an ICC profile


@pytest.mark.parametrize("stem", [p.stem for p in ALL_INPUTS])
def test_no_page_has_a_transition_and_every_font_is_embedded(pdfa_built, stem):
    with opened(pdfa_built[stem]) as pdf:
        for page in pdf.pages:
            assert Name.Trans not in page.obj
            for font in page.obj.Resources.Font.values():
                assert "Helvetica" not in str(font.BaseFont)
                assert Name.FontFile2 in font.FontDescriptor


def test_the_text_can_still_be_read_out(pdfa_built):
    text = PdfReader(io.BytesIO(pdfa_built[GOV_2021_CITY.stem])).pages[0].extract_text()
    assert "澜州市人民政府" in text and "年度报告" in text


def test_the_same_input_gives_the_same_pdfa_bytes_in_another_process(pdfa_built, env, tmp_path):
    again = run_govreport(["build", str(GOV_2021_CITY), "-o", str(tmp_path), "--to", "pdf",
                           "--pdfa"], env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    second = output(tmp_path, GOV_2021_CITY.stem, "pdf").read_bytes()
    assert hashlib.sha256(second).digest() == hashlib.sha256(pdfa_built[GOV_2021_CITY.stem]).digest()


def test_without_pdfa_the_pdf_has_no_xmp_and_no_output_intent(env, tmp_path):
    done = run_govreport(["build", str(GOV_2021), "-o", str(tmp_path), "--to", "pdf"], env)
    assert done.returncode == 0, done.stderr
    with pikepdf.open(output(tmp_path, GOV_2021.stem, "pdf")) as pdf:
        assert Name.Metadata not in pdf.Root and Name.OutputIntents not in pdf.Root


def test_a_pdf_with_a_font_it_does_not_embed_is_refused():
    from reportlab.pdfgen.canvas import Canvas

    from govreport.layout.build import build_document
    from govreport.reader import read_report
    from govreport.writers.pdf.pdfa import PdfaError, to_pdfa

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 72, "page 1")  # reportlab's default: Helvetica, never embedded
    canvas.save()
    meta = build_document(read_report(GOV_2021)).meta
    with pytest.raises(PdfaError, match=r"未嵌入的字体.*Helvetica"):
        to_pdfa(buffer.getvalue(), meta)


def test_without_pikepdf_pdfa_is_a_usage_error_saying_what_to_install(
        monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "pikepdf", None)  # import fails as if not installed
    code = main(["build", str(GOV_2021), "-o", str(tmp_path), "--pdfa"])
    assert code == 2
    err = capsys.readouterr().err
    assert "PDF/A" in err and "pip install" in err and "pikepdf" in err
    assert list(tmp_path.iterdir()) == []
