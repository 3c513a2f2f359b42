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
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from generator.inputs.pasted import checker, clean
from generator.inputs.phones import format_dutch_phone
from generator.inputs.web_addresses import domain_problem, opened_host
from generator.vocabulary import OPT_IN, Product


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
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"'{value}' is not a valid email address ({exc}); copy it from the source") from None
    problem = domain_problem(checked.ascii_domain, "is sent to")  # xn--… would print as the letters it stands for
    if problem:
        raise ValueError(f"'{value}' {problem}")
    return checked.normalized


def _web(value: str) -> str:
    """Accept ``www.example.nl`` or ``https://example.nl/path``; print without the scheme."""
    parts = urlsplit(value if "://" in value else f"https://{value}")
    if parts.scheme not in ("http", "https") or " " in value:
        raise ValueError(f"'{value}' is not a web address; write it like www.example.nl")
    host = opened_host(value, parts)  # the host a browser opens: no user@, no IP, no lookalike letters
    if "." not in host:
        raise ValueError(f"'{value}' is not a web address; write it like www.example.nl")
    if parts.query or parts.fragment:
        raise ValueError(f"'{value}' has a query or fragment; print a plain address without tracking parameters")
    if host in _SHORTENERS:
        raise ValueError(f"'{value}' is a link shortener; print the organisation's own address")
    return (host + parts.path).rstrip("/")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_DMY = re.compile(r"^([0-9]{1,2})[-./ ]([0-9]{1,2})[-./ ]([0-9]{4})$")


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: a Dutch 23-11-2026 gets its ISO form as advice; numbers are not dates."""
    if not isinstance(value, str):
        return value if isinstance(value, date) else _no_date(value)
    text = value.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"'{text}' is not a date ({exc}); write the day you checked as YYYY-MM-DD, e.g. 2026-11-23") from None
    dmy = _DMY.match(text)
    if dmy:
        day, month, year = (int(g) for g in dmy.groups())
        for d, m in ((day, month), (month, day)):  # the Dutch order first; 11/23/2026 can only be American
            try:
                iso = date(year, m, d).isoformat()
            except ValueError:
                continue
            both = d != m and max(d, m) <= 12  # 03-04-2026: say which reading the advice took
            reading = f" (for {d} {_MONTHS[m - 1]} {year})" if both else ""
            raise ValueError(f"'{text}' is not written as YYYY-MM-DD (year-month-day); write {iso}{reading}")
    return _no_date(value)


def _no_date(value: object) -> date:
    shown = f"'{value}' is not a date" if value not in (None, "") else "no date given"
    raise ValueError(f"{shown}; write the day you checked as YYYY-MM-DD (year-month-day), e.g. 2026-11-23")


# Contact data is copied from web pages and e-mails: see generator/pasted.py.
Phone = Annotated[str, BeforeValidator(checker("phone")), AfterValidator(format_dutch_phone)]
Email = Annotated[str, BeforeValidator(checker("address")), AfterValidator(_email)]
Web = Annotated[str, BeforeValidator(checker("address")), AfterValidator(_web)]
Typed = BeforeValidator(checker("text"))
Id = BeforeValidator(checker("text", "id"))
Verified = Annotated[date, BeforeValidator(_iso_date)]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
# Region text (a role, a note): Dutch, or the text per language ({nl: ..., en: ...}). An edition in
# a language without its text leaves it out and is a draft (generator/compose/editions.py).
LocalText = str | dict[LangCode, Annotated[str, Typed]]


def _local_text(value: object) -> object:
    if isinstance(value, dict) and value and "nl" not in value:
        raise ValueError("give the Dutch text too (nl:), the one the source says; then the other languages")
    return value


def _exit_url(value: str) -> str:
    """The web edition's quick exit: a whole https address (``www.google.com`` gets https://)."""
    if "://" in value and not value.startswith("https://"):
        raise ValueError(f"'{value}' is not an https address; write it like https://www.google.com")
    return "https://" + _web(value)


def web_link(value: str) -> str:
    """The address a QR code opens: checked like a contact's ``web:``, with ``https://`` unless
    another scheme is written."""
    printed = _web(clean(value, "address"))  # a layout's own address has not been through the pasted-text check
    scheme = urlsplit(value).scheme.lower() if "://" in value else "https"
    return f"{scheme}://{printed}"


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
    title: Text
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


class Discreet(Strict):
    """The discreet card's own texts. Nothing a discreet card prints may contain a word of
    ``giveaway`` (of any language pack: contact data is the same in every language)."""

    message: Text
    text: Text
    source: Source
    giveaway: list[Text] = Field(
        min_length=1,
        description="words that say what the card is about; a discreet card never prints them, in any case, also inside a longer word",
    )


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
    anonymous: Text
    anonymous_professional: Text  # after `anonymous` for professionals: advice can be anonymous, their report cannot
    always_open: Text
    free: Text
    contacts_title: Text
    national_title: Text
    draft: Text
    region: Text
    what: Text
    how: Text
    goal: Text
    notes: Text  # over the checklist's ruled lines for handwritten notes
    only_nl: Text = Field(description="after a 0800 or 0900 number in a foreign edition: it can be called only from the Netherlands")


