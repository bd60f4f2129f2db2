"""Rule T-TEXT: a number the narrative states for a table figure that matches none of the
figures it can mean, and a list of results that does not add up to the total it follows.

What a clause names is read by `govreport.statements` (the phrases are data); what a figure is
comes from `govreport.figures`, the namespace `{{ }}` references use. The bar is no false alarm:
a number is questioned only when it matches none of the figures its phrase can reasonably mean
(收到申请 may count 上年结转 too; a “其中” list names the rows below its total).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from govreport.figures import Figure, UnknownPath, expand, figure
from govreport.findings import Finding, warning
from govreport.model import Report, Text, format_number, is_number, iter_block_texts
from govreport.statements import Statement, phrases, statements

if TYPE_CHECKING:
    from govreport.checkcontext import CheckContext
    from govreport.rules import Rule

_DIGIT = re.compile(r"\d")
_CLAUSE_SHOWN = 30
"""Characters of a clause a message quotes (its end, where the number is)."""
MAX_LISTED = 100
"""T-TEXT findings listed per file; the rest are counted in one more finding."""


@dataclass(frozen=True)
class Meaning:
    """One figure a number may mean: a path, or a sum of paths, with its value."""

    figures: tuple[Figure, ...]
    value: Decimal

    @property
    def label(self) -> str:
        if len(self.figures) == 1:
            return self.figures[0].label
        return "与".join(f.label for f in self.figures) + "之和"

    @property
    def reference(self) -> str | None:
        return self.figures[0].path if len(self.figures) == 1 else None


class Figures:
    """The report's figures by phrase expression, looked up once per check."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._cache: dict[str, Meaning | None] = {}

    def meaning(self, expression: str) -> Meaning | None:
        """`a + b` as a figure; None when a path is not in this format or a value is missing
        or 不适用 (never compared)."""
        if expression not in self._cache:
            self._cache[expression] = self._evaluate(expression)
        return self._cache[expression]

    def meanings(self, expressions: tuple[str, ...]) -> list[Meaning]:
        out = []
        for expression in expressions:
            for expanded in expand(self.report, expression.strip()):
                m = self.meaning(expanded)
                if m is not None:
                    out.append(m)
        return out

    def _evaluate(self, expression: str) -> Meaning | None:
        found = []
        for path in expression.split("+"):
            try:
                f = figure(self.report, path.strip())
            except UnknownPath:
                return None
            if f.value is None or not is_number(f.value):
                return None
            found.append(f)
        return Meaning(tuple(found), Decimal(sum(f.value for f in found)))  # type: ignore[misc]


def text_figures(context: CheckContext, rule: Rule) -> list[Finding]:
    """T-TEXT over every narrative paragraph, heading and lead."""
    report = context.report
    if report.format is None:
        return []
    figures = Figures(report)
    out: list[Finding] = []
    unlisted, first_unlisted = 0, None
    for text in _narrative(report):
        if not _DIGIT.search(text.value):
            continue
        found = statements(text.value, report.year)
        for s in found:
            if s.phrase is None or s.doubtful:
                continue
            meanings = _mismatch(s, figures)
            if meanings is None:
                continue
            if len(out) < MAX_LISTED:  # past it, counted without building a message
                out.append(_finding(rule, text, s, meanings))
            else:
                unlisted += 1
                first_unlisted = first_unlisted or text.pos_at(s.start)
        if len(out) < MAX_LISTED:
            out.extend(_unbalanced_lists(rule, text, found, figures))
    if first_unlisted is not None:
        out.append(warning(rule.id, first_unlisted,
                           f"从这里起正文中还有 {unlisted} 处数字与统计表不一致，没有逐一列出；"
                           "请先核对已列出的，或改用 {{ }} 引用表中的数字"))
    return out


def _narrative(report: Report) -> Iterator[Text]:
    yield from iter_block_texts(report.preface)
    for section in report.sections:
        if section.key is None:
            yield section.heading
        yield from iter_block_texts(section.body)


def _matches(s: Statement, meaning: Meaning) -> bool:
    """Whether the statement's number is the figure, exactly or rounded (half up) to the places
    written (24252.31万元 for 24252.311082; 2.43亿元 for 24252.311082万元)."""
    value = meaning.value / s.factor
    if value == s.number:
        return True
    if s.factor == 1 and value == value.to_integral_value():
        return False  # a count: no rounding
    return s.number == value.quantize(Decimal(1).scaleb(-s.decimals), ROUND_HALF_UP)


