"""Every sentence as its seed says it (issue #21, item 3; the fact-check in reviews/facts-nl.md).

Read back from what the build wrote: the PDFs' own text (pdfplumber) and the web pages' HTML.
Each sentence the fact-check corrected is printed as corrected, on every product that prints
it, and the seed it rests on says what the sentence says; the wording it replaced is gone.
Professionals read on the checklist and the web page that asking advice can be
anonymous but their own report cannot (001). The English pack says what the Dutch says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import ROOT, run
from tests.pdfs import flat
from tests.webpages import Element, parse_file

SEEDS = ROOT / "sources" / "seeds"
S000, S001, S002, S004 = "000_01f880aa57939e75.txt", "001_bc386227d7cc8ce9.txt", "002_fd7dd11a91232285.txt", "004_0cd600f367cce41c.txt"
MODES = ("press", "office")

# (printed sentence, seed, the seed's own words it renders, the Utrecht products that print it).
# The web page prints every one of them too.
NL = [
    (
        "Het grote merendeel van de binnenlandse mensenhandel is seksuele uitbuiting.",
        S000,
        "56 procent van alle mensenhandel is binnenlands; het grote merendeel daarvan is seksuele uitbuiting.",
        ["leaflet"],
    ),
    (
        # what the 56 per cent counts, so it does not read as adding up with the 40 per cent (003)
        "56 procent van alle mensenhandel is binnenlands: er komt geen grens aan te pas. "
        "Dit cijfer telt waar de uitbuiting gebeurt, niet waar slachtoffers vandaan komen.",
        S000,
        "56 procent van alle mensenhandel is binnenlands",
        ["leaflet"],
    ),
    ("Je krijgt een ongewoon laag loon of geen loon", S001, "krijgt een ongebruikelijk laag loon", ["pocket-card"]),
    (
        "Ook bij twijfel kun je advies vragen.",
        S001,
        "Ook als je twijfelt is het belangrijk om contact met ons op te nemen",
        ["leaflet", "checklist"],
    ),
    (
        "Word je gedwongen tot werk, seks of misdaad? Dat kan mensenhandel zijn. Er is hulp.",
        S002,
        "Mensenhandel is uitbuiting onder een bepaalde vorm van dwang of misleiding.",
        ["pocket-card"],
    ),
    (
        "0900 8844 (belkosten van toepassing)",
        S001,
        "Bel 0900-8844 (belkosten zijn van toepassing)",
        ["leaflet", "pocket-card", "checklist"],
    ),
    ("Een loverboy is een mensenhandelaar.", S004, "Een loverboy is een mensenhandelaar", ["leaflet"]),
]
# The wording the fact-check found wanting: printed nowhere any more.
GONE_NL = ["grootste deel", "weinig of geen loon", "altijd advies", "Niemand mag je dwingen", "betaald nummer"]

PROFESSIONAL_NL = "anoniem advies mogelijk; een melding door een professional is niet anoniem"
PROFESSIONAL_EN = "anonymous advice available; a report by a professional is not anonymous"
PROFESSIONAL_SEED = "Let op. Ben je een professional? Dan kun je niet anoniem blijven."


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return flat("\n".join(page.extract_text(use_text_flow=True) or "" for page in pdf.pages))


def seed(name: str) -> str:
    return " ".join((SEEDS / name).read_text(encoding="utf-8").split())


def page_text(out: Path, region: str, lang: str) -> str:
    main = parse_file(out / region / "web" / lang / "index.html").find_all("main")[0]
    return main.text()


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Utrecht in English (a draft pack, so built only when asked for)."""
    out = tmp_path_factory.mktemp("en")
    common = ["--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof"]
    assert run("build", *common, "--region", "utrecht", "--lang", "en", "--mode", "press") == 0
    return out


@pytest.mark.parametrize(("printed", "source", "seed_words", "products"), NL, ids=[n[0][:30] for n in NL])
def test_each_corrected_sentence_is_printed_as_its_seed_says_it(
    built: Path, printed: str, source: str, seed_words: str, products: list[str]
) -> None:
    assert seed_words in seed(source)  # the seed really says it
    for product in products:
        for mode in MODES:
            pdf = built / "utrecht" / f"utrecht_{product}_nl_{mode}.pdf"
            assert printed in pdf_text(pdf), (pdf.name, printed)
    assert printed in page_text(built, "utrecht", "nl")


def test_the_replaced_wording_is_printed_nowhere(built: Path) -> None:
    for region in ("utrecht", "hart-van-brabant"):
        for pdf in sorted((built / region).glob(f"{region}_*_nl_*.pdf")):
            text = pdf_text(pdf)
            assert not [w for w in GONE_NL if w in text], pdf.name
        text = page_text(built, region, "nl")
        assert not [w for w in GONE_NL if w in text], region


