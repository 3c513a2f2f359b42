"""Hyphenation a designer accepts.

ReportLab hyphenates with pyphen whenever a word does not fit the rest of a line. The rules here
are those of a careful typesetter, applied through ReportLab's public style options plus one
documented extension (pdf/reportlab_compat.py):

- never in heading blocks, nor in a style with ``hyphenate: false`` (titles, cover text);
- only words of :data:`MIN_WORD` letters or more (``hyphenationMinWordLength``);
- at least :data:`MIN_PART` letters on each side of the break (pyphen's ``left`` and ``right``);
- only when the line would otherwise end more than the style's ``hyphenation_zone`` from the
  right edge (InDesign's hyphenation zone): a line that is full enough breaks before the word.

:class:`Hyphenator` is the callable ReportLab's ``hyphenationLang`` accepts in place of a
language name; it carries the zone for the extension to read.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyphen

from generator.engine import reportlab_compat

__all__ = ["MIN_PART", "MIN_WORD", "Hyphenator"]

MIN_WORD = 8  # letters: "persoon", "familie", "terecht" stay whole
MIN_PART = 3  # letters on each side of a break: no "o-ver", no "wer-k"


class Hyphenator:
    """Breaks for one language: ``hyphenator(word)`` gives (head, tail) pairs, longest head first."""

    def __init__(self, dictionary: str, zone: float) -> None:
        self.hyphenation_zone = zone  # points; read by reportlab_compat's zone
        self.zone_in_force = reportlab_compat.install_hyphenation_zone()
        # pyphen keeps each language's patterns loaded once per process (its own dictionary cache).
        self._pyphen = pyphen.Pyphen(lang=dictionary, left=MIN_PART, right=MIN_PART)

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        if len(word) < MIN_WORD:
            return iter(())
        return iter(self._pyphen.iterate(word))
