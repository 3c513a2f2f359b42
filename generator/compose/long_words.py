"""Words wider than their line: never split without a hyphen.

ReportLab splits a word that is wider than the line wherever the line ends (``splitLongWords``),
with no hyphen: "Emberkereskede / lem". The styles turn that off (compose/styles.py), so such a
word stands whole and runs past the line; :func:`overflowing` finds it. A paragraph then gets
soft hyphens in that word at the language's hyphenation points where its style hyphenates, and
ReportLab breaks it at one of them with a hyphen. A style that does not hyphenate (headings,
titles) keeps the word whole. A word that still does not fit is a fit error naming
the word (compose/typeset.py), unless the style says ``fit: shrink``: then the block is set
smaller, down to the style's ``shrink_to``, until the word fits whole (:func:`shrunk_size`).
Soft hyphens (U+00AD) written in the content are break points
ReportLab honours in every style: put them at the joints of long compounds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache

import pyphen

from generator.compose.hyphenation import MIN_PART
from generator.engine.reportlab_compat import WrappedLine
from generator.vocabulary import language

__all__ = ["SHY", "overflowing", "shrunk_size", "soft_hyphenated"]

SHY = "\u00ad"
_TAG = re.compile(r"(<[^>]*>)")
_SLACK = 0.01  # points a line may run over (rounding)


def overflowing(lines: list[WrappedLine]) -> list[str]:
    """The words that stand alone on a line and run past its width. (A line of several words
    may end a fraction of a point past the edge where ReportLab hangs a hyphen: not a word cut.)"""
    words: list[str] = []
    for line in lines:
        extra, text = line.extra, line.text
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


def shrunk_size(markup: str, width_at: Callable[[str, float], float], size: float, line: float, smallest: float) -> float:
    """The type size at which the widest word of ``markup`` fits ``line`` (``fit: shrink``):
    ``size`` when it fits already, or when it would take less than ``smallest`` (then the
    word is named in a fit error)."""
    text = html.unescape(_TAG.sub(" ", markup))
    # a soft hyphen is a break the author chose: the parts it makes need to fit, not the word
    widest = max((width_at(word, size) for word in re.split(r"[ \t\n\u00ad]+", text) if word), default=0.0)
    if widest <= line:
        return size
    fitting = int(size * line / widest * 10) / 10  # down to a tenth of a point
    return fitting if fitting >= smallest - 1e-6 else size
