"""Issue #21, items 1, 2 and 6, checked on the written PDFs in all six languages.

1. The contact card (the card that must not say what it is about) gives nothing away outside the
   print either: file name, manifest row, PDF metadata; and it does not look like the pocket card.
2. The pocket card leads with help: the region's 24/7 or free number is the largest text on its
   front, 112 sits in a red bar, the margins are the same front and back, no sender on the back.
6. Print-shop and designer fixes: the cover field runs past the fold, reversed type is 10 pt or
   bold, one leading per type size on every page, the leaflet's inside columns share a baseline
   grid, the facts box lines up with its column, no hole on the back, typographic quotes.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
import yaml
from pypdf import PdfReader

from generator.blocktext.quotes import typographic_quotes
from generator.compose.context import lead_contact
from generator.inputs.sources import load_sources
from tests.conftest import ROOT, TODAY, run
from tests.pdfs import MM, flat

LANGS = ("nl", "en", "pl", "ro", "hu", "bg")
SOURCES = load_sources(ROOT / "sources", date.fromisoformat(TODAY))
PACKS = {lang: yaml.safe_load((ROOT / "sources" / "content" / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in LANGS}
GIVEAWAY = sorted({w for pack in PACKS.values() for w in pack["discreet"]["giveaway"]})
# Words that name the card as discreet or as a help card, in the languages a file name or a
# viewer's title bar would show: none of them may be in its file name, metadata or manifest row.
DISCRETION = ("discre", "diskre", "hidden", "verborg", "geheim", "secret", "hulp", "help", "veilig", "safe", "anonie", "anonym")
ALERT = (0, 0.9, 0.85, 0)
ACCENT = (1, 0.65, 0.1, 0.25)
WHITE = (0, 0, 0, 0)


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum()).casefold()


def giveaways(text: str) -> list[str]:
    return [w for w in (*GIVEAWAY, *DISCRETION) if plain(w) in plain(text)]


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Utrecht's products in all six languages, press, built once for this module."""
    out = tmp_path_factory.mktemp("six")
    langs = [arg for lang in LANGS for arg in ("--lang", lang)]
    args = ["--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out)]
    assert run("build", *args, "--region", "utrecht", "--mode", "press", *langs) == 0
    return out


def pdf(out: Path, product: str, lang: str, mode: str = "press") -> Path:
    return out / "utrecht" / f"utrecht_{product}_{lang}_{mode}.pdf"


def trim_origin(path: Path, page: int) -> tuple[float, float]:
    """The trim's top-left corner in pdfplumber's coordinates (x from the left, top from the top)."""
    reader = PdfReader(path)
    box, media = reader.pages[page].trimbox, reader.pages[page].mediabox
    return float(box[0]), float(media[3]) - float(box[3])


def chars(path: Path, page: int) -> list[dict[str, Any]]:
    """The glyphs printed on a page, without the DRAFT watermark (set diagonally across it)."""
    with pdfplumber.open(path) as opened:
        return [c for c in opened.pages[page].chars if c["text"].strip() and abs(c["matrix"][1]) < 1e-6]


def rects(path: Path, page: int) -> list[dict[str, Any]]:
    with pdfplumber.open(path) as opened:
        return list(opened.pages[page].rects)


def colour(obj: dict[str, Any]) -> tuple[float, ...]:
    return tuple(round(float(v), 3) for v in obj["non_stroking_color"] or ())


# --- 1. the contact card ---------------------------------------------------------------------


def test_the_product_has_a_neutral_name_everywhere_a_file_shows(six: Path) -> None:
    rows = {r["path"]: r for r in json.loads((six / "manifest.json").read_text())["files"]}
    for lang in LANGS:
        path = pdf(six, "contact-card", lang)
        row = rows[f"utrecht/{path.name}"]
        assert row["product"] == "contact-card" and row["layout"] == "contact-card"
        assert giveaways(path.name) == [] and giveaways(json.dumps(row)) == [], lang
        with pikepdf.open(path) as opened:
            info = {str(k): str(v) for k, v in opened.docinfo.items()}
            xmp = str(opened.open_metadata())
        assert info["/Title"] == "Utrecht" and info["/Author"] == ""  # no organisation: its name may be what gives it away
        assert info["/Subject"] == f"contact-card, utrecht, {lang}, press" and info["/Keywords"] == "contact-card, utrecht"
        assert giveaways(" ".join(info.values())) == [] and giveaways(xmp) == [], lang
        # the same checks find plenty in the pocket card's file: they can fail
        with pikepdf.open(pdf(six, "pocket-card", lang)) as opened:
            assert giveaways(" ".join(str(v) for v in opened.docinfo.values()))
    assert not list((six / "utrecht").glob("*discreet*"))


def test_no_web_page_or_proof_page_names_the_card_as_discreet(six: Path) -> None:
    for page in [six / "index.html", six / "utrecht" / "index.html", *sorted((six / "utrecht" / "web").rglob("*.html"))]:
        text = page.read_text(encoding="utf-8").casefold()
        assert "discre" not in text, page
    assert "contact-card" not in "".join(p.read_text(encoding="utf-8") for p in (six / "utrecht" / "web").rglob("*.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_contact_card_prints_in_every_language(six: Path, lang: str) -> None:
    path = pdf(six, "contact-card", lang)
    labels = PACKS[lang]["labels"]
    front, back = (_text(chars(path, page)) for page in (0, 1))
    # no giveaway word of any pack (the build refuses the card otherwise; this reads the file itself)
    assert [w for w in GIVEAWAY if plain(w) in plain(front + back)] == []
    assert labels["emergency"] not in front  # no "Direct gevaar?": 112 only as a plain number line
    assert front.endswith(labels["emergency_number"])
    assert labels["anonymous"] not in back  # a help card's words
    # Utrecht leaves Veilig Thuis's address off this card (discreet: {email: false}); its number stays
    assert "0800 2000" in back and "veiligthuis@" not in back and "teamzm@moviera.nl" in back


@pytest.mark.parametrize("lang", LANGS)
def test_the_contact_card_does_not_look_like_the_pocket_card(six: Path, lang: str) -> None:
    card, pocket = pdf(six, "contact-card", lang), pdf(six, "pocket-card", lang)
    card_chars = [c for page in (0, 1) for c in chars(card, page)]
    pocket_chars = [c for page in (0, 1) for c in chars(pocket, page)]
    # another typeface
    card_fonts = {c["fontname"].split("+")[-1] for c in card_chars}
    pocket_fonts = {c["fontname"].split("+")[-1] for c in pocket_chars}
    assert card_fonts and all("PTSerif" in f for f in card_fonts) and not card_fonts & pocket_fonts
    # another colour: nothing in the pocket card's navy or red, no fills at all
    card_colours = {colour(c) for c in card_chars} - {(0, 0, 0, 1)}
    assert card_colours and not card_colours & {colour(c) for c in pocket_chars}
    assert not any(r["fill"] for page in (0, 1) for r in rects(card, page))
    # another grid: every line centred on the card, where the pocket card sets its lines flush left
    x0, _ = trim_origin(card, 0)
    middle = x0 + 85 * MM / 2
    for page in (0, 1):
        for line in _lines(chars(card, page)):
            assert abs((line[0]["x0"] + line[-1]["x1"]) / 2 - middle) < 1.0, "".join(c["text"] for c in line)
    lefts = {round(line[0]["x0"]) for line in _lines(chars(pocket, 1))}
    assert len(lefts) == 1


def _text(page_chars: list[dict[str, Any]]) -> str:
    """A page's lines, top to bottom, as one string (spaces between words as drawn)."""
    lines = sorted(_lines(page_chars), key=lambda line: (round(line[0]["bottom"]), line[0]["x0"]))
    out = []
    for line in lines:
        words = [line[0]["text"]]
        for a, b in itertools.pairwise(line):
            words.append((" " if b["x0"] - a["x1"] > a["size"] * 0.15 else "") + b["text"])
        out.append("".join(words))
    return " ".join(out)


def _opt_in_hvb(project: Path, extra: str) -> Path:
    path = project / "sources/regions/hart-van-brabant.yaml"
    text = path.read_text(encoding="utf-8").replace("organisation:", f"discreet_card: true\n{extra}organisation:", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_region_leaves_an_address_off_its_contact_card_and_names_its_author(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    region = _opt_in_hvb(project, "discreet: {author: Stichting Voorbeeld, emergency: false}\n")
    text = region.read_text(encoding="utf-8")
    text = text.replace("    email: mensenhandel@tilburg.nl\n", "    email: mensenhandel@tilburg.nl\n    discreet: {email: false}\n")
    text = text.replace("    phone: 013 751 67 50\n", "    phone: 013 751 67 50\n    discreet_name: Gemeente Tilburg\n")
    region.write_text(text, encoding="utf-8")
    assert build_in("--region", "hart-van-brabant", "--product", "contact-card", "--mode", "press") == 0, capsys.readouterr().err
    path = project / "output/hart-van-brabant/hart-van-brabant_contact-card_nl_press.pdf"
    front, back = (flat(page.extract_text()) for page in PdfReader(path).pages)
    assert back == "Gemeente Tilburg 013 751 6750"  # no mensenhandel@ address, no national contact that gives it away
    assert "112" not in front  # the region chose no 112 line
    info = PdfReader(path).metadata
    assert info is not None and info["/Author"] == "Stichting Voorbeeld"
    # the other products still print the address
    assert build_in("--region", "hart-van-brabant", "--product", "pocket-card", "--mode", "press") == 0
    pocket = project / "output/hart-van-brabant/hart-van-brabant_pocket-card_nl_press.pdf"
    assert "mensenhandel@tilburg.nl" in flat(PdfReader(pocket).pages[1].extract_text())


def test_an_author_that_gives_the_card_away_is_refused_on_its_line(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    region = project / "sources/regions/utrecht.yaml"
    text = region.read_text(encoding="utf-8").replace("discreet_card: true", "discreet_card: true\ndiscreet: {author: Politie Utrecht}")
    region.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "author: Politie" in row)
    assert build_in("--region", "utrecht", "--product", "contact-card", "--mode", "press") == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{region}:{line}: discreet.author: puts 'politie' on the discreet card, which must not say what it is about; "
        "it is the PDF's author; write it without, or remove discreet_card: true"
    ]
    assert not (project / "output/utrecht/utrecht_contact-card_nl_press.pdf").exists()


def test_a_contact_with_nothing_left_to_print_is_refused(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    region = project / "sources/regions/utrecht.yaml"
    text = region.read_text(encoding="utf-8")
    text = text.replace("    discreet_name: Moviera", "    discreet_name: Moviera\n    discreet: {email: false}")
    region.write_text(text, encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "contact-card", "--mode", "press") == 1
    (message,) = capsys.readouterr().err.splitlines()
    assert message.endswith(
        "'Moviera' has neither a phone number nor an address left to print on the contact card; print one of its addresses "
        "there (take it out of discreet:) or give it a phone number"
    )


# --- 2. the pocket card leads with help ------------------------------------------------------


def test_the_lead_contact_is_open_day_and_night_then_free_then_the_first_with_a_phone() -> None:
    def contact(name: str, phone: str = "030 123", always_open: bool = False, free: bool = False) -> dict[str, Any]:
        return {"name": name, "phone": phone, "always_open": always_open, "free": free}

    mail_only, plain_phone = contact("a", phone=""), contact("b")
    free, open_ = contact("c", free=True), contact("d", always_open=True)
    assert lead_contact([mail_only, plain_phone, free, open_]) is open_
    assert lead_contact([mail_only, plain_phone, free]) is free
    assert lead_contact([mail_only, plain_phone]) is plain_phone
    assert lead_contact([contact("e", phone="", always_open=True)]) == ""  # a 24/7 contact without a phone leads nothing


@pytest.mark.parametrize("lang", LANGS)
def test_the_pocket_card_front_leads_with_the_free_24_7_number(six: Path, lang: str) -> None:
    path = pdf(six, "pocket-card", lang)
    front = chars(path, 0)
    largest = max(c["size"] for c in front)
    assert "".join(c["text"] for c in front if c["size"] == largest) == "08002000"  # Veilig Thuis: always_open and free
    assert all(c["fontname"].endswith("Bold") for c in front if c["size"] == largest)
    assert largest >= 1.8 * sorted({c["size"] for c in front})[-2]  # large, not a size up
    # first the number, then the key message, then the signals, then 112
    text = flat(PdfReader(path).pages[0].extract_text())
    card = PACKS[lang]["card"]
    order = [text.index("0800 2000"), text.index(card["key_message"][:20]), text.index(card["signals_title"]), text.index("112")]
    assert order == sorted(order), text


@pytest.mark.parametrize("lang", LANGS)
def test_112_is_a_red_bar_and_the_margins_are_the_same_front_and_back(six: Path, lang: str) -> None:
    path = pdf(six, "pocket-card", lang)
    labels = PACKS[lang]["labels"]
    x0, top = trim_origin(path, 0)
    bar_text = [c for c in chars(path, 0) if c["top"] > top + 46 * MM]
    assert flat("".join(c["text"] if c["text"] != " " else " " for c in bar_text)).replace(" ", "") == (
        f"{labels['emergency']} {labels['emergency_number']}".replace(" ", "")
    )
    assert {colour(c) for c in bar_text} == {WHITE} and all(c["fontname"].endswith("Bold") for c in bar_text)
    (bar,) = [r for r in rects(path, 0) if colour(r) == ALERT]
    assert all(bar["x0"] <= c["x0"] and c["x1"] <= bar["x1"] and bar["top"] <= c["top"] and c["bottom"] <= bar["bottom"] for c in bar_text)
    assert bar["x0"] <= x0 - 3 * MM + 0.1 and bar["x1"] >= x0 + 88 * MM - 0.1  # full width, into the bleed
    for page in (0, 1):  # 5 mm from the trim to the text on the left, front and back (it was 5 and 4)
        px0, _ = trim_origin(path, page)
        assert round((min(c["x0"] for c in chars(path, page)) - px0) / MM, 1) == 5.0
    back = flat(PdfReader(path).pages[1].extract_text())
    assert back.count("Veilig Thuis Utrecht") == 1  # the contact, and no sender footer repeating it


# --- 6. print shop and designer --------------------------------------------------------------


def test_the_cover_field_runs_past_the_fold(six: Path) -> None:
    for lang in LANGS:
        path = pdf(six, "leaflet", lang)
        x0, _ = trim_origin(path, 0)
        (field,) = [r for r in rects(path, 0) if colour(r) == ACCENT and r["width"] > 90 * MM]
        assert (field["x0"] - x0) / MM <= 197 - 1.5 + 0.01  # the fold is at 197 mm
        assert (field["x1"] - x0) / MM >= 297 + 3 - 0.01  # and into the bleed on the right
        text = [c for c in chars(path, 0) if (c["x0"] - x0) / MM > 190]
        assert min((c["x0"] - x0) / MM for c in text) >= 197 + 3  # the text stays clear of the fold


def test_reversed_type_is_at_least_10pt_or_bold(six: Path) -> None:
    checked = 0
    for lang in LANGS:
        for product in ("leaflet", "pocket-card", "checklist", "contact-card"):
            path = pdf(six, product, lang)
            for page in range(len(PdfReader(path).pages)):
                white = [c for c in chars(path, page) if colour(c) == WHITE]
                checked += len(white)
                thin = [c["text"] for c in white if c["size"] < 10 - 0.01 and not c["fontname"].endswith("Bold")]
                assert thin == [], (product, lang, page, "".join(thin))
    assert checked > 1000


def _lines(page_chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Lines of one type size, split where a gap of 3 mm or more separates two columns."""
    rows: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for c in page_chars:
        rows[(round(c["bottom"], 1), round(c["size"], 2))].append(c)
    out = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        line = [row[0]]
        for c in row[1:]:
            if c["x0"] - line[-1]["x1"] > 3 * MM:
                out.append(line)
                line = []
            line.append(c)
        out.append(line)
    return out


def _leadings(page_chars: list[dict[str, Any]]) -> Iterator[tuple[float, float]]:
    """(type size, distance to the next line of that size below) for every line that has one
    that overlaps it horizontally less than 1.6 × the size below."""
    lines = _lines(page_chars)
    for line in lines:
        size, bottom = line[0]["size"], line[0]["bottom"]
        x0, x1 = line[0]["x0"], line[-1]["x1"]
        below = [
            other[0]["bottom"] - bottom
            for other in lines
            if other[0]["size"] == size and 0.5 < other[0]["bottom"] - bottom < 1.6 * size and other[0]["x0"] < x1 and x0 < other[-1]["x1"]
        ]
        if below:
            yield round(size, 1), round(min(below), 1)


@pytest.mark.parametrize("product", ["leaflet", "pocket-card", "checklist", "contact-card"])
def test_one_leading_per_type_size_on_every_page(six: Path, product: str) -> None:
    measured = 0
    for lang in LANGS:
        path = pdf(six, product, lang)
        for page in range(len(PdfReader(path).pages)):
            found: dict[float, set[float]] = defaultdict(set)
            for size, leading in _leadings(chars(path, page)):
                found[size].add(leading)
            measured += bool(found)  # a page whose every text is one line (a short language) has no leading to compare
            # the smallest distance is the leading; one less than a quarter line more is a second
            # leading (11.2, 11.8 and 12.8 pt side by side), more than that a space between blocks
            ragged = {size: sorted(v) for size, v in found.items() if any(min(v) + 0.05 < g < 1.25 * min(v) for g in v)}
            assert ragged == {}, (product, lang, page)
    assert measured >= len(LANGS), (product, measured)  # and the test measured something


@pytest.mark.parametrize("lang", LANGS)
def test_the_leaflet_inside_columns_share_a_baseline_grid(six: Path, lang: str) -> None:
    """Every 9 pt line of the inside page, in all three columns and the facts box, sits on one grid
    of half its 12 pt leading: a line in one column lines up with a line in the next."""
    path = pdf(six, "leaflet", lang)
    body = [c for c in chars(path, 1) if round(c["size"], 1) == 9.0]
    first = min(c["bottom"] for c in body)
    off = {round((c["bottom"] - first) % 6, 1) % 6 for c in body}
    assert off <= {0.0, 6.0, 0.1, 5.9}, sorted(off)
    x0, _ = trim_origin(path, 1)
    columns = {int((c["x0"] - x0) / MM // 100) for c in body}
    assert columns == {0, 1, 2}


def test_the_facts_box_lines_up_with_its_column(six: Path) -> None:
    for lang in LANGS:
        path = pdf(six, "leaflet", lang)
        x0, top = trim_origin(path, 1)
        (box,) = [r for r in rects(path, 1) if colour(r) == (0.12, 0.04, 0, 0)]
        above = [c for c in chars(path, 1) if c["x0"] > x0 + 200 * MM and c["bottom"] < box["top"]]
        assert abs(box["x0"] - min(c["x0"] for c in above)) < 0.2 * MM  # its edge where the risk list's text starts
        assert (box["x1"] - x0) / MM >= 300 - 0.01 and (box["bottom"] - top) / MM >= 213 - 0.01  # bleeds right and bottom
        inside = [c for c in chars(path, 1) if c["x0"] >= box["x0"] and c["top"] >= box["top"]]
        assert (x0 + 297 * MM - max(c["x1"] for c in inside)) / MM >= 7 - 0.01  # its text keeps the 7 mm margin at the bleed


def test_the_leaflet_back_has_no_hole(six: Path) -> None:
    for lang in LANGS:
        path = pdf(six, "leaflet", lang)
        x0, _ = trim_origin(path, 0)
        left, right = x0 + 97 * MM, x0 + 197 * MM
        drawn = [(c["top"], c["bottom"]) for c in chars(path, 0) if left < c["x0"] < right]
        drawn += [(r["top"], r["bottom"]) for r in rects(path, 0) if left < r["x0"] < right]  # the QR code and the banner
        drawn.sort()
        gaps, reach = [], drawn[0][1]
        for a, b in drawn[1:]:
            gaps.append((a - reach) / MM)
            reach = max(reach, b)
        assert max(gaps) < 25, (lang, max(gaps))  # was ~40 mm between the contacts and "Meer weten?"


def test_the_flap_call_out_says_each_thing_once(six: Path) -> None:
    for lang in LANGS:
        path = pdf(six, "leaflet", lang)
        (box,) = [r for r in rects(path, 0) if colour(r) == (0.12, 0.04, 0, 0)]
        inside = [c for c in chars(path, 0) if c["x0"] >= box["x0"] and c["top"] >= box["top"] and c["x1"] <= box["x1"]]
        words = re.findall(r"\w+", _text(inside))
        assert (words and len(words) == len(set(words))) or lang == "nl", words
        # the call-out says whom to call first: the region's 24/7, free number
        assert "08002000" in "".join(words)


def test_quotes_are_typographic_in_every_language(six: Path) -> None:
    curled = typographic_quotes("Je hebt 'schulden' opgebouwd; soa's, zo'n, 's avonds")
    assert curled == "Je hebt ‘schulden’ opgebouwd; soa’s, zo’n, ’s avonds"
    assert typographic_quotes('"ja" of „дългове“') == "“ja” of „дългове“"
    assert typographic_quotes("mail o'brien@example.nl") == "mail o'brien@example.nl"  # an address prints as typed
    for lang in LANGS:
        for product in ("leaflet", "pocket-card", "checklist", "contact-card"):
            text = "".join(page.extract_text() for page in PdfReader(pdf(six, product, lang)).pages)
            assert "'" not in text and '"' not in text, (product, lang)
    nl = flat("".join(page.extract_text() for page in PdfReader(pdf(six, "leaflet", "nl")).pages))
    assert "‘schulden’" in nl and "soa’s" in nl and "Zo’n" in nl


def test_contacts_are_set_one_way_on_the_leaflet_and_the_checklist(six: Path) -> None:
    """Icons before phone and mail lines on both A4 products, no 'Tel.' / 'E-mail' labels."""
    for lang in LANGS:
        labels = PACKS[lang]["labels"]
        for product in ("leaflet", "checklist"):
            path = pdf(six, product, lang)
            text = flat("".join(page.extract_text() for page in PdfReader(path).pages))
            assert f"{labels['phone']} 033 448 1186" not in text and f"{labels['email']} info@comensha.nl" not in text, (product, lang)
            assert "033 448 1186" in text and "info@comensha.nl" in text


def test_files_left_under_the_old_product_name_are_withdrawn(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    """An output folder from before the rename still holds utrecht_discreet-card_*.pdf: a name that
    says what the card is. The next build takes those files and their manifest rows away."""
    out = project / "output"
    assert build_in("--region", "utrecht", "--mode", "press") == 0
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text())
    (row,) = [r for r in data["files"] if r["product"] == "contact-card"]
    old = {**row, "path": "utrecht/utrecht_discreet-card_nl_press.pdf", "product": "discreet-card", "layout": "discreet-card"}
    data["files"].append(old)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    (out / old["path"]).write_bytes((out / row["path"]).read_bytes())
    (out / ".drukwerk-state.json").unlink()  # as after an upgrade: the tool's own code changed, so no fast no-op
    capsys.readouterr()
    assert build_in("--mode", "press") == 0  # a run over every region withdraws
    assert (
        f"notice: utrecht: this version no longer makes a discreet-card, so its 1 print-ready file(s) were withdrawn from {out} "
        "with their manifest rows"
    ) in capsys.readouterr().out
    assert not (out / old["path"]).exists() and (out / row["path"]).exists()
    assert not [r for r in json.loads(manifest.read_text())["files"] if "discreet" in json.dumps(r)]
