"""Writing results: atomic files and the manifest (its fields: the README, "What is in output/")."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator import __version__
from generator.problems import FileHeld

__all__ = ["read_manifest", "read_web_rows", "write_atomic", "write_manifest"]


def _file_mode() -> int:
    """The mode an ordinary new file gets (mkstemp's files are private: 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_MODE = _file_mode()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _MODE)
        try:
            os.replace(tmp, path)
        except PermissionError as exc:  # Windows: another program has the old file open
            raise FileHeld(path) if path.exists() else exc from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """Rows of the existing manifest by path; an unreadable manifest counts as empty."""
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        return {row["path"]: row for row in data.get("files", []) if isinstance(row, dict) and "path" in row}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def read_web_rows(out: Path) -> dict[str, dict[str, Any]]:
    """The manifest's web pages (its ``"web"`` list) by path; none when unreadable."""
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        return {row["path"]: row for row in data.get("web", []) if isinstance(row, dict) and "path" in row}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


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
