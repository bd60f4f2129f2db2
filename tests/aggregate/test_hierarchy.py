"""Summaries of summaries: a city (澜州市) from its two counties' summaries and its own
departments; each level checked against the level below."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from tests.aggregate.county import cells, expected_sums, load_yaml, make_county, unit_text
from tests.conftest import locate


@pytest.fixture
def city(tmp_path, cli, monkeypatch):
    """澜州市: 青溪县 and 白沙县 (each 3 departments and 4 townships, summarised in their
    folder), 4 city departments, and the city's summary of all that."""
    monkeypatch.chdir(tmp_path)
    root = Path("澜州市")
    counties = [make_county(root / name, name=name, towns=4, departments=3, seed=seed)
                for name, seed in (("青溪县", 1), ("白沙县", 2))]
    for c in counties:
        run = cli("aggregate", c.folder, "--organ", f"{c.name}人民政府", "-o", c.folder / "汇总.yaml")
        assert run.code == 0, run.out
    own = make_county(root / "市直", name="澜州市", towns=0, departments=4, seed=3)
    run = cli("aggregate", *(c.folder / "汇总.yaml" for c in counties), own.folder,
              "--organ", "澜州市人民政府", "-o", root / "汇总.yaml")
    assert run.code == 0, run.out
    return root / "汇总.yaml", counties, own


def test_the_city_summary_is_the_sum_of_every_unit_below_it(city):
    summary, counties, own = city
    assert load_yaml(summary)["units"] == ["青溪县/汇总.yaml", "白沙县/汇总.yaml",
                                          "市直/部门/人民政府办公室.yaml", "市直/部门/发展和改革委员会.yaml",
                                          "市直/部门/教育体育局.yaml", "市直/部门/科学技术局.yaml"]
    every = [u for c in (*counties, own) for u in c.units]
    assert cells(load_yaml(summary)["tables"]) == expected_sums(every)
    assert govreport.check_file(summary).ok


def test_a_township_correction_reaches_the_city_after_two_updates(city, cli):
    summary, counties, own = city
    town = counties[0].unit("桃源镇")
    town.tables["active"]["licensing"] += 1
    town.path.write_text(unit_text(town.organ, town.tables), encoding="utf-8")
    county_summary = counties[0].folder / "汇总.yaml"
    assert [f.rule for f in govreport.check_file(county_summary).findings if f.is_error] == ["X-UNITS"]
    assert cli("aggregate", "--update", county_summary).code == 0
    city_errors = [f for f in govreport.check_file(summary).findings if f.is_error]
    assert [(f.rule, f.pos.line) for f in city_errors] == \
        [("X-UNITS", locate(summary.read_text(encoding="utf-8"), "licensing: ")[0])]
    assert cli("aggregate", "--update", summary).code == 0
    every = [u for c in (*counties, own) for u in c.units]
    assert cells(load_yaml(summary)["tables"]) == expected_sums(every)
    assert govreport.check_file(summary).ok


def test_a_city_listed_as_a_unit_of_its_county_is_a_cycle_at_the_units_key(city):
    summary, counties, _ = city
    county_summary = counties[1].folder / "汇总.yaml"
    text = county_summary.read_text(encoding="utf-8")
    county_summary.write_text(text.replace("\n\npreface:", "\n  - ../汇总.yaml\n\npreface:"),
                              encoding="utf-8")
    cycle = [f for f in govreport.check_file(summary).findings if "循环" in f.message]
    line, column = locate(summary.read_text(encoding="utf-8"), "units:")
    assert [(f.rule, f.pos.line, f.pos.column) for f in cycle] == [("X-UNITS", line, column)]
    assert cycle[0].message == ("units 形成循环：澜州市/汇总.yaml → 澜州市/白沙县/汇总.yaml → "
                                "澜州市/汇总.yaml；汇总报告不能直接或间接地把自己算作单位")
