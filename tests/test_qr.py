"""QR codes: what a phone reads from the printed page, the quiet zone, and the addresses refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from tests.conftest import edit, line_of
from tests.test_images import colour_operators, images_of

COMPLETE = ["hart-van-brabant", "utrecht"]
URL = "https://www.mensenhandelweb.nl"
DPI = 200


def page_image(path: Path, index: int = 0, dpi: int = DPI) -> Image.Image:
    pdf = pdfium.PdfDocument(path)
    try:
        return pdf[index].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()


def codes(image: Image.Image) -> list[zxingcpp.Barcode]:
    return [c for c in zxingcpp.read_barcodes(image) if c.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("region", COMPLETE)
@pytest.mark.parametrize("mode", ["press", "office"])
def test_the_sample_leaflets_carry_a_qr_code_a_phone_can_read(built: Path, region: str, mode: str) -> None:
    found = codes(page_image(built / region / f"{region}_leaflet_nl_{mode}.pdf"))
    assert [c.text for c in found] == [URL]
    # read at a phone camera's worst: a coarse picture of the whole page still decodes
    assert [c.text for c in codes(page_image(built / region / f"{region}_leaflet_nl_{mode}.pdf", dpi=100))] == [URL]


@pytest.mark.parametrize("product", ["pocket-card", "checklist"])
def test_no_qr_code_where_no_layout_asks_for_one(built: Path, product: str) -> None:
    """A victim's card must stay discreet: no code that could be scanned by someone else."""
    for mode in ("press", "office"):
        path = built / "utrecht" / f"utrecht_{product}_nl_{mode}.pdf"
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        assert not any(codes(page_image(path, i)) for i in range(pages))


def assert_quiet_zone(image: Image.Image, code: zxingcpp.Barcode, size_mm: float) -> None:
    """The code is ``size_mm`` wide, its modules at least 0.5 mm, and the band of 4 modules
    around it is paper white on the rendered page."""
    pos = code.position
    corners = (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)
    near = (min(p.x for p in corners) - 8, min(p.y for p in corners) - 8, max(p.x for p in corners) + 9, max(p.y for p in corners) + 9)
    dark = image.crop(near).point(lambda v: 255 if v < 128 else 0).getbbox()  # the code's own extent: its finder patterns' edges
    assert dark is not None
    left, top, right, bottom = near[0] + dark[0], near[1] + dark[1], near[0] + dark[2], near[1] + dark[3]
    modules = 29  # version 3: 30 characters at error correction M
    module = (right - left) / modules
    assert module >= 0.5 / 25.4 * DPI * 0.97  # at least 0.5 mm a module
    assert right - left == pytest.approx(size_mm / 25.4 * DPI, abs=3)
    quiet = int(4 * module)  # whole pixels inside the band
    for x in range(left - quiet, right + quiet):
        for y in range(top - quiet, bottom + quiet):
            if not (left - 1 <= x < right + 1 and top - 1 <= y < bottom + 1):  # 1 pixel of anti-aliasing
                assert cast(int, image.getpixel((x, y))) >= 250, (x - left, y - top)


def test_the_code_is_vectors_in_black_ink_only_with_a_clear_quiet_zone(built: Path) -> None:
    path = built / "utrecht" / "utrecht_leaflet_nl_press.pdf"
    with pikepdf.open(path) as pdf:
        assert not list(images_of(pdf)), "the code must be vectors, not pixels"
        assert ("k", [0.0, 0.0, 0.0, 1.0]) in colour_operators(pdf)  # 100 % K, no rich black
    image = page_image(path)
    (code,) = codes(image)
    assert_quiet_zone(image, code, 20)
    # the code lines up with the text above it; its quiet zone lies in the panel's blank padding
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    text_left = next(w["x0"] for w in words if w["text"] == "Meer")
    top = min(p.y for p in (code.position.top_left, code.position.top_right))
    start = round(text_left / 72 * DPI) - 60  # from 7.6 mm left of the text edge, inside the panel
    row = image.crop((start, top + 2, start + 200, top + 4)).point(lambda v: 255 if v < 128 else 0).getbbox()
    assert row is not None  # a row through the top finder patterns
    assert start + row[0] == pytest.approx(text_left / 72 * DPI, abs=3)


