"""`govreport import` on the command line: where it writes, what it refuses, what it says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from govreport.cli import main
from tests.conftest import REPO
from tests.importer.conftest import REAL_TEMPLATE


@pytest.fixture
def docx(builds) -> Path:
    return builds["yunling-2024"].docx


def test_writes_the_yaml_and_says_what_to_do_next(docx: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "2024.yaml"
    assert main(["import", str(docx), "-o", str(target)]) == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["organ"] == "青溪县云岭镇人民政府"
    out = capsys.readouterr().out
    assert f"已从 {docx} 导入到 {target}" in out and f"govreport check {target}" in out


def test_dash_prints_the_yaml(docx: Path, capsys) -> None:
    assert main(["import", str(docx), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert yaml.safe_load(captured.out)["year"] == 2024
    assert captured.err == ""


def test_warnings_go_to_stderr_when_printing(tmp_path: Path, capsys) -> None:
    if not REAL_TEMPLATE.is_file():
        pytest.skip(f"real-world fixture {REAL_TEMPLATE} is not on this machine")
    assert main(["import", str(REAL_TEMPLATE), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert "format: gov-2021" in captured.out and "warning IMPORT" not in captured.out
    assert captured.err.count("warning IMPORT") == 202
    assert captured.err.startswith("-:")  # the position is in the printed YAML


def test_default_output_is_the_source_name_in_the_current_folder(docx: Path, tmp_path: Path,
                                                                 monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(docx)]) == 0
    assert (tmp_path / "yunling-2024.yaml").is_file()


def test_refuses_to_overwrite_without_force(docx: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "2024.yaml"
    target.write_text("# 手写的内容\n", encoding="utf-8")
    assert main(["import", str(docx), "-o", str(target)]) == 2
    assert "已存在；如要覆盖请加 --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# 手写的内容\n"
    assert main(["import", str(docx), "-o", str(target), "--force"]) == 0
    assert "format: gov-2021" in target.read_text(encoding="utf-8")


def test_missing_source(tmp_path: Path, capsys) -> None:
    assert main(["import", str(tmp_path / "没有.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_unsupported_file_type(tmp_path: Path, capsys) -> None:
    source = tmp_path / "报告.wps"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    assert main(["import", str(source), "-o", str(tmp_path / "x.yaml")]) == 2
    err = capsys.readouterr().err
    assert "不支持“.wps”文件" in err and "docx" in err
    assert not (tmp_path / "x.yaml").exists()


def test_a_file_that_is_not_what_its_name_says(tmp_path: Path, capsys) -> None:
    source = tmp_path / "报告.docx"
    source.write_text("这不是 Word 文件", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "x.yaml")]) == 1
    err = capsys.readouterr().err
    assert "不是可以读取的 DOCX 文件" in err and "Traceback" not in err
    assert not (tmp_path / "x.yaml").exists()


def test_a_document_that_is_not_a_report(tmp_path: Path, capsys) -> None:
    import docx

    letter = docx.Document()
    letter.add_paragraph("致全镇居民的一封信")
    letter.add_paragraph("各位居民：为做好今冬明春森林防火工作，现将有关事项告知如下。")
    source = tmp_path / "一封信.docx"
    letter.save(str(source))
    assert main(["import", str(source), "-o", str(tmp_path / "x.yaml")]) == 1
    assert "没有找到年度报告的样子" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()


def test_output_folder_must_exist(docx: Path, tmp_path: Path, capsys) -> None:
    assert main(["import", str(docx), "-o", str(tmp_path / "无" / "x.yaml")]) == 2
    assert "不存在" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "build"])
def test_check_and_build_do_not_load_the_import_libraries(command: str, tmp_path: Path) -> None:
    code = ("import sys; from govreport.cli import main; "
            f"main([{command!r}, 'examples/yunling-2024.yaml'"
            + (f", '-o', {str(tmp_path)!r}, '--to', 'docx'" if command == "build" else "")
            + "]); loaded = [m for m in ('pdfplumber', 'pdfminer', 'lxml.html', "
              "'govreport.importer') if m in sys.modules]; print(loaded)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=300).stdout
    assert out.strip().splitlines()[-1] == "[]"
