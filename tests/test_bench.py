"""The benchmark's floor draws the same text on the same pages as the build (else its ratio means nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from generator.devtools.bench import floor_spec, make_sources
from generator.warm import WarmState
from tests.conftest import ROOT, TODAY, run


def words(pdf: Path) -> list[list[str]]:
    return [sorted((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def test_floor_draws_the_text_of_every_page_the_build_made(tmp_path: Path) -> None:
    today = date.fromisoformat(TODAY)
    sources = make_sources(ROOT / "sources", tmp_path, 1, today)
    out = tmp_path / "out"
    assert run("build", "--sources", str(sources), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof") == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    spec = floor_spec(sources, ROOT / "layouts", manifest, today, tmp_path, WarmState())
    subprocess.run([sys.executable, "-m", "generator.devtools.floor", str(spec), str(tmp_path / "floor"), "1"], check=True)
    assert len(manifest) == 6
    for row in manifest:
        ours, floor = out / row["path"], tmp_path / "floor" / Path(row["path"]).name
        assert len(PdfReader(floor).pages) == row["pages"]
        assert words(floor) == words(ours)


def test_floor_draws_the_qr_code_and_pictograms_as_the_build_does(tmp_path: Path) -> None:
    """The QR code and pictograms cost drawing too: the floor draws them (the same operators)."""
    from tests.test_qr import codes, page_image

    today = date.fromisoformat(TODAY)
    sources = make_sources(ROOT / "sources", tmp_path, 1, today)
    out = tmp_path / "out"
    args = ["--sources", str(sources), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof", "--no-web"]
    assert run("build", *args, "--product", "leaflet", "--mode", "press") == 0
    assert not list(out.glob("*/web"))  # --no-web: PDFs only
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    spec = floor_spec(sources, ROOT / "layouts", manifest, today, tmp_path, WarmState())
    subprocess.run([sys.executable, "-m", "generator.devtools.floor", str(spec), str(tmp_path / "floor"), "1"], check=True)
    ours, floor = out / manifest[0]["path"], tmp_path / "floor" / Path(manifest[0]["path"]).name
    assert [c.text for c in codes(page_image(floor))] == [c.text for c in codes(page_image(ours))] != []
    graphics = json.loads(spec.read_text(encoding="utf-8"))["jobs"][0]["pages"][0]["graphics"]
    assert len(graphics) >= 2 and all(" re" in g or " c" in g or " l" in g for g in graphics)  # paths, not text
