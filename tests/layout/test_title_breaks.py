"""Title lines break between words (GB/T 9704-2012 7.3.1), never inside one.

The titles are those of real published reports that a character-count split cut at their
middle (淮安市人民政府2024年政 / 府…, …办公 / 厅…, …税务 / 局…).
"""

from __future__ import annotations

import pytest

import govreport
from govreport.layout.build import TITLE_CHARS_PER_LINE, build_document
from govreport.layout.style import text_width
from govreport.layout.titlebreak import title_lines
from tests.conftest import GOV_2021, LEGACY

WIDTH = TITLE_CHARS_PER_LINE


@pytest.mark.parametrize(("title", "organ", "lines"), [
    ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府",
     ["淮安市人民政府", "2024年政府信息公开工作年度报告"]),
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅",
     ["2019年上海市人民政府办公厅", "政府信息公开工作年度报告"]),
    ("平潭综合实验区地方税务局2013年信息公开年度报告", "平潭综合实验区地方税务局",
     ["平潭综合实验区地方税务局", "2013年信息公开年度报告"]),
    ("青溪县市场监督管理局2024年度政府信息公开工作年度报告", "青溪县市场监督管理局",
     ["青溪县市场监督管理局", "2024年度政府信息公开工作年度报告"]),
])
def test_a_title_breaks_after_the_organ_name(title, organ, lines):
    assert title_lines(title, WIDTH, organ) == lines


def test_the_organ_is_found_by_the_year_and_designation_when_the_title_names_it_otherwise():
    # The clerk's organ is 平潭综合实验区地方税务局; the title abbreviates it.
    assert title_lines("平潭实验区地方税务局2013年政府信息公开工作年度报告", WIDTH,
                       "平潭综合实验区地方税务局") == [
        "平潭实验区地方税务局", "2013年政府信息公开工作年度报告"]


def test_an_organ_name_too_long_for_a_line_breaks_between_its_own_words():
    organ = "中国（青溪）自由贸易试验区澜江片区管理委员会"
    assert title_lines(f"{organ}2023年政府信息公开工作年度报告", WIDTH, organ) == [
        "中国（青溪）自由贸易试验区", "澜江片区管理委员会", "2023年政府信息公开工作年度报告"]


@pytest.mark.parametrize(("organ", "words"), [
    ("青溪县住房和城乡建设局", ["青溪县", "住房和城乡建设局"]),  # not 城乡 / 建设局
    ("青溪县城市管理局", ["青溪县", "城市管理局"]),  # not 城市 / 管理局
    ("镇江市市场监督管理局", ["镇江市", "市场监督管理局"]),  # not 镇 / 江市, 市 / 场
    ("济南市市中区人民政府办公室", ["济南市", "市中区", "人民政府", "办公室"]),
    ("中共青溪县委宣传部", ["中共青溪县委", "宣传部"]),
])
def test_organ_words_are_found_at_place_levels_and_kinds_of_organ(organ, words):
    # Narrow lines force a break between every two words, and only there.
    width = max(text_width(w) for w in words)
    assert title_lines(organ, width, organ) == words


def test_the_year_stays_with_the_designation_it_dates():
    lines = title_lines("青溪县云岭镇人民政府2024年政府信息公开工作年度报告", WIDTH,
                        "青溪县云岭镇人民政府")
    assert lines == ["青溪县云岭镇人民政府", "2024年政府信息公开工作年度报告"]


def test_a_title_that_fits_stays_on_one_line():
    assert title_lines("青溪县2024年政府信息公开工作年度报告", WIDTH, "青溪县") == [
        "青溪县2024年政府信息公开工作年度报告"]


def test_a_title_without_word_boundaries_is_still_cut_evenly_between_characters():
    text = "关于进一步做好基层标准化规范化建设试点工作的情况说明和下一步打算"
    lines = title_lines(text, WIDTH)
    assert "".join(lines) == text and len(lines) == 2
    assert abs(text_width(lines[0]) - text_width(lines[1])) <= 1


def title_of(path, tmp_path, **replace) -> list[str]:
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new, 1)
    source = tmp_path / path.name
    source.write_text(text, encoding="utf-8")
    document = build_document(govreport.load(source))
    return [p.text for p in document.paragraphs() if p.style == "title"]


def test_a_title_written_as_one_string_is_broken_between_words(tmp_path):
    lines = title_of(GOV_2021, tmp_path, **{
        "year: 2024\n": "year: 2024\ntitle: 青溪县云岭镇人民政府2024年政府信息公开工作年度报告\n"})
    assert lines == ["青溪县云岭镇人民政府", "2024年政府信息公开工作年度报告"]


def test_the_default_title_breaks_like_the_same_title_written_out(tmp_path):
    assert title_of(GOV_2021, tmp_path) == ["青溪县云岭镇人民政府", "2024年政府信息公开工作年度报告"]


def test_a_title_given_as_a_list_of_lines_is_kept_as_given(tmp_path):
    assert title_of(LEGACY, tmp_path) == ["泉阳镇人民政府", "2018年政府信息公开年度报告"]
    lines = title_of(LEGACY, tmp_path, **{"  - 泉阳镇人民政府\n  - 2018年政府信息公开年度报告":
                                          "  - 泉阳镇人民政府2018年\n  - 政府信息公开年度报告"})
    assert lines == ["泉阳镇人民政府2018年", "政府信息公开年度报告"]
