"""X-SIMILAR: how much of this year's narrative repeats last year's (内容雷同).

The 2021 format names 内容雷同 (a report copied from last year's) as grounds for accountability.
For each narrative section, the share of this year's characters that lie inside a passage of at
least `MIN_RUN` characters also found in last year's same section is measured:

- text is normalized first (NFKC, lower case, whitespace removed, every run of digits made one
  `#`), so a copy whose only change is the year and the figures still counts as a copy;
- a character counts as repeated when some `MIN_RUN`-character window around it occurs anywhere
  in last year's section: the union of all common substrings of at least that length, in any
  order. Shorter matches (常用语 such as “政府信息公开” or the organ's name) do not count alone;
- windows never span two paragraphs, headings or leads, and the headings, leads and standard
  sentences (their numbers taken from the tables) proposed by the format's own scaffold, meant to
  repeat every year, and `【请填写…】` placeholders are left out.

It is one hash-set lookup per character: a 5 KB section takes about a millisecond.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from govreport.findings import Finding, short, warning
from govreport.formats import FormatDef, common, get_format
from govreport.model import (
    InputBlock,
    InputHeading,
    InputLead,
    InputParagraph,
    Report,
    Section,
    Text,
)
from govreport.reader.references import OPEN, REFERENCE

RULE = "X-SIMILAR"
DEFAULT_THRESHOLD = 0.6
"""Warn when more than this share of a section repeats last year's (the issue's 60 %)."""
ENV_VAR = "GOVREPORT_SIMILAR_THRESHOLD"
"""Percent, like `govreport check --similar-threshold`; read when no threshold is given."""
MIN_RUN = 12
"""Shortest repeated passage that counts, in normalized characters (about half a sentence)."""
MIN_SECTION = 50
"""Sections with less text than this (“无。”, one fixed sentence) are too short to judge."""
QUOTES, QUOTE_CHARS = 2, 40
"""How many repeated sentences a warning quotes, and how much of each."""
SENTENCE_SHARE = 0.8
"""A sentence is quoted as repeated when at least this share of it is repeated."""

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = "。！？；!?;"


class ThresholdError(ValueError):
    """A threshold that is not a share between 0 and 100 %, with a Chinese message."""


def from_percent(value: float | str, where: str) -> float:
    """A threshold given in percent (`60`, `60%`, `72.5`) as a share of 1; `where` names its source."""
    text = str(value).strip().removesuffix("%").strip()
    try:
        percent = float(text)
    except ValueError:
        raise ThresholdError(f"{where} 应为 0–100 之间的百分数（如 60），这里是“{value}”") from None
    if not 0 < percent <= 100:
        raise ThresholdError(f"{where} 应为大于 0、不超过 100 的百分数（如 60），这里是 {text}")
    return percent / 100


def resolve_threshold(threshold: float | None) -> float:
    """The threshold to use: the one given (a share, 0.6), else `$GOVREPORT_SIMILAR_THRESHOLD`
    (percent), else 60 %."""
    if threshold is not None:
        if not 0 < threshold <= 1:
            raise ThresholdError(f"X-SIMILAR 阈值应为 0–1 之间的比例（如 0.6），这里是 {threshold}")
        return threshold
    env = os.environ.get(ENV_VAR, "").strip()
    return from_percent(env, f"环境变量 {ENV_VAR}") if env else DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Piece:
    """One text of a section, normalized, with the original offset of each normalized character."""

    text: Text
    norm: str
    origin: tuple[int, ...]


def normalize(value: str) -> tuple[str, tuple[int, ...]]:
    """Text as compared, and for each of its characters the offset it came from in `value`."""
    chars: list[str] = []
    origin: list[int] = []
    at = 0
    for m in _DIGITS.finditer(value):
        _fold(value, at, m.start(), chars, origin)
        chars.append("#")
        origin.append(m.start())
        at = m.end()
    _fold(value, at, len(value), chars, origin)
    return "".join(chars), tuple(origin)


def _fold(value: str, start: int, end: int, chars: list[str], origin: list[int]) -> None:
    for i in range(start, end):
        for ch in unicodedata.normalize("NFKC", value[i]).lower():
            if not ch.isspace():
                chars.append(ch)
                origin.append(i)


def windows(pieces: Iterable[Piece], k: int = MIN_RUN) -> set[str]:
    """Every k-character window of last year's text (never across two pieces), and each
    text shorter than that, whole."""
    out: set[str] = set()
    for p in pieces:
        s = p.norm
        if len(s) < k:
            out.add(s)
        out.update(s[i:i + k] for i in range(len(s) - k + 1))
    return out


def repeated(norm: str, seen: set[str], k: int = MIN_RUN) -> bytearray:
    """1 for each character of `norm` inside a window of `k` characters found in `seen`.

    A text shorter than a window (a short lead such as “下一步改进措施。”) is repeated when
    it is, whole, one of last year's texts: `windows` adds those to `seen`.
    """
    if len(norm) < k:
        return bytearray(b"\x01" * len(norm)) if norm in seen else bytearray(len(norm))
    mask = bytearray(len(norm))
    covered_to = 0
    for i in range(len(norm) - k + 1):
        if norm[i:i + k] in seen:
            start = max(i, covered_to)
            mask[start:i + k] = b"\x01" * (i + k - start)
            covered_to = i + k
    return mask


@dataclass(frozen=True)
class Similarity:
    """How much of one section repeats last year's, and its longest repeated sentences."""

    share: float
    chars: int
    sentences: tuple[str, ...]


