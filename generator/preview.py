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
