"""The packages of generator/ import only downward, in the order the README's developer table
draws (and DESIGN.md's layers): a lower stage never knows a higher one, so data flows one way.

Every import counts, at module level or inside a function, and type-checking imports too: a
name a lower layer needs from a higher one belongs lower down.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "generator"

# Bottom to top; a module may import its own layer and every layer below it.
LAYERS: list[tuple[str, ...]] = [
    ("generator", "generator.problems", "generator.vocabulary", "generator.warm"),
    ("generator.store",),
    ("generator.blocktext",),
    ("generator.inputs",),
    ("generator.engine",),
    ("generator.compose",),
    ("generator.pdf",),
    ("generator.web", "generator.proofing"),
    ("generator.batch",),
    ("generator.devtools", "generator.translations"),
    ("generator.cli", "generator.__main__", "generator.starter", "generator.editor"),
]


def layer_of(module: str) -> int:
    """The layer of a module: its longest matching name (``generator`` itself is the package's __init__)."""
    best = (-1, -1)
    for index, names in enumerate(LAYERS):
        for name in names:
            if module == name or (name != "generator" and module.startswith(name + ".")):
                best = max(best, (len(name), index))
    if best[1] < 0:
        raise LookupError(f"{module} is in no layer: add its package to LAYERS and to the README's developer table")
    return best[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of the generator package in a file, wherever it stands."""
    found = []
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from generator.store import stamp`` imports the module generator.store.stamp
            found += [(node.lineno, f"{base}.{alias.name}" if _is_module(f"{base}.{alias.name}") else base) for alias in node.names]
    return [(line, name) for line, name in found if name == "generator" or name.startswith("generator.")]


def _is_module(name: str) -> bool:
    path = ROOT.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def violations(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        here = module_name(path)
        for line, name in imports(path):
            if layer_of(name) > layer_of(here):
                found.append(f"{path.relative_to(root.parent)}:{line}: {here} imports {name}, a higher layer")
    return found


def test_every_import_runs_downward() -> None:
    assert violations() == []


def test_every_module_is_in_a_layer() -> None:
    for path in ROOT.rglob("*.py"):
        layer_of(module_name(path))


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    """The check itself: a lower package importing a higher one fails, also inside a function and
    behind TYPE_CHECKING, also as a relative import."""
    package = tmp_path / "generator"
    for sub in ("inputs", "compose", "store"):
        (package / sub).mkdir(parents=True)
        (package / sub / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "compose" / "typeset.py").write_text("X = 1\n")
    (package / "inputs" / "bad.py").write_text("def f():\n    from generator.compose.typeset import X\n")
    (package / "inputs" / "typed.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..compose import typeset\n")
    (package / "store" / "fine.py").write_text("from generator.problems import Problem\n")
    (package / "problems.py").write_text("")
    global ROOT
    saved, ROOT = ROOT, package
    try:
        found = violations(package)
    finally:
        ROOT = saved
    assert found == [
        "generator/inputs/bad.py:2: generator.inputs.bad imports generator.compose.typeset, a higher layer",
        "generator/inputs/typed.py:3: generator.inputs.typed imports generator.compose.typeset, a higher layer",
    ]


@pytest.mark.parametrize("module", ["generator.build", "generator.build.run"])
def test_no_package_is_named_like_build_output(module: str) -> None:
    """``build/`` is every tool's default ignore pattern (git, pytest, black): no package of ours has that name."""
    assert not ROOT.parent.joinpath(*module.split(".")).exists()
