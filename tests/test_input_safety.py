"""No input puts active content or a lookalike address into what is published (issue #21, 5).

- An SVG logo with a script, an event handler, an external entity, a reference to another
  file (and the other active parts inputs/svg_files.py names) is refused at input with one
  line, exit 1, and nothing written. A clean SVG logo builds, and the web edition serves it as
  a PNG drawn from it: opened in headless Chromium, nothing the web folder holds runs a script,
  while the same scripted SVG opened as it came does (so the check can fail).
- A web address that opens another host than it shows (``user@``, ``xn--`` lookalikes, an IP,
  a port, a backslash) is refused by name, as a contact's ``web:``, as the QR code's address
  and as an email's domain, through the command line as a coordinator runs it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import cast

import idna
import pytest
from PIL import Image

from tests.browser import Browser
from tests.conftest import TODAY, edit, line_of, run, tree_digest
from tests.logos import ORANGE, give_logo, svg_logo

SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
DRAWING = '<rect x="0" y="0" width="100" height="50" fill="#e6501e"/>'
RAN = "ran"  # what a script in a test file sets document.title to


def svg(body: str, attrs: str = "", before: str = "") -> str:
    return f'{before}<svg {SVG_NS} viewBox="0 0 100 50" width="100" height="50"{attrs}>{DRAWING}{body}</svg>\n'


# (file content, the start of the message after the file's name)
ACTIVE = {
    "script": (svg(f"<script>document.title = '{RAN}'</script>"), "holds a script (<script>), which a browser would run or follow"),
    "onload": (svg("", f" onload=\"document.title = '{RAN}'\""), "has an event handler (onload= on <svg>), which a browser would run"),
    "external-entity": (
        svg("<desc>&x;</desc>", before='<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'),
        "declares entities in its DOCTYPE (<!ENTITY x …>), which can make a reader open other files",
    ),
    "entity-expansion": (
        svg("<desc>&b;</desc>", before='<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'),
        "declares entities in its DOCTYPE (<!ENTITY a …>)",
    ),
    "external-href": (
        svg('<use href="https://example.invalid/mark.svg#m"/>'),
        "refers to another file (https://example.invalid/mark.svg#m); put everything in the one SVG file",
    ),
    "xlink-file": (
        svg('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="file:///etc/passwd#x"/>'),
        "refers to another file (file:///etc/passwd#x)",
    ),
    "css-url": (svg("<style>rect { fill: url(https://example.invalid/p.svg#g) }</style>"), "refers to another file (https://example.invalid/p.svg#g)"),
    "foreign-object": (
        svg('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'),
        "holds HTML inside the drawing (<foreignObject>)",
    ),
    "xhtml-script": (
        svg(f'<h:script xmlns:h="http://www.w3.org/1999/xhtml">document.title = "{RAN}"</h:script>'),
        "holds a script (<script>)",
    ),
    "animation": (svg('<set attributeName="fill" to="red" begin="0s"/>'), "holds an animation (<set>)"),
    "stylesheet": (
        svg("", before='<?xml-stylesheet href="https://example.invalid/x.css"?>\n'),
        "loads a style sheet (<?xml-stylesheet …?>)",
    ),
}


def drukwerk(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m generator`` in the project folder, as a coordinator runs it."""
    dated = ["--today", TODAY] if args[0] in ("build", "validate") else []
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, *dated], cwd=project, capture_output=True, text=True, timeout=300, check=False
    )


def refused(project: Path, *args: str) -> list[str]:
    """Build as asked and expect a refusal: exit 1, no traceback, no PDF and no web page written;
    the lines of its error output."""
    done = drukwerk(project, "build", "--region", "utrecht", "--no-proof", *args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    out = project / "output"
    assert not list(out.rglob("*.pdf")) and not (out / "utrecht" / "web").exists(), "a refused build wrote files"
    return [line for line in done.stderr.splitlines() if line.strip()]


# --- SVG logos -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(ACTIVE))
def test_an_svg_logo_with_active_content_is_refused_at_input(project: Path, case: str) -> None:
    content, message = ACTIVE[case]
    (project / "sources/logos").mkdir(exist_ok=True)
    (project / "sources/logos/mark.svg").write_text(content, encoding="utf-8")
    give_logo(project, "utrecht", "mark.svg")
    line = line_of(project / "sources/regions/utrecht.yaml", "logo:")
    lines = refused(project)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"sources/regions/utrecht.yaml:{line}: logo: sources/logos/mark.svg {message}"), lines[0]
    assert "root:" not in lines[0]  # nothing of /etc/passwd was read into the message


