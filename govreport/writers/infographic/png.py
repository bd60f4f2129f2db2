"""Drawing a `Picture` as PNG with Pillow, in the report's resolved fonts, the same bytes for
the same picture.

Text is cut where a role's fallback chain hands a character to a later font (as the PDF
does) and each piece set in the font that has it, with FreeType's basic layout (no shaping
library, so the result does not depend on what else the machine has); the title is
emboldened with a stroke, as in the PDF, when its font is a light substitute. Ring pieces are
drawn four times larger and scaled down, so their edges are smooth. The PNG is RGB (the image
is opaque) with its title and author as text chunks and no time stamp.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from govreport.writers.infographic.picture import Box, Label, Picture, Ring

if TYPE_CHECKING:
    from govreport.fonts import ResolvedFont

DPI = 100
SOFTWARE = "govreport"
EMBOLDEN_EM = 0.015  # Pillow strokes this far out from the outline: 3 % of the size in all
RING_SCALE = 4

_faces: dict[tuple[str, int, float], Any] = {}


def _face(font: ResolvedFont, size: float) -> Any:
    """Pillow's face of one font file at one size (loaded once per process)."""
    from PIL import ImageFont

    key = (str(font.path), font.index, round(size * 4) / 4)
    face = _faces.get(key)
    if face is None:
        face = _faces[key] = ImageFont.truetype(key[0], size=key[2], index=key[1],
                                                layout_engine=ImageFont.Layout.BASIC)
    return face


def render(picture: Picture, fonts: Mapping[str, ResolvedFont], title: str,
           author: str) -> bytes:
    """The picture as PNG bytes, with its title and author in the file's metadata."""
    from PIL import Image, ImageDraw, PngImagePlugin

    image = Image.new("RGB", (picture.width, picture.height), picture.background)
    draw = ImageDraw.Draw(image)
    for shape in picture.shapes:
        if isinstance(shape, Box):
            box = (shape.x, shape.y, shape.x + shape.w, shape.y + shape.h)
            if shape.radius:
                draw.rounded_rectangle(box, radius=shape.radius, fill=shape.color)
            else:
                draw.rectangle(box, fill=shape.color)
        elif isinstance(shape, Ring):
            _ring(image, shape)
        else:
            _label(draw, shape, fonts)
    info = PngImagePlugin.PngInfo()
    for key, value in (("Title", title), ("Author", author), ("Software", SOFTWARE)):
        info.add_itxt(key, value)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, dpi=(DPI, DPI))
    return out.getvalue()


def _ring(image: Any, ring: Ring) -> None:
    from PIL import Image, ImageDraw

    size = round(2 * ring.radius * RING_SCALE)
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    # Pillow's angles run clockwise from three o'clock; the ring's from twelve.
    draw.pieslice((0, 0, size - 1, size - 1), 270 + ring.start, 270 + ring.end, fill=255)
    hole = ring.width * RING_SCALE
    draw.ellipse((hole, hole, size - 1 - hole, size - 1 - hole), fill=0)
    small = round(2 * ring.radius)
    mask = mask.resize((small, small), Image.Resampling.LANCZOS)
    image.paste(ring.color, (round(ring.cx - ring.radius), round(ring.cy - ring.radius)), mask)


def _label(draw: Any, label: Label, fonts: Mapping[str, ResolvedFont]) -> None:
    font = fonts[label.role]
    chain = font.chain

    def pieces(scale: float) -> list[tuple[str, Any, str, float]]:
        out = []
        for span in label.spans:
            for text, k in chain.segments(span.text):
                face = _face(chain.fonts[k], span.size * scale)
                out.append((text, face, span.color, face.getlength(text)))
        return out

    runs = pieces(1.0)
    total = sum(width for *_, width in runs)
    if label.max_width is not None and total > label.max_width:
        runs = pieces(label.max_width / total)
        total = sum(width for *_, width in runs)
    x = label.x - {"left": 0.0, "center": total / 2, "right": total}[label.align]
    for text, face, color, width in runs:
        stroke = max(1, round(EMBOLDEN_EM * face.size)) if font.synthetic_bold else 0
        draw.text((x, label.y), text, font=face, fill=color, anchor="ls", stroke_width=stroke,
                  stroke_fill=color)
        x += width
