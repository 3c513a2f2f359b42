"""The messages a regional coordinator meets (issue 11, items 8 and 10-16), pinned word for word.

Each test breaks a copy of the real sample data the way a coordinator did (a pasted address, a
Dutch date, a colon in a note, a tab, a capitalised file name, a long name) and checks the one line
that comes back, the exit status, and that nothing was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.inputs.sources import load_sources
from tests.conftest import ROOT, TODAY, edit, line_of, rel, run

UTRECHT = "sources/regions/utrecht.yaml"
PACKS = [p for p in (ROOT / "sources" / "content").glob("*.yaml") if not p.name.endswith(".provenance.yaml")]  # not their sidecars
OK = f"ok: 3 regions, {len(PACKS)} language(s), 5 layouts"


@pytest.fixture(autouse=True)
def plain_dutch_texts(project: Path) -> None:
    """These tests paste into a plain Dutch role and note, as most region files have them
    (the sample gives Utrecht's role per language and its 24/7 and free of charge as data)."""
    path = project / UTRECHT
    text = path.read_text(encoding="utf-8")
    roles = re.findall(r"    role:\n(?:      .+\n)+", text)  # the role per language, one line each
    facts = '    always_open: true  # 001: "24/7 gratis bereikbaar 0800 – 2000"\n    free: true\n'
    assert len(roles) == 1 and "      nl: Regionaal advies- en meldpunt\n" in roles[0] and facts in text
    text = text.replace(roles[0], "    role: Regionaal advies- en meldpunt\n").replace(facts, "    note: 24/7, gratis\n")
    path.write_text(text, encoding="utf-8")
NATIONAL = "sources/national.yaml"


def validate(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """``drukwerk validate`` on the broken copy: its exit status and its lines, paths made relative."""
    status = run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts"))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert not (project / "output").exists()
    lines = [rel(project, line) for line in (captured.err or captured.out).splitlines() if line.strip()]
    return status, lines


def only_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    status, lines = validate(project, capsys)
    assert status == 1
    assert lines[1:] == ["1 problem(s)"], lines
    return lines[0]


# --- 8. contact data pasted from web pages and e-mails ----------------------------------------

ZWSP = "\u200b"


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        (
            UTRECHT,
            "veiligthuis@samen-veilig.nl",
            f"veiligthuis@samen{ZWSP}-veilig.nl",
            "veiligthuis@",
            "contacts[0].email: character U+200B (ZERO WIDTH SPACE) at position 18 is invisible; "
            "type the address again instead of pasting it",
        ),
        (
            UTRECHT,
            "teamzm@moviera.nl",
            "teamzm@m\u043eviera.nl",
            "teamzm@",
            "contacts[1].email: character U+043E (CYRILLIC SMALL LETTER O) at position 9 is a Cyrillic letter that looks like Latin 'o'; "
            "type the address again instead of pasting it",
        ),
        (
            UTRECHT,
            "    email: teamzm@moviera.nl\n",
            "    email: teamzm@moviera.nl\n    web: www.m\u03bfviera.nl\n",
            "web:",
            "contacts[1].web: character U+03BF (GREEK SMALL LETTER OMICRON) at position 6 is a Greek letter that looks like Latin 'o'; "
            "type the address again instead of pasting it",
        ),
        (
            UTRECHT,
            "    email: teamzm@moviera.nl\n",
            "    email: teamzm@moviera.nl\n    web: www.moviera.nl\u200f\n",
            "web:",
            "contacts[1].web: character U+200F (RIGHT-TO-LEFT MARK) at position 15 is invisible; "
            "type the address again instead of pasting it",
        ),
        (
            UTRECHT,
            "0800 – 2000",
            "\uff10\uff18\uff10\uff10 \uff12\uff10\uff10\uff10",
            "phone:",
            "contacts[0].phone: character U+FF10 (FULLWIDTH DIGIT ZERO) at position 1 looks like '0' but is another character; "
            "type the number again instead of pasting it",
        ),
        (
            UTRECHT,
            "0800 – 2000",
            "0800 2OOO",  # the letter O: the phone library would read it as the digit 6 (0800 2666)
            "phone:",
            "contacts[0].phone: character U+004F (LATIN CAPITAL LETTER O) at position 7 is a letter, not a digit; "
            "write only the number: digits, spaces and + - ( )",
        ),
        (
            UTRECHT,
            "0800 – 2000",
            "\uf095 0800 2000",  # a telephone icon copied along from a web page's icon font
            "phone:",
            "contacts[0].phone: character U+F095 (private use) at position 1 is a private-use character (an icon from a web page's font); "
            "type the number again instead of pasting it",
        ),
        (
            UTRECHT,
            "name: Moviera, team",
            "name: M\u043eviera, team",
            "name: M",
            "contacts[1].name: character U+043E (CYRILLIC SMALL LETTER O) at position 2 is a Cyrillic letter that looks like Latin 'o'; "
            "type the name again instead of pasting it",
        ),
        (
            UTRECHT,
            "name: Veilig Thuis Utrecht",
            "name: Veilig Thuis Ut\u00adrecht",
            "name: Veilig",
            "contacts[0].name: character U+00AD (SOFT HYPHEN) at position 16 is invisible; type the name again instead of pasting it",
        ),
        (
            UTRECHT,
            "role: Regionaal advies- en meldpunt",
            "role: \u2066Regionaal advies- en meldpunt\u2069",
            "role:",
            "contacts[0].role: character U+2066 (LEFT-TO-RIGHT ISOLATE) at position 1 is invisible; "
            "type the text again instead of pasting it",
        ),
        (
            UTRECHT,
            "note: 24/7, gratis",
            "note: 24/7,\u2060gratis",
            "note:",
            "contacts[0].note: character U+2060 (WORD JOINER) at position 6 is invisible; type the text again instead of pasting it",
        ),
        (
            UTRECHT,
            "id: moviera-zorgcoordinatie",
            "id: \ufeffmoviera-zorgcoordinatie",
            "id: \ufeff",
            "contacts[1].id: character U+FEFF (ZERO WIDTH NO-BREAK SPACE) at position 1 is invisible; "
            "type the id again instead of pasting it",
        ),
        (
            UTRECHT,
            "national: [comensha, politie]",
            f"national: [comensha{ZWSP}, politie]",
            "national:",
            "national[0]: character U+200B (ZERO WIDTH SPACE) at position 9 is invisible; type the id again instead of pasting it",
        ),
        (
            NATIONAL,
            "email: info@comensha.nl",
            "email: info@comensha.nl\u200c",
            "info@comensha",
            "contacts[0].email: character U+200C (ZERO WIDTH NON-JOINER) at position 17 is invisible; "
            "type the address again instead of pasting it",
        ),
        (
            NATIONAL,
            "phone: 0900-8844",
            "phone: 0900-88\u202e44",
            "phone: 0900",
            "contacts[1].phone: character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 8 is invisible; "
            "type the number again instead of pasting it",
        ),
    ],
    ids=[
        "email-zero-width-space",
        "email-cyrillic-o",
        "web-greek-omicron",
        "web-rtl-mark",
        "phone-fullwidth-digits",
        "phone-letter-o",
        "phone-icon-font",
        "name-mixed-script",
        "name-soft-hyphen",
        "role-bidi-isolate",
        "note-word-joiner",
        "id-bom",
        "national-id-zero-width",
        "national-email-zwnj",
        "national-phone-rlo",
    ],
)
def test_pasted_characters_are_refused_by_name_and_position(
    project: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, needle: str, message: str
) -> None:
    path = project / file
    edit(path, old, new)
    assert only_problem(project, capsys) == f"{file}:{line_of(path, needle)}: {message}"


