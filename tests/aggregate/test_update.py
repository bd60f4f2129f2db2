"""`aggregate --update SUMMARY.yaml`: the tables (and units) recomputed, every other byte kept."""

from __future__ import annotations

import codecs
import re

import govreport
from tests.aggregate.county import cells, expected_sums, load_yaml, make_county, unit_text
from tests.conftest import GOV_2021

ORGAN = "青溪县人民政府"
NARRATIVE = {
    "【请填写：汇总范围，如本级政府各部门、各乡镇人民政府和街道办事处】": "县政府各部门、各乡镇人民政府和街道办事处",
    "【请填写：本年度主动公开工作的主要做法、公开数量和成效】": "全县主动公开政府信息12680条，同比增长5.2%。",
    "【请填写：一是……；二是……。】": "一是部分乡镇公开栏目更新不及时；二是政策解读形式单一。",
}


def written_summary(cli, county):
    """The summary as the county office keeps it: aggregated once, then its narrative
    written, comments and a title added by hand."""
    target = county.folder.parent / "汇总.yaml"
    assert cli("aggregate", county.folder, "--organ", ORGAN, "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    for placeholder, written in NARRATIVE.items():
        text = text.replace(placeholder, written)
    text = text.replace("year: 2024 ", "title: [青溪县人民政府, 2024年政府信息公开工作年度报告]\nyear: 2024 ")
    text = text.replace("\nsections:", "\n# 正文由县政府办公室政务公开股撰写，2025年2月10日定稿\nsections:")
    text = text.replace("  date: 2025-01-20", "  date: 2025-03-18  # 县政府常务会议审定")
    target.write_text(text, encoding="utf-8")
    return target


def correct(unit, old: str, new: str) -> None:
    text = unit.path.read_text(encoding="utf-8")
    assert old in text
    unit.path.write_text(text.replace(old, new, 1), encoding="utf-8")


def outside(data: bytes, first: bytes, last: bytes) -> tuple[bytes, bytes]:
    """The bytes before the line after `first` and from `last` on."""
    start = data.index(b"\n", data.index(first)) + 1
    return data[:start], data[data.index(last):]


def test_update_recomputes_the_tables_and_keeps_every_other_byte(cli, county):
    target = written_summary(cli, county)
    before = target.read_bytes()
    correct(county.unit("财政局"), "licensing: ", "licensing: 1")
    correct(county.unit("云岭镇"), "penalty: ", "penalty: 2")
    run = cli("aggregate", "--update", target)
    assert run.code == 0, run.out
    after = target.read_bytes()
    assert after != before
    assert outside(after, b"\ntables:", b"\n\nsignoff:") == outside(before, b"\ntables:", b"\n\nsignoff:")
    for u in (county.unit("财政局"), county.unit("云岭镇")):
        u.tables = load_yaml(u.path)["tables"]
    assert cells(load_yaml(target)["tables"]) == expected_sums(county.units)


def test_update_says_how_many_numbers_changed(cli, county):
    target = written_summary(cli, county)
    correct(county.unit("财政局"), "licensing: ", "licensing: 1")
    correct(county.unit("云岭镇"), "penalty: ", "penalty: 2")
    run = cli("aggregate", "--update", target)
    assert f"已更新 {target}：统计表按 40 个单位重新汇总，2 个数有变化；正文、注释等其他内容未改动。" in run.out


def test_the_updated_summary_passes_check(cli, county):
    target = written_summary(cli, county)
    police = county.unit("公安局")
    police.tables["apply"]["new"][0] += 3
    police.tables["apply"]["carry_forward"][0] += 3  # still 一 + 二 = （七） + 四
    police.path.write_text(unit_text(police.organ, police.tables), encoding="utf-8")
    assert cli("aggregate", "--update", target).code == 0
    result = govreport.check_file(target)
    assert result.ok and {f.rule for f in result.findings} <= {"PLACEHOLDER"}


def test_an_update_without_changes_leaves_the_file_untouched(cli, county):
    target = written_summary(cli, county)
    before, stamp = target.read_bytes(), target.stat().st_mtime_ns
    run = cli("aggregate", "--update", target)
    assert run.code == 0 and "无需更新：统计表已是 40 个单位之和" in run.out
    assert target.read_bytes() == before and target.stat().st_mtime_ns == stamp


def test_update_with_units_replaces_the_units_list_and_nothing_else_outside_the_tables(cli, county):
    target = written_summary(cli, county)
    before = target.read_bytes()
    extra = make_county(county.folder / "新设", name="青溪县新区", towns=1, departments=0, seed=7)
    run = cli("aggregate", county.folder, "--update", target)
    assert run.code == 0
    after = target.read_bytes()
    assert after[:after.index(b"\nunits:")] == before[:before.index(b"\nunits:")]
    assert after[after.index(b"\n\npreface:"):after.index(b"\ntables:")] == \
        before[before.index(b"\n\npreface:"):before.index(b"\ntables:")]
    units = load_yaml(target)["units"]
    assert len(units) == 41 and "青溪县/新设/乡镇/云岭镇.yaml" in units
    assert cells(load_yaml(target)["tables"]) == expected_sums([*county.units, *extra.units])


def test_a_summary_with_a_glob_keeps_its_glob(cli, county):
    target = written_summary(cli, county)
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"\nunits:( +#[^\n]*)\n(  - [^\n]*\n)+", r"\nunits:\1\n  - 青溪县/*/*.yaml  # 部门和乡镇\n", text)
    target.write_text(text, encoding="utf-8")
    correct(county.unit("水利局"), "coercion: ", "coercion: 4")
    assert cli("aggregate", "--update", target).code == 0
    after = target.read_text(encoding="utf-8")
    assert after.replace(re.search(r"(?<=\ntables:)[^\n]*\n(.*?)\n\nsignoff", after, re.S)[1], "") == \
        text.replace(re.search(r"(?<=\ntables:)[^\n]*\n(.*?)\n\nsignoff", text, re.S)[1], "")
    assert "  - 青溪县/*/*.yaml  # 部门和乡镇\n" in after


