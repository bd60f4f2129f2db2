"""`--to html`: one self-contained page for a government website's 信息公开年报 column —
the 政府网站 meta tags, the document's structure, every table the DOCX's cell for cell, a print
stylesheet — read back with lxml.html, as another program would read it."""

from __future__ import annotations

import re

import lxml.html
import pytest

import govreport
from govreport.layout.build import build_document
from govreport.writers.html import HtmlWriter
from tests.conftest import GOV_2021, GOV_2021_CITY, LEGACY
from tests.support.outputs import (
    CASE_IDS,
    CASES,
    FIXTURES,
    case,
    docx_grids,
    html_grid,
    html_page,
)


def page(path):
    return lxml.html.fromstring(html_page(path))


def meta(tree) -> dict[str, str]:
    return {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}


def render(path) -> bytes:
    return HtmlWriter().render(build_document(govreport.load(path)))


# --- head ----------------------------------------------------------------------------------

def test_the_page_is_utf8_chinese_with_a_viewport():
    data = html_page(GOV_2021)
    assert data.startswith(b'<!DOCTYPE html>\n<html lang="zh-CN">')
    tree = page(GOV_2021)
    assert tree.find(".//meta[@charset]").get("charset") == "utf-8"
    assert "width=device-width" in meta(tree)["viewport"]


def test_the_government_website_meta_tags_name_title_date_organ_and_column():
    tags = meta(page(GOV_2021))
    assert tags["ArticleTitle"] == "青溪县云岭镇人民政府2024年政府信息公开工作年度报告"
    assert tags["PubDate"] == "2025-01-20 09:00"
    assert tags["ContentSource"] == "青溪县云岭镇人民政府"
    assert tags["Keywords"] == "政府信息公开,年度报告,2024年度"
    assert tags["Description"].startswith("青溪县云岭镇人民政府2024年政府信息公开工作年度报告：一、总体情况；")
    assert tags["Description"].endswith("六、其他需要报告的事项。")
    assert tags["ColumnName"] == tags["ColumnType"] == "信息公开年报"
    assert page(GOV_2021).findtext(".//title") == tags["ArticleTitle"]


def test_site_tags_come_from_the_publish_block():
    tags = meta(page(GOV_2021_CITY))
    assert (tags["SiteName"], tags["SiteDomain"], tags["SiteIDCode"]) == (
        "澜州市人民政府门户网站", "www.lanzhou.example", "3699000001")


def test_site_tags_are_left_out_when_the_input_has_no_publish_block():
    assert not {"SiteName", "SiteDomain", "SiteIDCode"} & set(meta(page(GOV_2021)))


def test_a_site_tag_the_block_leaves_out_is_left_out(variant):
    v = variant(GOV_2021, ("signoff:\n", "publish:\n  site_name: 青溪县人民政府门户网站\nsignoff:\n"))
    tags = meta(lxml.html.fromstring(render(v.path)))
    assert tags["SiteName"] == "青溪县人民政府门户网站"
    assert "SiteDomain" not in tags and "SiteIDCode" not in tags


def test_without_a_signoff_there_is_no_publication_date(variant):
    v = variant(GOV_2021, ("signoff:\n  date: 2025-01-20\n", ""))
    tags = meta(lxml.html.fromstring(render(v.path)))
    assert "PubDate" not in tags and tags["ArticleTitle"]


def test_the_contentsource_is_the_organ_even_when_an_office_signs(variant):
    tags = meta(page(GOV_2021_CITY))
    assert tags["ContentSource"] == "澜州市人民政府"  # signed by 澜州市人民政府办公室


def test_the_page_loads_nothing_and_runs_nothing():
    data = html_page(GOV_2021_CITY).decode("utf-8")
    tree = page(GOV_2021_CITY)
    assert tree.find(".//script") is None and tree.find(".//link") is None
    assert not [el for el in tree.iter() if el.get("src") or el.get("href")]
    assert "url(" not in data and "@import" not in data and "@font-face" not in data


def test_everything_the_clerk_wrote_is_escaped(variant):
    hostile = '<script>alert("x")</script> & 〈a href="y"〉'
    v = variant(GOV_2021, ("organ: 青溪县云岭镇人民政府", f"organ: '{hostile}'"),
                ("      text: 本年度未收取政府信息公开信息处理费。",
                 f"      text: '{hostile}'"))
    data = render(v.path).decode("utf-8")
    assert "<script>" not in data and 'href="y"' not in data
    tree = lxml.html.fromstring(data)
    assert tree.find(".//script") is None
    assert hostile in "".join(tree.find(".//h1").itertext())
    assert meta(tree)["ContentSource"] == hostile
    assert any(p.text_content().endswith(hostile) for p in tree.iter("p"))


# --- structure -----------------------------------------------------------------------------

def test_title_sections_and_subheadings_are_h1_h2_h3():
    tree = page(GOV_2021)
    (h1,) = tree.findall(".//h1")
    assert [t.strip() for t in h1.itertext()] == ["青溪县云岭镇人民政府", "2024年政府信息公开工作年度报告"]
    assert [h.text_content() for h in tree.iter("h2")] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert [h.text_content() for h in tree.iter("h3")][:2] == ["（一）主动公开", "（二）依申请公开"]


def test_deeper_headings_are_h4_and_h5(variant):
    v = variant(GOV_2021, ("    - heading: 监督保障\n      body: |\n        ",
                           "    - heading: 监督保障\n      body:\n        - heading: 组织保障\n"
                           "          body:\n            - heading: 领导小组\n              body: |\n"
                           "                "))
    tree = lxml.html.fromstring(render(v.path))
    assert [h.text_content() for h in tree.iter("h4")] == ["1.组织保障"]
    assert [h.text_content() for h in tree.iter("h5")] == ["（1）领导小组"]


