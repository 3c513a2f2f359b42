"""XLIFF 1.2 for translators' own tools (memoQ, Trados, OmegaT, Poedit, Weblate), through
translate-toolkit's XLIFF store.

Why 1.2: it is the version every CAT tool reads and writes alike, and the one translate-toolkit
has long supported (its 2.0 store is recent); 2.x support in the tools is uneven.

One ``<file>`` per source file (``original="content/pl.yaml"``, ``national.yaml``,
``regions/utrecht.yaml``), one ``<trans-unit>`` per key: ``id`` and ``resname`` the key, the
Dutch as ``<source>``, the current text as ``<target>`` with its state (``new`` missing,
``needs-review-translation`` stale, ``translated``, ``signed-off`` reviewed), and a note saying
where it is printed and how much room its tightest panel leaves. Content markup (``**bold**``)
stays plain text in both, so it cannot be lost as a tag; an import checks it is still there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from translate.storage import xliff

from generator.inputs.provenance import Key, Translations
from generator.translations.placement import Placements
from generator.translations.text_checks import text_problem

__all__ = ["NAMESPACE", "ONLY", "Unit", "Xliff12", "export_xliff", "keys_by_unit", "read_xliff", "unit_problem"]

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
ONLY = ("all", "stale", "missing", "unreviewed")
_STATE = {"missing": "new", "stale": "needs-review-translation", "translated": "translated", "reviewed": "signed-off"}
_NOT_DONE = {
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
}


class _Unit12(xliff.xliffunit):
    namespace = NAMESPACE


class Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF store, written as version 1.2 (its default skeleton is 1.1)."""

    UnitClass = _Unit12
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='NoName' source-language='nl' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


def _wanted(key: Key, only: str) -> bool:
    return only == "all" or (only == "unreviewed" and key.state != "reviewed") or key.state == only


def export_xliff(translations: Translations, placements: Placements, only: str = "all") -> bytes:
    """The keys of one language (``only``: all, stale, missing or unreviewed) as XLIFF 1.2."""
    lang = translations.lang
    store = Xliff12(sourcelanguage="nl", targetlanguage=lang)
    for key in translations.keys:
        if not _wanted(key, only):
            continue
        unit = store.addsourceunit(key.nl, filename=key.file, createifmissing=True)
        unit.setid(key.key)
        unit.xmlelement.set("resname", key.key)
        unit.settarget(key.text, lang)
        target = unit.xmlelement.find(f"{{{NAMESPACE}}}target")
        if target is not None:
            target.set("state", _STATE[key.state])
        unit.xmlelement.attrib.pop("approved", None)
        if key.state == "reviewed":
            unit.xmlelement.set("approved", "yes")
        unit.addnote(placements.note(key, lang), origin="developer")
        if key.record and key.record.reviewed_by and key.state == "reviewed":
            unit.addnote(f"Reviewed by {key.record.reviewed_by} on {key.record.reviewed_on}.", origin="drukwerk")
    store.removedefaultfile()
    for filenode in store.document.getroot().iterchildren(f"{{{NAMESPACE}}}file"):
        filenode.set("target-language", lang)
    return bytes(store.serialize_bytes() if hasattr(store, "serialize_bytes") else bytes(store))


@dataclass(frozen=True)
class Unit:
    file: str
    key: str
    source: str
    target: str
    state: str  # the target's state attribute, "" without one
    line: int

    @property
    def done(self) -> bool:
        """Whether the translator (or reviewer) left it finished, not flagged for more work."""
        return self.state not in _NOT_DONE


def read_xliff(data: bytes) -> tuple[str, list[Unit]]:
    """The target language and the units of an XLIFF 1.x file, read by translate-toolkit.
    ValueError when it is not XLIFF it can read."""
    try:
        store = xliff.xlifffile.parsestring(data)
    except Exception as exc:  # lxml's and the toolkit's own errors: the file is not XLIFF
        raise ValueError(f"not an XLIFF file translate-toolkit can read ({type(exc).__name__}: {exc})") from None
    lang = str(store.gettargetlanguage() or "")
    units = []
    for unit in store.unit_iter():
        element: Any = unit.xmlelement
        filenode = next(element.iterancestors(store.namespaced("file")), None)
        file = str(filenode.get("original", "")) if filenode is not None else ""
        target_node = element.find(store.namespaced("target"))
        state = str(target_node.get("state", "")) if target_node is not None else ""
        key = str(element.get("id") or "")
        units.append(Unit(file, key, str(unit.source or ""), str(unit.target or ""), state, int(element.sourceline or 0)))
    return lang, units


def unit_problem(unit: Unit, key: Key | None) -> str:
    """Why a unit cannot be imported, or ""."""
    if key is None:
        return f"{unit.file}: {unit.key}: no such key (any more); export again"
    if unit.source != key.nl:
        now = _short(key.nl)
        return f"{key.where}: the Dutch changed since this file was exported (now: '{now}'); export again and translate the new text"
    if not unit.target:
        return ""
    return text_problem(key, unit.target)


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def keys_by_unit(translations: Translations) -> dict[tuple[str, str], Key]:
    return {(k.file, k.key): k for k in translations.keys}
