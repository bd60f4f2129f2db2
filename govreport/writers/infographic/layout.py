"""Laying the key figures out as one long image 1080 px wide (what websites and 政务新媒体
post): a title band, then 主动公开, applications and their applicants, the outcomes as a ring
with percentages, 复议 and 诉讼 by result, and the source. With last year's report, each
figure says how it changed. The words are data (`templates/phrases/key-figures.yaml`); sizes
and colours are this picture's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from govreport.keyfigures import Cases, Figure, FigureGroup, KeyFigures, share, spec
from govreport.layout.style import char_width
from govreport.model import format_number
from govreport.writers.infographic.picture import Box, Label, Picture, Ring, Span

WIDTH = 1080
MARGIN = 60
INNER = WIDTH - 2 * MARGIN
GAP = 24  # between cards
PAD = 28  # inside a card

HEADER = "#174a8b"
BADGE = "#c8102e"
PAGE = "#ffffff"
CARD = "#f1f5fa"
INK = "#1f2a37"
MUTED = "#5b6776"
NUMBER = "#174a8b"
LIGHT = "#d5dde8"
ON_DARK = "#ffffff"
SERIES = ("#174a8b", "#4f8fd6", "#e0a526", "#d0463c", "#7d8b99", "#3f9c72")
RESULTS = ("#174a8b", "#3f9c72", "#e0a526", "#b8c2cc")


def em(text: str) -> float:
    """Estimated width in ems (a CJK character 1, a digit or Latin letter ½): for fitting."""
    return sum(char_width(ch) for ch in text) + 0.1 * sum(1 for ch in text if ch.isdigit())


def fit(text: str, size: float, width: float, smallest: float) -> float:
    """`size`, made smaller (not below `smallest`) until `text` fits `width`."""
    need = em(text) * size
    return size if need <= width else max(smallest, width / max(em(text), 0.1))


NO_LINE_START = set("，。、；：？！）》」』】〕…—”’%")


def wrap(text: str, size: float, width: float) -> list[str]:
    """`text` in lines that fit `width` at `size`, broken between characters (CJK text), a
    closing mark never starting a line (it takes the character before it along)."""
    lines, line = [], ""
    for ch in text:
        if line and em(line + ch) * size > width:
            carried = ""
            if ch in NO_LINE_START and len(line) > 1:
                line, carried = line[:-1], line[-1]
            lines.append(line)
            line = carried
        line += ch
    return [*lines, line] if line else lines


class Flow:
    """Shapes placed top to bottom: `y` is where the next one goes."""

    def __init__(self) -> None:
        self.picture = Picture(WIDTH, background=PAGE)
        self.y = 0.0
        self.words = spec()["phrases"]

    def add(self, *shapes: Box | Ring | Label) -> None:
        self.picture.shapes.extend(shapes)

    def text(self, x: float, y: float, text: str, size: float, color: str = INK,
             role: str = "heading1", align: str = "left", width: float | None = None) -> None:
        """One line of text; with `width`, made smaller to fit it."""
        if width is not None:
            size = fit(text, size, width, size * 0.5)
        self.add(Label(x, y, (Span(text, size, color),), role, align, width))

    def heading(self, text: str) -> None:
        self.y += 44
        self.add(Box(MARGIN, self.y, 10, 40, BADGE, 2))
        self.text(MARGIN + 26, self.y + 33, text, 36, width=INNER - 30)
        self.y += 40 + 24

    def card(self, x: float, y: float, w: float, h: float) -> None:
        self.add(Box(x, y, w, h, CARD, 16))

    def change(self, figure: Figure) -> str:
        """How the figure changed on last year, in words ("" without last year's)."""
        change, words = figure.change, self.words
        if change is None or figure.last is None:
            return ""
        if change == 0:
            return str(words["same"])
        amount = format_number(abs(change))
        if figure.last == 0:
            return str(words["increase_from_zero"]).format(amount=amount, unit=figure.unit)
        percent = share(abs(change), figure.last)
        key = "increase" if change > 0 else "decrease"
        return str(words[key]).format(amount=amount, unit=figure.unit, percent=percent)

    def value(self, figure: Figure) -> str:
        return str(self.words["not_applicable"]) if figure.value is None else \
            format_number(figure.value)

    def number(self, x: float, y: float, figure: Figure, size: float, align: str = "left",
               width: float | None = None) -> None:
        """The figure's number and unit on baseline `y`; 不适用 in words, smaller."""
        if figure.value is None:
            self.text(x, y, self.value(figure), size * 0.6, MUTED, align=align, width=width)
            return
        number = format_number(figure.value)
        if width is not None:
            size = fit(number + figure.unit, size, width, size * 0.4)
        self.add(Label(x, y, (Span(number, size, NUMBER),
                              Span(figure.unit, max(size * 0.4, min(26, size * 0.45)), MUTED)),
                       align=align, max_width=width))

    def tile(self, figure: Figure, x: float, w: float, y: float, number_px: float = 60) -> None:
        """A figure centred in a column: its label, its number and unit, its change."""
        centre = x + w / 2
        self.text(centre, y + 30, figure.label, 24, MUTED, align="center", width=w - 16)
        self.number(centre, y + 97, figure, number_px, "center", w - 24)
        words = self.change(figure)
        if words:
            self.text(centre, y + 133, words, 19, MUTED, align="center", width=w - 12)

    def tile_height(self, figures: Sequence[Figure]) -> float:
        return 150 if any(self.change(f) for f in figures) else 116


def lay_out(figures: KeyFigures, title_lines: Sequence[str],
            signoff: tuple[str, str] | None = None) -> Picture:
    """The picture of `figures` under the report's title (in the lines the document breaks
    it into); `signoff` is the sign-off organ and date, printed last."""
    flow = Flow()
    _header(flow, title_lines)
    if figures.stats or figures.outline:
        _legacy(flow, figures)
    else:
        _active(flow, figures.active)
        _applications(flow, figures)
        _outcomes(flow, figures)
        _remedies(flow, figures.remedies)
    _footer(flow, figures, signoff)
    flow.picture.height = round(flow.y)
    return flow.picture


def _header(flow: Flow, title_lines: Sequence[str]) -> None:
    """The title as the report prints it, its lines in one size, on a band; the 图解 badge."""
    size = min(fit(line, 50, INNER, 30) for line in title_lines)
    height = 70 + len(title_lines) * (size + 18) + 22 + 64 + 56
    flow.add(Box(0, 0, WIDTH, height, HEADER))
    y = 70.0
    for line in title_lines:
        y += size
        flow.text(WIDTH / 2, y, line, size, ON_DARK, role="title", align="center", width=INNER)
        y += 18
    y += 22
    badge = str(flow.words["badge"])
    badge_w = em(badge) * 40 + 72
    flow.add(Box(WIDTH / 2 - badge_w / 2, y, badge_w, 64, BADGE, 32))
    flow.text(WIDTH / 2, y + 46, badge, 40, ON_DARK, align="center")
    flow.y = height


def _active(flow: Flow, groups: Sequence[FigureGroup]) -> None:
    if not groups:
        return
    flow.heading(str(flow.words["sections"]["active"]))
    for i, group in enumerate(groups):
        if i:
            flow.y += GAP
        height = 56 + flow.tile_height(group.figures) + 12
        flow.card(MARGIN, flow.y, INNER, height)
        flow.text(MARGIN + PAD, flow.y + 44, group.label, 28)
        column = (INNER - 2 * PAD) / len(group.figures)
        for k, figure in enumerate(group.figures):
            flow.tile(figure, MARGIN + PAD + k * column, column, flow.y + 52)
        flow.y += height


def _applications(flow: Flow, figures: KeyFigures) -> None:
    counts = [f for f in (figures.received, figures.carried_over, figures.carry_forward) if f]
    if not counts:
        return
    flow.heading(str(flow.words["sections"]["applications"]))
    height = flow.tile_height(counts) + 24
    flow.card(MARGIN, flow.y, INNER, height)
    column = (INNER - 2 * PAD) / len(counts)
    for k, figure in enumerate(counts):
        flow.tile(figure, MARGIN + PAD + k * column, column, flow.y + 8)
    flow.y += height + GAP
    _applicants(flow, figures.applicants, figures.received)


def _applicants(flow: Flow, applicants: Sequence[Figure], received: Figure | None) -> None:
    """A bar per kind of applicant, with its count, its share of the new applications and
    its change; the five kinds of 法人或其他组织 under their common name."""
    if not applicants:
        return
    words = flow.words["sections"]
    row = 70 if any(flow.change(f) for f in applicants) else 52
    top = flow.y
    height = 76 + row * len(applicants) + 40 + 20
    flow.card(MARGIN, top, INNER, height)
    flow.text(MARGIN + PAD, top + 48, str(words["applicants"]), 28)
    total = received.value if received is not None else None
    biggest = max((f.value or 0 for f in applicants), default=0) or 1
    label_x, bar_x, bar_w = MARGIN + PAD + 24, MARGIN + PAD + 236, 380
    value_x = bar_x + bar_w + 20
    y = top + 76
    for i, figure in enumerate(applicants):
        if i == 1:  # the other five are kinds of 法人或其他组织
            flow.text(MARGIN + PAD, y + 30, str(words["legal_persons"]), 22, MUTED)
            y += 40
        base = y + 34
        flow.text(label_x + (24 if i else 0), base, figure.label, 24, width=bar_x - label_x - 36)
        flow.add(Box(bar_x, base - 22, bar_w, 26, LIGHT, 4))
        length = bar_w * float((figure.value or 0) / biggest)
        if length > 0:
            flow.add(Box(bar_x, base - 22, max(length, 6), 26, SERIES[0 if i == 0 else 1], 4))
        spans = [Span(flow.value(figure), 26, NUMBER), Span(figure.unit, 20, MUTED)]
        percent = share(figure.value, total)
        if percent is not None:
            spans.append(Span("  " + str(flow.words["share"]).format(share=percent), 22, MUTED))
        flow.add(Label(value_x, base, tuple(spans), max_width=MARGIN + INNER - PAD - value_x))
        change = flow.change(figure)
        if change:
            flow.text(value_x, base + 28, change, 18, MUTED, width=MARGIN + INNER - value_x)
        y += row
    flow.y = top + height


def _outcomes(flow: Flow, figures: KeyFigures) -> None:
    """The outcomes as a ring, the total in its middle, and beside it each outcome's count,
    share of the total and change."""
    total, outcomes = figures.outcomes_total, figures.outcomes
    if total is None or not outcomes:
        return
    words = flow.words
    flow.y += GAP
    top = flow.y
    row = 72 if any(flow.change(f) for f in outcomes) else 58
    height = max(500.0, 80 + row * len(outcomes) + 40)
    flow.card(MARGIN, top, INNER, height)
    flow.text(MARGIN + PAD, top + 48, str(words["sections"]["outcomes"]), 28)
    cx, cy, radius = MARGIN + PAD + 190, top + 80 + (height - 80) / 2, 175.0
    whole = total.value or 0
    if whole:
        start = 0.0
        for i, figure in enumerate(outcomes):
            sweep = 360.0 * float((figure.value or 0) / whole)
            if sweep > 0:
                flow.add(Ring(cx, cy, radius, 62, start, start + sweep, SERIES[i]))
            start += sweep
    else:
        flow.add(Ring(cx, cy, radius, 62, 0, 360, LIGHT))
    flow.number(cx, cy + 10, total, 54, "center", 2 * (radius - 62) - 16)
    flow.text(cx, cy + 48, total.label, 22, MUTED, align="center")
    x, right = MARGIN + PAD + 430, MARGIN + INNER - PAD
    y = top + 80
    for i, figure in enumerate(outcomes):
        base = y + 32
        flow.add(Box(x, base - 20, 22, 22, SERIES[i], 4))
        flow.text(x + 36, base, figure.label, 26)
        spans = [Span(flow.value(figure), 28, NUMBER), Span(figure.unit, 20, MUTED)]
        percent = share(figure.value, whole)
        if percent is not None:
            spans.append(Span("  " + str(words["share"]).format(share=percent), 24, INK))
        flow.add(Label(right, base, tuple(spans), align="right", max_width=right - x - 170))
        change = flow.change(figure)
        if change:
            flow.text(right, base + 28, change, 18, MUTED, align="right", width=right - x - 36)
        y += row
    flow.y = top + height


def _remedies(flow: Flow, remedies: Sequence[Cases]) -> None:
    """复议 and 诉讼 side by side: the number of cases, its change, a bar split by result."""
    if not remedies:
        return
    flow.heading(str(flow.words["sections"]["remedy"]))
    width = (INNER - GAP * (len(remedies) - 1)) / len(remedies)
    compared = any(flow.change(c.total) for c in remedies)
    height = 314 + (34 if compared else 0)
    for k, cases in enumerate(remedies):
        x = MARGIN + k * (width + GAP)
        flow.card(x, flow.y, width, height)
        _cases(flow, cases, x, flow.y, width, compared)
    flow.y += height


def _cases(flow: Flow, cases: Cases, x: float, top: float, width: float,
           compared: bool) -> None:
    total, inner = cases.total, width - 2 * PAD
    flow.text(x + PAD, top + 48, total.label, 28)
    flow.number(x + PAD, top + 128, total, 64, width=inner)
    base = top + 128
    if compared:
        base += 34
        change = flow.change(total)
        if change:
            flow.text(x + PAD, base, change, 19, MUTED, width=inner)
    bar_y = base + 30
    whole = total.value or 0
    if not whole:
        flow.add(Box(x + PAD, bar_y, inner, 28, LIGHT, 6))
        message = str(flow.words["no_cases"]).format(label=total.label)
        flow.text(x + PAD, bar_y + 86, message, 24, MUTED, width=inner)
        return
    start = x + PAD
    for i, figure in enumerate(cases.results):
        piece = inner * float((figure.value or 0) / whole)
        if piece > 0:
            flow.add(Box(start, bar_y, piece, 28, RESULTS[i]))
        start += piece
    for i, figure in enumerate(cases.results):
        lx = x + PAD + (i % 2) * inner / 2
        ly = bar_y + 76 + (i // 2) * 48
        flow.add(Box(lx, ly - 18, 18, 18, RESULTS[i], 3))
        flow.add(Label(lx + 28, ly, (Span(figure.label, 22, INK),
                                     Span(" " + flow.value(figure), 24, NUMBER)),
                       max_width=inner / 2 - 36))


def _legacy(flow: Flow, figures: KeyFigures) -> None:
    """A legacy report: its statistics rows two by two, or (without any) its outline."""
    words = flow.words
    if figures.stats:
        flow.heading(str(words["sections"]["stats"]))
        width = (INNER - GAP) / 2
        for i in range(0, len(figures.stats), 2):
            pair = figures.stats[i:i + 2]
            lines = [wrap(f.label, 24, width - 2 * PAD) for f in pair]
            height = 40 + 30 * max(len(x) for x in lines) + 80
            for k, figure in enumerate(pair):
                x = MARGIN + k * (width + GAP)
                flow.card(x, flow.y, width, height)
                y = flow.y + 16
                for line in lines[k]:
                    y += 30
                    flow.text(x + PAD, y, line, 24, MUTED, width=width - 2 * PAD)
                flow.number(x + PAD, y + 70, figure, 56, width=width - 2 * PAD)
            flow.y += height + GAP
        return
    from govreport.numbering import number_label

    flow.heading(str(words["sections"]["outline"]))
    top = flow.y
    height = 40 + 56 * len(figures.outline) + 70
    flow.card(MARGIN, top, INNER, height)
    y = top + 24
    for i, heading in enumerate(figures.outline):
        y += 56
        flow.text(MARGIN + PAD, y, number_label("{cn}、", i + 1) + heading, 30,
                  width=INNER - 2 * PAD)
    flow.text(MARGIN + PAD, y + 64, str(words["no_stats"]), 22, MUTED)
    flow.y = top + height + GAP


def _footer(flow: Flow, figures: KeyFigures, signoff: tuple[str, str] | None) -> None:
    """Where the figures come from: the report's title, its sign-off organ and date."""
    words = flow.words
    flow.y += 40
    source = str(words["source"]).format(title=figures.title) if figures.title else ""
    lines = wrap(source, 22 * 1.15, INNER) if source else []  # 仿宋 sets wider than estimated
    height = 40 + 34 * len(lines) + (34 if signoff else 0) + 36
    flow.add(Box(0, flow.y, WIDTH, height, CARD))
    y = flow.y + 20
    for line in lines:
        y += 34
        flow.text(MARGIN, y, line, 22, MUTED, role="body", width=INNER)
    if signoff:
        y += 34
        signed = str(words["signed"]).format(organ=signoff[0], date=signoff[1])
        flow.text(MARGIN, y, signed, 22, MUTED, role="body", width=INNER)
    flow.y += height
