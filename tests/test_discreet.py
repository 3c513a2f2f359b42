"""The discreet card (issue #13, item 10): a card someone can keep without it saying what it is about.

Checked on the written PDFs: no giveaway word of any language pack in the text or the metadata
of a sample region's discreet card; what it does print (the region's contacts, 112, free and
anonymous only from the data); a region whose address gives the card away gets one line and no
file; a giveaway put on the card by the layout or the content is refused on its own line; no
region gets a discreet card without asking for one, and one that stops asking has it withdrawn.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.compose.discreet import Giveaways
from generator.inputs.sources import load_sources
from tests.conftest import ROOT, TODAY, run
from tests.pdfs import box_mm, chars_of, flat, text_of

SOURCES = load_sources(ROOT / "sources", date.fromisoformat(TODAY))
DISCREET = sorted(rid for rid, e in SOURCES.regions.items() if e.status == "complete" and e.loaded and e.loaded.model.discreet_card)
WORDS = sorted({w for loaded in SOURCES.contents.values() for w in loaded.model.discreet.giveaway})
HVB = "sources/regions/hart-van-brabant.yaml"


def plain(text: str) -> str:
    """Letters and digits only, lower case, no accents: how a reader would still recognise a word."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum()).casefold()


def giveaways(text: str) -> list[str]:
    return [w for w in WORDS if plain(w) in plain(text)]


def metadata(pdf: Path) -> str:
    """What a PDF says about itself: the document information and any XMP packet."""
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    xmp = reader.xmp_metadata
    return " ".join(str(v) for v in reader.metadata.values()) + (xmp.stream.get_data().decode("utf-8") if xmp else "")


