"""Render and measure documents with system tools, for the ``render`` tests.

The tools come from Debian packages installed by ``.ci/install-system-deps``:

* LibreOffice (``soffice``) converts DOCX to PDF headlessly, with a throwaway user profile and a
  private fontconfig file that maps the official Windows font names (仿宋_GB2312, 黑体, ...) to the
  open substitutes (typography.md §2.8, §4.2).
* poppler-utils measures PDFs: ``pdftotext -bbox-layout`` (text boxes), ``pdffonts`` (embedded
  fonts), ``pdftohtml -xml`` (which font each piece of text is set in) and ``pdftoppm`` (PNG pages
  for looking at).
* fontconfig (``fc-list``, ``fc-match``) tells which fonts are installed and what a name
  resolves to.

Every function raises :class:`MissingToolError` naming the missing program. Tests call
:func:`require_tools` / :func:`require_fonts` first: under ``-m render`` a missing tool makes the
test FAIL (never skip), so that CI cannot pass silently without the system packages.

All lengths are PDF points (1/72 inch) with the origin at the top-left corner of the page, y growing
downwards (as pdftotext reports them); use :func:`pt_to_mm` / :func:`mm_to_pt` to convert.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict
from xml.sax.saxutils import escape

INSTALL_HINT = "run `bash .ci/install-system-deps` (as root) to install the system packages"

#: Debian package that provides each program (for error messages).
TOOL_PACKAGES: dict[str, str] = {
    "soffice": "libreoffice-writer-nogui",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdftohtml": "poppler-utils",
    "fc-list": "fontconfig",
    "fc-match": "fontconfig",
}

#: Family names (as fontconfig reports them) of the open substitutes installed by
#: .ci/install-system-deps.
FANDOL_FANG = "FandolFang"
FANDOL_SONG = "FandolSong"
WQY_ZEN_HEI = "WenQuanYi Zen Hei"
AR_PL_KAITI = "AR PL KaitiM GB"
AR_PL_SUNGTI = "AR PL SungtiL GB"
NOTO_SERIF_SC = "Noto Serif CJK SC"
LIBERATION_SERIF = "Liberation Serif"

#: PostScript names under which LibreOffice embeds each substitute (what pdffonts and
#: pdf_text_runs report, without the subset prefix).
POSTSCRIPT_NAMES: dict[str, str] = {
    FANDOL_FANG: "FandolFang-Regular",
    FANDOL_SONG: "FandolSong-Regular",
    WQY_ZEN_HEI: "WenQuanYiZenHei",
    AR_PL_KAITI: "GBZenKai-Medium",
    AR_PL_SUNGTI: "BousungEG-Light-GB",
    LIBERATION_SERIF: "LiberationSerif",
}

#: Droid Sans Fallback, the CJK-only font many Linux machines carry (Debian fonts-droid-fallback),
#: extracted by .ci/install-system-deps into a folder that neither fontconfig nor govreport scans:
#: tests point GOVREPORT_FONT_DIRS at it.
DROID_FALLBACK_DIR = Path("/usr/local/share/govreport-test-fonts/droid-fallback")
DROID_FALLBACK_FILE = DROID_FALLBACK_DIR / "DroidSansFallbackFull.ttf"

#: Official Windows family names written into the DOCX (typography.md §2.2, §4.1) → substitute.
#: The Vista-era names (仿宋, 楷体, SimHei, ...) are mapped too, for documents that use them.
#: 方正小标宋 comes out as FandolSong *Regular* in LibreOffice: both Fandol Song weights share the
#: family name "FandolSong", and LibreOffice ignores a weight that fontconfig rules add (measured).
DEFAULT_ALIASES: dict[str, str] = {
    "仿宋_GB2312": FANDOL_FANG,
    "仿宋": FANDOL_FANG,
    "FangSong_GB2312": FANDOL_FANG,
    "FangSong": FANDOL_FANG,
    "楷体_GB2312": AR_PL_KAITI,
    "楷体": AR_PL_KAITI,
    "KaiTi_GB2312": AR_PL_KAITI,
    "KaiTi": AR_PL_KAITI,
    "黑体": WQY_ZEN_HEI,
    "SimHei": WQY_ZEN_HEI,
    "宋体": AR_PL_SUNGTI,
    "SimSun": AR_PL_SUNGTI,
    "方正小标宋简体": FANDOL_SONG,
    "方正小标宋_GBK": FANDOL_SONG,
    "FZXiaoBiaoSong-B05S": FANDOL_SONG,
    "Times New Roman": LIBERATION_SERIF,
}

#: Where the 版心 (type area) lies on an A4 page by GB/T 9704-2012: top margin 37 mm, bottom 35 mm.
BODY_TOP_MM = 37.0
BODY_BOTTOM_MM = 297.0 - 35.0
A4_PT = (595.276, 841.89)

MM_PER_PT = 25.4 / 72.0

_PAGE_NUMBER_RE = re.compile(r"^[—–\-－]+\s*(\d+)\s*[—–\-－]+$")
_SUBSET_PREFIX_RE = re.compile(r"^[A-Z]{6}\+")


class MissingToolError(RuntimeError):
    """A program that the render tests need is not installed."""


class ToolFailedError(RuntimeError):
    """A program ran but failed (non-zero exit, timeout, or no output file)."""


# --------------------------------------------------------------------------------------------
# Units


def pt_to_mm(pt: float) -> float:
    """Convert PDF points to millimetres."""
    return pt * MM_PER_PT


def mm_to_pt(mm: float) -> float:
    """Convert millimetres to PDF points."""
    return mm / MM_PER_PT


# --------------------------------------------------------------------------------------------
# Tools


def _missing_message(names: Iterable[str]) -> str:
    parts = [f"{n} (Debian package {TOOL_PACKAGES[n]})" if n in TOOL_PACKAGES else n for n in names]
    return f"missing system tool(s): {', '.join(parts)}; {INSTALL_HINT}"


def find_tool(name: str) -> str:
    """Return the path of program ``name`` or raise :class:`MissingToolError`."""
    path = shutil.which(name)
    if path is None:
        raise MissingToolError(_missing_message([name]))
    return path


def require_tools(*names: str) -> None:
    """Fail the calling test (never skip it) when any of the programs is missing.

    Render tests run only when selected with ``-m render``, i.e. when the caller expects the system
    packages to be there; a skip would let CI pass without testing anything.
    """
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        import pytest

        pytest.fail(_missing_message(missing), pytrace=False)


def installed_families() -> set[str]:
    """All font family names fontconfig knows (every localized name of every face)."""
    out = _run([find_tool("fc-list"), "--format", "%{family}\n"], timeout=60).stdout
    families: set[str] = set()
    for line in out.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def require_fonts(*families: str) -> None:
    """Fail the calling test when a font family is not installed (fontconfig's view)."""
    require_tools("fc-list")
    known = {f.casefold() for f in installed_families()}
    missing = [f for f in families if f.casefold() not in known]
    if missing:
        import pytest

        pytest.fail(f"missing font families: {', '.join(missing)}; {INSTALL_HINT}", pytrace=False)


def require_font_file(path: Path) -> Path:
    """Fail the calling test when a font file that install-system-deps extracts is missing."""
    if not path.is_file():
        import pytest

        pytest.fail(f"missing font file {path}; {INSTALL_HINT}", pytrace=False)
    return path


def _run(
    cmd: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command in its own process group; kill the whole group on timeout."""
    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=dict(env) if env is not None else None,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # soffice forks soffice.bin: kill the whole group, not just the launcher.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        raise ToolFailedError(
            f"{Path(cmd[0]).name} timed out after {timeout:g} s: {' '.join(cmd)}\n"
            f"stdout: {stdout.strip()}\nstderr: {stderr.strip()}"
        ) from None
    if proc.returncode != 0:
        raise ToolFailedError(
            f"{Path(cmd[0]).name} exited with {proc.returncode}: {' '.join(cmd)}\n"
            f"stdout: {stdout.strip()}\nstderr: {stderr.strip()}"
        )
    return subprocess.CompletedProcess(list(cmd), proc.returncode, stdout, stderr)


# --------------------------------------------------------------------------------------------
# fontconfig


def write_fontconfig(
    aliases: Mapping[str, str],
    path: Path,
    font_dirs: Sequence[Path] = (),
    *,
    system_config: Path = Path("/etc/fonts/fonts.conf"),
) -> Path:
    """Write a private fonts.conf that maps family names to installed families; return ``path``.

    ``aliases`` maps a requested family (e.g. ``"仿宋_GB2312"``) to the family to use instead (e.g.
    ``"FandolFang"``); :data:`DEFAULT_ALIASES` has the usual set. The rules replace the requested
    name with a *strong* binding before the system rules run, so that fontconfig's language-based
    defaults (which would pick Noto for any Chinese text) cannot win and LibreOffice really uses the
    substitute. ``font_dirs`` are extra font directories (e.g. synthetic test fonts). The system
    configuration is included, so all installed fonts stay available.

    Use it through the ``FONTCONFIG_FILE`` environment variable (see :func:`libreoffice_to_pdf`).
    """
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        "  <!-- Generated by tests/support/rendering.py:write_fontconfig -->",
    ]
    for requested, substitute in aliases.items():
        lines += [
            '  <match target="pattern">',
            f'    <test qual="any" name="family"><string>{escape(requested)}</string></test>',
            '    <edit name="family" mode="assign" binding="strong">'
            f"<string>{escape(substitute)}</string></edit>",
            "  </match>",
        ]
    for d in font_dirs:
        lines.append(f"  <dir>{escape(str(Path(d).resolve()))}</dir>")
    lines += [
        f'  <include ignore_missing="yes">{escape(str(system_config))}</include>',
        "</fontconfig>",
        "",
    ]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def fc_match(family: str, fontconfig: Path | None = None, *, lang: str = "zh-cn") -> str:
    """Return the family fontconfig picks for ``family`` (optionally under a private config)."""
    env = dict(os.environ)
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(Path(fontconfig).resolve())
    pattern = f"{family}:lang={lang}" if lang else family
    out = _run([find_tool("fc-match"), "--format", "%{family[0]}", pattern], timeout=60, env=env)
    return out.stdout.strip()


# --------------------------------------------------------------------------------------------
# LibreOffice


def find_soffice() -> str:
    """Path of the LibreOffice launcher, or raise :class:`MissingToolError`."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path is not None:
            return path
    raise MissingToolError(_missing_message(["soffice"]))


def libreoffice_to_pdf(
    docx: Path,
    outdir: Path,
    fontconfig: Path | None = None,
    *,
    timeout: float = 180.0,
    profile_dir: Path | None = None,
) -> Path:
    """Convert ``docx`` to PDF with headless LibreOffice; return the PDF's path in ``outdir``.

    A private user profile is used (``-env:UserInstallation``), so the conversion neither touches
    nor is handed over to another running LibreOffice. By default it is a throwaway directory,
    deleted afterwards; pass ``profile_dir`` to keep one and reuse it (the first start in a new
    profile costs a few seconds). ``fontconfig`` is passed as ``FONTCONFIG_FILE`` (see
    :func:`write_fontconfig`). Raises :class:`MissingToolError` if LibreOffice is not installed and
    :class:`ToolFailedError` if it fails, times out or writes no PDF.
    """
    soffice = find_soffice()
    docx = Path(docx).resolve()
    if not docx.is_file():
        raise FileNotFoundError(docx)
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / f"{docx.stem}.pdf"
    target.unlink(missing_ok=True)

    env = dict(os.environ)
    env["SAL_USE_VCLPLUGIN"] = "svp"  # headless VCL backend, no X server
    env.setdefault("LC_ALL", "C.UTF-8")
    if fontconfig is not None:
        fc_file = Path(fontconfig).resolve()
        if not fc_file.is_file():
            raise FileNotFoundError(fc_file)
        env["FONTCONFIG_FILE"] = str(fc_file)

    own_profile = profile_dir is None
    profile = (
        Path(tempfile.mkdtemp(prefix="lo-profile-")) if own_profile else Path(profile_dir).resolve()
    )
    try:
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(docx),
        ]
        # soffice exits 0 even when it could not load the document: check the output file too.
        result = _run(cmd, timeout=timeout, env=env, cwd=outdir)
        if not target.is_file() or target.stat().st_size == 0:
            raise ToolFailedError(
                f"LibreOffice wrote no PDF for {docx}: {' '.join(cmd)}\n"
                f"stdout: {result.stdout.strip()}\nstderr: {result.stderr.strip()}"
            )
    finally:
        if own_profile:
            shutil.rmtree(profile, ignore_errors=True)
    return target


# --------------------------------------------------------------------------------------------
# Layout (pdftotext -bbox-layout)


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in PDF points, origin top-left, y downwards."""

    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def width(self) -> float:
        return self.x_max - self.x_min

    @property
    def height(self) -> float:
        return self.y_max - self.y_min

    @property
    def x_center(self) -> float:
        return (self.x_min + self.x_max) / 2

    @property
    def y_center(self) -> float:
        return (self.y_min + self.y_max) / 2

    def mm(self) -> tuple[float, float, float, float]:
        """(x_min, y_min, x_max, y_max) in millimetres."""
        return (
            pt_to_mm(self.x_min),
            pt_to_mm(self.y_min),
            pt_to_mm(self.x_max),
            pt_to_mm(self.y_max),
        )


@dataclass(frozen=True)
class Word(Box):
    text: str


@dataclass(frozen=True)
class Line(Box):
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """Words joined with single spaces (pdftotext splits words at gaps)."""
        return " ".join(w.text for w in self.words)

    @property
    def compact(self) -> str:
        """Words joined without spaces: what a Chinese line reads as."""
        return "".join(w.text for w in self.words)


@dataclass(frozen=True)
class Block(Box):
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    blocks: tuple[Block, ...] = field(default=())

    @property
    def lines(self) -> list[Line]:
        """All lines of the page, top to bottom, then left to right."""
        return sorted(
            (ln for b in self.blocks for ln in b.lines), key=lambda ln: (ln.y_min, ln.x_min)
        )

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    @property
    def size_mm(self) -> tuple[float, float]:
        return pt_to_mm(self.width), pt_to_mm(self.height)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _box(el: ET.Element) -> tuple[float, float, float, float]:
    return (
        float(el.attrib["xMin"]),
        float(el.attrib["yMin"]),
        float(el.attrib["xMax"]),
        float(el.attrib["yMax"]),
    )


def parse_bbox_layout(xhtml: str) -> list[Page]:
    """Parse the XHTML written by ``pdftotext -bbox-layout`` into pages/blocks/lines/words."""
    root = ET.fromstring(xhtml)
    pages: list[Page] = []
    for page_el in (el for el in root.iter() if _local(el.tag) == "page"):
        blocks: list[Block] = []
        for block_el in (el for el in page_el.iter() if _local(el.tag) == "block"):
            lines: list[Line] = []
            for line_el in (el for el in block_el if _local(el.tag) == "line"):
                words = tuple(
                    Word(*_box(w), text=w.text or "") for w in line_el if _local(w.tag) == "word"
                )
                lines.append(Line(*_box(line_el), words=words))
            blocks.append(Block(*_box(block_el), lines=tuple(lines)))
        pages.append(
            Page(
                number=len(pages) + 1,
                width=float(page_el.attrib["width"]),
                height=float(page_el.attrib["height"]),
                blocks=tuple(blocks),
            )
        )
    return pages


def pdf_layout(pdf: Path, *, timeout: float = 120.0) -> list[Page]:
    """Text boxes of every page of ``pdf``, from ``pdftotext -bbox-layout``."""
    out = _run(
        [find_tool("pdftotext"), "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], timeout=timeout
    )
    return parse_bbox_layout(out.stdout)


def body_lines(
    page: Page, *, top_mm: float = BODY_TOP_MM, bottom_mm: float = BODY_BOTTOM_MM
) -> list[Line]:
    """Lines whose vertical centre lies inside the 版心 (default: 37 mm to 262 mm from the top).

    This drops the footer (page number, about 7 mm below the 版心) and anything in the top margin.
    """
    top, bottom = mm_to_pt(top_mm), mm_to_pt(bottom_mm)
    return [ln for ln in page.lines if top <= ln.y_center <= bottom]


def page_number_box(page: Page, *, below_mm: float = BODY_BOTTOM_MM) -> Line | None:
    """The "— N —" line below the 版心, or None if the page has none."""
    limit = mm_to_pt(below_mm)
    for ln in page.lines:
        if ln.y_center > limit and _PAGE_NUMBER_RE.match(ln.compact):
            return ln
    return None


def page_number_value(line: Line) -> int:
    """The number N in a "— N —" line."""
    m = _PAGE_NUMBER_RE.match(line.compact)
    if m is None:
        raise ValueError(f"not a page number line: {line.text!r}")
    return int(m.group(1))


# --------------------------------------------------------------------------------------------
# Fonts (pdffonts)


class FontInfo(TypedDict):
    name: str  # as in the PDF, with the subset prefix ("ABCDEF+FandolFang-Regular")
    base_name: str  # without the subset prefix ("FandolFang-Regular")
    type: str  # "CID TrueType", "CID Type 0C", "TrueType", "Type 1", ...
    encoding: str
    emb: bool
    sub: bool
    uni: bool
    object_id: str


def parse_pdffonts(output: str) -> list[FontInfo]:
    """Parse the table printed by ``pdffonts`` (column widths from its dashed rule)."""
    lines = output.splitlines()
    rule_idx = next((i for i, ln in enumerate(lines) if ln.startswith("---")), None)
    if rule_idx is None:
        raise ValueError(f"unexpected pdffonts output:\n{output}")
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"-+", lines[rule_idx]):
        spans.append((m.start(), m.end()))
    fonts: list[FontInfo] = []
    for ln in lines[rule_idx + 1 :]:
        if not ln.strip():
            continue
        # Each column ends one space before the next one starts; the last one runs to the end.
        cols = [
            ln[start : (spans[i + 1][0] if i + 1 < len(spans) else len(ln))].strip()
            for i, (start, _end) in enumerate(spans)
        ]
        name, ftype, encoding, emb, sub, uni, obj = (cols + [""] * 7)[:7]
        fonts.append(
            FontInfo(
                name=name,
                base_name=_SUBSET_PREFIX_RE.sub("", name),
                type=ftype,
                encoding=encoding,
                emb=emb == "yes",
                sub=sub == "yes",
                uni=uni == "yes",
                object_id=obj,
            )
        )
    return fonts


def pdf_fonts(pdf: Path, *, timeout: float = 60.0) -> list[FontInfo]:
    """The fonts used by ``pdf`` as ``pdffonts`` lists them."""
    out = _run([find_tool("pdffonts"), str(pdf)], timeout=timeout)
    return parse_pdffonts(out.stdout)


@dataclass(frozen=True)
class TextRun(Box):
    """A piece of text set in one font, from ``pdftohtml -xml`` (coordinates rounded to 1 pt)."""

    page: int  # 1-based
    text: str
    font: str  # PostScript name without the subset prefix, e.g. "FandolFang-Regular"
    size: float  # pt (pdftohtml rounds it)


def parse_pdftohtml_xml(xml: str) -> list[TextRun]:
    """Parse ``pdftohtml -xml -zoom 1 -fontfullname`` output into text runs."""
    root = ET.fromstring(xml)
    runs: list[TextRun] = []
    fontspecs: dict[str, tuple[str, float]] = {}
    for page_el in root.iter("page"):
        number = int(page_el.attrib["number"])
        # Font ids are global to the document: a fontspec appears on the first page that uses it.
        for spec in page_el.iter("fontspec"):
            fontspecs[spec.attrib["id"]] = (
                _SUBSET_PREFIX_RE.sub("", spec.attrib.get("family", "")),
                float(spec.attrib.get("size", "0")),
            )
        for t in page_el.iter("text"):
            font, size = fontspecs.get(t.attrib.get("font", ""), ("", 0.0))
            left, top = float(t.attrib["left"]), float(t.attrib["top"])
            width, height = float(t.attrib["width"]), float(t.attrib["height"])
            runs.append(
                TextRun(
                    left,
                    top,
                    left + width,
                    top + height,
                    page=number,
                    text="".join(t.itertext()),
                    font=font,
                    size=size,
                )
            )
    return runs


def pdf_text_runs(pdf: Path, *, timeout: float = 120.0) -> list[TextRun]:
    """Every piece of text in ``pdf`` with the (embedded) font it is set in.

    pdffonts only lists the fonts of a PDF; this tells which text uses which, e.g. that the Chinese
    body text, not just its digits, is in FandolFang.
    """
    out = _run(
        [
            find_tool("pdftohtml"),
            "-xml",
            "-i",
            "-q",
            "-stdout",
            "-zoom",
            "1",
            "-fontfullname",
            "-enc",
            "UTF-8",
            str(pdf),
        ],
        timeout=timeout,
    )
    return parse_pdftohtml_xml(out.stdout)


def fonts_of_text(runs: Iterable[TextRun], text: str) -> set[str]:
    """Fonts of the runs that contain ``text`` or are contained in it (ignoring spaces)."""
    needle = "".join(text.split())
    found: set[str] = set()
    for r in runs:
        piece = "".join(r.text.split())
        if piece and (piece in needle or needle in piece):
            found.add(r.font)
    return found


# --------------------------------------------------------------------------------------------
# Pictures (pdftoppm)


def pdf_to_pngs(
    pdf: Path, outdir: Path, dpi: int = 80, *, prefix: str = "page", timeout: float = 120.0
) -> list[Path]:
    """Render every page of ``pdf`` to ``outdir/prefix-N.png``; return the files in page order."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)\.png$")
    for old in outdir.iterdir():
        if pattern.match(old.name):
            old.unlink()
    _run(
        [find_tool("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(outdir / prefix)],
        timeout=timeout,
    )
    numbered: list[tuple[int, Path]] = []
    for p in outdir.iterdir():
        m = pattern.match(p.name)
        if m:
            numbered.append((int(m.group(1)), p))
    return [p for _, p in sorted(numbered)]
