"""The running text of the DOCX: title, headings, body, sign-off and attachment, each in the font,
size, alignment and indent GB/T 9704-2012 gives it (typography.md §1.4–1.8)."""

from __future__ import annotations

import pytest

from govreport.layout.document import Blank, PageBreak, Paragraph, Signoff, Table
from tests.docx.ooxml import text_of, text_runs, w, wval

ALL = ("gov-2021", "gov-2019", "legacy", "legacy-stats", "legacy-attachment", "gov-2021-levels")

# The families Word and WPS users have (typography.md §4.1), by font role of the layout.
OFFICIAL = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体",
            "heading2": "楷体_GB2312"}


def body_elements(b) -> list[tuple[object, object]]:
    """(layout block, DOCX element) for every paragraph and table of the body, in order."""
    elements = [el for el in b.package.body if el.tag in (w("p"), w("tbl"))]
    pairs, i = [], 0
    for block in b.layout.blocks:
        if isinstance(block, PageBreak):
            continue
        n = block.lines if isinstance(block, Blank) else 2 if isinstance(block, Signoff) else 1
        for _ in range(n):
            pairs.append((block, elements[i]))
            i += 1
    assert i == len(elements)
    return pairs


def paragraphs(b, *kinds: type) -> list[tuple[object, object]]:
    return [(blk, el) for blk, el in body_elements(b) if isinstance(blk, kinds)]


def find(b, text: str, *, whole: bool = False):
    """The body paragraph whose text starts with (or, `whole`, is) `text`."""
    matches = [el for el in b.package.body.findall(w("p"))
               if (text_of(el) == text if whole else text_of(el).startswith(text))]
    assert len(matches) == 1, text
    return matches[0]


def fonts(b, p) -> list[tuple[str, str, float]]:
    """(text, East Asian family, size in pt) of every text run."""
    st = b.package.styles
    return [(text_of(r), st.east_asia_font(p, r), st.size_pt(p, r)) for r in text_runs(p)]


# --- fonts for every paragraph ---------------------------------------------------------------

@pytest.mark.parametrize("case", ALL)
def test_every_run_has_the_official_font_of_its_role(built, case):
    b = built(case)
    checked = 0
    for block, p in paragraphs(b, Paragraph):
        runs = [r for r in block.runs if r.text]
        size = 22.0 if block.style == "title" else 16.0
        expected = [(r.text, OFFICIAL[r.font], size) for r in runs]
        assert fonts(b, p) == expected, block.text
        checked += len(runs)
    assert checked > 10


@pytest.mark.parametrize("case", ALL)
def test_text_is_written_exactly_as_laid_out(built, case):
    for block, el in paragraphs(built(case), Paragraph):
        assert text_of(el) == block.text
    for block, el in paragraphs(built(case), Blank):
        assert text_of(el) == "" and not el.findall(w("r")), block


def test_headings_of_the_four_levels(built):
    b = built("gov-2021-levels")
    assert fonts(b, find(b, "一、总体情况")) == [("一、", "黑体", 16), ("总体情况", "黑体", 16)]
    assert fonts(b, find(b, "（五）监督保障")) == [("（五）", "楷体_GB2312", 16),
                                                  ("监督保障", "楷体_GB2312", 16)]
    assert fonts(b, find(b, "1.组织保障")) == [("1.", "仿宋_GB2312", 16),
                                              ("组织保障", "仿宋_GB2312", 16)]
    lead = fonts(b, find(b, "（1）领导小组。"))
    assert lead[:2] == [("（1）", "仿宋_GB2312", 16), ("领导小组。", "仿宋_GB2312", 16)]
    assert lead[2][0].startswith("调整镇政务公开") and lead[2][1:] == ("仿宋_GB2312", 16)


@pytest.mark.parametrize(("text", "level"), [
    ("一、总体情况", "0"), ("（五）监督保障", "1"), ("1.组织保障", "2"),
])
def test_headings_are_outline_levels_kept_with_the_next_line(built, text, level):
    b = built("gov-2021-levels")
    p = find(b, text)
    assert wval(b.package.styles.paragraph_property(p, "outlineLvl")) == level
    assert b.package.styles.paragraph_property(p, "keepNext") is not None


def test_run_in_lead_is_kaiti_and_its_text_fangsong(built):
    b = built("gov-2021")
    runs = fonts(b, find(b, "（一）存在的主要问题。"))
    assert runs[:2] == [("（一）", "楷体_GB2312", 16), ("存在的主要问题。", "楷体_GB2312", 16)]
    assert runs[2][0].startswith("一是部分村务公开栏") and runs[2][1] == "仿宋_GB2312"


