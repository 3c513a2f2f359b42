"""Where ink may go near an edge.

Office: a desktop printer cannot print the outer 5 mm of the sheet (and prints an uneven band
there), so no office page has ink within 5 mm of its edge: checked on rendered pixels (pypdfium2)
and on every drawn object's box (pdfplumber).

Press: a cut lands up to about a millimetre off the trim, so a filled shape either runs into the
bleed or keeps at least 5 mm from the trim; closer in, its white margins come out visibly unequal
(the pocket card's 112 banner sat 4 mm in).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, cast

import pdfplumber
import pypdfium2 as pdfium
import pytest

from tests.pdf_reading import draft_build
from tests.pdfs import MM

CLEAR = 5 * MM
SCALE = 3  # 216 dpi: a pixel is 0.12 mm


@pytest.fixture(scope="module")
def office_pdfs(built: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    files = sorted(built.glob("*/*_office.pdf")) + sorted(draft_build(tmp_path_factory).glob("*/*_office.pdf"))
    assert len(files) == 10  # utrecht, hart-van-brabant and the draft twente, three products each; utrecht's discreet card
    return files


def test_no_ink_in_the_outer_5mm_of_office_pages_rendered(office_pdfs: list[Path]) -> None:
    band = int((CLEAR - 0.2 * MM) * SCALE)  # a pixel's width short of 5 mm: anti-aliasing of ink at exactly 5 mm
    for path in office_pdfs:
        pdf = pdfium.PdfDocument(path)
        pdf.init_forms()  # the checklist's tick boxes are drawn too
        try:
            for number, page in enumerate(pdf, 1):
                image = page.render(scale=SCALE, may_draw_forms=True).to_pil().convert("L")
                w, h = image.size
                strips = {"left": (0, 0, band, h), "right": (w - band, 0, w, h), "top": (0, 0, w, band), "bottom": (0, h - band, w, h)}
                for side, box in strips.items():
                    darkest, _ = image.crop(box).getextrema()
                    assert darkest == 255, f"{path.name} page {number}: ink within 5 mm of the {side} edge"
        finally:
            pdf.close()


def test_no_drawn_object_in_the_outer_5mm_of_office_pages(office_pdfs: list[Path]) -> None:
    for path in office_pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                objects = [*page.rects, *page.lines, *page.curves, *page.images]
                # Upright characters only: a rotated one's box is the em square's bounding box, not its ink.
                objects += [c for c in page.chars if c["text"].strip() and c.get("upright", True)]
                assert objects, path.name
                for obj in objects:
                    edges = (obj["x0"], obj["top"], page.width - obj["x1"], page.height - obj["bottom"])
                    assert min(edges) >= CLEAR - 0.01, (
                        f"{path.name} page {page.page_number}: a {obj['object_type']} {min(edges) / MM:.1f} mm from the sheet edge"
                    )


def test_office_card_sheet_still_has_cut_marks_at_every_grid_line(built: Path) -> None:
    with pdfplumber.open(built / "utrecht/utrecht_pocket-card_nl_office.pdf") as pdf:
        page = pdf.pages[0]
        vertical = sorted({round(ln["x0"], 1) for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.01})
        horizontal = sorted({round(ln["top"], 1) for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.01})
        assert len(vertical) == 3 and len(horizontal) == 6  # two columns, five rows of 85 x 55 mm cards
        assert all(abs(b - a - 85 * MM) < 0.2 for a, b in itertools.pairwise(vertical))
        assert all(abs(b - a - 55 * MM) < 0.2 for a, b in itertools.pairwise(horizontal))
        assert min(ln["bottom"] - ln["top"] for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.01) >= 3 * MM  # long enough to see


def _press_fills(path: Path) -> list[tuple[int, dict, tuple[float, float, float, float], float]]:
    """(page, filled rectangle, trim box, bleed) in pdfplumber's top-down coordinates."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            trim, bleed = cast(Any, page).trimbox, cast(Any, page).bleedbox  # pdfplumber 0.11 has them; its type stubs not
            for rect in page.rects:
                if rect["fill"]:
                    out.append((page.page_number, dict(rect), trim, trim[0] - bleed[0]))
    return out


@pytest.mark.parametrize("product", ["pocket-card", "leaflet", "checklist"])
def test_press_fills_bleed_off_or_keep_5mm_from_the_trim(built: Path, product: str) -> None:
    for path in sorted(built.glob(f"*/*_{product}_nl_press.pdf")):
        for number, rect, (left, top, right, bottom), bleed in _press_fills(path):
            inside = {
                "left": rect["x0"] - left,
                "top": rect["top"] - top,
                "right": right - rect["x1"],
                "bottom": bottom - rect["bottom"],
            }
            for side, distance in inside.items():
                assert distance >= CLEAR - 0.01 or distance <= -bleed + 0.01, (
                    f"{path.name} page {number}: a fill's {side} edge {distance / MM:.1f} mm inside the trim"
                )


def test_the_pocket_card_front_keeps_5mm_from_the_trim(built: Path) -> None:
    # Every glyph on the front keeps 5 mm from the trim at the sides and the top; the 112 line at
    # the foot, white in the red bar that runs into the bleed (issue #21), keeps 3 mm from it.
    path = built / "utrecht/utrecht_pocket-card_nl_press.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        left, top, right, bottom = cast(Any, page).trimbox
        chars = [c for c in page.chars if c["text"].strip()]
    assert "112" in "".join(c["text"] for c in chars)
    for c in chars:
        baseline = page.height - c["matrix"][5]  # the line's foot: descenders may dip below it
        margins = (c["x0"] - left, c["top"] - top, right - c["x1"])
        assert all(m >= CLEAR - 0.01 for m in margins), (c["text"], [round(m / MM, 2) for m in margins])
        assert bottom - baseline >= 3 * MM, (c["text"], round((bottom - baseline) / MM, 2))
    assert max(c["bottom"] for c in chars if c["text"] == "2") - top > 40 * MM  # the 112 line is at the foot
