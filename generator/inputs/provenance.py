"""Per-key provenance of translations: which Dutch text each translated string translates, and
who reviewed it when.

Every language other than Dutch has one sidecar file, ``sources/content/<lang>.provenance.yaml``,
beside its pack, so the pack stays as translators see it. It covers every string an edition in
that language prints: the pack's own keys and the per-language region texts (roles, notes) of
``national.yaml`` and ``regions/<id>.yaml``. One line per key::

    content/pl.yaml:
      definition.title: {nl: 3f2a9c0b1d4e, text: 0c1d2e3f4a5b}
      card.key_message: {nl: 9b1c..., text: ..., reviewed_by: Anna Nowak, reviewed_on: 2026-12-04}
    national.yaml:
      contacts[comensha].role: {nl: 5d0e..., text: ...}
    regions/utrecht.yaml:
      contacts[vt-utrecht].role: {nl: 77aa..., text: ...}

``nl`` is the first 12 hex digits of the SHA-256 of the Dutch text the translation was made (or
reviewed) against, ``text`` the same of the translation as it was recorded; ``translated_by``,
when known, who wrote that text (the editor and ``import --translated-by`` say it), so that a
review is refused to its own translator. A key is *missing*
(no text in the language), *translated* (its record matches the current Dutch), *reviewed* (and
a reviewer and date are recorded for the translation as it now reads) or *stale* (the Dutch
changed since, or there is no record of which Dutch it translates). The file is written by
``drukwerk translations``; one line per key keeps it merging cleanly beside edits of the packs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from generator.inputs.yaml_reader import MapNode, origin_of, read_yaml
from generator.problems import Origin, Problem, ProblemsFound

__all__ = [
    "DIGEST_LENGTH",
    "LOCAL_FIELDS",
    "STATES",
    "WORD_LIST_KEYS",
    "Key",
    "Record",
    "State",
    "Translations",
    "content_keys",
    "digest",
    "read_sidecar",
    "sidecar_path",
    "sidecar_text",
    "translations_of",
]

DIGEST_LENGTH = 12
LOCAL_FIELDS = ("role", "note")  # contact fields written per language
State = Literal["missing", "translated", "reviewed", "stale"]
STATES: tuple[State, ...] = ("stale", "missing", "translated", "reviewed")  # the order a translator works in
_NOT_TRANSLATED = {"lang", "language", "reviewed", "source"}  # data or the pack's own name, not a translation of Dutch
_WORD_LISTS = {("discreet", "giveaway")}  # a list of words, not of sentences: one key, its words joined
WORD_LIST_KEYS = frozenset(".".join(loc) for loc in _WORD_LISTS)  # discreet.giveaway


def digest(text: str) -> str:
    """The short digest of a Dutch text that a translation records."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def sidecar_path(root: Path, lang: str) -> Path:
    return root / "content" / f"{lang}.provenance.yaml"


@dataclass(frozen=True)
class Record:
    """What the sidecar says of one key."""

    nl: str
    text: str = ""  # the digest of the translation when it was recorded: an edit after a review undoes the review
    reviewed_by: str = ""
    reviewed_on: date | None = None
    translated_by: str = ""  # who wrote the text as recorded, when known
    origin: Origin = field(default=Origin(""), compare=False)


@dataclass(frozen=True)
class Key:
    """One string an edition in the language prints: its Dutch, its translation, its record."""

    file: str  # the file the text is in, relative to sources/: content/pl.yaml, national.yaml, regions/utrecht.yaml
    key: str  # definition.title, signals.work.items[2], contacts[comensha].role
    nl: str
    text: str  # "" when missing
    record: Record | None
    origin: Origin  # where the translation is (or would be) written
    contact: str = ""  # the contact a region text belongs to (which editions print it)

    @property
    def state(self) -> State:
        if not self.text:
            return "missing"
        if self.record is None or self.record.nl != digest(self.nl):
            return "stale"
        reviewed = self.record.reviewed_by and self.record.reviewed_on and self.record.text == digest(self.text)
        return "reviewed" if reviewed else "translated"

    @property
    def edited(self) -> bool:
        """The translation changed since it was recorded (a translator's edit not yet marked)."""
        return self.record is not None and self.record.text != digest(self.text)

    @property
    def where(self) -> str:
        """``file: key`` as messages name it."""
        return f"{self.file}: {self.key}"


