"""The editor under test: Django configured once for the test session (settings can be made only
once per process), a fresh writable project, database and pipeline for every test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from generator.editor.bench import free_port
from tests.conftest import ROOT, TODAY

DAY = date.fromisoformat(TODAY)
PASSWORD = "een-lang-wachtwoord-7"
# name: (role, regions, full name)
PEOPLE = {
    "anna": ("coordinator", ["utrecht"], "Anna de Vries"),
    "bert": ("coordinator", ["utrecht"], "Bert Jansen"),
    "carla": ("coordinator", ["hart-van-brabant"], "Carla Bakker"),
    "eva": ("editor", [], "Eva Smit"),
    "piotr": ("translator", [], "Piotr Nowak"),
    "ola": ("translator", [], "Ola Wiśniewska"),
    "radu": ("translator", [], "Radu Popescu"),
}
LANGUAGES = {"piotr": ["pl"], "ola": ["pl"], "radu": ["ro"]}  # a translator's languages


@dataclass
class Site:
    root: Path
    sources: Path
    layouts: Path
    out: Path
    data: Path

    def region_file(self, region: str = "utrecht") -> Path:
        return self.sources / "regions" / f"{region}.yaml"


def make_project(root: Path) -> Site:
    """A copy of sources/ and layouts/ in a git work tree of its own (the editor commits there)."""
    shutil.copytree(ROOT / "sources", root / "sources")
    shutil.copytree(ROOT / "layouts", root / "layouts")
    git = ["git", "-C", str(root), "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "sources"], check=True)
    subprocess.run([*git, "commit", "-qm", "sources"], check=True)
    return Site(root, root / "sources", root / "layouts", root / "output", root / ".drukwerk-editor")


@pytest.fixture(scope="session")
def django_ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("django")
    from generator.editor.pipeline import Paths
    from generator.editor.server import application

    base = tmp_path_factory.mktemp("editor-db")
    application(Paths(ROOT / "sources", ROOT / "layouts", base / "output", base / "data"), lambda: DAY, testing=True)
    return base / "data"


@pytest.fixture
def site(django_ready: Path, tmp_path: Path) -> Iterator[Site]:
    from django.core.management import call_command

    from generator.editor import state, workflow
    from generator.editor.accounts import create_account
    from generator.editor.pipeline import Paths, Pipeline

    made = make_project(tmp_path)
    state.set_pipeline(Pipeline(Paths(made.sources, made.layouts, made.out, made.data), lambda: DAY))
    call_command("flush", interactive=False, verbosity=0)
    for name, (kind, regions, full) in PEOPLE.items():
        create_account(name, kind, regions, LANGUAGES.get(name, []), PASSWORD, full, f"{name}@example.invalid")
    yield made
    workflow.wait_for_builds()


@dataclass
class Served:
    url: str
    port: int
    site: Site
    process: subprocess.Popen[bytes]
    log: Path


def start_server(root: Path) -> Served:
    """``drukwerk serve`` as a user starts it, on a free loopback port, with accounts made by ``drukwerk users add``."""
    import os
    import sys
    import time
    import urllib.request

    made = make_project(root)
    drukwerk = [sys.executable, "-m", "generator"]
    env = {**os.environ, "DRUKWERK_TODAY": TODAY}
    for name, (kind, regions, full) in PEOPLE.items():
        scope = [a for r in regions for a in ("--region", r)] + [a for lang in LANGUAGES.get(name, []) for a in ("--lang", lang)]
        scope += ["--full-name", full, "--email", f"{name}@example.invalid"]
        subprocess.run(
            [
                *drukwerk,
                "users",
                "add",
                name,
                "--role",
                kind,
                *scope,
                "--password-stdin",
                "--sources",
                str(made.sources),
                "--data",
                str(made.data),
            ],
            input=f"{PASSWORD}\n".encode(),
            check=True,
            cwd=ROOT,
            env=env,
            capture_output=True,
        )
    port = free_port()
    log = root / "serve.log"
    process = subprocess.Popen(
        [*drukwerk, "serve", "--sources", str(made.sources), "--layouts", str(made.layouts), "--out", str(made.out), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=5):
                return Served(url, port, made, process, log)
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"drukwerk serve did not start: {log.read_text(errors='replace')}")


def stop_server(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(10)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait(10)
