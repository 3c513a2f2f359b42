"""Withdrawing print-ready files: a region switched to ``draft: true``, or whose file is gone, must
not leave sendable PDFs in the output folder (the coordinator made it a draft to stop printing);
nor may a discreet card a region no longer asks for (``discreet_card: true`` taken out)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from generator.inputs.sources import Sources
from generator.proofing.proof import thumb_paths
from generator.vocabulary import PRODUCTS

__all__ = ["withdraw", "withdrawal_reason"]


def withdrawal_reason(row: dict[str, Any], sources: Sources) -> str | None:
    """Why a manifest row's file may no longer be sent (the PDFs' and the web pages' rule), or None."""
    entry = sources.regions.get(str(row.get("region", "")))
    if entry is None:
        return "its region file is gone"
    if entry.status == "draft" and not row.get("draft"):
        return "it is a draft now"
    product = row.get("product")  # web pages have none
    if product and product not in PRODUCTS:  # a product renamed since (discreet-card): its old files must not stay behind
        return f"this version no longer makes a {product}"
    if product and entry.loaded and not entry.loaded.model.prints(str(product)):
        return f"it no longer asks for a {product}"
    return None


def withdraw(rows: dict[str, dict[str, Any]], sources: Sources, out: Path) -> tuple[list[str], set[str]]:
    """Remove the files and manifest rows of print-ready PDFs whose region is now a draft or gone,
    or no longer asks for their (opt-in) product.
    Returns one notice per region, and the regions withdrawn. Drafts' own CONCEPT files stay."""
    stale: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, row in rows.items():
        if reason := withdrawal_reason(row, sources):
            stale[(str(row.get("region", "")), reason)].append(path)
    notices = []
    for (region, reason), paths in sorted(stale.items()):
        for path in paths:
            pdf = out / path
            targets = [pdf, pdf.with_suffix(".layout.txt"), *(out / t for t in thumb_paths(path, int(rows[path].get("pages", 0))))]
            targets += sorted((pdf.parent / "preview").glob(f"{pdf.stem}-p*.png"))
            for target in targets:
                target.unlink(missing_ok=True)
            del rows[path]
        if reason.endswith("gone"):
            (out / region / "index.html").unlink(missing_ok=True)
        notices.append(f"{region}: {reason}, so its {len(paths)} print-ready file(s) were withdrawn from {out} with their manifest rows")
    return notices, {region for region, _ in stale}
