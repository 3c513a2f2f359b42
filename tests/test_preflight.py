"""The print-shop checks on finished PDF bytes catch what they are there to catch."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from generator.pdf.preflight import preflight
from generator.vocabulary import Job

CARD = Job("utrecht", "pocket-card", "nl", "press")


def test_a_built_card_passes(built: Path) -> None:
    assert preflight(CARD, (built / "utrecht/utrecht_pocket-card_nl_press.pdf").read_bytes(), 2, 2) == []


def test_a_font_descriptor_without_its_font_file_is_refused(built: Path) -> None:
    pdf = (built / "utrecht/utrecht_pocket-card_nl_press.pdf").read_bytes().replace(b"/FontFile2", b"/FontFileX")
    assert preflight(CARD, pdf, 2, 2) == ["a TrueType font is referenced without embedding it"]


def test_a_standard_font_missing_boxes_and_pages_are_refused() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)  # Helvetica: a standard Type 1 font, never embedded
    canvas.drawString(100, 100, "112")
    canvas.showPage()
    canvas.save()
    problems = preflight(CARD, buffer.getvalue(), 1, 2)
    assert "a font is not embedded (a standard Type 1 font is referenced)" in problems
    assert "1 pages, expected 2" in problems
    assert "TrimBox missing on 1 page(s)" in problems and "BleedBox missing on 1 page(s)" in problems
