"""Drawing a `Picture` as SVG with matplotlib, in the report's resolved fonts, the same bytes
for the same picture (the PNG is drawn with Pillow, `png.py`: matplotlib's import alone takes
longer than Pillow takes to draw and compress the whole image).

Each font role's chain (`govreport.fonts`) is given to matplotlib as a family list of its font
files, each under a name of its own, so matplotlib's font fallback draws a character the
role's font lacks with the next font of the chain, as the PDF does, and a system font that
happens to share a family name is never picked instead. The SVG's ids come from a fixed hash salt
and it has no date; its text is drawn as paths, so it
looks the same without the fonts. Text is measured with matplotlib's Agg renderer.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from govreport.writers.infographic.picture import Box, Label, Picture, Ring

if TYPE_CHECKING:
    from govreport.fonts import ResolvedFont

DPI = 100  # 1 px = 1 unit: matplotlib sizes are in points, the picture's in pixels
PT_PER_PX = 72 / DPI
SVG_SALT = "govreport"
EMBOLDEN_EM = 0.03  # as the PDF emboldens a title font without a bold face

_families: dict[tuple[str, int], str] = {}


def _family(font: ResolvedFont) -> str:
    """The matplotlib family name of one font file (registered on first use)."""
    from matplotlib import font_manager

    key = (str(font.path), font.index)
    name = _families.get(key)
    if name is None:
        name = "govreport" + hashlib.sha1(f"{key[0]}#{key[1]}".encode()).hexdigest()[:12]
        entry = font_manager.FontEntry(fname=key[0], index=key[1], name=name, style="normal",
                                       variant="normal", weight="normal", stretch="normal",
                                       size="scalable")
        # First in the list: matplotlib scores every font for each new size until one scores
        # 0 (a perfect match), which this entry does for its own name.
        font_manager.fontManager.ttflist.insert(0, entry)
        _families[key] = name
    return name


def families(fonts: Mapping[str, ResolvedFont], role: str) -> list[str]:
    """The role's fallback chain as matplotlib family names."""
    return [_family(f) for f in fonts[role].chain.fonts]


def render(picture: Picture, fonts: Mapping[str, ResolvedFont], title: str,
           author: str) -> bytes:
    """The picture as SVG bytes, with its title and author in the file's metadata."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    settings = {"svg.hashsalt": SVG_SALT, "svg.fonttype": "path", "path.simplify": False,
                "text.parse_math": False, "font.enable_last_resort": False}
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(picture.width / DPI, picture.height / DPI), dpi=DPI,
                        facecolor=picture.background)
        canvas = FigureCanvasAgg(figure)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(0, picture.width)
        axes.set_ylim(picture.height, 0)
        axes.set_axis_off()
        renderer = canvas.get_renderer()
        for shape in picture.shapes:
            if isinstance(shape, Box):
                _box(axes, shape)
            elif isinstance(shape, Ring):
                _ring(axes, shape)
            else:
                _label(axes, renderer, shape, fonts)
        out = io.BytesIO()  # Dublin Core: the creator is the author; no date, so no clock
        figure.savefig(out, format="svg", metadata={"Title": title, "Creator": author,
                                                    "Date": None, "Language": "zh-CN"})
    return _in_pixels(out.getvalue(), picture)


def _in_pixels(svg: bytes, picture: Picture) -> bytes:
    """matplotlib sizes an SVG in points (1080 px → 777.6pt, 1036.8 CSS px); the 图解 is
    1080 px wide wherever it is shown, so its outer size says so (the viewBox stays)."""
    import re

    size = f'width="{picture.width}" height="{picture.height}"'.encode()
    return re.sub(rb'width="[0-9.]+pt" height="[0-9.]+pt"', size, svg, count=1)


def _box(axes: Any, box: Box) -> None:
    from matplotlib.patches import FancyBboxPatch, Rectangle

    if box.radius:
        radius = min(box.radius, box.w / 2, box.h / 2)
        patch = FancyBboxPatch((box.x, box.y), box.w, box.h,
                               boxstyle=f"round,pad=0,rounding_size={radius}",
                               facecolor=box.color, edgecolor="none", linewidth=0)
    else:
        patch = Rectangle((box.x, box.y), box.w, box.h, facecolor=box.color, edgecolor="none",
                          linewidth=0)
    axes.add_patch(patch)


def _ring(axes: Any, ring: Ring) -> None:
    from matplotlib.patches import Wedge

    # y points down, so angles grow clockwise; the top is at 270°.
    axes.add_patch(Wedge((ring.cx, ring.cy), ring.radius, 270 + ring.start, 270 + ring.end,
                         width=ring.width, facecolor=ring.color, edgecolor=ring.color,
                         linewidth=0.5))


def _label(axes: Any, renderer: Any, label: Label, fonts: Mapping[str, ResolvedFont]) -> None:
    from matplotlib import patheffects
    from matplotlib.font_manager import FontProperties

    family = families(fonts, label.role)
    embolden = fonts[label.role].synthetic_bold

    def measure(scale: float) -> tuple[list[FontProperties], list[float]]:
        props = [FontProperties(family=family, size=span.size * scale * PT_PER_PX)
                 for span in label.spans]
        return props, [renderer.get_text_width_height_descent(span.text, prop, ismath=False)[0]
                       for span, prop in zip(label.spans, props, strict=True)]

    props, widths = measure(1.0)
    total = sum(widths)
    if label.max_width is not None and total > label.max_width:
        props, widths = measure(label.max_width / total)
        total = sum(widths)
    x = label.x - {"left": 0.0, "center": total / 2, "right": total}[label.align]
    for span, prop, width in zip(label.spans, props, widths, strict=True):
        effects = [patheffects.withStroke(linewidth=EMBOLDEN_EM * prop.get_size_in_points(),
                                          foreground=span.color)] if embolden else None
        axes.text(x, label.y, span.text, fontproperties=prop, color=span.color, ha="left",
                  va="baseline", path_effects=effects, parse_math=False)
        x += width
