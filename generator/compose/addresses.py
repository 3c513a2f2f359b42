"""Addresses and phone numbers that cannot be misread on paper.

An email or web address is never hyphenated and breaks only just before ``.``, ``/``, ``@``,
``-`` or ``_`` (that character starting the next line, so a break never looks like
hyphenation); a phone number never breaks. ReportLab would otherwise split a word that is wider
than the line at any letter. The rendered markup is changed before ReportLab sees it: a phone
number's spaces become no-break spaces, and an address too wide for one line gets line breaks
at allowed places only. What cannot be set that way is reported on the contact's field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from generator.blocktext.templating import Located, Rendered

__all__ = ["Unsettable", "keep_addresses_whole"]

_BREAK_BEFORE = re.compile(r"(?=[./@\-_])")
_ADDRESS_FIELDS = (".email", ".web")
_PHONE_FIELDS = (".phone",)


@dataclass(frozen=True)
class Unsettable:
    """A value that does not fit the line even where it may break."""

    value: Located
    piece: str


def keep_addresses_whole(rendered: Rendered, width: float, measure: Callable[[str], float]) -> Rendered | Unsettable:
    """``rendered`` with its phone numbers unbreakable and its addresses broken only at allowed
    places, for lines ``width`` wide (``measure`` gives a text's width, widest face)."""
    markup = rendered.markup
    for value in rendered.values:
        if value.field.endswith(_PHONE_FIELDS):
            if measure(value) > width:
                return Unsettable(value, str(value))
            markup = markup.replace(escape(value, quote=False), escape(value, quote=False).replace(" ", "\u00a0"))
        elif value.field.endswith(_ADDRESS_FIELDS) and measure(value) > width:
            lines = _break(str(value), width, measure)
            if isinstance(lines, str):
                return Unsettable(value, lines)
            markup = markup.replace(escape(value, quote=False), "<br/>".join(escape(line, quote=False) for line in lines))
    return Rendered(markup, rendered.values)


def _break(address: str, width: float, measure: Callable[[str], float]) -> list[str] | str:
    """Lines of at most ``width``, broken just before . / @ - _ only; or the piece that is too wide."""
    lines: list[str] = []
    current = ""
    for piece in (p for p in _BREAK_BEFORE.split(address) if p):
        if measure(piece) > width:
            return piece
        if current and measure(current + piece) > width:
            lines.append(current)
            current = piece
        else:
            current += piece
    return [*lines, current]
