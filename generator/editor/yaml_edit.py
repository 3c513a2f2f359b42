"""A region file read into the editor's plain data, and proposed data written back into it with
ruamel.yaml, so that comments (the quoted sources), key order and layout stay where they were.

Only values that changed are touched; a key the form does not know (``national``, ``layouts``,
``theme``) is left alone. The YAML this makes is then checked by the pipeline like any region file.
"""

from __future__ import annotations

import contextlib
import io
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

__all__ = ["CONTACT_KEYS", "REGION_KEYS", "apply", "read_data"]

# The keys the form edits, in the order a new key is put in (the order of the region schema).
REGION_KEYS = ("name", "draft", "organisation", "contacts", "national", "layouts", "theme", "discreet_card", "logo")
CONTACT_KEYS = (
    "id",
    "name",
    "role",
    "phone",
    "always_open",
    "free",
    "email",
    "web",
    "note",
    "anonymous",
    "discreet_name",
    "source",
    "verified",
)
_FORM_REGION_KEYS = ("name", "organisation", "draft", "discreet_card", "logo")
_FLAGS = {"draft", "discreet_card", "always_open", "free", "anonymous"}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the person wrote on one
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    return str(value)


def read_data(text: str) -> dict[str, Any]:
    """The region's data as the form edits it: strings, booleans, lists and dicts (dates as YYYY-MM-DD)."""
    doc = _yaml().load(text) if text.strip() else None
    doc = doc if isinstance(doc, dict) else {}
    data: dict[str, Any] = {k: _plain(doc.get(k, False if k in _FLAGS else "")) for k in _FORM_REGION_KEYS}
    data["draft"] = _flag(doc.get("draft"))
    data["discreet_card"] = _flag(doc.get("discreet_card"))
    contacts = doc.get("contacts") or []
    data["contacts"] = []
    for i, contact in enumerate(contacts if isinstance(contacts, list) else []):
        item = {k: _plain(contact.get(k, False if k in _FLAGS else "")) for k in CONTACT_KEYS} if isinstance(contact, dict) else {}
        for flag in ("always_open", "free", "anonymous"):
            item[flag] = _flag(contact.get(flag) if isinstance(contact, dict) else None)
        item["_index"] = i  # which contact of the file this is: its comments follow it
        data["contacts"].append(item)
    return data


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def apply(text: str, data: dict[str, Any]) -> str:
    """``text`` (a region file) with the form's ``data`` put in, everything else as it was."""
    yaml = _yaml()
    doc = yaml.load(text) if text.strip() else None
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    for key in _FORM_REGION_KEYS:
        _set(doc, key, data.get(key), REGION_KEYS)
    old = doc.get("contacts")
    old_items = list(old) if isinstance(old, list) else []
    items = []
    for contact in data.get("contacts", []):
        index = contact.get("_index")
        target = old_items[index] if isinstance(index, int) and 0 <= index < len(old_items) else CommentedMap()
        if not isinstance(target, CommentedMap):
            target = CommentedMap()
        for key in CONTACT_KEYS:
            _set(target, key, contact.get(key), CONTACT_KEYS)
        items.append(target)
    if items or "contacts" in doc:
        if isinstance(old, CommentedSeq):
            old[:] = items
        else:
            seq = CommentedSeq(items)
            _set(doc, "contacts", seq, REGION_KEYS)
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    return buffer.getvalue()


def _empty(value: Any) -> bool:
    return value is None or value is False or value == "" or value == {} or value == []


def _set(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Put ``value`` under ``key`` only when it differs from what is there; an empty value removes the key."""
    if isinstance(value, str):
        value = value.strip()
    if isinstance(value, dict):
        value = {k: v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
        if list(value) == ["nl"]:
            value = value["nl"]  # Dutch only: plain text, as people write it
    if key in mapping and _plain(mapping[key]) == _plain(value):
        return
    if _empty(value):
        if key in mapping:
            _delete(mapping, key)
        return
    if key == "verified" and isinstance(value, str):
        with contextlib.suppress(ValueError):  # otherwise written as given; the check says what is wrong with it
            value = date.fromisoformat(value)  # written plain, as a person writes a date
    current = mapping.get(key)
    if isinstance(value, dict) and isinstance(current, CommentedMap):
        for k in [k for k in current if k not in value]:
            del current[k]
        for k, v in value.items():
            current[k] = v
        return
    if isinstance(value, dict):
        flow = CommentedMap(value)
        flow.fa.set_flow_style()  # {nl: ..., en: ...} on one line, like the sample files
        value = flow
    if key in mapping:
        mapping[key] = value
        return
    mapping.insert(_position(mapping, key, order), key, value)


def _position(mapping: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    """Where a new key goes: after the last key that comes before it in the schema's order."""
    rank = order.index(key) if key in order else len(order)
    keys = list(mapping)
    position = 0
    for i, existing in enumerate(keys):
        if (order.index(existing) if existing in order else len(order)) < rank:
            position = i + 1
    return position


def _delete(mapping: CommentedMap, key: str) -> None:
    """Remove a key; whole comment lines that followed it (they belong to what comes next) stay."""
    keys = list(mapping)
    at = keys.index(key)
    comment = mapping.ca.items.get(key)
    del mapping[key]
    token = comment[2] if comment and len(comment) > 2 else None
    if not isinstance(token, CommentToken) or "\n" not in token.value.rstrip("\n"):
        return
    lines = token.value.split("\n", 1)[1]  # the end-of-line comment goes with its key; the lines after it stay
    if at == 0 or not lines.strip():
        return
    previous = keys[at - 1]
    entry = mapping.ca.items.setdefault(previous, [None, None, None, None])
    before = entry[2]
    if isinstance(before, CommentToken):
        before.value = before.value.rstrip("\n") + "\n" + lines
    else:
        entry[2] = CommentToken("\n" + lines, token.start_mark, None)
