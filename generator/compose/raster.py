"""Raster images (PNG, JPEG): decoded within a size limit, standing as the camera held them,
scaled into their box, drawn from the image object made once (engine/reportlab_compat.py item 6)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from generator.inputs.images import ImageProblem

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from generator.engine.reportlab_compat import PreparedImage

__all__ = ["MAX_PIXELS", "decode", "draw_raster", "fit_box"]

MAX_PIXELS = 40_000_000  # 6,000 × 6,000 at 300 ppi is half a metre wide: more is a mistake


def fit_box(width: float, height: float, box_w: float, box_h: float) -> tuple[float, float]:
    """The size of ``width`` × ``height`` scaled to fit the box, aspect ratio kept."""
    scale = min(box_w / width, box_h / height)
    return width * scale, height * scale


def draw_raster(canv: Canvas, prepared: PreparedImage, x: float, y: float, w: float, h: float) -> None:
    from generator.engine.reportlab_compat import draw_image

    draw_image(canv, prepared, x, y, w, h)


def decode(data: bytes, kind: str) -> Any:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        opened = Image.open(io.BytesIO(data))
        if opened.width * opened.height > MAX_PIXELS:
            raise ImageProblem(
                f"is {opened.width} × {opened.height} pixels, more than a print needs; scale it down to 300 ppi at its printed size"
            )
        opened.load()
        image: Image.Image = ImageOps.exif_transpose(opened)  # a photo stands as the camera held it
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"cannot be read as {kind} ({exc}); export it again") from None
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit grey: scale to 8 bits (Pillow would clip)
        image = image.point(lambda v: v * (1 / 256)).convert("L")
    return image
