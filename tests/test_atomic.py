"""Atomic writes: all-or-nothing files with the permissions a plain write would give."""

from __future__ import annotations

import os
import stat

import pytest

from govreport.atomic import atomic_output, atomic_write_bytes, atomic_write_text

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def test_a_written_file_holds_exactly_the_bytes(tmp_path):
    target = tmp_path / "a.bin"
    atomic_write_bytes(target, b"\x00\x01report")
    assert target.read_bytes() == b"\x00\x01report"


def test_missing_parent_folders_are_created(tmp_path):
    target = tmp_path / "cache" / "fonts" / "x.bin"
    atomic_write_bytes(target, b"x")
    assert target.read_bytes() == b"x"


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "index.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as fh:
        fh.write(b"half of the new")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["index.json"]


def test_text_is_utf8_with_unencodable_file_names_escaped(tmp_path):
    target = tmp_path / "report.json"
    atomic_write_text(target, '{"file": "报告\udcb1.yaml"}\n')
    assert target.read_bytes() == '{"file": "报告\\udcb1.yaml"}\n'.encode()


@posix_only
def test_a_new_file_gets_the_umask_mode_not_owner_only(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "new", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o640


@posix_only
def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "shared.yaml"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
