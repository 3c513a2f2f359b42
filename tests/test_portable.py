"""The same folder builds the same files on Windows, macOS and Linux (issue 20): file names by
their exact case, no Windows device names as ids, digests that do not depend on line ends or
path separators, and a PDF held open by another program (Windows) failing only its own job.
These are the Windows branches that run on Linux too."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.store import stamp
from generator.store.portable_digest import TEXT_SUFFIXES
from tests.conftest import ROOT, run


def _errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("drenthe.yml", "sources/regions/drenthe.yml: only .yaml files are read, on every system; rename the file to drenthe.yaml"),
        ("zeeland.YAML", "sources/regions/zeeland.YAML: only .yaml files are read, on every system; rename the file to zeeland.yaml"),
        ("Zeeland.yaml", "sources/regions/Zeeland.yaml: the file name is not a region id (lower case, words joined by hyphens); "
         "rename the file to zeeland.yaml"),
        ("utrecht.yml", "sources/regions/utrecht.yml: only .yaml files are read, on every system, and utrecht.yaml is there too; "
         "remove one of the two"),
        ("zeeland.yaml.txt", "sources/regions/zeeland.yaml.txt: only .yaml files are read, on every system; "
         "rename the file to zeeland.yaml"),
    ],
)  # fmt: skip
def test_a_region_file_named_otherwise_is_refused_by_name(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    """Linux would skip zeeland.YAML and Windows read it: refused on both, with the name to use."""
    shutil.copy(project / "sources" / "regions" / "utrecht.yaml", project / "sources" / "regions" / name)
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert run("validate") == 1
    assert message in _errors(capsys)
    assert run("build", "--no-web", "--no-proof", "--product", "pocket-card", "--mode", "press") == 1
    assert message in _errors(capsys)
    rows = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {row["region"] for row in rows} == {"hart-van-brabant", "utrecht"}  # the others are built


def test_hidden_files_are_not_regions(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS writes ._utrecht.yaml beside utrecht.yaml on a USB stick."""
    (project / "sources" / "regions" / "._utrecht.yaml").write_bytes(b"\x00\x05\x16\x07")
    monkeypatch.chdir(project)
    assert run("validate") == 0


def test_a_content_or_layout_file_named_otherwise_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(project / "sources" / "content" / "en.yaml", project / "sources" / "content" / "RU.YAML")
    shutil.copy(project / "layouts" / "leaflet-huisstijl.yaml", project / "layouts" / "folder.yml")
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert run("validate") == 1
    errors = _errors(capsys)
    assert "sources/content/RU.YAML: only .yaml files are read, on every system; rename the file to ru.yaml" in errors
    assert "layouts/folder.yml: only .yaml files are read, on every system; rename the file to folder.yaml" in errors


@pytest.mark.parametrize("rid", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_a_windows_device_name_is_not_a_region_id(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], rid: str
) -> None:
    shutil.copy(project / "sources" / "regions" / "utrecht.yaml", project / "sources" / "regions" / f"{rid}.yaml")
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert run("validate") == 1
    assert (
        f"sources/regions/{rid}.yaml: '{rid}' cannot be a region id: Windows keeps the name for a device, so no folder can have it "
        f"there; rename the file, e.g. to regio-{rid}.yaml"
    ) in _errors(capsys)
    assert run("build", "--no-web", "--no-proof", "--region", rid) == 1
    assert not (project / "output" / rid).exists()


def _to_crlf(folder: Path) -> int:
    count = 0
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            data = path.read_bytes().replace(b"\r\n", b"\n")
            if b"\n" in data:
                path.write_bytes(data.replace(b"\n", b"\r\n"))
                count += 1
    return count


def test_a_windows_checkout_builds_the_same_manifest(tmp_path: Path, built: Path) -> None:
    """Every text file with CR LF line ends (git's autocrlf on Windows): the same PDFs, pages and
    digests, so a manifest made on Windows matches one made anywhere else."""
    for name in ("sources", "layouts"):
        shutil.copytree(ROOT / name, tmp_path / name)
    assert _to_crlf(tmp_path) > 20
    out = tmp_path / "output"
    assert run("build", "--sources", str(tmp_path / "sources"), "--layouts", str(tmp_path / "layouts"), "--out", str(out)) == 0
    ours = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    theirs = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert ours == theirs
    css = next(out.rglob("style.css")).read_bytes()
    assert b"\r\n" not in css and css == next(built.rglob("style.css")).read_bytes()


