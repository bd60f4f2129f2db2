"""The example series: three consecutive years of one organ, chained by `previous:`."""

from __future__ import annotations

import json

import jsonschema
import yaml

import govreport
from govreport.cli import main
from govreport.history import similarity
from tests.history.conftest import SERIES, Y2020, Y2021, Y2022


def test_every_year_of_the_series_checks_with_no_findings():
    for path in (Y2020, Y2021, Y2022):
        assert govreport.check_file(path).findings == [], path.name


def test_the_series_changes_format_and_chains_previous_year_by_year():
    reports = [govreport.load(p) for p in (Y2020, Y2021, Y2022)]
    assert [(r.format.id, r.year) for r in reports] == [
        ("gov-2019", 2020), ("gov-2021", 2021), ("gov-2021", 2022)]
    assert reports[0].previous is None
    assert reports[1].previous.resolve() == Y2020.resolve()
    assert reports[2].previous.resolve() == Y2021.resolve()
    assert len({r.organ.value for r in reports}) == 1


def test_carry_over_and_stock_follow_from_the_year_before():
    r2020, r2021, r2022 = (govreport.load(p).tables for p in (Y2020, Y2021, Y2022))
    columns = ("natural_person", "commercial", "research", "public_welfare", "legal_service",
               "other_org")
    for before, after in ((r2020, r2021), (r2021, r2022)):
        assert [after["apply"].number(f"carried_over.{c}") for c in columns] == \
            [before["apply"].number(f"carry_forward.{c}") for c in columns]
    docs = r2022["active"]
    assert docs.number("normative_docs.in_force") == r2021["active"].number(
        "normative_docs.in_force") + docs.number("normative_docs.issued") - docs.number(
        "normative_docs.repealed")


def test_each_years_narrative_is_rewritten_not_copied():
    for last_path, this_path in ((Y2020, Y2021), (Y2021, Y2022)):
        last, this = govreport.load(last_path), govreport.load(this_path)
        fixed = similarity.scaffold_labels(this.format)
        for section in this.sections:
            mine = similarity.pieces(section.body, fixed)
            theirs = [p for s in last.sections if s.key == section.key
                      for p in similarity.pieces(s.body, fixed)]
            if mine:
                assert similarity.measure(mine, theirs).share < 0.2, (this_path.name, section.key)


def test_the_series_validates_against_the_json_schema(capsys):
    assert main(["schema"]) == 0
    validator = jsonschema.Draft202012Validator(json.loads(capsys.readouterr().out))
    for path in sorted(SERIES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["signoff"]["date"] = data["signoff"]["date"].isoformat()  # as an editor sees it
        assert list(validator.iter_errors(data)) == [], path.name
