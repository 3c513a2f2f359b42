"""One job's template context: plain data built from validated sources, each string located."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.blocktext.templating import Located
from generator.compose.discreet import Giveaways, card_contacts, giveaway_words
from generator.compose.editions import LOCAL_FIELDS, in_language
from generator.inputs.phones import from_abroad, is_premium, only_in_country
from generator.inputs.sources import Loaded, RegionEntry, Sources
from generator.inputs.yaml_reader import MapNode, SeqNode
from generator.problems import Origin
from generator.vocabulary import SOURCE_LANG

__all__ = ["JobContext", "job_context", "language_context", "lead_contact", "locate", "region_names"]

def locate(value: Any, raw: Any, origin: Origin, field: str = "") -> Any:
    """Copy validated data, turning each string into a :class:`Located` with its YAML line."""
    if isinstance(value, dict):
        return {
            k: locate(
                v,
                raw.get(k) if isinstance(raw, MapNode) else None,
                raw.key_origin.get(k, origin) if isinstance(raw, MapNode) else origin,
                f"{field}.{k}" if field else k,
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [
            locate(
                v,
                raw[i] if isinstance(raw, SeqNode) and i < len(raw) else None,
                raw.item_origin[i] if isinstance(raw, SeqNode) and i < len(raw) else origin,
                f"{field}[{i}]",
            )
            for i, v in enumerate(value)
        ]
    if isinstance(value, str):
        return Located(value, origin, field)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _contacts(loaded: Loaded[Any], key: str, labels: Any, lang: str, keep: list[str] | None = None) -> list[dict[str, Any]]:
    dumped = loaded.model.model_dump()[key]
    located = locate(dumped, loaded.raw.get(key) if isinstance(loaded.raw, MapNode) else None, loaded.origin(key), key)
    out = []
    for contact in located:
        if keep is not None and contact["id"] not in keep:
            continue
        for field in LOCAL_FIELDS:  # in the edition's language, or left out (compose/editions.py)
            contact[field] = in_language(contact[field], lang)
        phone = contact["phone"]
        contact["premium"] = bool(phone) and is_premium(phone)
        # A phone with a foreign SIM dials geographic and mobile numbers with +31.
        abroad = from_abroad(phone) if phone and lang != SOURCE_LANG else ""
        contact["phone_abroad"] = Located(abroad, phone.origin, f"{phone.field}_abroad") if abroad else ""
        # 0800 and 0900 cannot be called from a foreign SIM: a foreign edition says so, in its words.
        contact["only_nl"] = bool(phone) and lang != SOURCE_LANG and only_in_country(phone)
        facts = [labels[flag] for flag in ("always_open", "free") if contact[flag]]
        facts += [labels["only_nl"]] if contact["only_nl"] else []
        details = ", ".join([*facts, *([contact["note"]] if contact["note"] else [])])
        note = contact["note"]
        where = note.origin if isinstance(note, Located) else loaded.origin(key)
        contact["details"] = Located(details, where, note.field if isinstance(note, Located) else f"{key}.note") if details else ""
        out.append(contact)
    if keep is not None:  # national contacts print in the order the region lists them
        out.sort(key=lambda c: keep.index(c["id"]))
    return out


def lead_contact(contacts: list[dict[str, Any]]) -> dict[str, Any] | str:
    """The contact a card leads with: the first one with a phone that is open day and night, else
    the first free one, else the first with a phone at all; "" when no regional contact has one."""
    phoned = [c for c in contacts if c["phone"]]
    for wanted in ("always_open", "free"):
        found = next((c for c in phoned if c[wanted]), None)
        if found:
            return found
    return phoned[0] if phoned else ""


def language_context(sources: Sources, lang: str) -> dict[str, Any]:
    """The names that are the same for every region (built once per language)."""
    content = sources.contents[lang]
    located_content = locate(content.model.model_dump(), content.raw, Origin(content.file))
    return {"content": located_content, "labels": located_content["labels"], "lang": lang}


def region_names(sources: Sources, entry: RegionEntry, lang: str, words: Giveaways | None = None) -> dict[str, Any]:
    """The names whose values differ per region. A panel that uses none of them is laid out once
    and shared by every region; one that uses any of them is laid out per region. Add a
    per-region name here and nowhere else. ``words``: the packs' giveaway words, if already
    gathered (they are the same for every region)."""
    assert entry.loaded is not None and sources.national is not None
    region = entry.loaded.model
    national = sources.national
    labels = sources.contents[lang].model.labels.model_dump()
    contacts = _contacts(entry.loaded, "contacts", labels, lang)
    national_contacts = _contacts(national, "contacts", labels, lang, keep=list(region.national))
    return {
        "region": {
            "id": entry.id,
            "name": Located(region.name, entry.loaded.origin("name"), "name"),
            "organisation": Located(region.organisation, entry.loaded.origin("organisation"), "organisation"),
            "draft": region.draft,
            # the logo's file (as the image block reads it), or "" when the region has none
            "logo": Located(str(sources.root / "logos" / region.logo), entry.loaded.origin("logo"), "logo") if region.logo else "",
            # the contact card's choices: its PDF author ("" for none) and whether it prints 112
            "discreet": {
                "author": Located(region.discreet.author, entry.loaded.origin("discreet", "author"), "discreet.author"),
                "emergency": region.discreet.emergency,
            },
        },
        "lead_contact": lead_contact(contacts),
        "contacts": contacts,
        "national": national_contacts,
        "discreet_contacts": card_contacts(contacts, national_contacts, words or giveaway_words(sources)),
        "emergency": Located(national.model.emergency.number, national.origin("emergency", "number"), "emergency.number"),
    }


@dataclass(frozen=True)
class JobContext:
    """The names a layout's templates can use (listed in the layout reference), and which of
    them differ per region."""

    names: dict[str, Any]
    regional: frozenset[str]


def job_context(sources: Sources, entry: RegionEntry, shared: dict[str, Any], words: Giveaways | None = None) -> JobContext:
    regional = region_names(sources, entry, shared["lang"], words)
    return JobContext({**shared, **regional}, frozenset(regional))
