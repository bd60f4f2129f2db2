"""Properties over random valid units: the summary's cells are the sums and pass `check`, and
any summary cell changed afterwards is an X-UNITS error at that cell."""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.aggregate import run
from tests.aggregate.county import DEPARTMENTS, Unit, cells, expected_sums, load_yaml
from tests.hostile.reports import gov2021_report
from tests.hostile.strategies import tables

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TOKEN = re.compile(r"不适用|[0-9][0-9.]*")


def summarise(folder: Path, drawn) -> tuple[Path, list[Unit]]:
    units = []
    for i, t in enumerate(drawn):
        organ = f"青溪县{DEPARTMENTS[i]}"
        path = folder / "单位" / f"{i:02d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(gov2021_report(t, organ=organ), encoding="utf-8")
        units.append(Unit(organ, path, t.data))
    target = folder / "汇总.yaml"
    outcome = run.run(run.Options([str(folder / "单位")], organ="青溪县人民政府", output=target))
    assert outcome.exit_code == 0, outcome.lines()
    return target, units


@SETTINGS
@given(st.lists(tables(), min_size=1, max_size=4))
def test_the_summary_cells_are_the_sums_and_check_passes(drawn):
    with tempfile.TemporaryDirectory() as d:
        target, units = summarise(Path(d), drawn)
        assert cells(load_yaml(target)["tables"]) == expected_sums(units)
        result = govreport.check_file(target)
        assert result.ok, [str(f) for f in result.findings if f.is_error]


@SETTINGS
@given(st.lists(tables(), min_size=1, max_size=4), st.data())
def test_any_changed_summary_cell_is_an_x_units_error_at_its_line(drawn, data):
    with tempfile.TemporaryDirectory() as d:
        target, _ = summarise(Path(d), drawn)
        report = govreport.load(target)
        written = sorted((key, path, v) for key, tv in report.tables.items()
                         for path, v in tv.values.items() if v.given)
        _, _, value = data.draw(st.sampled_from(written), label="cell")
        lines = target.read_text(encoding="utf-8").split("\n")
        line, column = value.pos.line, value.pos.column
        text = lines[line - 1]
        token = TOKEN.match(text, column - 1)
        assert token is not None, text
        old = token.group()
        new = "0" if old == "不适用" else str(Decimal(old) + 1)
        lines[line - 1] = text[:token.start()] + new + text[token.end():]
        target.write_text("\n".join(lines), encoding="utf-8")
        found = [(f.pos.line, f.pos.column) for f in govreport.check_file(target).findings
                 if f.rule == "X-UNITS"]
        assert (line, column) in found
