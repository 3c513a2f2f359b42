"""Typography a designer accepts, read from the text of every sample PDF (issue #12, item 7).

Lines and breaks are read with pdfplumber (tests/typography.py); only where the columns are
comes from the layout. A break at a word's own hyphen ('e-mail', 'land- en tuinbouw') is told
from hyphenation by the source text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from generator.blocktext.templating import Templates
from generator.inputs.layout_models import MM, Style
from generator.inputs.layouts import ResolvedLayout, load_layouts
from tests.conftest import ROOT
from tests.typography import Break, Line, hyphen_breaks, lines_of_pdf, runs

LAYOUTS, _ = load_layouts(ROOT / "layouts", Templates())
CORPUS = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "sources").rglob("*.yaml")))
ZONE = Style.model_fields["hyphenation_zone"].default
LETTERS = str.isalpha


def _pdfs(built: Path) -> list[tuple[Path, ResolvedLayout, str]]:
    rows = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert len(rows) == 14  # two complete regions, three products, two modes; and Utrecht's discreet card
    return [(built / row["path"], LAYOUTS[row["layout"]], row["mode"]) for row in rows]


@cache
def _columns(built: Path) -> list[tuple[str, list[Line]]]:
    return [(pdf.name, column) for pdf, resolved, mode in _pdfs(built) for column in lines_of_pdf(pdf, resolved, mode)]


@cache
def _breaks(built: Path) -> list[tuple[str, Break]]:
    return [(name, b) for name, column in _columns(built) for b in hyphen_breaks(column, CORPUS)]


def test_the_pdfs_are_read_line_by_line(built: Path) -> None:
    """The reading itself: every PDF gives lines, runs of wrapped lines, and some hyphenation."""
    columns = _columns(built)
    assert {name for name, _ in columns} == {pdf.name for pdf, _, _ in _pdfs(built)}
    assert sum(len(column) for _, column in columns) > 1000
    assert any(len(run) >= 3 for _, column in columns for run in runs(column))
    assert len(_breaks(built)) >= 10  # running text is hyphenated where it needs to be


def test_no_hyphenation_in_headings_titles_or_cover_text(built: Path) -> None:
    """Headings and titles are bold or 10.5 pt and larger; the cover's text is reversed out of its colour."""
    display = [f"{name}: {b.head}-{b.tail}" for name, b in _breaks(built) if b.line.bold or b.line.size >= 10.5 or b.line.reversed_out]
    assert display == []


def test_only_words_of_eight_letters_or_more_are_hyphenated(built: Path) -> None:
    short = [f"{name}: {b.head}-{b.tail}" for name, b in _breaks(built) if sum(map(LETTERS, b.head + b.tail)) < 8]
    assert short == []


def test_at_least_three_letters_on_each_side_of_a_break(built: Path) -> None:
    thin = [f"{name}: {b.head}-{b.tail}" for name, b in _breaks(built) if sum(map(LETTERS, b.head)) < 3 or sum(map(LETTERS, b.tail)) < 3]
    assert thin == []


def test_no_hyphenation_where_the_line_is_full_enough(built: Path) -> None:
    """A word is broken only where the line would otherwise end more than the hyphenation zone
    (10 mm) from its right edge: the room the line had for the broken word is at least that."""
    full = [f"{name}: {b.head}-{b.tail} ({b.room / MM:.1f} mm left)" for name, b in _breaks(built) if b.room < ZONE - 0.5]
    assert full == []


def test_no_single_word_last_line_in_paragraphs_of_three_lines_or_more(built: Path) -> None:
    lonely = [
        f"{name}: …{run[-2].text} / {run[-1].text}"
        for name, column in _columns(built)
        for run in runs(column)
        if len(run) >= 3 and len(run[-1].words) == 1
    ]
    assert lonely == []


def test_no_hyphenated_tail_alone_on_a_last_line(built: Path) -> None:
    """ "proble- / men" at the end of a two-line bullet: the tail of a broken word alone on the last line."""
    tails = [
        f"{name}: {b.head}- / {b.tail}"
        for name, column in _columns(built)
        for run in runs(column)
        for b in hyphen_breaks(run, CORPUS)
        if b.line is run[-2] and len(run[-1].words) == 1
    ]
    assert tails == []


@pytest.mark.parametrize("mode", ["press", "office"])
def test_checklist_signal_groups_are_balanced_over_the_columns(built: Path, mode: str) -> None:
    """Each group (a bold 11 pt heading and its boxes) whole in one column, and no group could move
    to the other column without making the taller one taller still."""
    for rid in ("utrecht", "hart-van-brabant"):
        pdf = built / rid / f"{rid}_checklist_nl_{mode}.pdf"
        resolved = LAYOUTS["checklist"]
        signals = next(i for i, panel in enumerate(resolved.layout.pages[0].panels) if panel.columns == 2)
        first_column = sum(panel.columns for panel in resolved.layout.pages[0].panels[:signals])
        left, right = lines_of_pdf(pdf, resolved, mode)[first_column : first_column + 2]
        groups = [_groups(left), _groups(right)]
        assert all(column and column[0].bold and column[0].size >= 11 for column in (left, right))  # each starts with a heading
        assert sum(len(g) for g in groups) == 5
        heights = [_height(column) for column in (left, right)]
        taller = heights.index(max(heights))
        movable = groups[0][-1] if taller == 0 else groups[1][0]  # the group at the column break
        gap = groups[taller][1][0].top - (groups[taller][0][-1].top + groups[taller][0][-1].size)  # between two groups
        assert min(heights) + gap + _height(movable) > max(heights), heights


def _groups(column: list[Line]) -> list[list[Line]]:
    out: list[list[Line]] = []
    for line in column:
        if (line.bold and line.size >= 11) or not out:
            out.append([])
        out[-1].append(line)
    return out


def _height(lines: list[Line]) -> float:
    return lines[-1].top + lines[-1].size - lines[0].top
