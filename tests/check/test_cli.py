"""The command line: `check` output and exit status, `init`, `schema`."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml

import govreport
from govreport.cli import main
from tests.conftest import EXAMPLES, GOV_2019, GOV_2021, LEGACY

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) (?P<rule>[A-Z0-9-]+): (?P<msg>.+)$")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean_files_exits_0_with_a_summary(capsys):
    code, out, _ = run(capsys, "check", GOV_2021, GOV_2019, LEGACY)
    assert code == 0
    assert out.strip() == "已检查 3 个文件，没有发现问题。"


def test_check_prints_one_line_per_finding_then_a_summary(capsys, variant):
    v = variant(GOV_2021, ("year: 2024", "year: 1999"),
                ("text: 本年度未收取政府信息公开信息处理费。", "text: 【请填写】"))
    code, out, _ = run(capsys, "check", v.path)
    lines = out.strip().split("\n")
    assert code == 1
    assert len(lines) == 3
    first, second = (LINE.match(line) for line in lines[:2])
    assert first and first["file"] == str(v.path) and first["sev"] == "error" and first["rule"] == "SCHEMA"
    assert (int(first["line"]), int(first["col"])) == v.pos_after("year: ")
    assert second and second["sev"] == "warning" and second["rule"] == "PLACEHOLDER"
    assert lines[2] == "已检查 1 个文件：1 个错误，1 个警告。"


def test_check_with_only_warnings_exits_0(capsys, variant):
    v = variant(GOV_2021, ("text: 本年度未收取政府信息公开信息处理费。", "text: 【请填写】"))
    assert run(capsys, "check", v.path)[0] == 0


def test_check_json_has_the_documented_shape(capsys, variant):
    v = variant(GOV_2021, ("carry_forward: [1, 0, 0, 0, 0, 0]", "carry_forward: [2, 0, 0, 0, 0, 0]"))
    code, out, _ = run(capsys, "check", "--json", v.path, GOV_2019)
    data = json.loads(out)
    assert code == 1
    assert [f["ok"] for f in data["files"]] == [False, True]
    finding = data["files"][0]["findings"][0]
    assert set(finding) == {"rule", "severity", "file", "line", "column", "message"}
    assert finding["rule"] == "T3-BAL" and finding["severity"] == "error"
    assert (finding["line"], finding["column"]) == v.pos_after("carry_forward: [")
    assert data["files"][1] == {"file": str(GOV_2019), "ok": True, "findings": []}


def test_check_missing_file_is_a_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, "check", GOV_2021, tmp_path / "nope.yaml")
    assert code == 2 and out == ""
    assert "找不到文件" in err


def test_unknown_option_is_a_chinese_usage_error(capsys):
    code, _, err = run(capsys, "check", "--jsn", GOV_2021)
    assert code == 2 and "没有这个选项" in err


def test_unreadable_yaml_is_reported_not_raised(capsys, write):
    code, out, _ = run(capsys, "check", write("x.yaml", "organ: [\n"))
    assert code == 1 and "YAML 语法错误" in out and "Traceback" not in out


@pytest.mark.parametrize("fmt", ["gov-2021", "gov-2019", "legacy"])
def test_init_then_check_has_only_placeholder_warnings(capsys, tmp_path, fmt):
    target = tmp_path / f"{fmt}.yaml"
    year = {"gov-2021": 2025, "gov-2019": 2020, "legacy": 2018}[fmt]
    code, out, _ = run(capsys, "init", "--format", fmt, "--organ", "泉阳镇人民政府", "--year", year, "-o", target)
    assert code == 0 and str(target) in out
    code, out, _ = run(capsys, "check", "--json", target)
    findings = json.loads(out)["files"][0]["findings"]
    assert code == 0
    assert findings and {f["rule"] for f in findings} == {"PLACEHOLDER"}


INIT_FIGURES = {
    # format, year: (table lines as init writes them → as the clerk fills them in, the text then printed)
    "gov-2021": (2025, [("licensing: 0", "licensing: 156"), ("fees: 0", "fees: 12.50"),
                        ("carried_over: [0, 0, 0, 0, 0, 0]", "carried_over: [1, 0, 0, 0, 0, 0]"),
                        ("carry_forward: [0, 0, 0, 0, 0, 0]", "carry_forward: [1, 0, 0, 0, 0, 0]")],
                 ["作出行政许可决定156件", "行政事业性收费金额12.50万元", "上年结转1件",
                  "结转下年度继续办理1件", "被提起行政诉讼0件"]),
    "gov-2019": (2020, [("decisions: 0}", "decisions: 41}")], ["作出行政许可决定41件"]),
    "legacy": (2018, [("{label: 收到申请数, unit: 件, values: [0]}",
                       "{label: 收到申请数, unit: 件, values: [5]}")],
               ["本年度收到政府信息公开申请5件。"]),
}


@pytest.mark.parametrize("fmt", INIT_FIGURES)
def test_init_writes_its_standard_sentences_with_the_tables_numbers(capsys, tmp_path, fmt):
    year, fills, printed = INIT_FIGURES[fmt]
    target = tmp_path / f"{fmt}.yaml"
    run(capsys, "init", "--format", fmt, "--year", year, "-o", target)
    text = target.read_text(encoding="utf-8")
    assert "{{ " in text
    for old, new in fills:
        assert old in text, old
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    _, out, _ = run(capsys, "check", "--json", target)
    assert {f["rule"] for f in json.loads(out)["files"][0]["findings"]} == {"PLACEHOLDER"}
    narrative = "".join(t.value for t in govreport.load(target).texts())
    assert [p for p in printed if p not in narrative] == []


def test_init_writes_every_row_key_with_its_label_and_zero_counts(capsys, tmp_path):
    target = tmp_path / "r.yaml"
    run(capsys, "init", "--organ", "某某镇人民政府", "--year", 2025, "-o", target)
    text = target.read_text(encoding="utf-8")
    assert "admin_query: [0, 0, 0, 0, 0, 0]" in text and "# 8.属于行政查询事项" in text
    assert "fee_unpaid: [0, 0, 0, 0, 0, 0]" in text
    assert "2025年1月1日起至2025年12月31日止" in text
    data = yaml.safe_load(text)
    assert data["organ"] == "某某镇人民政府" and data["year"] == 2025
    assert data["tables"]["active"]["licensing"] == 0


def test_init_refuses_to_overwrite_without_force(capsys, tmp_path):
    target = tmp_path / "r.yaml"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "init", "-o", target)
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "mine"
    assert run(capsys, "init", "-o", target, "--force")[0] == 0
    assert "format: gov-2021" in target.read_text(encoding="utf-8")


def test_init_into_a_missing_folder_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "init", "-o", tmp_path / "missing" / "r.yaml")
    assert code == 2 and "不存在" in err


def test_init_to_stdout(capsys):
    code, out, _ = run(capsys, "init", "--format", "legacy", "--year", 2017, "-o", "-")
    assert code == 0 and out.startswith("#") and "format: legacy" in out


def test_init_unknown_format_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "init", "--format", "gov-2030", "-o", tmp_path / "x.yaml")
    assert code == 2 and "gov-2021" in err


def _yaml_as_json(path):
    """Load YAML the way an editor's language server sees it: dates stay strings."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_accepts_every_example(capsys):
    validator = _schema(capsys)
    for example in sorted(EXAMPLES.glob("*.yaml")):
        errors = list(validator.iter_errors(_yaml_as_json(example)))
        assert errors == [], (example.name, [e.message for e in errors])


def test_schema_rejects_an_unknown_row_and_a_string_count(capsys, variant):
    validator = _schema(capsys)
    v = variant(GOV_2021, ("      third_party:", "      third_partie:"), ("licensing: 86", "licensing: 很多"))
    messages = [e.message for e in validator.iter_errors(_yaml_as_json(v.path))]
    assert len(messages) >= 2


def test_schema_gives_every_property_a_chinese_title_and_description(capsys):
    _code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                for key in ("title", "description"):
                    if not re.search(r"[\u4e00-\u9fff]", str(prop.get(key, ""))):
                        missing.append(f"{where}.{name}.{key}")
            for key, value in node.items():
                if key != "if":  # conditions select a format; they are not properties
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(schema, "$")
    assert missing == []


def test_python_dash_m_and_console_script_run():
    result = subprocess.run([sys.executable, "-m", "govreport", "check", str(GOV_2021)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "没有发现问题" in result.stdout
