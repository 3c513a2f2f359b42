"""Change detection per job: the digest of everything a PDF is made from, and whether the file
on disk is still the one the manifest describes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator import __version__
from generator.build import stamp
from generator.build.project import Project
from generator.inputs.provenance import sidecar_path
from generator.vocabulary import Job

__all__ = ["InputDigests", "file_matches", "translation_inputs"]


def translation_inputs(root: Path, lang: str) -> list[Path]:
    """What else a foreign edition depends on: whether it is final follows from the Dutch pack
    and the language's provenance sidecar (a review, a changed Dutch sentence)."""
    return [] if lang == "nl" else [root / "content" / "nl.yaml", sidecar_path(root, lang)]


class InputDigests:
    """Digests of the files each job depends on; each file is read once per build."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._files: dict[Path, str] = {}
        self._jobs: dict[Job, str] = {}

    def job(self, job: Job, layout_files: tuple[Path, ...], shows_logo: bool = False) -> str:
        """``layout_files``: the layout's own inputs (its files, theme, fonts, images, CMYK
        profile); ``shows_logo``: whether the layout prints the region's logo, a file of its own."""
        digest = self._jobs.get(job)
        if digest is None:  # planned in the parent, recorded in the manifest row by a worker
            sources = self.project.sources
            entry = sources.regions[job.region]
            logo = entry.loaded.model.logo if entry.loaded and shows_logo else ""
            files = [
                entry.path,
                sources.contents[job.lang].path,
                sources.root / "national.yaml",
                sources.root / "settings.yaml",
                *layout_files,
                *([sources.root / "logos" / logo] if logo else []),
                *translation_inputs(sources.root, job.lang),
            ]
            h = hashlib.sha256(f"{__version__}\n{stamp.code_digest()}\n{job}\n".encode())
            for path in files:
                h.update(f"{path.name}:{self.file(path)}\n".encode())
            digest = self._jobs[job] = h.hexdigest()
        return digest

    def file(self, path: Path) -> str:
        digest = self._files.get(path)
        if digest is None:
            digest = self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"
        return digest


def file_matches(path: Path, sha256: object) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
