"""Which input files a command works on, and where a build writes each one's outputs.

A county office builds every township at once from a script: folders and glob patterns are
accepted as well as files. Two `report.yaml` files from different folders must not overwrite
each other (the folder structure is mirrored under the output folder, and collisions are
found before anything is written), and nothing is written outside the output folder.
Kept free of heavy imports: `check` uses it too.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from govreport.source import os_reason

INPUT_SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\ud800-\udfff]')  # surrogates: undecodable bytes
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


class BuildError(Exception):
    """A usage problem with a request (nothing matches, outputs would collide, bad format)."""


@dataclass(frozen=True)
class Job:
    """One input and where its outputs go: `folder / (stem + ".docx" | ".pdf")`."""

    input: Path
    folder: Path
    stem: str


def collect_inputs(arguments: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, folders searched recursively for *.yaml / *.yml, glob patterns expanded.

    Raises BuildError (a usage error) for a name that matches nothing.
    """
    found: list[Path] = []
    for argument in arguments:
        text = os.fspath(argument)
        path = Path(text)
        try:
            mode: int | None = path.stat().st_mode
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):  # e.g. a name too long
                raise BuildError(f"无法使用“{text}”：{os_reason(exc)}") from None
            mode = None  # missing (or a symlink loop): perhaps a glob pattern
        if mode is not None and stat.S_ISREG(mode):
            found.append(path)
        elif mode is not None and stat.S_ISDIR(mode):
            matches = _yaml_files(path)
            if not matches:
                raise BuildError(f"文件夹“{text}”中没有 .yaml 或 .yml 文件")
            found.extend(matches)
        elif mode is not None:
            raise BuildError(f"“{text}”不是普通文件或文件夹（可能是设备或管道），不能作为报告文件")
        elif _GLOB_CHARS.search(text):
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True)) if Path(m).is_file()]
            if not matches:
                raise BuildError(f"没有文件与“{text}”匹配")
            found.extend(matches)
        else:
            raise BuildError(f"找不到文件或文件夹：{text}")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _yaml_files(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # skip .git and the like
        out.extend(Path(root) / f for f in sorted(files)
                   if f.endswith(INPUT_SUFFIXES) and not f.startswith("."))
    return out


MAX_STEM_BYTES = 200
"""File names are limited to 255 bytes: room for ".docx" and the temporary file's suffix."""


def safe_stem(stem: str) -> str:
    """An output name made from an input stem that every file system accepts."""
    name = _UNSAFE.sub("_", stem)
    name = name.encode("utf-8", "replace")[:MAX_STEM_BYTES].decode("utf-8", "ignore")
    name = name.strip(" .")
    if not name:
        name = "report"
    if name.split(".")[0].lower() in _RESERVED:
        name = "_" + name
    return name


def plan_outputs(inputs: Sequence[Path], outdir: Path) -> list[Job]:
    """Where each input's outputs go; a BuildError when two inputs would share an output or
    `outdir` is an existing file.

    Inputs from one folder go straight into `outdir`; inputs from several folders keep
    their folders relative to the deepest folder they all share.
    """
    if outdir.exists() and not outdir.is_dir():
        raise BuildError(f"输出位置 {outdir} 已存在且不是文件夹")
    folders = [p.resolve().parent for p in inputs]
    base = Path(os.path.commonpath(folders)) if folders else Path(".")
    jobs = []
    claimed: dict[tuple[str, str], Path] = {}
    for path, folder in zip(inputs, folders, strict=True):
        relative = Path(*(safe_stem(part) for part in folder.relative_to(base).parts))
        stem = safe_stem(path.stem)
        key = (str(relative).casefold(), stem.casefold())  # case-insensitive file systems
        if key in claimed:
            raise BuildError(
                f"“{claimed[key]}”和“{path}”会生成同名的输出文件 "
                f"{outdir / relative / stem}.*；请改名后再生成")
        claimed[key] = path
        jobs.append(Job(path, outdir / relative, stem))
    return jobs
