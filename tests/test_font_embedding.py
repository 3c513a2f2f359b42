"""ReportLab's private parts (generator.engine.reportlab_compat): each patch gives ReportLab's own bytes."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from generator.engine import reportlab_compat
from generator.engine.reportlab_compat import EmbeddedFont, name_font
from generator.warm import Cache

_SPEC = importlib.util.find_spec("fontpkg_fira_sans")
assert _SPEC is not None and _SPEC.submodule_search_locations
FONT = str(Path(next(iter(_SPEC.submodule_search_locations))) / "files" / "FiraSans-Regular.ttf")
TEXTS = ["Bel 0800 2000 – gratis", "Bel 0800 2000 – gratis en anoniem", "Één café, naïef: ‘ja’"]


def _pdf(font: str, text: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=font, pageCompression=1)
    canvas.setFont(font, 12)
    canvas.drawString(72, 72, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _base_fonts(pdf: bytes) -> list[str]:
    resources: Any = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]
    names = (str(f.get_object()["/BaseFont"]) for f in resources["/Font"].values())
    return sorted(n for n in names if "+" in n)


def test_subsets_made_once_give_reportlabs_own_bytes_with_its_names() -> None:
    pdfmetrics.registerFont(TTFont("test-stock", FONT))
    subsets: Cache[object, object] = Cache(64)
    shared = EmbeddedFont("test-shared-font", FONT, "digest-a", subsets, unique_names=False)
    name_font(shared, "test-shared")  # the same font inside as test-stock: ReportLab alone would hand out that one
    for text in TEXTS:
        pdf = _pdf("test-shared", text)
        assert pdf == _pdf("test-stock", text)
        assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip() == text  # the ToUnicode map is right
    # The first two use the same character outside ASCII (–): one subset between them.
    assert len(subsets) == 2


def test_subset_names_stand_for_their_glyphs() -> None:
    font = EmbeddedFont("test-unique-font", FONT, "digest-b", Cache(64))
    name_font(font, "test-unique")
    names = {text: _base_fonts(_pdf("test-unique", text)) for text in TEXTS}
    assert all(n.startswith("/AAAAAA+") for n in _base_fonts(_pdf("test-stock", TEXTS[0])))  # ReportLab alone, in every file
    assert names[TEXTS[0]] == names[TEXTS[1]]  # the same glyphs (ASCII and –), the same name
    assert names[TEXTS[0]] != names[TEXTS[2]]  # other glyphs, another name
    assert not any(n.startswith("/AAAAAA+") for text in TEXTS for n in names[text])
    for text in TEXTS:
        assert PdfReader(io.BytesIO(_pdf("test-unique", text))).pages[0].extract_text().strip() == text


def test_an_unknown_reportlab_version_falls_back_to_reportlabs_own_code(monkeypatch: pytest.MonkeyPatch) -> None:
    assert reportlab_compat.known_version()
    monkeypatch.setattr(reportlab_compat, "known_version", lambda version="": False)
    font = EmbeddedFont("test-fallback-font", FONT, "digest-c", Cache(64))
    name_font(font, "test-fallback")  # public registerFont: the same font inside is already known, and the same
    assert _pdf("test-fallback", TEXTS[2]) == _pdf("test-stock", TEXTS[2])  # ReportLab's addObjects, ReportLab's names
