"""The no-op fast path: has anything changed since the last complete build of the same request?

A stamp of every source and layout file, the generator's code, the request and the date (a
contact can expire overnight) is kept in ``OUT/.drukwerk-state.json`` together with the size and
modification time of every file the build wrote. When all of these match, ``drukwerk build``
stops before importing pydantic, Jinja2 or ReportLab. Only the standard library is used here.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from generator.store.portable_digest import file_sha256, posix

__all__ = ["STATE", "code_digest", "package_digest", "recorded_files", "remember", "stamp", "unchanged_since_recorded", "up_to_date"]

STATE = ".drukwerk-state.json"


def _digest(folders: list[Path], extra: list[str]) -> str:
    h = hashlib.sha256("\n".join([*extra, code_digest()]).encode())
    for folder in folders:
        for path in sorted(folder.rglob("*"), key=lambda p: posix(p.relative_to(folder))):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(f"{posix(path.relative_to(folder))}\n".encode())
                h.update(bytes.fromhex(file_sha256(path)))
    return h.hexdigest()


@cache
def code_digest() -> str:
    """The generator's own code is an input too: a changed renderer rebuilds everything."""
    return package_digest(Path(__file__).parent.parent)


# Code that makes nothing the build writes: changing it must not rebuild every PDF.
NOT_OUTPUT_CODE = ("editor", "translations")


def package_digest(package: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py"), key=lambda p: posix(p.relative_to(package))):  # every module of every subpackage
        if path.relative_to(package).parts[0] in NOT_OUTPUT_CODE:
            continue
        h.update(f"{posix(path.relative_to(package))}\n".encode())
        h.update(bytes.fromhex(file_sha256(path)))
    return h.hexdigest()


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def stamp(sources: Path, layouts: Path, request_key: str) -> str:
    return _digest([sources, layouts], [request_key])


def up_to_date(out: Path, key: str, current: str) -> bool:
    try:
        state: dict[str, Any] = json.loads((out / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    entry = state.get(key)
    if not isinstance(entry, dict) or entry.get("stamp") != current:
        return False
    return all(_stat(out / rel) == stat for rel, stat in entry.get("files", {}).items()) and all(
        _stat(Path(p)) == stat for p, stat in entry.get("fonts", {}).items()
    )


def recorded_files(out: Path) -> set[tuple[str, int, int]]:
    """(path, size, mtime) of every file as a complete build left it. A file that still has
    that size and time has not been touched since, so its manifest hash need not be recomputed
    (the same rule git and make use)."""
    try:
        state = json.loads((out / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    seen = set()
    for entry in state.values() if isinstance(state, dict) else ():
        for rel, stat in (entry.get("files") or {}).items() if isinstance(entry, dict) else ():
            if isinstance(stat, list) and len(stat) == 2:
                seen.add((rel, stat[0], stat[1]))
    return seen


def unchanged_since_recorded(out: Path, rel: str, recorded: set[tuple[str, int, int]]) -> bool:
    stat = _stat(out / rel)
    return stat is not None and (rel, stat[0], stat[1]) in recorded


def remember(out: Path, key: str, current: str, written: list[str], fonts: list[Path]) -> None:
    """Record a complete, successful build (atomically, like every other output)."""
    from generator.store.files import write_atomic

    try:
        state = json.loads((out / STATE).read_text(encoding="utf-8"))
        state = state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        state = {}
    state[key] = {
        "stamp": current,
        "files": {rel: _stat(out / rel) for rel in [*written, "manifest.json"]},
        "fonts": {str(p): _stat(p) for p in fonts},
    }
    write_atomic(out / STATE, json.dumps(state, sort_keys=True).encode("utf-8"))
