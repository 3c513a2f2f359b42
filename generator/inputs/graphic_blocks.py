"""Checks on a layout's image, qr and pictogram blocks (and contacts' ``icons:``, bullets' ``name:``) when it is read,
and the files they add to the layout's inputs: its own images and the theme's CMYK profile.

What depends on the job (the region's logo, a QR code's address from the content, an image's
resolution at its printed size) is checked while typesetting, in compose/graphics.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.inputs.icons import ICONS, icon_names
from generator.inputs.images import LOGO_SRC, ImageProblem, file_inside, literal_sources
from generator.inputs.layout_models import MM, Block, Layout, Theme
from generator.inputs.profiles import ProfileProblem, read_profile  # Pillow is imported only when a profile is named
from generator.inputs.validation import field_path
from generator.inputs.yaml_reader import origin_of, suggest
from generator.problems import Origin, Problem

__all__ = ["QR_MIN_SIZE_MM", "check_graphic_block", "graphic_files"]

QR_MIN_SIZE_MM = 15  # the same floor compose/graphics.py applies

Loc = tuple[str | int, ...]
_PROFILES = {".icc": "ICC profile", ".icm": "ICC profile"}


def graphic_files(
    layout: Layout, theme: Theme, raw: Any, theme_raw: Any, layout_file: Path, root: Path
) -> tuple[list[Path], list[Problem]]:
    """The layout's own image files and the theme's CMYK profile (inputs of every PDF made with
    it), and what is wrong with naming them."""
    files: list[Path] = []
    problems: list[Problem] = []
    for loc, src in literal_sources(layout):
        try:
            files.append(file_inside(root, src, str(root)))
        except ImageProblem as exc:
            problems.append(Problem(origin_of(raw, (*loc, "src"), Origin(str(layout_file))), field_path((*loc, "src")), str(exc)))
    if theme.cmyk_profile:
        where = origin_of(theme_raw, ("cmyk_profile",), Origin(str(root / "theme.yaml")))
        try:
            profile = file_inside(root, theme.cmyk_profile, str(root), _PROFILES)
            read_profile(profile.read_bytes())
            files.append(profile)
        except ImageProblem as exc:
            problems.append(Problem(where, "cmyk_profile", str(exc)))
        except ProfileProblem as exc:
            problems.append(Problem(where, "cmyk_profile", f"'{theme.cmyk_profile}' {exc}"))
    return files, problems


def check_graphic_block(block: Block, theme: Theme, origin: Callable[..., Origin], loc: Loc, field: str) -> list[Problem]:
    """What is wrong with an image, qr or pictogram block (or a contacts block's pictograms)."""
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(origin(*loc, key) if key else origin(*loc), f"{field}.{key}" if key else field, message))

    if block.colour and block.colour not in theme.colours:
        problem("colour", f"unknown colour '{block.colour}'{suggest(block.colour, list(theme.colours))}; add it to theme.yaml colours:")
    if block.type == "image":
        if not block.src.strip():
            problem("src", "an image block needs src: a file in layouts/ (e.g. images/logo.svg), or {{ region.logo }}")
        elif ("{{" in block.src or "{%" in block.src) and not LOGO_SRC.match(block.src):
            problem("src", "write a file in layouts/ (e.g. images/logo.svg), or {{ region.logo }} for the region's logo")
        if block.height == "fill":
            problem("height", "fill is for spacers; give the image's box a height, e.g. 20mm")
    elif block.type == "qr":
        if not block.url.strip():
            problem("url", "a qr block needs url: the web address it opens, e.g. {{ content.more_info.url }}")
        if block.size and block.size < QR_MIN_SIZE_MM * MM - 0.01:
            problem("size", f"a QR code of {block.size / MM:.1f} mm is too small to scan; make it at least {QR_MIN_SIZE_MM}mm")
    elif block.type in ("pictogram", "bullets"):
        if not block.name and block.type == "pictogram":
            problem("name", f"a pictogram block needs name: one of {', '.join(ICONS)}, or a Lucide icon name")
        elif block.name and block.name not in ICONS and block.name not in icon_names():
            hint = suggest(block.name, list(ICONS)) or f"; ours are {', '.join(ICONS)}, or any Lucide icon name"
            problem("name", f"no pictogram '{block.name}'{hint}")
    return problems