def _mismatch(s: Statement, figures: Figures) -> list[Meaning] | None:
    """The figures a statement may mean when it matches none of them."""
    assert s.phrase is not None
    meanings = figures.meanings(s.phrase.figures)
    if not meanings or any(_matches(s, m) for m in meanings):
        return None
    return meanings


def _finding(rule: Rule, text: Text, s: Statement, meanings: list[Meaning]) -> Finding:
    first = meanings[0]
    also = "".join(f"，{_more(first, m)}为 {format_number(m.value)}"
                   for m in meanings[1:] if len(m.figures) > 1)
    referenced = _referenced(text, s.start)
    if referenced is not None:
        origin = f"（这个数由 {{{{ {referenced} }}}} 引用）"
        advice = "请检查引用的是不是这个数"
    else:
        origin = ""
        advice = "请核对" + (f"，或写成 {{{{ {first.reference} }}}} 引用表中的数字"
                             if first.reference else "")
    return warning(rule.id, text.pos_at(s.start),
                   f"正文“{_shown(s.clause(text.value))}”中的 {s.written} 与统计表不一致{origin}："
                   f"{first.label}为 {format_number(first.value)}{also}；{advice}")


def _more(first: Meaning, other: Meaning) -> str:
    """A sum as the message names it after the first figure: 加上“二、上年结转…”."""
    n = len(first.figures)
    if other.figures[:n] == first.figures:
        return "加上" + "与".join(f.label for f in other.figures[n:])
    return other.label


def _unbalanced_lists(rule: Rule, text: Text, found: list[Statement],
                      figures: Figures) -> list[Finding]:
    """A stated total of results (办结81件) followed, in its sentence, by a list of results
    that adds up to more, or to less while it names every result the table does not hold at 0."""
    out = []
    results = phrases().results
    for i, total in enumerate(found):
        if total.phrase is None or not total.phrase.total or total.doubtful or total.bracketed:
            continue
        items = _result_list(found, i + 1, total.sentence)
        if not items:
            continue
        listed = sum((s.number for s in items), Decimal(0))
        named = {r for s in items for r in s.phrase.result}  # type: ignore[union-attr]
        if listed == total.number:
            continue
        if listed < total.number:
            left_out = [figures.meaning(path) for key, path in results.items() if key not in named]
            if any(m is None or m.value != 0 for m in left_out):
                continue  # the list names only some results: it need not add up
        parts = "+".join(s.written for s in items)
        names = "、".join(s.phrase.name for s in items)  # type: ignore[union-attr]
        out.append(warning(rule.id, text.pos_at(total.start),
                           f"正文“{_shown(total.clause(text.value))}”之后列出的{names}共 "
                           f"{format_number(listed)} 件（{parts}），与所写的 {total.written} 件不符；请核对"))
    return out


def _result_list(found: list[Statement], first: int, sentence: int) -> list[Statement]:
    """The results listed from `found[first]` on in the total's sentence, up to the first other
    number; none when one is doubtful or two name the same result (not a plain breakdown)."""
    items: list[Statement] = []
    named: set[str] = set()
    for s in itertools.islice(found, first, None):
        if s.sentence != sentence:
            break
        if s.bracketed:
            continue
        if s.doubtful:
            return []
        if s.phrase is None or not s.phrase.result:
            break
        if named & set(s.phrase.result):
            return []
        named |= set(s.phrase.result)
        items.append(s)
    return items


def _referenced(text: Text, offset: int) -> str | None:
    """The path of the reference the character at `offset` was printed from, if it was."""
    scalar = text.scalar
    if scalar is None:
        return None
    starts = [start for start, _ in text.segments]
    i = max(0, bisect.bisect_right(starts, offset) - 1)
    start, src = text.segments[i]
    at = src + offset - start
    if not scalar.value.startswith("{{", at):
        return None
    end = scalar.value.find("}}", at)
    return scalar.value[at + 2:end].strip() if end > 0 else None


def _shown(clause: str) -> str:
    return clause if len(clause) <= _CLAUSE_SHOWN else "…" + clause[-_CLAUSE_SHOWN:]

