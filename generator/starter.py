"""``drukwerk init [DIR]``: a working folder (sources/, layouts/, output/, README.txt) written from
the samples the package carries, as ``mkdocs new`` does.

An installed wheel carries the repository's ``sources/`` and ``layouts/`` as package data in
``generator/samples/`` (setup.py copies them there); a checkout (and an editable install) has
them beside the package. Nothing is written over an existing file unless ``force`` is given, and
every file is checked before the first is written, so a refused init leaves the folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import generator

__all__ = ["SAMPLE_FOLDERS", "FolderExists", "init_folder", "samples"]

SAMPLE_FOLDERS = ("sources", "layouts")

NEXT_STEPS = """\
This folder was made by `drukwerk init`. Next steps:

1. drukwerk validate      check the sample sources and layouts ("ok" or one line per problem)
2. drukwerk build         build every PDF, web page and the proof page into output/
3. Open output/index.html in a browser: every page, how full each panel is, the contacts.

Where things are:
  sources/regions/<id>.yaml   one file per region: its name, organisation and checked contacts
  sources/content/<lang>.yaml the shared text per language (nl is the reference)
  sources/national.yaml       the national contacts
  layouts/                    the layouts and theme (for designers: see layouts/README.md)

Run the commands in this folder (they look for sources/ and layouts/ here), or pass
--sources DIR and --layouts DIR. Where `drukwerk` is not found, `python -m generator` (on
Windows `py -m generator`) does the same. `drukwerk --help` and `drukwerk build --help` list
every command and option; the whole guide is the README of mensenhandel-drukwerk.
"""


class FolderExists(FileExistsError):
    """A file init would write is there already (and ``force`` was not given)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} exists already; drukwerk init writes nothing over your files: "
            "choose another folder (drukwerk init DIR), or add --force to write the samples over what is there"
        )
        self.path = path


@dataclass(frozen=True)
class _Copy:
    source: Traversable
    target: Path


def samples() -> Traversable:
    """The folder holding the sample ``sources/`` and ``layouts/``: the package's own copy, or
    (running from a checkout) the repository's root."""
    packaged = files("generator") / "samples"
    if packaged.is_dir():
        return packaged
    checkout = Path(generator.__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and all((checkout / name).is_dir() for name in SAMPLE_FOLDERS):
        return checkout
    raise FileNotFoundError("this installation of drukwerk carries no sample folders; reinstall it from a wheel or the repository")


def _walk(folder: Traversable, target: Path) -> list[_Copy]:
    copies = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.startswith(".") or item.name == "__pycache__":
            continue
        if item.is_dir():
            copies.extend(_walk(item, target / item.name))
        else:
            copies.append(_Copy(item, target / item.name))
    return copies


def init_folder(target: Path, force: bool = False) -> list[Path]:
    """Write the working folder into ``target``; the files written. Raises FolderExists (before
    writing anything) when ``target`` has a sources/ or layouts/ folder or a README.txt already
    and ``force`` is not given: the samples are not mixed into someone's own files."""
    root = samples()
    copies = [copy for name in SAMPLE_FOLDERS for copy in _walk(root / name, target / name)]
    readme = target / "README.txt"
    if not force:
        for path in [*(target / name for name in SAMPLE_FOLDERS), readme]:
            if path.exists():
                raise FolderExists(path)
    written = []
    for copy in copies:
        copy.target.parent.mkdir(parents=True, exist_ok=True)
        copy.target.write_bytes(copy.source.read_bytes())
        written.append(copy.target)
    (target / "output").mkdir(parents=True, exist_ok=True)
    readme.write_text(NEXT_STEPS, encoding="utf-8")
    written.append(readme)
    return written
