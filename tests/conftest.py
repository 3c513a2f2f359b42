"""Shared fixtures: builds of the real sample data into temporary folders, with a fixed date."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.cli import main
from tests.browser import AXE, Browser, find_browser

if TYPE_CHECKING:
    from tests.editor_site import Served

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"  # tests never read the real clock


def run(*args: str) -> int:
    dated = args[0] in ("build", "validate", "regions", "watch")
    return main([*args, "--today", TODAY] if dated else list(args))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All complete regions, every product and mode, built once for the session."""
    out = tmp_path_factory.mktemp("out")
    assert run("build", "--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out)) == 0
    return out


@pytest.fixture(scope="session")
def built_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("draft")
    assert (
        run(
            "build",
            "--sources",
            str(ROOT / "sources"),
            "--layouts",
            str(ROOT / "layouts"),
            "--out",
            str(out),
            "--region",
            "twente",
            "--product",
            "pocket-card",
        )
        == 0
    )
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of sources/ and layouts/ to break on purpose."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    return tmp_path


def tree_digest(folder: Path) -> dict[str, str]:
    """Every output file's checksum; the proof pages (index.html) are reports that list failures, so left out."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "index.html"
    }


@pytest.fixture
def build_in(project: Path) -> Callable[..., int]:
    def _build(*extra: str) -> int:
        return run(
            "build", "--sources", str(project / "sources"), "--layouts", str(project / "layouts"), "--out", str(project / "output"), *extra
        )

    return _build


# Shared by the tests of bad input: edit a copied file, find a line, build and check nothing changed.


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture
def broken(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, list[str]]]:
    """Build once cleanly, then return a function that builds again and checks that nothing changed."""
    assert build_in() == 0
    capsys.readouterr()
    before = tree_digest(project / "output")

    def again(*args: str) -> tuple[int, list[str]]:
        status = build_in(*args)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert tree_digest(project / "output") == before, "a failed build changed the output"
        return status, [line for line in err.splitlines() if line.strip()]

    return again


def rel(project: Path, line: str) -> str:
    return line.replace(str(project) + "/", "")


# Shared by the tests that drive a real browser: one headless Chromium per test module, and axe-core.


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_browser()
    if executable is None:
        pytest.skip("Chromium is not installed and could not be installed here (make test tries apt-get install chromium)")
    with Browser(executable, tmp_path_factory.mktemp("profile")) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE}); make test installs it with npm (scripts/ensure-axe.sh)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``drukwerk serve`` on a free loopback port with its accounts (tests/editor_site.py), for the module."""
    pytest.importorskip("django")
    from tests.editor_site import start_server, stop_server

    server = start_server(tmp_path_factory.mktemp("serve"))
    yield server
    stop_server(server)
