"""The one build step pyproject.toml cannot say: the wheel carries the repository's sample
``sources/`` and ``layouts/`` as package data in ``generator/samples/``, so that ``drukwerk init``
can write a working folder from an installed package. The two folders stay at the repository's
root (the project's folder contract); they are copied, never moved.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLES = ("sources", "layouts")
HERE = Path(__file__).resolve().parent


def _left_out(folder: str, names: list[str]) -> set[str]:
    """What shutil.copytree leaves out: hidden files (.DS_Store, editor swap files) and caches."""
    return {name for name in names if name.startswith(".") or name == "__pycache__"}


class BuildPyWithSamples(build_py):
    def run(self) -> None:
        # An editable install reads the checkout itself (generator/starter.py finds the folders there).
        editable = getattr(self, "editable_mode", False)
        if not editable:
            # build/lib/ is reused between builds, and a module moved or removed since the last
            # one would still be packed into the wheel: start from nothing.
            shutil.rmtree(Path(self.build_lib) / "generator", ignore_errors=True)
        super().run()
        if editable:
            return
        target = Path(self.build_lib) / "generator" / "samples"
        for name in SAMPLES:
            shutil.copytree(HERE / name, target / name, ignore=_left_out)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        target = Path(self.build_lib) / "generator" / "samples"
        outputs.extend(str(p) for p in sorted(target.rglob("*")) if p.is_file())
        return outputs


setup(cmdclass={"build_py": BuildPyWithSamples})
