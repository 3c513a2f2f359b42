"""PNG previews of built PDFs (pypdfium2), for designers and for the README."""

from __future__ import annotations

from pathlib import Path


def render_previews(pdf: Path, target_dir: Path, dpi: int = 100) -> list[Path]:
    """Write ``<pdf stem>-p<N>.png`` for every page and return their paths."""
    import pypdfium2 as pdfium

    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    document = pdfium.PdfDocument(pdf)
    try:
        document.init_forms()  # draw the checklist's form fields as they print
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72, may_draw_forms=True).to_pil()
            path = target_dir / f"{pdf.stem}-p{index + 1}.png"
            image.save(path, optimize=True)
            written.append(path)
    finally:
        document.close()
    return written


def write_thumbnails(pdf: bytes, target_dir: Path, stem: str, dpi: int = 30) -> None:
    """Small JPEGs of every page for the proof page, written atomically (PNG encoding would cost
    more than making the PDF itself)."""
    import io

    import pypdfium2 as pdfium

    from generator.output import write_atomic

    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            buffer = io.BytesIO()
            document[index].render(scale=dpi / 72).to_pil().convert("RGB").save(buffer, format="JPEG", quality=80)
            write_atomic(target_dir / f"{stem}-p{index + 1}.jpg", buffer.getvalue())
    finally:
        document.close()
