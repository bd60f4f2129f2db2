"""Shared fixtures: real example files, and variants of them with one deliberate change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GOV_2021 = EXAMPLES / "yunling-2024.yaml"
GOV_2019 = EXAMPLES / "qingxi-amr-2020.yaml"
GOV_2021_CITY = EXAMPLES / "lanzhou-2024.yaml"  # a real-size city report (10+ pages), full table 3
GOV_2021_LONG_ORGAN = EXAMPLES / "qingxi-ftz-2023.yaml"  # no title: an organ too long for one line
LEGACY = EXAMPLES / "quanyang-2018.yaml"
SEED = REPO / "tests" / "data" / "quanyang-2018-report.txt"  # the real 2018 report (legacy seed)


def locate(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


@dataclass
class Variant:
    path: Path
    text: str

    def pos(self, needle: str, nth: int = 0) -> tuple[int, int]:
        return locate(self.text, needle, nth)

    def pos_after(self, prefix: str) -> tuple[int, int]:
        """Where the value written right after `prefix` starts."""
        line, column = locate(self.text, prefix)
        return line, column + len(prefix)


@pytest.fixture
def variant(tmp_path: Path):
    """Copy an example with textual replacements applied: variant(GOV_2021, (old, new), ...)."""

    def make(example: Path, *replacements: tuple[str, str], name: str | None = None) -> Variant:
        text = example.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} not in {example.name}"
            text = text.replace(old, new, 1)
        path = tmp_path / (name or example.name)
        path.write_text(text, encoding="utf-8")
        return Variant(path, text)

    return make


@pytest.fixture
def write(tmp_path: Path):
    """Write a file under tmp_path (str → UTF-8, bytes as given) and return its path."""

    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make
