"""PNG previews of built PDFs (pypdfium2), for designers and for the README."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

    from generator.inputs.layout_models import Layout

__all__ = ["Guides", "guides_for", "render_previews", "write_thumbnails"]


# Guide colours: trim and bleed in red, safe areas in blue, folds in magenta (as in InDesign).
TRIM, BLEED, SAFE, FOLD = (230, 0, 0), (255, 120, 120), (0, 170, 255), (255, 0, 200)


@dataclass(frozen=True)
class Guides:
    """Lines to draw over a page, in points from the page's top-left corner."""

    rects: tuple[tuple[tuple[int, int, int], tuple[float, float, float, float]], ...]
    folds: tuple[tuple[float, float, float], ...]  # x, top, bottom


def guides_for(layout: Layout, mode: str, page_index: int) -> Guides:
    """Trim, bleed, every panel's safe area and the folds, where they fall on the page."""
    from generator.pdf.render import sheet_for

    w, h, b = layout.trim.width, layout.trim.height, layout.bleed
    sheet = sheet_for(layout, mode)
    offset_x, bottom = sheet.origins[0]
    offset_y = sheet.size[1] - bottom - h  # guides are measured from the top
    rects = [(TRIM, (offset_x, offset_y, offset_x + w, offset_y + h))]
    if mode == "press":
        rects.append((BLEED, (offset_x - b, offset_y - b, offset_x + w + b, offset_y + h + b)))
    page = layout.pages[page_index]
    for panel in page.panels:
        x0, y0 = offset_x + panel.x + panel.padding.left, offset_y + panel.y + panel.padding.top
        for column in range(panel.columns):  # one safe area per column
            left = x0 + column * (panel.column_width + panel.gutter)
            rects.append((SAFE, (left, y0, left + panel.column_width, y0 + panel.inner_height)))
    folds = tuple((offset_x + fold, offset_y, offset_y + h) for fold in page.folds)
    return Guides(tuple(rects), folds)


def render_previews(pdf: Path, target_dir: Path, dpi: int = 100, guides: list[Guides] | None = None) -> list[Path]:
    """Write ``<pdf stem>-p<N>.png`` for every page (with guides drawn over it, if given)."""
    import pypdfium2 as pdfium

    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    document = pdfium.PdfDocument(pdf)
    try:
        document.init_forms()  # draw the checklist's form fields as they print
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72, may_draw_forms=True).to_pil()
            if guides and index < len(guides):
                image = _draw_guides(image.convert("RGB"), guides[index], dpi / 72)
            path = target_dir / f"{pdf.stem}-p{index + 1}.png"
            image.save(path, compress_level=1)  # fast: watch mode redraws these on every save
            written.append(path)
    finally:
        document.close()
    return written


def write_thumbnails(pdf: bytes, target_dir: Path, stem: str, dpi: int = 30) -> None:
    """Small JPEGs of every page for the proof page, written atomically (PNG encoding would cost
    more than making the PDF itself)."""
    import io

    import pypdfium2 as pdfium

    from generator.store.files import write_atomic

    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            buffer = io.BytesIO()
            document[index].render(scale=dpi / 72).to_pil().convert("RGB").save(buffer, format="JPEG", quality=80)
            write_atomic(target_dir / f"{stem}-p{index + 1}.jpg", buffer.getvalue())
    finally:
        document.close()


def _draw_guides(image: Image, guides: Guides, scale: float) -> Image:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for colour, (x0, y0, x1, y1) in guides.rects:
        draw.rectangle([x0 * scale, y0 * scale, x1 * scale, y1 * scale], outline=colour, width=1)
    for x, top, bottom in guides.folds:
        draw.line([x * scale, top * scale, x * scale, bottom * scale], fill=FOLD, width=1)
    return image
