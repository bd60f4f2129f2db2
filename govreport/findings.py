"""Findings: the one shape in which every problem with an input file is reported."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from govreport.position import Pos


class Severity(StrEnum):
    """Errors stop a build; warnings are printed and do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: a stable rule id, a severity, the offending value's position, a Chinese message."""

    rule: str
    severity: Severity
    pos: Pos
    message: str

    def __post_init__(self) -> None:
        from govreport.rules import rule  # every finding names a registered rule

        registered = rule(self.rule).severity
        if registered is not self.severity:
            raise ValueError(f"{self.rule} is registered as {registered}, not {self.severity}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        # The file name is the clerk's too: a control character in it must not reach a terminal.
        return f"{printable(str(self.pos))}: {self.severity.value} {self.rule}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `govreport check --json`."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "file": self.pos.file,
            "line": self.pos.line,
            "column": self.pos.column,
            "message": self.message,
        }


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """Control characters, lone surrogates and the like as \\xNN / \\uNNNN: a message quotes
    what the clerk wrote, and hostile input must not reach a terminal as escape sequences."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def short(raw: str, limit: int = 20) -> str:
    """A value as quoted in a message: a 5 MB scalar must not become a 5 MB message."""
    return raw if len(raw) <= limit else raw[:limit] + "…"


def error(rule: str, pos: Pos, message: str) -> Finding:
    return Finding(rule, Severity.ERROR, pos, printable(message))


def warning(rule: str, pos: Pos, message: str) -> Finding:
    return Finding(rule, Severity.WARNING, pos, printable(message))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Order by file position, errors before warnings at the same place, without duplicates."""
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.pos, f.severity is not Severity.ERROR, f.rule))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def severity_counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings): the two figures of every summary `check` and `build` print."""
    errors = warnings = 0
    for f in findings:
        if f.severity is Severity.ERROR:
            errors += 1
        elif f.severity is Severity.WARNING:
            warnings += 1
    return errors, warnings
