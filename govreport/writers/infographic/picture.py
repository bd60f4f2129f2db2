"""The 图解 as a list of shapes in pixels (y downwards), before any drawing library sees it:
laid out by `layout.py`, drawn by `draw.py`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Box:
    """A filled rectangle, its corners rounded by `radius`."""

    x: float
    y: float
    w: float
    h: float
    color: str
    radius: float = 0.0


@dataclass(frozen=True)
class Ring:
    """A piece of a ring from `start` to `end` degrees, clockwise from the top."""

    cx: float
    cy: float
    radius: float
    width: float
    start: float
    end: float
    color: str


@dataclass(frozen=True)
class Span:
    """Text in one size and colour; a Label's spans are set one after another."""

    text: str
    size: float  # px
    color: str


@dataclass(frozen=True)
class Label:
    """A line of spans on baseline `y`, starting at `x` (`align` "left"), centred on it
    ("center") or ending there ("right"), in a font role of the report. Drawn smaller when
    the font sets it wider than `max_width` (the layout only estimates widths)."""

    x: float
    y: float
    spans: tuple[Span, ...]
    role: str = "heading1"
    align: str = "left"
    max_width: float | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


Shape = Box | Ring | Label


@dataclass
class Picture:
    width: int
    height: int = 0
    background: str = "#ffffff"
    shapes: list[Shape] = field(default_factory=list)

    def labels(self) -> list[Label]:
        return [s for s in self.shapes if isinstance(s, Label)]
