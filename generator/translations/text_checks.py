"""What a new translation must keep of its Dutch (each ``**bold**`` pair, every ``{{ ... }}``
placeholder) and must not bring along (characters pasted from elsewhere: zero-width spaces,
direction marks, look-alike letters; a soft hyphen is a hyphenation point and may stay). Every
way a translation comes in (an XLIFF import, the editor's translator page) checks it here."""

from __future__ import annotations

import re

from generator.inputs.pasted import clean
from generator.inputs.provenance import WORD_LIST_KEYS, Key

__all__ = ["text_problem"]

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def text_problem(key: Key, text: str) -> str:
    """Why ``text`` cannot be the translation of ``key``, or ""."""
    if "\n" in text and "\n" not in key.nl:
        what = "separate the words with commas" if key.key in WORD_LIST_KEYS else "write it on one line: the layout breaks the lines"
        return f"{key.where}: the Dutch is one line and the translation has a line break; {what}"
    if text.count("**") != key.nl.count("**"):
        pairs = key.nl.count("**") // 2
        return (
            f"{key.where}: the Dutch has {pairs} **bold** pair(s) and the translation {text.count('**') / 2:g}; "
            "put a ** pair around the same words as in the Dutch, and no others"
        )
    if sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(key.nl)):
        return f"{key.where}: the {{{{ ... }}}} placeholders of the Dutch must stay as they are in the translation"
    try:
        clean(text.replace("\u00ad", ""), "text", "text")
    except ValueError as exc:
        return f"{key.where}: {exc}"
    return ""
