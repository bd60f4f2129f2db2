"""State shared while reading one file: where findings go and which file they name."""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.findings import Finding, error, warning
from govreport.position import Pos


@dataclass
class Context:
    name: str
    findings: list[Finding] = field(default_factory=list)

    def error(self, pos: Pos, message: str, rule: str = "SCHEMA") -> None:
        self.findings.append(error(rule, pos, message))

    def warning(self, rule: str, pos: Pos, message: str) -> None:
        self.findings.append(warning(rule, pos, message))
