"""The errors a designer met (issue #12, item 6), each reproduced on a copy of the real layouts:
one line that says what to do, the exact text pinned here; never an internal error, never a
silent wrong result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import edit, line_of, run

THEME_COLOURS = "ink, paper, accent, accent-light, accent-soft, alert, muted, card-warm"


@pytest.fixture
def validate(project: Path, capsys: pytest.CaptureFixture[str]) -> Callable[[], tuple[int, list[str]]]:
    """`drukwerk validate` on the copy: its exit status and its lines, paths relative to the copy."""

    def _validate() -> tuple[int, list[str]]:
        status = run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts"))
        err = capsys.readouterr().err
        assert "Traceback" not in err and "internal error" not in err
        return status, [line.replace(f"{project}/", "") for line in err.splitlines() if line.strip()]

    return _validate


def block_line(path: Path, needle: str) -> int:
    """The line of the block (its ``- `` line) that holds ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = line_of(path, needle)
    return next(i for i in range(at, 0, -1) if lines[i - 1].lstrip().startswith("- "))


def _card_text(project: Path, markup: str) -> Path:
    """The pocket card's key message wrapped in ``markup`` (``{}`` stands for the message)."""
    layout = project / "layouts/pocket-card.yaml"
    text = markup.format("{{ content.card.key_message }}").replace('"', '\\"')
    edit(layout, 'text: "{{ content.card.key_message }}"', f'text: "{text}"')
    return layout


def test_type_size_without_a_unit_is_refused(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    theme = project / "layouts/theme.yaml"
    edit(theme, "subheading: {bold: true, size: 9pt, leading: 12pt", "subheading: {bold: true, size: 7.5, leading: 9pt")
    status, lines = validate()
    assert status == 1
    assert lines == [
        f"layouts/theme.yaml:{line_of(theme, 'subheading:')}: styles.subheading.size: "
        "'7.5' has no unit; type sizes and leading are in points: write 7.5pt",
        "1 problem(s)",
    ]


def test_leading_smaller_than_the_size_is_refused(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    theme = project / "layouts/theme.yaml"
    edit(theme, "subheading: {bold: true, size: 9pt, leading: 12pt", "subheading: {bold: true, size: 21pt, leading: 9pt")
    status, lines = validate()
    assert status == 1
    assert lines[0] == (
        f"layouts/theme.yaml:{line_of(theme, 'subheading:')}: styles.subheading.leading: 9pt is less than the type size 21pt, "
        "so lines would print over each other; make it at least 21pt (1.2 × size is usual)"
    )


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ('<font color="red">{}</font>', f"<font color=\"red\">: unknown colour 'red'; the theme's colours: {THEME_COLOURS}"),
        (
            '<a href="https://www.mensenhandelweb.nl">{}</a>',
            "<a> links do nothing on paper and cannot be placed on the office card sheet; write the address as text",
        ),
        (
            '<img src="logo.png" width="20" height="20"/>{}',
            "<img> in block text is not allowed: such an image escapes the checks for CMYK, resolution and rebuilds; use an image block",
        ),
        (
            '<font size="14">{}</font>',
            '<font size=…> is not allowed: sizes and faces come from the block\'s style; only color="<colour>" may be set here',
        ),
        ("<b>{}", "<b> is never closed; add </b>"),
        ("<blink>{}</blink>", '<blink> is not allowed in block text; use <b>, <i>, <u>, <sup>, <sub>, <br/> or <font color="<colour>">'),
    ],
)
def test_block_markup_is_checked_when_the_layout_is_read(
    project: Path, validate: Callable[[], tuple[int, list[str]]], markup: str, message: str
) -> None:
    layout = _card_text(project, markup)
    status, lines = validate()
    assert status == 1
    assert lines == [
        f"layouts/pocket-card.yaml:{line_of(layout, 'key_message')}: pages[0].panels[3].blocks[0].text: {message}",
        "1 problem(s)",
    ]


