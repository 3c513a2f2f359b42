"""Safe YAML reading that keeps the line of every key and item.

Scalars stay strings (pydantic converts them by field type), so YAML 1.1 surprises such as
``0337516750`` becoming an octal integer or ``no`` becoming ``False`` cannot corrupt data.
Anchors and aliases are refused: source files do not need them, and they are how an
"alias bomb" makes a tiny file expand into gigabytes.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from generator import problems
from generator.problems import Origin, fail

try:  # libyaml's composer is ~10x faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
_NULLS = {"", "~", "null", "Null", "NULL"}
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


class MapNode(dict[str, Any]):
    """A YAML mapping with the origin of each key."""

    origin: Origin
    key_origin: dict[str, Origin]


class SeqNode(list[Any]):
    """A YAML sequence with the origin of each item."""

    origin: Origin
    item_origin: list[Origin]


def read_yaml(path: Path, shown: str) -> Any:
    """Read one YAML file; ``shown`` is how the path appears in messages."""
    if path.is_symlink():  # a link could point anywhere on the machine: only real files are read
        raise fail(Origin(shown), "", "is a symbolic link; put the file itself here")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(Origin(shown), "", f"cannot read file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise fail(Origin(shown), "", f"file is larger than {MAX_BYTES // 1_000_000} MB; is it the right file?")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(Origin(shown, line), "", "not UTF-8 text; save the file as UTF-8 YAML") from None
    if "\x00" in text:
        raise fail(Origin(shown), "", "binary data, not a YAML text file")
    breaks = _LINE_BREAKS.search(text)  # YAML counts these as line breaks; a word processor puts them in
    if breaks:
        raise fail(Origin(shown, text.count("\n", 0, breaks.start()) + 1), "", _character_at(text, breaks.start()))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or "invalid YAML"
        raise fail(Origin(shown, line), "", f"YAML syntax: {_advice(what, text, mark)}") from None
    except yaml.reader.ReaderError as exc:  # a control character, such as Word's line break U+000B
        at = max(text.find(chr(exc.character)), 0) if isinstance(exc.character, int) else 0  # libyaml counts bytes
        raise fail(Origin(shown, text.count("\n", 0, at) + 1), "", _character_at(text, at)) from None
    except yaml.YAMLError as exc:
        raise fail(Origin(shown), "", f"YAML syntax: {exc}") from None
    if node is None:
        return None
    return _convert(node, shown, set())


_LINE_BREAKS = re.compile("[\u0085\u2028\u2029]")


def _character_at(text: str, at: int) -> str:
    """A character that cannot be in a YAML file, with its column in its line."""
    ch = text[at]
    column = at - text.rfind("\n", 0, at)
    name = unicodedata.name(ch, "control character")
    return f"character U+{ord(ch):04X} ({name}) in column {column} cannot be in a YAML file; type the line again instead of pasting it"


def _advice(problem: str, text: str, mark: yaml.Mark | None) -> str:
    """What is wrong and what to do, for the YAML mistakes people make by hand."""
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    column = mark.column if mark else 0
    if "tab" in problem or line[column : column + 1] == "\t":
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return "the line is indented with a tab; indent with spaces, not tabs"
        return f"a tab in column {column + 1}; use spaces, not tabs"
    if problem.startswith("mapping values are not allowed"):
        # note: let op: alleen ... -> the second ": " is in the value, which needs quotes
        item = line.lstrip(" -")
        key, sep, value = item.partition(": ")
        value = value.split(" #", 1)[0].strip()
        if sep and column > len(line) - len(item) + len(key) and value:
            return f'a value that contains ": " must be put in quotes; write {key}: {_quoted(value)}'
    return f"{problem}; check indentation, colons and quotes"


def _quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _origin(node: yaml.Node, shown: str) -> Origin:
    return Origin(shown, node.start_mark.line + 1)


def _convert(node: yaml.Node, shown: str, seen: set[int]) -> Any:
    if id(node) in seen:  # composed aliases are the same node object again
        raise fail(_origin(node, shown), "", "anchors and aliases (& and *) are not allowed; write the value out")
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise fail(_origin(node, shown), "", f"YAML tag {node.tag} is not allowed; remove it")
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        seq = SeqNode(_convert(item, shown, seen) for item in node.value)
        seq.origin = _origin(node, shown)
        seq.item_origin = [_origin(item, shown) for item in node.value]
        return seq
    if isinstance(node, yaml.MappingNode):
        mapping = MapNode()
        mapping.origin = _origin(node, shown)
        mapping.key_origin = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise fail(_origin(key_node, shown), "", "keys must be plain words (no merge keys or complex keys)")
            key = key_node.value
            if key in mapping:
                raise fail(_origin(key_node, shown), key, "given twice; keep one")
            mapping.key_origin[key] = _origin(key_node, shown)
            mapping[key] = _convert(value_node, shown, seen)
        return mapping
    raise fail(_origin(node, shown), "", "unsupported YAML node")  # pragma: no cover


def origin_of(data: Any, loc: tuple[str | int, ...], fallback: Origin) -> Origin:
    """The origin of the deepest value along ``loc`` that exists in ``data``."""
    best = getattr(data, "origin", fallback)
    for part in loc:
        if isinstance(data, MapNode) and isinstance(part, str) and part in data:
            best, data = data.key_origin[part], data[part]
        elif isinstance(data, SeqNode) and isinstance(part, int) and 0 <= part < len(data):
            best, data = data.item_origin[part], data[part]
        else:
            break
    return best


# Region files are edited by Dutch office workers: their words for our keys, typos included.
_DUTCH = {
    "telefoon": "phone",
    "telefoonnummer": "phone",
    "tel": "phone",
    "mail": "email",
    "e-mail": "email",
    "naam": "name",
    "rol": "role",
    "functie": "role",
    "bron": "source",
    "geverifieerd": "verified",
    "gecontroleerd": "verified",
    "datum": "verified",
    "notitie": "note",
    "opmerking": "note",
    "website": "web",
    "organisatie": "organisation",
    "landelijk": "national",
    "contactpersonen": "contacts",
    "concept": "draft",
}


def suggest(word: str, choices: list[str]) -> str:
    """' (did you mean 'phone'?)' or '', knowing the Dutch words a coordinator may type for a field."""
    return problems.suggest(word, choices, _DUTCH)


def merge(base: Any, over: Any) -> Any:
    """``over`` merged onto ``base`` (``extends:``): mappings key by key, lists of named things
    (pages, panels) by ``name``; any other list is replaced whole. Origins follow the values."""
    if isinstance(base, MapNode) and isinstance(over, MapNode):
        out = MapNode(base)
        out.origin, out.key_origin = over.origin, dict(base.key_origin)
        for key, value in over.items():
            out[key] = merge(base[key], value) if key in base else value
            out.key_origin[key] = over.key_origin[key]
        return out
    if isinstance(base, SeqNode) and isinstance(over, SeqNode) and _named(base) and _named(over):
        out_seq = SeqNode(base)
        out_seq.origin, out_seq.item_origin = over.origin, list(base.item_origin)
        index = {item["name"]: i for i, item in enumerate(base)}
        for item, origin in zip(over, over.item_origin, strict=True):
            if item["name"] in index:
                out_seq[index[item["name"]]] = merge(base[index[item["name"]]], item)
                out_seq.item_origin[index[item["name"]]] = origin
            else:
                out_seq.append(item)
                out_seq.item_origin.append(origin)
        return out_seq
    return over


def _named(seq: list[Any]) -> bool:
    return all(isinstance(item, MapNode) and "name" in item for item in seq)