def test_a_run_in_lead_is_a_strong_in_its_heading_font():
    tree = page(GOV_2021)
    lead = next(s for s in tree.iter("strong") if "存在的主要问题" in s.text_content())
    assert lead.text_content() == "（一）存在的主要问题。"
    assert lead.get("class") == "f-heading2"
    assert lead.getparent().text_content().startswith("（一）存在的主要问题。一是部分村务公开栏")


def test_the_signoff_is_right_aligned_with_its_indents():
    tree = page(GOV_2021)
    (block,) = tree.find_class("signoff-block")
    assert block.findtext(".//p[@class='signoff']") == "青溪县云岭镇人民政府"
    assert block.findtext(".//p[@class='date']") == "2025年1月20日"
    css = tree.findtext(".//style")
    assert ".report .signoff-block { text-align: right;" in css
    assert "padding-right: 2em" in block.get("style")


def test_a_legacy_attachment_starts_a_printed_page_with_its_own_title():
    tree = page(FIXTURES / "legacy-stats-attachment.yaml")
    assert len(tree.find_class("page-break")) == 1
    (title,) = tree.find_class("attachment-title")
    assert title.tag == "h1" and title.text_content() == "青溪县人力资源和社会保障局2016年政府信息公开情况统计表"
    assert "@media print" in tree.findtext(".//style")
    assert ".report .page-break { break-before: page;" in tree.findtext(".//style")


# --- tables --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_every_table_is_the_docx_table_cell_for_cell(path):
    tables = page(path).findall(".//table")
    expected = docx_grids(path)
    assert len(tables) == len(expected)
    for table, grid in zip(tables, expected, strict=True):
        assert html_grid(table) == grid


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_header_rows_are_the_thead_and_every_th_has_a_scope(path):
    document = case(path).document
    for table, layout in zip(page(path).findall(".//table"), document.tables(), strict=True):
        head = table.find("thead")
        assert (len(head.findall("tr")) if head is not None else 0) == layout.header_rows
        assert table.findtext("caption") == layout.title
        scopes = {th.get("scope") for th in table.iter("th")}
        assert scopes <= {"col", "colgroup", "row", "rowgroup"} and None not in scopes


def test_table3_spans_and_not_applicable_cells():
    tree = page(GOV_2021)
    t2, t3, _ = tree.findall(".//table")
    assert [td.text_content() for td in t2.findall(".//tbody")[0].iter("td")][:3] == ["/", "/", "/"]
    group = next(th for th in t3.iter("th") if th.text_content() == "三、本年度办理结果")
    assert (group.get("rowspan"), group.get("scope")) == ("22", "row")
    head = next(th for th in t3.iter("th") if th.text_content() == "申请人情况")
    assert (head.get("colspan"), head.get("scope")) == ("7", "colgroup")
    note = t3.find(".//thead/tr/td")
    assert note.text_content().startswith("（本列数据的勾稽关系为")
    assert (note.get("rowspan"), note.get("colspan")) == ("3", "3")


def test_table2_blocks_are_row_groups_headed_by_their_article():
    t2 = page(GOV_2021).findall(".//table")[0]
    bodies = t2.findall("tbody")
    assert [b.find("tr/th").text_content() for b in bodies] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert all(b.find("tr/th").get("scope") == "rowgroup" for b in bodies)


def test_an_amount_keeps_its_places_and_numbers_do_not_wrap():
    tree = page(GOV_2021_CITY)
    assert "24252.311082" in [td.text_content() for td in tree.iter("td")]
    assert ".report td.num { white-space: nowrap; }" in tree.findtext(".//style")


def test_tables_scroll_inside_their_box_and_keep_their_printed_proportions():
    tree = page(GOV_2021)
    css = tree.findtext(".//style")
    assert ".report .table-box { max-width: 100%; overflow-x: auto;" in css
    t3 = tree.findall(".//table")[1]
    assert t3.getparent().get("class") == "table-box"
    widths = [float(re.search(r"([\d.]+)%", col.get("style")).group(1)) for col in t3.iter("col")]
    assert widths[:3] == [5.769, 11.218, 33.654] and sum(widths) == pytest.approx(100, abs=0.01)
    assert t3.get("style") == "min-width: 42.11em"  # 156 mm at 五号


# --- print and fonts -----------------------------------------------------------------------

def test_the_print_stylesheet_sets_a4_margins_and_keeps_rows_whole():
    css = page(GOV_2021).findtext(".//style")
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in css
    assert "  .report tr { break-inside: avoid; }" in css
    assert "font-size: 16pt" in css  # 3号 on paper


def test_fonts_are_named_officially_first_with_fallbacks_and_no_web_fonts():
    css = page(GOV_2021).findtext(".//style")
    assert '--font-body: "仿宋_GB2312", "FangSong_GB2312"' in css
    assert '"FandolFang", serif' in css
    assert '--font-heading1: "黑体", "SimHei"' in css
    assert css.count("sans-serif") == 1


# --- bytes ---------------------------------------------------------------------------------

def test_the_same_document_gives_the_same_bytes():
    assert render(LEGACY) == render(LEGACY)
    assert render(GOV_2021_CITY) == html_page(GOV_2021_CITY)


def test_build_writes_the_page_beside_the_docx(tmp_path):
    results = govreport.build([GOV_2021], tmp_path, outputs=("docx", "html"), jobs=1)
    (result,) = results
    assert result.ok, result.findings
    assert sorted(o.path.name for o in result.outputs) == ["yunling-2024.docx", "yunling-2024.html"]
    assert (tmp_path / "yunling-2024.html").read_bytes() == html_page(GOV_2021)
