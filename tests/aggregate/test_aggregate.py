"""`govreport aggregate UNITS... --organ N -o SUMMARY.yaml`: a county's summary from its units."""

from __future__ import annotations

import errno
import json
from decimal import Decimal

import jsonschema
import yaml

import govreport
from tests.aggregate.county import NA, cells, expected_sums, load_yaml, make_county, unit_text
from tests.check.test_cli import _yaml_as_json as yaml_as_json
from tests.conftest import EXAMPLES, LEGACY, locate

ORGAN = "青溪县人民政府"


def summarise(cli, county, *extra):
    target = county.folder.parent / "汇总.yaml"
    run = cli("aggregate", county.folder, "--organ", ORGAN, "-o", target, *extra)
    return run, target


def test_every_summary_cell_is_the_sum_of_the_units_cells(cli, county):
    run, target = summarise(cli, county)
    assert run.code == 0, run.out + run.err
    assert cells(load_yaml(target)["tables"]) == expected_sums(county.units)


def test_the_summary_passes_check_with_only_placeholder_warnings(cli, county):
    _, target = summarise(cli, county)
    result = govreport.check_file(target)
    assert result.ok
    assert {f.rule for f in result.findings} == {"PLACEHOLDER"}


def test_the_summary_is_a_complete_report_in_the_units_format(cli, county):
    _, target = summarise(cli, county)
    data = load_yaml(target)
    assert (data["format"], data["organ"], data["year"]) == ("gov-2021", ORGAN, 2024)
    assert set(data["sections"]) == {"overview", "active", "apply", "remedy", "problems", "other"}
    assert "在汇总【请填写：汇总范围" in data["preface"]
    assert target.read_text(encoding="utf-8").startswith("# 2024年度政府信息公开工作年度报告 — 由 govreport aggregate 生成")


def test_units_lists_every_unit_file_relative_to_the_summary(cli, county):
    _, target = summarise(cli, county)
    units = load_yaml(target)["units"]
    assert len(units) == 40 and units[0] == "青溪县/乡镇/云岭镇.yaml"
    assert sorted((target.parent / u).resolve() for u in units) == \
        sorted(u.path.resolve() for u in county.units)


def test_not_applicable_adds_nothing_and_stays_only_where_every_unit_has_it(cli, county):
    _, target = summarise(cli, county)
    active = load_yaml(target)["tables"]["active"]
    assert active["rules"] == {"issued": NA, "repealed": NA, "in_force": NA}  # no unit has 规章
    licensing = [u.tables["active"]["licensing"] for u in county.units]
    assert NA in licensing
    assert active["licensing"] == sum(v for v in licensing if v != NA)


def test_six_decimal_fees_are_summed_exactly(cli, county):
    _, target = summarise(cli, county)
    fees = [u.tables["active"]["fees"] for u in county.units if u.tables["active"]["fees"] != NA]
    assert all(f.as_tuple().exponent == -6 for f in fees)
    exact = sum(fees, Decimal(0))
    assert load_yaml(target)["tables"]["active"]["fees"] == exact
    assert f"fees: {exact}  " in target.read_text(encoding="utf-8")  # every place, as written


def test_a_unit_with_check_errors_is_reported_and_not_summed(cli, county):
    audit = county.unit("审计局")
    text = audit.path.read_text(encoding="utf-8")
    audit.path.write_text(text.replace("new: [", "new: [1", 1), encoding="utf-8")  # 一 + 二 ≠ 三 + 四
    run, target = summarise(cli, county)
    assert run.code == 1
    assert f"{audit.path}:" in run.out and "error T3-BAL" in run.out
    assert "共 40 个单位报告，39 个已汇总，1 个有错误未计入（青溪县审计局）" in run.out
    summed = [u for u in county.units if u is not audit]
    assert cells(load_yaml(target)["tables"]) == expected_sums(summed)
    assert "青溪县/部门/审计局.yaml" not in load_yaml(target)["units"]


def test_a_unit_of_another_year_is_named_and_not_summed(cli, county):
    late = county.unit("统计局")
    late.path.write_text(unit_text(late.organ, late.tables, year=2023), encoding="utf-8")
    run, target = summarise(cli, county)
    assert run.code == 1
    line = next(li for li in run.out.splitlines() if str(late.path) in li)
    assert "error X-UNITS" in line and "本报告是 2023 年度的，汇总报告是 2024 年度的；未计入汇总" in line
    assert len(load_yaml(target)["units"]) == 39


def test_year_makes_the_other_years_the_odd_ones(cli, tmp_path):
    county = make_county(tmp_path / "青溪县", towns=2, departments=1)
    run = cli("aggregate", county.folder, "--organ", ORGAN, "--year", 2025, "-o", tmp_path / "s.yaml")
    assert run.code == 1 and "没有可以汇总的单位报告" in run.out
    assert run.out.count("本报告是 2024 年度的，汇总报告是 2025 年度的") == 3
    assert not (tmp_path / "s.yaml").exists()


