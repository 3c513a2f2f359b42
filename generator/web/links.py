"""Contact data as links a phone can use: ``tel:`` in international (E.164) form, ``mailto:``,
``https://``; and phone numbers as a reader abroad dials them.

Values arrive validated (``inputs/source_models.py``): phone numbers in national format, email
addresses normalised, web addresses without scheme, query or fragment.
"""

from __future__ import annotations

from urllib.parse import quote

import phonenumbers
from phonenumbers import shortnumberinfo

from generator.inputs.phones import from_abroad, only_in_country
from generator.vocabulary import SOURCE_LANG

__all__ = ["mailto_href", "phone_text", "tel_href", "web_href"]



def _parse(national: str) -> phonenumbers.PhoneNumber:
    return phonenumbers.parse(national, "NL")


def _short(number: phonenumbers.PhoneNumber, national: str) -> bool:
    return shortnumberinfo.is_valid_short_number(number) and national.replace(" ", "").isdigit() and len(national.replace(" ", "")) <= 6


def tel_href(national: str, lang: str = SOURCE_LANG) -> str:
    """``tel:+31137516750``; ``tel:112`` for a short number (it has no international form);
    ``tel:+318002000`` for 0800 and 0900 numbers on Dutch pages, ``tel:08002000`` on pages in
    other languages: they are reached only from a Dutch network, which dials them as they are."""
    number = _parse(national)
    if _short(number, national) or (lang != SOURCE_LANG and only_in_country(national)):
        return "tel:" + "".join(c for c in national if c.isdigit())
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_text(national: str, lang: str) -> str:
    """The number as shown: national on Dutch pages; on pages in other languages, geographic and
    mobile numbers in +31 form (0800, 0900 and 112 stay national: they are not dialled with +31)."""
    return (lang != SOURCE_LANG and from_abroad(national)) or national


def mailto_href(email: str) -> str:
    return "mailto:" + quote(email, safe="@.+-_")


def web_href(web: str) -> str:
    """Validated web addresses are stored without scheme (``www.example.nl/path``)."""
    return web if web.startswith(("https://", "http://")) else f"https://{web}"
