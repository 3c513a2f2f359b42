"""Fonts are embedded as ReportLab itself embeds them, byte for byte, with each subset made once."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from generator.pdf.font_embedding import EmbeddedFont
from generator.pdf.fonts import register_font

_SPEC = importlib.util.find_spec("fontpkg_fira_sans")
assert _SPEC is not None and _SPEC.submodule_search_locations
FONT = str(Path(next(iter(_SPEC.submodule_search_locations))) / "files" / "FiraSans-Regular.ttf")


def _pdf(font: str, text: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=font, pageCompression=1)
    canvas.setFont(font, 12)
    canvas.drawString(72, 72, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_the_same_bytes_as_reportlabs_own_embedding_and_each_subset_made_once() -> None:
    pdfmetrics.registerFont(TTFont("test-stock", FONT))
    shared = EmbeddedFont("test-shared-font", FONT)
    register_font(shared, "test-shared")  # the same font inside as test-stock: ReportLab alone would hand out that one
    texts = ["Bel 0800 2000 – gratis", "Bel 0800 2000 – gratis en anoniem", "Één café, naïef: ‘ja’"]
    for text in texts:
        pdf = _pdf("test-shared", text)
        assert pdf == _pdf("test-stock", text)
        assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip() == text  # the ToUnicode map is right
    # The first two use the same character outside ASCII (–): one subset between them.
    assert len(shared._subsets) == 2