def test_a_unit_in_another_format_is_named_at_its_format(cli, county):
    gov2019 = county.folder / "部门" / "市场监督管理局（2019格式）.yaml"
    gov2019.write_text((EXAMPLES / "qingxi-amr-2020.yaml").read_text(encoding="utf-8")
                       .replace("year: 2020", "year: 2024"), encoding="utf-8")
    run, _ = summarise(cli, county)
    at = locate(gov2019.read_text(encoding="utf-8"), "gov-2019")
    assert f"{gov2019}:{at[0]}:{at[1]}: error X-UNITS: 本报告格式是 gov-2019，汇总报告是 gov-2021" in run.out
    assert run.code == 1


def test_two_reports_of_one_organ_are_counted_once(cli, county):
    copy = county.folder / "部门" / "财政局（修改稿）.yaml"
    copy.write_bytes(county.unit("财政局").path.read_bytes())
    run, target = summarise(cli, county)
    assert run.code == 1
    assert "发布机关与“" in run.out and "同一单位的报告只能计入一次" in run.out
    assert cells(load_yaml(target)["tables"]) == expected_sums(county.units)


def test_a_summary_inside_the_units_folder_is_not_its_own_unit(cli, county):
    target = county.folder / "汇总.yaml"
    assert cli("aggregate", county.folder, "--organ", ORGAN, "-o", target).code == 0
    run = cli("aggregate", county.folder, "--organ", ORGAN, "-o", target, "--force")
    assert run.code == 0 and "共 40 个单位报告" in run.out
    assert govreport.check_file(target).ok


def test_an_existing_summary_is_not_overwritten_without_force(cli, county):
    target = county.folder.parent / "汇总.yaml"
    target.write_text("# 已写好的汇总报告\n", encoding="utf-8")
    run = cli("aggregate", county.folder, "--organ", ORGAN, "-o", target)
    assert run.code == 2 and "已存在" in run.err and "--update" in run.err
    assert target.read_text(encoding="utf-8") == "# 已写好的汇总报告\n"


def test_a_new_summary_needs_the_organ(cli, county):
    run = cli("aggregate", county.folder, "-o", county.folder.parent / "汇总.yaml")
    assert run.code == 2 and "--organ" in run.err


def test_the_summary_can_go_to_the_screen(cli, tmp_path):
    county = make_county(tmp_path / "青溪县", towns=2, departments=2)
    run = cli("aggregate", county.folder, "--organ", ORGAN, "-o", "-")
    assert run.code == 0
    assert yaml.safe_load(run.out)["organ"] == ORGAN and "4 个已汇总" in run.err


def test_legacy_reports_cannot_be_summed(cli, tmp_path):
    run = cli("aggregate", LEGACY, "--organ", ORGAN, "-o", tmp_path / "s.yaml")
    assert run.code == 2 and "legacy 格式的统计表没有统一的行和列" in run.err


def test_no_unit_reports_is_a_usage_error(cli, tmp_path):
    run = cli("aggregate", tmp_path / "没有这个文件夹", "--organ", ORGAN, "-o", tmp_path / "s.yaml")
    assert run.code == 2 and "找不到文件或文件夹" in run.err


def test_json_gives_each_unit_then_missing_unexpected_and_summary(cli, county):
    broken = county.unit("审计局")
    broken.path.write_text(broken.path.read_text(encoding="utf-8").replace("new: [", "new: [1", 1),
                           encoding="utf-8")
    run, target = summarise(cli, county, "--json")
    data = json.loads(run.out)
    assert run.code == 1 and set(data) == {"files", "missing", "unexpected", "summary"}
    entry = next(f for f in data["files"] if f["organ"] == broken.organ)
    assert set(entry) == {"file", "organ", "status", "ok", "errors", "warnings", "expected",
                          "findings"}
    assert (entry["status"], entry["ok"], entry["errors"]) == ("failed", False, 1)
    assert entry["findings"][0]["rule"] == "T3-BAL"
    assert set(entry["findings"][0]) == {"rule", "severity", "file", "line", "column", "message"}
    assert {f["status"] for f in data["files"] if f is not entry} == {"summed"}
    assert data["missing"] == [] and data["unexpected"] == []
    summary = data["summary"]
    assert summary["file"] == str(target) and summary["written"] is True
    assert (summary["units"], summary["summed"], summary["failed"]) == (40, 39, 1)
    assert (summary["organ"], summary["year"], summary["format"]) == (ORGAN, 2024, "gov-2021")


def test_the_summary_is_valid_against_the_json_schema(cli, county):
    _, target = summarise(cli, county)
    validator = jsonschema.Draft202012Validator(json.loads(cli("schema").out))
    assert [e.message for e in validator.iter_errors(yaml_as_json(target))] == []


def test_a_summary_that_cannot_be_written_is_an_error_in_chinese(cli, county, monkeypatch):
    def full_disk(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("govreport.aggregate.run.atomic_write_text", full_disk)
    run, target = summarise(cli, county)
    assert run.code == 1
    assert run.err == f"govreport: 无法写入 {target}：磁盘空间不足\n"
    assert not target.exists()
