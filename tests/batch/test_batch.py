"""Batch builds: many inputs, mirrored folders, failures isolated, atomic outputs, JSON."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import govreport
from govreport.cli import main
from govreport.inputs import BuildError, collect_inputs, plan_outputs, safe_stem
from govreport.writers.docx import DocxWriter
from tests.conftest import GOV_2019, GOV_2021, LEGACY


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """Two townships' folders with a report each (same name), plus a broken file."""
    root = tmp_path / "county"
    (root / "yunling").mkdir(parents=True)
    (root / "qingxi").mkdir()
    shutil.copy(GOV_2021, root / "yunling" / "report.yaml")
    shutil.copy(GOV_2019, root / "qingxi" / "report.yaml")
    broken = GOV_2021.read_text(encoding="utf-8").replace("licensing: 86", "licensing: 很多")
    (root / "qingxi" / "broken.yaml").write_text(broken, encoding="utf-8")
    return root


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_folder_builds_the_good_files_and_reports_the_broken_one(capsys, county, tmp_path):
    out = tmp_path / "out"
    code, stdout, _ = run(capsys, "build", county, "-o", out, "--to", "docx", "--jobs", "2")
    assert code == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "qingxi/report.docx", "yunling/report.docx"]
    assert "broken.yaml" in stdout and "error SCHEMA" in stdout
    assert "共 3 个文件：2 个已生成，1 个失败。" in stdout


def test_reports_with_the_same_name_in_two_folders_keep_their_folders(county, tmp_path):
    inputs = collect_inputs([county / "yunling" / "report.yaml", county / "qingxi" / "report.yaml"])
    jobs = plan_outputs(inputs, tmp_path / "out")
    assert [(j.folder.relative_to(tmp_path / "out").as_posix(), j.stem) for j in jobs] == [
        ("yunling", "report"), ("qingxi", "report")]


def test_inputs_from_one_folder_go_straight_into_the_output_folder(tmp_path):
    jobs = plan_outputs(collect_inputs([GOV_2021, GOV_2019]), tmp_path / "out")
    assert {j.folder for j in jobs} == {tmp_path / "out"}


def test_a_collision_is_a_usage_error_before_anything_is_written(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOV_2021, folder / "a.yaml")
    shutil.copy(GOV_2021, folder / "A.yml")
    out = tmp_path / "out"
    code, _, err = run(capsys, "build", folder, "-o", out, "--to", "docx")
    assert code == 2 and "同名的输出文件" in err
    assert not out.exists()


def test_glob_patterns_and_folders_are_expanded(county):
    assert len(collect_inputs([county])) == 3
    assert [p.name for p in collect_inputs([str(county / "*" / "report.yaml")])] == [
        "report.yaml", "report.yaml"]
    assert len(collect_inputs([str(county / "**" / "*.yaml")])) == 3


def test_a_name_that_matches_nothing_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "build", tmp_path / "nothing-*.yaml", "-o", tmp_path / "out")
    assert code == 2 and "没有文件与" in err
    with pytest.raises(BuildError):
        collect_inputs([tmp_path / "missing.yaml"])


def test_check_takes_folders_too(capsys, county):
    code, out, _ = run(capsys, "check", county)
    assert code == 1
    assert "已检查 3 个文件：1 个错误，0 个警告。" in out


def test_output_names_are_made_safe_for_every_file_system():
    assert safe_stem('a<b>:c"d|e?f*') == "a_b__c_d_e_f_"
    assert safe_stem("CON") == "_CON"
    assert safe_stem(" . ") == "report"
    assert safe_stem("泉阳镇2018") == "泉阳镇2018"


def test_json_result_has_status_findings_and_outputs_with_hashes(capsys, county, tmp_path):
    out = tmp_path / "out"
    code, stdout, _ = run(capsys, "build", county, "-o", out, "--to", "docx", "--json")
    data = json.loads(stdout)
    assert code == 1
    assert data["summary"] == {"total": 3, "built": 2, "failed": 1}
    files = {Path(f["file"]).parent.name + "/" + Path(f["file"]).name: f for f in data["files"]}
    broken = files["qingxi/broken.yaml"]
    assert broken["status"] == "failed" and broken["ok"] is False and broken["outputs"] == []
    assert set(broken["findings"][0]) == {"rule", "severity", "file", "line", "column", "message"}
    good = files["yunling/report.yaml"]
    assert good["status"] == "built" and good["error"] is None
    (output,) = good["outputs"]
    assert output["format"] == "docx"
    assert output["sha256"] == digest(Path(output["path"]))
    assert output["size"] == Path(output["path"]).stat().st_size


def test_report_option_writes_the_json_beside_the_normal_output(capsys, county, tmp_path):
    report = tmp_path / "result.json"
    code, stdout, _ = run(capsys, "build", county / "yunling", "-o", tmp_path / "out",
                          "--to", "docx", "--report", report)
    assert code == 0 and "已生成" in stdout
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["built"] == 1


