"""``drukwerk users`` from the command line, and the editor's place in the layers: the highest
beside the CLI, imported by nothing else, and never by ``drukwerk build``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def drukwerk(*args: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], input=stdin, capture_output=True, text=True, cwd=cwd, check=False)


def _editor_imports(nodes: list[ast.AST]) -> list[str]:
    found = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            found += [node.module or ""]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [name for name in found if name.startswith("generator.editor")]


def test_nothing_outside_the_editor_imports_it() -> None:
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if "editor" in path.relative_to(ROOT / "generator").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        anywhere = _editor_imports(list(ast.walk(tree)))
        at_the_top = _editor_imports(list(tree.body))
        if path.name == "cli.py":
            assert anywhere and not at_the_top, "cli.py imports the editor only inside its handlers"
        else:
            assert not anywhere, f"{path} imports {anywhere}"


def test_a_build_never_imports_django(tmp_path: Path) -> None:
    code = (
        "import sys; from generator.cli import main;"
        f"main(['build', '--today', '2026-12-01', '--out', {str(tmp_path)!r}, '--region', 'utrecht', '--product', 'pocket-card']);"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'waitress', 'ruamel'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_users_add_list_disable(tmp_path: Path) -> None:
    pytest.importorskip("django")
    data = str(tmp_path / "data")
    added = drukwerk(
        "users",
        "add",
        "anna",
        "--role",
        "coordinator",
        "--region",
        "utrecht",
        "--password-stdin",
        "--data",
        data,
        stdin="een-lang-wachtwoord-7\n",
    )
    assert added.returncode == 0 and added.stdout.strip() == "added anna: coordinator for utrecht", added.stderr
    wrong = drukwerk(
        "users",
        "add",
        "bert",
        "--role",
        "coordinator",
        "--region",
        "utreht",
        "--password-stdin",
        "--data",
        data,
        stdin="een-lang-wachtwoord-7\n",
    )
    assert wrong.returncode == 1 and wrong.stderr.strip() == "drukwerk: unknown region 'utreht'; see drukwerk regions"
    short = drukwerk("users", "add", "bert", "--role", "editor", "--password-stdin", "--data", data, stdin="kort\n")
    assert short.returncode == 1 and short.stderr.startswith("drukwerk: password: ")
    assert (
        drukwerk("users", "add", "anna", "--role", "editor", "--password-stdin", "--data", data, stdin="een-lang-wachtwoord-7\n").returncode
        == 1
    )
    translator = ("users", "add", "piotr", "--role", "translator", "--password-stdin", "--data", data)
    unknown = drukwerk(*translator, "--lang", "pt", stdin="een-lang-wachtwoord-7\n")
    assert unknown.returncode == 1
    said = "drukwerk: no translation 'pt' in sources/content (nl is the Dutch they translate); available: bg, en, hu, pl, ro"
    assert unknown.stderr.strip() == said
    polish = drukwerk(*translator, "--lang", "pl", stdin="een-lang-wachtwoord-7\n")
    assert polish.returncode == 0 and polish.stdout.strip() == "added piotr: translator for pl", polish.stderr
    disabled = drukwerk("users", "disable", "anna", "--data", data)
    assert disabled.returncode == 0, disabled.stderr
    listed = drukwerk("users", "list", "--data", data)
    assert listed.stdout.splitlines() == ["anna\tcoordinator\tutrecht\tdisabled", "piotr\ttranslator\tpl\tactive"]
    assert "Traceback" not in wrong.stderr + short.stderr
