"""The design pass (#12 item 8), read back from the sample PDFs: what a designer signed off on.

Phone numbers on the pocket card are bold and at least 8.5 pt, on the leaflet bold and 10 pt or
more; the definition has a heading of its own in every language; the leaflet's panel and contact
headings share one style; the card front has no red banner; no leaflet panel is left mostly
empty, nor is a checklist panel; the signals caution is set as a statement, not in small grey type.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
import yaml

from generator.pdf.marks import SLUG

ROOT = Path(__file__).resolve().parent.parent
THEME = yaml.safe_load((ROOT / "layouts/theme.yaml").read_text(encoding="utf-8"))
REGIONS = ["utrecht", "hart-van-brabant"]


def _cmyk(name: str) -> tuple[float, ...]:
    return tuple(round(v / 100, 4) for v in THEME["colours"][name])


def _phones(region: str) -> list[str]:
    data = yaml.safe_load((ROOT / f"sources/regions/{region}.yaml").read_text(encoding="utf-8"))
    national = yaml.safe_load((ROOT / "sources/national.yaml").read_text(encoding="utf-8"))
    wanted = set(data.get("national") or [c.get("id") for c in national["contacts"]])
    phones = [c["phone"] for c in data.get("contacts", []) if c.get("phone")]
    phones += [c["phone"] for c in national["contacts"] if c.get("phone") and (c.get("id") in wanted or not c.get("id"))]
    return phones


def _digit_runs(chars: list[dict], digits: str) -> list[list[dict]]:
    """Every run of printed characters whose digits, spaces and dashes skipped, spell `digits`."""
    runs = []
    for start, first in enumerate(chars):
        if first["text"] != digits[0]:
            continue
        run: list[dict] = []
        i = start
        while i < len(chars) and len(run) < len(digits):
            t = chars[i]["text"]
            if t.isdigit():
                if t != digits[len(run)]:
                    break
                run.append(chars[i])
            elif t not in " -–":
                break
            i += 1
        if len(run) == len(digits):
            runs.append(run)
    return runs


@pytest.mark.parametrize("region", REGIONS)
def test_card_phone_numbers_are_bold_and_at_least_8_5pt(built: Path, region: str) -> None:
    with pdfplumber.open(built / f"{region}/{region}_pocket-card_nl_press.pdf") as pdf:
        chars = pdf.pages[1].chars
    phones = _phones(region)
    assert phones
    for phone in phones:
        runs = _digit_runs(chars, re.sub(r"\D", "", phone))
        assert runs, f"{phone} not printed on the card back"
        for run in runs:
            for c in run:
                assert "Bold" in c["fontname"] and c["size"] >= 8.5 - 0.01, (phone, c["fontname"], c["size"])


@pytest.mark.parametrize("region", REGIONS)
def test_card_front_has_112_in_a_red_bar_and_no_red_type(built: Path, region: str) -> None:
    """Issue #21: 112 stands out as a red bar at the card's foot (it was plain 9 pt black); no type
    is red, and the back has no red at all."""
    alert = _cmyk("alert")
    with pdfplumber.open(built / f"{region}/{region}_pocket-card_nl_press.pdf") as pdf:
        for page in pdf.pages:
            fills = [tuple(round(v, 4) for v in r["non_stroking_color"] or ()) for r in page.rects if r["fill"]]
            reds = [c for c in page.chars if tuple(round(v, 4) for v in c["non_stroking_color"] or ()) == alert]
            assert fills.count(alert) == (1 if page.page_number == 1 else 0)
            assert not reds


def _lines(chars: list[dict], text: str) -> list[list[dict]]:
    """The characters of each printed line that is exactly `text`."""
    by_line: dict[float, list[dict]] = {}
    for c in chars:
        by_line.setdefault(round(c["top"], 1), []).append(c)
    found = []
    for row in by_line.values():
        row.sort(key=lambda c: c["x0"])
        # one line may hold two panels' text: split on large gaps
        group: list[dict] = []
        for c in row:
            if group and c["x0"] - group[-1]["x1"] > 15:
                found.append(group)
                group = []
            group.append(c)
        found.append(group)
    return [g for g in found if "".join(c["text"] for c in g).strip() == text]


@pytest.mark.parametrize("region", REGIONS)
def test_leaflet_panel_titles_and_contact_headings_share_one_style(built: Path, region: str) -> None:
    content = yaml.safe_load((ROOT / "sources/content/nl.yaml").read_text(encoding="utf-8"))
    labels = content["labels"]
    with pdfplumber.open(built / f"{region}/{region}_leaflet_nl_press.pdf") as pdf:
        outside = pdf.pages[0].chars
    pdf_left_of_cover = SLUG + 197 / 25.4 * 72  # the back panel's right edge
    name = yaml.safe_load((ROOT / f"sources/regions/{region}.yaml").read_text(encoding="utf-8"))["name"]

    def styles_of(*texts: str) -> set[tuple[float, str, tuple[float, ...]]]:
        styles: set[tuple[float, str, tuple[float, ...]]] = set()
        for text in texts:
            lines = _lines([c for c in outside if c["x0"] < pdf_left_of_cover], text)  # not the cover's "Regio …"
            assert lines, f"{text!r} not printed as a line of its own"
            for line in lines:
                styles |= {(round(c["size"], 1), c["fontname"], tuple(c["non_stroking_color"] or ())) for c in line}
        return styles

    titles = styles_of(content["actions_title"], labels["contacts_title"])
    # under "Hulp en advies": the region's contacts and the national ones, under two subheads of one style (issue #21)
    subheads = styles_of(f"{labels['region']} {name}", labels["national_title"])
    assert len(titles) == 1 and len(subheads) == 1 and titles != subheads, (titles, subheads)
    assert max(size for size, _, _ in subheads) < min(size for size, _, _ in titles)


@pytest.mark.parametrize("region", REGIONS)
def test_leaflet_inside_left_does_not_repeat_the_cover_title(built: Path, region: str) -> None:
    content = yaml.safe_load((ROOT / "sources/content/nl.yaml").read_text(encoding="utf-8"))
    with pdfplumber.open(built / f"{region}/{region}_leaflet_nl_press.pdf") as pdf:
        assert not _lines(pdf.pages[1].chars, content["title"])


@pytest.mark.parametrize("region", REGIONS)
def test_signals_caution_is_not_small_grey_type(built: Path, region: str) -> None:
    content = yaml.safe_load((ROOT / "sources/content/nl.yaml").read_text(encoding="utf-8"))
    first_words = " ".join(content["signals_caution"]["text"].split()[:3])
    body = THEME["styles"]["paragraph"]["size"]
    with pdfplumber.open(built / f"{region}/{region}_leaflet_nl_press.pdf") as pdf:
        text = pdf.pages[1].extract_text()
        assert first_words in text
        chars = pdf.pages[1].chars
        start = "".join(c["text"] for c in chars).find(first_words.replace(" ", ""))
        if start < 0:  # extract_text puts spaces back; pdfplumber's chars may hold them too
            start = "".join(c["text"] for c in chars).find(first_words)
        assert start >= 0
        caution = chars[start : start + 5]
    muted = _cmyk("muted")
    for c in caution:
        assert c["size"] >= float(str(body).removesuffix("pt")) - 0.01, c["size"]
        assert tuple(round(v, 4) for v in c["non_stroking_color"] or ()) != muted


def test_no_leaflet_panel_is_mostly_empty(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    leaflets = [f for f in manifest["files"] if f["product"] == "leaflet" and f["mode"] == "press"]
    assert leaflets
    for f in leaflets:
        for panel in f["panels"]:
            if panel["panel"] == "cover-top":
                continue  # the logo's strip: a logo on white, empty by design
            if panel["panel"] == "front":
                assert panel["fill_percent"] >= 40, (f["path"], panel)  # the cover: title, picture and air
                continue
            assert 55 <= panel["fill_percent"] <= 100, (f["path"], panel)


@pytest.mark.parametrize("region", REGIONS)
def test_leaflet_phone_numbers_are_bold_and_a_size_above_the_text(built: Path, region: str) -> None:
    """What the reader needs most: every number on the leaflet's back bold, at 10 pt or more."""
    with pdfplumber.open(built / f"{region}/{region}_leaflet_nl_press.pdf") as pdf:
        chars = pdf.pages[0].chars
    for phone in _phones(region):
        runs = _digit_runs(chars, re.sub(r"\D", "", phone))
        assert runs, phone
        for run in runs:
            assert all("Bold" in c["fontname"] and c["size"] >= 10 for c in run), (phone, {(c["fontname"], c["size"]) for c in run})