def test_the_code_digest_does_not_depend_on_line_ends(tmp_path: Path) -> None:
    package = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
    same = stamp.package_digest(package)
    assert same == stamp.code_digest()
    _to_crlf(package)
    assert stamp.package_digest(package) == same
    (package / "cli.py").write_text((package / "cli.py").read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert stamp.package_digest(package) != same  # and a real change still counts


def _held_open(held: Path) -> Callable[[str | os.PathLike[str], str | os.PathLike[str]], None]:
    """``os.replace`` as on Windows while another program has ``held`` open."""
    replace = os.replace

    def replace_unless_held(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == held:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process", str(dst))
        replace(src, dst)

    return replace_unless_held


def test_a_pdf_held_open_fails_its_own_job_only(
    build_in: Callable[..., int], project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On Windows a PDF open in a viewer cannot be replaced: os.replace raises PermissionError."""
    assert build_in("--no-web", "--no-proof", "--region", "utrecht", "--jobs", "1") == 0
    held = project / "output" / "utrecht" / "utrecht_leaflet_nl_press.pdf"
    before = held.read_bytes()
    manifest = project / "output" / "manifest.json"
    row_before = next(r for r in json.loads(manifest.read_text(encoding="utf-8"))["files"] if r["path"].endswith(held.name))
    region = project / "sources" / "regions" / "utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("name: Utrecht", "name: Regio Utrecht", 1), encoding="utf-8")
    replace = os.replace
    monkeypatch.setattr(os, "replace", _held_open(held))
    capsys.readouterr()
    assert build_in("--no-web", "--no-proof", "--region", "utrecht", "--jobs", "1") == 1
    captured = capsys.readouterr()
    assert (
        f"{held}: close {held.name} in the program that has it open (a PDF viewer, a sync client), then build again; "
        "the file there is the last good one"
    ) in captured.err.splitlines()
    assert "built 7, up to date 0, failed 1" in captured.out  # the other files of the region were built
    assert held.read_bytes() == before
    rows = {r["path"]: r for r in json.loads(manifest.read_text(encoding="utf-8"))["files"]}
    assert rows[row_before["path"]] == row_before  # its row describes the file that is there
    assert not list(held.parent.glob(".*.tmp"))  # no temporary file left beside it
    monkeypatch.setattr(os, "replace", replace)
    assert build_in("--no-web", "--no-proof", "--region", "utrecht", "--jobs", "1") == 0  # once closed, the next build replaces it
    assert held.read_bytes() != before


def test_a_region_file_renamed_by_mistake_keeps_its_last_good_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """utrecht.yaml saved as utrecht.yml is an error to fix, not a region that is gone: its PDFs stay."""
    monkeypatch.chdir(project)
    assert run("build", "--no-web", "--no-proof") == 0
    before = sorted((project / "output" / "utrecht").glob("*.pdf"))
    assert before
    regions = project / "sources" / "regions"
    (regions / "utrecht.yaml").rename(regions / "utrecht.yml")
    assert run("build", "--no-web", "--no-proof") == 1
    assert sorted((project / "output" / "utrecht").glob("*.pdf")) == before
    rows = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {row["path"] for row in rows if row["region"] == "utrecht"} == {f"utrecht/{p.name}" for p in before}


def test_a_thumbnail_held_open_fails_its_own_job_and_the_next_build_redoes_it(
    build_in: Callable[..., int], project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A thumbnail of the proof page open in an image viewer on Windows: its job fails, naming it;
    the PDF stays the last good one (it is written after its thumbnails), and once the viewer is
    closed the next build makes both."""
    assert build_in("--no-web", "--region", "utrecht", "--product", "leaflet", "--mode", "press", "--jobs", "1") == 0
    pdf = project / "output" / "utrecht" / "utrecht_leaflet_nl_press.pdf"
    thumb = project / "output" / "utrecht" / "thumbs" / "utrecht_leaflet_nl_press-p1.jpg"
    before, thumb_before = pdf.read_bytes(), thumb.read_bytes()
    region = project / "sources" / "regions" / "utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("name: Utrecht", "name: Regio Utrecht", 1), encoding="utf-8")
    replace = os.replace
    monkeypatch.setattr(os, "replace", _held_open(thumb))
    capsys.readouterr()
    assert build_in("--no-web", "--region", "utrecht", "--product", "leaflet", "--mode", "press", "--jobs", "1") == 1
    err = capsys.readouterr().err
    assert f"{thumb}: close {thumb.name} in the program that has it open" in err and "Traceback" not in err
    assert pdf.read_bytes() == before and thumb.read_bytes() == thumb_before
    monkeypatch.setattr(os, "replace", replace)
    assert build_in("--no-web", "--region", "utrecht", "--product", "leaflet", "--mode", "press", "--jobs", "1") == 0
    assert pdf.read_bytes() != before and thumb.read_bytes() != thumb_before
