"""Dutch phone numbers: parsed with phonenumbers, printed in one national format."""

from __future__ import annotations

import phonenumbers
from phonenumbers import shortnumberinfo

__all__ = ["format_dutch_phone", "from_abroad", "is_premium"]

# The shape of a number, not an example: a real number in a message could be copied into a region file.
_SHAPE = "a Dutch number has 10 digits from 0 (0xx xxx xx xx, 06 xx xx xx xx) or is 0800/0900 and 4 to 7 digits"
# Dashes people paste from web pages ("0800 – 2000"), read as the plain hyphen.
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " "})


def format_dutch_phone(text: str) -> str:
    """Return ``text`` in national format (``013 751 6750``, ``0800 2000``, ``112``).

    Raises ``ValueError`` with advice for the region editor when the number is not a valid
    Dutch number. Emergency and other short numbers (112) are accepted as they are.
    """
    cleaned = text.translate(_DASHES).strip()
    try:
        number = phonenumbers.parse(cleaned, "NL")
    except phonenumbers.NumberParseException:
        raise ValueError(f"'{text}' is not a phone number; write the digits as the source gives them ({_SHAPE})") from None
    if shortnumberinfo.is_valid_short_number(number) and cleaned.replace(" ", "").isdigit():
        return str(number.national_number)
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"'{text}' is not a valid Dutch phone number; check the digits against the source ({_SHAPE})")
    if number.country_code != 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


# What a caller with a foreign SIM dials with +31: geographic and mobile numbers. 112 is the same
# everywhere; 0800 and 0900 numbers may not be reachable from abroad at all, so they get no +31 form.
_DIALLED_FROM_ABROAD = {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.VOIP,
}


def from_abroad(national: str) -> str:
    """``+31 13 751 6750`` for a geographic or mobile number; "" for 112, 0800 and 0900 numbers."""
    digits = national.replace(" ", "")
    if not digits.startswith("0") or len(digits) <= 6:
        return ""
    number = phonenumbers.parse(national, "NL")
    if phonenumbers.number_type(number) not in _DIALLED_FROM_ABROAD:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def only_in_country(national: str) -> bool:
    """0800 (free) and 0900 (premium) numbers cannot be called from a foreign network: a foreign
    edition says so (labels.only_nl), and its web page links them without +31."""
    return national.replace(" ", "").replace("-", "").startswith(("0800", "0900"))


def is_premium(national: str) -> bool:
    """0900 numbers cost the caller money: the card says so."""
    return national.startswith("0900")
