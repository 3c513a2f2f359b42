"""Install and start anywhere (issue 20): the wheel carries its own starting folder and no test
tools, `drukwerk init` writes a working folder, the Makefile sets up (and repairs) .venv, and
the README's words hold (its links, its minimal region)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from generator.cli import _parser
from tests.conftest import ROOT, TODAY, run

TEST_TOOLS = ("pytest", "pypdf", "pdfplumber", "ruff", "mypy", "types-pyyaml", "zxing-cpp")


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that puts the repository on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of what a clone has (not from the working tree, whose build/
    folder could carry stale modules into it)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("generator", "sources", "layouts"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "samples"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)], check=True, env=_clean_env())
    (found,) = out.glob("*.whl")
    return found


def test_wheel_carries_the_samples_and_no_tests(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    samples = "generator/samples/"
    for path in ROOT.joinpath("sources").rglob("*"):
        if path.is_file():
            assert f"{samples}sources/{path.relative_to(ROOT / 'sources').as_posix()}" in names
    for name in ("layouts/theme.yaml", "layouts/proof.html", "layouts/web/page.html", "layouts/web/style.css", "layouts/web/words.yaml"):
        assert samples + name in names
    assert not [n for n in names if n.startswith("tests/") or "/tests/" in n or "__pycache__" in n]
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    for tool in TEST_TOOLS:
        for line in requires:
            if re.match(rf"{re.escape(tool)}\b", line, re.IGNORECASE):
                assert 'extra == "test"' in line, line
    assert any(line.startswith("reportlab") for line in requires)


def test_the_wheel_installed_elsewhere_builds_every_sample(wheel: Path, tmp_path: Path, built: Path) -> None:
    """A fresh venv with only the wheel (and its dependencies), in an empty folder away from the
    repository: init, build and validate; the PDFs and pages are those the repository builds."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]  # the fresh venv has no pip of its own: made faster
    subprocess.run([*pip, "install", "--quiet", "--no-compile", str(wheel)], check=True, env=_clean_env())
    installed = subprocess.run([*pip, "list", "--format=json"], capture_output=True, text=True, check=True)
    packages = {p["name"].lower() for p in json.loads(installed.stdout)}
    assert "mensenhandel-drukwerk" in packages and "reportlab" in packages
    assert not packages & set(TEST_TOOLS), "the wheel installs test tools"

    empty = tmp_path / "empty"
    empty.mkdir()
    drukwerk = str(venv / "bin" / "drukwerk")

    def cmd(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([drukwerk, *args], cwd=cwd, capture_output=True, text=True, env=_clean_env(), timeout=300)

    where = subprocess.run([str(python), "-c", "import generator; print(generator.__file__)"], cwd=empty, capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout
    made = cmd("init", "work", cwd=empty)
    assert made.returncode == 0, made.stderr
    work = empty / "work"
    assert sorted(p.name for p in work.iterdir()) == ["README.txt", "layouts", "output", "sources"]
    done = cmd("build", "--today", TODAY, cwd=work)
    assert done.returncode == 0, done.stdout + done.stderr
    checked = cmd("validate", "--today", TODAY, cwd=work)
    assert checked.returncode == 0 and checked.stdout.startswith("ok:"), checked.stderr

    ours = json.loads((work / "output" / "manifest.json").read_text(encoding="utf-8"))
    theirs = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert len(ours["files"]) == len(theirs["files"]) > 0
    assert len(ours["web"]) == len(theirs["web"]) > 0
    # the same inputs, the same code: the same digests and the same bytes, wherever it is installed
    assert ours == theirs
    for row in ours["files"]:
        with pdfplumber.open(work / "output" / row["path"]) as pdf:
            assert len(pdf.pages) == row["pages"]
            assert pdf.pages[0].extract_text()
    for row in ours["web"]:
        assert (work / "output" / row["path"]).is_file()
    assert (work / "output" / "index.html").is_file()
    # `python -m generator` is the same command, for wherever drukwerk is not on the PATH
    version = subprocess.run([str(python), "-m", "generator", "--version"], cwd=empty, capture_output=True, text=True)
    assert version.stdout.startswith("mensenhandel-drukwerk ")


# --- drukwerk init ---------------------------------------------------------------------------


def test_init_writes_a_folder_that_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "work") == 0
    work = tmp_path / "work"
    assert (work / "output").is_dir()
    assert "drukwerk build" in (work / "README.txt").read_text(encoding="utf-8")
    for folder in ("sources", "layouts"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert (work / path.relative_to(ROOT)).read_bytes() == path.read_bytes()
    monkeypatch.chdir(work)
    assert run("build", "--no-web", "--no-proof", "--region", "utrecht", "--product", "pocket-card", "--mode", "press") == 0
    assert (work / "output" / "utrecht" / "utrecht_pocket-card_nl_press.pdf").is_file()


def test_init_refuses_to_write_over_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "sources" / "regions" / "utrecht.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("name: mijn eigen\n", encoding="utf-8")
    capsys.readouterr()
    assert run("init", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{tmp_path / 'sources'} exists already" in err and "--force" in err
    assert mine.read_text(encoding="utf-8") == "name: mijn eigen\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources"]  # nothing else was written
    assert run("init", str(tmp_path), "--force") == 0
    assert mine.read_bytes() == (ROOT / "sources" / "regions" / "utrecht.yaml").read_bytes()
    assert (tmp_path / "layouts" / "web" / "page.html").is_file()


def test_a_folder_without_sources_says_to_run_init_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("build", "validate", "regions", "watch"):
        capsys.readouterr()
        assert run(command) == 1
        err = capsys.readouterr().err
        assert "sources: sources folder not found; run drukwerk init" in err and "or pass --sources DIR" in err
    assert list(tmp_path.iterdir()) == []  # no output/ and no output/.drukwerk.lock
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    (tmp_path / "output").mkdir()
    assert run("build") == 1
    assert "layouts folder not found; run drukwerk init" in capsys.readouterr().err
    assert list((tmp_path / "output").iterdir()) == []  # the lock file went with the run that wrote nothing


def test_the_help_says_where_it_looks_and_every_option_is_explained() -> None:
    parser = _parser()
    assert "in the current folder" in (parser.description or "")
    subparsers = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction))
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            if action.option_strings or action.dest == "folder":
                assert action.help, f"drukwerk {name} {action.option_strings or action.dest} has no help text"


