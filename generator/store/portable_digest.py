"""File contents and names as they enter a digest: the same on every system.

A text file checked out on Windows (git's ``autocrlf``) or saved by a Windows editor ends its
lines with CR LF where Linux and macOS have LF; a relative path has ``\\`` between its parts on
Windows. Both would change ``inputs_sha256`` (and the no-op stamp) without changing a single
printed thing, and a manifest made on one system would not match one made on another. So text
files are digested with LF line ends and paths are written with ``/``. Only the standard library
is used here (the no-op fast path in stamp.py imports it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePath

__all__ = ["TEXT_SUFFIXES", "file_bytes", "file_sha256", "posix"]

# The text files a build reads or copies; fonts, pictures and ICC profiles are read as they are.
TEXT_SUFFIXES = frozenset({".yaml", ".yml", ".py", ".html", ".css", ".js", ".txt", ".md", ".svg", ".json", ".xml"})


def file_bytes(path: Path) -> bytes:
    """The file's bytes, with LF line ends when it is a text file."""
    data = path.read_bytes()
    return data.replace(b"\r\n", b"\n") if path.suffix.lower() in TEXT_SUFFIXES else data


def file_sha256(path: Path) -> str:
    return hashlib.sha256(file_bytes(path)).hexdigest()


def posix(path: PurePath) -> str:
    """A relative path as written in a digest or the manifest: parts joined by ``/``."""
    return path.as_posix()
