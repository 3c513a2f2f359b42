"""Neutral test logos, made by the tests (the sample regions' own marks are not ours to ship)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

# Flat colours of the test logo, and what the plain conversion makes of them (C, M, Y, K in %).
ORANGE = (230, 80, 30)
BLUE = (0, 120, 170)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100" width="300" height="100">
<rect x="2" y="2" width="96" height="96" rx="16" fill="#e6501e"/>
<circle cx="50" cy="50" r="22" fill="#ffffff"/>
<rect x="115" y="25" width="180" height="18" fill="#282828"/>
<rect x="115" y="58" width="125" height="18" style="fill: rgb(0, 120, 170)"/>
</svg>
"""


def png_logo(path: Path, width: int = 1200, height: int = 400, alpha: bool = True) -> Path:
    """An RGB(A) PNG: an orange tile with a white dot, two bars; transparent around them."""
    image = Image.new("RGBA" if alpha else "RGB", (width, height), (0, 0, 0, 0) if alpha else (255, 255, 255))
    draw = ImageDraw.Draw(image)
    s = height / 400
    draw.rounded_rectangle((10 * s, 10 * s, 390 * s, 390 * s), radius=60 * s, fill=ORANGE)
    draw.ellipse((110 * s, 110 * s, 290 * s, 290 * s), fill=(255, 255, 255))
    draw.rectangle((450 * s, 100 * s, width - 20 * s, 170 * s), fill=(40, 40, 40))
    draw.rectangle((450 * s, 230 * s, 950 * s, 300 * s), fill=BLUE)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def svg_logo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SVG, encoding="utf-8")
    return path


def give_logo(project: Path, region: str, logo: str) -> None:
    """Name ``logo`` (a file in sources/logos/) in the region file, after its organisation."""
    path = project / "sources" / "regions" / f"{region}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("logo:")]
    at = next(i for i, line in enumerate(lines) if line.startswith("organisation:"))
    lines.insert(at + 1, f"logo: {logo}\n")
    path.write_text("".join(lines), encoding="utf-8")
