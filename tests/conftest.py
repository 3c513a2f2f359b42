"""Shared fixtures: builds of the real sample data into temporary folders, with a fixed date."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main

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
