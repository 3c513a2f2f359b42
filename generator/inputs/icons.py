"""Pictograms: the Lucide icon set (ISC licence), as the PyPI package ``lucide`` ships it (a zip
of SVG files). A few names of our own stand for the icons the products use; any other Lucide
name (see lucide.dev/icons) works too.
"""

from __future__ import annotations

import importlib.resources
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from generator.problems import Unplaced

__all__ = ["ICONS", "IconProblem", "icon_names", "icon_svg", "icon_svgs"]

ICONS = {
    "phone": "phone",
    "mail": "mail",
    "web": "globe",
    "danger": "triangle-alert",
    "alert": "siren",
    "help": "hand-helping",
    "info": "info",
    "eye": "eye",
    "home": "house",
    "money": "banknote",
    "work": "briefcase",
    "lock": "lock",
    "id-card": "id-card",
    "chat": "message-circle",
}


class IconProblem(Unplaced):
    pass


def _zip() -> zipfile.ZipFile:
    resource = importlib.resources.files("lucide").joinpath("lucide.zip")
    if isinstance(resource, Path):  # installed as files: read the zip's index and one icon, not all 650 kB
        return zipfile.ZipFile(resource)
    return zipfile.ZipFile(io.BytesIO(resource.read_bytes()))


def icon_names() -> frozenset[str]:
    """Every name a layout may use: ours and Lucide's own (read from the package, ~2 ms)."""
    with _zip() as archive:
        return frozenset(ICONS) | {n.removesuffix(".svg") for n in archive.namelist() if n.endswith(".svg")}


def icon_svg(name: str) -> bytes:
    """The icon's SVG, drawn in black (Lucide draws in ``currentColor``, the text colour of a web page)."""
    return icon_svgs([name])[name]


def icon_svgs(names: Iterable[str]) -> dict[str, bytes]:
    """Several icons at once: opening the archive (its index of 1,750 icons) is what costs, ~5 ms."""
    out = {}
    with _zip() as archive:
        for name in names:
            try:
                out[name] = archive.read(f"{ICONS.get(name, name)}.svg").replace(b"currentColor", b"#000000")
            except KeyError:
                raise IconProblem(f"no pictogram '{name}'") from None
    return out
