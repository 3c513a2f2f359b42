"""The proof page: OUT/index.html and OUT/<region>/index.html, from layouts/proof.html.

Thumbnails, panel fill levels, the contact block as plain text and links to every PDF, for a
read-through before anything goes to the print shop. Static HTML that works opened from disk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator import __version__
from generator.blocktext.sandbox import sandbox
from generator.compose.editions import in_language
from generator.inputs.sources import Sources
from generator.problems import Problem
from generator.store.files import write_atomic
from generator.store.paths import thumb_paths
from generator.vocabulary import SOURCE_LANG
from generator.warm import WarmState

__all__ = ["TEMPLATE", "fill_by_language", "write_proof"]

TEMPLATE = "proof.html"


def _contacts(sources: Sources, rid: str) -> list[dict[str, Any]]:
    entry = sources.regions[rid]
    if entry.loaded is None or sources.national is None:
        return []
    region = entry.loaded.model
    national = [c for c in sources.national.model.contacts if c.id in region.national]
    out = []
    for contact in [*region.contacts, *national]:  # as the Dutch edition prints them
        row = contact.model_dump()
        row["role"], row["note"] = in_language(contact.role, SOURCE_LANG), in_language(contact.note, SOURCE_LANG)
        facts = [flag for flag, on in (("24/7", contact.always_open), ("gratis", contact.free)) if on]
        row["details"] = ", ".join([*facts, *([row["note"]] if row["note"] else [])])
        out.append(row)
    return out


def fill_by_language(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per product, each panel's fullest fill (over regions and modes) in every language built,
    so a designer sees which language is tightest where."""
    fullest: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        for panel in row.get("panels", []):
            where = f"{panel['page']} / {panel['panel']}"
            seen = fullest[row["product"]][where].get(row["lang"], 0.0)
            fullest[row["product"]][where][row["lang"]] = max(seen, float(panel["fill_percent"]))
    langs = sorted({lang for panels in fullest.values() for by_lang in panels.values() for lang in by_lang}, key=lambda c: (c != "nl", c))
    return [
        {
            "product": product,
            "langs": langs,
            "panels": [
                {"panel": where, "fill": [by_lang.get(lang) for lang in langs], "tightest": max(by_lang, key=lambda c: by_lang[c])}
                for where, by_lang in panels.items()
            ],
        }
        for product, panels in sorted(fullest.items())
    ]


def _compiled(source: str, warm: WarmState) -> Any:
    """The proof template, compiled once per process while its text is unchanged (drukwerk watch)."""
    env = sandbox(autoescape=True)
    return warm.proof_templates.get_or_make(source, lambda: env.from_string(source))


def write_proof(
    out: Path,
    layouts_dir: Path,
    sources: Sources,
    rows: dict[str, dict[str, Any]],
    failures: dict[str, list[Problem]],
    changed: set[str],
    warm: WarmState,
    web: dict[str, dict[str, Any]] | None = None,
) -> None:
    """The overview page, and the page of every region in ``changed`` (or without a page yet).
    ``web``: the manifest's web pages by path, linked from their region."""
    template_path, overview = layouts_dir / TEMPLATE, out / "index.html"
    template = _compiled(template_path.read_text(encoding="utf-8"), warm)
    # A changed template redraws every region's page; otherwise only the regions just rebuilt.
    redraw_all = not overview.exists() or template_path.stat().st_mtime_ns > overview.stat().st_mtime_ns
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows.values(), key=lambda r: r["path"]):
        by_region[row["region"]].append({**row, "thumbs": thumb_paths(row["path"], row["pages"])})
    web_by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted((web or {}).values(), key=lambda r: r["path"]):
        web_by_region[row["region"]].append(row)
    regions: list[dict[str, Any]] = []
    # Every region with files, and every region of sources/ (a draft without files shows as a draft).
    for rid in sorted(set(by_region) | set(web_by_region) | set(sources.regions)):
        entry = sources.regions.get(rid)
        regions.append(
            {
                "id": rid,
                "name": entry.loaded.model.name if entry and entry.loaded else rid,
                "status": entry.status if entry else "removed",
                "contacts": _contacts(sources, rid) if entry else [],
                "files": by_region[rid],
                "web": web_by_region[rid],
                "failures": [str(p) for p in failures.get(rid, [])],
            }
        )
    common = {"generator": __version__, "fill": fill_by_language(rows.values())}
    html = template.render(title="Drukproef: alle regio's", regions=regions, prefix="", overview=True, **common)
    write_atomic(overview, html.encode("utf-8"))
    for region in regions:
        page = out / region["id"] / "index.html"
        if not region["files"] and not region["web"] and not page.exists():
            continue  # a draft never built has its line on the overview, and no folder of its own
        if not redraw_all and region["id"] not in changed and page.exists():
            continue
        html = template.render(title=f"Drukproef: {region['name']}", regions=[region], prefix="../", overview=False, **common)
        write_atomic(page, html.encode("utf-8"))
