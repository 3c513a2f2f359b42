"""Where things go in the output folder, relative to it (the PDFs' own path: :class:`generator.vocabulary.Job`)."""

from __future__ import annotations

__all__ = ["WEB_FOLDER", "thumb_paths", "web_path"]

WEB_FOLDER = "web"  # OUT/<region>/web/<lang>/ (contract)


def thumb_paths(pdf_path: str, pages: int) -> list[str]:
    """Thumbnails of a PDF (written by the build beside the PDF, shown on the proof page)."""
    folder, name = pdf_path.rsplit("/", 1)
    return [f"{folder}/thumbs/{name[:-4]}-p{n}.jpg" for n in range(1, pages + 1)]


def web_path(region: str, lang: str) -> str:
    """The page of a region in a language (contract)."""
    return f"{region}/{WEB_FOLDER}/{lang}/index.html"
