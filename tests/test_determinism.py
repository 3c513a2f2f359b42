"""Same inputs, same bytes, whatever a process did before: builds in fresh processes, with the
warm caches on and off, one worker and two, workers forked, spawned (as on Windows and macOS) or
started by a fork server, give every PDF byte for byte the same.

The builds run as separate processes (``python -m generator build``) on purpose: inside the test
process ReportLab's process-wide settings are already made by earlier tests, which hid a
difference only a process's first job showed (its pictograms drawn before ``rl_config.invariant``
was set, then cached for every later leaflet).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Group, Rect
from reportlab.lib.colors import CMYKColor

from generator.batch.workers import START_METHOD
from generator.engine.reportlab_compat import drawing_code, operators
from generator.warm import NO_REUSE
from tests.conftest import ROOT, TODAY

REGIONS = ("utrecht", "hart-van-brabant", "twente")  # twente is a draft: built (marked) because it is named
LANGS = ("nl", "en", "pl", "ro", "hu", "bg")
COLD_REGION = "utrecht"  # without the caches a build costs ~6x as much: one region (with all four products), all languages and modes


def _command(out: Path, regions: tuple[str, ...], jobs: int) -> list[str]:
    args = [sys.executable, "-m", "generator", "build", "--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts")]
    args += ["--out", str(out), "--today", TODAY, "--jobs", str(jobs), "--no-proof", "--no-web"]
    for region in regions:
        args += ["--region", region]
    for lang in LANGS:
        args += ["--lang", lang]
    return args


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.pdf"))}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Each build's PDFs (path -> sha256), the builds run side by side in their own processes:
    all regions with the caches in one worker and in two, languages and regions given in
    another order; one region with the caches off."""
    root = tmp_path_factory.mktemp("determinism")
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    env.pop(NO_REUSE, None)
    cold_env = {**env, NO_REUSE: "1"}
    runs = {
        "warm, one worker": (_command(root / "warm-1", REGIONS, 1), env),
        "warm, two workers": (_command(root / "warm-2", REGIONS[::-1], 2), {**env, START_METHOD: "fork"}),
        "warm, two spawned workers": (_command(root / "spawn-2", REGIONS, 2), {**env, START_METHOD: "spawn"}),
        "cold, one worker": (_command(root / "cold-1", (COLD_REGION,), 1), cold_env),
        "cold, two workers from a fork server": (_command(root / "cold-2", (COLD_REGION,), 2), {**cold_env, START_METHOD: "forkserver"}),
    }
    started = {}
    for name, (command, environment) in runs.items():
        log = root / f"{name}.log"
        with log.open("w", encoding="utf-8") as output:  # a file, not a pipe: three processes write at once
            started[name] = (subprocess.Popen(command, env=environment, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT), log, command)
    digests = {}
    for name, (process, log, command) in started.items():
        status = process.wait(timeout=600)
        assert status == 0, f"{name}: exit {status}\n{log.read_text(encoding='utf-8')}"
        digests[name] = _digests(Path(command[command.index("--out") + 1]))
    return digests


def _differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(path for path in a.keys() & b.keys() if a[path] != b[path])


def test_every_language_and_mode_was_built(builds: dict[str, dict[str, str]]) -> None:
    warm = builds["warm, one worker"]
    for region in REGIONS:
        for lang in LANGS:
            for product in ("leaflet", "pocket-card", "checklist"):  # the discreet card only where a region asks for it
                for mode in ("press", "office"):
                    assert f"{region}/{region}_{product}_{lang}_{mode}.pdf" in warm
    assert builds["cold, one worker"].keys() == {path for path in warm if path.startswith(f"{COLD_REGION}/")}


@pytest.mark.parametrize("run", ["warm, two workers", "warm, two spawned workers"])
def test_two_workers_give_the_bytes_of_one(builds: dict[str, dict[str, str]], run: str) -> None:
    """Forked workers inherit the parent's warmed-up builder; spawned ones load the project themselves."""
    one, two = builds["warm, one worker"], builds[run]
    assert one.keys() == two.keys()
    differing = _differing(one, two)
    assert not differing, f"other bytes from {run}: {differing}"


def test_without_the_caches_the_same_bytes(builds: dict[str, dict[str, str]]) -> None:
    """Every leaflet but a process's first differed here: its pictograms' colour and transform
    operators (``k`` and ``cm``) came in another order when the caches were off."""
    warm = builds["warm, one worker"]
    for run in ("cold, one worker", "cold, two workers from a fork server"):
        cold = builds[run]
        assert cold.keys() == {path for path in warm if path.startswith(f"{COLD_REGION}/")}
        differing = _differing(warm, cold)
        assert not differing, f"other bytes ({run}): {differing}"


def _drawing() -> Drawing:
    """A drawing whose group and shape set fill, stroke, dash, line and transform state: the
    operators renderPDF writes in one order or another."""
    drawing = Drawing(24, 24)
    shape = Rect(2, 2, 20, 20, fillColor=CMYKColor(1, 0.65, 0.1, 0.25), strokeColor=CMYKColor(0, 0, 0, 1), strokeDashArray=[2, 1])
    drawing.add(Group(shape, transform=(0.75, 0, 0, -0.75, 0, 18)))
    return drawing


@pytest.mark.parametrize("process_flag", [0, 1])
def test_a_drawings_operators_do_not_depend_on_reportlabs_process_flag(monkeypatch: pytest.MonkeyPatch, process_flag: int) -> None:
    """A pictogram made before the build has set ReportLab's process-wide ``rl_config.invariant``
    (the first job of a process) gets the operators ReportLab writes in invariant mode, as every
    later one does."""
    from reportlab.graphics import renderPDF

    monkeypatch.setattr(rl_config, "invariant", 1)
    stock = operators(lambda canvas: renderPDF.draw(_drawing(), canvas, 0, 0), "Helvetica")
    expected = "\n".join(op for op in stock if " Tf " not in op)  # drawing_code leaves out font selections
    monkeypatch.setattr(rl_config, "invariant", process_flag)
    code = drawing_code(_drawing(), "Helvetica")
    assert code == expected
    assert code.index("0 0 0 1 k") < code.index("1 0 0 1 0 0 cm")  # the colour first: the operator order the issue saw swapped
    assert rl_config.invariant == process_flag  # and the process's own setting back afterwards
