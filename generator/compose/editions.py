"""An edition is a region in one language. Region files and national.yaml are written in Dutch;
a foreign edition prints no Dutch sentence its reader cannot understand. Facts that are data
(``always_open``, ``free``, ``anonymous``) are printed through the language pack's labels; a
role or note is printed in the edition's language when the file gives it (``role: {nl: ..., en:
...}``), and otherwise left out, which makes that edition a draft with one notice."""

from __future__ import annotations

from typing import Any

from generator.inputs.sources import RegionEntry, Sources
from generator.vocabulary import SOURCE_LANG

__all__ = ["LOCAL_FIELDS", "edition_notice", "in_language", "is_draft", "untranslated"]

LOCAL_FIELDS = ("role", "note")  # contact fields written per language


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


def is_draft(sources: Sources, entry: RegionEntry, lang: str) -> bool:
    """A draft region, an unreviewed language pack, or region text missing in the language."""
    assert entry.loaded is not None
    return entry.loaded.model.draft or not sources.contents[lang].model.reviewed or bool(untranslated(sources, entry, lang))


def edition_notice(sources: Sources, entry: RegionEntry, lang: str) -> str | None:
    """One line for an edition that leaves region text out, or None."""
    missing = untranslated(sources, entry, lang)
    if not missing:
        return None
    return (
        f"{entry.id} {lang}: {len(missing)} region text(s) have no {lang} version and are left out, so this edition is a draft "
        f"({'; '.join(missing)}); give them per language, e.g. role: {{nl: ..., {lang}: ...}}"
    )
