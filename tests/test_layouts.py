"""Layouts as designers write them: the reference, extends:, a region's own layout, the log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from generator.blocktext.templating import Templates
from generator.cli import main
from generator.inputs.layouts import load_layouts
from generator.inputs.reference import layout_reference
from tests.conftest import ROOT, run
from tests.pdfs import chars_of


def test_layout_reference_in_the_repository_is_current() -> None:
    assert (ROOT / "layouts" / "README.md").read_text(encoding="utf-8") == layout_reference()


def test_layouts_command_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layouts"]) == 0
    assert capsys.readouterr().out == layout_reference()


def test_extends_changes_only_what_it_overrides() -> None:
    layouts, problems = load_layouts(ROOT / "layouts", Templates())
    assert not problems
    base, variant = layouts["leaflet"], layouts["leaflet-huisstijl"]
    assert variant.layout.product == "leaflet"
    changed = {"accent", "accent-light", "accent-soft"}  # the colours it names
    assert all(variant.theme.colours[k] != base.theme.colours[k] for k in changed)
    assert {k: v for k, v in variant.theme.colours.items() if k not in changed} == {
        k: v for k, v in base.theme.colours.items() if k not in changed
    }
    cover = {"cover-title", "cover-subtitle", "cover-text", "cover-region", "cover-rule"}  # the styles it names
    assert all(variant.theme.styles[k].colour != base.theme.styles[k].colour for k in cover)
    assert {k: v for k, v in variant.theme.styles.items() if k not in cover} == {
        k: v for k, v in base.theme.styles.items() if k not in cover
    }
    assert variant.layout.pages[1] == base.layout.pages[1]  # inside page untouched
    for old, new in zip(base.layout.pages[0].panels, variant.layout.pages[0].panels, strict=True):
        if old.name == "front":  # a light cover: the same blocks on another background
            assert new.background == "accent-light" and new.blocks == old.blocks
            assert (new.x, new.y, new.width, new.height) == (old.x, old.y, old.width, old.height)
        else:
            assert new == old


def _with_variant(project: Path) -> None:
    region = project / "sources/regions/utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8") + "layouts: {leaflet: leaflet-huisstijl}\n", encoding="utf-8")


def test_a_region_can_use_its_own_layout(project: Path, build_in: Callable[..., int]) -> None:
    assert build_in("--product", "leaflet", "--mode", "press") == 0
    default = (project / "output/utrecht/utrecht_leaflet_nl_press.pdf").read_bytes()
    _with_variant(project)
    assert build_in("--product", "leaflet", "--mode", "press") == 0
    out = project / "output/utrecht/utrecht_leaflet_nl_press.pdf"
    assert out.read_bytes() != default
    with pdfplumber.open(out) as pdf:  # the inside page is laid out exactly as before
        inside_new = [(c["text"], round(c["x0"], 2), round(c["top"], 2)) for c in pdf.pages[1].chars]
    (project / "old.pdf").write_bytes(default)
    inside_old = [(c["text"], round(c["x0"], 2), round(c["top"], 2)) for c in chars_of(project / "old.pdf")[1]]
    assert inside_new == inside_old


def test_unknown_region_layout_is_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    region = project / "sources/regions/utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8") + "layouts: {leaflet: leaflet-huistijl}\n", encoding="utf-8")
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err
    assert "sources/regions/utrecht.yaml:" in err
    assert "layouts.leaflet: no layout 'leaflet-huistijl'" in err and "(did you mean 'leaflet-huisstijl'?)" in err


def test_layout_log_names_rules_and_fill(project: Path, build_in: Callable[..., int]) -> None:
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--mode", "press", "--log") == 0
    log = (project / "output/utrecht/utrecht_pocket-card_nl_press.layout.txt").read_text(encoding="utf-8")
    assert "front / front: " in log and "% full" in log
    assert "pocket-card.yaml:" in log and "sources/regions/utrecht.yaml:" in log


def test_moving_a_block_to_another_panel_shows_in_the_next_build(project: Path, build_in: Callable[..., int]) -> None:
    layout = project / "layouts/leaflet.yaml"
    text = layout.read_text(encoding="utf-8")
    moved = '          - {type: paragraph, style: lead, text: "{{ content.actions.parent.text }}"}\n'
    assert moved in text
    text = text.replace(moved, "")
    anchor = '          - {type: heading, text: "{{ content.more_info.title }}"}\n'
    assert anchor in text
    text = text.replace(anchor, moved + anchor, 1)  # the moved block now stands before "Meer weten?" on the back
    layout.write_text(text, encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "leaflet", "--mode", "press") == 0
    from generator.pdf.marks import SLUG
    from tests.test_output import LAYOUTS

    back = next(p for p in LAYOUTS["leaflet"].layout.pages[0].panels if p.name == "back")
    with pdfplumber.open(project / "output/utrecht/utrecht_leaflet_nl_press.pdf") as pdf:
        words = pdf.pages[0].extract_words()
    twijfel = [w for w in words if w["text"] == "loverboy"]  # on the outside, only in content.actions.parent
    assert twijfel and all(SLUG + back.x <= w["x0"] <= SLUG + back.x + back.width for w in twijfel)


def test_a_layout_with_its_own_bold_leaves_the_other_layouts_bold_alone(project: Path) -> None:
    """ReportLab links bold to regular once per process: two families sharing the regular file
    must not borrow each other's bold, whichever is built first."""
    layout = project / "layouts/checklist.yaml"
    own_bold = "theme:\n  fonts:\n    sans:\n      bold: FiraSans-Italic.ttf\n"
    layout.write_text(layout.read_text(encoding="utf-8").replace("theme:\n", own_bold, 1), encoding="utf-8")
    args = ["--sources", str(project / "sources"), "--layouts", str(project / "layouts"), "--out", str(project / "output")]
    assert run("build", *args, "--jobs", "1", "--no-proof") == 0  # region by region: checklists before the last leaflet

    def fonts(pdf: Path) -> set[str]:
        with pdfplumber.open(pdf) as doc:
            return {char["fontname"].split("+")[1] for page in doc.pages for char in page.chars}

    for region in ("hart-van-brabant", "utrecht"):
        assert fonts(project / f"output/{region}/{region}_leaflet_nl_press.pdf") == {"FiraSans-Regular", "FiraSans-Bold"}
        assert fonts(project / f"output/{region}/{region}_checklist_nl_press.pdf") == {"FiraSans-Regular", "FiraSans-Italic"}
