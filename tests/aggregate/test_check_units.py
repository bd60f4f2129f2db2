"""`check` of a summary (a file with `units:`): rule X-UNITS compares every cell with the sum
over its units, at the summary cell's position."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import govreport
from tests.aggregate.county import make_county, unit_text

ORGAN = "青溪县人民政府"


@pytest.fixture
def small(tmp_path, cli, monkeypatch):
    """Six units and their summary, 汇总.yaml beside the county's folder (the current one)."""
    monkeypatch.chdir(tmp_path)
    county = make_county(tmp_path / "青溪县", towns=3, departments=3)
    target = Path("汇总.yaml")
    assert cli("aggregate", county.folder, "--organ", ORGAN, "-o", target).code == 0
    return county, target


def x_units(path):
    return [f for f in govreport.check_file(path).findings if f.rule == "X-UNITS"]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def value_pos(path, table, cell):
    return govreport.load(path).tables[table].values[cell].pos


def test_a_summary_cell_that_is_not_the_sum_is_an_error_at_that_cell(small):
    _, target = small
    at = value_pos(target, "apply", "carried_over.natural_person")
    text = target.read_text(encoding="utf-8")
    line = text.splitlines()[at.line - 1]
    given = int(re.search(r"carried_over: \[(\d+)", line)[1])
    edit(target, f"carried_over: [{given},", f"carried_over: [{given + 5},")
    finding = next(f for f in x_units(target) if f.pos.line == at.line)
    assert (finding.pos.line, finding.pos.column, finding.severity.value) == (at.line, at.column, "error")
    assert finding.message.startswith(f"“二、上年结转政府信息公开申请数量”的“自然人”为 {given + 5}，"
                                      f"但 6 个单位报告之和为 {given}")


def test_the_units_that_contribute_most_are_named(small):
    county, target = small
    licensing = sorted(((u.tables["active"]["licensing"], u.organ) for u in county.units
                        if u.tables["active"]["licensing"] != "不适用"), reverse=True)
    total = sum(v for v, _ in licensing)
    edit(target, f"licensing: {total} ", f"licensing: {total + 1} ")
    message = next(f.message for f in x_units(target) if "“行政许可”" in f.message)
    top = "、".join(f"{organ} {value}" for value, organ in licensing[:3])
    assert message == f"“行政许可”本年处理决定数量为 {total + 1}，但 6 个单位报告之和为 {total}；数最大的单位：{top}"


def test_a_unit_missing_from_the_tables_is_named_as_left_out(small, tmp_path):
    _, target = small
    late = make_county(tmp_path / "补报", name="青溪县新区", towns=1, departments=0, seed=3)
    edit(target, "\n\npreface:", "\n  - 补报/乡镇/云岭镇.yaml\n\npreface:")
    findings = x_units(target)
    assert len(findings) > 10
    for f in findings:
        assert f.message.endswith("；各单位之和去掉“青溪县新区云岭镇人民政府”后与汇总报告的每个数都一致，"
                                  "可能漏计了这个单位")
    assert late.units[0].organ == "青溪县新区云岭镇人民政府"


def twin(county, short, name):
    """Another file with the same tables as a unit of the county, under another organ."""
    unit = county.unit(short)
    path = county.folder.parent / name
    path.write_text(unit_text(f"{unit.organ}（副本）", unit.tables), encoding="utf-8")
    return path


def test_a_unit_counted_twice_is_named(small, cli):
    county, target = small
    copy = twin(county, "白沙镇", "副本.yaml")
    assert cli("aggregate", county.folder, copy, "--organ", ORGAN, "-o", target, "--force").code == 0
    edit(target, "  - 副本.yaml\n", "")
    findings = x_units(target)
    assert len(findings) > 10
    for f in findings:
        assert f.message.endswith("；“青溪县白沙镇人民政府”再计入一次后与汇总报告的每个数都一致，"
                                  "可能重复计入了这个单位")


def test_no_unit_is_named_when_two_would_explain_the_gaps(small):
    county, target = small
    twin(county, "白沙镇", "副本.yaml")  # 白沙镇 or its twin: either may be the one left out
    edit(target, "\n\npreface:", "\n  - 副本.yaml\n\npreface:")
    findings = x_units(target)
    assert findings and all("漏计" not in f.message for f in findings)