def _opt_in(project: Path, region: str = HVB) -> Path:
    path = project / region
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("organisation:", "discreet_card: true\norganisation:", 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- the sample regions' cards ---------------------------------------------------------------


def test_the_sample_data_has_a_discreet_card_and_giveaway_words_in_every_language() -> None:
    assert DISCREET == ["utrecht"]  # hart-van-brabant cannot have one: its email says mensenhandel
    for lang, loaded in SOURCES.contents.items():
        assert len(loaded.model.discreet.giveaway) >= 10, lang
    assert {"mensenhandel", "uitbuit", "slachtoffer", "politie", "traffick", "exploit", "victim", "police"} <= set(WORDS)


@pytest.mark.parametrize("mode", ["press", "office"])
def test_no_giveaway_word_on_a_discreet_card_or_in_its_file(built: Path, mode: str) -> None:
    for rid in DISCREET:
        pdf = built / rid / f"{rid}_contact-card_nl_{mode}.pdf"
        text = text_of(pdf)
        drawn = "".join(c["text"] for page in chars_of(pdf) for c in page)  # pdfplumber: every glyph drawn
        assert len(plain(text)) > 100
        assert giveaways(text) == [] and giveaways(drawn) == [] and giveaways(metadata(pdf)) == []
        # the same checks find plenty on the region's ordinary pocket card: they can fail
        card = built / rid / f"{rid}_pocket-card_nl_{mode}.pdf"
        assert {"mensenhandel", "politie", "comensha"} <= set(giveaways(text_of(card)))
        assert "mensenhandel" in giveaways(metadata(card))


def test_a_discreet_card_in_another_language_says_nothing_either(project: Path, build_in: Callable[..., int]) -> None:
    assert build_in("--region", "utrecht", "--product", "contact-card", "--lang", "en", "--mode", "press") == 0
    pdf = project / "output/utrecht/utrecht_contact-card_en_press.pdf"
    text = flat(text_of(pdf))
    assert "Would you like to talk to someone?" in text and "Call 112" in text
    assert "anonymous" not in text and "In danger" not in text  # a help card's words are not on it (issue #21)
    assert giveaways(text) == [] and giveaways(metadata(pdf)) == []


def test_what_the_utrecht_discreet_card_prints(built: Path) -> None:
    pdf = built / "utrecht" / "utrecht_contact-card_nl_press.pdf"
    reader = PdfReader(pdf)
    front, back = (flat(page.extract_text()) for page in reader.pages)
    # 112 as a plain number line, no "Direct gevaar?" (issue #21)
    # no "niet veilig" either: it marks a help card (the victim-support worker's review)
    assert front == "Wil je met iemand praten? Neem contact op als je je zorgen maakt. Ook als je twijfelt. Bel 112"
    # every regional contact, Moviera under its discreet_name; free and 24/7 only for Veilig Thuis,
    # whose data says so; no role, no "anoniem advies" (a help card's words), and no veiligthuis@
    # address: Utrecht left it off this card (discreet: {email: false})
    assert back == "Veilig Thuis Utrecht 0800 2000 (24/7, gratis) Moviera teamzm@moviera.nl"
    # CoMensha and Politie (national) stay off: their names say what the card is about
    assert "033 448 1186" not in back and "0900 8844" not in back
    for page in reader.pages:  # a pocket card's size, with bleed
        x0, y0, x1, y1 = box_mm(page.trimbox)
        assert (round(x1 - x0, 1), round(y1 - y0, 1)) == (85.0, 55.0)
        assert round(x0 - box_mm(page.bleedbox)[0], 1) == 3.0
    office = PdfReader(built / "utrecht" / "utrecht_contact-card_nl_office.pdf")
    assert [sorted(box_mm(p.mediabox)[2:]) for p in office.pages] == [[210.0, 297.0]] * 2
    assert flat(office.pages[1].extract_text()).count("0800 2000") == 10  # ten to a sheet, backs behind fronts
    # no alert colour, not the house navy: it should look ordinary. Every glyph in ink or one warm
    # brown-grey, no fills at all (tests/test_look.py compares it with the pocket card)
    with pdfplumber.open(pdf) as opened:
        colours = {tuple(c["non_stroking_color"]) for page in opened.pages for c in page.chars}
        assert not any(r["fill"] for page in opened.pages for r in page.rects)
    assert colours == {(0, 0, 0, 1), (0, 0.35, 0.45, 0.55)}


def test_the_discreet_card_does_not_fill_its_panels_to_the_edge(built: Path) -> None:
    rows = {r["path"]: r for r in json.loads((built / "manifest.json").read_text())["files"]}
    row = rows["utrecht/utrecht_contact-card_nl_press.pdf"]
    assert row["product"] == "contact-card" and row["trim_mm"] == [85.0, 55.0]
    assert all(p["fill_percent"] < 90 for p in row["panels"])


# --- refused, with one line ------------------------------------------------------------------


def test_an_address_that_gives_it_away_is_one_line_and_no_file(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    region = _opt_in(project)
    line = _line_of(region, "email: mensenhandel@tilburg.nl")
    expected = (
        f"{region}:{line}: contacts[0].email: 'mensenhandel@tilburg.nl' contains 'mensenhandel', and a discreet card prints "
        "every regional contact's address, so this region cannot have one as it is: leave the address off that card with "
        "discreet: {email: false} under the contact, or remove discreet_card: true (the other products are not affected)"
    )
    assert build_in("--region", "hart-van-brabant") == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [expected]  # once, though press and office both failed
    assert "failed 2" in captured.out and "Traceback" not in captured.err
    out = project / "output" / "hart-van-brabant"
    assert not list(out.glob("*contact-card*"))
    assert len(list(out.glob("*.pdf"))) == 6  # the other products are built
    assert not any("discreet" in r["path"] for r in json.loads((project / "output/manifest.json").read_text())["files"])
    # a discreet_name does not help: the address itself is printed
    region.write_text(
        region.read_text(encoding="utf-8").replace("    phone:", "    discreet_name: Gemeente Tilburg\n    phone:", 1), encoding="utf-8"
    )
    capsys.readouterr()
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [expected.replace(f":{line}:", f":{line + 1}:"), "1 problem(s)"]


def test_a_name_that_gives_it_away_asks_for_a_discreet_name(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    region = project / "sources/regions/utrecht.yaml"
    region.write_text(re.sub(r"    discreet_name: Moviera.*\n", "", region.read_text(encoding="utf-8")), encoding="utf-8")
    line = _line_of(region, "name: Moviera, team")
    assert build_in("--region", "utrecht", "--product", "contact-card") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{region}:{line}: contacts[1].name: 'Moviera, team Zorgcoördinatie Mensenhandel' contains 'mensenhandel'; the discreet "
        "card prints every regional contact: add discreet_name: with a name for it that does not say what the card is about, "
        "such as the organisation's own name"
    ]
    assert not (project / "output/utrecht/utrecht_contact-card_nl_press.pdf").exists()
    text = region.read_text(encoding="utf-8").replace("    email: teamzm", "    discreet_name: Uitbuiting Moviera\n    email: teamzm")
    region.write_text(text, encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "contact-card") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{region}:{_line_of(region, 'discreet_name: Uitbuiting')}: contacts[1].discreet_name: 'Uitbuiting Moviera' contains "
        "'uitbuit'; choose a discreet_name that does not say what the card is about"
    ]


def test_a_giveaway_put_on_the_card_by_the_layout_or_the_content_is_refused_on_its_line(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    layout = project / "layouts/contact-card.yaml"
    content = project / "sources/content/nl.yaml"
    original = layout.read_text(encoding="utf-8")
    rule = _line_of(layout, "text: \"{{ content.discreet.text }}\"")  # the block's line
    # a designer puts the pocket card's key message on it
    layout.write_text(original.replace("{{ content.discreet.text }}", "{{ content.card.key_message }}"), encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "contact-card", "--mode", "press") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{content}:{_line_of(content, 'key_message:')}: card.key_message: puts 'mensenhandel' on the discreet card, which must not say "
        f"what it is about; take this field off the discreet card's layout ({layout}:{rule})"
    ]
    # ... or writes a word into the layout itself: an English one on a Dutch card is caught too
    layout.write_text(original.replace("{{ content.discreet.text }}", "Hulp voor Victims"), encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "contact-card", "--mode", "press") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{layout}:{rule}: pages[0].panels[0].blocks[3]: puts 'victim' on the discreet card, which must not say what it is "
        "about; take it out of this text"
    ]
    # ... or a translator's text for the card says it
    layout.write_text(original, encoding="utf-8")
    content.write_text(content.read_text(encoding="utf-8").replace("Wil je met iemand praten?", "Ben je slachtoffer?"), encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "contact-card", "--mode", "press") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{content}:{_line_of(content, 'Ben je slachtoffer?')}: discreet.message: puts 'slachtoffer' on the discreet card, which "
        "must not say what it is about; write this text without it"
    ]
    assert not (project / "output/utrecht/utrecht_contact-card_nl_press.pdf").exists()


