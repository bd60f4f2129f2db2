"""Chinese line breaking on a character grid (pure logic, no reportlab).

Why: reportlab's CJK wrapping lets "，" start a line, hangs punctuation into the margin and
never justifies CJK lines (typography spec §3.2). Here every wide character is one grid cell,
narrow runs (digits, Latin) are unbreakable tokens, kinsoku (禁则) is enforced by pushing
tokens down to the next line, and non-final lines are justified by spreading the slack over
the gaps between tokens so the right edge is flush and nothing passes the line width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from govreport.writers.pdf.chars import (
    NO_BREAK_BEFORE_LATIN,
    NO_LINE_END,
    NO_LINE_START,
    is_autospaced,
    is_doubled,
    is_wide,
)

Piece = tuple[str, str]
"""A piece of paragraph text and its style key, e.g. ``("（一）统一认识。", "kai")``."""

Measure = Callable[[str, str], float]
"""Natural width in points of ``text`` set in ``style_key``."""

EPS = 1e-6
_WIDE, _NARROW, _SPACE, _AUTO = 0, 1, 2, 3
"""Token kinds; _AUTO is the space set between an ideograph and a Latin letter or digit."""
_BLANK = (_SPACE, _AUTO)
_SPACES = frozenset(" \t\r\n")

Autospace = Callable[[str], float]
"""Width in points of the space between an ideograph and a Latin word in a style key."""


class Align(StrEnum):
    """Horizontal alignment; JUSTIFY leaves the last line left-aligned."""

    JUSTIFY = "justify"
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Span:
    """Glyphs drawn with one font setting at a known x (points from the text area's left edge).

    ``cell`` set: every glyph owns a box of that width, boxes ``cell + gap`` apart (grid text;
    the drawer centres each glyph in its box). ``cell`` None: natural advances plus ``gap``
    after each glyph (a narrow word's gap is the paragraph's tracking).
    """

    x: float
    text: str
    style: str
    cell: float | None
    gap: float
    width: float

    @property
    def x_end(self) -> float:
        """Right edge of the last glyph box."""
        return self.x + self.width


@dataclass(frozen=True, slots=True)
class Line:
    """One laid-out line: spans plus the numbers needed to draw and to test it."""

    spans: tuple[Span, ...]
    start: int  # character offset of the line in the paragraph text
    end: int  # offset just past the line (trailing spaces included)
    left: float  # x where the line's available width begins (its indent)
    width: float  # available width
    natural: float  # content width before justification
    gap: float  # extra space added at each gap between tokens
    last: bool

    @property
    def text(self) -> str:
        """The drawn characters (spaces between spans are not drawn)."""
        return "".join(s.text for s in self.spans)

    @property
    def x_end(self) -> float:
        """Right edge of the rightmost glyph box (``left`` for an empty line)."""
        return max((s.x_end for s in self.spans), default=self.left)


class _Tokens:
    """Parallel token arrays; lists of scalars keep 50k-character paragraphs fast."""

    def __init__(self, cell: float | None, tracking: float = 0.0) -> None:
        self.cell = cell  # grid pitch of wide tokens, None for natural widths
        self.tracking = tracking  # after each narrow character
        self.text: list[str] = []
        self.style: list[str] = []
        self.width: list[float] = []
        self.kind: list[int] = []
        self.brk: list[bool] = []  # a line may break before this token
        self.glue: list[bool] = []  # no justification gap before this token
        self.off: list[int] = []  # character offset in the paragraph

    def add(self, text: str, style: str, width: float, kind: int, off: int) -> None:
        """Append a token and decide whether a line may break before it."""
        prev_kind = self.kind[-1] if self.kind else _SPACE
        # An autospace carries no justification gap of its own: the boundary has one gap.
        glue = (kind == _NARROW and prev_kind == _NARROW) or kind == _AUTO
        brk = not glue and kind not in _BLANK
        if brk and self.kind:
            prev = self.text[-1]
            if (text[0] in NO_LINE_START or prev[-1] in NO_LINE_END or is_doubled(prev[-1], text[0])
                    or (prev[-1] in NO_BREAK_BEFORE_LATIN and text[0].isascii()
                        and text[0].isalnum())):
                brk = False
        self.text.append(text)
        self.style.append(style)
        self.width.append(width)
        self.kind.append(kind)
        self.brk.append(brk)
        self.glue.append(glue)
        self.off.append(off)

    def split(self, j: int, head_len: int, head_width: float) -> None:
        """Cut the narrow token ``j`` after ``head_len`` characters (a URL longer than a line)."""
        text = self.text[j]
        self.text[j : j + 1] = [text[:head_len], text[head_len:]]
        self.style.insert(j, self.style[j])
        self.width[j : j + 1] = [head_width, self.width[j] - head_width]
        self.kind.insert(j, _NARROW)
        self.brk.insert(j + 1, True)
        self.glue.insert(j + 1, False)
        self.off.insert(j + 1, self.off[j] + head_len)


class _Widths:
    """Per-character width cache; string width is the sum (reportlab applies no kerning)."""

    def __init__(self, measure: Measure, cell: float | None, tracking: float = 0.0) -> None:
        self._measure = measure
        self.cell = cell
        self.tracking = tracking  # added to every narrow character's advance
        self._cache: dict[tuple[str, str], float] = {}

    def char(self, ch: str, style: str) -> float:
        key = (ch, style)
        w = self._cache.get(key)
        if w is None:
            w = self._measure(ch, style)
            self._cache[key] = w
        return w

    def wide(self, ch: str, style: str) -> float:
        return self.cell if self.cell is not None else self.char(ch, style)

    def text(self, text: str, style: str) -> float:
        """A narrow word's width: its advances, tracked between its characters (its last
        glyph ends the word, flush with a line's edge)."""
        return sum(self.char(ch, style) for ch in text) + self.tracking * (len(text) - 1)


def tokenize(runs: Sequence[Piece], widths: _Widths, autospace: Autospace | None = None) -> _Tokens:
    """Split runs into wide characters, narrow words and spaces; with `autospace`, an
    ideograph and a Latin word that touch get that space between them."""
    toks = _Tokens(widths.cell, widths.tracking)
    off = 0

    def add(text: str, style: str, width: float, kind: int, at: int) -> None:
        if autospace is not None and toks.kind and toks.kind[-1] in (_WIDE, _NARROW) \
                and kind in (_WIDE, _NARROW) and is_autospaced(toks.text[-1][-1], text[0]):
            # After a word the space also holds its last character's tracking.
            after_word = widths.tracking if toks.kind[-1] == _NARROW else 0.0
            toks.add(" ", style, autospace(style) + after_word, _AUTO, at)
        toks.add(text, style, width, kind, at)

    for text, style in runs:
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch in _SPACES:
                add(" ", style, widths.char(" ", style), _SPACE, off + i)
                i += 1
            elif is_wide(ch):
                add(ch, style, widths.wide(ch, style), _WIDE, off + i)
                i += 1
            else:
                j = i + 1
                while j < n and text[j] not in _SPACES and not is_wide(text[j]):
                    j += 1
                word = text[i:j]
                add(word, style, widths.text(word, style), _NARROW, off + i)
                i = j
        off += n
    return toks


def widest_token(runs: Sequence[Piece], measure: Measure, cell: float | None = None) -> float:
    """Width of the widest unbreakable token (a table column narrower than this overflows)."""
    return max(tokenize(runs, _Widths(measure, cell)).width, default=0.0)


def _fill(
    toks: _Tokens, avail: Callable[[int], float], long_width: float, widths: _Widths,
    compress: float = 0.0,
) -> list[tuple[int, int]]:
    """Greedy fill honouring break opportunities; returns token ranges [i, j) per line.

    A line ends at the last legal break before the first overflowing token, which pushes
    forbidden line-start/line-end tokens down together with their neighbours. When the line
    has no legal break at all (pathological input) it breaks at the overflow point; a single
    token wider than the line stands alone, so every line consumes at least one token.
    """
    ranges: list[tuple[int, int]] = []
    kind, width, brk = toks.kind, toks.width, toks.brk
    i = 0
    while i < len(kind):
        if ranges:
            while i < len(kind) and kind[i] in _BLANK:
                i += 1
            if i == len(kind):
                break
        room = avail(len(ranges))
        x, j, n = 0.0, i, len(kind)
        while j < n:
            give = compress if kind[j] == _WIDE else 0.0  # what this cell may give up
            if kind[j] not in _BLANK and x + width[j] > room + give + EPS:
                break
            x += width[j]
            room += give
            j += 1
        if j == n:
            ranges.append((i, n))
            break
        if (
            kind[j] == _NARROW
            and width[j] > long_width + EPS
            and _split_long(toks, j, room - x, widths)
        ):
            continue  # token j now fits exactly; refill this line
        k = j
        while k > i and not brk[k]:
            k -= 1
        end = k if k > i else max(j, i + 1)
        ranges.append((i, end))
        i = end
    return ranges


def _split_long(toks: _Tokens, j: int, room: float, widths: _Widths) -> bool:
    """Cut token ``j`` so its head fills ``room``; False if not even one character fits."""
    text, style = toks.text[j], toks.style[j]
    used, count = 0.0, 0
    for ch in text[:-1]:
        w = widths.char(ch, style) + widths.tracking
        if used + w > room + EPS:
            break
        used += w
        count += 1
    if count == 0:
        return False
    toks.split(j, count, used)
    return True


def _layout(
    toks: _Tokens, i: int, j: int, left: float, room: float, align: Align, last: bool, total: int
) -> Line:
    """Position tokens [i, j) of one line; trailing spaces are dropped."""
    kind, width, glue = toks.kind, toks.width, toks.glue
    start = toks.off[i] if i < len(kind) else total
    end = toks.off[j] if j < len(kind) else total
    e = j
    while e > i and kind[e - 1] in _BLANK:
        e -= 1
    natural = sum(width[i:e])
    gaps = sum(1 for t in range(i + 1, e) if not glue[t])
    slack = room - natural
    gap, x0 = 0.0, 0.0
    squeezed = slack < -EPS  # only a line kept whole by `squeeze`: tighten every gap
    if gaps and (squeezed or (align is Align.JUSTIFY and not last and slack > EPS)):
        gap = slack / gaps
    elif align is Align.CENTER:
        x0 = max(slack, 0.0) / 2
    elif align is Align.RIGHT:
        x0 = max(slack, 0.0)
    spans = _spans(toks, i, e, left + x0, gap)
    return Line(spans, start, end, left, room, natural, gap, last)


def _spans(toks: _Tokens, i: int, e: int, x: float, gap: float) -> tuple[Span, ...]:
    """Group consecutive same-style wide tokens into one span; narrow words stand alone."""
    text, style, width, kind, glue = toks.text, toks.style, toks.width, toks.kind, toks.glue
    cell = toks.cell
    out: list[Span] = []
    t = i
    while t < e:
        if t > i and not glue[t]:
            x += gap
        if kind[t] == _WIDE:
            u, w = t + 1, width[t]
            while u < e and kind[u] == _WIDE and style[u] == style[t]:
                w += gap + width[u]
                u += 1
            out.append(Span(x, "".join(text[t:u]), style[t], cell, gap, w))
            x += w
            t = u
            continue
        if kind[t] == _NARROW:
            out.append(Span(x, text[t], style[t], None, toks.tracking, width[t]))
        x += width[t]
        t += 1
    return tuple(out)


def break_lines(
    runs: Sequence[Piece],
    width: float,
    *,
    measure: Measure,
    cell: float | None = None,
    first_indent: float = 0.0,
    indent: float = 0.0,
    align: Align | str = Align.JUSTIFY,
    balance: bool = False,
    squeeze: float = 0.0,
    autospace: Autospace | None = None,
    tracking: float = 0.0,
    compress: float = 0.0,
) -> list[Line]:
    """Break ``runs`` into lines of ``width`` points.

    ``cell`` is the grid pitch given to every wide character (None: natural widths, for table
    cells). ``first_indent`` applies to the first line, ``indent`` to the others; both narrow
    the line. ``balance`` narrows the fill width as far as possible without adding lines, so a
    centred multi-line title gets lines of similar length. ``squeeze`` keeps a paragraph that
    is at most that many points per gap too wide on one line, its gaps tightened (a title line
    the layout measured with half-width digits, set in a font whose digits are wider).
    ``autospace`` spaces ideographs from Latin words (`is_autospaced`); ``tracking`` is added
    to the advance of every narrow character and ``compress`` is how much each wide character
    may give up for a line to hold one more token (grid text is measured as the DOCX is).
    Empty input gives one empty line.
    """
    align = Align(align)
    widths = _Widths(measure, cell, tracking)
    toks = tokenize(runs, widths, autospace)
    total = sum(len(t) for t, _ in runs)
    if not toks.kind:
        return [Line((), 0, total, first_indent, width - first_indent, 0.0, 0.0, True)]

    def avail_at(fill_width: float) -> Callable[[int], float]:
        return lambda n: fill_width - (first_indent if n == 0 else indent)

    long_width = width - indent
    ranges = _fill(toks, avail_at(width), long_width, widths, compress)
    if squeeze > 0 and len(ranges) > 1 and _squeezable(toks, width - first_indent, squeeze):
        ranges = [(0, len(toks.kind))]
    if balance and len(ranges) > 1 and max(toks.width) <= long_width + EPS:
        ranges = _balanced(toks, width, len(ranges), avail_at, long_width, widths)
    lines = []
    for n, (i, j) in enumerate(ranges):
        left = first_indent if n == 0 else indent
        last = n == len(ranges) - 1
        lines.append(_layout(toks, i, j, left, width - left, align, last, total))
    return lines


def _squeezable(toks: _Tokens, room: float, squeeze: float) -> bool:
    """Whether all tokens fit on one line of ``room`` with each gap tightened by ≤ squeeze."""
    kind, glue = toks.kind, toks.glue
    e = len(kind)
    while e > 0 and kind[e - 1] in _BLANK:
        e -= 1
    if any(k == _SPACE for k in kind[:e]):
        return False  # words separated by spaces break there, not squeezed together
    gaps = sum(1 for t in range(1, e) if not glue[t])
    return gaps > 0 and sum(toks.width[:e]) - room <= squeeze * gaps + EPS


def _balanced(
    toks: _Tokens,
    width: float,
    count: int,
    avail_at: Callable[[float], Callable[[int], float]],
    long_width: float,
    widths: _Widths,
) -> list[tuple[int, int]]:
    """Narrowest fill width (within 0.5 pt) that still gives ``count`` lines."""
    lo, hi = 0.0, width
    best = _fill(toks, avail_at(width), long_width, widths)
    while hi - lo > 0.5:
        mid = (lo + hi) / 2
        ranges = _fill(toks, avail_at(mid), long_width, widths)
        if len(ranges) <= count:
            hi, best = mid, ranges
        else:
            lo = mid
    return best
