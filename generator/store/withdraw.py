"""Withdrawing what may no longer be sent: a region switched to ``draft: true``, or whose file is
gone, must not leave sendable PDFs or published web pages in the output folder (the coordinator
made it a draft to stop printing); nor may a discreet card a region no longer asks for.

One rule (:func:`withdrawal_reason`) for PDFs and web pages alike; what a region now is comes in
as plain :class:`Standing` data made by the batch from the sources."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.problems import Notice, Origin
from generator.store.paths import WEB_FOLDER, thumb_paths
from generator.vocabulary import PRODUCTS

__all__ = ["Standing", "withdraw_pdfs", "withdraw_web", "withdrawal_reason"]

Rows = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Standing:
    """What a region is now: a draft or not, and the products it asks for (None: its file has problems)."""

    draft: bool
    products: frozenset[str] | None


def withdrawal_reason(row: Mapping[str, Any], regions: Mapping[str, Standing]) -> str | None:
    """Why a manifest row's file may no longer be sent, or None."""
    standing = regions.get(str(row.get("region", "")))
    if standing is None:
        return "its region file is gone"
    if standing.draft and not row.get("draft"):
        return "it is a draft now"
    product = row.get("product")  # web pages have none
    if product and product not in PRODUCTS:  # a product renamed since (discreet-card): its old files must not stay behind
        return f"this version no longer makes a {product}"
    if product and standing.products is not None and str(product) not in standing.products:
        return f"it no longer asks for a {product}"
    return None


def _stale(rows: Rows, regions: Mapping[str, Standing]) -> dict[tuple[str, str], list[str]]:
    """Rows that must go, grouped by region and reason."""
    stale: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, row in rows.items():
        if reason := withdrawal_reason(row, regions):
            stale[(str(row.get("region", "")), reason)].append(path)
    return dict(sorted(stale.items()))


def withdraw_pdfs(rows: Rows, regions: Mapping[str, Standing], out: Path) -> tuple[list[Notice], set[str]]:
    """Remove the files (with their logs, thumbnails and previews) and manifest rows of print-ready
    PDFs that may no longer be sent. One notice per region, and the regions withdrawn. Drafts'
    own CONCEPT files stay."""
    stale = _stale(rows, regions)
    notices = []
    for (region, reason), paths in stale.items():
        for path in paths:
            pdf = out / path
            targets = [pdf, pdf.with_suffix(".layout.txt"), *(out / t for t in thumb_paths(path, int(rows[path].get("pages", 0))))]
            targets += sorted((pdf.parent / "preview").glob(f"{pdf.stem}-p*.png"))
            for target in targets:
                target.unlink(missing_ok=True)
            del rows[path]
        if reason.endswith("gone"):
            (out / region / "index.html").unlink(missing_ok=True)
        told = f"{region}: {reason}, so its {len(paths)} print-ready file(s) were withdrawn from {out} with their manifest rows"
        notices.append(Notice(Origin(""), told))
    return notices, {region for region, _ in stale}


def withdraw_web(rows: Rows, regions: Mapping[str, Standing], out: Path) -> tuple[list[Notice], set[str]]:
    """Remove the published web pages (every file a page's row lists) the same rule withdraws;
    a draft's own pages, marked as drafts, stay."""
    stale = _stale(rows, regions)
    notices = []
    for (region, reason), paths in stale.items():
        for path in paths:
            for rel in rows[path].get("files") or [path]:
                (out / rel).unlink(missing_ok=True)
            del rows[path]
            folder = (out / path).parent
            if folder.is_dir() and not any(folder.iterdir()):
                shutil.rmtree(folder, ignore_errors=True)
        web = out / region / WEB_FOLDER
        if web.is_dir() and not any(web.iterdir()):
            web.rmdir()
        told = f"{region}: {reason}, so its {len(paths)} web page(s) were withdrawn from {out} with their manifest rows"
        notices.append(Notice(Origin(""), told))
    return notices, {region for region, _ in stale}
