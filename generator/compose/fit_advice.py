"""What a fit error tells a person: how many words to cut, and whose fix that is.

A panel that overflows is short by so many millimetres; whoever wrote the text thinks in words.
The words are counted by setting the text blamed again, shortened, with the same style, width
and hyphenation, until the panel fits: the count comes from the real line breaks of that text,
not from an average. Text from a region file is the coordinator's to shorten; the panel's size
is the designer's to change. (Only a failing panel pays for this: a few settings of one text.)
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from generator.blocktext.templating import as_markup
from generator.problems import Origin

__all__ = ["Cut", "overflow_message", "words_to_cut"]

_SLACK = 0.01  # points; the same tolerance as the fit check itself


@dataclass(frozen=True)
class Cut:
    words: int  # words to cut from the end of the text for the panel to fit
    total: int  # words in the text
    enough: bool  # False: even the whole text is not enough


def words_to_cut(flowable: Flowable, value: str, width: float, height: float, excess: float) -> Cut | None:
    """How many words at the end of ``value`` must go for ``flowable``, set ``width`` points wide,
    to lose ``excess`` points of height; None when ``value`` is not (visibly) in its text."""
    inner = getattr(flowable, "paragraph", flowable)
    if not isinstance(inner, Paragraph):
        return None
    markup = inner.text
    shown = as_markup(value)
    at = markup.find(shown)
    words = value.split()
    if at < 0 or not words:
        return None

    def height_without(count: int) -> float:
        shorter = as_markup(" ".join(words[: len(words) - count]))
        return _height(flowable, inner, markup[:at] + shorter + markup[at + len(shown) :], width, height)

    target = height_without(0) - excess + _SLACK
    if height_without(len(words)) > target:
        return Cut(len(words), len(words), False)
    low, high = 1, len(words)  # the height shrinks as words go: the fewest that are enough
    while low < high:
        mid = (low + high) // 2
        if height_without(mid) <= target:
            high = mid
        else:
            low = mid + 1
    return Cut(low, len(words), True)


def overflow_message(where: str, missing_mm: float, cut: Cut | None, origin: Origin, layout_at: object) -> str:
    """The fit error: how much is missing, in mm and in words, and who can fix it where."""
    amount = f"{missing_mm:.1f} mm short"
    if cut and cut.enough:
        amount += f" (about {cut.words} word{'' if cut.words == 1 else 's'} too many)"
    elif cut:
        amount += f" (more than this text has: {cut.total} word{'' if cut.total == 1 else 's'}; other text must go too)"
    if Path(origin.file).parent.name == "regions":
        todo = "shorten this text in the region file (the coordinator's fix), or give the panel more room "
        todo += f"(the designer's fix, {layout_at})"
    else:
        todo = f"shorten the text or give the panel more room ({layout_at})"
    return f"does not fit: {where} is {amount}; {todo}"



def _height(flowable: Flowable, inner: Paragraph, markup: str, width: float, height: float) -> float:
    paragraph = Paragraph(markup, inner.style, bulletText=inner.bulletText)
    if inner is flowable:
        return float(paragraph.wrap(width, height)[1])
    wrapper = copy.copy(flowable)  # a banner or tick box around the paragraph: its own padding and indent
    wrapper.paragraph = paragraph
    return float(wrapper.wrap(width, height)[1])
