"""Writers are plugins: an installed distribution adds a `--to` output through the entry-point
group `govreport.writers`, with no change to govreport; `check` runs the preflights of the
outputs it would build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govreport.writers import DEFAULT_OUTPUTS, UnknownOutput, load_writers, output_names
from tests.conftest import GOV_2021, REPO


def readme_writer() -> str:
    """The example writer of README's "Writing a writer", as its reader would save it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\n# tinywriter.py\n") + len("```python\n")
    return readme[start:readme.index("```", start)]


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    """A folder holding an installed-looking distribution `tinywriter` (a module and its
    dist-info with the entry point), as pip would lay it out in site-packages."""
    site = tmp_path / "site"
    (site / "tinywriter-0.1.dist-info").mkdir(parents=True)
    (site / "tinywriter.py").write_text(readme_writer(), encoding="utf-8")
    info = site / "tinywriter-0.1.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tinywriter\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[govreport.writers]\ntxt = tinywriter:TextWriter\n", encoding="utf-8")
    return site


def govreport_with(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    return subprocess.run([sys.executable, "-m", "govreport", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_an_installed_writer_builds_its_output(plugin_path, tmp_path):
    done = govreport_with(plugin_path, "build", str(GOV_2021), "-o", str(tmp_path / "out"),
                          "--to", "txt,docx", "-q")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out" / "yunling-2024.txt").read_text(encoding="utf-8")
    assert "一、总体情况" in text and "1.2650" in text
    assert (tmp_path / "out" / "yunling-2024.docx").is_file()


def test_build_help_lists_the_installed_outputs(plugin_path):
    done = govreport_with(plugin_path, "build", "--help")
    assert done.returncode == 0
    assert "docx、pdf、html、xlsx、png、svg、txt" in " ".join(done.stdout.split())


def test_json_names_each_output_by_its_writer(plugin_path, tmp_path):
    done = govreport_with(plugin_path, "build", str(GOV_2021), "-o", str(tmp_path / "out"),
                          "--to", "txt", "--json")
    (result,) = json.loads(done.stdout)["files"]
    assert [(Path(o["path"]).name, o["format"]) for o in result["outputs"]] == [
        ("yunling-2024.txt", "txt")]


def test_the_built_in_writers_are_there_without_any_plugin():
    assert output_names()[:2] == DEFAULT_OUTPUTS
    assert [w.suffix for w in load_writers(DEFAULT_OUTPUTS)] == [".docx", ".pdf"]


def test_an_output_no_writer_provides_is_a_chinese_usage_error(capsys):
    from govreport.cli import main

    assert main(["build", str(GOV_2021), "--to", "odt"]) == 2
    assert "不支持的输出格式“odt”；可用：docx、pdf、html、xlsx" in capsys.readouterr().err
    with pytest.raises(UnknownOutput):
        load_writers(["odt"])
