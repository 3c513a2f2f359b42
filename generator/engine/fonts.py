"""Register the theme's TrueType fonts with ReportLab (once per process) and know their coverage."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.inputs.font_files import FontProblem, font_paths
from generator.inputs.layout_models import FontFamily

if TYPE_CHECKING:
    from generator.inputs.layouts import ResolvedLayout
    from generator.warm import WarmState

__all__ = ["Family", "families_of", "font_files_of", "register_family"]

_FACE_KEYS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}


@dataclass(frozen=True)
class Family:
    name: str
    faces: dict[str, str]  # face -> ReportLab font name
    paths: tuple[Path, ...]
    coverage: frozenset[int]  # code points every face can draw
    inside: dict[bytes, tuple[Path, str]]  # the fonts' own names (as written in the PDF) -> file, digest

    def face(self, bold: bool, italic: bool) -> str:
        return self.faces[_FACE_KEYS[(bold, italic)]]


def families_of(resolved: ResolvedLayout, warm: WarmState) -> dict[str, Family]:
    """The layout's font families, registered (ReportLab is imported only when there is work)."""
    families = {name: register_family(name, spec, resolved.root, warm) for name, spec in resolved.theme.fonts.items()}
    _one_version_each(families.values())
    return families


def font_files_of(resolved: ResolvedLayout) -> list[Path]:
    return [f for f in resolved.files if f.suffix.lower() == ".ttf"]


def register_family(name: str, spec: FontFamily, layouts_dir: Path, warm: WarmState) -> Family:
    paths = font_paths(name, spec, layouts_dir)
    stats = {path: path.stat() for path in paths.values()}
    key = (name, spec, tuple((str(path), st.st_size, st.st_mtime_ns) for path, st in stats.items()))
    family: Family | None = warm.families.get(key)
    if family is None:
        family = warm.families.put(key, _register(name, paths, warm))
    return family


def _register(name: str, paths: dict[str, Path], warm: WarmState) -> Family:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from generator.engine.reportlab_compat import EmbeddedFont, FontNameTaken, name_font

    digests = {face: hashlib.sha256(path.read_bytes()).hexdigest() for face, path in paths.items()}
    # ReportLab keeps one set of bold/italic links per regular font name, for the whole process:
    # the names carry this family's four files, so two families that share a file (a layout
    # giving itself another bold) never borrow each other's faces.
    tag = hashlib.sha256("".join(digests.values()).encode()).hexdigest()[:8]
    faces: dict[str, str] = {}
    coverage: frozenset[int] | None = None
    inside: dict[bytes, tuple[Path, str]] = {}
    for face, path in paths.items():
        digest = digests[face]
        ttf = warm.fonts.get(digest)
        if ttf is None:  # one font object per file: a PDF holds each font once
            try:
                ttf = warm.fonts.put(digest, EmbeddedFont(f"{path.stem}-{digest[:12]}", str(path), digest, warm.font_subsets))
            except TTFError as exc:
                raise FontProblem(f"font file '{path.name}' cannot be used: {exc}") from None
        _one_version(inside, ttf.face.name, path, digest)
        faces[face] = f"{ttf.fontName}-{tag}"
        try:
            name_font(ttf, faces[face])
        except FontNameTaken:
            raise FontProblem(f"font file '{path.name}' changed while drukwerk was running; start it again") from None
        cmap = frozenset(ttf.face.charToGlyph)
        coverage = cmap if coverage is None else coverage & cmap
    pdfmetrics.registerFontFamily(
        faces["regular"], normal=faces["regular"], bold=faces["bold"], italic=faces["italic"], boldItalic=faces["bold_italic"]
    )
    return Family(name, faces, tuple(paths.values()), coverage or frozenset(), inside)


def _one_version_each(families: Iterable[Family]) -> None:
    """Raise FontProblem if the families use two versions of one font: a PDF can hold only one
    font of a name (ReportLab stops with an error when writing the second)."""
    seen: dict[bytes, tuple[Path, str]] = {}
    for family in families:
        for inside, (path, digest) in family.inside.items():
            _one_version(seen, inside, path, digest)


def _one_version(seen: dict[bytes, tuple[Path, str]], inside: bytes, path: Path, digest: str) -> None:
    other, other_digest = seen.setdefault(inside, (path, digest))
    if other_digest != digest:
        raise FontProblem(
            f"font files '{other.name}' and '{path.name}' are two versions of the same font "
            f"({inside.decode(errors='replace')}); a PDF can embed only one: use one file"
        )
