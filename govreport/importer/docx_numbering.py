"""Word's automatic list numbering, rendered as the text Word shows.

Headings in an office's DOCX are often numbered by Word (一、 （一） 1. from a multilevel
list) rather than typed, so the numbers are not in the paragraph text. They are rebuilt from
`numbering.xml`: each paragraph's list (its own `numPr` or its style's) and level, the
level's format (chineseCounting → 一, decimal → 1, …), its text pattern (`%1、`, `（%1）`) and
start, with counters that run on through a list and restart deeper levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.numbering import chinese_numeral

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Levels of each list (by numId) and the counters as the document is read."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return cls()
        abstract: dict[str, dict[int, _Level]] = {}
        for a in root.iter(q("abstractNum")):
            levels = {}
            for lvl in a.iter(q("lvl")):
                ilvl = int(lvl.get(q("ilvl"), "0"))
                fmt = lvl.find(q("numFmt"))
                text = lvl.find(q("lvlText"))
                start = lvl.find(q("start"))
                levels[ilvl] = _Level(fmt.get(q("val"), "decimal") if fmt is not None else "decimal",
                                      text.get(q("val"), "") if text is not None else "",
                                      int(start.get(q("val"), "1")) if start is not None else 1)
            abstract[a.get(q("abstractNumId"), "")] = levels
        out = cls()
        for num in root.iter(q("num")):
            num_id = num.get(q("numId"), "")
            ref = num.find(q("abstractNumId"))
            if ref is None:
                continue
            out.levels[num_id] = abstract.get(ref.get(q("val"), ""), {})
            for override in num.iter(q("lvlOverride")):
                start = override.find(q("startOverride"))
                if start is not None:
                    out.starts[(num_id, int(override.get(q("ilvl"), "0")))] = int(
                        start.get(q("val"), "1"))
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of list `num_id` at level `ilvl`, as Word prints it."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = self.starts.get((num_id, ilvl), levels[ilvl].start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl].text
        for k in range(ilvl, -1, -1):
            if k in levels:
                value = counters.get(k, self.starts.get((num_id, k), levels[k].start))
                text = text.replace(f"%{k + 1}", _format(value, levels[k].fmt))
        return "" if levels[ilvl].fmt in ("bullet", "none") else text


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified" and n < 10:
        return _LEGAL[n]
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen":
        return f"（{n}）"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - 0x30 + 0xFF10) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def paragraph_list(p, style_chain) -> tuple[str, int] | None:
    """The list (numId, level) a paragraph is numbered in: its own numPr, else its style's."""
    for pr in [p.find(q("pPr")), *[s.element.find(q("pPr")) for s in style_chain]]:
        if pr is None:
            continue
        num_pr = pr.find(q("numPr"))
        if num_pr is None:
            continue
        num = num_pr.find(q("numId"))
        lvl = num_pr.find(q("ilvl"))
        num_id = num.get(q("val"), "0") if num is not None else "0"
        if num_id == "0":
            return None
        return num_id, int(lvl.get(q("val"), "0")) if lvl is not None else 0
    return None
