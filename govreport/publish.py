"""`publish`: one verified bundle per report — every output the websites and archives take,
the source, and a manifest of their sums (`govreport.bundle`).

For a report `NAME.yaml` the bundle is the folder `NAME/` with `NAME.docx`, `NAME.pdf` (always
PDF/A-2b), `NAME.html`, `NAME.xlsx`, `NAME-图解.png`, `NAME.yaml` (the source, byte for byte)
and `manifest.json`. The writers are found by output name in the writer registry, so one that
cannot work here (a library it needs is missing) is a usage error before anything is built. A bundle is written to a temporary folder beside its place and swapped in whole:
readers see the old bundle or the new one, never a mixture; a folder that is not a bundle is
never replaced.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.atomic import process_umask
from govreport.builder import BuildResult, Output, check_for_build
from govreport.bundle import MANIFEST, BundleFile, manifest_bytes
from govreport.rendersplit import start_renders
from govreport.source import os_reason

if TYPE_CHECKING:
    from govreport.fonts import ResolvedFont
    from govreport.layout.document import Document
    from govreport.writers import Writer

OUTPUTS = ("docx", "pdf", "html", "xlsx", "png")
"""What a bundle holds, by writer name. A one-file publish renders the costliest (the PDF/A)
in a child forked before the report is read, the others in this process (`rendersplit`)."""
INFOGRAPHIC_TAG = "-图解"  # NAME-图解.png: the name sites give the illustrated summary


class PublishError(Exception):
    """A usage problem with `publish` (a writer it needs is missing), in Chinese."""


def publish_writers(fonts: Mapping[str, str] | None = None) -> list[Writer]:
    """The writers of a bundle, the PDF's PDF/A-2b; PublishError naming what is missing."""
    from govreport.api import writers_for
    from govreport.writers import UnknownOutput, WriterUnavailable, output_names

    missing = [name for name in OUTPUTS if name not in output_names()]
    if missing:
        raise PublishError(
            f"发布包需要 {'、'.join(n.upper() for n in OUTPUTS)} 五种输出，本机的 govreport "
            f"没有 {'、'.join(n.upper() for n in missing)} 的输出模块（--to {','.join(missing)}）；"
            "请安装提供它们的 govreport 版本或插件后再发布")
    try:
        return writers_for(OUTPUTS, fonts, pdfa=True)
    except WriterUnavailable as exc:
        raise PublishError(str(exc)) from None
    except UnknownOutput as exc:  # pragma: no cover - output_names() was checked above
        raise PublishError(str(exc)) from None


def file_name(stem: str, writer: Writer) -> str:
    tag = INFOGRAPHIC_TAG if writer.name == "png" else ""
    return f"{stem}{tag}{writer.suffix}"


def publish_file(path: str | os.PathLike[str], outdir: Path, writers: Sequence[Writer],
                 stem: str | None = None, parallel: bool = False) -> BuildResult:
    """Check, render and write one report's bundle `outdir / stem`; never raises for a bad
    input (its findings are the result's, and nothing is written)."""
    with start_renders(writers, parallel) as renders:  # the PDF's libraries load meanwhile
        result, document = check_for_build(path, writers)
        if document is None:
            return result
        name = stem or Path(path).stem
        folder = outdir / name
        try:
            _refuse_foreign(folder)
            source = Path(path).read_bytes()
        except (OSError, PublishError) as exc:
            result.error = str(exc) if isinstance(exc, PublishError) else \
                f"无法读取或写入：{os_reason(exc)}"
            return result
        rendered = renders.finish(document)
    files = [BundleFile(file_name(name, w), w.name, rendered[w.name]) for w in writers]
    files.append(BundleFile(f"{name}{Path(path).suffix or '.yaml'}", "yaml", source))
    manifest = manifest_bytes(files, _report_info(document),
                              _fonts_used(writers), _version())
    try:
        write_bundle(folder, {**{f.name: f.data for f in files}, MANIFEST: manifest})
    except OSError as exc:
        result.error = f"无法写入发布包“{folder}”：{os_reason(exc)}"
        return result
    result.outputs = [Output(folder / f.name, f.output, len(f.data), f.entry()["sha256"])
                      for f in files]
    result.bundle = folder
    return result


def _refuse_foreign(folder: Path) -> None:
    """A folder that exists and is not a bundle is someone's: never replace it."""
    if folder.exists() and not (folder.is_dir() and (folder / MANIFEST).is_file()):
        raise PublishError(f"“{folder}”已存在，且不是 govreport publish 生成的发布包"
                           f"（没有 {MANIFEST}）；为免覆盖其中的文件，请换一个输出文件夹或先移走它")


def write_bundle(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` into a new folder beside `folder`, then swap it into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name[:32]}.", suffix=".tmp",
                                 dir=folder.parent))
    mask = process_umask()
    old: Path | None = None
    try:
        for name, data in files.items():
            target = temp / name
            with open(target, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(target, 0o666 & ~mask)
        os.chmod(temp, 0o777 & ~mask)  # mkdtemp makes it the owner's alone
        if folder.exists():
            old = folder.with_name(f"{temp.name}.old")
            os.replace(folder, old)
        os.replace(temp, folder)
    except BaseException:
        if old is not None and not folder.exists():
            os.replace(old, folder)  # put the previous bundle back
            old = None
        raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _report_info(document: Document) -> dict[str, object]:
    report = document.report
    info: dict[str, object] = {"title": document.meta.title, "organ": document.meta.author}
    if report is not None:
        info["organ"] = report.organ.value if report.organ else document.meta.author
        info["year"] = report.year
        if report.signoff is not None and report.signoff.date is not None:
            info["signed"] = report.signoff.date.isoformat()
    return info


def _fonts_used(writers: Sequence[Writer]) -> list[dict[str, str]]:
    """Each font role's font as the PDF and the 图解 use it: family, file name, origin."""
    fonts: Mapping[str, ResolvedFont] | None = None
    for writer in writers:
        fonts = getattr(writer, "fonts", None)
        if fonts:
            break
    if not fonts:
        return []
    return [{"role": role, "family": f.family, "file": f.path.name, "origin": f.origin}
            for role, f in fonts.items()]


def _version() -> str:
    from govreport import __version__

    return __version__
