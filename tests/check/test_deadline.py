"""DEADLINE: a report signed after the legal publication deadline of 条例第四十九条 (or the
input's own `deadline:`), or signed before its year ended."""

from __future__ import annotations

import pytest

import govreport
from govreport.cli import main
from govreport.deadline import legal_deadline, organ_kind
from govreport.schema import build_schema
from tests.conftest import GOV_2019, GOV_2021, GOV_2021_CITY, LEGACY


def deadline_findings(path):
    return [f for f in govreport.check_file(path, outputs=()).findings if f.rule == "DEADLINE"]


def only_deadline(path):
    found = deadline_findings(path)
    assert len(found) == 1, [str(f) for f in found]
    assert found[0].severity.value == "warning"
    return found[0]


def test_no_example_is_late():
    for example in (GOV_2021, GOV_2019, GOV_2021_CITY, LEGACY):
        assert deadline_findings(example) == [], example.name


# --- a department of a county government: 31 January ----------------------------------------

def test_a_department_signing_on_31_january_is_on_time(variant):
    v = variant(GOV_2019, ("date: 2021-01-25", "date: 2021-01-31"))
    assert deadline_findings(v.path) == []


def test_a_department_signing_on_1_february_is_late_by_one_day(variant):
    v = variant(GOV_2019, ("date: 2021-01-25", "date: 2021-02-01"))
    f = only_deadline(v.path)
    assert (f.pos.line, f.pos.column) == v.pos("2021-02-01")
    assert "2021年2月1日" in f.message and "2021年1月31日" in f.message
    assert "1 天" in f.message
    assert "第四十九条" in f.message and "县级以上人民政府部门" in f.message
    assert "deadline" in f.message  # says how to state a local rule


# --- a county-level or higher government's own report: 31 March -----------------------------

def test_a_city_government_signing_in_march_is_on_time(variant):
    v = variant(GOV_2021_CITY, ("date: 2025-03-20", "date: 2025-03-31"))
    assert deadline_findings(v.path) == []


def test_a_city_government_signing_in_april_is_late(variant):
    v = variant(GOV_2021_CITY, ("date: 2025-03-20", "date: 2025-04-02"))
    f = only_deadline(v.path)
    assert "2025年3月31日" in f.message and "2 天" in f.message
    assert "县级以上地方人民政府" in f.message


def test_a_city_government_office_signing_for_the_government_keeps_the_governments_deadline(variant):
    # 澜州市人民政府办公室 signs the 澜州市人民政府 report: the organ decides, not the signer.
    v = variant(GOV_2021_CITY, ("date: 2025-03-20", "date: 2025-02-20"))
    assert deadline_findings(v.path) == []


# --- a township: as a department, 31 January -------------------------------------------------

def test_a_township_signing_in_february_is_late(variant):
    v = variant(GOV_2021, ("date: 2025-01-20", "date: 2025-02-10"))
    f = only_deadline(v.path)
    assert "2025年1月31日" in f.message and "10 天" in f.message
    assert "乡镇" in f.message


def test_a_township_report_of_2018_was_due_on_31_march_under_the_2008_regulations(variant):
    assert deadline_findings(LEGACY) == []  # signed 2019-02-28: on time then
    v = variant(LEGACY, ("date: 2019-02-28", "date: 2019-04-01"))
    f = only_deadline(v.path)
    assert "2019年3月31日" in f.message and "2008" in f.message


# --- the input's own deadline ----------------------------------------------------------------

def test_a_deadline_in_the_input_allows_a_later_sign_off(variant):
    v = variant(GOV_2021, ("date: 2025-01-20", "date: 2025-02-10"),
                ("signoff:", "deadline: 2025-02-20\nsignoff:"))
    assert deadline_findings(v.path) == []


def test_a_deadline_in_the_input_is_the_one_a_late_sign_off_is_measured_against(variant):
    v = variant(GOV_2021, ("date: 2025-01-20", "date: 2025-01-25"),
                ("signoff:", "deadline: 2025-01-22\nsignoff:"))
    f = only_deadline(v.path)
    assert (f.pos.line, f.pos.column) == v.pos("2025-01-25")
    assert "deadline 中写明的公布期限 2025年1月22日" in f.message and "3 天" in f.message
    assert "第四十九条" not in f.message


def test_a_deadline_that_is_not_a_date_is_a_schema_error_at_its_position(variant):
    v = variant(GOV_2021, ("signoff:", "deadline: 一月底\nsignoff:"))
    found = govreport.check_file(v.path, outputs=()).findings
    errors = [f for f in found if f.is_error]
    assert [f.rule for f in errors] == ["SCHEMA"]
    assert (errors[0].pos.line, errors[0].pos.column) == v.pos("一月底")
    assert "公布期限（deadline）" in errors[0].message


def test_deadline_is_a_documented_key_of_the_schema():
    prop = build_schema()["properties"]["deadline"]
    assert prop["format"] == "date" and prop["title"] == "公布期限"


# --- signed before the year ended ------------------------------------------------------------

@pytest.mark.parametrize("signed", ["2024-12-31", "2024-06-30"])
def test_a_sign_off_within_the_report_year_warns(variant, signed):
    v = variant(GOV_2021, ("date: 2025-01-20", f"date: {signed}"))
    f = only_deadline(v.path)
    assert (f.pos.line, f.pos.column) == v.pos(signed)
    assert "2024年12月31日" in f.message and "统计期限" in f.message


def test_a_sign_off_on_the_first_day_after_the_year_is_fine(variant):
    v = variant(GOV_2021, ("date: 2025-01-20", "date: 2025-01-01"))
    assert deadline_findings(v.path) == []


# --- which organs are governments ------------------------------------------------------------

@pytest.mark.parametrize(("organ", "kind"), [
    ("澜州市人民政府", "government"),
    ("云岭自治县人民政府", "government"),
    ("某某省人民政府", "government"),
    ("青溪县云岭镇人民政府", "township"),
    ("泉阳镇人民政府", "township"),
    ("白石民族乡人民政府", "township"),
    ("乌兰苏木人民政府", "township"),
    ("青溪县人民政府办公室", "department"),
    ("青溪县市场监督管理局", "department"),
    ("城关街道办事处", "department"),
    ("中国（青溪）自由贸易试验区澜江片区管理委员会", "department"),
])
def test_organ_kind(organ, kind):
    assert organ_kind(organ) == kind


def test_legal_deadlines_by_organ_and_law():
    assert legal_deadline("澜州市人民政府", 2024).date.isoformat() == "2025-03-31"
    assert legal_deadline("青溪县市场监督管理局", 2024).date.isoformat() == "2025-01-31"
    assert legal_deadline("青溪县市场监督管理局", 2018).date.isoformat() == "2019-03-31"


def test_init_writes_the_organs_deadline_as_a_comment(tmp_path):
    target = tmp_path / "2025.yaml"
    assert main(["init", "--organ", "澜州市人民政府", "--year", "2025", "-o", str(target)]) == 0
    assert "# deadline: 2026-03-31" in target.read_text(encoding="utf-8")
