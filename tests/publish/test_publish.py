"""`govreport publish FILE... -o DIR`: one bundle per report (DOCX, PDF/A-2b, HTML, XLSX,
图解 PNG, the source YAML, manifest.json with sizes and SHA-256), the same bytes for the same
input; `govreport verify DIR` names every file changed, missing or added since."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys

import pikepdf
import pytest
from pikepdf import pdfa

import govreport
from govreport import writers
from govreport.cli import main
from govreport.fonts import resolved_fonts
from tests.conftest import GOV_2021, GOV_2021_CITY, REPO

STEM = GOV_2021.stem
BUNDLE_FILES = {f"{STEM}.docx", f"{STEM}.pdf", f"{STEM}.html", f"{STEM}.xlsx",
                f"{STEM}-图解.png", f"{STEM}.yaml", "manifest.json"}


@pytest.fixture
def cli(capsys):
    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def published(cli, tmp_path):
    code, out, err = cli("publish", GOV_2021, "-o", tmp_path / "site", "-q")
    assert code == 0, out + err
    return tmp_path / "site" / STEM


def manifest(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


# --- the bundle ----------------------------------------------------------------------------

def test_a_bundle_holds_every_output_the_source_and_a_manifest(published):
    assert {p.name for p in published.iterdir()} == BUNDLE_FILES


def test_the_manifest_lists_each_files_name_size_and_sha256(published):
    listed = manifest(published)["files"]
    assert {e["name"] for e in listed} == BUNDLE_FILES - {"manifest.json"}
    for entry in listed:
        data = (published / entry["name"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert [e["name"] for e in listed] == sorted(e["name"] for e in listed)


def test_the_manifest_names_the_report_the_govreport_version_and_the_fonts(published):
    m = manifest(published)
    assert m["generator"] == {"name": "govreport", "version": govreport.__version__}
    assert m["report"] == {"title": "青溪县云岭镇人民政府2024年政府信息公开工作年度报告",
                           "organ": "青溪县云岭镇人民政府", "year": 2024, "signed": "2025-01-20"}
    fonts = resolved_fonts()
    assert [(f["role"], f["family"], f["file"]) for f in m["fonts"]] == [
        (role, font.family, font.path.name) for role, font in fonts.items()]


def test_the_bundles_pdf_is_pdfa_2b(published):
    data = (published / f"{STEM}.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"
    assert pdfa.validate_written(io.BytesIO(data), "2b").passed
    entry = next(e for e in manifest(published)["files"] if e["format"] == "pdf")
    assert entry["conformance"] == "PDF/A-2b"


def test_the_source_is_the_clerks_file_byte_for_byte(published):
    assert (published / f"{STEM}.yaml").read_bytes() == GOV_2021.read_bytes()


def test_the_same_input_gives_the_same_bundle(published, cli, tmp_path):
    code, out, err = cli("publish", GOV_2021, "-o", tmp_path / "again", "-q")
    assert code == 0, out + err
    again = tmp_path / "again" / STEM
    for name in BUNDLE_FILES:
        assert (again / name).read_bytes() == (published / name).read_bytes(), name


def test_publishing_again_replaces_the_whole_bundle(published, cli):
    (published / "stale.txt").write_text("left over", encoding="utf-8")
    code, out, err = cli("publish", GOV_2021, "-o", published.parent, "-q")
    assert code == 0, out + err
    assert {p.name for p in published.iterdir()} == BUNDLE_FILES
    assert not [p for p in published.parent.iterdir() if p.name.startswith(".")]  # no temp left


def test_a_folder_that_is_not_a_bundle_is_never_replaced(cli, tmp_path):
    mine = tmp_path / "site" / STEM
    mine.mkdir(parents=True)
    (mine / "draft.docx").write_bytes(b"the clerk's own file")
    code, out, err = cli("publish", GOV_2021, "-o", tmp_path / "site")
    assert code == 1
    assert "不是 govreport publish 生成的发布包" in out + err
    assert [p.name for p in mine.iterdir()] == ["draft.docx"]


def test_a_report_with_errors_gets_no_bundle(cli, variant, tmp_path):
    v = variant(GOV_2021, ("new:          [15, 2, 0, 0, 1, 0]", "new:          [15, 2, 0, 0, 1, 0, 19]"))
    code, out, _ = cli("publish", v.path, "-o", tmp_path / "site")
    assert code == 1
    assert "T3-ROW" in out
    assert not (tmp_path / "site" / STEM).exists()


def test_many_reports_are_published_in_worker_processes(cli, tmp_path):
    code, out, err = cli("publish", GOV_2021, GOV_2021_CITY, "-o", tmp_path / "site", "-j", "2",
                         "-q")
    assert code == 0, out + err
    for stem in (GOV_2021.stem, GOV_2021_CITY.stem):
        assert (tmp_path / "site" / stem / "manifest.json").is_file()


def test_without_the_html_and_xlsx_writers_publish_is_a_usage_error(cli, tmp_path, monkeypatch):
    # As on an install whose registry has no html and no xlsx writer.
    found = {k: v for k, v in writers.BUILTIN.items() if k not in ("html", "xlsx")}
    monkeypatch.setattr(writers, "BUILTIN", found)
    monkeypatch.setattr(writers, "_factories", lambda: found)
    code, _, err = cli("publish", GOV_2021, "-o", tmp_path / "site")
    assert code == 2
    assert "HTML、XLSX" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_publish_in_a_fresh_process_reports_each_bundle_in_json(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "govreport", "publish", str(GOV_2021), "-o",
                           str(tmp_path / "site"), "--json"], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)["files"]
    assert {o["format"] for o in result["outputs"]} == {"docx", "pdf", "html", "xlsx", "png",
                                                         "yaml"}
    assert result["bundle"] == str(tmp_path / "site" / STEM)


# --- verify --------------------------------------------------------------------------------

def test_an_intact_bundle_verifies(published, cli):
    code, out, _ = cli("verify", published)
    assert code == 0
    assert out.strip() == "已核对 1 个发布包：1 个完好。"


def test_a_folder_of_bundles_is_verified_bundle_by_bundle(cli, tmp_path):
    assert cli("publish", GOV_2021, GOV_2021_CITY, "-o", tmp_path / "site", "-q")[0] == 0
    code, out, _ = cli("verify", tmp_path / "site")
    assert code == 0 and "已核对 2 个发布包：2 个完好" in out


def test_a_changed_file_is_named(published, cli):
    page = published / f"{STEM}.html"
    page.write_bytes(page.read_bytes().replace("云岭镇".encode(), "云岭乡".encode(), 1))
    code, out, _ = cli("verify", published)
    assert code == 1
    (line,) = [ln for ln in out.splitlines() if "已改动" in ln]
    assert line.startswith(f"{page}: 文件已改动")


def test_a_missing_file_is_named(published, cli):
    (published / f"{STEM}-图解.png").unlink()
    code, out, _ = cli("verify", published)
    assert code == 1
    assert f"{published / (STEM + '-图解.png')}: 缺少该文件" in out


def test_an_extra_file_is_named(published, cli):
    (published / "说明.txt").write_text("补充", encoding="utf-8")
    code, out, _ = cli("verify", published)
    assert code == 1
    assert f"{published / '说明.txt'}: 多出的文件" in out


def test_a_changed_a_missing_and_an_extra_file_are_each_named(published, cli):
    pdf = published / f"{STEM}.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    (published / f"{STEM}.xlsx").unlink()
    (published / "extra.docx").write_bytes(b"x")
    code, out, _ = cli("verify", published, "--json")
    assert code == 1
    (bundle,) = json.loads(out)["bundles"]
    assert not bundle["ok"]
    assert sorted((p["kind"], p["name"]) for p in bundle["problems"]) == [
        ("changed", f"{STEM}.pdf"), ("extra", "extra.docx"), ("missing", f"{STEM}.xlsx")]


def test_an_unreadable_manifest_fails_verification(published, cli):
    (published / "manifest.json").write_text("{not json", encoding="utf-8")
    code, out, _ = cli("verify", published)
    assert code == 1 and "manifest.json: 无法读取" in out


def test_a_folder_without_a_manifest_is_a_usage_error(cli, tmp_path):
    code, _, err = cli("verify", tmp_path)
    assert code == 2 and "manifest.json" in err


def test_verify_pdfa_validates_the_pdf_too(published, cli, tmp_path):
    assert cli("verify", published, "--pdfa")[0] == 0
    # The plain PDF put in its place, with the manifest's sums updated to match it: the sums
    # agree, the PDF/A check does not.
    assert cli("build", GOV_2021, "-o", tmp_path / "plain", "--to", "pdf", "-q")[0] == 0
    plain = (tmp_path / "plain" / f"{STEM}.pdf").read_bytes()
    (published / f"{STEM}.pdf").write_bytes(plain)
    m = manifest(published)
    entry = next(e for e in m["files"] if e["format"] == "pdf")
    entry.update(size=len(plain), sha256=hashlib.sha256(plain).hexdigest())
    (published / "manifest.json").write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    assert cli("verify", published)[0] == 0
    code, out, _ = cli("verify", published, "--pdfa")
    assert code == 1 and "未通过 PDF/A-2b 校验" in out


def test_verify_pdfa_without_the_validator_is_a_usage_error(published, cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "pikepdf.pdfa", None)
    code, _, err = cli("verify", published, "--pdfa")
    assert code == 2 and "pip install 'pikepdf[pdfa]" in err