def test_legacy_numbering_and_fonts(built):
    b = built("legacy")
    assert fonts(b, find(b, "一、政务公开工作开展情况"))[0] == ("一、", "黑体", 16)
    assert fonts(b, find(b, "（一）统一认识"))[0] == ("（一）", "楷体_GB2312", 16)
    assert fonts(b, find(b, "1、建立组织推进机制。"))[:2] == [
        ("1、", "仿宋_GB2312", 16), ("建立组织推进机制。", "仿宋_GB2312", 16)]


# --- title -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "lines"), [
    ("gov-2021", ["青溪县云岭镇人民政府", "2024年政府信息公开工作年度报告"]),
    ("gov-2019", ["青溪县市场监督管理局", "2020年政府信息公开工作年度报告"]),
    ("legacy", ["泉阳镇人民政府", "2018年政府信息公开年度报告"]),  # written as a list
    ("legacy-stats", ["青溪县人力资源和社会保障局", "2017年政府信息公开工作年度报告"]),
])
def test_title_lines_are_centred_2hao_xiaobiaosong(built, case, lines):
    b = built(case)
    body = [el for el in b.package.body if el.tag == w("p")]
    assert [text_of(p) for p in body[:len(lines)]] == lines
    styles = b.package.styles
    for p in body[:len(lines)]:
        assert {f[1:] for f in fonts(b, p)} == {("方正小标宋简体", 22)}
        assert wval(styles.paragraph_property(p, "jc")) == "center"
        spacing = styles.paragraph_property(p, "spacing")
        assert (wval(spacing, "line"), wval(spacing, "lineRule")) == ("700", "exact")  # 35 pt
        # off the 28.95 pt line grid, so that LibreOffice keeps the 35 pt lines as Word does
        assert wval(styles.paragraph_property(p, "snapToGrid")) == "0"
    first_body = body[len(lines)]
    assert text_of(first_body) == ""  # 空一行 under the title (7.3.1)


# --- body ------------------------------------------------------------------------------------

def test_body_is_justified_fangsong_3hao_indented_two_characters_on_the_grid(built):
    b = built("gov-2021")
    styles = b.package.styles
    p = find(b, "2024年，云岭镇坚持以公开为常态")
    assert wval(styles.paragraph_property(p, "jc")) == "both"
    ind = styles.paragraph_property(p, "ind")
    assert (wval(ind, "firstLineChars"), wval(ind, "firstLine")) == ("200", "640")
    spacing = styles.paragraph_property(p, "spacing")
    assert (wval(spacing, "line"), wval(spacing, "lineRule")) == ("579", "exact")  # 28.95 pt
    assert styles.paragraph_property(p, "snapToGrid") is None  # on the document grid
    assert {f[1:] for f in fonts(b, p)} == {("仿宋_GB2312", 16)}
    # 28 characters in 156 mm: every run condensed by 0.25 pt (typography.md §2.3)
    assert {styles.run_property(p, r, "spacing") for r in text_runs(p)} == {"-5"}
    # Autospace between ideographs and Latin words or digits is on (Word's default, what WPS
    # and LibreOffice always do, and what the PDF sets), so all four break lines alike.
    for prop in ("autoSpaceDE", "autoSpaceDN"):
        assert wval(styles.paragraph_property(p, prop)) in (None, "1", "true")


def test_runs_with_chinese_quotes_say_they_are_east_asian(built):
    """Word gives “” — … to the Latin font unless the run carries w:hint="eastAsia"."""
    b = built("gov-2021")
    p = find(b, "严格落实公文公开属性源头认定制度")
    (run,) = text_runs(p)
    assert "“" in text_of(run)
    assert wval(run.find(f"{w('rPr')}/{w('rFonts')}"), "hint") == "eastAsia"


