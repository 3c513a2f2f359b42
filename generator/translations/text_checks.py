"""What a new translation must keep of its Dutch (each ``**bold**`` pair, every ``{{ ... }}``
placeholder) and must not bring along (characters pasted from elsewhere: zero-width spaces,
direction marks, look-alike letters; a soft hyphen is a hyphenation point and may stay). Every
way a translation comes in (an XLIFF import, the editor's translator page) checks it here."""

from __future__ import annotations

import re

from generator.inputs.pasted import clean
from generator.inputs.provenance import Key

__all__ = ["text_problem"]

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def text_problem(key: Key, text: str) -> str:
    """Why ``text`` cannot be the translation of ``key``, or ""."""
    if text.count("**") != key.nl.count("**"):
        return (
            f"{key.where}: the **bold** marks of the Dutch are not all in the translation; keep each ** pair around the words it stresses"
        )
    if sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(key.nl)):
        return f"{key.where}: the {{{{ ... }}}} placeholders of the Dutch must stay as they are in the translation"
    try:
        clean(text.replace("\u00ad", ""), "text", "text")
    except ValueError as exc:
        return f"{key.where}: {exc}"
    return ""
