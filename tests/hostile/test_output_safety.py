"""Output names come only from input file stems, sanitised, and `-o` is the only folder that a
build writes to, whatever the input files are called."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.inputs import MAX_STEM_BYTES, BuildError, plan_outputs, safe_stem
from tests.hostile.conftest import CORPUS, run_govreport

VALID = (CORPUS / "valid-legacy.yaml").read_bytes()
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\ud800-\udfff]')
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
            *(f"lpt{i}" for i in range(1, 10))}
NASTY_STEM = st.lists(st.sampled_from(["..", ".", "/", "\\", ":", "CON", "nul", "a", "云", " ",
                                       "\x1b", "\n", "\x00", "\udcff", "*", "?", "<", "|"])
                      ).map("".join)


@given(stem=st.text() | NASTY_STEM)
def test_a_safe_stem_is_one_portable_file_name(stem: str) -> None:
    name = safe_stem(stem)
    assert name and not FORBIDDEN.search(name)
    assert name == name.strip(" .")  # no ".", "..", hidden or trailing-dot names
    assert name.split(".")[0].lower() not in RESERVED
    assert len(name.encode("utf-8")) <= MAX_STEM_BYTES  # + ".docx" fits any file system


@given(inputs=st.lists(st.lists(st.sampled_from(["..", ".", "a", "b", "..a", "CON", "\x1b"]),
                                max_size=4).map(lambda parts: "/".join([*parts, "r.yaml"])),
                       min_size=1, max_size=4, unique=True),
       outdir=st.sampled_from(["out", "../out", "/tmp/reports/out", "a/../out"]))
def test_every_planned_output_is_inside_the_output_folder(inputs: list[str],
                                                          outdir: str) -> None:
    try:
        jobs = plan_outputs([Path(p) for p in inputs], Path(outdir))
    except BuildError as exc:  # two inputs resolving to one output name: refused, not merged
        assert "同名的输出文件" in str(exc)
        return
    root = posixpath.normpath(outdir)
    for job in jobs:
        target = posixpath.normpath(str(job.folder / f"{job.stem}.docx"))
        assert posixpath.commonpath([root, target]) == root, (job, target)
        assert ".." not in Path(target).relative_to(root).parts


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under `root` (bytes names included) with its size and modification time."""
    out = {}
    for folder, dirs, files in os.walk(os.fsencode(root)):
        for name in dirs + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            out[os.fsdecode(os.path.relpath(path, os.fsencode(root)))] = (info.st_size,
                                                                          info.st_mtime_ns)
    return out


HOSTILE_NAMES = {
    b"CON.yaml": "_CON",
    b"a\x1b[31mred.yaml": "a_[31mred",
    b"line\nbreak.yaml": "line_break",
    b" trailing dot. .yaml": "trailing dot",
    "云岭镇报告".encode("gbk") + b".yaml": None,  # not UTF-8: undecodable bytes become "_"
    "很长的名字".encode() * 16 + b".yaml": "很长的名字" * 13 + "很",  # 240 bytes → 198
}


@pytest.mark.skipif(os.name != "posix", reason="names with control bytes need a POSIX file system")
def test_a_build_writes_only_below_the_output_folder(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in HOSTILE_NAMES:
        with open(os.path.join(os.fsencode(inputs), name), "wb") as f:
            f.write(VALID)
    before = snapshot(tmp_path)
    run = run_govreport(["build", "in", "-o", "out", "--jobs", "2"], tmp_path)
    assert run.returncode == 0, run.output
    after = snapshot(tmp_path)
    changed = {p for p in after if before.get(p) != after[p]}
    assert changed and all(p == "out" or p.startswith("out/") for p in changed), changed
    assert not set(before) - set(after)  # nothing removed either
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    stems = {Path(name).stem for name in written}
    assert len(written) == 2 * len(stems) == 2 * len(HOSTILE_NAMES)
    assert all(n.endswith((".docx", ".pdf")) for n in written)
    assert {s for s in HOSTILE_NAMES.values() if s} <= stems
    assert all(not FORBIDDEN.search(s) for s in stems)


def test_two_inputs_that_would_share_an_output_name_write_nothing(tmp_path: Path) -> None:
    (tmp_path / "a:b.yaml").write_bytes(VALID)
    (tmp_path / "a_b.yaml").write_bytes(VALID)
    run = run_govreport(["build", "a:b.yaml", "a_b.yaml", "-o", "out"], tmp_path)
    assert run.returncode == 2 and "同名的输出文件" in run.stderr, run.output
    assert not (tmp_path / "out").exists()


def test_an_input_named_with_240_bytes_builds_under_a_shortened_name(tmp_path: Path) -> None:
    name = "很长的名字" * 16  # 240 bytes: the file name fits, name + ".docx" would too,
    (tmp_path / f"{name}.yaml").write_bytes(VALID)  # but not the temporary file's name
    run = run_govreport(["build", f"{name}.yaml", "-o", "out"], tmp_path)
    assert run.returncode == 0, run.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"{safe_stem(name)}.docx", f"{safe_stem(name)}.pdf"]


def test_an_input_named_dot_dot_yaml_builds_as_report(tmp_path: Path) -> None:
    (tmp_path / "..yaml").write_bytes(VALID)  # stem "..": never a path step
    run = run_govreport(["build", "..yaml", "-o", "out"], tmp_path)
    assert run.returncode == 0, run.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.docx", "report.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["..yaml", "out"]


def test_an_output_folder_that_cannot_be_made_is_named_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(VALID)
    run = run_govreport(["build", "a.yaml", "-o", "a.yaml/out"], tmp_path)
    assert run.returncode == 1, run.output
    assert "a.yaml: error BUILD: 无法写入输出文件夹“a.yaml/out”：路径中有一部分不是文件夹" in run.output
    assert "内部错误" not in run.output and "Traceback" not in run.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]
