"""Writing a file so that no reader ever sees half of it."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["FileHeld", "copy_if_changed", "mirror", "write_atomic"]


class FileHeld(PermissionError):
    """A finished file cannot take the place of the old one because another program has that open
    (on Windows: a PDF viewer, a sync client). The old file stays as it was."""

    def __init__(self, path: Path) -> None:
        message = (
            f"close {path.name} in the program that has it open (a PDF viewer, a sync client), then build again; "
            "the file there is the last good one"
        )
        super().__init__(errno.EACCES, message, str(path))


def _file_mode() -> int:
    """The mode an ordinary new file gets (mkstemp's files are private: 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_MODE = _file_mode()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _MODE)
        try:
            os.replace(tmp, path)
        except PermissionError as exc:  # Windows: another program has the old file open
            raise FileHeld(path) if path.exists() else exc from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def mirror(source: Path, target: Path) -> None:
    """``target`` made the same as ``source`` (a folder of files), copying only what differs, so
    that caches keyed by path and content still match a copy that is checked again and again."""
    if not source.is_dir():
        if target.exists():
            shutil.rmtree(target)
        return
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file() and not p.is_symlink()}
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if path.is_file() and relative not in wanted:
            path.unlink()
    for relative in wanted:
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        copy_if_changed(source / relative, target / relative)


def copy_if_changed(source: Path, target: Path) -> None:
    data = source.read_bytes()
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)
