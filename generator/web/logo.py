"""The region's logo as the web edition serves it: a picture made here, never the file as it came.

The web edition is uploaded to the organisation's own site, so whatever the logo file holds is
served as that site. An SVG is a document a browser runs (a script in it, opened at its own
address, runs with the site's rights), and a PNG or JPEG can carry text and metadata (the
designer's name, the place a photo was taken) in its chunks. So:

- an SVG logo is served as a PNG drawn from the drawing the PDFs use (read by
  ``inputs/svg_files.py``, drawn by svglib, rasterised by PDFium): a PNG holds pixels only, so
  nothing of the file can run in any browser, whatever a checker might have missed. Rewriting
  the SVG from an allow-list of elements would stay sharp at every zoom, but it would still be a
  document a browser runs, safe only as long as the list and its escaping have no gap; at three
  times the size the page shows it (``.logo`` in style.css: at most 14 × 5 rem) the PNG is sharp
  on a phone's screen;
- a PNG or JPEG logo is decoded and encoded again from its pixels (turned as the camera held
  it, as the PDFs print it; its colour profile kept; everything else dropped), scaled down to the
  same size when it is larger.

The same logo gives the same bytes, so an unchanged page is not rewritten.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

from generator.inputs.images import ImageProblem, kind_of
from generator.inputs.svg_files import read_svg

__all__ = ["BOX_PX", "web_logo"]

BOX_PX = (672, 240)  # three times the largest box style.css gives the logo (14 × 5 rem of 16 px)


def web_logo(path: Path) -> tuple[str, bytes]:
    """The name (``logo.png`` or ``logo.jpg``) and the bytes the web edition serves for the
    logo file ``path``; ``ImageProblem`` when it cannot be read."""
    data = path.read_bytes()
    kind = kind_of(path.name, data)
    if kind == "SVG":
        return "logo.png", _drawn(data)
    return ("logo.jpg" if kind == "JPEG" else "logo.png"), _pixels(data, kind)


def _drawn(data: bytes) -> bytes:
    """The SVG drawn as svglib draws it for the PDFs (in its own RGB colours), as a PNG."""
    import pypdfium2
    from reportlab.graphics import renderPDF
    from svglib.svglib import SvgRenderer

    root = read_svg(data)
    log = logging.getLogger("svglib")
    propagate, log.propagate = log.propagate, False  # what it cannot draw is reported by the PDF build
    try:
        drawing = SvgRenderer("").render(root)
    except Exception as exc:  # svglib raises many kinds on what it cannot read
        raise ImageProblem(f"cannot be drawn ({type(exc).__name__}: {exc}); simplify it or use a PNG") from None
    finally:
        log.propagate = propagate
    if not drawing.width or not drawing.height:
        raise ImageProblem("has no size; give the <svg> element a viewBox, or width and height")
    scale = min(BOX_PX[0] / drawing.width, BOX_PX[1] / drawing.height)
    pdf = pypdfium2.PdfDocument(renderPDF.drawToString(drawing))
    try:
        bitmap = pdf[0].render(scale=scale, fill_color=(255, 255, 255, 0))  # transparent around the drawing
        image = bitmap.to_pil()
    finally:
        pdf.close()
    return _png(image)


def _pixels(data: bytes, kind: str) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        opened = Image.open(io.BytesIO(data))
        opened.load()
        image = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"cannot be read as {kind} ({exc}); export it again") from None
    profile = opened.info.get("icc_profile")
    if image.width > BOX_PX[0] or image.height > BOX_PX[1]:
        if image.mode in ("P", "1"):  # resampled in full colour, not as palette indices
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        image.thumbnail(BOX_PX, Image.Resampling.LANCZOS)
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}  # no comment, EXIF or text chunk is written again
    if kind == "JPEG":
        out = io.BytesIO()
        image.save(out, "JPEG", quality=92, icc_profile=profile)
        return out.getvalue()
    return _png(image, profile)


def _png(image: Any, profile: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True, icc_profile=profile)  # nothing but the pixels and their profile
    return out.getvalue()
