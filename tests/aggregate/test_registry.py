"""`aggregate --units REGISTRY.yaml`: the units expected to report, who is missing, who is not
on the list."""

from __future__ import annotations

import json

from tests.aggregate.county import load_yaml, organ_of
from tests.conftest import locate

ORGAN = "青溪县人民政府"


def registry(county, *extra_lines: str, files: bool = False) -> tuple[str, object]:
    lines = ["# 青溪县2024年度应报送政府信息公开工作年度报告的单位", "units:"]
    for u in county.units:
        if files:
            rel = u.path.relative_to(county.folder).as_posix()
            lines.append(f"  - {{organ: {u.organ}, file: {rel}}}")
        else:
            lines.append(f"  - {u.organ}")
    lines += list(extra_lines)
    text = "\n".join(lines) + "\n"
    path = county.folder / "单位名单.yaml"
    path.write_text(text, encoding="utf-8")
    return text, path


def test_a_unit_without_a_report_is_named_and_the_exit_is_1(cli, county):
    text, path = registry(county, "  - 青溪县档案馆")
    run = cli("aggregate", county.folder, "--units", path, "--organ", ORGAN,
              "-o", county.folder.parent / "汇总.yaml")
    line, column = locate(text, "青溪县档案馆")
    assert run.code == 1
    assert f"未报送：名单中的“青溪县档案馆”没有报告（{path}:{line}:{column}）" in run.out
    assert "名单中 1 个单位未报送" in run.out


def test_allow_missing_exits_0_and_still_names_the_missing_unit(cli, county):
    _, path = registry(county, "  - 青溪县档案馆")
    run = cli("aggregate", county.folder, "--units", path, "--allow-missing", "--organ", ORGAN,
              "-o", county.folder.parent / "汇总.yaml")
    assert run.code == 0 and "青溪县档案馆" in run.out


def test_missing_is_listed_in_json(cli, county):
    _, path = registry(county, "  - {organ: 青溪县档案馆, file: 部门/档案馆.yaml}")
    run = cli("aggregate", county.folder, "--units", path, "--json")
    data = json.loads(run.out)
    assert [(m["organ"], m["file"]) for m in data["missing"]] == [("青溪县档案馆", "部门/档案馆.yaml")]
    assert data["summary"]["missing"] == 1 and data["summary"]["written"] is False
    assert {f["expected"] for f in data["files"]} == {u.organ for u in county.units}


def test_a_report_the_registry_lacks_is_named_and_summed(cli, county):
    county.units.pop(5).path.rename(county.folder / "部门" / "外县公安局.yaml")  # still a report
    registry(county)
    stray = county.folder / "部门" / "外县公安局.yaml"
    run = cli("aggregate", county.folder, "--units", county.folder / "单位名单.yaml",
              "--organ", ORGAN, "-o", county.folder.parent / "汇总.yaml")
    assert f"名单外：“{stray}”（{organ_of('青溪县', '公安局')}）不在单位名单中，已计入汇总" in run.out
    assert run.code == 0
    assert len(load_yaml(county.folder.parent / "汇总.yaml")["units"]) == 40


def test_a_renamed_unit_is_suggested_for_the_missing_one(cli, county):
    health = county.unit("卫生健康委员会")
    registry(county)
    health.path.write_text(health.path.read_text(encoding="utf-8").replace(
        "青溪县卫生健康委员会", "青溪县卫生健康局"), encoding="utf-8")
    run = cli("aggregate", county.folder, "--units", county.folder / "单位名单.yaml")
    assert "未报送：名单中的“青溪县卫生健康委员会”没有报告" in run.out
    assert f"名单外有“青溪县卫生健康局”的报告（{health.path}），是否为同一单位？" in run.out


def test_the_registry_s_files_are_the_units_when_none_are_given(cli, county):
    _, path = registry(county, files=True)
    target = county.folder.parent / "汇总.yaml"
    run = cli("aggregate", "--units", path, "--organ", ORGAN, "-o", target)
    assert run.code == 0 and "共 40 个单位报告，40 个已汇总；名单中的单位都已报送" in run.out
    assert len(load_yaml(target)["units"]) == 40


def test_a_listed_file_that_does_not_exist_is_missing(cli, county):
    _, path = registry(county, "  - {organ: 青溪县档案馆, file: 部门/档案馆.yaml}")
    run = cli("aggregate", county.folder, "--units", path)
    assert "名单所列文件“部门/档案馆.yaml”不存在" in run.out and run.code == 1


def test_a_broken_registry_is_reported_at_its_line_and_column(cli, county):
    path = county.folder / "单位名单.yaml"
    text = "units:\n  - {organ: 青溪县财政局, fiel: 部门/财政局.yaml}\n  - 青溪县财政局\n"
    path.write_text(text, encoding="utf-8")
    run = cli("aggregate", county.folder, "--units", path)
    assert run.code == 1
    line, column = locate(text, "fiel")
    assert f"{path}:{line}:{column}: error SCHEMA: 未知的键“fiel”" in run.err
    assert f"{path}:3:5: error SCHEMA: 单位“青溪县财政局”重复（第一次出现在第 2 行）" in run.err


def test_a_listed_file_whose_report_names_another_organ_is_pointed_out(cli, county):
    _, path = registry(county, files=True)
    health = county.unit("卫生健康委员会")
    health.path.write_text(health.path.read_text(encoding="utf-8").replace(
        "青溪县卫生健康委员会", "青溪县卫生健康局"), encoding="utf-8")
    run = cli("aggregate", county.folder, "--units", path)
    assert (f"请核对：名单中“青溪县卫生健康委员会”的报告“{health.path}”，"
            "其发布机关写的是“青溪县卫生健康局”") in run.out
    assert "未报送" not in run.out and run.code == 0
