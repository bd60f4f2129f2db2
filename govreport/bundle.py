"""A published report's folder and its `manifest.json`: what was published, checkable later.

Evaluators fault reports that differ between platforms or change after publication. A bundle
is the folder `publish` writes for one report; its manifest lists every other file in it with
its size and SHA-256, and names the govreport version and the fonts that made it. `verify`
recomputes the sums: any file changed, missing or added since is named. The manifest holds no
clock time, so the same input gives the same bundle, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class BundleFile:
    name: str
    output: str  # the writer that made it (`docx`, `pdf`, …), `yaml` for the source
    data: bytes = field(repr=False)

    def entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": self.name, "format": self.output,
                                 "size": len(self.data),
                                 "sha256": hashlib.sha256(self.data).hexdigest()}
        if self.output == "pdf":
            entry["conformance"] = "PDF/A-2b"
        return entry


def manifest_bytes(files: Sequence[BundleFile], report: Mapping[str, Any],
                   fonts: Sequence[Mapping[str, str]], version: str) -> bytes:
    """The manifest of a bundle of `files`: the report it is, the files, the generator and
    the fonts, in a fixed order (files by name), as UTF-8 JSON."""
    manifest = {
        "manifest": MANIFEST_VERSION,
        "generator": {"name": "govreport", "version": version},
        "report": dict(report),
        "files": [f.entry() for f in sorted(files, key=lambda f: f.name)],
        "fonts": [dict(f) for f in fonts],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Problem:
    kind: str  # "changed" | "missing" | "extra" | "manifest" | "pdfa"
    name: str  # the file's name in the bundle ("" for the bundle itself)
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "message": self.message}


@dataclass
class BundleCheck:
    """What `verify` found in one bundle folder."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)
    files: int = 0  # files the manifest lists

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        from govreport.findings import printable

        return [printable(f"{self.folder / p.name if p.name else self.folder}: {p.message}")
                for p in self.problems]

    def as_dict(self) -> dict[str, object]:
        return {"folder": str(self.folder), "ok": self.ok, "files": self.files,
                "problems": [p.as_dict() for p in self.problems]}


class BundleError(Exception):
    """A folder to verify that holds no bundle (a usage error, in Chinese)."""


def find_bundles(path: Path) -> list[Path]:
    """`path` itself when it holds a manifest, else every folder below it that does."""
    if not path.is_dir():
        raise BundleError(f"找不到文件夹：{path}" if not path.exists() else
                          f"{path} 不是文件夹；请给出 govreport publish 生成的文件夹")
    if (path / MANIFEST).exists():
        return [path]
    found = sorted(Path(root) for root, _, files in os.walk(path) if MANIFEST in files)
    if not found:
        raise BundleError(f"文件夹“{path}”中没有 {MANIFEST}，不是 govreport publish 生成的发布包")
    return found


def verify_bundle(folder: Path, pdfa: bool = False) -> BundleCheck:
    """Every file of the manifest present with its size and SHA-256, and nothing else; with
    `pdfa`, the PDF passes pikepdf's PDF/A-2b validator too."""
    check = BundleCheck(folder)
    try:
        listed = _listed_files(folder / MANIFEST)
    except ValueError as exc:
        check.problems.append(Problem("manifest", MANIFEST, str(exc)))
        return check
    check.files = len(listed)
    present = {p.name: p for p in folder.iterdir() if p.name != MANIFEST}
    for entry in listed:
        name = entry["name"]
        path = present.pop(name, None)
        if path is None or not path.is_file():
            what = "缺少该文件" if path is None else "应为文件，这里是文件夹"
            check.problems.append(Problem("missing", name, f"{what}（{MANIFEST} 中列有）"))
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if len(data) != entry["size"] or digest != entry["sha256"]:
            check.problems.append(Problem(
                "changed", name, f"文件已改动：大小 {len(data)} 字节、SHA-256 {digest[:12]}…，"
                                 f"发布时为 {entry['size']} 字节、{entry['sha256'][:12]}…"))
        elif pdfa and entry.get("conformance") == "PDF/A-2b":
            from govreport.writers.pdf.pdfa import validate

            found = validate(data)
            if found:
                check.problems.append(Problem("pdfa", name, "未通过 PDF/A-2b 校验："
                                                            + "；".join(found[:3])))
    for name, path in sorted(present.items()):
        kind = "文件夹" if path.is_dir() else "文件"
        check.problems.append(Problem("extra", name, f"多出的{kind}（{MANIFEST} 中没有列出）"))
    return check


def _listed_files(manifest: Path) -> list[dict[str, Any]]:
    """The manifest's file entries; ValueError (Chinese) when it cannot be read as one."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"无法读取：{exc}") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str)
            and f["name"] not in ("", ".", "..") and not {"/", "\\"} & set(f["name"])
            and isinstance(f.get("size"), int) and isinstance(f.get("sha256"), str)
            for f in files):
        raise ValueError("不是 govreport 的清单：缺少 files 列表，或其中的项缺少 name、size、sha256")
    return files
