"""Images and a region's logo: CMYK in every PDF, SVG kept vector, resolution checked, paths kept
inside their folders, a changed logo rebuilding exactly the files that show it."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, cast

import pikepdf
import pytest
from PIL import Image, ImageCms

from generator.batch.run import Request, run_build
from generator.engine.colour import naive_cmyk
from generator.pdf.marks import SLUG
from generator.warm import WarmState
from tests.conftest import TODAY, edit, line_of, tree_digest
from tests.logos import BLUE, ORANGE, give_logo, png_logo, svg_logo
from tests.pdfs import MM, chars_of

GHOSTSCRIPT_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


# The products that show the region's logo (the discreet card does not: a logo says whose card it is).
SHOW_LOGO = ("--product", "leaflet", "--product", "checklist")  # the pocket card names no sender (issue #21)

def images_of(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every image XObject of every page, also those inside form XObjects (the card sheet)."""
    seen: set[tuple[int, int]] = set()

    def walk(resources: Any) -> Iterator[Any]:
        for _, xobject in (resources.get("/XObject") or {}).items():
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            if xobject.get("/Subtype") == "/Image":
                yield xobject
            elif xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                yield from walk(xobject.Resources)

    for page in pdf.pages:
        yield from walk(page.Resources)


def colour_operators(pdf: pikepdf.Pdf) -> list[tuple[str, list[float]]]:
    """Every colour set in every content stream (pages and forms): (operator, its numbers)."""
    found = []
    streams: list[Any] = list(pdf.pages)
    streams += [x for x in pdf.objects if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form"]
    for stream in streams:
        for instruction in pikepdf.parse_content_stream(stream):
            op = str(instruction.operator)
            if op in ("rg", "RG", "g", "G", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"):
                found.append((op, [float(v) for v in instruction.operands if not isinstance(v, pikepdf.Name)]))
    return found


def build(project: Path, warm: WarmState | None = None, out: str = "output", force: bool = False) -> object:
    request = Request(
        sources=project / "sources",
        layouts=project / "layouts",
        out=project / out,
        today=date.fromisoformat(TODAY),
        force=force,
    )
    return run_build(request, warm or WarmState())


def test_rgb_png_logo_is_cmyk_in_every_pdf_that_shows_it(project: Path) -> None:
    png_logo(project / "sources/logos/test-logo.png")
    give_logo(project, "utrecht", "test-logo.png")
    report = build(project)
    assert not report.failed  # type: ignore[attr-defined]
    expected = [round(100 * v) for v in naive_cmyk(*(c / 255 for c in ORANGE))]
    assert expected == [0, 65, 87, 10]
    with pikepdf.open(project / "output" / "utrecht" / "utrecht_pocket-card_nl_press.pdf") as pdf:
        assert not list(images_of(pdf))  # the card names no sender: it stays easy to keep (issue #21)
    for product in ("leaflet", "checklist"):
        for mode in ("press", "office"):
            with pikepdf.open(project / "output" / "utrecht" / f"utrecht_{product}_nl_{mode}.pdf") as pdf:
                images = list(images_of(pdf))
                assert len(images) == 1, (product, mode)
                image = images[0]
                assert image.ColorSpace == "/DeviceCMYK"
                assert "/SMask" not in image and "/Mask" not in image  # transparency flattened, as PDF/X-1a needs
                pixels = pikepdf.PdfImage(image).as_pil_image()
                assert pixels.mode == "CMYK"
                # the orange tile's middle, converted to ink: no cyan, 65 % magenta, 87 % yellow, 10 % black
                tile = cast(tuple[int, ...], pixels.getpixel((int(pixels.width * 0.04), int(pixels.height * 0.5))))
                assert [round(100 * v / 255) for v in tile] == pytest.approx(expected, abs=2)
                # transparent corners became paper: no ink at all
                assert pixels.getpixel((pixels.width - 1, 0)) == (0, 0, 0, 0)
                assert not [op for op, _ in colour_operators(pdf) if op in ("rg", "RG", "sc", "SC", "scn", "SCN", "cs", "CS")]
    # a region without a logo has no image at all
    with pikepdf.open(project / "output" / "hart-van-brabant" / "hart-van-brabant_leaflet_nl_press.pdf") as pdf:
        assert not list(images_of(pdf))


def test_svg_logo_stays_vector_in_cmyk(project: Path) -> None:
    svg_logo(project / "sources/logos/test-logo.svg")
    give_logo(project, "hart-van-brabant", "test-logo.svg")
    assert not build(project).failed  # type: ignore[attr-defined]
    orange = naive_cmyk(*(c / 255 for c in ORANGE))
    blue = naive_cmyk(*(c / 255 for c in BLUE))
    for product in ("leaflet", "checklist"):
        path = project / "output" / "hart-van-brabant" / f"hart-van-brabant_{product}_nl_press.pdf"
        with pikepdf.open(path) as pdf:
            assert not list(images_of(pdf)), "an SVG logo must not become pixels"
            operators = colour_operators(pdf)
            assert not [op for op, _ in operators if op in ("rg", "RG", "sc", "SC", "scn", "SCN")], "RGB colour in a press PDF"
            fills = [tuple(round(v, 3) for v in operands) for op, operands in operators if op == "k"]
            assert tuple(round(v, 3) for v in orange) in fills and tuple(round(v, 3) for v in blue) in fills, product
        # the same file without the logo has fewer filled shapes: the logo's paths are drawn
        with pikepdf.open(project / "output" / "utrecht" / f"utrecht_{product}_nl_press.pdf") as pdf:
            assert tuple(round(v, 3) for v in orange) not in [tuple(round(v, 3) for v in o) for op, o in colour_operators(pdf) if op == "k"]


def test_a_region_without_a_logo_gets_its_organisation_name_in_type(built: Path) -> None:
    def text_in(path: Path, page: int, left_mm: float, top_mm: float, bottom_mm: float) -> str:
        return "".join(  # spaces left out: the name may break over lines
            c["text"].strip()
            for c in chars_of(path)[page]
            if c["x0"] >= SLUG + left_mm * MM and SLUG + top_mm * MM <= c["top"] < SLUG + bottom_mm * MM
        )

    # the leaflet cover's white band, the checklist's top right corner; not the card back's foot:
    # the pocket card names no sender (issue #21)
    assert text_in(built / "utrecht/utrecht_leaflet_nl_press.pdf", 0, 197, 0, 36) == "VeiligThuisUtrecht"
    assert text_in(built / "hart-van-brabant/hart-van-brabant_checklist_nl_press.pdf", 0, 150, 0, 40) == "GemeenteTilburg"
    assert text_in(built / "utrecht/utrecht_pocket-card_nl_press.pdf", 1, 40, 48, 55) == ""


def test_too_small_logo_is_refused_with_its_ppi(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    png_logo(project / "sources/logos/klein.png", 40, 16)  # too small on every product: no file of Utrecht's is written
    give_logo(project, "utrecht", "klein.png")
    status, lines = broken(*SHOW_LOGO)
    region = project / "sources/regions/utrecht.yaml"
    logo = project / "sources/logos/klein.png"
    assert status == 1
    assert (
        f"{region}:{line_of(region, 'logo:')}: logo: {logo} is 40 × 16 pixels, 20 ppi at its printed size of 50.0 × 20.0 mm "
        "(utrecht leaflet); at least 150 ppi is needed (300 for a sharp print): use a larger file or an SVG"
    ) in lines
    assert all("utrecht" in line for line in lines[:-1])  # hart-van-brabant was built


def test_a_logo_below_300_ppi_prints_with_a_notice(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    png_logo(project / "sources/logos/midden.png", 500, 160)
    give_logo(project, "utrecht", "midden.png")
    assert build_in() == 0
    out = capsys.readouterr().out
    logo = project / "sources/logos/midden.png"
    said = f"{logo} is 500 × 160 pixels, 212 ppi at its printed size of 60.0 × 19.2 mm (utrecht leaflet); 300 ppi prints sharper"
    # the notice names the region file's line that chose the logo, as a problem would
    notice = next(line for line in out.splitlines() if line.endswith(said))
    assert re.fullmatch(rf"notice: {re.escape(str(project / 'sources/regions/utrecht.yaml'))}:\d+: {re.escape(said)}", notice)
    rows = {r["path"]: r for r in json.loads((project / "output/manifest.json").read_text())["files"]}
    assert rows["utrecht/utrecht_leaflet_nl_press.pdf"]["notices"] == [notice.removeprefix("notice: ")]
    assert "notices" not in rows["utrecht/utrecht_pocket-card_nl_press.pdf"]  # the card prints no logo


def _pdfs(built: list[str]) -> list[str]:
    """The PDFs a build wrote (the web pages that show the logo are rebuilt too)."""
    return sorted(path for path in built if path.endswith(".pdf"))


def test_a_changed_logo_rebuilds_exactly_the_files_that_show_it(project: Path) -> None:
    png_logo(project / "sources/logos/test-logo.png")
    give_logo(project, "utrecht", "test-logo.png")
    # Utrecht's pocket card without the logo: a layout of its own
    (project / "layouts/pocket-card-zonder-logo.yaml").write_text(
        "extends: pocket-card\n"
        "pages:\n"
        "  - name: back\n"
        "    panels:\n"
        "      - name: back\n"
        "        blocks:\n"
        '          - {type: heading, style: card-key, text: "{{ content.card.help_title }}"}\n'
        "          - {type: contacts, style: card-contacts, items: contacts}\n",
        encoding="utf-8",
    )
    region = project / "sources/regions/utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8") + "layouts: {pocket-card: pocket-card-zonder-logo}\n", encoding="utf-8")
    assert len(_pdfs(build(project).built)) == 14  # type: ignore[attr-defined]
    png_logo(project / "sources/logos/test-logo.png", 1200, 400, alpha=False)  # the same logo on white
    report = build(project)
    assert _pdfs(report.built) == [  # type: ignore[attr-defined]
        "utrecht/utrecht_checklist_nl_office.pdf",
        "utrecht/utrecht_checklist_nl_press.pdf",
        "utrecht/utrecht_leaflet_nl_office.pdf",
        "utrecht/utrecht_leaflet_nl_press.pdf",
    ]
    # a layout's own image is an input of every file made with that layout, and of no other
    (project / "layouts/images").mkdir()
    svg_logo(project / "layouts/images/merk.svg")
    checklist = project / "layouts/checklist.yaml"
    edit(
        checklist,
        '          - {type: heading, style: check-title, text: "{{ labels.contacts_title }}"}',
        "          - {type: image, src: images/merk.svg, width: 20mm}\n"
        '          - {type: heading, style: check-title, text: "{{ labels.contacts_title }}"}',
    )
    assert sorted(build(project).built) == sorted(p for p in tree_digest(project / "output") if "_checklist_" in p and p.endswith(".pdf"))  # type: ignore[attr-defined]
    (project / "layouts/images/merk.svg").write_text(
        (project / "layouts/images/merk.svg").read_text(encoding="utf-8").replace("#e6501e", "#1e50e6"), encoding="utf-8"
    )
    assert sorted(build(project).built) == sorted(p for p in tree_digest(project / "output") if "_checklist_" in p and p.endswith(".pdf"))  # type: ignore[attr-defined]


def test_same_bytes_with_and_without_the_warm_caches(project: Path) -> None:
    png_logo(project / "sources/logos/test-logo.png")
    svg_logo(project / "sources/logos/test-logo.svg")
    give_logo(project, "utrecht", "test-logo.png")
    give_logo(project, "hart-van-brabant", "test-logo.svg")
    warm = WarmState(reuse=True)
    build(project, warm, "warm")
    build(project, warm, "warm-again", force=True)  # images, drawings and QR codes now come from the caches
    build(project, WarmState(reuse=False), "cold")
    cold = {k: v for k, v in tree_digest(project / "cold").items() if k.endswith(".pdf")}
    assert cold and cold == {k: v for k, v in tree_digest(project / "warm-again").items() if k.endswith(".pdf")}


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("../gedeeld.png", "'../gedeeld.png': name a file in {logos} without folders, e.g. logo.svg"),
        ("/etc/logo.png", "'/etc/logo.png': name a file in {logos} without folders, e.g. logo.svg"),
        ("ontbreekt.png", "'ontbreekt.png' not found in {logos} (did you mean 'ontbreek.png'?); put the file there or correct the name"),
        ("logo.gif", "'logo.gif': '.gif' files are not supported; use PNG, JPEG or SVG"),
        ("link.png", "'link.png' is a link to a file outside {logos}; put the file itself there"),
    ],
)
def test_a_logo_must_be_a_file_in_sources_logos(
    project: Path, broken: Callable[..., tuple[int, list[str]]], logo: str, message: str
) -> None:
    logos = project / "sources/logos"
    png_logo(logos / "ontbreek.png")
    (logos / "logo.gif").write_bytes(b"GIF89a")
    outside = png_logo(project / "elders.png")
    os.symlink(outside, logos / "link.png")
    give_logo(project, "utrecht", logo)
    region = project / "sources/regions/utrecht.yaml"
    status, lines = broken(*SHOW_LOGO)
    assert status == 1
    assert f"{region}:{line_of(region, 'logo:')}: logo: {message.format(logos=logos)}" in lines


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "tekst.svg",
            f'{SVG_HEAD}<text x="2" y="20">Logo</text></svg>',
            "holds text; convert the text to outlines (paths) in the drawing program and save it again",
        ),
        ("kapot.svg", f'{SVG_HEAD}<rect width="10"', "is not a valid SVG file (line 1: "),
        (
            "verloop.svg",
            f'{SVG_HEAD}<defs><linearGradient id="g"/></defs><rect width="9" height="9" fill="url(#g)"/></svg>',
            "uses <linearGradient>, which does not convert to CMYK exactly; use flat colours, or a PNG",
        ),
        (
            "doorzichtig.svg",
            f'{SVG_HEAD}<rect width="9" height="9" fill="red" opacity="0.5"/></svg>',
            "uses transparency (opacity), which a press PDF cannot hold; use flat colours",
        ),
        (
            "foto.svg",
            f'{SVG_HEAD}<image href="foto.png" width="9" height="9"/></svg>',
            "holds a raster image; use that image as a PNG file, or an SVG of paths only",
        ),
        ("leeg.svg", f"{SVG_HEAD}</svg>", "draws nothing; export it again"),
        (
            "stiekem.png",
            f"{SVG_HEAD}<rect width='9' height='9'/></svg>",
            "is an SVG file named like a PNG file; correct the file name's ending",
        ),
        ("kapot.png", "\x89PNG\r\n\x1a\nnot really", "cannot be read as PNG ("),
        ("gif.jpg", "GIF89a", "is a GIF file; save it as PNG, JPEG or SVG"),
    ],
)
def test_a_logo_that_cannot_print_as_drawn_is_one_line(
    project: Path, broken: Callable[..., tuple[int, list[str]]], name: str, content: str, message: str
) -> None:
    path = project / "sources/logos" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("latin-1"))
    give_logo(project, "utrecht", name)
    region = project / "sources/regions/utrecht.yaml"
    status, lines = broken(*SHOW_LOGO)
    assert status == 1
    prefix = f"{region}:{line_of(region, 'logo:')}: logo: {path} "
    assert any(line.startswith(prefix + message) for line in lines), lines


