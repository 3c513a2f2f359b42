"""Find, register (once per process) and check the coverage of the theme's TrueType fonts."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.inputs.layout_models import FontFamily

FACES = ("regular", "bold", "italic", "bold_italic")
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


class FontProblem(Exception):
    pass


_registered: dict[tuple[object, ...], Family] = {}
_fonts: dict[str, Any] = {}  # a font file's digest -> its font object


def font_paths(name: str, spec: FontFamily, layouts_dir: Path) -> dict[str, Path]:
    """The four face files, found only in an installed package or inside ``layouts/``."""
    if spec.package:
        found = importlib.util.find_spec(spec.package)
        if found is None or not found.submodule_search_locations:
            raise FontProblem(f"font package '{spec.package}' is not installed; run make build, or add it to pyproject.toml")
        base = Path(next(iter(found.submodule_search_locations))) / "files"
    elif spec.folder:
        base = (layouts_dir / spec.folder).resolve()
        if not base.is_relative_to(layouts_dir.resolve()):
            raise FontProblem(f"font folder '{spec.folder}' is outside the layouts folder; keep fonts inside it")
    else:
        raise FontProblem(f"font family '{name}' needs package: or folder:")
    paths = {}
    for face in FACES:
        file_name = getattr(spec, face)
        path = (base / file_name).resolve()
        if "/" in file_name or "\\" in file_name or not path.is_file():
            raise FontProblem(f"font file '{file_name}' not found in {base}")
        if path.suffix.lower() != ".ttf":
            raise FontProblem(f"font file '{file_name}' is not TrueType (.ttf); ReportLab embeds TrueType only")
        paths[face] = path
    return paths


def register_family(name: str, spec: FontFamily, layouts_dir: Path) -> Family:
    paths = font_paths(name, spec, layouts_dir)
    stats = {path: path.stat() for path in paths.values()}
    key = (name, spec, tuple((str(path), st.st_size, st.st_mtime_ns) for path, st in stats.items()))
    family = _registered.get(key)
    if family is not None:
        return family
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from generator.pdf.font_embedding import EmbeddedFont

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
        ttf = _fonts.get(digest)
        if ttf is None:  # one font object per file: a PDF holds each font once
            try:
                ttf = _fonts[digest] = EmbeddedFont(f"{path.stem}-{digest[:12]}", str(path))
            except TTFError as exc:
                raise FontProblem(f"font file '{path.name}' cannot be used: {exc}") from None
        _one_version(inside, ttf.face.name, path, digest)
        faces[face] = f"{ttf.fontName}-{tag}"
        register_font(ttf, faces[face])
        cmap = frozenset(ttf.face.charToGlyph)
        coverage = cmap if coverage is None else coverage & cmap
    pdfmetrics.registerFontFamily(
        faces["regular"], normal=faces["regular"], bold=faces["bold"], italic=faces["italic"], boldItalic=faces["bold_italic"]
    )
    family = Family(name, faces, tuple(paths.values()), coverage or frozenset(), inside)
    _registered[key] = family
    return family


def one_version_each(families: Iterable[Family]) -> None:
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


def register_font(font: Any, name: str) -> None:
    """Make ``name`` give ``font`` in ReportLab.

    ``pdfmetrics.registerFont`` knows a font under its own name only, and gives a later font
    with the same name inside the file (a new version of the font, or the file replaced while
    drukwerk watch runs) the font object registered first: the PDF would keep the old glyphs."""
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics._fonts[name] = font  # no public way to name a font twice or to replace one
