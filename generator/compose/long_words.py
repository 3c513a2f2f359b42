"""Words wider than their line: never split without a hyphen.

ReportLab splits a word that is wider than the line wherever the line ends (``splitLongWords``),
with no hyphen: "Emberkereskede / lem". The styles turn that off (compose/styles.py), so such a
word stands whole and runs past the line; :func:`overflowing` finds it. A paragraph then gets
soft hyphens in that word at the language's hyphenation points (also in a style that does not
hyphenate otherwise, such as a title: a hyphenated title beats a broken one), and ReportLab
breaks it at one of them with a hyphen. A word that still does not fit is a fit error naming
the word (compose/typeset.py). Soft hyphens (U+00AD) written in the content are break points
ReportLab honours in every style: put them at the joints of long compounds.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pyphen

from generator.compose.hyphenation import MIN_PART
from generator.vocabulary import language

__all__ = ["SHY", "overflowing", "soft_hyphenated"]

SHY = "\u00ad"
_TAG = re.compile(r"(<[^>]*>)")
_SLACK = 0.01  # points a line may run over (rounding)


def overflowing(bl_para: Any) -> list[str]:
    """The words that stand alone on a line and run past its width. (A line of several words
    may end a fraction of a point past the edge where ReportLab hangs a hyphen: not a word cut.)"""
    words: list[str] = []
    for line in bl_para.lines:
        if bl_para.kind == 0:
            extra, text = line[0], " ".join(line[1])
        else:
            extra, text = line.extraSpace, "".join(w.text for w in line.words)
        parts = text.split(" ")  # a no-break space ties words into one: they cannot be set apart either
        if extra < -_SLACK and len([p for p in parts if p]) == 1:
            words.append(text.strip())
    return words


@cache
def _pyphen(dictionary: str) -> pyphen.Pyphen | None:
    return pyphen.Pyphen(lang=dictionary, left=MIN_PART, right=MIN_PART) if dictionary in pyphen.LANGUAGES else None


def soft_hyphenated(markup: str, words: list[str], lang: str) -> str:
    """``markup`` with soft hyphens at the hyphenation points of each of ``words`` (outside tags);
    unchanged when the language has no hyphenation dictionary."""
    hyphenator = _pyphen(language(lang).hyphenation)
    if hyphenator is None:
        return markup
    wanted = {p.strip(".,;:!?()„”“\"'").replace(SHY, "") for w in words for p in w.split("\u00a0")}
    wanted = {w for w in wanted if len(w) >= 2 * MIN_PART}

    def word(match: re.Match[str]) -> str:
        text = match.group(0)
        if text not in wanted:
            return text
        return hyphenator.inserted(text, hyphen=SHY)

    parts = _TAG.split(markup)
    return "".join(part if part.startswith("<") else re.sub(r"\w+", word, part) for part in parts)
