"""The written PDFs, checked as a print shop and a reader would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.blocktext.templating import Templates
from generator.inputs.layouts import load_layouts
from generator.inputs.sources import load_sources
from generator.pdf.marks import SLUG
from tests.conftest import ROOT, TODAY, run
from tests.pdfs import MM, box_mm, chars_of, flat, lines_of, text_of

SOURCES = load_sources(ROOT / "sources", date.fromisoformat(TODAY))
LAYOUTS, _ = load_layouts(ROOT / "layouts", Templates())
COMPLETE = [rid for rid, e in SOURCES.regions.items() if e.status == "complete"]
PRODUCTS = ("leaflet", "pocket-card", "checklist")
DISCREET = [rid for rid in COMPLETE if (e := SOURCES.regions[rid].loaded) and e.model.discreet_card]


def regional_contact_data(rid: str) -> list[str]:
    region = SOURCES.regions[rid].loaded
    assert region is not None
    return [v for c in region.model.contacts for v in (c.phone, c.email) if v]


def national_contact_data(rid: str) -> list[str]:
    region = SOURCES.regions[rid].loaded
    assert region is not None and SOURCES.national is not None
    return [v for c in SOURCES.national.model.contacts if c.id in region.model.national for v in (c.phone, c.email) if v]


def pdfs(built: Path, rid: str) -> list[Path]:
    return sorted((built / rid).glob("*.pdf"))


def test_every_complete_region_gets_every_product_and_mode(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text())
    paths = {row["path"] for row in manifest["files"]}
    expected = {f"{r}/{r}_{p}_nl_{m}.pdf" for r in COMPLETE for p in PRODUCTS for m in ("press", "office")}
    expected |= {f"{r}/{r}_contact-card_nl_{m}.pdf" for r in DISCREET for m in ("press", "office")}  # only where asked for
    assert paths == expected
    assert not (built / "twente").exists()  # the draft is left out of the default build
    for row in manifest["files"]:
        assert (built / row["path"]).is_file()
        assert len(row["sha256"]) == 64 and len(row["inputs_sha256"]) == 64


@pytest.mark.parametrize("rid", COMPLETE)
def test_each_pdf_carries_its_own_regions_contacts_and_112(built: Path, rid: str) -> None:
    own = regional_contact_data(rid) + national_contact_data(rid)
    others = {v for other in COMPLETE if other != rid for v in regional_contact_data(other)} - set(own)
    assert own and others
    for pdf in pdfs(built, rid):
        if "_contact-card_" in pdf.name:
            continue  # prints only the contacts that do not give it away: tests/test_discreet.py
        text = flat(text_of(pdf))
        for value in own:
            assert value in text, f"{value} missing from {pdf.name}"
        for value in others:
            assert value not in text, f"{value} of another region printed on {pdf.name}"
        assert "112" in text


def test_contact_block_is_on_the_card_back_and_the_leaflet_back_panel(built: Path) -> None:
    for rid in COMPLETE:
        card = PdfReader(built / rid / f"{rid}_pocket-card_nl_press.pdf")
        back = flat(card.pages[1].extract_text())
        assert all(v in back for v in regional_contact_data(rid))
        assert "112" in flat(card.pages[0].extract_text())
        leaflet = built / rid / f"{rid}_leaflet_nl_press.pdf"
        back_panel = next(p for p in LAYOUTS["leaflet"].layout.pages[0].panels if p.name == "back")
        left = (SLUG + back_panel.x) / 1.0
        right = left + back_panel.width
        chars = chars_of(leaflet)[0]
        in_back = "".join(c["text"] for c in chars if left <= c["x0"] and c["x1"] <= right)
        for value in regional_contact_data(rid):
            assert value.replace(" ", "") in in_back.replace(" ", "")


@pytest.mark.parametrize("product", PRODUCTS)
def test_press_page_boxes(built: Path, product: str) -> None:
    layout = LAYOUTS[product].layout
    trim = (round(layout.trim.width / MM, 1), round(layout.trim.height / MM, 1))
    slug = SLUG / MM
    for rid in COMPLETE:
        reader = PdfReader(built / rid / f"{rid}_{product}_nl_press.pdf")
        assert len(reader.pages) == 2
        for page in reader.pages:
            x0, y0, x1, y1 = box_mm(page.trimbox)
            assert (round(x1 - x0, 1), round(y1 - y0, 1)) == trim
            bx0, _by0, _bx1, by1 = box_mm(page.bleedbox)
            assert (round(x0 - bx0, 1), round(by1 - y1, 1)) == (3.0, 3.0)
            mx0, _my0, mx1, _my1 = box_mm(page.mediabox)
            assert round(mx1 - mx0, 1) == round(trim[0] + 2 * slug, 1)


def test_office_sheets_are_a4(built: Path) -> None:
    for rid in COMPLETE:
        for product in PRODUCTS:
            reader = PdfReader(built / rid / f"{rid}_{product}_nl_office.pdf")
            for page in reader.pages:
                assert sorted(box_mm(page.mediabox)[2:]) == [210.0, 297.0]
                assert "/TrimBox" not in page or box_mm(page.trimbox) == box_mm(page.mediabox)


def test_all_fonts_are_embedded_truetype(built: Path) -> None:
    for pdf in sorted(built.rglob("*.pdf")):
        for page in PdfReader(pdf).pages:
            resources: Any = page["/Resources"]  # a pypdf DictionaryObject
            fonts = resources["/Font"]
            assert fonts
            for ref in fonts.values():
                font = ref.get_object()
                assert font["/Subtype"] == "/TrueType", pdf.name
                assert "/FontFile2" in font["/FontDescriptor"].get_object(), pdf.name


def _safe_rects(product: str, offset: float) -> list[list[tuple[float, float, float, float]]]:
    """Per page, each panel's safe area (panel minus padding) in pdfplumber coordinates."""
    layout = LAYOUTS[product].layout
    return [
        [
            (
                offset + p.x + p.padding.left,
                offset + p.y + p.padding.top,
                offset + p.x + p.width - p.padding.right,
                offset + p.y + p.height - p.padding.bottom,
            )
            for p in page.panels
        ]
        for page in layout.pages
    ]


