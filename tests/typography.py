"""Reading the typesetting of a finished PDF as a proofreader would: lines, line breaks, hyphens.

Characters are read with pdfplumber and grouped into the lines of each column the layout
defines (the layout gives only where the columns are; every line, word and break is read from
the PDF). A line *wraps* into the next when the next one follows at line distance and its first
word could not have fitted on the line before: that is how a break made by the typesetter is
told from a forced one (a contact's lines) or a new paragraph.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pdfplumber

from generator.inputs.layouts import ResolvedLayout
from generator.pdf.render import sheet_for

__all__ = ["Break", "Line", "columns_of", "hyphen_breaks", "lines_of_pdf", "runs", "wraps_into"]

BULLET = "•"


@dataclass
class Line:
    words: list[str]
    x0: float  # left edge of the text (after a bullet)
    x1: float
    top: float
    size: float
    bold: bool  # every character bold
    reversed_out: bool  # printed in paper colour on a fill (the cover)
    right: float  # the column's right edge
    bullet: bool
    first_word_width: float
    last_word_x0: float
    space: float = field(default=0.0)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Break:
    """A word broken with a hyphen at the end of a line."""

    head: str  # the part before the hyphen, without it
    tail: str  # the part on the next line, without trailing punctuation
    line: Line
    room: float  # points the line had left for the broken word (from where it starts to the column's edge)


def columns_of(resolved: ResolvedLayout, mode: str, page_index: int) -> list[tuple[float, float, float, float]]:
    """Every column's safe area on the PDF page (pdfplumber coordinates, from the top), every copy."""
    layout = resolved.layout
    sheet = sheet_for(layout, mode)
    page = layout.pages[page_index]
    rects = []
    for ox, oy in sheet.origins:
        top_of_trim = sheet.size[1] - oy - layout.trim.height
        for panel in page.panels:
            for c in range(panel.columns):
                x0 = ox + panel.x + panel.padding.left + c * (panel.column_width + panel.gutter)
                y0 = top_of_trim + panel.y + panel.padding.top
                rects.append((x0, y0, x0 + panel.column_width, y0 + panel.inner_height))
    return rects


@cache
def _chars(pdf: Path) -> list[list[dict]]:
    keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "non_stroking_color")
    with pdfplumber.open(pdf) as doc:
        return [[{k: c[k] for k in keys} for c in page.chars] for page in doc.pages]


def _is_paper(colour: object) -> bool:
    return isinstance(colour, (tuple, list)) and len(colour) == 4 and all(abs(v) < 1e-6 for v in colour)


def lines_of_pdf(pdf: Path, resolved: ResolvedLayout, mode: str) -> list[list[Line]]:
    """Per column (of every page and copy), its lines from top to bottom."""
    out = []
    for page_index, chars in enumerate(_chars(pdf)):
        for x0, y0, x1, y1 in columns_of(resolved, mode, page_index):
            inside = [c for c in chars if x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1 and y0 - 1 <= c["top"] and c["bottom"] <= y1 + 1]
            rows: dict[float, list[dict]] = {}
            for c in sorted(inside, key=lambda c: (round(c["top"], 1), c["x0"])):
                key = next((k for k in rows if abs(k - c["top"]) < 1.0), c["top"])
                rows.setdefault(key, []).append(c)
            column = [_line(sorted(row, key=lambda c: c["x0"]), x1) for _, row in sorted(rows.items())]
            out.append([line for line in column if line.words])
    return out


def _line(chars: list[dict], right: float) -> Line:
    words: list[list[dict]] = []
    for c in chars:
        if c["text"].isspace():
            words.append([])
            continue
        if not words or not words[-1] or c["x0"] - words[-1][-1]["x1"] > 0.15 * c["size"]:
            words.append([])
        words[-1].append(c)
    words = [w for w in words if w]
    bullet = bool(words) and "".join(ch["text"] for ch in words[0]) == BULLET
    body = words[1:] if bullet else words
    if not body:
        return Line([], 0, 0, 0, 0, False, False, right, bullet, 0, 0)
    size = max(c["size"] for w in body for c in w)
    spaces = [b[0]["x0"] - a[-1]["x1"] for a, b in itertools.pairwise(body)]
    return Line(
        ["".join(ch["text"] for ch in w) for w in body],
        body[0][0]["x0"],
        body[-1][-1]["x1"],
        body[0][0]["top"],
        size,
        all("Bold" in c["fontname"] for w in body for c in w),
        all(_is_paper(c["non_stroking_color"]) for w in body for c in w),
        right,
        bullet,
        body[0][-1]["x1"] - body[0][0]["x0"],
        body[-1][0]["x0"],
        min(spaces) if spaces else 0.25 * size,
    )


def wraps_into(a: Line, b: Line) -> bool:
    """Whether the typesetter broke line ``a`` because ``b``'s first word did not fit after it."""
    if b.bullet or abs(a.size - b.size) > 0.01 or not 0 < b.top - a.top <= 1.5 * a.size or abs(a.x0 - b.x0) > 1.0:
        return False
    if a.words[-1].endswith("-"):
        return True
    return a.x1 + a.space + b.first_word_width > a.right - 0.5


def runs(column: list[Line]) -> list[list[Line]]:
    """The column's lines grouped into runs of wrapped text (a paragraph, or the part of one
    between forced breaks)."""
    out: list[list[Line]] = []
    for line in column:
        if out and wraps_into(out[-1][-1], line):
            out[-1].append(line)
        else:
            out.append([line])
    return out


_TRAILING = re.compile(r"[.,;:!?)'’\"]+$")


def hyphen_breaks(column: list[Line], corpus: str) -> list[Break]:
    """Words broken by hyphenation at a line end (not at a hyphen of their own, as in
    'e-mail' or 'land- en tuinbouw': ``corpus`` is the source text that tells them apart)."""
    breaks = []
    for run in runs(column):
        for a, b in itertools.pairwise(run):
            last = a.words[-1]
            if not last.endswith("-") or len(last) < 2:
                continue
            head, tail = last[:-1], _TRAILING.sub("", b.words[0])
            if f"{head}- {tail}" in corpus or f"{head}-{tail}" in corpus:
                continue  # the word's own hyphen
            breaks.append(Break(head, tail, a, a.right - a.last_word_x0))
    return breaks
