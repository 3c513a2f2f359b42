"""Change detection: the digest of everything an output (a PDF or a web page) is made from, and
whether a file on disk is still the one the manifest describes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator import __version__
from generator.store import stamp
from generator.store.portable_digest import file_sha256

__all__ = ["InputDigests", "file_matches", "input_files"]


def input_files(root: Path, region_file: Path, content_file: Path, layout_files: Sequence[Path], logo: str = "") -> list[Path]:
    """The files a region's output in one language is made from, in digest order: the region file,
    the language's content, national.yaml, settings.yaml, the layout's own files (its YAML, theme,
    fonts, images, profile; for a web page every file of layouts/web/), and the region's logo when
    the output shows it. One list for PDFs and web pages: a new source file is added here only."""
    return [
        region_file,
        content_file,
        root / "national.yaml",
        root / "settings.yaml",
        *layout_files,
        *([root / "logos" / logo] if logo else []),
    ]


class InputDigests:
    """Digests of outputs' inputs; each file is read once per build, each output's digest made once."""

    def __init__(self) -> None:
        self._files: dict[Path, str] = {}
        self._outputs: dict[str, str] = {}

    def of(self, output: str, files: Iterable[Path], extra: bytes = b"") -> str:
        """``output`` names what is made (the job, or a web page) and is part of the digest, with
        the generator's version and code; ``extra``: anything else it is made from."""
        digest = self._outputs.get(output)
        if digest is None:
            h = hashlib.sha256(f"{__version__}\n{stamp.code_digest()}\n{output}\n".encode())
            for path in files:
                h.update(f"{path.name}:{self.file(path)}\n".encode())
            h.update(extra)
            digest = self._outputs[output] = h.hexdigest()
        return digest

    def file(self, path: Path) -> str:
        digest = self._files.get(path)
        if digest is None:
            digest = self._files[path] = file_sha256(path) if path.exists() else "-"
        return digest


def file_matches(path: Path, sha256: object) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