def measure(this: list[Piece], last: list[Piece]) -> Similarity:
    """The share of `this` (by normalized characters) repeated from `last`."""
    seen = windows(last)
    total = sum(len(p.norm) for p in this)
    hit = 0
    candidates: list[tuple[int, str]] = []
    for p in this:
        mask = repeated(p.norm, seen)
        hit += sum(mask)
        candidates.extend(_repeated_sentences(p, mask))
    candidates.sort(key=lambda c: -c[0])
    quotes = tuple(dict.fromkeys(s for _, s in candidates))[:QUOTES]
    return Similarity(hit / total if total else 0.0, total, quotes)


def _repeated_sentences(p: Piece, mask: bytearray) -> Iterator[tuple[int, str]]:
    """(length, sentence) for each sentence of `p` that is mostly repeated."""
    value = p.text.value
    start = 0
    n = 0  # index into the normalized text
    for end in _sentence_ends(value):
        first = n
        while n < len(p.origin) and p.origin[n] < end:
            n += 1
        length = n - first
        if length >= MIN_RUN and sum(mask[first:n]) >= SENTENCE_SHARE * length:
            yield length, value[start:end].strip()
        start = end


def _sentence_ends(value: str) -> Iterator[int]:
    for i, ch in enumerate(value):
        if ch in _SENTENCE_END:
            yield i + 1
    if value and value[-1] not in _SENTENCE_END:
        yield len(value)


def _placeholder() -> str:
    """`【请填写…】` as `govreport init` writes it (a regular expression)."""
    return re.escape(str(common()["placeholder_marker"])) + r"[^】]*】?"


@functools.cache
def boilerplate(*format_ids: str) -> re.Pattern[str]:
    """What `govreport init` writes and is meant to stay every year, as printed: placeholders,
    and the scaffold's standard sentences whose numbers come from the tables (each `{{ }}`
    reference printed as a number)."""
    sentences: set[str] = set()
    marker = str(common()["placeholder_marker"])

    def walk(content: object) -> None:
        if isinstance(content, str):
            standard = content.split(marker)[0]
            if OPEN in standard:
                parts = REFERENCE.split(standard)[::2]  # the text between the references
                sentences.add(r"[\d.,/]+".join(re.escape(p) for p in parts))
        elif isinstance(content, list):
            for block in content:
                walk(block)
        elif isinstance(content, dict):
            walk(content.get("body"))
            walk(content.get("text"))

    for fid in format_ids:
        fmt = get_format(fid)
        for section in fmt.sections or ():
            walk(section.scaffold)
        walk(list(fmt.scaffold_sections))
    return re.compile("|".join([_placeholder(), *sorted(sentences, key=len, reverse=True)]))


