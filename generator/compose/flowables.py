"""The flowables blocks become beyond ReportLab's Paragraph: banner, tick box item, space, rule,
writing lines; and the graphic ones: art (an image or pictogram in a box), a QR code, a contact's
lines with pictograms before them."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.colors import CMYKColor
from reportlab.platypus import Flowable, Paragraph

from generator.compose.qr import QR_QUIET
from generator.engine.reportlab_compat import wrapped_lines
from generator.problems import Notice

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "TAGS",
    "Art",
    "Banner",
    "CheckItem",
    "IconLines",
    "QrCode",
    "Rule",
    "Space",
    "Vector",
    "WritingLines",
    "draw_vector",
    "texts_of",
]

TAGS = re.compile(r"<[^>]*>")
PAPER = CMYKColor(0, 0, 0, 0)
BLACK = CMYKColor(0, 0, 0, 1)  # 100 % K only: a rich black would blur with the slightest misregistration


class Banner(Flowable):
    """Text on a filled box (the 112 banner); the fill stays inside the panel's safe area."""

    def __init__(self, paragraph: Paragraph, colour: CMYKColor, padding: float) -> None:
        super().__init__()
        self.paragraph, self.colour, self.padding = paragraph, colour, padding

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - 2 * self.padding, avail_height)
        self.width, self.height = avail_width, h + 2 * self.padding
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.paragraph.drawOn(self.canv, self.padding, self.padding)


class CheckItem(Flowable):
    """A printed tick box beside its text; in form mode also a real PDF checkbox field."""

    def __init__(self, paragraph: Paragraph, indent: float, size: float, colour: CMYKColor, field: str | None) -> None:
        super().__init__()
        self.paragraph, self.indent, self.size, self.colour, self.field = paragraph, indent, size, colour, field

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = avail_width, max(h, self.size)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        first_line = self.paragraph.style.leading
        box_y = top - first_line + (first_line - self.size) / 2 - 0.12 * self.paragraph.style.fontSize
        canv = self.canv
        canv.setStrokeColor(self.colour)
        canv.setLineWidth(0.6)
        canv.rect(0, box_y, self.size, self.size, stroke=1, fill=0)
        if self.field:
            canv.acroForm.checkbox(
                name=self.field,
                x=0,
                y=box_y,
                size=self.size,
                relative=True,
                fieldFlags="",
                buttonStyle="check",
                borderWidth=0,
                borderColor=None,
                fillColor=None,
                textColor=self.colour,
                forceBorder=False,
                tooltip=TAGS.sub("", self.paragraph.text)[:120],
            )
        self.paragraph.drawOn(canv, self.indent, self.height - self.paragraph.height)


class Space(Flowable):
    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.height

    def draw(self) -> None:
        pass


class Rule(Flowable):
    """A line across the column, ``thickness`` points thick, inside its own height."""

    def __init__(self, colour: CMYKColor, thickness: float = 0.6) -> None:
        super().__init__()
        self.colour, self.thickness = colour, thickness

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.thickness
        return avail_width, self.thickness

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)


def texts_of(flowable: Flowable) -> list[str]:
    """The printed text of a flowable (and its bullet), markup removed."""
    inner = getattr(flowable, "paragraph", flowable)
    if not isinstance(inner, Paragraph):
        return []
    texts = [html.unescape(TAGS.sub("", inner.text))]
    if inner.bulletText:
        texts.append(inner.bulletText)
    return texts


class WritingLines(Flowable):
    """Ruled lines to write on, ``pitch`` apart, 0.4 pt thick. Printed lines only, also in a
    form: ReportLab's text fields can use only the 14 standard fonts, which are never embedded
    and have no Polish or Bulgarian letters."""

    def __init__(self, count: int, pitch: float, colour: CMYKColor) -> None:
        super().__init__()
        self.count, self.pitch, self.colour = count, pitch, colour

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.count * self.pitch
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.4)
        for n in range(self.count):
            self.canv.line(0, n * self.pitch + 0.2, self.width, n * self.pitch + 0.2)


@dataclass(frozen=True)
class Vector:
    """An SVG as a drawing in CMYK, with its own size in points."""

    drawing: Drawing
    width: float
    height: float
    code: str | None  # its PDF operators, made once (generator/pdf/reportlab_compat.py)


class Art(Flowable):
    """A graphic in a box, placed left, centred or right in the panel's width."""

    def __init__(
        self, width: float, height: float, align: str, paint: Callable[[Canvas, float, float], None], notice: Notice | None = None
    ) -> None:
        super().__init__()
        self.art_width, self.height, self.align, self.paint, self.notice = width, height, align, paint, notice

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        room = self.width - self.art_width
        self.paint(self.canv, {"left": 0.0, "center": room / 2, "right": room}[self.align], 0.0)


class QrCode(Art):
    """A QR code: its quiet zone painted paper-white, its dark modules one path in 100 % black.
    Above and below, the quiet zone is part of the block; on the side the code is aligned to it
    lies in the panel's padding (``overhang``), so the code lines up with the text."""

    def __init__(self, address: str, count: int, path: str, module: float, align: str, overhang: float) -> None:
        total = (count + 2 * QR_QUIET) * module
        super().__init__(total, total, align, self._paint)
        self.address, self.count, self.path, self.module, self.overhang = address, count, path, module, overhang

    def draw(self) -> None:
        room = self.width - self.art_width
        self._paint(self.canv, {"left": -self.overhang, "center": room / 2, "right": room + self.overhang}[self.align], 0.0)

    def _paint(self, canv: Canvas, x: float, y: float) -> None:
        canv.saveState()
        canv.translate(x, y)
        canv.scale(self.module, self.module)  # the path is measured in modules
        side = self.count + 2 * QR_QUIET
        canv.setFillColor(PAPER)
        canv.rect(0, 0, side, side, stroke=0, fill=1)
        canv.setFillColor(BLACK)
        canv.addLiteral(self.path)
        canv.restoreState()


def draw_vector(canv: Canvas, vector: Vector, x: float, y: float, width: float, height: float) -> None:
    from generator.engine.reportlab_compat import draw_code

    canv.saveState()
    canv.translate(x, y)
    canv.scale(width / vector.width, height / vector.height)
    draw_code(canv, vector.code, vector.drawing)
    canv.restoreState()


class IconLines(Flowable):
    """A contact as one paragraph indented by a gutter, a pictogram in the gutter before its
    phone, mail and web lines. ``icons`` holds one entry per line of the markup (between
    ``<br/>``s); where each falls is read from the wrapped paragraph's own forced breaks."""

    def __init__(self, paragraph: Paragraph, icons: list[Vector | None], icon: float, gutter: float) -> None:
        super().__init__()
        self.paragraph, self.icons, self.icon, self.gutter = paragraph, icons, icon, gutter
        self._starts: list[int] = []  # the first printed line of each line of the markup

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _, self.height = self.paragraph.wrap(avail_width, avail_height)
        lines = wrapped_lines(self.paragraph)
        starts = [0, *(n + 1 for n, line in enumerate(lines[:-1]) if line.forced)]
        # never seen otherwise: then no pictograms rather than misplaced ones
        self._starts = starts if len(starts) == len(self.icons) else []
        return self.width, self.height

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, 0)
        style = self.paragraph.style
        for vector, start in zip(self.icons, self._starts, strict=False):
            if vector is not None:
                # ReportLab sets a paragraph's first baseline one type size below its top
                baseline = self.height - style.fontSize - start * style.leading
                draw_vector(self.canv, vector, 0, baseline - 0.16 * style.fontSize, self.icon, self.icon)