def test_a_pasted_address_fails_only_its_region_and_writes_nothing(
    project: Path,
    broken: Callable[..., tuple[int, list[str]]],
) -> None:
    path = project / UTRECHT
    edit(path, "veiligthuis@samen-veilig.nl", f"veiligthuis@samen{ZWSP}-veilig.nl")
    status, lines = broken()  # checks that no file in output/ changed
    assert status == 1
    assert rel(project, lines[0]) == (
        f"{UTRECHT}:9: contacts[0].email: character U+200B (ZERO WIDTH SPACE) at position 18 is invisible; "
        "type the address again instead of pasting it"
    )


def test_harmless_clipboard_differences_are_normalised(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What Word and browsers put on the clipboard besides the text, where it cannot mislead:
    the region validates, and the values are the plain ones."""
    path = project / UTRECHT
    edit(path, "phone: 0800 – 2000", "phone: 0800\u00a0\u2013\u00a02000\u2003")  # no-break spaces, en dash, em space
    edit(path, "note: 24/7, gratis", "note: 24/7,\u202fgratis\t ")  # narrow no-break space, trailing tab
    edit(path, "email: veiligthuis@samen-veilig.nl", "email: mailto:veiligthuis@samen\u2011veilig.nl")  # copied link, non-breaking hyphen
    edit(path, "name: Moviera, team Zorgcoördinatie", "name: Moviera,\u00a0team Zorgcoo\u0308rdinatie")  # decomposed ö (macOS)
    edit(path, "role: Regionaal advies- en meldpunt", "role: Regionaal advies- en meldpunt \u2018s-Hertogenbosch, ﬁliaal")
    edit(path, "teamzm@moviera.nl", "teamzm@moviera.nl  ")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # Notepad's byte order mark at the start of the file
    status, lines = validate(project, capsys)
    assert (status, lines) == (0, [OK])
    loaded = load_sources(project / "sources", date.fromisoformat(TODAY)).regions["utrecht"].loaded
    assert loaded is not None
    first, second = loaded.model.contacts
    assert first.phone == "0800 2000"
    assert first.note == "24/7, gratis"
    assert first.email == "veiligthuis@samen-veilig.nl"
    assert first.role == "Regionaal advies- en meldpunt \u2019s-Hertogenbosch, filiaal"
    assert second.name == "Moviera, team Zorgcoördinatie Mensenhandel" == unicodedata.normalize("NFC", second.name)
    assert second.email == "teamzm@moviera.nl"


def test_normalised_values_are_what_the_card_prints(project: Path, build_in: Callable[..., int]) -> None:
    path = project / UTRECHT
    edit(path, "email: veiligthuis@samen-veilig.nl", "email: veiligthuis@samen\u2011veilig.nl\u00a0")
    edit(path, "phone: 0800 – 2000", "phone: 0800\u00a0\u2013\u00a02000")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--mode", "press") == 0
    back = PdfReader(project / "output/utrecht/utrecht_pocket-card_nl_press.pdf").pages[1].extract_text()
    assert "veiligthuis@samen-veilig.nl" in back and "0800 2000" in back
    assert not set(back) & {"\u2011", "\u00a0", "\u2013"}


# --- 10. a region file named with capitals (or .yml) ---------------------------------------------


def test_capitalised_region_file_says_to_rename_it(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    regions = project / "sources/regions"
    (regions / "Zeeland.yaml").write_text((regions / "twente.yaml").read_text(encoding="utf-8").replace("Twente", "Zeeland"), "utf-8")
    assert only_problem(project, capsys) == (
        "sources/regions/Zeeland.yaml: the file name is not a region id (lower case, words joined by hyphens); "
        "rename the file to zeeland.yaml"
    )
    assert build_in("--region", "zeeland") == 2
    assert capsys.readouterr().err.strip() == (
        "drukwerk: unknown region 'zeeland': its file is named Zeeland.yaml; rename it to zeeland.yaml "
        "(region ids are lower case, words joined by hyphens)"
    )
    assert not list((project / "output").rglob("*.pdf"))
    (regions / "Zeeland.yaml").rename(regions / "zeeland.yaml")  # following the advice is enough
    assert build_in("--region", "zeeland", "--product", "pocket-card", "--mode", "press") == 0
    assert (project / "output/zeeland/zeeland_pocket-card_nl_press.pdf").exists()


def test_region_file_with_another_extension_says_to_rename_it(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    regions = project / "sources/regions"
    (regions / "twente.yaml").rename(regions / "twente.yml")
    assert build_in("--region", "twente") == 2
    assert capsys.readouterr().err.strip() == (
        "drukwerk: unknown region 'twente': its file is named twente.yml; rename it to twente.yaml (only .yaml files are read)"
    )


def test_a_misspelt_region_still_gets_a_suggestion(build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    assert build_in("--region", "utrect") == 2
    assert capsys.readouterr().err.strip() == "drukwerk: unknown region 'utrect' (did you mean 'utrecht'?); see drukwerk regions"


# --- 11. dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("23-11-2026", "'23-11-2026' is not written as YYYY-MM-DD (year-month-day); write 2026-11-23"),
        ("3-4-2026", "'3-4-2026' is not written as YYYY-MM-DD (year-month-day); write 2026-04-03 (for 3 April 2026)"),
        ("23.11.2026", "'23.11.2026' is not written as YYYY-MM-DD (year-month-day); write 2026-11-23"),
        (
            "2026-02-30",
            "'2026-02-30' is not a date (day is out of range for month); write the day you checked as YYYY-MM-DD, e.g. 2026-11-23",
        ),
        (
            "23 november 2026",
            "'23 november 2026' is not a date; write the day you checked as YYYY-MM-DD (year-month-day), e.g. 2026-11-23",
        ),
        ("1763856000", "'1763856000' is not a date; write the day you checked as YYYY-MM-DD (year-month-day), e.g. 2026-11-23"),
        ("", "no date given; write the day you checked as YYYY-MM-DD (year-month-day), e.g. 2026-11-23"),
    ],
    ids=["dutch-order", "ambiguous", "dots", "no-such-day", "words", "timestamp", "empty"],
)
def test_verified_date_says_how_to_write_it(project: Path, capsys: pytest.CaptureFixture[str], written: str, message: str) -> None:
    path = project / UTRECHT
    edit(path, "verified: 2026-11-23", f"verified: {written}")
    line = line_of(path, f"verified: {written}")
    assert only_problem(project, capsys) == f"{UTRECHT}:{line}: contacts[0].verified: {message}"


# --- 12, 13. YAML a coordinator types -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "note: 24/7, gratis",
            "note: let op: alleen overdag",
            "let op",
            'YAML syntax: a value that contains ": " must be put in quotes; write note: "let op: alleen overdag"',
        ),
        (
            "note: 24/7, gratis",
            'note: let op: "alleen" overdag  # uit de folder',
            "let op",
            'YAML syntax: a value that contains ": " must be put in quotes; write note: \'let op: "alleen" overdag\'',
        ),
        (
            "  - id: moviera-zorgcoordinatie",
            "  - id: moviera: zorgcoordinatie",
            "moviera:",
            'YAML syntax: a value that contains ": " must be put in quotes; write id: "moviera: zorgcoordinatie"',
        ),
        ("    note: 24/7", "\tnote: 24/7", "\tnote", "YAML syntax: the line is indented with a tab; indent with spaces, not tabs"),
        (
            "  - id: moviera",
            "\t- id: moviera",
            "\t- id",
            "YAML syntax: the line is indented with a tab; indent with spaces, not tabs",
        ),
        (
            "note: 24/7, gratis",
            "note: 24/7,\x0bgratis",  # Word's line break (Shift+Enter)
            "note:",
            "character U+000B (control character) in column 16 cannot be in a YAML file; type the line again instead of pasting it",
        ),
        (
            "note: 24/7, gratis",
            "note: 24/7,\u2028gratis",
            "note:",
            "character U+2028 (LINE SEPARATOR) in column 16 cannot be in a YAML file; type the line again instead of pasting it",
        ),
    ],
    ids=["colon", "colon-and-quotes", "colon-in-list-item", "tab", "tab-before-dash", "vertical-tab", "line-separator"],
)
def test_yaml_mistakes_say_what_to_do(
    project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, needle: str, message: str
) -> None:
    path = project / UTRECHT
    edit(path, old, new)
    line = line_of(path, needle)
    assert only_problem(project, capsys) == f"{UTRECHT}:{line}: {message}"


def test_following_the_quoting_advice_works(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / UTRECHT
    edit(path, "note: 24/7, gratis", "note: let op: alleen overdag")
    advice = only_problem(project, capsys).split("; write ", 1)[1]
    edit(path, "note: let op: alleen overdag", advice)
    assert validate(project, capsys)[0] == 0
    loaded = load_sources(project / "sources", date.fromisoformat(TODAY)).regions["utrecht"].loaded
    assert loaded is not None and loaded.model.contacts[0].note == "let op: alleen overdag"


# --- 14. fit errors in words ---------------------------------------------------------------------

MOVIERA = "Moviera, team Zorgcoördinatie Mensenhandel"
_ABOUT = re.compile(r"\(about (\d+) words? too many\)")


def _back_panel_line(project: Path) -> int:
    """The line of the card's back panel in its layout (where the designer's fix is)."""
    lines = (project / "layouts" / "pocket-card.yaml").read_text(encoding="utf-8").splitlines()
    return 1 + next(i for i, line in enumerate(lines) if line.strip() == "- name: back" and line.startswith("      "))


def _front_panel_line(project: Path) -> int:
    """The line of the card front's panel 'front' (key message and signals) in its layout."""
    lines = (project / "layouts" / "pocket-card.yaml").read_text(encoding="utf-8").splitlines()
    return 1 + next(i for i, line in enumerate(lines) if line.strip() == "- name: front" and line.startswith("      "))


