"""The region form: which fields, their Dutch labels, their help (the region schema's own
descriptions, in Dutch through the translation files), and the form's data to and from the
editor's plain region data. Problems of the pipeline are put back at the field they concern."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from generator.editor.pipeline import Contact, Problem, Region, region_id_for

__all__ = ["ContactForm", "FieldView", "RegionForm", "diff", "needs_approval", "parse"]

# label, input type, help of our own when the schema has no description
CONTACT_FIELDS: dict[str, tuple[Any, str, Any]] = {
    "name": (_("Naam"), "text", _("De naam van de organisatie of het team, zoals de bron die schrijft.")),
    "id": (
        _("Korte naam (id)"),
        "text",
        _("Kleine letters en streepjes, uniek in dit bestand, bijvoorbeeld veilig-thuis-utrecht. Leeg: gemaakt uit de naam."),
    ),
    "phone": (
        _("Telefoonnummer"),
        "tel",
        _("Zoals de bron het schrijft: 10 cijfers vanaf 0 (0xx xxx xx xx, 06 xx xx xx xx), of 0800/0900 met 4 tot 7 cijfers."),
    ),
    "email": (_("E-mailadres"), "email", _("Het adres uit de bron.")),
    "web": (_("Website"), "text", _("Zonder https://, bijvoorbeeld www.voorbeeld.nl; geen verkorte links.")),
    "role": (_("Rol"), "text", None),
    "note": (_("Opmerking"), "text", None),
    "always_open": (_("Dag en nacht bereikbaar (24/7)"), "checkbox", None),
    "free": (_("Gratis te bellen"), "checkbox", None),
    "anonymous": (_("Anoniem advies mogelijk"), "checkbox", None),
    "discreet_name": (_("Naam op de contactkaart"), "text", None),
    "source": (_("Bron"), "text", None),
    "verified": (_("Gecontroleerd op"), "date", None),
}
REGION_FIELDS: dict[str, tuple[Any, str, Any]] = {
    "name": (_("Naam van de regio"), "text", _("Zoals die op het drukwerk staat.")),
    "organisation": (_("Organisatie"), "text", _("De organisatie die het drukwerk uitgeeft; staat als afzender op het drukwerk.")),
    "draft": (_("Concept"), "checkbox", None),
    "discreet_card": (_("Contactkaart (discreet)"), "checkbox", None),
}
TEXT_FIELDS = ("name", "id", "phone", "email", "web", "discreet_name", "source", "verified")
FLAGS = ("always_open", "free", "anonymous")
PER_LANGUAGE = ("role", "note")
APPROVAL_FIELDS = ("name", "phone", "email", "web")  # a changed one needs a second person


def _help(model: type[Any], key: str, own: Any) -> str:
    if own is not None:
        return str(own)
    info = model.model_fields.get(key)
    description = info.description if info is not None else None
    return gettext(description) if description else ""


@dataclass
class FieldView:
    name: str  # the input's name
    key: str
    label: str
    kind: str
    value: Any
    help: str
    errors: list[str]
    lang: str = ""


@dataclass
class ContactForm:
    number: int
    index: int | None  # the contact's place in the file, None for a new one
    title: str
    fields: list[FieldView]
    languages: list[FieldView]
    errors: list[str]


@dataclass
class RegionForm:
    fields: list[FieldView]
    contacts: list[ContactForm]
    errors: list[str]  # problems not of one field
    all_problems: list[tuple[str, str, str, str]]  # (anchor, where in words, field, message), for the summary


_FIELD = re.compile(r"^contacts\[(\d+)\](?:\.(\w+))?")


def build(data: dict[str, Any], problems: list[Problem], languages: list[str]) -> RegionForm:
    at: dict[str, list[str]] = {}
    summary: list[tuple[str, str, str, str]] = []
    loose: list[str] = []
    for problem in problems:
        match = _FIELD.match(problem.field)
        if match and match.group(2):
            name = f"c{match.group(1)}-{match.group(2)}"
        elif match:
            name = f"c{match.group(1)}"
        elif problem.field.split(".")[0] in REGION_FIELDS or problem.field == "logo":
            name = problem.field.split(".")[0]
        else:
            name = ""
        if name:
            at.setdefault(name, []).append(problem.message)
        else:
            loose.append(str(problem) if not problem.field else f"{problem.field}: {problem.message}")
        summary.append((f"f-{name}" if name else "problemen", _where(match, problem.field), problem.field, problem.message))
    fields = [
        FieldView(key, key, str(label), kind, data.get(key, ""), _help(Region, key, own), at.get(key, []))
        for key, (label, kind, own) in REGION_FIELDS.items()
    ]
    contacts = []
    for n, contact in enumerate(data.get("contacts", [])):
        views = []
        for key, (label, kind, own) in CONTACT_FIELDS.items():
            if key in PER_LANGUAGE:
                continue
            views.append(
                FieldView(f"c{n}-{key}", key, str(label), kind, contact.get(key, ""), _help(Contact, key, own), at.get(f"c{n}-{key}", []))
            )
        per_language = []
        for key in PER_LANGUAGE:
            label, kind, own = CONTACT_FIELDS[key]
            value = contact.get(key) or ""
            texts = value if isinstance(value, dict) else {"nl": value}
            for lang in languages:
                errors = at.get(f"c{n}-{key}", []) if lang == "nl" else []
                shown = f"{label} ({lang})"
                per_language.append(
                    FieldView(
                        f"c{n}-{key}-{lang}",
                        key,
                        shown,
                        kind,
                        texts.get(lang, ""),
                        _help(Contact, key, own) if lang == "nl" else "",
                        errors,
                        lang,
                    )
                )
        title = str(contact.get("name") or _("Nieuw contact"))
        index = contact.get("_index")
        contacts.append(ContactForm(n, index if isinstance(index, int) else None, title, views, per_language, at.get(f"c{n}", [])))
    return RegionForm(fields, contacts, loose, summary)


def _where(match: re.Match[str] | None, field: str) -> str:
    """A problem's field in the form's words: 'Contact 1, Telefoonnummer'."""
    if match:
        label = CONTACT_FIELDS.get(match.group(2) or "", (None,))[0]
        number = int(match.group(1)) + 1
        return f"{_('Contact')} {number}, {label}" if label else f"{_('Contact')} {number}"
    key = field.split(".")[0]
    if key in REGION_FIELDS:
        return str(REGION_FIELDS[key][0])
    return "Logo" if key == "logo" else ""


def parse(post: Any, base: dict[str, Any], languages: list[str]) -> dict[str, Any]:
    """The form's data as region data; ``base`` gives what the form does not show (the logo)."""
    data: dict[str, Any] = {
        "name": post.get("name", ""),
        "organisation": post.get("organisation", ""),
        "draft": post.get("draft") == "on",
        "discreet_card": post.get("discreet_card") == "on",
        "logo": base.get("logo", ""),
        "contacts": [],
    }
    count = _int(post.get("contacts", "0"), 0)
    for n in range(min(count, 50)):
        if post.get(f"c{n}-remove") == "on":
            continue
        contact: dict[str, Any] = {key: post.get(f"c{n}-{key}", "") for key in TEXT_FIELDS}
        for flag in FLAGS:
            contact[flag] = post.get(f"c{n}-{flag}") == "on"
        for key in PER_LANGUAGE:
            texts = {lang: post.get(f"c{n}-{key}-{lang}", "").strip() for lang in languages}
            texts = {lang: text for lang, text in texts.items() if text}
            contact[key] = texts if set(texts) - {"nl"} else texts.get("nl", "")
        index = _int(post.get(f"c{n}-index", ""), -1)
        contact["_index"] = index if index >= 0 else None
        if not contact["id"].strip() and contact["name"].strip():  # a new contact's id, made from its name
            contact["id"] = region_id_for(contact["name"])
        data["contacts"].append(contact)
    if post.get("action") == "add":
        data["contacts"].append({"_index": None, **{k: "" for k in TEXT_FIELDS}, **{f: False for f in FLAGS}, "role": "", "note": ""})
    return data


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if value is True:
        return str(_("ja"))
    if value is False or value is None:
        return str(_("nee")) if value is False else ""
    return str(value)


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed, field by field, in words a coordinator reads: [{field, old, new, approval}]."""
    rows: list[dict[str, Any]] = []
    for key, (label, _kind, _own) in REGION_FIELDS.items():
        if _norm(old.get(key)) != _norm(new.get(key)):
            rows.append({"field": str(label), "old": _shown(old.get(key)), "new": _shown(new.get(key)), "approval": False})
    if (old.get("logo") or "") != (new.get("logo") or ""):
        rows.append({"field": "logo", "old": old.get("logo") or "", "new": new.get("logo") or "", "approval": True})
    old_contacts = old.get("contacts", [])
    kept = set()
    for contact in new.get("contacts", []):
        index = contact.get("_index")
        before = old_contacts[index] if isinstance(index, int) and 0 <= index < len(old_contacts) else None
        if before is None:
            rows.append(
                {
                    "field": str(_("contact toegevoegd")),
                    "old": "",
                    "new": _contact_line(contact),
                    "approval": True,
                    "source": str(contact.get("source") or ""),
                }
            )
            continue
        kept.add(index)
        name = before.get("name") or before.get("id") or "?"
        for key, (label, _kind, _own) in CONTACT_FIELDS.items():
            if _norm(before.get(key)) != _norm(contact.get(key)):
                rows.append(
                    {
                        "field": f"{name} › {label}",
                        "old": _shown(before.get(key)),
                        "new": _shown(contact.get(key)),
                        "approval": key in APPROVAL_FIELDS,
                        "source": str(contact.get("source") or ""),
                    }
                )
    for i, contact in enumerate(old_contacts):
        if i not in kept:
            rows.append({"field": str(_("contact verwijderd")), "old": _contact_line(contact), "new": "", "approval": True})
    order = [c.get("_index") for c in new.get("contacts", []) if isinstance(c.get("_index"), int)]
    if order != sorted(order):
        rows.append({"field": str(_("volgorde van de contacten")), "old": "", "new": str(_("gewijzigd")), "approval": True})
    return rows


def _contact_line(contact: dict[str, Any]) -> str:
    return " · ".join(str(contact.get(k)) for k in ("name", "phone", "email", "web") if contact.get(k))


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        texts = {k: v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
        return texts.get("nl", "") if list(texts) == ["nl"] else texts
    if value is None or value is False:
        return "" if value is None else False
    return value


def differs(old: Any, new: Any) -> bool:
    return bool(_norm(old) != _norm(new))


def needs_approval(rows: list[dict[str, Any]]) -> bool:
    return any(row["approval"] for row in rows)
