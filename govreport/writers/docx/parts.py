"""The package parts we write ourselves instead of keeping python-docx's defaults: styles,
font table, settings and app properties.

python-docx's default parts point East Asian text at a Japanese theme font, carry rsids, a
thumbnail and "Microsoft Macintosh Word"; ours name the official Chinese fonts, in schema
order, with nothing else. Word's style names are this writer's business, not the layout's.
"""

from __future__ import annotations

from govreport.fonts.families import OFFICIAL_FAMILY
from govreport.layout.document import Document
from govreport.layout.style import (
    CELL_PADDING_MM,
    CONDENSE_PT,
    TABLE_LINE_PT,
    TABLE_PT,
    CellStyle,
    ParagraphStyle,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LATIN_FONT = "Times New Roman"

# Families to fall back to where the official one is missing (Windows ≥ Vista has 仿宋/楷体, not
# the _GB2312 fonts), and what kind of face each is, for the font table.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
FONT_TABLE_FAMILY = {"黑体": "modern", "宋体": "auto"}

# Condense 3号 text by 0.25 pt (w:spacing -5) so 28 characters fill 156 mm (typography §2.3).
CONDENSE_TWENTIETHS = -round(CONDENSE_PT * 20)
CHAR_TWIPS = 315  # one condensed 3号 character, the twips fallback for *Chars indents


def twips(pt: float) -> int:
    return round(pt * 20)


def twips_mm(mm: float) -> int:
    return round(mm * 1440 / 25.4)


CELL_PADDING_TWIPS = twips_mm(CELL_PADDING_MM)  # 57: two 五号 characters fit 10.4 mm

# Hanging punctuation. ISO/IEC 29500 17.3.1.21: overflowPunct on (also when omitted) lets a
# line-final ，。 extend one character past the margin — Word's default. LibreOffice's importer
# inverts the value (writerfilter: IS_HANGING_PUNCTUATION = val == 0), so val="1" is the one
# setting under which LibreOffice, like our PDF, never sets punctuation outside the 版心, while
# Word keeps its usual behaviour. Measured: with val="0" LibreOffice lines reach 189.7 mm (the
# 版心 ends at 184 mm); with val="1" none passes 184.1 mm.
OVERFLOW_PUNCT = '<w:overflowPunct w:val="1"/>'

PAGE_NUMBER_STYLE = ("GovPageNumber", "页码")

# The paragraph styles' names in Word's style list (what a clerk sees), by layout style key.
STYLE_NAMES = {
    "title": "公文标题", "body": "公文正文", "heading1": "一级标题", "heading2": "二级标题",
    "heading3": "三级标题", "heading4": "四级标题", "table_title": "表格标题",
    "attachment_note": "附件说明", "attachment_label": "附件标识", "signoff": "署名",
    "date": "成文日期",
}


def style_name(key: str) -> str:
    """A layout paragraph style's name in Word (a style another format adds keeps its key)."""
    return STYLE_NAMES.get(key, key)


def cell_style_id(style: CellStyle) -> str:
    """The Word paragraph style of table cells set in `style`'s font role and alignment:
    GovTableHeader (表头 黑体), GovTableCenter, GovTableLeft."""
    header = style.font == "heading1"
    align = "" if header and style.align == "center" else style.align.capitalize()
    return f"GovTable{'Header' if header else ''}{align}"


def _cell_style_name(style: CellStyle) -> str:
    if style.font == "heading1":
        return "表格表头" if style.align == "center" else f"表格表头（{_ALIGN_NAMES[style.align]}）"
    return "表格文字" if style.align == "left" else f"表格文字{_ALIGN_NAMES[style.align]}"


_ALIGN_NAMES = {"center": "居中", "left": "左对齐", "right": "右对齐"}


def family(role: str) -> str:
    return OFFICIAL_FAMILY[role]


def style_id(key: str) -> str:
    """ASCII style ids (Word's own convention); the Chinese name is what clerks see."""
    return "Gov" + "".join(part.capitalize() for part in key.split("_"))


def char_style_id(role: str) -> str:
    return style_id(f"font_{role}")


def _rfonts(east_asia: str, latin: str = LATIN_FONT) -> str:
    return (f'<w:rFonts w:ascii={quoteattr(latin)} w:eastAsia={quoteattr(east_asia)} '
            f'w:hAnsi={quoteattr(latin)} w:cs={quoteattr(latin)} w:hint="eastAsia"/>')


def _half_points(pt: float) -> str:
    v = round(pt * 2)
    return f'<w:sz w:val="{v}"/><w:szCs w:val="{v}"/>'


def _indent_xml(left_chars: float, first_chars: float) -> str:
    """w:ind in hundredths of a character, with twips for applications without *Chars."""
    attrs = []
    if left_chars:
        attrs.append(f'w:leftChars="{round(left_chars * 100)}" w:left="{round(left_chars * CHAR_TWIPS)}"')
    if first_chars < 0:
        attrs.append(f'w:hangingChars="{round(-first_chars * 100)}" w:hanging="{round(-first_chars * CHAR_TWIPS)}"')
    elif first_chars:
        attrs.append(f'w:firstLineChars="{round(first_chars * 100)}" w:firstLine="{round(first_chars * 320)}"')
    return f'<w:ind {" ".join(attrs)}/>'


def _paragraph_style(key: str, s: ParagraphStyle) -> str:
    ppr = ["<w:pPr>"]
    if s.keep_with_next:
        ppr.append("<w:keepNext/>")
    ppr.append('<w:widowControl w:val="0"/>')
    ppr.append(OVERFLOW_PUNCT)
    if not s.on_grid:
        # Off the line grid: LibreOffice otherwise sets every line of a grid-snapping paragraph
        # on the 28.95 pt pitch, ignoring the exact spacing (measured: the 2号 title's 35 pt
        # lines came out 10.2 mm apart), while Word gives exact spacing precedence.
        ppr.append('<w:snapToGrid w:val="0"/>')
    ppr.append(f'<w:spacing w:before="0" w:after="0" w:line="{twips(s.line_pt)}" w:lineRule="exact"/>')
    if s.left_indent_chars or s.first_indent_chars:
        ppr.append(_indent_xml(s.left_indent_chars, s.first_indent_chars))
    ppr.append(f'<w:jc w:val="{_JC[s.align]}"/>')
    if s.outline_level is not None:
        ppr.append(f'<w:outlineLvl w:val="{s.outline_level}"/>')
    ppr.append("</w:pPr>")
    rpr = ["<w:rPr>", _rfonts(family(s.font))]
    if s.condensed:
        rpr.append(f'<w:spacing w:val="{CONDENSE_TWENTIETHS}"/>')
    rpr.append(_half_points(s.size_pt))
    rpr.append("</w:rPr>")
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id(key)}">'
            f'<w:name w:val="{style_name(key)}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
            + "".join(ppr) + "".join(rpr) + "</w:style>")


_JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}


def _cell_style(style: CellStyle) -> str:
    font, align = style.font, style.align
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{cell_style_id(style)}">'
            f'<w:name w:val="{_cell_style_name(style)}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
            f'<w:pPr><w:widowControl w:val="0"/>{OVERFLOW_PUNCT}<w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{twips(TABLE_LINE_PT)}" w:lineRule="exact"/>'
            f'<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{_JC[align]}"/></w:pPr>'
            f'<w:rPr>{_rfonts(family(font))}{_half_points(TABLE_PT)}</w:rPr></w:style>')


def _char_style(role: str) -> str:
    return (f'<w:style w:type="character" w:customStyle="1" w:styleId="{char_style_id(role)}">'
            f'<w:name w:val="{family(role)}字体"/><w:basedOn w:val="DefaultParagraphFont"/>'
            f'<w:rPr>{_rfonts(family(role))}</w:rPr></w:style>')


def styles_xml(document: Document) -> str:
    """styles.xml: a Word paragraph style per layout paragraph style and per kind of table
    cell (font role and alignment, in the order the document's cell styles name them), the
    page numbers' style and a character style per font role."""
    paragraph_styles = document.paragraph_styles
    body = paragraph_styles["body"]
    styles = [
        '<w:docDefaults><w:rPrDefault><w:rPr>', _rfonts(family("body")), _half_points(body.size_pt),
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>',
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="'
        f'{twips(body.line_pt)}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>',
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        '<w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
        'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        f'<w:left w:w="{CELL_PADDING_TWIPS}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        f'<w:right w:w="{CELL_PADDING_TWIPS}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '</w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ]
    styles += [_paragraph_style(key, s) for key, s in paragraph_styles.items()]
    styles += [_cell_style(c) for c in dict.fromkeys(document.cell_styles.values())]
    numbers = document.page_numbers
    sid, name = PAGE_NUMBER_STYLE
    styles.append(
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        # 宋体 in every slot: 7.5 asks for 宋体 half-width digits, and the 一字线 (U+2014) is
        # set in the hAnsi font — with Times New Roman there, LibreOffice drew the dashes in
        # Liberation Serif (measured), thin and low beside the 宋体 of a Chinese page.
        f'<w:rPr>{_rfonts(family(numbers.font), family(numbers.font))}'
        f'{_half_points(numbers.size_pt)}</w:rPr></w:style>')
    styles += [_char_style(role) for role in OFFICIAL_FAMILY]
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
            + "".join(styles) + "</w:styles>")


def font_table_xml() -> str:
    fonts = []
    for name in dict.fromkeys([*OFFICIAL_FAMILY.values(), LATIN_FONT]):
        alt = f'<w:altName w:val="{ALT_NAMES[name]}"/>' if name in ALT_NAMES else ""
        if name == LATIN_FONT:
            fonts.append(f'<w:font w:name="{name}"><w:panose1 w:val="02020603050405020304"/>'
                         '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
            continue
        kind = FONT_TABLE_FAMILY.get(name, "roman" if "宋" in name or "仿" in name else "script" if "楷" in name else "auto")
        fonts.append(f'<w:font w:name={quoteattr(name)}>{alt}<w:charset w:val="86"/>'
                     f'<w:family w:val="{kind}"/><w:pitch w:val="fixed"/></w:font>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">'
            + "".join(fonts) + "</w:fonts>")


def settings_xml() -> str:
    """Minimal settings: odd/even footers, no punctuation compression, zh-CN, Word 2010 layout."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/>'
        '<w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="14"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def app_xml(company: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>govreport</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        f"<Company>{_escape(company)}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes (xml.sax.saxutils would import urllib)."""
    return '"' + _escape(text).replace('"', "&quot;") + '"'