def _short(line: str) -> str:
    """The millimetres a fit error says (the layout decides them; the words are what is checked)."""
    return re.findall(r"is (\d+\.\d) mm short", line)[0]


def _block_line(project: Path, key: str) -> int:
    """The line of the block (its "- type:" line) that holds ``key`` in the card's layout."""
    lines = (project / "layouts" / "pocket-card.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == key)
    return 1 + max(i for i in range(at) if lines[i].strip().startswith("- type:"))


def test_fit_error_counts_the_words_to_cut_and_says_whose_fix_it_is(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The count is exact for the end of the text: cutting that many words fits, one fewer does not."""
    path = project / UTRECHT
    long_name = ", ".join([MOVIERA] * 4)  # too long for the card, not yet for the leaflet (in any language)
    edit(path, MOVIERA, long_name)
    line = only_problem(project, capsys)
    words = int(_ABOUT.findall(line)[0])
    assert line == (
        f"{UTRECHT}:{line_of(path, 'name: Moviera')}: contacts[1].name: does not fit: utrecht pocket-card nl press, page 'back', "
        f"panel 'back' is {_short(line)} mm short "
        f"(about {words} words too many); shorten this text in the region file (the coordinator's fix), "
        f"or give the panel more room (the designer's fix, layouts/pocket-card.yaml:{_back_panel_line(project)}; "
        f"the block taking the most room: layouts/pocket-card.yaml:{_block_line(project, 'items: contacts')})"
    )
    name_words = long_name.split()
    edit(path, long_name, " ".join(name_words[: len(name_words) - words + 1]))
    assert "does not fit: utrecht pocket-card nl press, page 'back'" in only_problem(project, capsys)  # one word less is not enough
    edit(path, " ".join(name_words[: len(name_words) - words + 1]), " ".join(name_words[: len(name_words) - words]))
    # the Dutch card fits now (a card in a longer language may still need more cut: its own line says so)
    assert not [line for line in validate(project, capsys)[1] if "pocket-card nl" in line]


def test_fit_error_in_shared_content_counts_words_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = project / "sources/content/nl.yaml"
    longer = "Je krijgt weinig of geen loon, je werkt lange dagen zonder vrije dag en anderen houden je geld, je papieren en je telefoon"
    text = f"{longer}. {longer}. {longer}"
    edit(content, "    - Je krijgt een ongewoon laag loon of geen loon\n", f"    - {text}\n")
    line = only_problem(project, capsys)
    words = int(_ABOUT.findall(line)[0])
    short = re.findall(r"is (\d+\.\d) mm short", line)[0]  # the layout's margins decide the millimetres; the words are checked below
    assert line == (
        f"sources/content/nl.yaml:{line_of(content, 'lange dagen')}: card.signals[4]: does not fit: hart-van-brabant pocket-card nl press, "
        f"page 'front', panel 'front' is {short} mm short (about {words} words too many); "
        f"shorten the text or give the panel more room (layouts/pocket-card.yaml:{_front_panel_line(project)}; "
        f"the block taking the most room: layouts/pocket-card.yaml:{_block_line(project, 'items: content.card.signals')})"
    )
    kept = text.split()
    edit(content, text, " ".join(kept[: len(kept) - words]))
    assert validate(project, capsys)[0] == 0


def test_fit_error_when_the_text_blamed_is_not_enough(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / UTRECHT
    extra = "".join(
        f"  - id: extra-{i}\n    name: {MOVIERA} {i}\n    email: teamzm@moviera.nl\n"
        "    source: 001_bc386227d7cc8ce9.txt\n    verified: 2026-11-23\n"
        for i in range(2)
    )
    edit(path, "national:", f"{extra}national:")
    edit(path, "discreet_card: true", "discreet_card: false")  # the pocket card's message only (these names would need a discreet_name)
    line = only_problem(project, capsys)
    assert line == (
        f"{UTRECHT}:9: contacts[0].email: does not fit: utrecht pocket-card nl press, page 'back', panel 'back' is {_short(line)} mm short "
        "(more than this text has: 1 word; other text must go too); shorten this text in the region file (the coordinator's fix), "
        f"or give the panel more room (the designer's fix, layouts/pocket-card.yaml:{_back_panel_line(project)}; "
        f"the block taking the most room: layouts/pocket-card.yaml:{_block_line(project, 'items: contacts')})"
    )


# --- 15. validate: each problem once --------------------------------------------------------------


def test_validate_reports_a_region_problem_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two language packs and two modes used to give four lines for one long name, twelve for a snowman."""
    path = project / UTRECHT
    edit(path, MOVIERA, ", ".join([MOVIERA] * 5))
    assert "contacts[1].name: does not fit: utrecht pocket-card nl press" in only_problem(project, capsys)
    edit(path, ", ".join([MOVIERA] * 5), MOVIERA)
    edit(path, "name: Utrecht", "name: Utrecht \u2603")
    line = only_problem(project, capsys)  # the glyph stops typesetting before the fit is measured
    assert line.startswith(f"{UTRECHT}:1: name: character '\u2603' (U+2603) is not in font 'sans' (utrecht leaflet nl press)")


# --- 16. regions table ----------------------------------------------------------------------------


def test_regions_table_says_a_region_without_contacts_has_none(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import ROOT

    assert run("regions", "--sources", str(ROOT / "sources")) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["twente"].split()[2:] == ["draft", "0", "none", "(no", "contacts)"]
    assert rows["utrecht"].split()[2:] == ["complete", "2", "2026-11-23"]
