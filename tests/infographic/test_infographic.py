"""The 图解 (`--to png`, `--to svg`): one long image 1080 px wide of the year's key figures,
in the report's resolved fonts, the same bytes for the same input."""

from __future__ import annotations

import io
import re
import sys

import pytest
from PIL import Image

from govreport.api import check_file, load, writers_for
from govreport.cli import main
from govreport.crossyear import load_previous
from govreport.fonts import resolved_fonts
from govreport.layout.build import build_document
from tests.conftest import EXAMPLES, GOV_2021, GOV_2021_CITY, GOV_2021_LONG_ORGAN, LEGACY
from tests.pdfout.conftest import LONG_STATS, output, run_govreport, user_free_env
from tests.support.examples import build_examples

SERIES_2022 = EXAMPLES / "series" / "qingxi-hrss-2022.yaml"
RARE = "\U0002a6a5"  # 𪚥, CJK Extension B: in no font a machine has here


def document(path):
    report = load(path)
    last = load_previous(report).report if report.previous else None
    return build_document(report, last)


@pytest.fixture(scope="module")
def png():
    (writer,) = writers_for(["png"])
    return writer


def texts(writer, path) -> list[str]:
    return [label.text for label in writer.picture(document(path)).labels()]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    return user_free_env(tmp_path_factory.mktemp("env"))


@pytest.fixture(scope="module")
def built(tmp_path_factory, env):
    """The PNG and SVG of every example, from one `govreport build --to png,svg`."""
    return build_examples(tmp_path_factory.mktemp("images"), env, ("png", "svg"))


# --- what it shows -------------------------------------------------------------------------

def test_the_title_is_the_reports_in_the_lines_the_document_breaks_it_into(png):
    shown = texts(png, GOV_2021_LONG_ORGAN)
    assert shown[:4] == ["中国（青溪）自由贸易试验区", "澜江片区管理委员会",
                         "2023年政府信息公开工作年度报告", "图解"]


def test_it_shows_the_key_figures_of_tables_2_3_and_4(png):
    shown = texts(png, GOV_2021_CITY)
    for expected in ("主动公开政府信息", "规章", "现行有效", "56件", "行政规范性文件", "214件",
                     "行政许可", "236418件", "行政处罚", "14862件", "行政强制", "583件",
                     "本年新收申请", "2846件", "上年结转", "132件",
                     "自然人", "法人或其他组织", "法律服务机构",
                     "办理结果", "2817件", "办结总计",
                     "行政复议", "50件", "行政诉讼", "49件", "结果维持 31", "尚未审结 11"):
        assert expected in shown, expected


def test_the_applicant_split_and_the_outcomes_carry_their_percentages(png):
    shown = texts(png, GOV_2021_CITY)
    assert "2105件  74.0%" in shown  # 自然人 of 2846 new applications
    assert "1112件  39.5%" in shown  # 予以公开 of 2817 outcomes
    assert "753件  26.7%" in shown  # 无法提供


def test_with_last_years_report_each_figure_says_how_it_changed(png):
    shown = texts(png, SERIES_2022)
    assert "比上年增加66件（+12.3%）" in shown  # 行政许可 538 → 604
    assert "比上年增加18件（+46.2%）" in shown  # 新收申请 39 → 57
    assert "比上年减少2件（−66.7%）" in shown  # 上年结转 3 → 1
    assert "与上年持平" in shown  # 行政复议 3 → 3


def test_without_last_years_report_no_change_is_stated(png):
    assert not any("比上年" in t or "持平" in t for t in texts(png, GOV_2021_CITY))


def test_the_source_and_the_sign_off_close_it(png):
    shown = texts(png, GOV_2021_CITY)
    assert shown[-2] == "数据来源：《澜州市人民政府2024年政府信息公开工作年度报告》"
    assert shown[-1] == "澜州市人民政府办公室　2025年3月20日"


def test_a_legacy_report_without_tables_shows_its_outline(png):
    shown = texts(png, LEGACY)
    assert "一、政务公开工作开展情况" in shown and "本报告未附统计表，详见报告正文。" in shown


