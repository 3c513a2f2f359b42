"""The flowables blocks become beyond ReportLab's Paragraph: banner, tick box item, space, rule."""

from __future__ import annotations

import html
import re

from reportlab.lib.colors import CMYKColor
from reportlab.platypus import Flowable, Paragraph

__all__ = ["TAGS", "Banner", "CheckItem", "Rule", "Space", "WritingLines", "texts_of"]

TAGS = re.compile(r"<[^>]*>")


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