@pytest.mark.parametrize(
    ("product", "mode"),
    [(p, m) for p in PRODUCTS for m in ("press", "office") if (p, m) != ("pocket-card", "office")],  # n-up: see the next test
)
def test_all_text_lies_inside_its_panels_safe_area(built: Path, product: str, mode: str) -> None:
    tolerance = 0.5
    for rid in COMPLETE:
        pdf = built / rid / f"{rid}_{product}_nl_{mode}.pdf"
        rects = _safe_rects(product, SLUG if mode == "press" else 0.0)
        for page_index, chars in enumerate(chars_of(pdf)):
            assert chars
            for c in chars:
                if not c["text"].strip():
                    continue
                inside = any(
                    x0 - tolerance <= c["x0"] and c["x1"] <= x1 + tolerance and y0 - tolerance <= c["top"] and c["bottom"] <= y1 + tolerance
                    for x0, y0, x1, y1 in rects[page_index]
                )
                assert inside, (
                    f"{c['text']!r} at ({c['x0']:.1f}, {c['top']:.1f}) outside every safe area on page {page_index + 1} of {pdf.name}"
                )


def test_office_cards_ten_to_a_sheet_with_backs_behind_fronts(built: Path) -> None:
    """Duplex: a card's back lands behind its front when the grid is centred on the sheet."""
    key = SOURCES.contents["nl"].model.card.key_message.split()[0]
    for rid in COMPLETE:
        pdf = built / rid / f"{rid}_pocket-card_nl_office.pdf"
        front, back = chars_of(pdf)
        width = 210 * MM
        assert flat(text_of(pdf)).count(key) == 10
        card_w = 85 * MM
        margin = (width - 2 * card_w) / 2
        for chars in (front, back):  # every character inside one of the two columns of cards, 3 mm from its edges
            for c in chars:
                column = 0 if c["x0"] < width / 2 else 1
                left = margin + column * card_w
                assert left + 3 * MM <= c["x0"] and c["x1"] <= left + card_w - 3 * MM
        assert len([c for c in front if c["text"] == key[0] and c["size"] >= 9]) == 10  # one key message per card


def test_card_text_keeps_3mm_from_the_trim(built: Path) -> None:
    for rid in COMPLETE:
        for page in chars_of(built / rid / f"{rid}_pocket-card_nl_press.pdf"):
            for c in page:
                assert c["x0"] >= SLUG + 3 * MM and c["x1"] <= SLUG + 82 * MM
                assert c["top"] >= SLUG + 3 * MM and c["bottom"] <= SLUG + 52 * MM