def test_on_a_coloured_panel_the_quiet_zone_is_painted_white(project: Path, build_in: Callable[..., int]) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    edit(
        leaflet,
        "          - {type: pictogram, name: help, size: 46mm, colour: accent-soft}",
        '          - {type: qr, url: "{{ content.more_info.url }}", size: 18mm, align: center}',
    )
    assert build_in("--region", "utrecht", "--product", "leaflet") == 0
    image = page_image(project / "output/utrecht/utrecht_leaflet_nl_press.pdf")
    found = sorted(codes(image), key=lambda c: c.position.top_left.x)
    assert [c.text for c in found] == [URL, URL]
    assert_quiet_zone(image, found[0], 20)
    assert_quiet_zone(image, found[1], 18)  # on the blue cover


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://www.mensenhandelweb.nl/?utm_source=folder", "has a query or fragment; print a plain address without tracking parameters"),
        ("www.mensenhandelweb.nl#hulp", "has a query or fragment; print a plain address without tracking parameters"),
        ("bit.ly/3xYz", "is a link shortener; print the organisation's own address"),
        ("mensenhandel", "is not a web address; write it like www.example.nl"),
    ],
)
def test_a_qr_code_opens_only_a_plain_web_address(
    project: Path, broken: Callable[..., tuple[int, list[str]]], url: str, message: str
) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    edit(leaflet, 'url: "{{ content.more_info.url }}"', f'url: "{url}"')
    status, lines = broken()
    assert status == 1
    line = line_of(leaflet, "type: qr")
    assert f"{leaflet}:{line}: pages[0].panels[1].blocks[9].url: QR code: '{url}' {message}" in lines


def test_an_address_from_the_content_is_checked_on_its_own_line(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    content = project / "sources/content/nl.yaml"
    edit(content, "url: www.mensenhandelweb.nl", "url: www.mensenhandelweb.nl/?ref=folder")
    status, lines = broken()
    assert status == 1
    assert lines[0] == (
        f"{content}:{line_of(content, 'ref=folder')}: more_info.url: 'www.mensenhandelweb.nl/?ref=folder' has a query or fragment; "
        "print a plain address without tracking parameters"
    )


def test_a_qr_code_too_small_to_scan_or_too_wide_for_its_panel(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    edit(leaflet, "size: 20mm}", "size: 12mm}")
    line = line_of(leaflet, "type: qr")
    status, lines = broken()
    assert status == 1
    assert (
        lines[0] == f"{leaflet}:{line}: pages[0].panels[1].blocks[9].size: a QR code of 12.0 mm is too small to scan; make it at least 15mm"
    )
    edit(leaflet, "size: 12mm}", "size: 80mm}")
    status, lines = broken()
    assert status == 1
    assert (
        f"{leaflet}:{line}: pages[0].panels[1].blocks[9].size: the QR code with its quiet zone of 4 modules on every side "
        "needs 95.1 mm of the panel's width, more than panel 'back' has inside its padding (86.0 mm); make it smaller"
    ) in lines


def test_a_long_address_needs_a_larger_code(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    long_url = "www.mensenhandelweb.nl/" + "signalen-herkennen/" * 6
    edit(leaflet, 'url: "{{ content.more_info.url }}", size: 20mm', f'url: "{long_url}", size: 16mm')
    status, lines = broken()
    assert status == 1
    (problem,) = {line for line in lines if "modules" in line}  # the same for the press and the office file
    assert problem.startswith(f"{leaflet}:{line_of(leaflet, 'type: qr')}: pages[0].panels[1].blocks[9].size: the QR code for 'https://")
    assert "mm, below 0.5 mm; make it at least" in problem and problem.endswith("mm, or use a shorter address")
