"""Every kind of bad input: one clear line naming file, line and field; exit 1; nothing written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import fontpkg_fira_sans
import pytest

from tests.conftest import edit, line_of, rel
from tests.test_incremental import new_version

UTRECHT = "sources/regions/utrecht.yaml"


def test_yaml_syntax_error(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "name: Utrecht", "name: [Utrecht")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith(f"{UTRECHT}:")
    assert "YAML syntax" in lines[0]


def test_unknown_key_suggests_the_right_one(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "    phone: 0800 – 2000", "    telefon: 0800 – 2000")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]) == f"{UTRECHT}:{line_of(path, 'telefon')}: contacts[0].telefon: unknown key (did you mean 'phone'?)"


def test_wrong_type(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "national: [comensha, politie]", "national: comensha")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith(f"{UTRECHT}:{line_of(path, 'national:')}: national: ")
    assert "list" in lines[0]


def test_missing_required_field(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "name: Utrecht\n", "")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]) == f"{UTRECHT}:1: name: required but missing; add it"


def test_invalid_phone_number(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "0800 – 2000", "020 123")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]) == (
        f"{UTRECHT}:{line_of(path, '020 123')}: contacts[0].phone: '020 123' is not a valid Dutch phone number; "
        "check the digits against the source (a Dutch number has 10 digits from 0 (0xx xxx xx xx, 06 xx xx xx xx) "
        "or is 0800/0900 and 4 to 7 digits)"
    )


def test_invalid_email(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "teamzm@moviera.nl", "teamzm@moviera")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith(
        f"{UTRECHT}:{line_of(path, 'teamzm@moviera')}: contacts[1].email: 'teamzm@moviera' is not a valid email"
    )


def test_web_address_with_tracking_parameters(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "    email: teamzm@moviera.nl", "    email: teamzm@moviera.nl\n    web: https://www.moviera.nl/?utm_source=folder")
    status, lines = broken()
    assert status == 1
    assert "contacts[1].web: " in lines[0] and "tracking" in lines[0]


def test_contact_verified_too_long_ago(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "verified: 2026-11-23", "verified: 2025-10-01")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]) == (
        f"{UTRECHT}:{line_of(path, '2025-10-01')}: contacts[0].verified: verified 2025-10-01, more than 12 months ago; "
        "check the contact against its source and update the date"
    )


def test_complete_region_without_a_reachable_contact(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / "sources/regions/hart-van-brabant.yaml"
    edit(path, "    phone: 013 751 67 50\n    email: mensenhandel@tilburg.nl\n", "    web: www.tilburg.nl\n")
    status, lines = broken()
    assert status == 1
    assert "sources/regions/hart-van-brabant.yaml:" in lines[0]
    assert "contacts: a complete region needs at least one regional contact with a phone number or email" in lines[0]


def test_required_national_contact_missing(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    edit(project / UTRECHT, "national: [comensha, politie]", "national: [politie]")
    status, lines = broken()
    assert status == 1
    assert "national: 'comensha' is printed for every region; add it to national:" in lines[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text"),
        (b"- just\n- a list\n", "expected keys and values (a mapping) at the top"),
        (b'a: &a ["x","x","x"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\nd: [*c,*c,*c]\n', "anchors and aliases (& and *) are not allowed"),
        (b"name: !!python/object:os.system 'echo hi'\n", "YAML tag tag:yaml.org,2002:python/object:os.system is not allowed"),
    ],
    ids=["empty", "binary", "not-a-mapping", "alias-bomb", "python-tag"],
)
def test_files_that_are_not_region_yaml(project: Path, broken: Callable[..., tuple[int, list[str]]], content: bytes, message: str) -> None:
    (project / UTRECHT).write_bytes(content)
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith(UTRECHT)
    assert message in lines[0]


def test_text_that_no_longer_fits_names_panel_and_missing_mm(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    """The card is the only product printing card.signals, so every job that uses it fails and keeps its file."""
    content = project / "sources/content/nl.yaml"
    longer = "Je krijgt weinig of geen loon, je werkt lange dagen zonder vrije dag en anderen houden je geld, je papieren en je telefoon"
    edit(content, "    - Je krijgt een ongewoon laag loon of geen loon", f"    - {longer}. {longer}. {longer}")
    status, lines = broken("--product", "pocket-card")
    assert status == 1
    line = rel(project, lines[0])
    assert line.startswith(f"sources/content/nl.yaml:{line_of(content, 'lange dagen')}: card.signals[4]: does not fit: ")
    assert line.endswith(")")
    assert "pocket-card nl press, page 'front', panel 'front' is " in line
    assert " mm short (about " in line
    assert " words too many); shorten the text or give the panel more room (layouts/pocket-card.yaml:" in line
    assert "does not fit" in (project / "output/utrecht/index.html").read_text(encoding="utf-8")  # the proof page says so too


def test_character_the_font_cannot_draw(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    # a contact's name: printed on every product (the card no longer prints the region's name)
    path = project / UTRECHT
    edit(path, "name: Veilig Thuis Utrecht", "name: Veilig Thuis Utrecht ☃")
    status, lines = broken()
    assert status == 1
    line = line_of(path, "☃")
    assert f"{UTRECHT}:{line}: contacts[0].name: character '☃' (U+2603) is not in font 'sans'" in rel(project, lines[0])


def test_template_naming_an_unknown_variable(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    layout = project / "layouts/pocket-card.yaml"
    edit(layout, "{{ content.card.key_message }}", "{{ content.card.kye_message }}")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith(f"layouts/pocket-card.yaml:{line_of(layout, 'kye_message')}: pages[0].panels[3].blocks[0]")
    assert "kye_message" in lines[0]


def test_template_syntax_error(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    layout = project / "layouts/pocket-card.yaml"
    edit(layout, "{{ content.card.key_message }}", "{{ content.card.key_message }")
    status, lines = broken()
    assert status == 1
    assert "layouts/pocket-card.yaml:" in lines[0] and "template syntax" in lines[0]


def test_style_below_minimum_type_size(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    theme = project / "layouts/theme.yaml"
    edit(theme, "card-list:  {size: 8pt", "card-list:  {size: 5pt")
    status, lines = broken()
    assert status == 1
    assert (
        rel(project, lines[0]) == f"layouts/theme.yaml:{line_of(theme, 'card-list:')}: styles.card-list.size: "
        "5pt is below the minimum type size 6.5pt; make it larger"
    )
    assert lines[1:] == ["1 problem(s); nothing was written"]  # once, although every layout uses the theme


def test_unknown_region_is_a_usage_error(build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    assert build_in("--region", "utrect") == 2
    assert "unknown region 'utrect' (did you mean 'utrecht'?)" in capsys.readouterr().err


def test_validate_reports_every_problem_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import run

    edit(project / UTRECHT, "    phone: 0800 – 2000", "    telefon: 0800 – 2000")
    edit(project / "sources/regions/hart-van-brabant.yaml", "mensenhandel@tilburg.nl", "mensenhandel(at)tilburg.nl")
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err
    assert "telefon" in err and "mensenhandel(at)tilburg.nl" in err
    assert not (project / "output").exists()


def test_validate_finds_text_that_no_longer_fits(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import run

    long_name = ", ".join(["Moviera, team Zorgcoördinatie Mensenhandel"] * 6)
    edit(project / UTRECHT, "Moviera, team Zorgcoördinatie Mensenhandel", long_name)
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err
    assert "sources/regions/utrecht.yaml:" in err and "contacts[1].name: does not fit" in err and "mm short" in err
    assert not (project / "output").exists()


def test_panel_across_a_fold_is_refused(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    layout = project / "layouts/leaflet.yaml"
    edit(
        layout,
        "      - name: flap\n        x: 0mm\n        y: 0mm\n        width: 97mm",
        "      - name: flap\n        x: 0mm\n        y: 0mm\n        width: 120mm",
    )
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith("layouts/leaflet.yaml:")
    assert "panel 'flap': text would come closer than 3 mm to the fold at 97 mm" in lines[0]


def test_hyphenation_keeps_long_dutch_compounds_inside_a_narrow_column(project: Path, build_in: Callable[..., int]) -> None:
    """A 30 mm column with arbeidsuitbuiting and kindermishandeling: broken with a hyphen, never past the edge."""
    import pdfplumber

    from generator.pdf.marks import SLUG
    from tests.pdfs import MM

    (project / "layouts/narrow.yaml").write_text(
        "extends: pocket-card\n"
        "pages:\n"
        "  - name: front\n"
        "    panels:\n"
        "      - name: front\n"
        "        width: 38mm\n"
        "        padding: 4mm\n"
        "        blocks:\n"
        '          - {type: paragraph, text: "{{ content.forms[1].name }} {{ content.steps.items[3] }}"}\n',
        encoding="utf-8",
    )
    region = project / UTRECHT
    region.write_text(region.read_text(encoding="utf-8") + "layouts: {pocket-card: narrow}\n", encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--mode", "press") == 0
    with pdfplumber.open(project / "output/utrecht/utrecht_pocket-card_nl_press.pdf") as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        # the panel 'front' only: the lead contact above it and the 112 bar below keep their width
        panel = [c for c in page.chars if SLUG + 16 * MM < c["top"] < SLUG + 46.7 * MM]
        right = max(c["x1"] for c in panel)
    assert right <= SLUG + 34 * MM + 0.5
    assert "-\n" in text  # at least one word was hyphenated
    joined = text.replace("-\n", "")
    assert "Arbeidsuitbuiting" in joined and "Kindermishandeling" in joined


def test_language_pack_missing_an_item_of_nl(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    content = project / "sources/content/en.yaml"
    edit(content, "      - Eating problems\n", "")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith("sources/content/en.yaml:")
    assert "signals.behaviour.items: 6 items, nl has 7; translate every item" in lines[0]


def test_unreviewed_language_is_built_only_on_request_and_marked(project: Path, build_in: Callable[..., int]) -> None:
    from pypdf import PdfReader

    assert build_in() == 0
    assert not list((project / "output").rglob("*_en_*.pdf"))
    assert build_in("--lang", "en", "--region", "utrecht", "--product", "pocket-card") == 0
    card = project / "output/utrecht/utrecht_pocket-card_en_press.pdf"
    assert all("DRAFT" in page.extract_text() for page in PdfReader(card).pages)


def test_a_broken_region_does_not_stop_the_others(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    """The nightly batch: one bad region file fails its own jobs; every other region is built."""
    edit(project / UTRECHT, "0800 – 2000", "020 123")
    assert build_in() == 1
    captured = capsys.readouterr()
    assert "contacts[0].phone: '020 123' is not a valid Dutch phone number" in captured.err
    assert "built 6, up to date 0, failed 6" in captured.out
    assert len(list((project / "output/hart-van-brabant").glob("*.pdf"))) == 6
    assert not list((project / "output/utrecht").glob("*.pdf"))


def test_source_naming_a_missing_seed_document(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    path = project / UTRECHT
    edit(path, "    source: 001_bc386227d7cc8ce9.txt", "    source: 009_missing.txt")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith(f"{UTRECHT}:{line_of(path, '009_missing')}: contacts[0].source: '009_missing.txt' is not in ")


def test_symbolic_link_is_not_followed(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    (project / "sources/regions/elders.yaml").symlink_to("/etc/hostname")
    status, lines = broken()
    assert status == 1
    assert "sources/regions/elders.yaml: is a symbolic link; put the file itself here" in lines[0]


def test_regions_table(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import ROOT, run

    assert run("regions", "--sources", str(ROOT / "sources")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["id", "name", "status", "contacts", "oldest", "verified"]
    rows = {line.split()[0]: line for line in out[1:]}
    assert "complete" in rows["utrecht"] and "complete" in rows["hart-van-brabant"] and "draft" in rows["twente"]
    assert rows["utrecht"].split()[-1] == "2026-11-23"


def test_heading_alone_at_the_bottom_of_a_panel(project: Path, broken: Callable[..., tuple[int, list[str]]]) -> None:
    layout = project / "layouts/leaflet.yaml"
    text = layout.read_text(encoding="utf-8")
    start = text.index("          - type: contacts\n            style: paragraph\n            items: content.forms")
    end = text.index("      - name: middle")
    layout.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")  # the forms and the lover text go, their heading stays
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]).startswith(
        f"layouts/leaflet.yaml:{line_of(layout, 'content.forms_title')}: pages[1].panels[0].blocks[5]: "
    )
    assert "a heading is the last thing in panel 'left'; move it to the panel with its text" in lines[0]


@pytest.mark.parametrize(
    ("where", "files"),
    [
        ("in one family", "'FiraSans-Regular.ttf' and 'FiraSans-Regular-2.ttf'"),
        ("in two families", "'FiraSans-Regular-2.ttf' and 'FiraSans-Regular.ttf'"),
    ],
)
def test_two_versions_of_one_font_in_a_theme(project: Path, broken: Callable[..., tuple[int, list[str]]], where: str, files: str) -> None:
    fonts = project / "layouts/fonts"
    shutil.copytree(Path(fontpkg_fira_sans.__file__).parent / "files", fonts)
    shutil.copyfile(fonts / "FiraSans-Regular.ttf", fonts / "FiraSans-Regular-2.ttf")
    new_version(fonts / "FiraSans-Regular-2.ttf")
    theme = project / "layouts/theme.yaml"
    if where == "in one family":
        edit(theme, "package: fontpkg_fira_sans", "folder: fonts")
        edit(theme, "bold: FiraSans-Bold.ttf", "bold: FiraSans-Regular-2.ttf")
    else:
        faces = "".join(
            f"    {face}: FiraSans-{name}.ttf\n" for face, name in [("bold", "Bold"), ("italic", "Italic"), ("bold_italic", "BoldItalic")]
        )
        edit(theme, "fonts:\n", f"fonts:\n  other:\n    folder: fonts\n    regular: FiraSans-Regular-2.ttf\n{faces}")
    status, lines = broken()
    assert status == 1
    assert rel(project, lines[0]) == (
        f"layouts/theme.yaml: fonts: font files {files} are two versions"
        " of the same font (FiraSans-Regular); a PDF can embed only one: use one file"
    )
