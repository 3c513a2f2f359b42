"""Words a line may not end in, tied to the next word with a no-break space: a rule of the
language (``Language.ties`` in vocabulary.py). Polish typesetting never leaves a one-letter
word (w, z, i, o, u, a) at the end of a line; Czech and Slovak do the same with theirs.

Applied to the markup a block renders (tags left alone), so ReportLab, which never breaks at a
no-break space, carries the letter over with its word."""

from __future__ import annotations

import re
from functools import cache

from generator.vocabulary import language

__all__ = ["tie_short_words"]

_TAG = re.compile(r"(<[^>]*>)")
_NBSP = "\u00a0"


@cache
def _pattern(letters: frozenset[str]) -> re.Pattern[str]:
    chars = "".join(sorted(letters))
    # the letter as a word of its own: after the start, a space or an opening mark; then spaces
    return re.compile(rf"(?<![^\s\u00a0(„“\"'«–—-])([{re.escape(chars)}])[ \t\n]+")


def tie_short_words(markup: str, lang: str) -> str:
    """``markup`` with every one-letter word of the language's rule tied to the word after it."""
    letters = language(lang).ties
    if not letters:
        return markup
    pattern = _pattern(letters)
    parts = _TAG.split(markup)
    return "".join(part if part.startswith("<") else pattern.sub(rf"\1{_NBSP}", part) for part in parts)
