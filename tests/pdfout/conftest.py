"""The PDF of every example and fixture, built once per session through `govreport build`.

The builds use this machine's fonts, exactly as a clerk's `govreport build` would: official
fonts if installed, else open substitutes, else the bundled Noto fonts (on a machine without
any, the first session converts those once, ~20 s, into the shared cache). Only the user's own
choices are switched off (config file, `GOVREPORT_FONT_<ROLE>`), so that a developer's
setting cannot change what the tests see.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from govreport.api import load
from govreport.fonts import ROLES, ResolvedFont, register_reportlab_fonts, resolve_fonts
from govreport.layout.build import build_document
from govreport.layout.document import Document
from tests.conftest import GOV_2019, GOV_2021, LEGACY, REPO
from tests.pdfout.reading import Pdf

DATA = Path(__file__).parent / "data"
LONG_STATS = DATA / "legacy-long-stats.yaml"

EXAMPLES = {"yunling": GOV_2021, "qingxi": GOV_2019, "quanyang": LEGACY}
CASES = {**EXAMPLES, "long-stats": LONG_STATS}


def user_free_env(tmp: Path, **extra: str) -> dict[str, str]:
    """This process's environment without the user's font choices (config file, env vars)."""
    env = {k: v for k, v in os.environ.items()
           if not any(k == f"GOVREPORT_FONT_{role.upper()}" for role in ROLES)}
    env["GOVREPORT_CONFIG"] = str(tmp / "no-config.toml")
    env.update(extra)
    return env


def run_govreport(args: list[str], env: dict[str, str],
                  cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`govreport ARGS` in a fresh process (the CLI resolves fonts once per process)."""
    return subprocess.run([sys.executable, "-m", "govreport", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=600)


def output(folder: Path, stem: str, fmt: str) -> Path:
    """The one file `stem.fmt` that a build wrote below `folder`."""
    found = list(folder.rglob(f"{stem}.{fmt}"))
    assert len(found) == 1, (stem, fmt, found)
    return found[0]


@dataclass
class Built:
    name: str
    source: Path
    pdf_path: Path
    docx_path: Path
    stderr: str

    @cached_property
    def pdf(self) -> Pdf:
        return Pdf(self.pdf_path)

    @cached_property
    def layout(self) -> Document:
        return build_document(load(self.source))


@pytest.fixture(scope="session")
def session_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return user_free_env(tmp_path_factory.mktemp("env"))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory,
          session_env: dict[str, str]) -> Callable[[str], Built]:
    """built(case) → the case's DOCX and PDF, from one `govreport build` per case."""
    root = tmp_path_factory.mktemp("built")
    cache: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in cache:
            source = CASES[name]
            folder = root / name
            done = run_govreport(["build", str(source), "-o", str(folder)], session_env)
            assert done.returncode == 0, done.stdout + done.stderr
            cache[name] = Built(name, source, output(folder, source.stem, "pdf"),
                                output(folder, source.stem, "docx"), done.stderr)
        return cache[name]

    return get


@pytest.fixture(scope="session")
def machine_fonts(session_env: dict[str, str]) -> dict[str, ResolvedFont]:
    """What the resolver picks on this machine for each role (as the session builds saw it)."""
    with pytest.MonkeyPatch.context() as mp:
        for key in [k for k in os.environ if k not in session_env]:
            mp.delenv(key)
        mp.setenv("GOVREPORT_CONFIG", session_env["GOVREPORT_CONFIG"])
        return resolve_fonts()


@pytest.fixture(scope="session")
def postscript_names(machine_fonts: dict[str, ResolvedFont]) -> dict[str, str]:
    """role → the BaseFont name (without subset tag) reportlab gives that role's font."""
    from reportlab.pdfbase import pdfmetrics

    names = register_reportlab_fonts(machine_fonts)
    out = {}
    for role, name in names.items():
        face = pdfmetrics.getFont(name).face
        out[role] = (face.name + face.subfontNameX).decode("latin-1")
    return out


@pytest.fixture
def clean_env(tmp_path: Path) -> Iterator[Callable[..., dict[str, str]]]:
    """clean_env(**vars) → an environment without user font choices, plus `vars`."""

    def make(**extra: str) -> dict[str, str]:
        return user_free_env(tmp_path, **extra)

    yield make