class Content(Strict):
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    language: Text
    reviewed: bool = Field(
        False, description="no longer used: reviews are recorded per key (content/<lang>.provenance.yaml); true is refused but in nl"
    )
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
    discreet: Discreet


# --- contacts (sources/national.yaml, sources/regions/<id>.yaml) ---------------------------


class OnContactCard(Strict):
    """What the contact card (the product that must not say what it is about) prints of one contact,
    besides its name and number: a coordinator takes off an address that would give the card away
    to whoever reads it, such as an abuse line's well-known mail domain."""

    email: bool = Field(True, description="false: the contact card leaves out this contact's email address (the other products print it)")
    web: bool = Field(True, description="false: the contact card leaves out this contact's web address (the other products print it)")


class RegionContactCard(Strict):
    """The region's choices for its contact card (``discreet_card: true``)."""

    author: Annotated[str, BeforeValidator(checker("text", "name"))] = Field(
        "",
        description="the contact card PDF's author: empty (none, the default) or a name that says nothing about the card's subject; "
        "the organisation is not used, since its name may be what gives the card away",
    )
    emergency: bool = Field(True, description="print 112 as a plain number line (labels.emergency_number) on the card's front")


class Contact(Strict):
    id: Annotated[Slug, Id]
    name: Annotated[Text, BeforeValidator(checker("text", "name"))]
    role: Annotated[LocalText, Typed, BeforeValidator(_local_text)] = Field(
        "", description="what the contact does; Dutch, or per language: {nl: ..., en: ...}"
    )
    phone: Phone | None = None
    email: Email | None = None
    web: Web | None = None
    note: Annotated[LocalText, Typed, BeforeValidator(_local_text)] = Field(
        "", description="printed after the number, only what the source states; Dutch, or per language: {nl: ..., en: ...}"
    )
    always_open: bool = Field(False, description="reachable day and night, every day (printed as labels.always_open, e.g. 24/7)")
    free: bool = Field(False, description="free of charge to call (printed as labels.free, e.g. gratis)")
    anonymous: bool = Field(False, description="true only where the contact's source says you can ask it for advice anonymously")
    discreet_name: Annotated[str, Typed] = Field(
        "", description="the name the contact card prints instead of name, when name says what the card is about"
    )
    discreet: OnContactCard = Field(
        OnContactCard(), description="what the contact card prints of this contact: {email: false} and/or {web: false} leave an address off"
    )
    source: Annotated[Source, BeforeValidator(checker("text", "source"))]
    verified: Verified = Field(description="the day someone checked this contact against its source")

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
    name: Annotated[Text, BeforeValidator(checker("text", "name"))]
    draft: bool = Field(False, description="true while contacts are missing: left out of the default build")
    organisation: Annotated[str, BeforeValidator(checker("text", "name"))] = ""
    contacts: list[Contact] = Field(default_factory=list)
    national: list[Annotated[Slug, Id]] = Field(default_factory=list, description="ids of national contacts printed for this region")
    layouts: dict[Product, Slug] = Field(
        default_factory=dict, description="a product's own layout for this region, e.g. leaflet: leaflet-huisstijl"
    )
    theme: Slug | None = Field(None, description="the region's own theme for every product: layouts/<theme>.theme.yaml")
    discreet_card: bool = Field(
        False, description="true: also build the contact card (product contact-card), a pocket card that does not say what it is about"
    )
    discreet: RegionContactCard = Field(RegionContactCard(), description="the region's choices for its contact card: author, emergency")

    def prints(self, product: str) -> bool:
        """Whether this region's builds include ``product``: an opt-in product only when the region asks for it."""
        key = OPT_IN.get(product)
        return key is None or bool(getattr(self, key))
    logo: str = Field("", description="the organisation's logo: a PNG, JPEG or SVG file name in sources/logos/")


class Settings(Strict):
    verified_max_age_months: int = Field(12, ge=1, le=60)
    default_languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]] = Field(default_factory=lambda: ["nl"])
    quick_exit_url: Annotated[str, BeforeValidator(checker("address")), AfterValidator(_exit_url)] = Field(
        "https://www.google.com", description="where the web edition's quick-exit button goes: a neutral site"
    )


def month_age(verified: date, today: date) -> int:
    """Whole months between two dates (a contact verified on 23 Nov is 12 months old on 23 Nov next year)."""
    months = (today.year - verified.year) * 12 + today.month - verified.month
    return months - (1 if today.day < verified.day else 0)


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