def test_the_two_figures_say_what_each_counts(built: Path) -> None:
    """56 % of all trafficking is domestic (000), 40 % of victims come from outside Europe (003):
    the first says it counts where the exploitation happens, so the two do not add up to more than all."""
    text = pdf_text(built / "utrecht" / "utrecht_leaflet_nl_press.pdf")
    domestic = text.index("56 procent van alle mensenhandel is binnenlands")
    assert text.index("Dit cijfer telt waar de uitbuiting gebeurt, niet waar slachtoffers vandaan komen.") > domestic
    assert "Zo’n 40 procent van alle slachtoffers komt van buiten Europa." in text  # the apostrophe set typographically
    assert "(40%) slachtoffers van mensenhandel komen van buiten Europa" in seed("003_11d1e760a19e2c71.txt")


def test_the_loverboy_sentence_cites_004_too() -> None:
    import yaml

    for lang in ("nl", "en"):
        lover = yaml.safe_load((ROOT / "sources" / "content" / f"{lang}.yaml").read_text(encoding="utf-8"))["lover"]
        assert {S001, S004} <= {s.strip() for s in lover["source"].split(";")}, lang


def _contact_before(text: str, at: int, names: list[str]) -> str:
    found = [(text.rfind(name, 0, at), name) for name in names]
    return max(found)[1]


def test_professionals_read_that_their_report_is_not_anonymous(built: Path, english: Path) -> None:
    """On the checklist (for professionals), after each contact printed as anonymous, in both
    modes and in English too; the seed says so."""
    assert PROFESSIONAL_SEED in seed(S001)
    names = ["Veilig Thuis Utrecht", "Moviera", "CoMensha", "Politie"]
    for product in ("checklist",):
        for mode in MODES:
            text = pdf_text(built / "utrecht" / f"utrecht_{product}_nl_{mode}.pdf")
            places = [m.start() for m in re.finditer(re.escape(PROFESSIONAL_NL), text)]
            assert len(places) == 1, (product, mode, text)  # one anonymous contact in Utrecht
            assert _contact_before(text, places[0], names) == "Veilig Thuis Utrecht"
        text = pdf_text(english / "utrecht" / f"utrecht_{product}_en_press.pdf")
        assert text.count(PROFESSIONAL_EN) == 1, product
    # Hart van Brabant has no anonymous contact: nothing to qualify
    assert "professional is niet anoniem" not in pdf_text(built / "hart-van-brabant" / "hart-van-brabant_checklist_nl_press.pdf")


def _contact_items(page: Element) -> list[Element]:
    return [e for e in page.walk() if e.tag == "li" and "contact" in e.attrs.get("class", "").split()]


def test_the_web_page_says_it_with_the_contact(built: Path, english: Path) -> None:
    for out, lang, line in ((built, "nl", PROFESSIONAL_NL), (english, "en", PROFESSIONAL_EN)):
        page = parse_file(out / "utrecht" / "web" / lang / "index.html")
        lines = {
            c.find_all("h4")[0].text(): [p.text() for p in c.find_all("p") if "contact-anonymous" in p.attrs.get("class", "")]
            for c in _contact_items(page)
        }
        assert lines["Veilig Thuis Utrecht"] == [line], lines
        assert all(not v for k, v in lines.items() if k != "Veilig Thuis Utrecht"), lines


def test_the_english_pack_says_what_the_dutch_says(english: Path) -> None:
    """The three differences the fact-check found between en.yaml and nl.yaml."""
    leaflet = pdf_text(english / "utrecht" / "utrecht_leaflet_en_press.pdf")
    # nl: "bij mensenhandel wordt iemand uitgebuit"
    assert "trafficking means exploiting someone." in leaflet and "exploiting them" not in leaflet
    # nl: "Een tatoeage van de mensenhandelaar, zoals een naam of teken"
    checklist = pdf_text(english / "utrecht" / "utrecht_checklist_en_press.pdf")
    assert "A tattoo of the trafficker, such as a name or symbol" in checklist
    # "(in Dutch)": kept, as every other foreign pack says it (the site is Dutch; nl needs no gloss)
    import yaml

    for lang in ("en", "pl", "ro", "hu", "bg"):
        text = yaml.safe_load((ROOT / "sources" / "content" / f"{lang}.yaml").read_text(encoding="utf-8"))["more_info"]["text"]
        assert re.search(r"\(.+\)", text), lang
    assert "(in Dutch)" in leaflet
    # and the corrections of the Dutch are made in English too
    card = pdf_text(english / "utrecht" / "utrecht_pocket-card_en_press.pdf")
    assert "Are you being forced into work, sex or crime? That may be human trafficking." in card
    assert "You get unusually low pay or no pay" in card and "(call charges apply, only from NL)" in card
    assert "The great majority of domestic trafficking is sexual exploitation." in leaflet
    assert "Even if you are in doubt, you can ask for advice." in checklist and "always ask" not in checklist
