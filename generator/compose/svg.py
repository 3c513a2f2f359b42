"""SVG files (logos) and pictograms as ReportLab drawings in CMYK, every colour mapped.

Read safely first (inputs/svg_files.py: no entities, DTD or network, nothing active), then
refused where it would not print as drawn: text (outlines only), embedded raster images,
gradients, patterns, masks, filters, transparency; a colour svglib cannot map to CMYK. The
drawing's PDF operators are made once (engine/reportlab_compat.py item 7).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import CMYKColor, Color

from generator.compose.flowables import Vector
from generator.inputs.images import ImageProblem
from generator.inputs.svg_files import read_svg

__all__ = ["svg_drawing"]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Inkscape" not in message:  # an old Inkscape's 90 dpi: the size does not matter, we scale to the box
            self.messages.append(message)


def svg_drawing(data: bytes, colour: Callable[[Any], Any], what: str, font: str) -> Vector:
    """An SVG as a ReportLab drawing, every colour through ``colour``; refused when it holds what
    would not print as drawn (text, raster images, gradients, transparency)."""
    from lxml import etree
    from reportlab.graphics.shapes import Image as ShapeImage
    from reportlab.graphics.shapes import String
    from svglib.svglib import SvgRenderer

    root = read_svg(data, what)  # no entities, DTD or network; nothing active (inputs/svg_files.py)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("text", "tspan", "textPath"):
            raise ImageProblem("holds text; convert the text to outlines (paths) in the drawing program and save it again")
        if name == "image":
            raise ImageProblem("holds a raster image; use that image as a PNG file, or an SVG of paths only")
        if name in ("linearGradient", "radialGradient", "pattern", "mask", "filter"):
            raise ImageProblem(f"uses <{name}>, which does not convert to CMYK exactly; use flat colours, or a PNG")
        href = element.get("href") or element.get("{http://www.w3.org/1999/xlink}href") or ""
        if href and not href.startswith("#"):
            raise ImageProblem(f"refers to another file ({href[:60]}); put everything in the one SVG file")
        if _translucent(element, name):
            raise ImageProblem("uses transparency (opacity), which a press PDF cannot hold; use flat colours")
    handler = _Warnings()
    log = logging.getLogger("svglib")
    log.addHandler(handler)
    propagate, log.propagate = log.propagate, False
    try:
        drawing = SvgRenderer("", color_converter=colour).render(root)
    except Exception as exc:  # svglib raises many kinds on what it cannot read
        raise ImageProblem(f"cannot be drawn ({type(exc).__name__}: {exc}); simplify it or use a PNG") from None
    finally:
        log.removeHandler(handler)
        log.propagate = propagate
    if handler.messages:
        raise ImageProblem(f"cannot be drawn as it is ({handler.messages[0]}); simplify it or use a PNG")
    if not drawing.width or not drawing.height:
        raise ImageProblem("has no size; give the <svg> element a viewBox, or width and height")
    shapes = 0
    for node in _walk(drawing):
        if isinstance(node, (String, ShapeImage)):
            raise ImageProblem("holds text or an image that svglib keeps; use outlines only")
        for attr in ("fillOpacity", "strokeOpacity"):
            opacity = getattr(node, attr, None)
            if opacity is not None and opacity < 1:
                raise ImageProblem("uses transparency (opacity), which a press PDF cannot hold; use flat colours")
            if opacity is not None:  # fully opaque: say nothing, so no transparency state reaches the PDF
                setattr(node, attr, None)
        for attr in ("fillColor", "strokeColor"):
            paint = getattr(node, attr, None)
            if isinstance(paint, Color) and not isinstance(paint, CMYKColor):
                raise ImageProblem("uses a colour that does not convert to CMYK; use flat colours")
            if isinstance(paint, Color) and paint.alpha < 1:
                raise ImageProblem("uses transparency (a colour with alpha), which a press PDF cannot hold; use flat colours")
        shapes += not hasattr(node, "contents")
    if not shapes:
        raise ImageProblem("draws nothing; export it again")
    drawing.initialFontName = font
    from generator.engine.reportlab_compat import drawing_code

    return Vector(drawing, float(drawing.width), float(drawing.height), drawing_code(drawing, font))


_OPACITY = re.compile(r"(?:^|[;{\s])(?:fill-|stroke-)?opacity\s*:\s*([0-9.]+%?)")


_ALPHA_COLOUR = re.compile(r"(?:rgba|hsla)\s*\(|#[0-9a-fA-F]{8}\b|#[0-9a-fA-F]{4}\b")


def _translucent(element: Any, name: str) -> bool:
    """Whether an SVG element makes anything see-through: opacity attributes or style
    declarations below 1, colours with alpha (svglib would draw some of these opaque)."""
    values = [element.get(attr) for attr in ("opacity", "fill-opacity", "stroke-opacity", "stop-opacity")]
    style = (element.get("style") or "") + (element.text or "" if name == "style" else "")
    values += _OPACITY.findall(style)
    for value in values:
        if value is None:
            continue
        value = value.strip()
        try:
            amount = float(value[:-1]) / 100 if value.endswith("%") else float(value)
        except ValueError:
            continue
        if amount < 1:
            return True
    paints = " ".join(element.get(attr) or "" for attr in ("fill", "stroke", "color")) + style
    return bool(_ALPHA_COLOUR.search(paints))


def _walk(node: Any) -> list[Any]:
    out = [node]
    for child in getattr(node, "contents", []) or []:
        out.extend(_walk(child))
    return out
