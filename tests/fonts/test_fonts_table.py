"""The `govreport fonts` table and `python -m govreport.fonts`."""

from __future__ import annotations

from govreport.fonts import (
    ROLES,
    format_resolution_table,
    resolution_table,
    resolve_fonts,
)
from govreport.fonts.__main__ import main
from govreport.textcols import display_width

FANGSONG_ZH = {"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}


def test_table_has_one_row_per_role_in_order():
    rows = resolution_table(resolve_fonts())

    assert [row["role"] for row in rows] == list(ROLES)


def test_rows_carry_chinese_labels_and_coverage(make_font, tmp_path):
    official = make_font("fs.ttf", family=FANGSONG_ZH)
    mine = make_font("mine.ttf", folder=tmp_path / "x", family="Mine", chars="政府")

    rows = {row["role"]: row for row in resolution_table(resolve_fonts({"title": mine}))}

    assert {k: v for k, v in rows["body"].items() if k != "chain"} == {
        "role": "body",
        "role_label": "正文",
        "official": "仿宋_GB2312",
        "family": "仿宋_GB2312",
        "file": str(official),
        "origin": "本机正式字体",
        "outline": "TrueType",
        "coverage": "6763/6763",
    }
    assert (rows["title"]["origin"], rows["title"]["coverage"]) == ("用户指定", "2/6763")
    assert rows["heading1"]["origin"] == "内置默认字体"


def test_substitute_origin_label(make_font):
    make_font("fandol.ttf", family="FandolFang")

    rows = {row["role"]: row for row in resolution_table(resolve_fonts())}

    assert rows["body"]["origin"] == "开源替代字体"


def test_collection_faces_show_their_index_in_the_file_column(make_collection):
    ttc = make_collection("k.ttc", [{"family": "X"}, {"family": "KaiTi"}])

    rows = {row["role"]: row for row in resolution_table(resolve_fonts())}

    assert rows["heading2"]["file"] == f"{ttc}#1"


def test_formatted_table_aligns_columns_for_chinese_text():
    text = format_resolution_table(resolution_table(resolve_fonts()))
    lines = text.splitlines()

    assert lines[0].split() == [
        "用途",
        "公文规定字体",
        "实际使用字体",
        "来源",
        "字形",
        "GB2312",
        "汉字",
        "文件",
    ]
    assert lines[2 + len(ROLES)] == ""  # then the chains, see test_fonts_chain_table.py
    file_column = display_width(lines[0]) - display_width("文件")
    for line in lines[2 : 2 + len(ROLES)]:
        prefix = line[: line.rindex(" ") + 1]
        assert display_width(prefix) == file_column


def test_module_entry_point_prints_the_table(capsys):
    assert main([]) == 0

    out = capsys.readouterr().out
    assert "内置默认字体" in out and "仿宋_GB2312" in out


def test_module_entry_point_reports_errors_in_chinese_without_traceback(capsys):
    assert main(["footer=/x.ttf"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert "Traceback" not in err