def test_matching_ignores_case_accents_and_separators() -> None:
    words = Giveaways.of(["mensenhandel", "slachtoffer", "coördinatie", "Mensenhandel", " - "])
    assert [w for w, _ in words.words] == ["mensenhandel", "slachtoffer", "coördinatie"]  # each once; ' - ' matches nothing
    assert words.find("MENSENHANDEL") == "mensenhandel"
    assert words.find("info@stop-mensen-handel.nl") == "mensenhandel"
    assert words.find("Slacht\u00adoffer") == "slachtoffer"  # a soft hyphen
    assert words.find("Zorgcoordinatie") == "coördinatie"
    assert words.find("Veilig Thuis Utrecht") == ""
    assert words.find(None) == "" and words.find("") == ""


# --- only where asked for -------------------------------------------------------------------


def test_no_discreet_card_for_a_region_that_did_not_ask(
    built: Path, project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = json.loads((built / "manifest.json").read_text())["files"]
    with_card = {r["region"] for r in rows if r["product"] == "contact-card"}
    assert with_card == set(DISCREET) and "hart-van-brabant" not in with_card
    assert not list((built / "hart-van-brabant").glob("*discreet*"))
    assert build_in("--region", "hart-van-brabant", "--product", "contact-card") == 0
    out = capsys.readouterr().out
    assert "notice: no contact-card for hart-van-brabant: its region file does not ask for one (discreet_card: true)" in out
    assert "built 0," in out and not list((project / "output").rglob("*discreet*.pdf"))


def test_a_region_that_stops_asking_has_its_discreet_cards_withdrawn(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "output"
    assert build_in() == 0
    cards = sorted(out.glob("utrecht/*contact-card*.pdf"))
    assert len(cards) == 2
    region = project / "sources/regions/utrecht.yaml"
    region.write_text(re.sub(r"discreet_card: true.*\n", "", region.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    assert build_in() == 0
    assert (
        f"notice: utrecht: it no longer asks for a contact-card, so its 2 print-ready file(s) were withdrawn from {out} "
        "with their manifest rows"
    ) in capsys.readouterr().out
    assert not any(card.exists() for card in cards)
    assert not any(r["product"] == "contact-card" for r in json.loads((out / "manifest.json").read_text())["files"])
    assert len(list(out.glob("utrecht/*.pdf"))) == 6