def test_update_keeps_crlf_line_ends_and_the_bom(cli, county):
    target = written_summary(cli, county)
    target.write_bytes(codecs.BOM_UTF8 + target.read_bytes().replace(b"\n", b"\r\n"))
    before = target.read_bytes()
    correct(county.unit("财政局"), "licensing: ", "licensing: 1")
    assert cli("aggregate", "--update", target).code == 0
    after = target.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) and b"\n" not in after.replace(b"\r\n", b"")
    assert outside(after, b"\r\ntables:", b"\r\n\r\nsignoff:") == \
        outside(before, b"\r\ntables:", b"\r\n\r\nsignoff:")


def test_update_keeps_a_gbk_file_in_gbk(cli, county):
    target = written_summary(cli, county)
    target.write_bytes(target.read_text(encoding="utf-8").encode("gb18030"))
    before = target.read_bytes()
    correct(county.unit("财政局"), "licensing: ", "licensing: 1")
    assert cli("aggregate", "--update", target).code == 0
    after = target.read_bytes()
    after.decode("gb18030")
    assert outside(after, b"\ntables:", b"\n\nsignoff:") == outside(before, b"\ntables:", b"\n\nsignoff:")
    assert "全县主动公开政府信息12680条".encode("gb18030") in after


def test_a_report_without_units_gets_them_above_its_tables(cli, tmp_path):
    county = make_county(tmp_path / "青溪县", towns=3, departments=2)
    target = tmp_path / "青溪县人民政府2024.yaml"  # the county's own report, written by hand
    text = GOV_2021.read_text(encoding="utf-8").replace("青溪县云岭镇人民政府", ORGAN)
    target.write_text(text, encoding="utf-8")
    assert cli("aggregate", county.folder, "--update", target).code == 0
    after = target.read_text(encoding="utf-8")
    head, tail = text.split("\ntables:")
    assert after.startswith(head + "\nunits:")
    assert after.endswith(tail[tail.index("\n\nsignoff:"):])
    assert len(load_yaml(target)["units"]) == 5 and govreport.check_file(target).ok


def test_a_summary_written_in_flow_style_is_not_touched(cli, county, tmp_path):
    target = tmp_path / "flow.yaml"
    target.write_text('{format: gov-2021, organ: 青溪县人民政府, year: 2024, units: ["青溪县/*/*.yaml"],\n'
                      ' sections: {overview: 略, problems: 略, other: 无。}, tables: {}}\n', encoding="utf-8")
    before = target.read_bytes()
    run = cli("aggregate", "--update", target)
    assert run.code == 2 and "最外层写成了 {…}" in run.err
    assert target.read_bytes() == before


def test_update_with_another_organ_is_a_usage_error(cli, county):
    target = written_summary(cli, county)
    run = cli("aggregate", "--update", target, "--organ", "白沙县人民政府")
    assert run.code == 2 and "更新时发布机关取自汇总报告" in run.err
