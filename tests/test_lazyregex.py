"""Libraries imported with their costly module-level patterns compiled on first use: what
they do with those patterns is unchanged."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

import govreport  # noqa: F401 - imports PyYAML lazily
from govreport.lazyregex import import_lazily

MODULE = '''
import re
WIDE = re.compile("[^\\x09\\x0a\\x20-\\x7e\\xa0-\\ud7ff\\U00010000-\\U0010ffff]")
LONG = re.compile("(?:" + "|".join(f"word{i}" for i in range(40)) + ")")
SHORT = re.compile("[0-9]+")
'''


@pytest.fixture
def lazy_module(tmp_path, monkeypatch):
    (tmp_path / "patterned.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import_lazily("patterned")
    yield sys.modules["patterned"]
    del sys.modules["patterned"]


def test_costly_patterns_wait_and_short_ones_do_not(lazy_module):
    assert not isinstance(lazy_module.WIDE, re.Pattern)
    assert not isinstance(lazy_module.LONG, re.Pattern)
    assert isinstance(lazy_module.SHORT, re.Pattern)


def test_a_waiting_pattern_matches_as_the_compiled_one_would(lazy_module):
    assert lazy_module.WIDE.search("正常文字\x01").start() == 4
    assert lazy_module.LONG.fullmatch("word39") and not lazy_module.LONG.fullmatch("word40")
    assert lazy_module.LONG.pattern.startswith("(?:word0|")


def test_re_compile_is_itself_again_after_the_import(lazy_module):
    assert isinstance(re.compile("(?:" + "x" * 200 + ")"), re.Pattern)


def test_pyyamls_python_reader_still_refuses_a_control_character():
    with pytest.raises(yaml.reader.ReaderError):
        yaml.load("organ: 青溪县\x01人民政府\n", Loader=yaml.SafeLoader)  # the pure-Python loader


def test_importing_govreport_leaves_the_readers_pattern_uncompiled():
    done = subprocess.run([sys.executable, "-c", (
        "import re, govreport, yaml.reader;"
        "print(isinstance(yaml.reader.Reader.NON_PRINTABLE, re.Pattern))")],
        capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
