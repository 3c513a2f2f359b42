"""The typed shape of everything under ``sources/``: shared content, contacts, regions.

Field names are the YAML keys. Every model forbids unknown keys, so a typo such as
``telefon:`` is reported (with a suggestion) instead of silently dropped.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from generator.inputs.phones import format_dutch_phone
from generator.vocabulary import Product


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Source = Annotated[
    str,
    StringConstraints(min_length=3, strip_whitespace=True),
    Field(description="where the fact or contact was checked: a seed file name or a public web address"),
]

_SHORTENERS = {"bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly"}


def _email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"'{value}' is not a valid email address ({exc}); copy it from the source") from None


def _web(value: str) -> str:
    """Accept ``www.example.nl`` or ``https://example.nl/path``; print without the scheme."""
    parts = urlsplit(value if "://" in value else f"https://{value}")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or "." not in host or " " in value:
        raise ValueError(f"'{value}' is not a web address; write it like www.example.nl")
    if parts.query or parts.fragment:
        raise ValueError(f"'{value}' has a query or fragment; print a plain address without tracking parameters")
    if host in _SHORTENERS:
        raise ValueError(f"'{value}' is a link shortener; print the organisation's own address")
    return (host + parts.path).rstrip("/")


def web_link(value: str) -> str:
    """The address a QR code opens: checked like a contact's ``web:``, with ``https://`` unless
    another scheme is written."""
    printed = _web(value)
    scheme = urlsplit(value).scheme.lower() if "://" in value else "https"
    return f"{scheme}://{printed}"


Phone = Annotated[str, AfterValidator(format_dutch_phone)]
Email = Annotated[str, AfterValidator(_email)]
Web = Annotated[str, AfterValidator(_web)]


# --- shared content (sources/content/<lang>.yaml) -------------------------------------------


class Sourced(Strict):
    text: Text
    source: Source


class Group(Strict):
    """A titled list, such as a group of signals."""

    title: Text
    intro: str = ""
    items: list[Text] = Field(min_length=1)
    source: Source


class Definition(Strict):
    text: Text
    what: Text
    how: Text
    goal: Text
    source: Source


class Form(Strict):
    name: Text
    text: Text
    source: Source


class Action(Strict):
    title: Text
    text: Text
    source: Source


class Signals(Strict):
    all_forms: Group
    domestic: Group
    cross_border: Group
    behaviour: Group
    work: Group


class Actions(Strict):
    victim: Action
    bystander: Action
    parent: Action
    professional: Action


class Card(Strict):
    """The pocket card's own short texts."""

    key_message: Text
    signals_title: Text
    signals: list[Text] = Field(min_length=1, max_length=6)
    help_title: Text
    source: Source


class Link(Strict):
    """A web address to print, and to open with a QR code."""

    title: Text
    text: Text
    url: Web
    source: Source


class Labels(Strict):
    """Words the layouts print around data: field labels, headings, the draft watermark."""

    phone: Text
    email: Text
    web: Text
    emergency: Text
    emergency_number: Text
    premium: Text
    contacts_title: Text
    national_title: Text
    draft: Text
    region: Text
    what: Text
    how: Text
    goal: Text


class Content(Strict):
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    language: Text
    reviewed: bool = Field(description="true once a native speaker has checked this language pack")
    title: Text
    subtitle: Text
    labels: Labels
    definition: Definition
    not_smuggling: Sourced
    consent: Sourced
    coercion: Sourced
    anyone: Sourced
    forms_title: Text
    forms: list[Form] = Field(min_length=1)
    lover: Sourced
    signals_title: Text
    signals: Signals
    signals_caution: Sourced
    risk_title: Text
    risk_factors: Group
    facts_title: Text
    facts: list[Sourced] = Field(min_length=1)
    actions_title: Text
    actions: Actions
    steps: Group
    emergency: Sourced
    doubt: Sourced
    more_info: Link
    card: Card


# --- contacts (sources/national.yaml, sources/regions/<id>.yaml) ---------------------------


class Contact(Strict):
    id: Slug
    name: Text
    role: str = ""
    phone: Phone | None = None
    email: Email | None = None
    web: Web | None = None
    note: str = Field("", description="printed after the number; only what the source states, e.g. '24/7, gratis'")
    source: Source
    verified: date = Field(description="the day someone checked this contact against its source")

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.email)


class Emergency(Strict):
    number: Phone
    source: Source


class NationalContact(Contact):
    required: bool = Field(False, description="every complete region must list this contact under national:")


class National(Strict):
    emergency: Emergency
    contacts: list[NationalContact] = Field(min_length=1)


class Region(Strict):
    name: Text
    draft: bool = Field(False, description="true while contacts are missing: left out of the default build")
    organisation: str = ""
    contacts: list[Contact] = Field(default_factory=list)
    national: list[Slug] = Field(default_factory=list, description="ids of national contacts printed for this region")
    layouts: dict[Product, Slug] = Field(
        default_factory=dict, description="a product's own layout for this region, e.g. leaflet: leaflet-huisstijl"
    )
    logo: str = Field("", description="the organisation's logo: a PNG, JPEG or SVG file name in sources/logos/")


class Settings(Strict):
    verified_max_age_months: int = Field(12, ge=1, le=60)
    default_languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]] = Field(default_factory=lambda: ["nl"])


def month_age(verified: date, today: date) -> int:
    """Whole months between two dates (a contact verified on 23 Nov is 12 months old on 23 Nov next year)."""
    months = (today.year - verified.year) * 12 + today.month - verified.month
    return months - (1 if today.day < verified.day else 0)


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
