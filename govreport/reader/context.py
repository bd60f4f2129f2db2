"""State shared while reading one file: where findings go and which file they name."""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.findings import Finding, error, warning
from govreport.position import Pos

MAX_FINDINGS = 1000
"""Problems listed per file. A pasted spreadsheet or a file of 100,000 empty items can hold
hundreds of thousands of them: listing them all would take seconds and help nobody. What is
left out is counted, and named at the first unlisted problem's position."""


@dataclass
class Context:
    name: str
    findings: list[Finding] = field(default_factory=list)
    unlisted: int = 0
    first_unlisted: Pos | None = None

    def __post_init__(self) -> None:
        if len(self.findings) > MAX_FINDINGS:  # duplicate keys found while composing
            dropped = self.findings[MAX_FINDINGS:]
            del self.findings[MAX_FINDINGS:]
            self.unlisted, self.first_unlisted = len(dropped), dropped[0].pos

    def _full(self, pos: Pos) -> bool:
        """Count a problem past the limit instead of listing it (cheaply: no message made)."""
        if len(self.findings) < MAX_FINDINGS:
            return False
        self.unlisted += 1
        if self.first_unlisted is None:
            self.first_unlisted = pos
        return True

    def error(self, pos: Pos, message: str, rule: str = "SCHEMA") -> None:
        if not self._full(pos):
            self.findings.append(error(rule, pos, message))

    def warning(self, rule: str, pos: Pos, message: str) -> None:
        if not self._full(pos):
            self.findings.append(warning(rule, pos, message))

    def all_findings(self) -> list[Finding]:
        """What was found, with one more finding that counts what was left out."""
        if not self.unlisted:
            return self.findings
        assert self.first_unlisted is not None
        return [*self.findings, error(
            "SCHEMA", self.first_unlisted,
            f"从这里起还有 {self.unlisted} 个问题没有列出（每个文件最多列出 {MAX_FINDINGS} 个）；"
            "请先改正已列出的问题，再重新检查")]
