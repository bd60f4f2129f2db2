"""Web pages as site CMSs publish a report: the encodings, the page around the article, old
markup. Each is a CMS page of an example with one habit changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govreport.importer import ImportFailure, import_report
from govreport.importer.html_reader import decode
from tests.importer.cms import cms_page
from tests.importer.conftest import example, imported, layout_of
from tests.importer.equivalence import first_difference, printed


def page_of(stem: str, encoding: str = "utf-8") -> str:
    return cms_page(layout_of(example(stem)), encoding).decode(
        "gb18030" if encoding == "gbk" else encoding)


def assert_round_trip(tmp_path: Path, stem: str, html: str, encoding: str = "utf-8") -> None:
    page = tmp_path / f"{stem}.html"
    page.write_bytes(html.encode("gb18030" if encoding == "gbk" else encoding))
    result, target = imported(page, tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    source = example(stem)
    assert printed(target) == printed(source), first_difference(printed(source), printed(target))


def test_gbk_page_without_a_charset_declaration(tmp_path: Path) -> None:
    html = re.sub(r'<meta http-equiv="Content-Type"[^>]*>', "", page_of("yunling-2024", "gbk"))
    assert "charset" not in html
    assert_round_trip(tmp_path, "yunling-2024", html, "gbk")


def test_declared_gb2312_is_read_as_gb18030() -> None:
    data = '<meta charset="gb2312"><p>澜州市人民政府·𠀾</p>'.encode("gb18030")
    assert "𠀾" in decode(data)  # a character GB2312 lacks but GB18030 pages carry


def test_navigation_index_table_and_footer_stay_out(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(cms_page(layout_of(example("lanzhou-2024")), "utf-8"))
    text = import_report(page).text
    for chrome in ("当前位置", "索引号", "打印本页", "ICP", "网站标识码"):
        assert chrome not in text


def test_empty_cells_written_nbsp_are_reported_empty(tmp_path: Path) -> None:
    html = page_of("yunling-2024")
    html = html.replace('<span style="font-size:10.5pt">1.2650</span>',
                        '<span style="font-size:10.5pt">&nbsp;</span>', 1)
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = import_report(page)
    [finding] = result.findings
    assert "第1个表格第14行第2列" in finding.message and "为空" in finding.message


def test_article_inside_a_layout_table(tmp_path: Path) -> None:
    html = page_of("qingxi-amr-2020")
    html = html.replace('<div class="article">', '<table width="100%"><tr><td class="article">')
    html = html.replace("</div></div>\n<div class=\"tools\">", "</div></td></tr></table>\n<div class=\"tools\">")
    assert html.count("<td class=\"article\">") == 1
    assert_round_trip(tmp_path, "qingxi-amr-2020", html)


def test_paragraphs_separated_by_line_breaks(tmp_path: Path) -> None:
    """Old editors put the whole text in one <p>, each paragraph after a <br>."""
    html = page_of("quanyang-2018")
    old = re.compile(r"<p>　　(.*?)</p>", re.S)
    html = old.sub(lambda m: f"<br>　　{m.group(1)}", html)
    assert html.count("<br>　　") > 20
    assert_round_trip(tmp_path, "quanyang-2018", html)


def test_page_without_text_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><script>location.href='/'</script></body></html>", "utf-8")
    with pytest.raises(ImportFailure, match="没有找到正文"):
        import_report(page)


def test_table_2_printed_as_four_small_tables(tmp_path: Path) -> None:
    """Some sites print table 2 as one small table per 第二十条 block (spec §7.7)."""
    from dataclasses import replace

    from govreport.layout import document as layout

    doc = layout_of(example("lanzhou-2024"))
    active = next(t for t in doc.tables() if t.name == "active")
    starts = sorted(c.row for c in active.cells if c.role == "caption")
    parts = []
    for first, end in zip(starts, [*starts[1:], active.n_rows], strict=True):
        cells = [replace(c, row=c.row - first) for c in active.cells if first <= c.row < end]
        parts.append(layout.Table(active.widths_mm, end - first, cells, 0,
                                  (False,) * (end - first), name="active"))
    at = doc.blocks.index(active)
    doc.blocks[at:at + 1] = parts
    page = tmp_path / "four.html"
    page.write_bytes(cms_page(doc, "utf-8"))
    assert page.read_text(encoding="utf-8").count("<table border") == 6
    result, target = imported(page, tmp_path)
    assert result.findings == [], [str(f) for f in result.findings]
    source = example("lanzhou-2024")
    assert printed(target) == printed(source), first_difference(printed(source), printed(target))


def test_incomplete_sign_off_date_is_reported(tmp_path: Path) -> None:
    html = page_of("yunling-2024").replace(">2025年1月20日<", ">2025年1月<")
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = import_report(page)
    assert result.report.signoff is None
    [finding] = result.findings
    assert finding.message.endswith("落款“青溪县云岭镇人民政府 2025年1月”中的日期不完整"
                                    "（应有年、月、日），没有导入，请填写")
    assert "- 青溪县云岭镇人民政府" not in result.text  # not taken for text of section 六
