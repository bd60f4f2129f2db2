"""The one registry of check rules: id, severity, what it catches (Chinese), and how.

Every finding govreport reports names a rule listed here; `govreport check --list-rules`,
README's rules table and the severity of every finding come from it. A rule is found by:

- `READ`: reading the file (the reader reports it; no function here),
- `CHECK`: a function over the loaded report, run by `check` and `build`,
- `PREFLIGHT`: an output writer's preflight, run by `check` too for the outputs it would build.

The registry is data, `templates/rules.yaml` (its descriptions quote the official labels,
which the code never holds): adding a rule is adding one entry there and its function in the
module that knows the subject. Functions are named by module path and imported on first use,
so listing rules or reading a file imports no check code.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govreport.findings import Severity

if TYPE_CHECKING:
    from govreport.checkcontext import CheckContext
    from govreport.findings import Finding

READ, CHECK, PREFLIGHT, IMPORT = "read", "check", "preflight", "import"
STAGE_LABELS = {READ: "读取时", CHECK: "检查", PREFLIGHT: "生成前检查", IMPORT: "导入时"}

RuleFunction = Callable[["CheckContext", "Rule"], Iterable["Finding"]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    stage: str = CHECK
    function: str | None = None  # "module:function" for CHECK rules

    def run(self, context: CheckContext) -> Iterable[Finding]:
        """The rule's findings for a loaded report (CHECK rules only)."""
        assert self.function is not None, self.id
        module, name = self.function.split(":")
        check: RuleFunction = getattr(importlib.import_module(module), name)
        return check(context, self)


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in the registry's order (`templates/rules.yaml`)."""
    from govreport.formats import template_list

    return tuple(Rule(e["id"], Severity(e["severity"]), e["description"], e["stage"],
                      e.get("function")) for e in template_list("rules.yaml"))


@functools.cache
def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in all_rules()}


def rule(rule_id: str) -> Rule:
    """The registered rule; a KeyError names an id that was never registered (a bug)."""
    return rules_by_id()[rule_id]


def check_rules() -> list[Rule]:
    """The rules `check` runs over a loaded report, in registry order."""
    return [r for r in all_rules() if r.stage == CHECK]


def rules_table() -> str:
    """README's rules table (Markdown): generated, so it lists every rule there is."""
    lines = ["| rule | severity | found by | what it catches |", "|---|---|---|---|"]
    lines += [f"| {r.id} | {r.severity.value} | {r.stage} | {r.description} |"
              for r in all_rules()]
    return "\n".join(lines)


def rules_text() -> str:
    """`govreport check --list-rules`: a table for the terminal, in Chinese."""
    from govreport.textcols import aligned_table

    rows = [[r.id, "错误" if r.severity is Severity.ERROR else "警告", STAGE_LABELS[r.stage],
             r.description] for r in all_rules()]
    return aligned_table(["规则", "级别", "发现于", "说明"], rows)