def pieces(blocks: list[InputBlock], fixed: frozenset[str],
           cut: re.Pattern[str] | None = None) -> list[Piece]:
    """The comparable texts of a section body, without scaffold labels and what `cut`
    matches (`boilerplate`; placeholders only by default)."""
    out: list[Piece] = []
    cut = cut or re.compile(_placeholder())

    def add(text: Text | None, label: bool) -> None:
        if text is None or (label and text.value in fixed):
            return
        at = 0
        for start, end in [*((m.start(), m.end()) for m in cut.finditer(text.value)),
                           (len(text.value), len(text.value))]:
            norm, origin = normalize(text.value[at:start])
            if norm:
                out.append(Piece(text, norm, tuple(o + at for o in origin)))
            at = end

    def walk(items: list[InputBlock]) -> None:
        for b in items:
            if isinstance(b, InputParagraph):
                add(b.text, label=False)
            elif isinstance(b, InputHeading):
                add(b.text, label=True)
                walk(b.body)
            elif isinstance(b, InputLead):
                add(b.lead, label=True)
                add(b.text, label=False)

    walk(blocks)
    return out


def scaffold_labels(fmt: FormatDef) -> frozenset[str]:
    """Headings and leads the format's scaffold proposes: they are meant to repeat."""
    labels: set[str] = set()

    def walk(content: object) -> None:
        if isinstance(content, list):
            for block in content:
                if isinstance(block, dict):
                    labels.update(str(block[k]) for k in ("heading", "lead") if k in block)
                    walk(block.get("body"))

    for s in fmt.sections or ():
        walk(s.scaffold)
    walk(list(fmt.scaffold_sections))
    return frozenset(labels)


def _same_heading(section: Section) -> str:
    return normalize(section.heading.value)[0]


def _counterpart(section: Section, last: Report) -> Section | None:
    """Last year's section to compare with: same key (gov-*), else same heading (legacy)."""
    for s in last.sections:
        if section.key is not None and s.key == section.key:
            return s
        if section.key is None and s.key is None and _same_heading(s) == _same_heading(section):
            return s
    return None


def check(report: Report, last: Report, threshold: float, last_name: str) -> list[Finding]:
    """X-SIMILAR for each section of `report` measured against `last`."""
    if report.format is None or last.format is None:
        return []
    fixed = scaffold_labels(report.format) | scaffold_labels(last.format)
    cut = boilerplate(*sorted({report.format.id, last.format.id}))
    everything = [p for s in last.sections for p in pieces(s.body, fixed, cut)]
    out = []
    for i, section in enumerate(report.sections):
        this = pieces(section.body, fixed, cut)
        if sum(len(p.norm) for p in this) < MIN_SECTION:
            continue
        other = _counterpart(section, last)
        # A section without a counterpart (legacy before gov-*, or a renamed legacy heading)
        # is compared with the whole of last year's narrative.
        result = measure(this, pieces(other.body, fixed, cut) if other else everything)
        if result.share <= threshold:
            continue
        label = report.format.section_label(i, section.heading.value)
        where = "同一部分" if other else "正文"
        quoted = "、".join(f"“{short(s, QUOTE_CHARS)}”" for s in result.sentences)
        quotes = f"；重复的句子如{quoted}" if quoted else ""
        out.append(warning(RULE, section.heading.pos,
                           f"“{label}”有 {result.share:.0%} 的文字与上一年度报告“{last_name}”的"
                           f"{where}相同（超过 {threshold:.0%}），可能被认定为内容雷同{quotes}；"
                           f"请按本年度的实际情况重新撰写"))
    return out
