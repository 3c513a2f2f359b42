"""Incremental builds: a job is redone only when one of its inputs changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import fontpkg_fira_sans
from pypdf import PdfReader

from generator.batch.run import Report, Request, run_build
from generator.cli import warm_state
from tests.conftest import TODAY
from tests.pdfs import flat


def build(project: Path, force: bool = False) -> Report:
    request = Request(
        sources=project / "sources", layouts=project / "layouts", out=project / "output", today=date.fromisoformat(TODAY), force=force
    )
    return run_build(request, warm_state())


def rows(project: Path) -> dict[str, dict]:
    return {row["path"]: row for row in json.loads((project / "output/manifest.json").read_text())["files"]}


def test_second_build_does_nothing(project: Path) -> None:
    first = build(project)
    assert len(first.built) == 14 and not first.failed  # utrecht has a discreet card too
    second = build(project)
    assert second.built == [] and len(second.unchanged) == 14
    assert len(build(project, force=True).built) == 14


def test_changing_one_region_rebuilds_only_that_region(project: Path) -> None:
    build(project)
    region = project / "sources/regions/hart-van-brabant.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("013 751 67 50", "013 751 67 51"), encoding="utf-8")
    report = build(project)
    assert report.built and all(p.startswith("hart-van-brabant/") for p in report.built)
    assert len(report.built) == 6 and len(report.unchanged) == 8


def test_changing_a_layout_rebuilds_exactly_that_product(project: Path) -> None:
    build(project)
    layout = project / "layouts/pocket-card.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("padding: 5mm", "padding: 4.5mm", 1), encoding="utf-8")
    report = build(project)
    assert sorted(report.built) == sorted(p for p in rows(project) if "_pocket-card_" in p)


def test_changing_the_theme_or_shared_content_rebuilds_everything(project: Path) -> None:
    build(project)
    theme = project / "layouts/theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("accent: [100, 65, 10, 25]", "accent: [100, 60, 10, 25]"), encoding="utf-8")
    assert len(build(project).built) == 14
    content = project / "sources/content/nl.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("Er is hulp.", "Hulp is er."), encoding="utf-8")
    assert len(build(project).built) == 14


def test_a_failing_job_keeps_its_previous_file_and_manifest_row(project: Path) -> None:
    build(project)
    before = rows(project)
    card = project / "output/utrecht/utrecht_pocket-card_nl_press.pdf"
    card_bytes = card.read_bytes()
    region = project / "sources/regions/utrecht.yaml"
    long_name = "Moviera, team Zorgcoördinatie Mensenhandel, " * 6
    region.write_text(
        region.read_text(encoding="utf-8").replace("Moviera, team Zorgcoördinatie Mensenhandel", long_name.strip(" ,")), encoding="utf-8"
    )
    report = build(project)
    assert report.failed and all("utrecht" in str(p) for p in report.failed)
    assert "does not fit" in str(report.failed[0]) and "contacts[1].name" in str(report.failed[0])
    assert card.read_bytes() == card_bytes
    after = rows(project)
    assert after["utrecht/utrecht_pocket-card_nl_press.pdf"] == before["utrecht/utrecht_pocket-card_nl_press.pdf"]
    assert {p for p in after if after[p] != before[p]} <= {p for p in before if p.startswith("utrecht/")}


def text_now(pdf: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages))


def new_version(font: Path) -> None:
    """The same font (same name inside the file) in a new version: its head table's fontRevision + 1."""
    data = bytearray(font.read_bytes())
    tables = int.from_bytes(data[4:6], "big")
    for record in range(12, 12 + 16 * tables, 16):
        if data[record : record + 4] == b"head":
            at = int.from_bytes(data[record + 8 : record + 12], "big") + 4
            data[at : at + 4] = (int.from_bytes(data[at : at + 4], "big") + 1).to_bytes(4, "big")
    font.write_bytes(bytes(data))


def test_one_process_building_again_makes_what_a_new_process_makes(project: Path) -> None:
    """drukwerk watch keeps fonts and laid-out panels between builds: a changed region, content
    or font file must still reach the PDF, byte for byte as a fresh process would make it."""
    card = project / "output/hart-van-brabant/hart-van-brabant_pocket-card_nl_press.pdf"
    build(project)
    assert "013 751 6750" in text_now(card)
    edit = [
        ("sources/regions/hart-van-brabant.yaml", "013 751 67 50", "013 751 67 51"),
        ("sources/content/nl.yaml", "Er is hulp.", "Hulp is er."),
        ("layouts/theme.yaml", "package: fontpkg_fira_sans", "folder: fonts"),
    ]
    fonts = Path(fontpkg_fira_sans.__file__).parent / "files"
    shutil.copytree(fonts, project / "layouts/fonts")
    for rel, old, new in edit:
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        build(project)
    assert "013 751 6751" in text_now(card) and "Hulp is er." in text_now(card)
    for change in (new_version, other_font):  # the font inside changes, then the whole file
        change(project / "layouts/fonts/FiraSans-Regular.ttf")
        build(project)
        fresh = project / f"fresh-{change.__name__}"
        command = [sys.executable, "-m", "generator", "build", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")]
        subprocess.run([*command, "--out", str(fresh), "--today", TODAY, "--no-proof"], check=True, capture_output=True)
        pdfs = sorted(p.relative_to(fresh) for p in fresh.rglob("*.pdf"))
        assert len(pdfs) == 14
        assert [p for p in pdfs if (fresh / p).read_bytes() != (project / "output" / p).read_bytes()] == []


def other_font(font: Path) -> None:
    shutil.copyfile(Path(fontpkg_fira_sans.__file__).parent / "files/FiraSans-Bold.ttf", font)  # same file name, other font


def test_an_unchanged_pdf_is_trusted_by_its_size_and_time_and_a_touched_one_is_rebuilt(project: Path) -> None:
    build(project)
    card = project / "output/utrecht/utrecht_pocket-card_nl_press.pdf"
    original = card.read_bytes()
    card.write_bytes(original[:-10] + b"%%EOF\n" + b" " * 4)  # same size, new time, other bytes
    report = build(project)
    assert report.built == ["utrecht/utrecht_pocket-card_nl_press.pdf"] and card.read_bytes() == original
