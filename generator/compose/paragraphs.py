"""Paragraphs without a lonely last word.

A paragraph of three lines or more whose last line holds a single word looks unfinished, and
so does a paragraph of two whose last line is only the tail of a hyphenated word ("proble- /
men"); a designer fixes both by hand. :class:`Paragraph` does it
when it is wrapped, at the width it is set in: the last two words of that run of text are tied
with a no-break space, so the last line takes two words. ReportLab then wraps again; the tie is
kept only if the paragraph keeps its number of lines and its last line really holds two words
(two words too wide for one line are left alone). A ``<br/>`` starts a new run: a forced break
(a contact's e-mail line) is intended, not a widow.
"""

from __future__ import annotations

import re

from reportlab.platypus import Paragraph as RLParagraph

from generator.compose.long_words import overflowing, soft_hyphenated
from generator.engine.reportlab_compat import WrappedLine, wrapped_lines

__all__ = ["MIN_LINES", "Paragraph", "tie_last_words"]

MIN_LINES = 2  # a run of this many lines or more may not end in a single word
_BR = re.compile(r"<br\s*/?>", re.I)
_NBSP = "\u00a0"


class Paragraph(RLParagraph):
    """ReportLab's Paragraph, re-wrapped once where a run of text ends in a single word, and
    once where a word is wider than the line (compose/long_words.py). ``too_wide``: the words
    that still run past the line after the last wrap."""

    too_wide: tuple[str, ...] = ()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = super().wrap(availWidth, availHeight)
        lines = wrapped_lines(self)
        wide = overflowing(lines)
        lang = getattr(self.style, "word_lang", "")
        if wide and lang:
            hyphenated = soft_hyphenated(self.text, wide, lang)
            if hyphenated != self.text:
                trial = RLParagraph(hyphenated, self.style, self.bulletText)
                size = trial.wrap(availWidth, availHeight)
                self.__dict__.update(trial.__dict__)
                width, height = size
                lines = wrapped_lines(self)
                wide = overflowing(lines)
        self.too_wide = tuple(wide)
        runs = _lonely_runs(lines)
        if not runs:
            return width, height
        tied = tie_last_words(self.text, runs)
        if tied == self.text:
            return width, height
        trial = RLParagraph(tied, self.style, self.bulletText)
        size = trial.wrap(availWidth, availHeight)
        trial_lines = wrapped_lines(trial)
        wider = len(overflowing(trial_lines)) > len(self.too_wide)  # two words tied that do not fit a line together
        if len(trial_lines) != len(lines) or _lonely_runs(trial_lines) or wider:
            return width, height
        self.__dict__.update(trial.__dict__)  # the tied text, parsed and wrapped: what re-wrapping it would give
        return size


def _lonely_runs(lines: list[WrappedLine]) -> list[int]:
    """The indexes of the runs (text between forced breaks) that end in one word: runs of three
    lines or more, and runs of two whose last line is only the tail of a hyphenated word."""
    runs: list[int] = []
    count = 0
    index = 0
    for n, line in enumerate(lines):
        count += 1
        if not line.forced and n < len(lines) - 1:
            continue
        if _words(line.text) == 1 and (count >= MIN_LINES or (count == 2 and lines[n - 1].text.rstrip().endswith("-"))):
            runs.append(index)
        index += 1
        count = 0
    return runs


def _words(text: str) -> int:
    """Words on a line; words tied by a no-break space count apart (str.split splits at it)."""
    return len(text.split())


def tie_last_words(markup: str, runs: list[int]) -> str:
    """``markup`` with the last space between words of each run in ``runs`` made a no-break space
    (spaces inside tags are left alone)."""
    parts = _BR.split(markup)
    breaks = _BR.findall(markup)
    if len(parts) <= max(runs):
        return markup
    for run in runs:
        parts[run] = _tie(parts[run])
    out = parts[0]
    for brk, part in zip(breaks, parts[1:], strict=True):
        out += brk + part
    return out


def _tie(text: str) -> str:
    """The last run of spaces outside tags that has a word on both sides, made one no-break space."""
    in_tag = False
    spaces: list[tuple[int, int]] = []
    start = -1
    for i, ch in enumerate(text):
        if ch == "<":
            in_tag = True
        elif ch == ">":
            in_tag = False
        elif not in_tag and ch in " \t\n":
            if start < 0:
                start = i
            continue
        if start >= 0:
            spaces.append((start, i))
            start = -1
    visible = [(a, b) for a, b in spaces if _has_text(text[:a]) and _has_text(text[b:])]
    if not visible:
        return text
    a, b = visible[-1]
    return text[:a] + _NBSP + text[b:]


def _has_text(markup: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", markup).strip())
