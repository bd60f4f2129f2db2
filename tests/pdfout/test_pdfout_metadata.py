"""Document information, language and reproducibility of the PDF."""

from __future__ import annotations

import hashlib

import pytest

from tests.pdfout.conftest import CASES, output, run_govreport

cases = pytest.mark.parametrize("case", list(CASES))


@cases
def test_title_author_subject_and_keywords_come_from_the_report(case, built):
    b = built(case)
    meta = b.layout.meta
    info = b.pdf.info
    assert info["/Title"] == meta.title
    assert info["/Author"] == meta.author
    assert info["/Subject"] == meta.subject
    assert info["/Keywords"] == ", ".join(meta.keywords)
    assert meta.title.endswith("年度报告") and meta.author


def test_the_metadata_of_the_example_reads_as_a_clerk_wrote_it(built):
    info = built("yunling").pdf.info
    assert info["/Title"] == "青溪县云岭镇人民政府2024年政府信息公开工作年度报告"
    assert info["/Author"] == "青溪县云岭镇人民政府"
    assert "2024年度" in info["/Keywords"]


@cases
def test_the_document_language_is_simplified_chinese(case, built):
    assert built(case).pdf.catalog["/Lang"] == "zh-CN"


@cases
def test_creation_and_modification_dates_are_the_signoff_date_in_beijing_time(case, built):
    b = built(case)
    day = b.layout.meta.date.strftime("%Y%m%d")
    info = b.pdf.info
    assert info["/CreationDate"] == info["/ModDate"] == f"D:{day}120000+08'00'"


def test_the_same_input_gives_the_same_bytes_in_another_process_and_folder(
    built, session_env, tmp_path
):
    first = built("yunling")
    again = run_govreport(["build", str(first.source), "-o", str(tmp_path / "again"),
                           "--to", "pdf"], session_env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    second = output(tmp_path / "again", first.source.stem, "pdf").read_bytes()
    assert hashlib.sha256(second).hexdigest() == hashlib.sha256(first.pdf.data).hexdigest()


def test_a_pdf_built_alongside_other_reports_is_the_same_as_one_built_alone(
    built, session_env, tmp_path
):
    """Fonts registered for an earlier report must not change a later one."""
    alone = built("yunling")
    others = [str(built(name).source) for name in ("quanyang", "qingxi")]
    batch = run_govreport(["build", *others, str(alone.source), "-o", str(tmp_path / "batch"),
                           "--to", "pdf"], session_env)
    assert batch.returncode == 0, batch.stderr
    assert output(tmp_path / "batch", alone.source.stem, "pdf").read_bytes() == alone.pdf.data
