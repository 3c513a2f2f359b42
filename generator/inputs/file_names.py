"""File names that mean the same on every system.

Windows and macOS match file names without regard to case, Linux does not: a ``*.yaml`` glob
finds ``zeeland.YAML`` on Windows and misses it on Linux, so the same folder would build other
regions on another machine. Here a folder's YAML files are listed by their exact names on every
system: ``.yaml`` files are read, and a file named like one (``.yml``, ``.YAML``) is refused
with the name to give it (so is ``zeeland.yaml.txt``, as Notepad saves it when Windows hides
extensions). Windows also keeps a few names for devices (CON, NUL, COM1, ...):
no folder or file there can have them, so they cannot be region ids.
"""

from __future__ import annotations

from pathlib import Path

from generator.problems import Origin, Problem

__all__ = ["WINDOWS_RESERVED", "folder_not_found", "misnamed_message", "yaml_files"]

WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))})

SUFFIX = ".yaml"
_LOOKS_LIKE = (".yaml", ".yml")


def yaml_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The files of ``folder`` named ``*.yaml`` exactly, and those named like YAML files in
    another way (``*.yml``, ``*.YAML``); each list by name. Hidden files (editors' and macOS's
    own, such as ``._utrecht.yaml``) are neither."""
    if not folder.is_dir():
        return [], []
    read: list[Path] = []
    refused: list[Path] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix == SUFFIX:
            read.append(path)
        elif path.suffix.lower() in _LOOKS_LIKE or (path.suffix.lower() == ".txt" and Path(path.stem).suffix.lower() in _LOOKS_LIKE):
            refused.append(path)
    return read, refused


def misnamed_message(path: Path, meant: str) -> str:
    """What to do with ``path``, a YAML file named otherwise, meant as ``meant.yaml``."""
    if f"{meant}{SUFFIX}" in {p.name for p in path.parent.iterdir()}:  # by exact name, on every system
        return f"only {SUFFIX} files are read, on every system, and {meant}{SUFFIX} is there too; remove one of the two"
    return f"only {SUFFIX} files are read, on every system; rename the file to {meant}{SUFFIX}"


def folder_not_found(root: Path, kind: str) -> Problem:
    """``kind``: sources or layouts, the folder every command looks for in the current folder."""
    todo = f"run drukwerk init to make a working folder with the samples here, or pass --{kind} DIR"
    return Problem(Origin(str(root)), "", f"{kind} folder not found; {todo}")
