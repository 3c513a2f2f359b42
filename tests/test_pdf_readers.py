"""Every written PDF, office and press, drafts included, opens cleanly in other programs'
readers: each content stream names only resources it carries (the draft office card's form once
used a graphics state it did not have, which Ghostscript and poppler reported and drew opaque),
Ghostscript and poppler render it without a word, and the draft mark never covers text."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from tests.pdf_reading import draft_build, ghostscript_messages, missing_resources, poppler_messages


@pytest.fixture(scope="module")
def every_pdf(built: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    drafts = draft_build(tmp_path_factory)
    files = sorted(built.glob("*/*.pdf")) + sorted(drafts.glob("*/*.pdf"))
    assert len(files) >= 18 and any("office" in f.name for f in drafts.glob("*/*.pdf"))
    return files


def test_every_content_stream_names_only_resources_it_has(every_pdf: list[Path]) -> None:
    for path in every_pdf:
        with pikepdf.open(path) as doc:
            assert missing_resources(doc) == [], path.name


def test_ghostscript_renders_every_pdf_without_a_message(every_pdf: list[Path]) -> None:
    assert ghostscript_messages(every_pdf) == {}


def test_poppler_renders_every_pdf_without_a_message(every_pdf: list[Path], tmp_path: Path) -> None:
    assert poppler_messages(every_pdf, tmp_path) == {}


def _text_objects(path: Path) -> list[tuple[str, int]]:
    """(text, render mode) of every text object on every page, inside forms too (pdfium)."""
    out = []
    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            for obj in page.get_objects(max_depth=4):
                if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                    continue
                size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
                buffer = ctypes.create_string_buffer(size)
                pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
                out.append((buffer.raw[: size - 2].decode("utf-16-le"), pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)))
    finally:
        pdf.close()
    return out


def test_the_draft_mark_is_outlined_on_every_card_and_page(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Stroked letters only (render mode 1): the words under the mark stay readable, nothing is
    transparent, and the office card sheet carries the mark on each of its ten cards."""
    drafts = draft_build(tmp_path_factory)
    for path in sorted(drafts.glob("*/*.pdf")):
        marks = [mode for text, mode in _text_objects(path) if text.strip() == "CONCEPT"]
        pages = len(pikepdf.open(path).pages)
        per_page = 10 if "pocket-card_nl_office" in path.name else 1
        assert marks == [pdfium_c.FPDF_TEXTRENDERMODE_STROKE] * (pages * per_page), path.name