def test_a_figure_that_merely_equals_the_gap_names_no_unit(small):
    _, target = small
    edit(target, "penalty: ", "penalty: 1")
    (finding,) = x_units(target)
    assert "漏计" not in finding.message and "重复计入" not in finding.message


def test_a_summary_cell_not_applicable_where_units_have_numbers(small):
    county, target = small
    edit(target, "coercion: ", "coercion: 不适用  # ")
    finding = next(f for f in x_units(target) if "“行政强制”" in f.message)
    expected = sum(u.tables["active"]["coercion"] for u in county.units
                   if u.tables["active"]["coercion"] != "不适用")
    assert finding.message.startswith(f"“行政强制”本年处理决定数量为 不适用，但 6 个单位报告之和为 {expected}")


def test_a_number_where_every_unit_says_not_applicable(small):
    _, target = small
    edit(target, "rules: {issued: 不适用,", "rules: {issued: 0,")
    finding = next(f for f in x_units(target) if "“规章”" in f.message)
    assert finding.message == "“规章”本年制发件数为 0，但 6 个单位报告都是“不适用”，汇总数也应为“不适用”"


def test_an_entry_that_matches_nothing_is_an_error_at_the_entry(small):
    _, target = small
    edit(target, "  - 青溪县/乡镇/云岭镇.yaml", "  - 青溪县/乡镇/云岭乡.yaml")
    (finding,) = x_units(target)
    assert str(finding.pos).endswith(":14:5")
    assert finding.message.startswith("units 中的“青溪县/乡镇/云岭乡.yaml”无法使用：找不到文件或文件夹")


def test_a_unit_with_errors_is_named_at_its_entry_and_no_cell_is_compared(small):
    county, target = small
    edit(county.unit("云岭镇").path, "licensing: ", "licensing: -")
    edit(target, "penalty: ", "penalty: 1")  # not reported: nothing can be compared
    (finding,) = x_units(target)
    assert str(finding.pos).endswith(":14:5")
    assert "单位报告“青溪县/乡镇/云岭镇.yaml”有 1 个错误" in finding.message
    assert finding.message.endswith("请先运行 govreport check 青溪县/乡镇/云岭镇.yaml；各单位之和无法核对")


def test_a_unit_of_another_year_is_named_at_its_entry(small):
    county, target = small
    town = county.unit("白沙镇")
    town.path.write_text(unit_text(town.organ, town.tables, year=2023), encoding="utf-8")
    (finding,) = x_units(target)
    assert "单位报告“青溪县/乡镇/白沙镇.yaml”是 2023 年度的，汇总报告是 2024 年度的" in finding.message


def test_a_unit_listed_twice_under_two_names_is_an_error(small):
    county, target = small
    copy = county.folder / "部门" / "教育体育局-副本.yaml"
    copy.write_bytes(county.unit("教育体育局").path.read_bytes())
    edit(target, "\n\npreface:", "\n  - 青溪县/部门/教育体育局-副本.yaml\n\npreface:")
    finding = next(f for f in x_units(target) if "计入了两次" in f.message)
    assert finding.message.startswith("单位报告“青溪县/部门/教育体育局-副本.yaml”与“青溪县/部门/教育体育局.yaml”"
                                      "的发布机关都是“青溪县教育体育局”")


def test_a_summary_that_names_itself_is_an_error_at_that_entry(small):
    _, target = small
    edit(target, "\n\npreface:", "\n  - 汇总.yaml\n\npreface:")
    (finding,) = x_units(target)
    assert finding.message == "units 中的“汇总.yaml”就是本文件：汇总报告不能把自己算作单位"


def test_a_glob_is_read_relative_to_the_summary_wherever_check_runs(small, monkeypatch, tmp_path):
    target = small[1].resolve()
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"\nunits:( +#[^\n]*)\n(  - [^\n]*\n)+", r"\nunits:\1\n  - 青溪县/*/*.yaml\n", text)
    target.write_text(text, encoding="utf-8")
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert govreport.check_file(target).ok
    edit(target, "penalty: ", "penalty: 1")
    assert len(x_units(target)) == 1
