"""Pictograms (Lucide): vectors in theme colours, before contact lines and as blocks; and the
image drawing that skips ReportLab's per-file work gives ReportLab's own bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from generator.engine import reportlab_compat
from generator.engine.reportlab_compat import draw_image, prepare_image
from generator.pdf.marks import SLUG
from tests.conftest import edit, line_of
from tests.pdfs import MM
from tests.test_images import colour_operators, images_of

ACCENT = (1.0, 0.65, 0.1, 0.25)  # theme.yaml's accent
ACCENT_SOFT = (0.7, 0.4, 0.05, 0.1)  # theme.yaml's accent-soft


def curves(path: Path, page: int) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [
            {"x0": c["x0"], "x1": c["x1"], "top": c["top"], "bottom": c["bottom"], "stroke": tuple(c["stroking_color"] or ())}
            for c in pdf.pages[page].curves
        ]


def lines_with(path: Path, page: int, needle: str) -> list[tuple[float, float, float]]:
    """(left edge, top, bottom) of every text line on ``page`` that holds ``needle``."""
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[page].extract_words(keep_blank_chars=True)
    return [(w["x0"], w["top"], w["bottom"]) for w in words if needle in w["text"]]


def assert_pictogram_before(path: Path, needles: list[str], at_least: int) -> None:
    """Every contact line of the leaflet's back panel (97-197 mm; the flap's call-out, a banner, has none)."""
    icons = [c for c in curves(path, 0) if c["stroke"] == pytest.approx(ACCENT)]
    targets = [line for needle in needles for line in lines_with(path, 0, needle) if SLUG + 97 * MM < line[0] < SLUG + 197 * MM]
    assert len(targets) >= at_least
    for x0, top, bottom in targets:
        before = [c for c in icons if c["x1"] <= x0 and x0 - c["x1"] < 8 and c["top"] < bottom and c["bottom"] > top]
        assert before, f"no pictogram before the line at {top:.0f} pt"
        assert all(c["x1"] - c["x0"] < 12 for c in before)  # icon-sized: about the type size
    # and none anywhere else: every small pictogram stands beside one of those lines
    for c in (c for c in icons if c["x1"] - c["x0"] < 12):
        assert any(c["top"] < bottom and c["bottom"] > top for _, top, bottom in targets), f"a pictogram at {c['top']:.0f} pt"


@pytest.mark.parametrize("region", ["utrecht", "hart-van-brabant"])
def test_a_pictogram_stands_before_every_phone_and_mail_line_of_the_leaflet(built: Path, region: str) -> None:
    path = built / region / f"{region}_leaflet_nl_press.pdf"
    # every phone number and email address of the back panel (phones: 0800 2000, 013 751 6750, 033 448 1186, 0900 8844)
    assert_pictogram_before(path, ["0800 2000", "013 751", "033 448 1186", "0900 8844", "@"], 4)
    with pikepdf.open(path) as pdf:
        assert not list(images_of(pdf)), "pictograms must be vectors"
        assert not [op for op, _ in colour_operators(pdf) if op in ("rg", "RG", "sc", "SC", "scn", "SCN")]
    # the cover's pictogram: a large one, in the lighter blue on the blue
    large = [c for c in curves(path, 0) if c["stroke"] == pytest.approx(ACCENT_SOFT) and c["x1"] - c["x0"] > 60]
    assert large  # 46 mm wide: its parts 23 mm and more


def test_contacts_without_icons_keep_their_labels(built: Path, project: Path, build_in: Callable[..., int]) -> None:
    # the checklist sets its contacts as the leaflet does (issue #21: one way across products)
    path = built / "utrecht" / "utrecht_checklist_nl_press.pdf"
    assert not lines_with(path, 1, "Tel. ") and lines_with(path, 1, "033 448 1186")
    assert [c for c in curves(path, 1) if c["stroke"] == pytest.approx(ACCENT)]
    leaflet = built / "utrecht" / "utrecht_leaflet_nl_press.pdf"
    assert not lines_with(leaflet, 0, "Tel. ") and lines_with(leaflet, 0, "033 448 1186")
    # a designer who takes the icons off gets the labels instead
    checklist = project / "layouts/checklist.yaml"
    edit(checklist, "{type: contacts, items: national, icons: true, colour: accent}", "{type: contacts, items: national}")
    assert build_in("--region", "utrecht", "--product", "checklist", "--mode", "press") == 0
    assert lines_with(project / "output/utrecht/utrecht_checklist_nl_press.pdf", 1, "Tel. 033 448 1186")


def test_a_pictogram_block_in_another_colour(project: Path, build_in: Callable[..., int]) -> None:
    card = project / "layouts/contact-card.yaml"  # the card with room to spare on its front
    message = "          - {type: heading, style: plain-message"
    edit(card, message, "          - {type: pictogram, name: danger, size: 6mm, colour: alert, align: right}\n" + message)
    assert build_in("--region", "utrecht", "--product", "contact-card") == 0
    alert = (0.0, 0.9, 0.85, 0.0)
    found = [c for c in curves(project / "output/utrecht/utrecht_contact-card_nl_press.pdf", 0) if c["stroke"] == pytest.approx(alert)]
    assert found and max(c["x1"] - c["x0"] for c in found) == pytest.approx(6 / 25.4 * 72 * 20 / 24, abs=1.5)  # the triangle's width


def test_an_unknown_pictogram_or_colour_is_one_line(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    edit(
        leaflet,
        "{type: pictogram, name: help, size: 46mm, colour: accent-soft}",
        "{type: pictogram, name: telefon, size: 46mm, colour: papier}",
    )
    line = line_of(leaflet, "name: telefon")
    status, lines = broken()
    assert status == 1
    assert lines[:2] == [
        f"{leaflet}:{line}: pages[0].panels[3].blocks[0].colour: unknown colour 'papier' (did you mean 'paper'?); "
        "add it to theme.yaml colours:",
        f"{leaflet}:{line}: pages[0].panels[3].blocks[0].name: no pictogram 'telefon' (did you mean 'phone'?)",
    ]


def test_a_lucide_name_works_too(project: Path, build_in: Callable[..., int]) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    edit(leaflet, "name: help, size: 46mm", "name: heart-handshake, size: 46mm")
    assert build_in("--region", "utrecht", "--product", "leaflet") == 0


def _pdf(draw: Callable[[Canvas], None]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, enforceColorSpace="cmyk", pageCompression=1)
    draw(canvas)
    canvas.showPage()
    draw(canvas)  # a second page: the image object is shared, not made again
    canvas.save()
    return buffer.getvalue()


def test_a_prepared_image_gives_reportlabs_own_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    image = Image.new("CMYK", (60, 20), (0, 160, 220, 25))
    image.paste((200, 0, 0, 0), (30, 0, 60, 20))
    prepared = prepare_image(image)
    stock = _pdf(lambda c: c.drawImage(ImageReader(image), 10, 20, 120, 40, mask=None))
    assert _pdf(lambda c: draw_image(c, prepared, 10, 20, 120, 40)) == stock
    with pikepdf.open(io.BytesIO(stock)) as pdf:
        (xobject,) = images_of(pdf)
        assert xobject.ColorSpace == "/DeviceCMYK"
    # on a ReportLab version whose private parts we have not checked: ReportLab's own drawImage
    monkeypatch.setattr(reportlab_compat, "known_version", lambda version="": False)
    fallback = prepare_image(image)
    assert not fallback.fields
    assert _pdf(lambda c: draw_image(c, fallback, 10, 20, 120, 40)) == stock


def test_pictograms_follow_lines_that_wrap(project: Path, build_in: Callable[..., int]) -> None:
    region = project / "sources/regions/utrecht.yaml"
    edit(region, "nl: Regionaal advies- en meldpunt\n", "nl: " + "Regionaal advies- en meldpunt voor iedereen in de regio " * 3 + "\n")
    assert build_in("--region", "utrecht", "--product", "leaflet") == 0
    path = project / "output/utrecht/utrecht_leaflet_nl_press.pdf"
    assert len(lines_with(path, 0, "Regionaal advies")) == 3  # the role now takes three lines or more
    assert_pictogram_before(path, ["0800 2000", "033 448 1186", "0900 8844", "@"], 4)


def test_a_pictogram_instead_of_the_bullet_sign(project: Path, build_in: Callable[..., int]) -> None:
    """``name:`` on a bullets block: that pictogram before the first line of every item."""
    checklist = project / "layouts/checklist.yaml"
    steps = "{type: bullets, items: content.steps.items}"
    edit(checklist, steps, steps.replace("}", ", name: alert, colour: alert}"))
    assert build_in("--region", "utrecht", "--product", "checklist", "--mode", "press") == 0
    path = project / "output/utrecht/utrecht_checklist_nl_press.pdf"
    alert = (0.0, 0.9, 0.85, 0.0)
    icons = [c for c in curves(path, 1) if c["stroke"] == pytest.approx(alert)]
    firsts = ["Bespreek je zorgen", "Vraag advies aan", "Heb je een sterk", "Volg als professional", "Is er direct gevaar"]
    lines = [line for needle in firsts for line in lines_with(path, 1, needle)]
    assert len(lines) == len(firsts)
    for x0, top, bottom in lines:
        assert any(c["x1"] <= x0 and x0 - c["x1"] < 8 and c["top"] < bottom and c["bottom"] > top for c in icons), top
    for c in icons:  # one per item, beside its first line: none beside a second line
        assert any(c["top"] < bottom and c["bottom"] > top for _, top, bottom in lines), c
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[1].extract_text()
    assert "• Bespreek" not in text and "Bespreek je zorgen" in text


def test_an_unknown_bullet_pictogram_is_one_line(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    checklist = project / "layouts/checklist.yaml"
    edit(checklist, "{type: bullets, items: content.steps.items}", "{type: bullets, items: content.steps.items, name: alarm}")
    line = line_of(checklist, "name: alarm")
    status, lines = broken()
    assert status == 1
    assert lines[0].startswith(f"{checklist}:{line}: pages[1].panels[0].blocks[4].name: no pictogram 'alarm' (did you mean 'alert'?)")