# --- sign-off --------------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "organ", "date", "organ_chars", "date_chars"), [
    # 10-character organ: organ 2 字 from the right, the date's first character 2 字 right of
    # the organ's (GB/T 9704 7.3.5.2). The date is 6.5 字 of characters and, as set, five
    # autospaces of 0.2 字 beside its numbers: 2 + 10 − 2 − 7.5 = 2.5 字
    ("gov-2021", "青溪县云岭镇人民政府", "2025年1月20日", "200", "250"),
    ("gov-2019", "青溪县市场监督管理局", "2021年1月25日", "200", "250"),
    # 7-character organ: the date would end up under 2 字, so the date takes 2 字 and the organ
    # moves left: 7.5 + 4 − 7 = 4.5 字
    ("legacy", "泉阳镇人民政府", "2019年2月28日", "450", "200"),
])
def test_signoff_follows_the_unsealed_rule(built, case, organ, date, organ_chars, date_chars):
    b = built(case)
    ((_, organ_p), (_, date_p)) = paragraphs(b, Signoff)
    assert (text_of(organ_p), text_of(date_p)) == (organ, date)
    styles = b.package.styles
    for p, chars in ((organ_p, organ_chars), (date_p, date_chars)):
        assert wval(styles.paragraph_property(p, "jc")) == "right"
        ind = p.find(f"{w('pPr')}/{w('ind')}")
        assert wval(ind, "rightChars") == chars
        assert int(wval(ind, "right")) == round(int(chars) * 315 / 100)  # condensed 3号 字
        assert (wval(ind, "firstLineChars"), wval(ind, "firstLine")) == ("0", "0")
        assert {f[1:] for f in fonts(b, p)} == {("仿宋_GB2312", 16)}
    assert styles.paragraph_property(organ_p, "keepNext") is not None
    body = [el for el in b.package.body if el.tag in (w("p"), w("tbl"))]
    at = body.index(organ_p)
    assert text_of(body[at - 1]) == ""  # one blank line under the body
    assert text_of(body[at - 2]) != ""
    assert body[-1] is date_p  # nothing after the date


# --- statistics tables of legacy reports -----------------------------------------------------

def test_legacy_stats_table_follows_the_last_section_under_its_title(built):
    b = built("legacy-stats")
    pairs = body_elements(b)
    at = next(i for i, (blk, _) in enumerate(pairs) if isinstance(blk, Table))
    title = pairs[at - 1][1]
    assert text_of(title) == "政府信息公开情况统计表"
    assert wval(b.package.styles.paragraph_property(title, "jc")) == "center"
    assert {f[1:] for f in fonts(b, title)} == {("黑体", 16)}
    assert b.package.styles.paragraph_property(title, "keepNext") is not None
    assert text_of(pairs[at - 2][1]).startswith("一是政策解读不够通俗")  # the last section
    assert isinstance(pairs[at + 1][0], Blank) and isinstance(pairs[at + 2][0], Signoff)
    assert not b.package.body.findall(f".//{w('pageBreakBefore')}")


def test_attachment_note_under_the_body_and_the_table_on_a_new_page(built):
    b = built("legacy-attachment")
    texts = [text_of(el) if el.tag == w("p") else "<table>" for _, el in body_elements(b)]
    at = texts.index("附件：青溪县人力资源和社会保障局2016年政府信息公开情况统计表")
    assert texts[at - 2].startswith("一是政策解读不够通俗")
    assert texts[at - 1] == ""  # 7.3.4: one blank line under the body
    assert texts[at + 1:at + 4] == ["", "青溪县人力资源和社会保障局", "2017年3月6日"]
    assert texts[at + 4:] == ["附件", "", "青溪县人力资源和社会保障局", "2016年政府信息公开情况统计表",
                              "", "<table>"]
    note = find(b, "附件：")
    styles = b.package.styles
    indent = styles.paragraph_property(note, "ind")  # "附件：" 2 字 in, the name wraps under itself
    assert (wval(indent, "leftChars"), wval(indent, "hangingChars")) == ("500", "300")
    assert {f[1:] for f in fonts(b, note)} == {("仿宋_GB2312", 16)}
    label = find(b, "附件", whole=True)
    assert label.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None  # 另面编排
    assert [el for el in b.package.body.iter(w("pageBreakBefore"))] == [
        label.find(f"{w('pPr')}/{w('pageBreakBefore')}")]
    assert wval(styles.paragraph_property(label, "jc")) == "left"
    assert styles.paragraph_property(label, "ind") is None  # flush left, 3号黑体 (7.3.7)
    assert {f[1:] for f in fonts(b, label)} == {("黑体", 16)}
    for line in ("青溪县人力资源和社会保障局", "2016年政府信息公开情况统计表"):
        title = [el for el in b.package.body.findall(w("p")) if text_of(el) == line][-1]
        assert {f[1:] for f in fonts(b, title)} == {("方正小标宋简体", 22)}
        assert wval(styles.paragraph_property(title, "jc")) == "center"
