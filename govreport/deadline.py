"""DEADLINE: a report signed after its legal publication deadline, or before its year ended.

Evaluators fault late publication first. The deadline comes from the law in force when the
report was due (`templates/phrases/deadlines.yaml`): since the 2019 条例, a 县级以上地方人民政府's
own report by 31 March of the next year and every other organ's by 31 January; before it,
31 March for all. The input's `deadline:` replaces it (a local rule, an extension granted).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govreport.findings import Finding, warning
from govreport.formats import template_data
from govreport.model import Report, format_date

if TYPE_CHECKING:
    from govreport.checkcontext import CheckContext
    from govreport.rules import Rule


@dataclass(frozen=True)
class Deadline:
    """The last day a report may be published, and why: the law (or `deadline:`) and the kind
    of organ it applies to, as a message names them."""

    date: dt.date
    law: str  # the article of the law, or "" for the input's own `deadline:`
    kind: str  # 县级以上人民政府部门 …, or "" for the input's own


@functools.cache
def _data() -> dict[str, Any]:
    return template_data("phrases/deadlines.yaml")


def organ_kind(organ: str) -> str:
    """"government" for a 县级以上地方人民政府 (its name ends in 人民政府 and is not a
    township's or sub-district's), "township" for those, "department" for every other organ."""
    data = _data()
    suffix = data["government_suffix"]
    if not organ.endswith(suffix):
        return "department"
    place = organ[: -len(suffix)]
    return "township" if place.endswith(tuple(data["township_endings"])) else "government"


def legal_deadline(organ: str, year: int) -> Deadline:
    """The deadline the law sets for `organ`'s report on `year`."""
    data = _data()
    law = next(law for law in data["laws"] if year >= law["first_year"])
    kind = organ_kind(organ)
    label = data["kinds"]["any" if law["government"] == law["other"] else kind]
    when = law["government"] if kind == "government" else law["other"]
    return Deadline(dt.date(year + 1, when["month"], when["day"]), law["name"], label)


def report_deadline(report: Report) -> Deadline | None:
    """The input's `deadline:` when given, else the legal one (None without organ or year)."""
    if report.deadline is not None:
        return Deadline(report.deadline, "", "")
    if report.organ is None or report.year is None:
        return None
    return legal_deadline(report.organ.value, report.year)


def check_deadline(context: CheckContext, rule: Rule) -> list[Finding]:
    """DEADLINE: the sign-off date is after the deadline, or not after the report year."""
    report = context.report
    signoff = report.signoff
    if signoff is None or signoff.date is None or report.year is None:
        return []
    signed, pos = signoff.date, signoff.date_pos or report.pos("signoff")
    year_end = dt.date(report.year, 12, 31)
    if signed <= year_end:
        return [warning(rule.id, pos,
                        f"成文日期 {format_date(signed)} 早于报告年度结束（统计期限到 "
                        f"{format_date(year_end)}）：年度报告应在年度结束后成文，请核对日期")]
    deadline = report_deadline(report)
    if deadline is None or signed <= deadline.date:
        return []
    late = (signed - deadline.date).days
    if not deadline.law:
        return [warning(rule.id, pos, f"成文日期 {format_date(signed)} 晚于 deadline 中写明的"
                                      f"公布期限 {format_date(deadline.date)} {late} 天")]
    return [warning(rule.id, pos,
                    f"成文日期 {format_date(signed)} 晚于法定公布期限 {format_date(deadline.date)} "
                    f"{late} 天（依据{deadline.law}，{deadline.kind}的期限）；本地另有规定的，"
                    f"请在 deadline 中写明期限")]