def test_a_layout_image_stays_inside_layouts(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    png_logo(project / "sources/logos/test-logo.png")
    edit(
        leaflet,
        "          - {type: pictogram, name: help, size: 46mm, colour: accent-soft}",
        "          - {type: image, src: ../sources/logos/test-logo.png}",
    )
    status, lines = broken(*SHOW_LOGO)
    line = line_of(leaflet, "../sources/logos")
    assert status == 1
    assert lines[0] == (
        f"{leaflet}:{line}: pages[0].panels[3].blocks[0].src: '../sources/logos/test-logo.png' leads out of {project / 'layouts'} (..); "
        f"put the file inside {project / 'layouts'}"
    )
    edit(leaflet, "src: ../sources/logos/test-logo.png", 'src: "{{ region.name }}.png"')
    status, lines = broken(*SHOW_LOGO)
    assert lines[0] == (
        f"{leaflet}:{line}: pages[0].panels[3].blocks[0].src: write a file in layouts/ (e.g. images/logo.svg), "
        "or {{ region.logo }} for the region's logo"
    )


def test_an_icc_profile_that_is_not_cmyk_is_refused(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (project / "layouts/srgb.icc").write_bytes(srgb)
    theme = project / "layouts/theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "cmyk_profile: srgb.icc\n", encoding="utf-8")
    status, lines = broken(*SHOW_LOGO)
    assert status == 1
    assert lines[0] == (
        f"{theme}:{line_of(theme, 'cmyk_profile')}: cmyk_profile: 'srgb.icc' is a profile for RGB, not CMYK; "
        "name the print shop's CMYK output profile (such as ISO Coated v2)"
    )


@pytest.mark.skipif(not GHOSTSCRIPT_CMYK.exists(), reason="no CMYK ICC profile on this machine (Ghostscript's libgs-common has one)")
def test_with_an_icc_profile_images_are_converted_by_it(project: Path) -> None:
    shutil.copy(GHOSTSCRIPT_CMYK, project / "layouts/press.icc")
    theme = project / "layouts/theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "cmyk_profile: press.icc\n", encoding="utf-8")
    png_logo(project / "sources/logos/test-logo.png")
    give_logo(project, "utrecht", "test-logo.png")
    assert not build(project).failed  # type: ignore[attr-defined]
    with pikepdf.open(project / "output/utrecht/utrecht_leaflet_nl_press.pdf") as pdf:
        (image,) = images_of(pdf)
        pixels = pikepdf.PdfImage(image).as_pil_image()
    tile = pixels.getpixel((int(pixels.width * 0.04), int(pixels.height * 0.5)))
    # what LittleCMS makes of the orange with this profile, not the plain formula's [0, 166, 222, 25]
    reference = ImageCms.profileToProfile(
        Image.new("RGB", (1, 1), ORANGE),
        ImageCms.createProfile("sRGB"),
        ImageCms.ImageCmsProfile(io.BytesIO(GHOSTSCRIPT_CMYK.read_bytes())),
        outputMode="CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
    )
    assert reference is not None
    assert tile == pytest.approx(reference.getpixel((0, 0)), abs=3)
    assert tile != pytest.approx((0, 166, 222, 25), abs=3)
