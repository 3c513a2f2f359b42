"""The layout vocabulary of issue #12 item 5, used as a designer would, checked in the PDFs:
padding per side, blocks anchored to the bottom, columns, and a region theme for every product."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from generator.blocktext.templating import Templates
from generator.inputs.layout_models import MM, Sides, parse_sides
from generator.inputs.layouts import load_layouts
from generator.pdf.marks import SLUG
from tests.conftest import edit, line_of, run

ACCENT = (1.0, 0.65, 0.1, 0.25)
HUISSTIJL_ACCENT = (0.85, 0.1, 0.6, 0.15)


def _chars(pdf: Path) -> list[list[dict]]:
    with pdfplumber.open(pdf) as doc:
        return [[{k: c[k] for k in ("text", "x0", "x1", "top", "bottom", "non_stroking_color")} for c in page.chars] for page in doc.pages]


def _rects(pdf: Path) -> list[list[tuple[float, ...]]]:
    with pdfplumber.open(pdf) as doc:
        return [[tuple(round(r[k], 3) for k in ("x0", "x1", "top", "bottom")) for r in page.rects] for page in doc.pages]


@pytest.mark.parametrize(
    ("written", "sides_mm"),
    [
        ("7mm", (7, 7, 7, 7)),
        (["6mm", "4mm"], (6, 4, 6, 4)),
        (["6mm", "4mm", "9mm"], (6, 4, 9, 4)),
        (["1mm", "2mm", "3mm", "4mm"], (1, 2, 3, 4)),
    ],
)
def test_padding_is_written_as_in_css(written: object, sides_mm: tuple[int, ...]) -> None:
    assert parse_sides(written) == Sides(*(v * MM for v in sides_mm))


def test_padding_per_side_moves_the_text_and_is_checked_per_side(project: Path, build_in: Callable[..., int]) -> None:
    layout = project / "layouts/pocket-card.yaml"
    edit(layout, "padding: 5mm", "padding: [5mm, 5mm, 5mm, 14mm]")  # the back: 14 mm on the left only
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--mode", "press") == 0
    front, back = _chars(project / "output/utrecht/utrecht_pocket-card_nl_press.pdf")
    assert min(c["x0"] for c in back) == pytest.approx(SLUG + 14 * MM, abs=0.5)
    assert min(c["x0"] for c in front) == pytest.approx(SLUG + 5 * MM, abs=0.5)
    assert max(c["x1"] for c in back) <= SLUG + (85 - 5) * MM + 0.5


def test_the_safe_area_check_reads_each_side(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = project / "layouts/pocket-card.yaml"
    edit(layout, "padding: 5mm", "padding: [5mm, 2mm, 5mm, 5mm]")  # the back, 2 mm from the right trim
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.replace(f"{project}/", "")
    assert err.splitlines()[0] == (
        f"layouts/pocket-card.yaml:{line_of(layout, '      - name: back')}: pages[1].panels[0]: panel 'back': "
        "text would come closer than 3 mm to the trim; increase padding or move the panel"
    )


def test_anchor_bottom_places_blocks_as_a_fill_spacer_does(project: Path, build_in: Callable[..., int]) -> None:
    assert build_in("--region", "utrecht", "--product", "leaflet", "--mode", "press") == 0
    anchored = _chars(project / "output/utrecht/utrecht_leaflet_nl_press.pdf")
    anchored_rects = _rects(project / "output/utrecht/utrecht_leaflet_nl_press.pdf")
    layout = project / "layouts/leaflet.yaml"
    text = layout.read_text(encoding="utf-8")
    assert text.count("anchor: bottom, ") + text.count("            anchor: bottom\n") == 3  # the flap, the cover, the facts box
    layout.write_text(_as_spacers(text), encoding="utf-8")
    assert "anchor" not in layout.read_text(encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "leaflet", "--mode", "press") == 0
    assert _chars(project / "output/utrecht/utrecht_leaflet_nl_press.pdf") == anchored  # every character where it was
    assert _rects(project / "output/utrecht/utrecht_leaflet_nl_press.pdf") == anchored_rects  # and the banners' boxes


def _as_spacers(text: str) -> str:
    """Each `anchor: bottom` block written the old way: a fill spacer before it."""
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        indent = line[: len(line) - len(line.lstrip())]
        if "anchor: bottom, " in line:
            out.append(f"{indent}- {{type: spacer, height: fill}}\n")
            line = line.replace("anchor: bottom, ", "")
        elif line.strip() == "anchor: bottom":  # a block written over several lines: the spacer before its first
            start = max(i for i, previous in enumerate(out) if previous.lstrip().startswith("- type:"))
            out.insert(start, f"{indent[:-2]}- {{type: spacer, height: fill}}\n")
            continue
        out.append(line)
    return "".join(out)


def test_anchor_problems_are_one_line_each(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = project / "layouts/pocket-card.yaml"
    edit(layout, "            style: card-label\n", "            style: card-label\n            anchor: bottom\n")
    edit(layout, "            style: card-list\n", "            style: card-list\n            anchor: bottom\n")  # a second anchor below it
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.replace(f"{project}/", "").splitlines()
    assert err == [
        f"layouts/pocket-card.yaml:{line_of(layout, 'style: card-list') + 1}: pages[0].panels[3].blocks[2].anchor: "
        "panel 'front' already sits everything from block 1 on at the bottom; remove this anchor",
        "1 problem(s)",
    ]
    edit(layout, "            style: card-list\n            anchor: bottom\n", "            style: card-list\n")
    edit(layout, "            style: card-label\n            anchor: bottom\n", "            style: card-label\n")
    # the lead's details sit at the foot of their panel: a fill spacer before them has nothing to fill
    details = "          - type: paragraph\n            anchor: bottom\n"
    edit(layout, details, "          - {type: spacer, height: fill}\n" + details)
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.replace(f"{project}/", "").splitlines()
    assert err == [
        f"layouts/pocket-card.yaml:{line_of(layout, 'height: fill')}: pages[0].panels[2].blocks[0]: "
        "a fill spacer next to `anchor: bottom` (block 1) has no room to fill; remove one of the two",
        "1 problem(s)",
    ]


def test_columns_cannot_push_blocks_to_the_bottom(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = project / "layouts/checklist.yaml"
    edit(
        layout,
        "          - {type: checklist, items: content.signals.work.items}",
        "          - {type: checklist, items: content.signals.work.items, anchor: bottom}",
    )
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.replace(f"{project}/", "").splitlines()
    assert err[0] == (
        f"layouts/checklist.yaml:{line_of(layout, 'anchor: bottom')}: pages[0].panels[2].blocks[10]: panel 'signals' has 2 columns, "
        "balanced to even heights: nothing can be pushed to the bottom; put bottom blocks in a panel of their own"
    )


def _with_theme(project: Path, region: str = "utrecht", theme: str = "huisstijl") -> None:
    path = project / f"sources/regions/{region}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"theme: {theme}\n", encoding="utf-8")


def test_a_region_theme_colours_every_product(project: Path, build_in: Callable[..., int]) -> None:
    _with_theme(project)
    assert build_in("--mode", "press") == 0
    for product in ("leaflet", "pocket-card", "checklist"):
        for rid, accent in (("utrecht", HUISSTIJL_ACCENT), ("hart-van-brabant", ACCENT)):
            colours = {c["non_stroking_color"] for page in _chars(project / f"output/{rid}/{rid}_{product}_nl_press.pdf") for c in page}
            assert accent in colours, (rid, product)
            assert ({ACCENT, HUISSTIJL_ACCENT} - {accent}).isdisjoint(colours), (rid, product)


def test_a_changed_region_theme_rebuilds_only_the_regions_that_use_it(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    _with_theme(project)
    assert build_in() == 0
    capsys.readouterr()
    edit(project / "layouts/huisstijl.theme.yaml", "accent: [85, 10, 60, 15]", "accent: [80, 10, 60, 15]")
    assert build_in() == 0
    out = capsys.readouterr().out
    assert "built 8, up to date 6" in out  # Utrecht's six and its discreet card's two; Hart van Brabant's six untouched
    assert "utrecht/" in out and "hart-van-brabant/" not in out.split("built 8")[0]


def test_region_theme_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with_theme(project, theme="huistijl")
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.replace(f"{project}/", "").splitlines()
    region = project / "sources/regions/utrecht.yaml"
    assert err == [
        f"sources/regions/utrecht.yaml:{line_of(region, 'theme:')}: theme: no theme 'huistijl' in layouts (did you mean 'huisstijl'?); "
        "the themes there: huisstijl",
        "1 problem(s)",
    ]


def test_a_theme_file_is_checked_even_when_no_region_uses_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theme = project / "layouts/huisstijl.theme.yaml"
    edit(theme, "\nextends: theme\n", "\nextends: thema\n")
    edit(theme, "accent: [85, 10, 60, 15]", "accent: [85, 10, 60]")
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.replace(f"{project}/", "").splitlines()
    assert err == [
        f"layouts/huisstijl.theme.yaml:{line_of(theme, 'extends: thema')}: extends: no theme 'thema' in layouts (did you mean 'theme'?); "
        "write extends: theme (theme.yaml) or the name of a <name>.theme.yaml file",
        "1 problem(s)",
    ]
    edit(theme, "\nextends: thema\n", "\nextends: theme\n")
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.replace(f"{project}/", "").splitlines()
    assert err[0].startswith(f"layouts/huisstijl.theme.yaml:{line_of(theme, 'accent:')}: colours.accent: List should have at least 4 items")


def test_theme_order_region_theme_then_the_layouts_own(project: Path) -> None:
    """theme.yaml, then the region's theme file, then the layout's theme: key (the checklist's larger type)."""
    from generator.inputs.layouts import with_theme

    layouts, problems = load_layouts(project / "layouts", Templates())
    assert not problems
    edit(
        project / "layouts/huisstijl.theme.yaml", "colours:", "styles:\n  paragraph: {size: 8.5pt, leading: 11pt, colour: accent}\ncolours:"
    )
    checklist = with_theme(layouts["checklist"], "huisstijl", Templates())
    leaflet = with_theme(layouts["leaflet"], "huisstijl", Templates())
    assert checklist.theme.styles["paragraph"].size == 10  # the checklist's own theme: key wins
    assert checklist.theme.styles["paragraph"].colour == "accent"  # merged key by key: the region's colour stays
    assert leaflet.theme.styles["paragraph"].size == 8.5
    assert leaflet.theme.colours["accent"] == [85, 10, 60, 15]
    assert project / "layouts/huisstijl.theme.yaml" in leaflet.files
