"""`govreport import FILE.xlsx --into REPORT.yaml`: the numbers a clerk changed in the workbook
govreport wrote go into the report, in their own characters; nothing else of the file moves."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from govreport.api import load
from govreport.cli import main
from tests.conftest import EXAMPLES, REPO


def built(example: str | Path, folder: Path) -> tuple[Path, Path]:
    """A copy of the example and the workbook `build --to xlsx` makes of it."""
    report = folder / Path(example).name
    shutil.copyfile(EXAMPLES / example, report)  # an absolute path stays itself
    assert main(["build", str(report), "--to", "xlsx", "-o", str(folder), "-q"]) == 0
    return report, report.with_suffix(".xlsx")


def edit(workbook: Path, changes: dict[tuple[str, str], object], name: str = "filled.xlsx") -> Path:
    """The workbook as a clerk saves it from a spreadsheet program, with cells changed."""
    wb = openpyxl.load_workbook(workbook)
    for (sheet, cell), value in changes.items():
        wb[sheet][cell] = value
    out = workbook.with_name(name)
    wb.save(out)
    return out


def value_cell(workbook: Path, sheet: str, label: str) -> str:
    """The first filled cell right of the row labelled `label`."""
    ws = openpyxl.load_workbook(workbook)[sheet]
    for row in ws.iter_rows():
        at = next((c.column for c in row if c.value == label), None)
        if at is not None:
            return next(c for c in row if c.column > at and c.value is not None).coordinate
    raise AssertionError(f"no row {label} in {sheet}")


@pytest.fixture
def yunling(tmp_path: Path) -> tuple[Path, Path]:
    return built("yunling-2024.yaml", tmp_path)


def test_changed_numbers_replace_their_own_characters_only(yunling, capsys):
    report, workbook = yunling
    before = report.read_text(encoding="utf-8")
    filled = edit(workbook, {("表三", "D6"): 16})
    assert main(["import", str(filled), "--into", str(report)]) == 0
    after = report.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert changed[0] == ("    new:          [15, 2, 0, 0, 1, 0]",
                          "    new:          [16, 2, 0, 0, 1, 0]")
    assert load(report).tables["apply"].number("new.natural_person") == 16
    assert "改动的" in capsys.readouterr().out


def test_a_written_out_total_follows_its_parts(yunling):
    report, workbook = yunling  # one more application received, and granted: still balanced
    filled = edit(workbook, {("表三", "D6"): 16, ("表三", "D8"): 7})
    main(["import", str(filled), "--into", str(report)])
    assert "    total:         [16, 2, 0, 0, 1, 0, 19]" in report.read_text(encoding="utf-8")
    assert main(["check", str(report)]) == 0


def test_an_unchanged_workbook_leaves_the_file_untouched(yunling, capsys):
    report, workbook = yunling
    stamp = report.stat().st_mtime_ns
    assert main(["import", str(workbook), "--into", str(report)]) == 0
    assert report.stat().st_mtime_ns == stamp
    assert "没有改动" in capsys.readouterr().out


def test_a_text_cell_is_an_error_naming_sheet_and_cell_and_nothing_is_written(yunling, capsys):
    report, workbook = yunling
    before = report.read_bytes()
    filled = edit(workbook, {("表三", "D7"): "十二", ("表三", "D6"): 16})
    assert main(["import", str(filled), "--into", str(report)]) == 1
    err = capsys.readouterr().err
    assert "表三!D7" in err and "十二" in err and "没有改动" in err
    assert report.read_bytes() == before


def test_an_empty_cell_is_not_read_as_zero(yunling, capsys):
    report, workbook = yunling
    filled = edit(workbook, {("表三", "E6"): None})
    assert main(["import", str(filled), "--into", str(report)]) == 1
    assert "表三!E6" in capsys.readouterr().err


def test_an_amount_keeps_its_places_and_na_is_written_as_such(tmp_path):
    report, workbook = built("lanzhou-2024.yaml", tmp_path)
    fees = value_cell(workbook, "表二", "行政事业性收费")
    licensing = value_cell(workbook, "表二", "行政许可")
    wb = openpyxl.load_workbook(workbook)
    wb["表二"][fees] = 24252.3
    wb["表二"][fees].number_format = "0.000000"
    wb["表二"][licensing] = "/"
    wb.save(tmp_path / "filled.xlsx")
    assert main(["import", str(tmp_path / "filled.xlsx"), "--into", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert "fees: 24252.300000" in text
    active = load(report).tables["active"]
    assert str(active.number("fees")) == "24252.300000"
    assert "licensing: 不适用" in text.replace("  ", " ")


def test_crlf_and_gb18030_files_keep_their_bytes(yunling):
    report, workbook = yunling
    original = report.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030")
    report.write_bytes(original)
    filled = edit(workbook, {("表三", "D6"): 16})
    assert main(["import", str(filled), "--into", str(report)]) == 0
    after = report.read_bytes()
    assert after.count(b"\r\n") == original.count(b"\r\n")
    assert after.replace(b"[16, 2, 0, 0, 1, 0]", b"[15, 2, 0, 0, 1, 0]", 1) == original


def test_a_number_the_file_does_not_write_is_an_error_at_its_table(yunling, capsys):
    report, workbook = yunling
    text = report.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines(keepends=True)
                if line.startswith("    carried_over:"))
    report.write_text(text.replace(line, "", 1), encoding="utf-8")
    before = report.read_bytes()
    assert main(["import", str(workbook), "--into", str(report)]) == 1
    assert "carried_over" in capsys.readouterr().err
    assert report.read_bytes() == before


def test_a_legacy_report_takes_its_statistics(tmp_path):
    report, workbook = built(REPO / "tests/docx/data/legacy-stats.yaml", tmp_path)
    wb = openpyxl.load_workbook(workbook)
    ws = wb["统计表"]
    cell = next(c for row in ws.iter_rows() for c in row
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool))
    old = cell.value
    cell.value = old + 5
    wb.save(tmp_path / "filled.xlsx")
    assert main(["import", str(tmp_path / "filled.xlsx"), "--into", str(report)]) == 0
    stats = load(report).stats
    assert stats is not None
    values = [v.value for row in stats.rows if hasattr(row, "values") for v in row.values]
    assert old + 5 in values


@pytest.mark.parametrize(("args", "message"), [
    (["{wb}"], "--into"),
    (["{wb}", "--into", "{report}", "-o", "x.yaml"], "不能与 -o 同用"),
    (["{report}", "--into", "{report}"], "只用于 XLSX"),
])
def test_usage_mistakes_are_explained(yunling, capsys, args, message):
    report, workbook = yunling
    argv = [a.format(wb=workbook, report=report) for a in args]
    assert main(["import", *argv]) == 2
    assert message in capsys.readouterr().err