@dataclass(frozen=True)
class Translations:
    """Every key of one language, in file order, and the sidecar they were read from."""

    lang: str
    sidecar: Path
    keys: tuple[Key, ...]
    orphans: tuple[tuple[str, str], ...] = ()  # (file, key) recorded for a string that no longer exists

    def counts(self, keys: tuple[Key, ...] | None = None) -> dict[State, int]:
        out: dict[State, int] = dict.fromkeys(STATES, 0)
        for key in self.keys if keys is None else keys:
            out[key.state] += 1
        return out

    def of_file(self, file: str) -> tuple[Key, ...]:
        return tuple(k for k in self.keys if k.file == file)


def _walk(nl: Any, other: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(location, Dutch, translation) of every translatable string of a pack."""
    if isinstance(nl, dict):
        for name, value in nl.items():
            if name in _NOT_TRANSLATED:
                continue
            yield from _walk(value, other.get(name) if isinstance(other, dict) else None, (*loc, name))
    elif isinstance(nl, list):
        if tuple(loc[-2:]) in _WORD_LISTS:
            theirs = other if isinstance(other, list) else []
            yield loc, ", ".join(map(str, nl)), ", ".join(map(str, theirs))
            return
        for i, value in enumerate(nl):
            yield from _walk(value, other[i] if isinstance(other, list) and i < len(other) else None, (*loc, i))
    elif isinstance(nl, str) and nl:
        yield loc, nl, other if isinstance(other, str) else ""


def key_name(loc: tuple[str | int, ...]) -> str:
    """``("signals", "work", "items", 2)`` -> ``signals.work.items[2]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def content_keys(nl: Any, other: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(location, Dutch, translation) of every translatable string of a pack, from the packs'
    plain data (``model_dump()``)."""
    return _walk(nl, other, ())


def _in_language(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang, ""))
    return str(value or "") if lang == "nl" else ""


def _region_keys(file: str, loaded: Any, lang: str, records: dict[str, Record]) -> Iterator[Key]:
    """The per-language texts of a contacts file (national.yaml, a region file)."""
    for i, contact in enumerate(loaded.model.contacts):
        for name in LOCAL_FIELDS:
            value = getattr(contact, name)
            nl = _in_language(value, "nl")
            if not nl:
                continue
            key = f"contacts[{contact.id}].{name}"
            at = ("contacts", i, name, lang) if isinstance(value, dict) and lang in value else ("contacts", i, name)
            yield Key(file, key, nl, _in_language(value, lang), records.get(key), loaded.origin(*at), contact.id)


def translations_of(
    root: Path,
    lang: str,
    nl_pack: Any,
    pack: Any,
    national: Any,
    regions: dict[str, Any],
    recorded: dict[str, dict[str, Record]],
) -> Translations:
    """Every key of ``lang`` with its state. ``nl_pack``/``pack``: the loaded packs; ``national``
    and ``regions`` (id -> loaded file): what the editions print contacts from; ``recorded``: the
    sidecar's records by file."""
    pack_file = f"content/{lang}.yaml"
    mine = recorded.get(pack_file, {})
    keys: list[Key] = []
    for loc, nl, text in content_keys(nl_pack.model.model_dump(), pack.model.model_dump()):
        name = key_name(loc)
        keys.append(Key(pack_file, name, nl, text, mine.get(name), origin_of(pack.raw, loc, Origin(pack.file))))
    if national is not None:
        keys.extend(_region_keys("national.yaml", national, lang, recorded.get("national.yaml", {})))
    for rid, loaded in sorted(regions.items()):
        file = f"regions/{rid}.yaml"
        keys.extend(_region_keys(file, loaded, lang, recorded.get(file, {})))
    known = {(k.file, k.key) for k in keys}
    orphans = tuple((f, k) for f, entries in recorded.items() for k in entries if (f, k) not in known)
    return Translations(lang, sidecar_path(root, lang), tuple(keys), orphans)


def read_sidecar(path: Path, shown: str) -> dict[str, dict[str, Record]]:
    """The records of a sidecar file by file and key; {} when there is none. Raises
    ProblemsFound naming the line of anything malformed."""
    if not path.exists():
        return {}
    raw = read_yaml(path, shown)
    if raw is None:
        return {}
    problems: list[Problem] = []
    out: dict[str, dict[str, Record]] = {}
    if not isinstance(raw, MapNode):
        raise ProblemsFound([Problem(Origin(shown, 1), "", "expected file names (content/pl.yaml:) with one line per key under each")])
    for file, entries in raw.items():
        if not isinstance(entries, MapNode):
            problems.append(Problem(raw.key_origin[file], file, "expected one line per key under it, like title: {nl: 3f2a9c0b1d4e}"))
            continue
        out[file] = {}
        for key, value in entries.items():
            where = entries.key_origin[key]
            record = _record(value, where, f"{file}: {key}", problems)
            if record is not None:
                out[file][key] = record
    if problems:
        raise ProblemsFound(problems)
    return out


def _record(value: Any, where: Origin, field_name: str, problems: list[Problem]) -> Record | None:
    if not isinstance(value, dict) or not isinstance(value.get("nl"), str):
        problems.append(Problem(where, field_name, "expected {nl: <12 hex digits>}; regenerate with drukwerk translations mark-translated"))
        return None
    unknown = set(value) - {"nl", "text", "translated_by", "reviewed_by", "reviewed_on"}
    if unknown:
        fields = "nl, text, translated_by, reviewed_by, reviewed_on"
        problems.append(Problem(where, field_name, f"unknown field(s) {', '.join(sorted(unknown))}; use {fields}"))
        return None
    nl, text, by, on = value["nl"], value.get("text") or "", value.get("reviewed_by") or "", value.get("reviewed_on") or ""
    for name, hexes in (("nl", nl), ("text", text)):
        if (hexes or name == "nl") and (len(hexes) != DIGEST_LENGTH or any(c not in "0123456789abcdef" for c in hexes)):
            problems.append(
                Problem(where, field_name, f"{name}: '{hexes}' is not a {DIGEST_LENGTH}-digit digest; regenerate it, do not edit it")
            )
            return None
    if bool(by) != bool(on):
        problems.append(Problem(where, field_name, "a review needs both reviewed_by (a name) and reviewed_on (YYYY-MM-DD)"))
        return None
    day = None
    if on:
        try:
            day = date.fromisoformat(str(on))
        except ValueError:
            problems.append(Problem(where, field_name, f"reviewed_on: '{on}' is not a date; write YYYY-MM-DD"))
            return None
    return Record(nl, text, str(by), day, str(value.get("translated_by") or ""), where)


def _quoted(text: str) -> str:
    """A YAML flow scalar: plain where that is safe, otherwise double-quoted."""
    import json

    plain = text and all(c.isalnum() or c in " .-'" for c in text) and not text[0].isdigit() and text.strip() == text
    return text if plain else json.dumps(text, ensure_ascii=False)


def sidecar_text(lang: str, language: str, keys: tuple[Key, ...], records: dict[tuple[str, str], Record]) -> str:
    """The sidecar file for ``keys`` (in their order), with the records given by (file, key)."""
    lines = [
        f"# Provenance of the {lang} translations ({language}): per key, the digest of the Dutch text it",
        "# translates (nl), who wrote it when known (translated_by) and, once a native speaker has checked it,",
        "# who (reviewed_by) and when (reviewed_on).",
        "# Written by drukwerk translations (mark-translated, import) and drukwerk serve; see README. Do not edit the",
        "# digests by hand: a key whose Dutch changed is stale until its translation is checked again.",
    ]
    current = ""
    for key in keys:
        record = records.get((key.file, key.key))
        if record is None:
            continue
        if key.file != current:
            current = key.file
            lines.append(f"{current}:")
        extra = f", translated_by: {_quoted(record.translated_by)}" if record.translated_by else ""
        if record.reviewed_by and record.reviewed_on:
            extra += f", reviewed_by: {_quoted(record.reviewed_by)}, reviewed_on: {record.reviewed_on.isoformat()}"
        lines.append(f"  {_quoted_key(key.key)}: {{nl: {_hexes(record.nl)}, text: {_hexes(record.text)}{extra}}}")
    return "\n".join(lines) + "\n"


def _hexes(value: str) -> str:
    """A digest as YAML that every reader takes for text: quoted where it would read as a number
    (``123456789012``, ``25837e692550`` is a float in YAML 1.2)."""
    return f'"{value}"' if re.fullmatch(r"[0-9]+(e[0-9]+)?", value) else value


def _quoted_key(key: str) -> str:
    return key if all(c.isalnum() or c in "._-[]" for c in key) else f'"{key}"'