# --- the Makefile ----------------------------------------------------------------------------


def _clone(tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("Makefile", "pyproject.toml", "setup.py"):
        shutil.copy2(ROOT / name, clone / name)
    return clone


def _fake_venv(clone: Path, drukwerk_works: bool) -> None:
    bin_dir = clone / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    (bin_dir / "drukwerk").write_text(f"#!/bin/sh\nexit {0 if drukwerk_works else 1}\n")
    (bin_dir / "drukwerk").chmod(0o755)
    for stamp in (".installed", ".installed-test"):
        (clone / ".venv" / stamp).touch()


def _make(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=clone, capture_output=True, text=True, env=_clean_env())


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_build_installs_no_test_tools_and_make_test_does(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    build = _make(clone, "-n", "build").stdout
    installs = [line for line in build.splitlines() if "pip-install.sh" in line]
    assert installs and not [line for line in installs if "[test" in line], build
    assert "-m venv .venv" in build
    # make test installs the editor's extra too, while pyproject.toml has one
    assert '-e ".[test,editor]"' in _make(clone, "-n", "test").stdout
    without = re.sub(r"(?ms)^editor = \[.*?^\]\n", "", (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "\neditor = [" not in without
    (clone / "pyproject.toml").write_text(without, encoding="utf-8")
    assert '-e ".[test]"' in _make(clone, "-n", "test").stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_remakes_a_broken_venv_and_keeps_a_working_one(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    _fake_venv(clone, drukwerk_works=True)
    assert "-m venv" not in _make(clone, "-n", "build").stdout
    shutil.rmtree(clone / ".venv")
    _fake_venv(clone, drukwerk_works=False)  # e.g. an install that broke half way
    assert "-m venv .venv" in _make(clone, "-n", "build").stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_refuses_a_python_that_is_too_old(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    old = tmp_path / "python3.9"
    old.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.9.6" && exit 0\nexit 1\n')
    old.chmod(0o755)
    done = _make(clone, "build", f"PYTHON={old}")
    assert done.returncode != 0
    assert f"this needs Python 3.11, 3.12 or 3.13, and {old} is Python 3.9.6" in done.stderr
    assert not (clone / ".venv").exists()


def test_clean_keeps_the_output(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    (clone / "output" / "utrecht").mkdir(parents=True)
    (clone / "output" / "utrecht" / "x.pdf").write_bytes(b"%PDF")
    (clone / "output" / ".gitkeep").touch()
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    assert _make(clone, "clean").returncode == 0
    assert (clone / "output" / "utrecht" / "x.pdf").is_file()
    assert _make(clone, "clean-output").returncode == 0
    assert [p.name for p in (clone / "output").iterdir()] == [".gitkeep"]


def test_an_unreachable_package_index_is_said_in_words(tmp_path: Path) -> None:
    """What `make build` says offline, instead of only "No matching distribution found for setuptools>=69"."""
    done = subprocess.run(
        [str(ROOT / "scripts" / "pip-install.sh"), sys.executable, "--dry-run", "--no-cache-dir", "setuptools>=69"],
        capture_output=True,
        text=True,
        env=_clean_env(
            PIP_CONFIG_FILE=os.devnull,
            PIP_INDEX_URL="http://127.0.0.1:9/simple/",
            PIP_FIND_LINKS="",
            PIP_EXTRA_INDEX_URL="",
            PIP_RETRIES="0",
            PIP_TIMEOUT="2",
        ),
        timeout=120,
    )
    assert done.returncode == 1
    assert "No matching distribution found for setuptools>=69" in done.stderr
    assert "the package index http://127.0.0.1:9/simple/ cannot be reached" in done.stderr
    assert "HTTPS_PROXY" in done.stderr


# --- the README ------------------------------------------------------------------------------


def test_every_file_the_readme_links_to_is_there() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)[^)]*\)", text) + re.findall(r'src="([^"]+)"', text)
    local = [link for link in links if "://" not in link]
    assert local
    for link in local:
        assert (ROOT / link).exists(), f"README.md links to {link}, which is not in the repository"
    for name in re.findall(r"\b([A-Z]+\.md)\b", text):
        assert (ROOT / name).is_file() or (ROOT / "docs" / name).is_file(), f"README.md names {name}, which is not in the repository"


def test_the_readmes_minimal_region_builds_as_printed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"A minimal complete region.*?```yaml\n(.*?)```", text, re.DOTALL)
    assert example, "the README's minimal region is not where this test looks for it"
    (project / "sources" / "regions" / "hart-van-brabant.yaml").write_text(example.group(1), encoding="utf-8")
    out = project / "output"
    capsys.readouterr()
    status = run(
        "build", "--sources", str(project / "sources"), "--layouts", str(project / "layouts"), "--out", str(out),
        "--region", "hart-van-brabant", "--no-proof",
    )  # fmt: skip
    assert status == 0, capsys.readouterr().err
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {r["product"] for r in rows} == {"leaflet", "pocket-card", "checklist"}
    with pdfplumber.open(out / "hart-van-brabant" / "hart-van-brabant_pocket-card_nl_press.pdf") as pdf:
        assert "013 751 6750" in "".join(page.extract_text() or "" for page in pdf.pages)
