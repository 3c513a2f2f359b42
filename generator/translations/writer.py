"""Translations written into the files they live in, everything else kept byte for byte: ruamel.yaml's
round trip keeps comments, key order, quoting and folded text; a changed folded text is folded
again at the file's width. Nothing is written here: the new bytes are returned, so the caller can
check them before anything changes on disk."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString, SingleQuotedScalarString

from generator.inputs.provenance import Key

__all__ = ["WIDTH", "new_bytes", "parse_key", "same_bytes"]

WIDTH = 96  # columns a folded text is folded at, as the packs are written
_PART = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line that is not changed
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def parse_key(key: str) -> tuple[str | int, ...]:
    """``signals.work.items[2]`` -> ("signals", "work", "items", 2); ``contacts[comensha].role``
    -> ("contacts", "comensha", "role") (a contact by id)."""
    out: list[str | int] = []
    for name, index in _PART.findall(key):
        out.append(name if name else (int(index) if index.isdigit() else index))
    return tuple(out)


def _folded(text: str, indent: int) -> FoldedScalarString:
    folded = FoldedScalarString(text)
    positions, start = [], 0
    room = WIDTH - indent
    while len(text) - start > room:
        cut = text.rfind(" ", start, start + room + 1)
        if cut <= start:
            break
        positions.append(cut)
        start = cut + 1
    folded.fold_pos = positions
    return folded


def _like(old: Any, text: str, indent: int) -> Any:
    """``text`` in the style of the value it replaces."""
    if isinstance(old, FoldedScalarString):
        return _folded(text, indent)
    for style in (LiteralScalarString, DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(old, style):
            return style(text)
    return text


def _set(data: Any, loc: tuple[str | int, ...], key: Key, lang: str, text: str) -> None:
    node = data
    if key.file.startswith("content/"):
        *parents, last = loc
        for part in parents:
            node = node[part]
        if isinstance(node[last], CommentedSeq):  # a list of words, one key (discreet.giveaway)
            seq = node[last]
            del seq[:]
            seq.extend(w.strip() for w in text.split(",") if w.strip())
            return
        node[last] = _like(node[last], text, 2 * len(parents) + 2)  # the text's lines: two in from its key
        return
    _, contact_id, name = loc
    contact = next(c for c in data["contacts"] if c.get("id") == contact_id)
    value = contact.get(name)
    if isinstance(value, CommentedMap):
        value[lang] = text
    else:  # Dutch only so far: the text per language, Dutch first
        mapping = CommentedMap([("nl", value), (lang, text)])
        mapping.fa.set_flow_style()
        contact[name] = mapping


def new_bytes(root: Path, lang: str, changes: list[tuple[Key, str]]) -> dict[Path, bytes]:
    """The files under ``root`` (sources/) that ``changes`` touch, with the new texts in them."""
    by_file: dict[str, list[tuple[Key, str]]] = {}
    for key, text in changes:
        by_file.setdefault(key.file, []).append((key, text))
    out: dict[Path, bytes] = {}
    for file, file_changes in by_file.items():
        path = root / file
        yaml = _yaml()
        data = yaml.load(path.read_text(encoding="utf-8"))
        for key, text in file_changes:
            _set(data, parse_key(key.key), key, lang, text)
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        out[path] = buffer.getvalue().encode("utf-8")
    return out


def same_bytes(root: Path, file: str) -> bool:
    """Whether a file reads and writes back unchanged (a test of the round trip)."""
    path = root / file
    yaml = _yaml()
    buffer = io.StringIO()
    yaml.dump(yaml.load(path.read_text(encoding="utf-8")), buffer)
    return buffer.getvalue() == path.read_text(encoding="utf-8")
