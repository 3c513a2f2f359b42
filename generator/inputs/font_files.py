"""Where the theme's font files are: in an installed font package or inside ``layouts/``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from generator.inputs.layout_models import FontFamily
from generator.problems import Unplaced

__all__ = ["FACES", "FontProblem", "font_paths"]

FACES = ("regular", "bold", "italic", "bold_italic")


class FontProblem(Unplaced):
    """A font that cannot be used; its message says why and what to do."""


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
