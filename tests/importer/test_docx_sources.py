"""DOCX files as offices write them in Word or WPS (made with python-docx in the tests):
each import prints the same report as the file it was made from."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.importer.conftest import example, imported, layout_of
from tests.importer.docxmake import Office, word_like_docx
from tests.importer.equivalence import first_difference, printed

REPORTS = ["yunling-2024", "lanzhou-2024", "qingxi-amr-2020", "quanyang-2018"]


def round_trip(tmp_path: Path, stem: str, office: Office) -> Path:
    source = example(stem)
    made = word_like_docx(layout_of(source), tmp_path / f"{stem}-office.docx", office)
    result, target = imported(made, tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    assert printed(target) == printed(source), first_difference(printed(source), printed(target))
    return made


@pytest.mark.parametrize("stem", REPORTS)
def test_headings_by_direct_formatting_and_leads_in_kaiti_runs(tmp_path: Path, stem: str) -> None:
    made = round_trip(tmp_path, stem, Office())
    styles = {p.style.name for p in docx.Document(str(made)).paragraphs}
    assert styles == {"Normal"}


def test_numbers_split_over_several_runs(tmp_path: Path) -> None:
    made = round_trip(tmp_path, "lanzhou-2024", Office(split_runs=True))
    cell = docx.Document(str(made)).tables[1].cell(3, 3)
    assert cell.text == "2105" and len(cell.paragraphs[0].runs) == 4


def test_section_headings_numbered_by_word(tmp_path: Path) -> None:
    made = round_trip(tmp_path, "yunling-2024", Office(auto_numbering=True))
    texts = [p.text for p in docx.Document(str(made)).paragraphs]
    assert "总体情况" in texts and "一、总体情况" not in texts


def test_table_inside_a_text_box(tmp_path: Path) -> None:
    made = round_trip(tmp_path, "lanzhou-2024", Office(text_box=True))
    document = docx.Document(str(made))
    assert len(document.tables) == 2  # table 3 is not in the body: it is in the text box
    assert len(document.element.body.findall(".//" + docx.oxml.ns.qn("w:txbxContent"))) == 2


def test_merged_cells_split_again(tmp_path: Path) -> None:
    made = round_trip(tmp_path, "qingxi-amr-2020", Office(split_cells=True))
    row = docx.Document(str(made)).tables[0].rows[2]  # 规章: three numbers in six cells
    assert len({id(c._tc) for c in row.cells}) == 7


def test_everything_at_once(tmp_path: Path) -> None:
    round_trip(tmp_path, "yunling-2024", Office(split_runs=True, auto_numbering=True,
                                                 text_box=True, split_cells=True))