def test_a_legacy_statistics_table_shows_its_rows(png):
    report = load(LONG_STATS)
    first = next(r for r in report.stats.rows if hasattr(r, "values"))
    assert first.label.value in texts(png, LONG_STATS)


def test_png_labels_are_drawn_in_the_reports_resolved_fonts(png):
    from govreport.writers.infographic import png as drawing

    drawing._faces.clear()
    png.render(document(GOV_2021_CITY))
    used = {(path, index) for path, index, _ in drawing._faces}
    fonts = resolved_fonts()
    assert used == {(str(fonts[role].path), fonts[role].index)
                    for role in ("title", "heading1", "body")}


def test_svg_labels_are_drawn_in_the_reports_resolved_fonts():
    from matplotlib import font_manager

    from govreport.writers.infographic.svg import families

    fonts = resolved_fonts()
    for role in ("title", "heading1", "body"):
        names = families(fonts, role)
        found = font_manager.fontManager.findfont(font_manager.FontProperties(family=[names[0]]),
                                                  fallback_to_default=False)
        assert found == str(fonts[role].path)
        assert len(names) == len(fonts[role].chain.fonts)  # the whole chain, for fallback


# --- the files -----------------------------------------------------------------------------

@pytest.mark.parametrize("stem", [p.stem for p in sorted(EXAMPLES.rglob("*.yaml"))])
def test_every_example_is_one_png_1080_px_wide(built, stem):
    image = Image.open(io.BytesIO(built[stem, "png"]))
    assert image.format == "PNG" and image.width == 1080 and image.height > 900
    assert image.info["Title"].endswith("（图解）") and image.info["Author"]


def test_the_png_has_no_time_stamp(built):
    assert b"tIME" not in built[GOV_2021.stem, "png"]


def test_the_svg_is_1080_px_wide_its_text_drawn_as_paths_and_undated(built):
    svg = built[GOV_2021.stem, "svg"].decode("utf-8")
    assert re.search(r'<svg [^>]*width="1080" height="\d+" viewBox=', svg)
    assert "<title>青溪县云岭镇人民政府2024年政府信息公开工作年度报告（图解）</title>" in svg
    assert "<text" not in svg and "<dc:date>" not in svg


def test_the_same_input_gives_the_same_png_and_svg_in_another_process(built, env, tmp_path):
    done = run_govreport(["build", str(SERIES_2022), "-o", str(tmp_path), "--to", "png,svg"],
                         env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for fmt in ("png", "svg"):
        again = output(tmp_path, SERIES_2022.stem, fmt).read_bytes()
        assert again == built[SERIES_2022.stem, fmt], fmt


def test_rendering_twice_in_one_process_gives_the_same_bytes(png):
    doc = document(GOV_2021)
    assert png.render(doc) == png.render(doc)


# --- problems ------------------------------------------------------------------------------

def test_a_character_no_font_has_is_a_glyph_error_for_the_image_at_its_position(variant):
    v = variant(GOV_2021, ("organ: 青溪县云岭镇人民政府", f"organ: 青溪县云岭{RARE}镇人民政府"))
    found = [f for f in check_file(v.path, outputs=("png",)).findings if f.rule == "GLYPH"]
    assert found and all(f.is_error for f in found)
    line, column = v.pos(RARE)
    assert (found[0].pos.line, found[0].pos.column) == (line, column)
    assert "图解" in found[0].message and "U+2A6A5" in found[0].message


@pytest.mark.parametrize(("output", "package", "install"), [("png", "PIL", "pillow"),
                                                            ("svg", "matplotlib", "matplotlib")])
def test_without_its_drawing_library_an_image_is_a_usage_error_saying_what_to_install(
        monkeypatch, tmp_path, capsys, output, package, install):
    monkeypatch.setitem(sys.modules, package, None)
    assert main(["build", str(GOV_2021), "-o", str(tmp_path), "--to", output]) == 2
    err = capsys.readouterr().err
    assert f"pip install '{install}" in err
    assert list(tmp_path.iterdir()) == []
