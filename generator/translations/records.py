"""Keeping a language's provenance sidecar current: after a translator's edit (mark translated)
and after a review (who, when)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from generator.inputs.provenance import Key, Record, Translations, digest, sidecar_text
from generator.inputs.sources import Sources
from generator.store.files import write_atomic

__all__ = ["mark_translated", "needs_marking", "own_translation", "record", "write_records", "written_by_hand"]


def needs_marking(key: Key) -> bool:
    """A key whose record does not describe its text: no record, Dutch changed, or edited since."""
    return bool(key.text) and (key.record is None or key.state == "stale" or key.edited)


def record(key: Key, reviewed_by: str = "", reviewed_on: date | None = None, translated_by: str = "") -> Record:
    """The record of a key's current text against the current Dutch; a review when named. Its
    translator: ``translated_by``, or, for a text as it was recorded, the one recorded."""
    return Record(
        digest(key.nl), digest(key.text), reviewed_by, reviewed_on if reviewed_by else None, translated_by or _translator(key)
    )


def _translator(key: Key) -> str:
    """Who the sidecar says wrote the key's text as it now reads ("" when unknown or edited since)."""
    return key.record.translated_by if key.record is not None and not key.edited else ""


def own_translation(key: Key, reviewer: str) -> bool:
    """Whether ``reviewer`` is recorded as the translator of the key's text as it now reads."""
    return bool(reviewer) and _translator(key) == reviewer


def write_records(sources: Sources, translations: Translations, changed: dict[tuple[str, str], Record]) -> None:
    """The sidecar with ``changed`` records replacing (or adding to) the existing ones. Records
    of strings that no longer exist are dropped; missing keys keep none."""
    records = {(k.file, k.key): k.record for k in translations.keys if k.record is not None and k.text}
    records.update(changed)
    language = sources.contents[translations.lang].model.language
    text = sidecar_text(translations.lang, language, translations.keys, {k: v for k, v in records.items() if v is not None})
    write_atomic(translations.sidecar, text.encode("utf-8"))


def written_by_hand(key: Key) -> bool:
    """A text with no record, or changed since it was recorded: what a translator wrote by hand.
    A stale key whose text is as recorded is not: its translation was made against older Dutch
    and no one has looked at it since."""
    return bool(key.text) and (key.record is None or key.edited)


def mark_translated(sources: Sources, translations: Translations, only: Iterable[str] = (), everything: bool = False) -> list[Key]:
    """Record the current Dutch for every key written or changed by hand (``written_by_hand``),
    for the keys named (``file: key`` or ``key``), or, with ``everything``, for every key with a
    text: the translator says the text translates it. A review of such a key is dropped: what
    was reviewed is not what is there now."""
    wanted = set(only)
    if everything:
        keys = [k for k in translations.keys if k.text]
    elif wanted:
        keys = [k for k in translations.keys if k.text and (k.key in wanted or k.where in wanted)]
    else:
        keys = [k for k in translations.keys if written_by_hand(k)]
    write_records(sources, translations, {(k.file, k.key): record(k) for k in keys})
    return keys
