"""Printer's marks drawn by hand: ReportLab's own crop marks (Canvas(cropMarks=...)) grow the page and scale its content.

All marks sit outside the bleed, in registration colour, so they print on every plate and are
cut away with the paper around the trim.
"""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from generator.inputs.layout_models import MM

__all__ = ["LINE", "MARK_LENGTH", "MARK_OFFSET", "REGISTRATION", "SLUG", "crop_marks", "cut_lines", "fold_marks"]

REGISTRATION = CMYKColor(1, 1, 1, 1)
MARK_OFFSET = 5 * MM  # from the trim edge: 2 mm clear of a 3 mm bleed
MARK_LENGTH = 5 * MM
SLUG = MARK_OFFSET + MARK_LENGTH + 2 * MM  # paper around the trim in press files
OFFICE_CLEAR = 5 * MM  # office sheets: no ink this close to the paper's edge (desktop printers cannot print there)
LINE = 0.25


def crop_marks(canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
    """Eight short lines extending the trim edges at the four corners of the trim box."""
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(LINE)
    a, b = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    for cx in (x, x + width):
        for cy, sign in ((y, -1), (y + height, 1)):
            canvas.line(cx, cy + sign * a, cx, cy + sign * b)
    for cy in (y, y + height):
        for cx, sign in ((x, -1), (x + width, 1)):
            canvas.line(cx + sign * a, cy, cx + sign * b, cy)
    canvas.restoreState()


def fold_marks(canvas: Canvas, x: float, y: float, height: float, folds: tuple[float, ...]) -> None:
    """Dashed lines above and below the trim at each vertical fold."""
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(LINE)
    canvas.setDash(1.5 * MM, 1 * MM)
    a, b = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    for fold in folds:
        canvas.line(x + fold, y - a, x + fold, y - b)
        canvas.line(x + fold, y + height + a, x + fold, y + height + b)
    canvas.restoreState()


def cut_lines(canvas: Canvas, xs: list[float], ys: list[float], sheet: tuple[float, float]) -> None:
    """Cut marks for an n-up sheet: at every column and row edge, in the margin around the grid,
    1 mm clear of the grid and ending OFFICE_CLEAR short of the paper's edge."""
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(LINE)
    gap = 1 * MM
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]

    def reach(room: float) -> float:
        return max(0.0, min(6 * MM, room - gap - OFFICE_CLEAR))

    below, above, before, after = reach(bottom), reach(sheet[1] - top), reach(left), reach(sheet[0] - right)
    for x in xs:
        if below:
            canvas.line(x, bottom - gap, x, bottom - gap - below)
        if above:
            canvas.line(x, top + gap, x, top + gap + above)
    for y in ys:
        if before:
            canvas.line(left - gap, y, left - gap - before, y)
        if after:
            canvas.line(right + gap, y, right + gap + after, y)
    canvas.restoreState()
