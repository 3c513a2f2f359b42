"""Refresh the PNG previews in docs/ from a fresh build of the sample region Utrecht.

Run with `make previews`. The pictures in the README are these files.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.cli import main
from generator.proofing.preview import render_previews

ROOT = Path(__file__).resolve().parent.parent
PICK = [
    ("utrecht_pocket-card_nl_press.pdf", 200),
    ("utrecht_pocket-card_nl_office.pdf", 50),
    ("utrecht_contact-card_nl_press.pdf", 200),
    ("utrecht_leaflet_nl_press.pdf", 70),
    ("utrecht_checklist_nl_office.pdf", 60),
]

with tempfile.TemporaryDirectory() as tmp:
    out = Path(tmp)
    assert (
        main(
            [
                "build",
                "--sources",
                str(ROOT / "sources"),
                "--layouts",
                str(ROOT / "layouts"),
                "--out",
                str(out),
                "--region",
                "utrecht",
                "--region",
                "twente",
                "--product",
                "pocket-card",
                "--product",
                "leaflet",
                "--product",
                "checklist",
                "--product",
                "contact-card",
            ]
        )
        == 0
    )
    docs = ROOT / "docs"
    for name, dpi in PICK:
        for png in render_previews(out / "utrecht" / name, out / "png", dpi):
            shutil.copy(png, docs / png.name)
            print(f"docs/{png.name}")
    for png in render_previews(out / "twente" / "twente_pocket-card_nl_press.pdf", out / "png", 120)[:1]:
        shutil.copy(png, docs / png.name)
        print(f"docs/{png.name}")
    from generator.blocktext.templating import Templates
    from generator.inputs.layouts import load_layouts
    from generator.proofing.preview import guides_for

    leaflet = load_layouts(ROOT / "layouts", Templates())[0]["leaflet"].layout
    guides = [guides_for(leaflet, "press", i) for i in range(len(leaflet.pages))]
    for png in render_previews(out / "utrecht" / "utrecht_leaflet_nl_press.pdf", out / "guides", 70, guides):
        target = docs / png.name.replace("-p", "-guides-p")
        shutil.copy(png, target)
        print(f"docs/{target.name}")
    browser = shutil.which("chromium")
    if browser:  # a picture of the proof page, as a regional organisation sees it
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={out / 'profile'}",
            "--window-size=1200,1250",
        ]
        shot = docs / "proof-page.png"
        subprocess.run(
            [browser, *flags, f"--screenshot={shot}", (out / "utrecht" / "index.html").as_uri()], capture_output=True, timeout=120
        )
        print(f"docs/{shot.name}")
        # The web edition on a phone (390 x 844 CSS px, drawn at 2x like a phone's screen: the top of
        # the page, and scrolled to the contacts as its table of contents does) and on a desktop.
        import sys

        sys.path.insert(0, str(ROOT))  # the tests' own small DevTools driver (tests/browser.py)
        from tests.browser import Browser

        web = (out / "utrecht" / "web" / "nl" / "index.html").as_uri()
        with Browser(browser, out / "cdp-profile") as chromium:
            for name, width, height, scale, anchor in [
                ("web-phone.png", 390, 844, 2, ""),
                ("web-phone-contacts.png", 390, 844, 2, "contacts"),
                ("web-desktop.png", 1280, 900, 1, ""),
            ]:
                tab = chromium.tab(width, height)
                metrics = {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False}
                tab.send("Emulation.setDeviceMetricsOverride", metrics)
                tab.open(web)
                if anchor:
                    tab.evaluate(f"location.hash = '{anchor}'")
                tab.screenshot(docs / name)
                tab.close()
                print(f"docs/{name}")

# The leaflet's back and cover with a neutral test logo (the sample regions have none: their
# organisations' marks are not ours to ship), its QR code and its pictograms.
TEST_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100" width="300" height="100">
<rect x="2" y="2" width="96" height="96" rx="16" fill="#e6501e"/>
<circle cx="50" cy="50" r="22" fill="#ffffff"/>
<rect x="115" y="25" width="180" height="18" fill="#282828"/>
<rect x="115" y="58" width="125" height="18" fill="#0078aa"/>
</svg>
"""

with tempfile.TemporaryDirectory() as tmp:
    import pypdfium2 as pdfium

    from generator.pdf.marks import SLUG

    root = Path(tmp)
    shutil.copytree(ROOT / "sources", root / "sources")
    (root / "sources" / "logos").mkdir(exist_ok=True)
    (root / "sources" / "logos" / "test-logo.svg").write_text(TEST_LOGO, encoding="utf-8")
    region = root / "sources" / "regions" / "utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("\ncontacts:", "\nlogo: test-logo.svg\ncontacts:", 1), encoding="utf-8")
    common = ["--sources", str(root / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(root / "out")]
    assert main(["build", *common, "--region", "utrecht", "--product", "leaflet", "--mode", "press", "--no-proof"]) == 0
    dpi = 110
    pdf = pdfium.PdfDocument(root / "out" / "utrecht" / "utrecht_leaflet_nl_press.pdf")
    page = pdf[0].render(scale=dpi / 72).to_pil()
    mm = dpi / 25.4
    top = SLUG * dpi / 72
    left = top + 97 * mm  # from the fold between flap and back to the cover's trim, with the bleed
    picture = page.crop((round(left), round(top - 3 * mm), round(top + 300 * mm), round(top + 213 * mm)))
    picture.save(ROOT / "docs" / "leaflet-cover-with-logo.png", optimize=True)
    pdf.close()
    print("docs/leaflet-cover-with-logo.png")