def test_quiet_prints_only_errors_and_the_final_line(capsys, county, tmp_path):
    code, stdout, _ = run(capsys, "build", county, "-o", tmp_path / "out", "--to", "docx", "-q")
    lines = stdout.strip().splitlines()
    assert code == 1
    assert all("error" in line for line in lines[:-1])
    assert lines[-1] == "共 3 个文件：2 个已生成，1 个失败。"


def test_a_failing_writer_leaves_no_file_and_keeps_the_earlier_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    (first,) = govreport.build([GOV_2021], outdir=out, outputs=("docx",), jobs=1)
    assert first.ok
    earlier = out / "yunling-2024.docx"
    before = (earlier.read_bytes(), earlier.stat().st_mtime_ns)

    def broken_writer(self, document):
        raise RuntimeError("writer exploded")

    monkeypatch.setattr(DocxWriter, "render", broken_writer)
    (result,) = govreport.build([GOV_2021, ], outdir=out, outputs=("docx",), jobs=1)
    assert not result.ok and "writer exploded" in result.error
    assert (earlier.read_bytes(), earlier.stat().st_mtime_ns) == before
    assert sorted(p.name for p in out.iterdir()) == ["yunling-2024.docx"]  # no temp file left


def test_a_writer_failure_for_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    original = DocxWriter.render

    def fails_for_2020(self, document):
        if "2020" in document.meta.title:
            raise RuntimeError("boom")
        return original(self, document)

    monkeypatch.setattr(DocxWriter, "render", fails_for_2020)
    results = govreport.build([GOV_2021, GOV_2019, LEGACY], outdir=tmp_path, outputs=("docx",),
                              jobs=1)
    assert [r.ok for r in results] == [True, False, True]
    assert "内部错误" in results[1].error and results[1].traceback is None


def test_jobs_1_and_jobs_2_write_identical_files(tmp_path):
    inputs = [GOV_2021, GOV_2019, LEGACY]
    one = govreport.build(inputs, outdir=tmp_path / "one", jobs=1)
    two = govreport.build(inputs, outdir=tmp_path / "two", jobs=2)
    assert [r.ok for r in one] == [True] * 3 == [r.ok for r in two]
    assert [[o.sha256 for o in r.outputs] for r in one] == [[o.sha256 for o in r.outputs] for r in two]
    assert len({o.output for r in two for o in r.outputs}) == 2


def test_api_results_come_in_input_order_with_a_callback_per_file(tmp_path):
    seen = []
    results = govreport.build([LEGACY, GOV_2021], outdir=tmp_path, outputs=("docx",), jobs=2,
                              on_result=lambda i, r: seen.append(i))
    assert [Path(r.file).name for r in results] == [LEGACY.name, GOV_2021.name]
    assert sorted(seen) == [0, 1]


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport", *args], capture_output=True,
                          text=True, check=False, **kwargs)


def test_without_a_terminal_each_file_gets_one_plain_line(county, tmp_path):
    result = _cli("build", str(county), "-o", str(tmp_path / "out"), "--to", "docx", "--jobs", "1")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert [line.split(" ", 2)[:2] for line in lines if line.startswith("[")] == [
        ["[1/3]", "失败"], ["[2/3]", "已生成"], ["[3/3]", "已生成"]]
    assert "\x1b[" not in result.stdout  # no progress bar escape codes in a log


def test_ctrl_c_stops_cleanly_without_partial_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        shutil.copy(GOV_2021, folder / f"r{i:02d}.yaml")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "govreport", "build", str(folder), "-o", str(out),
                             "--to", "docx", "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    for line in proc.stdout:  # one line a finished file, flushed as it finishes
        if "已生成" in line:
            break
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "已中断" in err
    written = list(out.iterdir())
    assert written and all(p.suffix == ".docx" for p in written)  # no temp files
    assert len(written) < 40
    for p in written:
        assert zipfile.ZipFile(p).testzip() is None  # every file written is complete


def test_mirrored_folder_names_are_made_safe_like_file_names(tmp_path):
    bell = tmp_path / "in" / "a\x1b[31mred"
    bell.mkdir(parents=True)
    shutil.copy(GOV_2021, bell / "x\x07y.yaml")
    shutil.copy(LEGACY, tmp_path / "in" / "q.yaml")
    jobs = plan_outputs(collect_inputs([tmp_path / "in"]), tmp_path / "out")
    assert sorted((j.folder.relative_to(tmp_path / "out").as_posix(), j.stem) for j in jobs) == [
        (".", "q"), ("a_[31mred", "x_y")]


def test_control_characters_in_file_names_never_reach_the_terminal(capsys, tmp_path):
    path = tmp_path / "bad\x1b[2Jname.yaml"
    path.write_text("format: gov-2021\norgan: [\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", path)
    assert code == 1 and "\x1b" not in out and "\\x1b[2Jname.yaml:3:1" in out
