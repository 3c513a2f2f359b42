"""The manifest, OUT/manifest.json: one reader and one writer (its fields: the README, "What is in output/")."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__
from generator.store.files import write_atomic

__all__ = ["Manifest", "read_manifest", "write_manifest"]

Rows = dict[str, dict[str, Any]]


@dataclass
class Manifest:
    """The rows of a manifest by path: ``files`` one per PDF (the contract), ``web`` one per web page."""

    files: Rows = field(default_factory=dict)
    web: Rows = field(default_factory=dict)


def read_manifest(out: Path) -> Manifest:
    """The existing manifest; an unreadable one counts as empty."""
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        return Manifest(_by_path(data.get("files", [])), _by_path(data.get("web", [])))
    except (OSError, ValueError, AttributeError, TypeError):
        return Manifest()


def _by_path(rows: Any) -> Rows:
    return {row["path"]: row for row in rows if isinstance(row, dict) and "path" in row}


def _rows(rows: Iterable[dict[str, Any]]) -> str:
    # One row per line: easy to read, grep and diff, and written by json's fast encoder
    # (indent= makes json fall back to pure Python: a third of a second at 400 regions).
    return ",\n".join(f"    {json.dumps(row, ensure_ascii=False)}" for row in sorted(rows, key=lambda row: row["path"]))


def write_manifest(out: Path, rows: Iterable[dict[str, Any]], web: Iterable[dict[str, Any]] = ()) -> None:
    """``files``: one row per PDF (the contract); ``web``: one row per web page, when there are any."""
    web_rows = list(web)
    web_part = f',\n  "web": [\n{_rows(web_rows)}\n  ]' if web_rows else ""
    text = f'{{\n  "generator": {json.dumps(__version__)},\n  "files": [\n{_rows(rows)}\n  ]{web_part}\n}}\n'
    write_atomic(out / "manifest.json", text.encode("utf-8"))