def test_type_is_never_below_the_minimum(built: Path) -> None:
    minimum = LAYOUTS["leaflet"].theme.min_size
    for pdf in sorted(built.rglob("*.pdf")):
        for page in chars_of(pdf):
            assert min(c["size"] for c in page) >= minimum - 0.01, pdf.name


def test_press_leaflet_has_fold_marks_at_the_folds_outside_the_trim(built: Path) -> None:
    layout = LAYOUTS["leaflet"].layout
    trim_top, trim_bottom = SLUG, SLUG + layout.trim.height
    for rid in COMPLETE:
        lines = lines_of(built / rid / f"{rid}_leaflet_nl_press.pdf")
        for page, page_lines in zip(layout.pages, lines, strict=True):
            assert page.folds
            for fold in page.folds:
                x = SLUG + fold
                marks = [ln for ln in page_lines if abs(ln["x0"] - x) < 0.2 and abs(ln["x1"] - x) < 0.2]
                assert any(ln["bottom"] <= trim_top - 3 * MM for ln in marks), "no fold mark above the trim"
                assert any(ln["top"] >= trim_bottom + 3 * MM for ln in marks), "no fold mark below the trim"
            for ln in page_lines:  # no vertical mark reaches into the trim or the bleed
                vertical = abs(ln["x0"] - ln["x1"]) < 0.01
                if vertical and SLUG - 3 * MM < ln["x0"] < SLUG + layout.trim.width + 3 * MM:
                    assert ln["bottom"] <= trim_top - 3 * MM or ln["top"] >= trim_bottom + 3 * MM


def test_roll_fold_panel_widths(built: Path) -> None:
    outside, inside = LAYOUTS["leaflet"].layout.pages
    # one width per column, from the trim edge or a fold: panels may stack in a column (the
    # cover's logo band) or sit inside one (the facts box), which does not make another column
    def columns(page: Any) -> list[float]:
        starts = [0.0, *page.folds]
        return [round(max(p.width for p in page.panels if abs(p.x - x) < 0.01) / MM, 1) for x in starts]

    widths_out, widths_in = columns(outside), columns(inside)
    assert 2.0 <= widths_out[1] - widths_out[0] <= 3.0  # the flap folds in: narrower
    assert widths_in == list(reversed(widths_out))  # each inside panel backs its outside panel


def test_checklist_office_has_one_form_field_per_signal_and_press_has_none(built: Path) -> None:
    groups = SOURCES.contents["nl"].model.signals
    signals = sum(len(g.items) for g in (groups.all_forms, groups.domestic, groups.cross_border, groups.behaviour, groups.work))
    for rid in COMPLETE:
        office = PdfReader(built / rid / f"{rid}_checklist_nl_office.pdf")
        fields = office.get_fields() or {}
        assert len(fields) == signals
        assert all(f.get("/FT") == "/Btn" for f in fields.values())
        press = PdfReader(built / rid / f"{rid}_checklist_nl_press.pdf")
        assert not press.get_fields()
        # the printed boxes are there in both: one square per signal on page 1
        for pdf in (built / rid / f"{rid}_checklist_nl_press.pdf", built / rid / f"{rid}_checklist_nl_office.pdf"):
            import pdfplumber

            with pdfplumber.open(pdf) as doc:
                squares = [r for r in doc.pages[0].rects if abs(r["width"] - r["height"]) < 0.1 and 2 * MM < r["width"] < 5 * MM]
            assert len(squares) == signals


def test_same_inputs_give_identical_bytes(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run("build", "--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(again)) == 0
    for pdf in sorted(built.rglob("*.pdf")):
        assert pdf.read_bytes() == (again / pdf.relative_to(built)).read_bytes(), pdf.name
    assert (built / "manifest.json").read_bytes() == (again / "manifest.json").read_bytes()


def test_draft_named_on_the_command_line_is_built_with_a_concept_watermark(built_draft: Path) -> None:
    card = built_draft / "twente" / "twente_pocket-card_nl_press.pdf"
    label = SOURCES.contents["nl"].model.labels.draft
    reader = PdfReader(card)
    for page in reader.pages:
        assert label in page.extract_text()
    manifest = json.loads((built_draft / "manifest.json").read_text())
    assert all(row["draft"] for row in manifest["files"])
