"""The one registry of check rules: every finding names a registered rule with its severity,
and README and `check --list-rules` list exactly the registry."""

from __future__ import annotations

import json
import re

import pytest

from govreport.cli import main
from govreport.findings import Severity, error, warning
from govreport.position import Pos
from govreport.rules import CHECK, all_rules, rule, rules_table
from tests.conftest import REPO

SOURCES = [*(REPO / "govreport").rglob("*.py")]


def test_readme_lists_exactly_the_registry():
    assert rules_table() in (REPO / "README.md").read_text(encoding="utf-8")


def test_every_check_rule_has_a_function_that_exists():
    for r in all_rules():
        assert (r.function is not None) == (r.stage == CHECK), r.id
        if r.function:
            module, name = r.function.split(":")
            assert callable(getattr(__import__(module, fromlist=[name]), name)), r.id


def test_every_rule_the_code_reports_is_registered():
    named = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'(?:error|warning)\(\s*"([A-Z][A-Z0-9-]+)"', text))
        named |= set(re.findall(r'^RULE = "([A-Z][A-Z0-9-]+)"', text, re.M))
    registered = {r.id for r in all_rules()}
    assert named and named <= registered, named - registered


def test_a_finding_takes_the_severity_its_rule_is_registered_with():
    at = Pos("x.yaml", 1, 1)
    assert error("T3-BAL", at, "…").severity is Severity.ERROR
    with pytest.raises(ValueError, match="X-CARRY"):
        error("X-CARRY", at, "…")  # registered as a warning
    with pytest.raises(KeyError):
        warning("NO-SUCH-RULE", at, "…")


def test_list_rules_prints_every_rule_in_chinese(capsys):
    assert main(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["规则", "级别", "发现于", "说明"]
    for r in all_rules():
        assert r.id in out and r.description in out
    assert "GLYPH" in out and rule("GLYPH").stage == "preflight"


def test_list_rules_as_json(capsys):
    assert main(["check", "--list-rules", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["rule"] for e in listed] == [r.id for r in all_rules()]
    assert {e["severity"] for e in listed} == {"error", "warning"}


def test_check_without_files_is_a_usage_error(capsys):
    assert main(["check"]) == 2
    assert "--list-rules" in capsys.readouterr().err