def test_a_theme_colour_in_markup_prints_in_that_colour(project: Path, build_in: Callable[..., int]) -> None:
    _card_text(project, 'Bel <font color="alert">{}</font>')
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 0
    for mode in ("press", "office"):
        with pdfplumber.open(project / f"output/utrecht/utrecht_pocket-card_nl_{mode}.pdf") as pdf:
            chars = pdf.pages[0].chars
        first = {c["text"]: c["non_stroking_color"] for c in reversed(chars)}  # each character's first appearance
        assert first["B"] == (1.0, 0.65, 0.1, 0.25)  # "Bel": the style's accent
        assert first["W"] == (0.0, 0.9, 0.85, 0.0)  # "Word je…": the theme's alert, in CMYK


def test_misspelt_alignment_suggests_and_hides_nothing(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    theme = project / "layouts/theme.yaml"
    edit(theme, "align: center", "align: centre")
    edit(theme, "colour: muted", "colour: orange")
    status, lines = validate()
    assert status == 1
    assert lines == [
        f"layouts/theme.yaml:{line_of(theme, 'colour: orange')}: styles.small.colour: unknown colour 'orange'; "
        f"the theme's colours: {THEME_COLOURS}",
        f"layouts/theme.yaml:{line_of(theme, 'align: centre')}: styles.banner.align: "
        "'centre' is not one of left, center, right, justify (did you mean 'center'?)",
        "2 problem(s)",
    ]


def test_extends_theme_in_a_layout_says_what_theme_is(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    variant = project / "layouts/leaflet-huisstijl.yaml"
    edit(variant, "extends: leaflet", "extends: theme")
    status, lines = validate()
    assert status == 1
    assert lines == [
        f"layouts/leaflet-huisstijl.yaml:{line_of(variant, 'extends:')}: extends: 'theme' is theme.yaml, not a layout; "
        "extend a layout (checklist, contact-card, leaflet, pocket-card) and change colours or styles under this file's theme: key, "
        "or give a region a theme of its own for every product (<name>.theme.yaml)",
        "1 problem(s)",
    ]


def test_a_misspelt_extends_never_suggests_the_file_itself(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    (project / "layouts/leaflet-thema.yaml").write_text("extends: leaflet-them\n", encoding="utf-8")
    status, lines = validate()
    assert status == 1
    assert lines == ["layouts/leaflet-thema.yaml:1: extends: no layout 'leaflet-them' in layouts (did you mean 'leaflet'?)", "1 problem(s)"]


def test_a_theme_typo_is_not_also_a_missing_layout(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    theme = project / "layouts/theme.yaml"
    edit(theme, "colour: muted", "colour: mutd")
    (project / "layouts/leaflet-hvb.yaml").write_text("extends: leaflet\n", encoding="utf-8")
    edit(project / "sources/regions/hart-van-brabant.yaml", "national:", "layouts: {leaflet: leaflet-hvb}\nnational:")
    status, lines = validate()
    assert status == 1
    assert lines == [
        f"layouts/theme.yaml:{line_of(theme, 'colour: mutd')}: styles.small.colour: unknown colour 'mutd' (did you mean 'muted'?); "
        f"the theme's colours: {THEME_COLOURS}",
        "1 problem(s)",
    ]


def test_a_rule_needs_no_style(project: Path, build_in: Callable[..., int]) -> None:
    layout = project / "layouts/leaflet.yaml"
    edit(layout, "          - {type: paragraph, style: caution,", "          - type: rule\n          - {type: paragraph, style: caution,")
    assert build_in("--region", "utrecht", "--product", "leaflet", "--mode", "press") == 0
    with pdfplumber.open(project / "output/utrecht/utrecht_leaflet_nl_press.pdf") as pdf:
        page = pdf.pages[1]
        rules = [ln for ln in page.lines if ln["top"] > 30 and abs(ln["top"] - ln["bottom"]) < 0.01 and ln["x1"] - ln["x0"] > 200]
    assert len(rules) == 1  # one line across the middle column (crop and fold marks are outside the trim)
    assert rules[0]["linewidth"] == pytest.approx(0.5)
    assert rules[0]["stroking_color"] == (0, 0, 0, 1)  # ink


def test_the_reference_gives_type_sizes_in_points() -> None:
    reference = (Path(__file__).parent.parent / "layouts/README.md").read_text(encoding="utf-8")
    assert "| `size` | type size in pt, unit required | 8pt | type size, with its unit (9pt) |" in reference
    assert "| `min_size` | type size in pt, unit required | 6pt |" in reference
    assert "2.82mm" not in reference


def test_an_added_block_is_blamed_not_the_text_above_it(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    """A designer adds three lists to the flap: the message names the block taking the most room
    (the first added list) and its layout line, not actions.victim.text, which nobody touched."""
    layout = project / "layouts/leaflet.yaml"
    professional = '          - {type: paragraph, style: lead, text: "{{ content.actions.professional.text }}"}'
    edit(
        layout,
        professional,
        professional
        + "\n          - {type: bullets, items: content.risk_factors.items}"
        + "\n          - {type: bullets, items: content.signals.all_forms.items}"
        + "\n          - {type: bullets, items: content.signals.cross_border.items}",
    )
    status, lines = validate()
    assert status == 1
    lines = [line for line in lines if "leaflet nl press" in line]  # one line: the same panel of every region is one problem
    content = project / "sources/content/nl.yaml"
    first_risk = next(
        i
        for i, line in enumerate(content.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip().startswith("- ") and i > line_of(content, "risk_factors:")
    )
    amount = lines[0].split(" is ")[1].split("; shorten")[0]  # mm short, and the words to cut (tested with the coordinator's messages)
    assert lines[0] == (
        f"sources/content/nl.yaml:{first_risk}: risk_factors.items[0]: does not fit: hart-van-brabant leaflet nl press, page 'outside', "
        f"panel 'flap' is {amount}; shorten the text or give the panel more room "
        f"(layouts/leaflet.yaml:{line_of(layout, 'name: flap')}; the block taking the most room: "
        f"layouts/leaflet.yaml:{block_line(layout, 'content.risk_factors.items}')})"
    )
    assert not any("actions.victim.text" in line for line in lines)


def test_a_text_that_grew_is_still_blamed(project: Path, validate: Callable[[], tuple[int, list[str]]]) -> None:
    region = project / "sources/regions/utrecht.yaml"
    edit(region, "Moviera, team Zorgcoördinatie Mensenhandel", ", ".join(["Moviera, team Zorgcoördinatie Mensenhandel"] * 6))
    status, lines = validate()
    assert status == 1
    card = [line for line in lines if "pocket-card" in line]
    assert card and all(
        line.startswith(f"sources/regions/utrecht.yaml:{line_of(region, 'Moviera')}: contacts[1].name: does not fit: ") for line in card
    )
    layout = project / "layouts/pocket-card.yaml"
    assert card[0].endswith(  # region text: the coordinator's fix, or the designer's
        f"(the designer's fix, layouts/pocket-card.yaml:{line_of(layout, '      - name: back')}; the block taking the most room: "
        f"layouts/pocket-card.yaml:{block_line(layout, 'items: contacts')})"
    )


def test_log_is_written_for_a_job_that_fails(project: Path, build_in: Callable[..., int]) -> None:
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--log") == 0
    log = project / "output/utrecht/utrecht_pocket-card_nl_press.layout.txt"
    good = log.read_text(encoding="utf-8")
    region = project / "sources/regions/utrecht.yaml"
    edit(region, "Moviera, team Zorgcoördinatie Mensenhandel", ", ".join(["Moviera, team Zorgcoördinatie Mensenhandel"] * 6))
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--log") == 1
    text = log.read_text(encoding="utf-8")
    assert text != good
    assert text.startswith("utrecht/utrecht_pocket-card_nl_press.pdf: NOT BUILT (the file here, if any, is the last good one)")
    assert "contacts[1].name: does not fit" in text
    assert "back / back: does not fit, " in text and "<- blamed: tallest text of the largest block" in text
    assert "front / front: " in text and "% full" in text  # the panels that fit, as in a good log
    assert not list(log.parent.glob(".*.tmp"))  # written atomically


def test_log_is_written_for_a_region_file_with_problems(project: Path, build_in: Callable[..., int]) -> None:
    edit(project / "sources/regions/utrecht.yaml", "    phone: 0800 – 2000", "    telefon: 0800 – 2000")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--mode", "press", "--log") == 1
    text = (project / "output/utrecht/utrecht_pocket-card_nl_press.layout.txt").read_text(encoding="utf-8")
    assert text.startswith("utrecht/utrecht_pocket-card_nl_press.pdf: NOT BUILT")
    assert "contacts[0].telefon: unknown key (did you mean 'phone'?)" in text
