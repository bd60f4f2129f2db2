"""`check`: every finding for a loaded report, from loading, arithmetic, text and last year."""

from __future__ import annotations

from govreport import arithmetic, crossyear
from govreport.findings import Finding, sort_findings, warning
from govreport.formats import common
from govreport.history.similarity import DEFAULT_THRESHOLD
from govreport.model import Report


def check_report(report: Report, similar_threshold: float = DEFAULT_THRESHOLD) -> list[Finding]:
    """All findings for `report`, ordered by position; `similar_threshold` is X-SIMILAR's share."""
    findings = list(report.findings)
    for tv in report.tables.values():
        findings.extend(arithmetic.check(tv))
    findings.extend(placeholders(report))
    if report.previous is not None:
        findings.extend(crossyear.check(report, similar_threshold))
    return sort_findings(findings)


def placeholders(report: Report) -> list[Finding]:
    """PLACEHOLDER: text that `govreport init` wrote for the clerk to replace is still there."""
    marker = str(common()["placeholder_marker"])
    out = []
    for text in report.texts():
        at = text.value.find(marker)
        if at >= 0:
            end = text.value.find("】", at)
            shown = text.value[at:end + 1] if 0 <= end < at + 60 else text.value[at:at + 30] + "…"
            out.append(warning("PLACEHOLDER", text.pos_at(at),
                               f"还有未替换的占位文字“{shown}”，请改成实际内容"))
    return out
