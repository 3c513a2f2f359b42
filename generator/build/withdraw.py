"""Withdrawing print-ready files: a region switched to ``draft: true``, or whose file is gone, must
not leave sendable PDFs in the output folder (the coordinator made it a draft to stop printing);
nor may a discreet card a region no longer asks for (``discreet_card: true`` taken out)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from generator.inputs.sources import Sources
from generator.proofing.proof import thumb_paths

__all__ = ["withdraw"]


def withdraw(rows: dict[str, dict[str, Any]], sources: Sources, out: Path) -> tuple[list[str], set[str]]:
    """Remove the files and manifest rows of print-ready PDFs whose region is now a draft or gone,
    or no longer asks for their (opt-in) product.
    Returns one notice per region, and the regions withdrawn. Drafts' own CONCEPT files stay."""
    stale: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, row in rows.items():
        region = str(row.get("region", ""))
        entry = sources.regions.get(region)
        if entry is None:
            stale[(region, "its region file is gone")].append(path)
        elif entry.status == "draft" and not row.get("draft"):
            stale[(region, "it is a draft now")].append(path)
        elif entry.loaded and not entry.loaded.model.prints(str(row.get("product", ""))):
            stale[(region, f"it no longer asks for a {row.get('product')}")].append(path)
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