def test_no_checklist_panel_is_mostly_empty(built: Path) -> None:
    """The signals fill their page, and page 2's columns and notes leave no half-empty page."""
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    checklists = [f for f in manifest["files"] if f["product"] == "checklist" and f["mode"] == "press"]
    assert checklists
    for f in checklists:
        for panel in f["panels"]:
            if panel["panel"].startswith("header"):
                continue  # the title and the logo's corner: fixed bands
            low = 50 if panel["panel"] == "right" else 70  # the contacts: as many as the region has
            assert low <= panel["fill_percent"] <= 100, (f["path"], panel)


@pytest.mark.parametrize("lang", ["nl", "en", "pl", "ro", "hu", "bg"])
def test_the_definition_has_a_heading_of_its_own_in_every_language(tmp_path: Path, lang: str) -> None:
    """Not built from labels and the title ("Wat? Mensenhandel"): the pack's own question."""
    from tests.conftest import run

    pack = yaml.safe_load((ROOT / f"sources/content/{lang}.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "out"
    args = ["--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof", "--no-web"]
    assert run("build", *args, "--region", "utrecht", "--product", "leaflet", "--mode", "press", "--lang", lang) == 0
    with pdfplumber.open(out / f"utrecht/utrecht_leaflet_{lang}_press.pdf") as pdf:
        first_line = (pdf.pages[1].extract_text() or "").splitlines()[0]
    assert first_line.startswith(pack["definition"]["title"])
    assert f"{pack['labels']['what']}?" not in first_line


@pytest.mark.parametrize("region", REGIONS)
def test_the_checklist_has_lines_to_write_notes_on(built: Path, region: str) -> None:
    """A lines block: five grey lines across the notes panel's width, one every 26 pt, under
    the page's text and above the 112 banner."""
    muted = _cmyk("muted")
    with pdfplumber.open(built / f"{region}/{region}_checklist_nl_press.pdf") as pdf:
        page = pdf.pages[1]
        lines = [ln for ln in page.lines if ln["top"] == pytest.approx(ln["bottom"]) and tuple(ln["stroking_color"] or ()) == muted]
        tops = sorted(ln["top"] for ln in lines)
        text_bottom = max(w["bottom"] for w in page.extract_words() if w["top"] < tops[0])
    assert len(lines) == 5
    assert [round(b - a, 1) for a, b in pairwise(tops)] == [26.0] * 4
    assert all(ln["x1"] - ln["x0"] == pytest.approx((210 - 28) / 25.4 * 72, abs=0.5) and ln["linewidth"] >= 0.25 for ln in lines)
    assert text_bottom < tops[0]
