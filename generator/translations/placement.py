"""Where each key is printed (product, page, panel: read from the layouts' templates) and the room
its tightest panel leaves (the fill levels of the last build, from ``OUT/manifest.json``): the note
a translator reads beside each string."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.inputs.layouts import ResolvedLayout
from generator.inputs.provenance import Key
from generator.vocabulary import PRODUCTS

__all__ = ["Placements", "Spot"]

_NAME = re.compile(r"\b(content|labels)((?:\.[A-Za-z_]\w*)+)")
_CONTACT_LISTS = {"contacts", "national", "discreet_contacts"}  # items that print region texts (roles, notes)


@dataclass(frozen=True)
class Spot:
    product: str
    page: str
    panel: str

    def __str__(self) -> str:
        return f"{self.product} {self.page}/{self.panel}"


class Placements:
    """The panels of the products' own layouts that print each key."""

    def __init__(self, layouts: dict[str, ResolvedLayout], out: Path | None = None) -> None:
        self._prefixes: dict[str, list[Spot]] = {}
        for product in PRODUCTS:
            resolved = layouts.get(product)
            if resolved is None:
                continue
            for page in resolved.layout.pages:
                for panel in page.panels:
                    spot = Spot(product, page.name, panel.name)
                    for block in panel.blocks:
                        for prefix in self._names(" ".join((block.text, block.item_template(), block.src, block.url)), block.items):
                            spots = self._prefixes.setdefault(prefix, [])
                            if spot not in spots:
                                spots.append(spot)
        self._fill: dict[tuple[str, str, str, str], float] = {}  # (lang, product, page, panel) -> highest fill in percent
        rows = _manifest_rows(out) if out else []
        for row in rows:
            for panel in row.get("panels", []):
                at = (str(row.get("lang")), str(row.get("product")), str(panel.get("page")), str(panel.get("panel")))
                self._fill[at] = max(self._fill.get(at, 0.0), float(panel.get("fill_percent", 0.0)))

    @staticmethod
    def _names(template: str, items: str) -> list[str]:
        found = []
        for match in _NAME.finditer(template):
            found.append(match.group(2)[1:] if match.group(1) == "content" else "labels" + match.group(2))
        expression = items.strip()
        if expression in _CONTACT_LISTS:
            found.append("contacts")
        elif expression.startswith("content."):
            found.append(expression[len("content.") :])
        return found

    def spots(self, key: Key) -> list[Spot]:
        name = "contacts" if not key.file.startswith("content/") else key.key
        out: list[Spot] = []
        for prefix, spots in self._prefixes.items():
            if name == prefix or name.startswith((f"{prefix}.", f"{prefix}[")):
                out.extend(s for s in spots if s not in out)
        return out

    def tightest(self, key: Key, lang: str) -> tuple[Spot, float, str] | None:
        """The fullest panel that prints the key in the last build, in ``lang`` if it was built, else in Dutch."""
        best: tuple[Spot, float, str] | None = None
        for spot in self.spots(key):
            for shown in (lang, "nl"):
                fill = self._fill.get((shown, spot.product, spot.page, spot.panel))
                if fill is not None:
                    if best is None or fill > best[1]:
                        best = (spot, fill, shown)
                    break
        return best

    def fullest(self, lang: str) -> str:
        """The fullest panel of the last build in ``lang``, or "-" when none was built."""
        mine = [(fill, at) for at, fill in self._fill.items() if at[0] == lang]
        if not mine:
            return "-"
        fill, (_, product, page, panel) = max(mine)
        return f"{product} {page}/{panel} {fill:.1f}%"

    def note(self, key: Key, lang: str) -> str:
        """Where it is printed and how much room there is, in a translator's words."""
        spots = self.spots(key)
        where = "; ".join(str(s) for s in spots) if spots else "no product's own layout (a region layout may print it)"
        parts = [f"Printed on: {where}; and the web page."]
        tight = self.tightest(key, lang)
        if tight:
            spot, fill, shown = tight
            room = max(0.0, 100.0 - fill)
            parts.append(f"Tightest panel: {spot}, {fill:.1f}% full in {shown} (about {room:.0f}% room left).")
        parts.append(f"Dutch: {len(key.nl)} characters; now: {len(key.text)}.")
        return " ".join(parts)


def _manifest_rows(out: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files", []) if isinstance(data, dict) else []
    return [r for r in files if isinstance(r, dict)]
