"""National batch runs: parallel output, the no-op fast path, one build at a time."""

from __future__ import annotations

import json
import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from generator.batch.run import Request, output_lock, run_build
from generator.cli import warm_state
from generator.devtools.bench import make_sources
from generator.problems import ProblemsFound
from tests.conftest import ROOT, TODAY, run, tree_digest


def test_parallel_and_one_job_output_are_byte_identical(tmp_path: Path) -> None:
    sources = make_sources(ROOT / "sources", tmp_path, 6, date.fromisoformat(TODAY))
    for jobs, out in ((1, "one"), (2, "two")):
        request = Request(sources=sources, layouts=ROOT / "layouts", out=tmp_path / out, today=date.fromisoformat(TODAY))
        report = run_build(request, warm_state(), jobs=jobs)
        assert len(report.built) == 36 and not report.failed
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    one.pop(".drukwerk-state.json"), two.pop(".drukwerk-state.json")
    assert one == two


def _args(project: Path) -> list[str]:
    return ["build", "--sources", str(project / "sources"), "--layouts", str(project / "layouts"), "--out", str(project / "output")]


def test_nothing_changed_is_answered_without_building(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*_args(project)) == 0
    capsys.readouterr()
    assert run(*_args(project)) == 0
    assert "up to date" in capsys.readouterr().out


def test_fast_path_notices_changed_sources_and_missing_outputs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*_args(project)) == 0
    region = project / "sources/regions/utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("teamzm@moviera.nl", "info@moviera.nl"), encoding="utf-8")
    capsys.readouterr()
    assert run(*_args(project)) == 0
    assert "built 8, up to date 6" in capsys.readouterr().out
    (project / "output/hart-van-brabant/hart-van-brabant_leaflet_nl_press.pdf").unlink()
    assert run(*_args(project)) == 0
    assert "built 1, up to date 13" in capsys.readouterr().out


def test_a_second_build_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    ready, release = multiprocessing.Event(), multiprocessing.Event()

    def hold() -> None:
        with output_lock(tmp_path):
            ready.set()
            release.wait(10)

    holder = multiprocessing.get_context("fork").Process(target=hold)
    holder.start()
    try:
        assert ready.wait(10)
        with pytest.raises(ProblemsFound, match="another drukwerk build is writing to this folder"), output_lock(tmp_path):
            pass
    finally:
        release.set()
        holder.join(10)
    with output_lock(tmp_path):  # free again once the other build has ended
        pass


def test_written_files_are_readable_by_others(built: Path) -> None:
    for path in [*built.rglob("*.pdf"), built / "manifest.json"]:
        assert path.stat().st_mode & 0o044 == 0o044, path


def test_manifest_follows_the_contract(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text())
    assert set(manifest) == {"generator", "files", "web"}  # web: the web edition's pages (tests/test_web.py)
    for row in manifest["files"]:
        assert {"path", "region", "product", "lang", "mode", "pages", "trim_mm", "bleed_mm", "sha256", "inputs_sha256"} <= set(row)
        assert row["bleed_mm"] == (3 if row["mode"] == "press" else 0)
