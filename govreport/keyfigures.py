"""The year's key figures of a report, with last year's beside them: what a 图解 presents.

Which figures there are and what they are called is data (`templates/phrases/key-figures.yaml`):
table 2's 规章 / 规范性文件 and 处理决定, table 3's applications, applicants and outcomes,
table 4's 复议 and 诉讼 by result. A figure is compared with last year's figure of the same
key, so a 2021-format report compares its licensing decisions with a 2019-format report's,
and not its rules in force with the 2019 format's rules published in total. A legacy
report's figures are its statistics table's rows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from govreport.formats import MatrixTable, template_data
from govreport.model import NA, Cell, Number, Report, StatsRow, StatValue, is_number


@dataclass(frozen=True)
class Figure:
    """One number: `value` None when the report has it as 不适用; `last` is last year's value
    when last year's report has this figure (`has_last`)."""

    key: str
    label: str
    value: Number | None
    unit: str = ""
    last: Number | None = None
    has_last: bool = False

    @property
    def change(self) -> Number | None:
        """This year's minus last year's, when both are numbers."""
        if self.has_last and self.value is not None and self.last is not None:
            return self.value - self.last
        return None


@dataclass(frozen=True)
class FigureGroup:
    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Cases:
    """复议 or 诉讼: the number of cases and its split by result."""

    total: Figure
    results: tuple[Figure, ...]


@dataclass(frozen=True)
class KeyFigures:
    year: int
    organ: str
    title: str
    active: tuple[FigureGroup, ...] = ()
    received: Figure | None = None
    carried_over: Figure | None = None
    carry_forward: Figure | None = None
    applicants: tuple[Figure, ...] = ()
    outcomes_total: Figure | None = None
    outcomes: tuple[Figure, ...] = ()
    remedies: tuple[Cases, ...] = ()
    stats: tuple[Figure, ...] = ()  # a legacy report's statistics rows
    outline: tuple[str, ...] = ()  # a legacy report's section headings

    @property
    def compared(self) -> bool:
        """Whether any figure has last year's beside it."""
        return any(f.has_last for f in self.figures())

    def figures(self) -> list[Figure]:
        out = [f for g in self.active for f in g.figures]
        out += [f for f in (self.received, self.carried_over, self.carry_forward,
                            self.outcomes_total) if f is not None]
        out += [*self.applicants, *self.outcomes, *self.stats]
        for cases in self.remedies:
            out += [cases.total, *cases.results]
        return out


@functools.cache
def spec() -> dict[str, Any]:
    return template_data("phrases/key-figures.yaml")


def key_figures(report: Report, last_year: Report | None = None, title: str = "") -> KeyFigures:
    """The key figures of a loaded, error-free report; `title` is the report's printed title."""
    assert report.organ is not None and report.year is not None and report.format is not None
    base = KeyFigures(report.year, report.organ.value, title)
    if report.format.free_sections:
        return _legacy(report, base)
    last = _values(last_year) if last_year is not None else None
    now = _values(report)
    data = spec()

    def figure(key: str, label: str, unit: str = "") -> Figure:
        value = now.get(key)
        known = last is not None and key in last
        return Figure(key, label, _number(value), unit, _number(last.get(key)) if known else None,
                      known)

    groups = tuple(FigureGroup(g["label"], tuple(figure(f["key"], f["label"], f.get("unit", ""))
                                                 for f in g["figures"]))
                   for g in data["active"].get(report.format.id, ()))
    apps = data["applications"]

    def row(entry: dict[str, Any]) -> Figure:
        return figure(entry["key"], entry["label"], entry.get("unit", ""))

    remedy = data["remedy"]
    remedies = tuple(Cases(row(c), tuple(figure(f"{c['key']}.{r['column']}", r["label"], c["unit"])
                                         for r in remedy["results"]))
                     for c in remedy["cases"])
    return KeyFigures(
        report.year, report.organ.value, title, active=groups,
        received=row(apps["received"]), carried_over=row(apps["carried_over"]),
        carry_forward=row(apps["carry_forward"]),
        applicants=tuple(figure(a["key"], a["label"], apps["received"]["unit"])
                         for a in apps["applicants"]),
        outcomes_total=row(apps["outcomes_total"]),
        outcomes=tuple(figure(o["key"], o["label"], apps["outcomes_total"]["unit"])
                       for o in apps["outcomes"]),
        remedies=remedies,
    )


def _number(value: Cell | None) -> Number | None:
    return value if is_number(value) else None


def _values(report: Report) -> dict[str, Cell]:
    """Every key figure the report has, by key (不适用 kept as NA)."""
    data = spec()
    out: dict[str, Cell] = {}
    fmt = report.format
    if fmt is None or fmt.free_sections:
        return out
    active = report.tables.get("active")
    for group in data["active"].get(fmt.id, ()):
        for f in group["figures"]:
            value = active.number(f["path"]) if active is not None else None
            if value is not None:
                out[f["key"]] = value
    apply, remedy = report.tables.get("apply"), report.tables.get("remedy")
    apps = data["applications"]
    if apply is not None and isinstance(apply.definition, MatrixTable):
        for entry in (apps["received"], apps["carried_over"], apps["carry_forward"],
                      apps["outcomes_total"], *apps["outcomes"]):
            out[entry["key"]] = _sum(apply.values, apply.definition, [entry["row"]], "total")
        for a in apps["applicants"]:
            out[a["key"]] = _sum(apply.values, apply.definition, [apps["received"]["row"]],
                                 a["column"])
    if remedy is not None and isinstance(remedy.definition, MatrixTable):
        for c in data["remedy"]["cases"]:
            out[c["key"]] = _sum(remedy.values, remedy.definition, c["rows"], "total")
            for r in data["remedy"]["results"]:
                out[f"{c['key']}.{r['column']}"] = _sum(remedy.values, remedy.definition,
                                                        c["rows"], r["column"])
    return out


def _sum(values: dict[str, StatValue], table: MatrixTable, rows: list[str], column: str) -> Cell:
    """The sum of `column` over `rows` (a group row standing for all its sub-rows)."""
    total: Number = 0
    for path in rows:
        for leaf in table.leaves(path):
            stat = values.get(f"{leaf.path}.{column}")
            if stat is None or not is_number(stat.value):
                return NA
            total += stat.value
    return total


def _legacy(report: Report, base: KeyFigures) -> KeyFigures:
    """A legacy report: its statistics rows (the first value column), else its outline."""
    from dataclasses import replace

    stats = report.stats
    if stats is None or not stats.rows:
        return replace(base, outline=tuple(s.heading.value for s in report.sections))
    figures = []
    for i, row in enumerate(stats.rows):
        if not isinstance(row, StatsRow) or not row.values:
            continue
        value = row.values[0].value
        figures.append(Figure(f"stats.{i}", row.label.value,
                              value if isinstance(value, (int, Decimal)) else None,
                              row.unit.value if row.unit else ""))
    return replace(base, stats=tuple(figures))


def share(part: Number | None, whole: Number | None) -> Decimal | None:
    """`part` as a percentage of `whole`, to one decimal place (None for a zero whole)."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
