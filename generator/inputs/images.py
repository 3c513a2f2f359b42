"""Image files named by a layout or a region: where they may be, and what they are.

A layout's ``src:`` names a file inside ``layouts/`` (``images/ribbon.svg``), or is
``{{ region.logo }}``: the file a region names with ``logo:``, which lives in ``sources/logos/``.
Nothing else is read: no absolute path, no ``..``, no link that leads out of its folder. PNG,
JPEG and SVG are accepted, recognised by their content as well as their name.

Only the standard library here: checking a layout or a region file costs no image decoding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from generator.inputs.layout_models import Block, Layout
from generator.inputs.yaml_reader import suggest
from generator.problems import Unplaced

__all__ = [
    "KINDS",
    "LOGO_SRC",
    "ImageProblem",
    "file_inside",
    "image_blocks",
    "kind_of",
    "literal_sources",
    "uses_region_logo",
]

KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
LOGO_SRC = re.compile(r"^\s*\{\{\s*region\.logo\s*\}\}\s*$")
_MAGIC = {"PNG": (b"\x89PNG\r\n\x1a\n",), "JPEG": (b"\xff\xd8\xff",)}
_OTHER = {b"GIF8": "GIF", b"II*\x00": "TIFF", b"MM\x00*": "TIFF", b"BM": "BMP", b"%PDF": "PDF", b"RIFF": "WebP"}


class ImageProblem(Unplaced):
    """What is wrong with an image file, as a sentence that says what to do."""


def file_inside(folder: Path, name: str, shown: str, kinds: dict[str, str] = KINDS) -> Path:
    """``folder/name`` when it is a file of one of ``kinds`` (by name ending: PNG, JPEG or SVG)
    really inside ``folder``; ``shown`` is how the folder appears in messages (``layouts``,
    ``sources/logos``)."""
    names = list(dict.fromkeys(kinds.values()))
    what = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    name = name.strip()
    if not name:
        raise ImageProblem(f"no file named; name a {what} file in {shown}")
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        raise ImageProblem(f"'{name}' is an absolute path; name a file inside {shown}, e.g. {_example(shown)}")
    if ".." in re.split(r"[\\/]", name):
        raise ImageProblem(f"'{name}' leads out of {shown} (..); put the file inside {shown}")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in kinds:
        which = f"'{suffix}' files are" if suffix else f"a file without {' or '.join(kinds)} is"
        raise ImageProblem(f"'{name}': {which} not supported; use {what}")
    path = folder / name
    if not path.exists():
        known = sorted(p.name for p in folder.glob("*") if p.suffix.lower() in kinds) if folder.is_dir() else []
        hint = suggest(PurePosixPath(name).name, known)
        raise ImageProblem(f"'{name}' not found in {shown}{hint}; put the file there or correct the name")
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ImageProblem(f"'{name}' is a link to a file outside {shown}; put the file itself there")
    if not path.is_file():
        raise ImageProblem(f"'{name}' is not a file; name a {what} file in {shown}")
    return path


def _example(shown: str) -> str:
    return "images/logo.svg" if shown.startswith("layouts") else "logo.svg"


def kind_of(name: str, data: bytes) -> str:
    """PNG, JPEG or SVG, by the file's content, which must match its name."""
    expected = KINDS.get(PurePosixPath(name).suffix.lower(), "")
    if any(data.startswith(m) for magics in _MAGIC.values() for m in magics):
        found = next(kind for kind, magics in _MAGIC.items() if any(data.startswith(m) for m in magics))
    elif b"<svg" in data[:4096].lower():
        found = "SVG"
    else:
        other = next((kind for magic, kind in _OTHER.items() if data.startswith(magic)), "")
        what = f"{_a(other)} file" if other else "not a PNG, JPEG or SVG file"
        raise ImageProblem(f"is {what}; save it as PNG, JPEG or SVG")
    if found != expected:
        raise ImageProblem(f"is {_a(found)} file named like {_a(expected)} file; correct the file name's ending")
    return found


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "SAEIOU" else f"a {kind}"  # an SVG, a PNG


def image_blocks(layout: Layout) -> Iterator[tuple[tuple[str | int, ...], Block]]:
    """Every image block of a layout with its location (pages, p, panels, q, blocks, b)."""
    for p, page in enumerate(layout.pages):
        for q, panel in enumerate(page.panels):
            for b, block in enumerate(panel.blocks):
                if block.type == "image":
                    yield ("pages", p, "panels", q, "blocks", b), block


def literal_sources(layout: Layout) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The image blocks that name a file of the layout's own (not a template such as the region's logo)."""
    for loc, block in image_blocks(layout):
        if block.src.strip() and "{{" not in block.src and "{%" not in block.src:  # a template other than the logo is refused elsewhere
            yield loc, block.src.strip()


def uses_region_logo(layout: Layout) -> bool:
    return any(LOGO_SRC.match(block.src) for _, block in image_blocks(layout))
