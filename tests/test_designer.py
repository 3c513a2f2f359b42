"""The designer's loop: watch through errors, previews, the proof page in a real browser."""

from __future__ import annotations

import html.parser
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from generator.batch.request import Request
from generator.batch.watch import watch
from generator.cli import warm_state
from tests.browser import HEADLESS
from tests.conftest import TODAY, run


def _edits(project: Path, steps: list[tuple[str, str, str]]) -> Iterator[set[str]]:
    for rel, old, new in steps:
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        yield {rel}


def test_watch_survives_broken_yaml_and_a_fit_error_and_recovers(project: Path) -> None:
    region, layout = "sources/regions/utrecht.yaml", "layouts/pocket-card.yaml"
    steps = [
        (layout, "padding: 5mm", "padding: 4.5mm"),  # a designer's change: rebuilt
        (region, "name: Utrecht", "name: [Utrecht"),  # broken YAML: reported, nothing rebuilt
        (region, "name: [Utrecht", "name: Utrecht"),  # fixed
        (layout, "padding: 4.5mm", "padding: 16mm"),  # no longer fits: reported, last good file kept
        (layout, "padding: 16mm", "padding: 4mm"),  # fixed again
    ]
    lines: list[str] = []
    request = Request(
        sources=project / "sources",
        layouts=project / "layouts",
        out=project / "output",
        regions=("utrecht",),
        products=("pocket-card",),
        mode="press",
        today=date.fromisoformat(TODAY),
    )
    card = project / "output/utrecht/utrecht_pocket-card_nl_press.pdf"
    preview = project / "output/utrecht/preview/utrecht_pocket-card_nl_press-p1.png"
    watch(request, warm_state(), 40, lines.append, _edits(project, steps))
    statuses = [line for line in lines if not line.startswith("  ")]
    assert "rebuilt 1, previews 2, ok" in statuses[0]
    assert "rebuilt 1, previews 2, ok" in statuses[2]
    assert "rebuilt 0, previews 0, 1 failed, last good files kept" in statuses[3] and any("YAML syntax" in line for line in lines)
    assert "rebuilt 0" in statuses[4]
    assert "rebuilt 0, previews 0, 1 failed, last good files kept" in statuses[5]
    assert any("does not fit" in line and "mm short" in line for line in lines)
    assert "rebuilt 1, previews 2, ok" in statuses[6]
    assert card.exists() and preview.exists()


def test_watching_every_region_keeps_pdfs_and_proof_page_current_without_pngs(project: Path) -> None:
    region = "sources/regions/hart-van-brabant.yaml"
    lines: list[str] = []
    request = Request(sources=project / "sources", layouts=project / "layouts", out=project / "output", today=date.fromisoformat(TODAY))
    watch(request, warm_state(), 40, lines.append, _edits(project, [(region, "013 751 67 50", "013 751 67 51")]))
    statuses = [line for line in lines if not line.startswith("  ")]
    assert "rebuilt 14, previews 0, ok" in statuses[0] and "rebuilt 6, previews 0, ok" in statuses[2]
    assert not list((project / "output").glob("*/preview"))
    assert "013 751 6751" in (project / "output/hart-van-brabant/index.html").read_text(encoding="utf-8")


def test_preview_command_writes_pngs_with_guides(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    assert build_in("--region", "utrecht", "--product", "leaflet", "--mode", "press") == 0
    out = project / "output"
    assert run("preview", "--out", str(out), "--layouts", str(project / "layouts"), "--region", "utrecht", "--dpi", "50", "--guides") == 0
    pngs = sorted((out / "utrecht/preview").glob("*.png"))
    assert [p.name for p in pngs] == ["utrecht_leaflet_nl_press-p1.png", "utrecht_leaflet_nl_press-p2.png"]
    image = Image.open(pngs[0]).convert("RGB")
    assert image.size[0] == round((297 + 24) / 25.4 * 50)
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 24) or []}
    assert (0, 170, 255) in colours and (255, 0, 200) in colours  # safe-area and fold guides are drawn


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.images.append(values["src"] or "")
        if tag == "a":
            self.links.append(values["href"] or "")
        if tag == "script":
            self.scripts += 1


def test_proof_page_links_and_images_point_to_existing_files(built: Path) -> None:
    for index in [built / "index.html", *built.glob("*/index.html")]:
        parser = _Links()
        parser.feed(index.read_text(encoding="utf-8"))
        assert parser.images and parser.links and parser.scripts == 0
        for target in parser.images + parser.links:
            if not target.startswith("#"):
                assert (index.parent / target).is_file(), f"{index}: {target}"


def test_proof_page_in_headless_chromium(built: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed and could not be installed here (make test tries apt-get install chromium)")
    page = built / "utrecht" / "index.html"
    shot = tmp_path / "proof.png"
    flags = [
        *HEADLESS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=3000",
    ]
    # Every image must have loaded: the DOM after load says so through naturalWidth.
    check = (
        "<script>addEventListener('load', () => { document.title = [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        " ? 'IMAGES-OK' : 'IMAGES-BROKEN' })</script>"
    )
    probe = page.parent / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", check + "</body>"), encoding="utf-8")
    try:
        dom = subprocess.run([browser, *flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120).stdout
        subprocess.run(
            [browser, *flags, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120
        )
    finally:
        probe.unlink()
    assert "<title>IMAGES-OK</title>" in dom
    assert shot.stat().st_size > 10_000
