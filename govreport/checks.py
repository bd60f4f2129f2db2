"""`check`: every finding for a loaded report: what reading found, then every CHECK rule of
the registry (`govreport.rules`)."""

from __future__ import annotations

from govreport.checkcontext import CheckContext
from govreport.findings import Finding, sort_findings, warning
from govreport.formats import common
from govreport.history.similarity import DEFAULT_THRESHOLD
from govreport.model import Report
from govreport.rules import Rule, check_rules


def check_report(report: Report, similar_threshold: float = DEFAULT_THRESHOLD) -> list[Finding]:
    """All findings for `report`, ordered by position; `similar_threshold` is X-SIMILAR's share."""
    return check_context(CheckContext(report, similar_threshold))


def check_context(context: CheckContext) -> list[Finding]:
    """All findings for `context.report`; the caller keeps what the context read on the way
    (last year's report: `govreport aggregate` puts its figures into the overview)."""
    findings = list(context.report.findings)
    for rule in check_rules():
        findings.extend(rule.run(context))
    return sort_findings(findings)


def placeholders(context: CheckContext, rule: Rule) -> list[Finding]:
    """PLACEHOLDER: text that `govreport init` wrote for the clerk to replace is still there."""
    report = context.report
    marker = str(common()["placeholder_marker"])
    out = []
    for text in report.texts():
        at = text.value.find(marker)
        if at >= 0:
            end = text.value.find("】", at)
            shown = text.value[at:end + 1] if 0 <= end < at + 60 else text.value[at:at + 30] + "…"
            out.append(warning(rule.id, text.pos_at(at),
                               f"还有未替换的占位文字“{shown}”，请改成实际内容"))
    return out
