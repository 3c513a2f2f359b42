"""The zip files a coordinator takes to the print shop: the region's press and office PDFs with a
one-page print specification per product; and the web edition's folder."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from generator.editor.pipeline import Pipeline

__all__ = ["print_zip", "web_zip"]

_NAMES = {"leaflet": "Folder (drieluik)", "pocket-card": "Zakkaart", "checklist": "Signalenlijst", "contact-card": "Contactkaart"}
_PAPER = {
    "leaflet": "gevouwen folder: vraag naar 135-170 g/m² en of rillen nodig is",
    "pocket-card": "kaartje: vraag naar 300-400 g/m² karton",
    "contact-card": "kaartje: vraag naar 300-400 g/m² karton",
    "checklist": "A4 om op te schrijven: vraag naar 90-120 g/m² ongestreken papier",
}


def print_spec(region: str, product: str, facts: dict[str, Any], files: list[str], today: date) -> str:
    """One page for the print shop: what to print, on what, and how."""
    w, h = facts["trim_mm"]
    folds = facts["folds"]
    lines = [
        f"Drukspecificatie: {_NAMES.get(product, product)} - regio {region} ({today.isoformat()})",
        "=" * 60,
        "",
        f"Bestanden (drukklaar):  {', '.join(f for f in files if f.endswith('_press.pdf')) or '-'}",
        f"Bestanden (kantoor):    {', '.join(f for f in files if f.endswith('_office.pdf')) or '-'}",
        f"Eindformaat (trim):     {w:g} x {h:g} mm",
        f"Afloop (bleed):         {facts['bleed_mm']:g} mm rondom, met snijtekens",
        f"Pagina's:               {facts['pages']} ({'dubbelzijdig' if facts['pages'] > 1 else 'enkelzijdig'})",
        "Kleuren:                CMYK, lettertypen ingesloten",
        f"PDF-standaard:          PDF/X-1a:2001, drukconditie {facts['condition']}",
        f"Vouwen:                 {f'{folds} vouw(en), vouwtekens in de afloop (wikkelvouw)' if folds else 'geen'}",
        f"Papier (navragen):      {_PAPER.get(product, 'vraag de drukker welk papier past')}",
        "",
        "Controleer vóór het drukken de contactgegevens op de proef. Vragen over de bestanden: de regionale coördinator.",
    ]
    return "\n".join(lines) + "\n"


def print_zip(pipeline: Pipeline, region: str) -> tuple[str, bytes]:
    today = pipeline.today()
    rows = pipeline.manifest_rows(region)
    facts = pipeline.layout_facts(region)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        by_product: dict[str, list[str]] = {}
        for row in sorted(rows, key=lambda r: r["path"]):
            path = pipeline.paths.out / row["path"]
            if not path.is_file():
                continue
            name = Path(row["path"]).name
            archive.write(path, f"{row['mode']}/{name}")
            by_product.setdefault(row["product"], []).append(name)
        for product, files in by_product.items():
            if product in facts:
                archive.writestr(f"drukspecificatie-{product}.txt", print_spec(region, product, facts[product], files, today))
    return f"{region}-drukwerk-{today.isoformat()}.zip", buffer.getvalue()


def web_zip(pipeline: Pipeline, region: str) -> tuple[str, bytes] | None:
    folder = pipeline.paths.out / region / "web"
    if not folder.is_dir():
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.write(path, f"web/{path.relative_to(folder)}")
    return f"{region}-web-{pipeline.today().isoformat()}.zip", buffer.getvalue()
