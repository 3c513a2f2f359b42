"""Contact data pasted from web pages, e-mails and word processors.

A clipboard carries more than the visible text: invisible format characters (zero-width space,
word joiner, byte order mark, soft hyphen, direction marks), letters of another script that
look like Latin ones, fullwidth and other look-alike forms, icon-font symbols. Such a value
prints like the right address but is not, so it is refused, naming the character, its Unicode
name and its position in the value. Differences that cannot mislead anyone are normalised
instead: no-break and other spaces, decomposed accents, a non-breaking hyphen in an address,
dashes in a phone number, ligatures and a Dutch apostrophe in a name, spaces at the ends.

Only :mod:`unicodedata` is used: the categories (Cf, Zs, ...) and the character names, whose
first word is the script for the letters that matter here (LATIN, CYRILLIC, GREEK, ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, Literal

__all__ = ["checker", "clean"]

Kind = Literal["phone", "address", "text"]

# Invisible although not of category Cf: a grapheme joiner, variation selectors, fillers.
_INVISIBLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x2800, 0x3164, 0xFFA0}
_INVISIBLE_RANGES = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))

# Letters of other scripts (and odd Latin ones) that pass for a Latin letter; for the message only:
# what is refused is decided by script, not by this table.
_LOOKS_LIKE = dict(
    zip(
        "аеорсухѕіјԁһӏԛԝүАВЕКМНОРСТХУЅІЈԚԜҮӀοανρικυχγΑΒΕΖΗΙΚΜΝΟΡΤΥΧօսհոıȷɑɡ",
        "aeopcyxsijdhlqwyABEKMHOPCTXYSIJQWYIoavrikuxyABEZHIKMNOPTYXouhnijag",
        strict=True,
    )
)
_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "GEORGIAN", "HEBREW", "ARABIC"}
_ADDRESS_HYPHENS = {"\u2010": "-", "\u2011": "-"}  # look exactly like '-'; no address contains them
_PHONE_CHARS = set("0123456789 +-()./")
_ELISION = re.compile(r"(?<!\w)\u2018(?=[stn](?!\w))")  # ‘s-Hertogenbosch, ‘t: Word's opening quote for ’
# Values made only of these need no closer look (the loop below would pass every character).
_PLAIN = {
    "phone": re.compile(r"[0-9 ()+./-]*"),
    "address": re.compile(r"[ -~]*"),
    "text": re.compile(r"[ -~\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u2019]*"),  # ASCII, Latin-1 letters, ’
}
_NOUN = {"phone": "number", "address": "address", "text": "text"}
_DIGITS = "write only the number: digits, spaces and + - ( )"


def checker(kind: Kind, noun: str = "") -> Callable[[Any], Any]:
    """A pydantic ``BeforeValidator`` function for one kind of field."""

    def check(value: Any) -> Any:
        return clean(value, kind, noun) if isinstance(value, str) else value

    return check


def clean(value: str, kind: Kind, noun: str = "") -> str:
    """``value`` with harmless differences normalised; ``ValueError`` naming the first character
    that could make it print like something it is not."""
    if _PLAIN[kind].fullmatch(value):  # nearly every value: nothing to look at
        return _tidy(value, kind)
    # o + combining diaeresis -> ö, Kelvin sign -> K; positions count these composed characters,
    # one per letter as an editor shows them.
    text = unicodedata.normalize("NFC", value)
    skip = 0
    if kind == "phone" and text[:4].lower() == "tel:":  # a browser's "copy link" gives tel:...
        skip = 4
    out = list(text)
    for i in range(skip, len(text)):
        ch = text[i]
        if ch.isspace():  # no-break, narrow, thin, ideographic spaces; tabs; line breaks
            out[i] = " "
        elif kind == "phone" and (unicodedata.category(ch) == "Pd" or ch == "\u2212"):
            out[i] = "-"  # 0800 – 2000: separators, whatever their width
        elif kind == "address" and ch in _ADDRESS_HYPHENS:
            out[i] = _ADDRESS_HYPHENS[ch]
        elif kind == "text" and 0xFB00 <= ord(ch) <= 0xFB06:
            out[i] = unicodedata.normalize("NFKC", ch)  # ﬁ, ﬂ from a PDF: the same letters
        else:
            why, todo = _refusal(text, i, kind)
            if why:
                todo = todo or f"type the {noun or _NOUN[kind]} again instead of pasting it"
                raise ValueError(f"character U+{ord(ch):04X} ({_name(ch)}) at position {i + 1} {why}; {todo}")
    return _tidy("".join(out[skip:]), kind)


def _tidy(text: str, kind: Kind) -> str:
    """Runs of spaces as one, none at the ends; a Dutch apostrophe; no mailto: of a copied link."""
    text = " ".join(text.split())
    if kind == "text":
        return _ELISION.sub("\u2019", text)
    if kind == "address" and text[:7].lower() == "mailto:":
        return text[7:]
    return text


def _refusal(text: str, i: int, kind: Kind) -> tuple[str, str]:
    """Why the character at ``text[i]`` is refused ('' if it is not), and what to do when
    retyping is not the advice."""
    ch = text[i]
    code = ord(ch)
    category = unicodedata.category(ch)
    if category == "Cf" or code in _INVISIBLE or any(lo <= code <= hi for lo, hi in _INVISIBLE_RANGES):
        return "is invisible", ""
    if category == "Cc":
        return "is a control character", ""
    if category == "Co":
        return "is a private-use character (an icon from a web page's font)", ""
    if category == "Cn":
        return "is not a Unicode character", ""
    if ch.isascii():
        if kind == "phone" and ch not in _PHONE_CHARS:
            return ("is a letter, not a digit", _DIGITS) if ch.isalpha() else ("is not part of a phone number", _DIGITS)
        return "", ""
    compat = unicodedata.normalize("NFKC", ch)
    name = _name(ch)
    looks = (kind != "text" and compat != ch) or name.startswith(("FULLWIDTH ", "HALFWIDTH ", "MATHEMATICAL "))
    if looks and compat.isascii():
        return f"looks like '{compat}' but is another character", ""
    script = _script(ch)
    if category.startswith("L") and script != "LATIN" and (kind != "text" or _word_has_latin(text, i)):
        like = _LOOKS_LIKE.get(ch)
        what = f"a {script.title()} letter" if script else "a letter of another script"
        return (f"is {what} that looks like Latin '{like}'" if like else f"is {what}, not a Latin one"), ""
    if kind == "phone":
        return ("is not one of the digits 0-9", "") if category == "Nd" else ("is not part of a phone number", _DIGITS)
    if kind == "address":
        if category.startswith("L") and ch in _LOOKS_LIKE:
            return f"looks like '{_LOOKS_LIKE[ch]}' but is another letter", ""
        if not category.startswith(("L", "M")):
            return "does not belong in an address", ""
    return "", ""


def _name(ch: str) -> str:
    unnamed = {"Cc": "control character", "Co": "private use", "Cn": "unassigned"}
    return unicodedata.name(ch, unnamed.get(unicodedata.category(ch), "no name"))


def _script(ch: str) -> str:
    first = _name(ch).split(" ", 1)[0]
    return first if first in _SCRIPTS else ""


def _word_has_latin(text: str, i: int) -> bool:
    """Whether the word around ``text[i]`` (its run of letters and marks) has a Latin letter."""
    start, end = i, i + 1
    while start > 0 and unicodedata.category(text[start - 1])[0] in "LM":
        start -= 1
    while end < len(text) and unicodedata.category(text[end])[0] in "LM":
        end += 1
    return any(unicodedata.category(c)[0] == "L" and _script(c) == "LATIN" for c in text[start:end])
