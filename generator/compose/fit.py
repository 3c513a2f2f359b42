"""Fit a panel's items into its frame: where each goes, or by how much the panel is too full.

Each panel is a fixed frame, as in InDesign: nothing flows into another panel, nothing is
clipped or shrunk. A panel with ``columns:`` flows its items through equal columns, balanced to
even heights (InDesign's "balance columns"), never leaving a heading at the foot of a column.
Overset text is a problem that names the block taking the most room in the panel, with its
layout line and the line of its tallest text: a block a designer added that overfills a panel
is taller than the room that was left, so it is that block; a text that grew enough to
overfill it is usually the tallest too; and either way it is where shortening gains the most.
The layout log also marks where the text runs out (the first item that no longer fits, as
InDesign marks overset text); blocks kept at the bottom (after a fill spacer or
``anchor: bottom``) are set first, from the bottom up, so that is never the 112 banner below.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.platypus import Flowable

from generator.blocktext.templating import Located
from generator.inputs.layout_models import MM, Panel
from generator.problems import Loc, Origin, Problem

__all__ = ["Item", "Overset", "Placed", "fit_panel", "overset_problem"]

_EPS = 0.01


@dataclass
class Item:
    """One thing to place: a paragraph, a list entry, a banner, a space."""

    flowable: Flowable
    space_before: float
    space_after: float
    fill: bool  # takes the room left over, before itself: a fill spacer, or the first item of `anchor: bottom`
    block_loc: Loc  # the layout rule that made it
    values: tuple[Located, ...]  # the located values printed in it
    keep_with_next: bool = False  # a heading: never the last thing in a column


@dataclass(frozen=True)
class Placed:
    """A flowable placed in trim coordinates (points, origin at the bottom-left of the trim)."""

    flowable: Flowable
    x: float
    y: float
    block_loc: Loc = ()  # the layout rule that made it
    values: tuple[Located, ...] = ()  # the located values printed in it


@dataclass(frozen=True)
class Overset:
    """Text that does not fit: the item to blame (the tallest text of the block taking the most
    room), by how much the panel is short, and the first item that no longer fits."""

    culprit: Item
    excess: float  # points
    width: float  # the panel's text width and height, points (to count the words to cut)
    height: float
    first: Item

    @property
    def missing_mm(self) -> float:
        return self.excess / MM


def _overset(items: list[Item], heights: list[float], missing: float, first: Item, width: float, height: float) -> Overset:
    blocks: dict[Loc, list[int]] = {}
    for i, item in enumerate(items):
        blocks.setdefault(item.block_loc, []).append(i)
    tallest = max(blocks.values(), key=lambda members: _stack(items, heights, members[0], members[-1] + 1))
    texts = [i for i in tallest if items[i].values] or tallest
    culprit = items[max(texts, key=lambda i: heights[i])]
    return Overset(culprit, missing, width, height, first)


def _stack(items: list[Item], heights: list[float], start: int, end: int) -> float:
    """Height of items[start:end] stacked in one column (no room above the first or below the last)."""
    if end <= start:
        return 0.0
    total = sum(heights[start:end])
    total += sum(item.space_before for item in items[start + 1 : end])
    total += sum(item.space_after for item in items[start : end - 1])
    return total


def fit_panel(panel: Panel, trim_height: float, items: list[Item]) -> tuple[list[Placed], float] | Overset:
    """The placed items and the height they use (the tallest column), or what is overset."""
    avail_w, avail_h = panel.column_width, panel.inner_height
    heights = [item.flowable.wrap(avail_w, avail_h)[1] for item in items]
    if panel.columns > 1:
        return _fit_columns(panel, trim_height, items, heights)
    total = _stack(items, heights, 0, len(items))
    if total > avail_h + _EPS:
        return _overset(items, heights, total - avail_h, _first_overset(items, heights, avail_h), avail_w, avail_h)
    fills = [item for item in items if item.fill]
    extra = (avail_h - total) / len(fills) if fills else 0.0
    top = trim_height - panel.y - panel.padding.top
    x = panel.x + panel.padding.left
    placed = []
    for i, (item, h) in enumerate(zip(items, heights, strict=True)):
        top -= (item.space_before if i else 0) + (extra if item.fill else 0)
        placed.append(Placed(item.flowable, x, top - h, item.block_loc, item.values))
        top -= h + item.space_after
    return placed, total


def _first_overset(items: list[Item], heights: list[float], avail_h: float) -> Item:
    """The first item that no longer fits. What sits at the bottom (from the last fill on) is set
    first, from the bottom up; the items above it run down until one crosses it."""
    split = max((i for i, item in enumerate(items) if item.fill), default=len(items))
    bottom = _stack(items, heights, split, len(items))
    gap = items[split - 1].space_after + items[split].space_before if 0 < split < len(items) else 0.0
    limit = avail_h - bottom - gap
    for i in range(split):
        if heights[i] > 0 and _stack(items, heights, 0, i + 1) > limit + _EPS:
            return items[i]
    # The bottom blocks alone are taller than the panel: the first of them that crosses its top.
    for i in range(split, len(items)):
        if heights[i] > 0 and _stack(items, heights, i, len(items)) > avail_h + _EPS:
            return items[i]
    return next((item for item, h in zip(items, heights, strict=True) if h > 0), items[-1])


def _fit_columns(panel: Panel, trim_height: float, items: list[Item], heights: list[float]) -> tuple[list[Placed], float] | Overset:
    avail_h = panel.inner_height
    breaks = _balance(items, heights, panel.columns, panel.keep_groups)
    columns = list(zip((0, *breaks), (*breaks, len(items)), strict=True))
    tallest = max(_stack(items, heights, a, b) for a, b in columns)
    if tallest > avail_h + _EPS:
        first = _first_overset_in_columns(items, heights, panel.columns, avail_h)
        return _overset(items, heights, tallest - avail_h, first, panel.column_width, avail_h)
    placed = []
    for c, (start, end) in enumerate(columns):
        top = trim_height - panel.y - panel.padding.top
        x = panel.x + panel.padding.left + c * (panel.column_width + panel.gutter)
        for i in range(start, end):
            top -= items[i].space_before if i > start else 0
            placed.append(Placed(items[i].flowable, x, top - heights[i]))
            top -= heights[i] + items[i].space_after
    return placed, tallest


def _balance(items: list[Item], heights: list[float], columns: int, keep_groups: bool) -> tuple[int, ...]:
    """Where each column after the first starts: the split with the lowest tallest column; of
    equal ones, the one with the fuller first columns (read left to right, the eye expects them
    no shorter than the next). A column never starts just after a heading, and with
    ``keep_groups`` only at one."""
    n = len(items)

    def allowed(k: int) -> bool:
        return 0 < k < n and not items[k - 1].keep_with_next and (items[k].keep_with_next or not keep_groups)

    @cache
    def best(start: int, left: int) -> tuple[float, tuple[float, ...], tuple[int, ...]]:
        """(tallest, negated heights, breaks) for items[start:] in ``left`` columns."""
        if left == 1:
            h = _stack(items, heights, start, n)
            return h, (-h,), ()
        options = []
        for k in range(start + 1, n):
            if allowed(k):
                h = _stack(items, heights, start, k)
                tallest, rest, breaks = best(k, left - 1)
                options.append((round(max(h, tallest), 3), (-h, *rest), (k, *breaks)))
        if not options:  # fewer items than columns, or headings everywhere: the rest in one column
            h = _stack(items, heights, start, n)
            return h, (-h,), ()
        return min(options)

    return best(0, columns)[2]


def _first_overset_in_columns(items: list[Item], heights: list[float], columns: int, avail_h: float) -> Item:
    """Columns filled one after the other as far as each goes: the first item the last one cannot take."""
    start = 0
    for _ in range(columns - 1):
        end = start
        while end < len(items) and _stack(items, heights, start, end + 1) <= avail_h + _EPS:
            end += 1
        while start < end < len(items) and items[end - 1].keep_with_next:
            end -= 1
        start = max(end, start + 1)
    for i in range(start, len(items)):
        if heights[i] > 0 and _stack(items, heights, start, i + 1) > avail_h + _EPS:
            return items[i]
    return items[-1]


def overset_problem(overset: Overset, job: str, place: str, layout_at: Origin, rule_origin: Origin, rule_field: str) -> Problem:
    """The fit problem, on the line of the text to shorten (or of its layout rule, for a block
    without text); the message names the panel's layout line and that block's, and how many
    words to cut."""
    from generator.compose.fit_advice import overflow_message, words_to_cut  # only a failing panel needs it

    # Of the values printed in the item, the longest that is not a fixed label (Tel., E-mail).
    values = [v for v in overset.culprit.values if not v.field.startswith("labels.")] or list(overset.culprit.values)
    value = max(values, key=len) if values else None
    origin = value.origin if value else rule_origin
    cut = words_to_cut(overset.culprit.flowable, value, overset.width, overset.height, overset.excess) if value else None
    places = f"{layout_at}; the block taking the most room: {rule_origin}"
    message = overflow_message(f"{job}, {place}", overset.missing_mm, cut, origin, places)
    return Problem(origin, value.field if value else rule_field, message, kind="fit", where=place)