def test_validate_refuses_it_too_and_names_what_to_do(project: Path) -> None:
    (project / "sources/logos").mkdir(exist_ok=True)
    (project / "sources/logos/mark.svg").write_text(ACTIVE["script"][0], encoding="utf-8")
    give_logo(project, "utrecht", "mark.svg")
    done = drukwerk(project, "validate")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    problem = next(line for line in (done.stdout + done.stderr).splitlines() if "mark.svg" in line)
    assert problem.endswith("remove it, or save it again as plain SVG of paths only (in Inkscape: Save As, Plain SVG)")


def test_a_refused_logo_leaves_the_published_edition_as_it_was(project: Path, build_in: Callable[..., int]) -> None:
    """Built cleanly with a clean SVG logo, then the file replaced by a scripted one: the build
    stops and every file it had written stays as it was."""
    svg_logo(project / "sources/logos/mark.svg")
    give_logo(project, "utrecht", "mark.svg")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--no-proof") == 0
    before = tree_digest(project / "output")
    (project / "sources/logos/mark.svg").write_text(ACTIVE["onload"][0], encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--no-proof") == 1
    assert tree_digest(project / "output") == before


def test_a_layout_picture_and_a_web_layout_picture_are_read_the_same_way(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    (project / "layouts/images").mkdir(exist_ok=True)
    (project / "layouts/images/ribbon.svg").write_text(ACTIVE["external-entity"][0], encoding="utf-8")
    edit(leaflet, '{type: qr, url: "{{ content.more_info.url }}", size: 20mm}', "{type: image, src: images/ribbon.svg}")
    (project / "layouts/web/mark.svg").write_text(ACTIVE["script"][0], encoding="utf-8")
    common = ("--sources", str(project / "sources"), "--layouts", str(project / "layouts"), "--out", str(project / "output"))
    assert run("build", *common, "--region", "utrecht", "--product", "leaflet", "--no-proof") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{project}/layouts/web/mark.svg: holds a script (<script>)" in err
    assert not list((project / "output").rglob("*.pdf"))
    # without the web layout's picture, the leaflet's own is refused on its block's line
    (project / "layouts/web/mark.svg").unlink()
    assert run("build", *common, "--region", "utrecht", "--product", "leaflet", "--no-proof") == 1
    err = capsys.readouterr().err
    where = f"{leaflet}:{line_of(leaflet, 'images/ribbon.svg')}: pages[0].panels[1].blocks[9].src: {project}/layouts/images/ribbon.svg"
    assert f"{where} declares entities in its DOCTYPE (<!ENTITY x …>)" in err, err


def test_a_clean_svg_logo_is_served_as_a_picture_that_cannot_run(project: Path, build_in: Callable[..., int], browser: Browser) -> None:
    svg_logo(project / "sources/logos/mark.svg")
    give_logo(project, "utrecht", "mark.svg")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--no-proof") == 0
    web = project / "output/utrecht/web/nl"
    assert sorted(p.name for p in web.iterdir()) == ["index.html", "logo.png", "style.css"]  # no SVG is served
    logo = (web / "logo.png").read_bytes()
    assert logo.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" not in logo.lower() and b"script" not in logo.lower()
    with Image.open(web / "logo.png") as image:
        assert image.size == (672, 224)  # the 300 × 100 drawing at 2.24 px a unit: the box of web/logo.py
        rgba = image.convert("RGBA")
        assert rgba.getpixel((40, 40)) == (*ORANGE, 255)  # the drawing's own colour, in RGB
        assert rgba.getpixel((671, 0)) == (255, 255, 255, 0)  # transparent around the drawing

    tab = browser.tab()
    try:
        # The control: the scripted logo opened as it came runs its script in this browser.
        raw = project / "scripted.svg"
        raw.write_text(ACTIVE["script"][0], encoding="utf-8")
        tab.open(raw.as_uri())
        assert tab.evaluate("document.title") == RAN
        # What is published: the page shows the PNG, and nothing in the folder runs a script.
        tab.open((web / "index.html").as_uri())
        assert tab.evaluate("document.title") != RAN
        shown = "(() => { const i = document.querySelector('img.logo'); return [i.complete, i.naturalWidth, i.src.split('/').pop()]; })()"
        assert tab.evaluate(shown) == [True, 672, "logo.png"]
        for served in sorted(web.iterdir()):
            tab.open(served.as_uri())
            assert tab.evaluate("document.title") != RAN, served
            assert tab.evaluate("document.querySelectorAll('script').length") == (1 if served.suffix == ".html" else 0), served
    finally:
        tab.close()
    page = (web / "index.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1  # the quick exit's own, from the template; none from the logo


def test_a_png_logo_is_served_with_its_pixels_only(project: Path, build_in: Callable[..., int]) -> None:
    """A PNG's text chunks (here: who made it and where) are not published with the page."""
    from PIL import PngImagePlugin

    (project / "sources/logos").mkdir(exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "designer's name")
    info.add_text("Comment", "<script>alert(1)</script>")
    Image.new("RGB", (1200, 400), ORANGE).save(project / "sources/logos/mark.png", pnginfo=info)
    give_logo(project, "utrecht", "mark.png")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--no-proof") == 0
    served = project / "output/utrecht/web/nl/logo.png"
    assert b"designer" not in served.read_bytes() and b"script" not in served.read_bytes()
    with Image.open(served) as image:
        assert image.size == (672, 224) and image.convert("RGB").getpixel((300, 100)) == ORANGE
        assert not image.text  # type: ignore[attr-defined]


def test_a_jpeg_logo_is_served_turned_as_printed_without_its_camera_data(project: Path, build_in: Callable[..., int]) -> None:
    (project / "sources/logos").mkdir(exist_ok=True)
    image = Image.new("RGB", (1200, 400), ORANGE)
    image.paste((0, 0, 255), (600, 0, 1200, 400))  # the right half blue
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was held turned; shown turned 90° clockwise
    exif[0x013B] = "designer's name"  # Artist
    image.save(project / "sources/logos/mark.jpg", exif=exif, comment=b"taken at the shelter", quality=95)
    give_logo(project, "utrecht", "mark.jpg")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--no-proof") == 0
    web = project / "output/utrecht/web/nl"
    assert sorted(p.name for p in web.iterdir()) == ["index.html", "logo.jpg", "style.css"]
    data = (web / "logo.jpg").read_bytes()
    assert b"designer" not in data and b"shelter" not in data
    with Image.open(web / "logo.jpg") as served:
        assert served.size == (80, 240)  # 400 × 1200 as shown, scaled into the box
        assert not served.getexif() and "comment" not in served.info
        rgb = served.convert("RGB")
        top, bottom = cast(tuple[int, int, int], rgb.getpixel((40, 20))), cast(tuple[int, int, int], rgb.getpixel((40, 220)))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]  # the left half (orange) on top, as the PDFs print it


# --- web addresses -------------------------------------------------------------------------

LOOKALIKE = idna.encode("www.mensenhandelw\u0435b.nl").decode()  # Cyrillic е in "web": xn--…
USERINFO = "https://www.mensenhandelweb.nl@example.invalid/"

ADDRESSES = [
    (USERINFO, "opens example.invalid, not www.mensenhandelweb.nl: a browser skips what stands before @; remove the part before @"),
    ("https://info:geheim@www.mensenhandelweb.nl/", "opens www.mensenhandelweb.nl, not info:geheim: a browser skips what stands before @"),
    (LOOKALIKE, f"opens www.mensenhandelw\u0435b.nl ({LOOKALIKE}), which only looks like a Latin address: its character U+0435"),
    ("https://example.invalid\\@www.mensenhandelweb.nl/", "holds a backslash (\\), which a browser reads as /"),
    ("https://192.0.2.7/hulp", "opens the IP address 192.0.2.7, not a named site; print the organisation's web address"),
    ("www.mensenhandelweb.nl:8443", "names a port (:8443), which the printed address leaves out; write the address without it"),
    ("javascript:alert(1)", "is not a web address (javascript: is not http or https)"),
]


@pytest.mark.parametrize(("address", "message"), ADDRESSES[:3])
def test_a_contacts_web_address_that_opens_another_host_is_refused_by_name(project: Path, address: str, message: str) -> None:
    region = project / "sources/regions/utrecht.yaml"
    edit(region, "    email: veiligthuis@samen-veilig.nl\n", f"    email: veiligthuis@samen-veilig.nl\n    web: '{address}'\n")
    lines = refused(project)
    expected = f"sources/regions/utrecht.yaml:{line_of(region, 'web:')}: contacts[0].web: '{address}' {message}"
    assert len(lines) == 1 and lines[0].startswith(expected), lines


@pytest.mark.parametrize(("address", "message"), ADDRESSES)
def test_a_qr_address_that_opens_another_host_is_refused_by_name(project: Path, address: str, message: str) -> None:
    leaflet = project / "layouts/leaflet.yaml"
    written = address.replace("\\", "\\\\")  # inside YAML double quotes
    edit(leaflet, 'url: "{{ content.more_info.url }}"', f'url: "{written}"')
    lines = refused(project, "--product", "leaflet")
    expected = f"layouts/leaflet.yaml:{line_of(leaflet, 'type: qr')}: pages[0].panels[1].blocks[9].url: QR code: '{address}' {message}"
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_the_content_address_behind_the_qr_code_is_refused_on_its_own_line(project: Path) -> None:
    content = project / "sources/content/nl.yaml"
    edit(content, "url: www.mensenhandelweb.nl", f"url: {USERINFO}")
    lines = refused(project, "--product", "leaflet")
    where = f"sources/content/nl.yaml:{line_of(content, USERINFO)}: more_info.url"
    assert lines[0].startswith(f"{where}: '{USERINFO}' opens example.invalid, not www.mensenhandelweb.nl"), lines


def test_an_email_domain_written_as_xn_is_checked_like_a_host(project: Path) -> None:
    lookalike = idna.encode("samen-v\u0435ilig.nl").decode()
    region = project / "sources/regions/utrecht.yaml"
    edit(region, "email: veiligthuis@samen-veilig.nl", f"email: veiligthuis@{lookalike}")
    lines = refused(project)
    assert lines == [
        f"sources/regions/utrecht.yaml:{line_of(region, lookalike)}: contacts[0].email: 'veiligthuis@{lookalike}' is sent to "
        f"samen-v\u0435ilig.nl ({lookalike}), which only looks like a Latin address: its character U+0435 (CYRILLIC SMALL LETTER IE) "
        "at position 8 is a Cyrillic letter that looks like Latin 'e'; print the organisation's own address, checked against its source"
    ]


def test_a_plain_latin_address_with_accents_is_printed() -> None:
    """Accented Latin letters look like what they are; a lookalike check that refused them would be wrong."""
    from generator.inputs.source_models import web_link

    assert web_link("www.café-utrecht.nl/hulp") == "https://www.café-utrecht.nl/hulp"
    assert web_link("https://www.mensenhandelweb.nl/") == "https://www.mensenhandelweb.nl"


def test_the_quick_exit_opens_the_site_it_names(project: Path) -> None:
    """The quick exit must leave for the neutral site it shows, not for one hidden after ``@``."""
    settings = project / "sources/settings.yaml"
    address = "https://www.google.com@example.invalid/"
    edit(settings, "quick_exit_url: https://www.google.com", f"quick_exit_url: {address}")
    lines = refused(project)
    where = f"sources/settings.yaml:{line_of(settings, 'quick_exit_url')}: quick_exit_url"
    assert lines[0].startswith(f"{where}: '{address}' opens example.invalid, not www.google.com"), lines


def test_an_svg_logo_an_earlier_version_published_is_taken_down(project: Path, build_in: Callable[..., int]) -> None:
    """An output folder from before this check may hold the logo as it came (``logo.svg``); it
    comes down at the next build, also when the region itself now fails."""
    import json

    svg_logo(project / "sources/logos/mark.svg")
    give_logo(project, "utrecht", "mark.svg")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--no-proof") == 0
    out = project / "output"
    old = out / "utrecht/web/nl/logo.svg"  # as the earlier version wrote it, listed in the manifest
    old.write_text(ACTIVE["script"][0], encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["web"][0]["files"]["utrecht/web/nl/logo.svg"] = "0" * 64
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (project / "sources/logos/mark.svg").write_text(ACTIVE["script"][0], encoding="utf-8")  # the region now fails
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--no-proof") == 1
    assert not old.exists()
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["web"]
    assert not [rel for row in rows for rel in row["files"] if rel.endswith(".svg")]
