"""An edition is a region in one language. Region files and national.yaml are written in Dutch;
a foreign edition prints no Dutch sentence its reader cannot understand. Facts that are data
(``always_open``, ``free``, ``anonymous``) are printed through the language pack's labels; a
role or note is printed in the edition's language when the file gives it (``role: {nl: ..., en:
...}``), and otherwise left out, which makes that edition a draft with one notice.

An edition in another language than Dutch is final only when every string it prints (the pack's
keys, the roles and notes of the contacts it prints) is reviewed against the current Dutch
(inputs/provenance.py); otherwise it is a draft, and :func:`review_notice` names the keys."""

from __future__ import annotations

from typing import Any

from generator.inputs.provenance import LOCAL_FIELDS, STATES, Key
from generator.inputs.sources import RegionEntry, Sources
from generator.vocabulary import SOURCE_LANG

__all__ = [
    "LOCAL_FIELDS",
    "edition_notice",
    "final_editions",
    "in_language",
    "is_draft",
    "pack_final",
    "printed_keys",
    "review_notice",
    "unreviewed",
    "untranslated",
]

NAMED = 6  # keys a notice names before "and N more"


def in_language(value: Any, lang: str) -> Any:
    """A role's or note's text for ``lang``: the plain (Dutch) text in Dutch, the mapping's entry
    for the language, or "" when the file has none for it."""
    if isinstance(value, dict):
        return value.get(lang, "")
    return value if lang == SOURCE_LANG else ""


def untranslated(sources: Sources, entry: RegionEntry, lang: str) -> list[str]:
    """The region text an edition in ``lang`` leaves out because it is not given in that language:
    ``file: field`` of each."""
    if lang == SOURCE_LANG or entry.loaded is None or sources.national is None:
        return []
    missing = []
    printed = set(entry.loaded.model.national)
    for loaded, key, contacts in (
        (entry.loaded, "contacts", entry.loaded.model.contacts),
        (sources.national, "contacts", [c for c in sources.national.model.contacts if c.id in printed]),
    ):
        for contact in contacts:
            index = next(i for i, c in enumerate(getattr(loaded.model, key)) if c is contact)
            for field in LOCAL_FIELDS:
                value = getattr(contact, field)
                if value and not in_language(value, lang):
                    missing.append(f"{loaded.file}: {key}[{index}].{field}")
    return missing


def printed_keys(sources: Sources, entry: RegionEntry, lang: str) -> tuple[Key, ...]:
    """The translated strings an edition prints: every key of the pack (the web edition prints
    them all) and the region texts of the contacts it prints."""
    translations = sources.translations.get(lang)
    if translations is None or entry.loaded is None:
        return ()
    national = set(entry.loaded.model.national)
    own = f"regions/{entry.id}.yaml"
    return tuple(
        k
        for k in translations.keys
        if k.file.startswith("content/") or k.file == own or (k.file == "national.yaml" and k.contact in national)
    )


def unreviewed(keys: tuple[Key, ...]) -> list[Key]:
    """The keys that keep an edition a draft, stale first, then missing, then not yet reviewed."""
    order = {state: i for i, state in enumerate(STATES)}
    return sorted((k for k in keys if k.state != "reviewed"), key=lambda k: order[k.state])


def is_draft(sources: Sources, entry: RegionEntry, lang: str) -> bool:
    """A draft region, or a string the edition prints that is not reviewed against the current
    Dutch (region text missing in the language is such a string)."""
    assert entry.loaded is not None
    if entry.loaded.model.draft:
        return True
    if lang == SOURCE_LANG:
        return False
    if lang not in sources.translations or untranslated(sources, entry, lang):
        return True
    return bool(unreviewed(printed_keys(sources, entry, lang)))


def final_editions(sources: Sources, lang: str) -> list[str]:
    """The complete regions whose edition in ``lang`` is final (not a draft), in id order."""
    return [rid for rid, e in sorted(sources.regions.items()) if e.status == "complete" and not is_draft(sources, e, lang)]


def pack_final(sources: Sources, lang: str) -> bool:
    """Whether every key of the pack itself is reviewed against the current Dutch (Dutch is)."""
    if lang == SOURCE_LANG:
        return True
    translations = sources.translations.get(lang)
    return translations is not None and all(k.state == "reviewed" for k in translations.keys if k.file.startswith("content/"))


def review_notice(sources: Sources, entries: list[RegionEntry], lang: str) -> str | None:
    """One line for a language whose editions are drafts because strings they print are not
    reviewed: how many of each state, the keys named (stale first) with their file."""
    if lang == SOURCE_LANG or lang not in sources.translations:
        return None
    keys = tuple(dict.fromkeys(k for e in entries for k in printed_keys(sources, e, lang)))
    waiting = unreviewed(keys)
    if not waiting:
        return None
    counts = sources.translations[lang].counts(keys)
    said = ", ".join(f"{counts[s]} {'not yet reviewed' if s == 'translated' else s}" for s in STATES if s != "reviewed" and counts[s])
    named = "; ".join(f"sources/{k.where} ({k.state})" for k in waiting[:NAMED])
    more = f" and {len(waiting) - NAMED} more" if len(waiting) > NAMED else ""
    return (
        f"{lang}: its editions are drafts until every string they print is reviewed against the current Dutch: {said} "
        f"({named}{more}); see drukwerk translations status --lang {lang} --keys"
    )


def edition_notice(sources: Sources, entry: RegionEntry, lang: str) -> str | None:
    """One line for an edition that leaves region text out, or None."""
    missing = untranslated(sources, entry, lang)
    if not missing:
        return None
    return (
        f"{entry.id} {lang}: {len(missing)} region text(s) have no {lang} version and are left out, so this edition is a draft "
        f"({'; '.join(missing)}); give them per language, e.g. role: {{nl: ..., {lang}: ...}}"
    )
