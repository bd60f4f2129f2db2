"""Writers: plugins that each translate the layout document into one output.

A writer is an object with

- `name`: the `--to` value (`"docx"`),
- `suffix`: the output file's ending (`".docx"`),
- `render(document) -> bytes`: the whole file, the same bytes for the same document;

and optionally `preflight(document) -> list[Finding]` (problems found before rendering: the
PDF's GLYPH; `check` runs them too), `warm_up()` (load libraries and fonts once in a batch's
parent process, before workers fork), `notes() -> list[str]` (one-line notices a build
prints once, such as the PDF's substitute fonts) and `cost` (how long its render takes next
to the others', default 1: a single-file build renders the costliest in its own process and
the rest beside it, see `render_cost`).

Writers are found through the entry-point group `govreport.writers`: each entry names a class
(or any callable) that takes the build's `WriterOptions` and returns a writer. The built-in
DOCX, PDF, HTML and XLSX writers are registered there too (pyproject.toml); they are used
even when govreport runs from a source tree that was not installed, and their names are theirs
(an entry point adds outputs, it does not replace these). An installed package that declares an
entry point adds a `--to` output with no change to govreport. Looking entry points up imports
`importlib.metadata` (~25 ms, with the email package): it is done only when an output other
than the built-ins is asked for, or all of them are listed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from govreport.findings import Finding
    from govreport.layout.document import Document

ENTRY_POINT_GROUP = "govreport.writers"
BUILTIN = {"docx": "govreport.writers.docx:DocxWriter", "pdf": "govreport.writers.pdf:PdfWriter",
           "html": "govreport.writers.html:HtmlWriter", "xlsx": "govreport.writers.xlsx:XlsxWriter",
           "png": "govreport.writers.infographic:PngWriter",
           "svg": "govreport.writers.infographic:SvgWriter"}
DEFAULT_OUTPUTS = ("docx", "pdf")


@runtime_checkable
class Writer(Protocol):
    name: str
    suffix: str

    def render(self, document: Document) -> bytes: ...


@dataclass(frozen=True)
class WriterOptions:
    """What a build tells its writers: the user's font choices by role (`--font`), and
    whether the PDF is to be PDF/A-2b (`--pdfa`, always in `publish`)."""

    fonts: Mapping[str, str] = field(default_factory=dict)
    pdfa: bool = False


DEFAULT_COST = 1.0


def render_cost(writer: Writer) -> float:
    """The writer's declared `cost`: how a single-file build splits the renders over two
    processes (the costliest alone)."""
    return float(getattr(writer, "cost", DEFAULT_COST))


class UnknownOutput(ValueError):
    """A `--to` value no installed writer provides (a usage error, in Chinese)."""


class WriterUnavailable(UnknownOutput):
    """A writer that cannot work here: a library it needs is not installed (Chinese, with the
    command that installs it)."""


@functools.cache
def _factories() -> dict[str, str | Any]:
    """name → "module:attr" (built-in, loaded lazily) or an entry point, in a stable order:
    the built-in outputs first, then the others by name."""
    from importlib.metadata import entry_points

    found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name not in BUILTIN}
    return {**BUILTIN, **{name: found[name] for name in sorted(found)}}


def output_names() -> tuple[str, ...]:
    """Every `--to` value there is a writer for."""
    return tuple(_factories())


def _known(name: str) -> bool:
    return name in BUILTIN or name in _factories()


def _load(name: str) -> Callable[[WriterOptions], Writer]:
    factory = BUILTIN.get(name) or _factories()[name]
    if isinstance(factory, str):
        import importlib

        module, attr = factory.split(":")
        return getattr(importlib.import_module(module), attr)
    return factory.load()


def parse_outputs(text: str) -> tuple[str, ...]:
    """`--to docx,pdf` → ("docx", "pdf"); UnknownOutput for a value no writer provides."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    if not names:
        raise UnknownOutput(f"--to 至少要有一种输出格式：{'、'.join(output_names())}")
    check_outputs(names)
    return names


def check_outputs(names: Sequence[str]) -> None:
    unknown = [n for n in names if not _known(n)]
    if unknown:
        raise UnknownOutput(f"不支持的输出格式“{unknown[0]}”；可用：{'、'.join(output_names())}")


def load_writers(names: Sequence[str], options: WriterOptions | None = None) -> list[Writer]:
    """The writers of `names`, made for `options` (UnknownOutput for an unknown name)."""
    check_outputs(names)
    options = options or WriterOptions()
    writers = []
    for name in names:
        writer = _load(name)(options)
        if not isinstance(writer, Writer) or writer.name != name:
            raise TypeError(f"writer {name!r} does not provide name, suffix and render()")
        writers.append(writer)
    return writers


def preflight(writers: Sequence[Writer], document: Document) -> list[Finding]:
    """Every writer's preflight findings for `document` (writers without one find none)."""
    return [f for w in writers if hasattr(w, "preflight") for f in w.preflight(document)]
