"""Fit a panel's items into its frame: where each goes, or by how much the panel is too full.

Each panel is a fixed frame, as in InDesign: nothing flows into another panel, nothing is
clipped or shrunk. Overset text is a problem that names the text most worth shortening.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from generator.compose.templating import Located
from generator.inputs.layout_models import MM, Panel
from generator.problems import Origin, Problem

__all__ = ["Item", "Overset", "Placed", "fit_panel", "overset_problem"]

Loc = tuple[str | int, ...]


@dataclass
class Item:
    """One thing to place: a paragraph, a list entry, a banner, a space."""

    flowable: Flowable
    space_before: float
    space_after: float
    fill: bool  # a spacer that takes the room left over
    block_loc: Loc  # the layout rule that made it
    values: tuple[Located, ...]  # the located values printed in it


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
    """Text that does not fit: which text to blame, and by how much the panel is short."""

    culprit: Item
    excess: float  # points
    width: float  # the panel's text width and height, points
    height: float

    @property
    def missing_mm(self) -> float:
        return self.excess / MM


def fit_panel(panel: Panel, trim_height: float, items: list[Item]) -> tuple[list[Placed], float] | Overset:
    """The placed items and the height they use, or what is overset."""
    avail_w = panel.width - 2 * panel.padding
    avail_h = panel.height - 2 * panel.padding
    heights = []
    total = 0.0
    for i, item in enumerate(items):
        _, h = item.flowable.wrap(avail_w, avail_h)
        heights.append(h)
        total += h + (item.space_before if i else 0) + (item.space_after if i < len(items) - 1 else 0)
    if total > avail_h + 0.01:
        # Blame the tallest text in the panel: the text that pushes the rest out is usually the one
        # that grew, and shortening it gains the most room. (The last item, often a fixed banner, rarely is.)
        culprit = max(
            (pair for pair in zip(heights, items, strict=True) if pair[1].values), key=lambda pair: pair[0], default=(0.0, items[-1])
        )[1]
        return Overset(culprit, total - avail_h, avail_w, avail_h)
    fills = [item for item in items if item.fill]
    extra = (avail_h - total) / len(fills) if fills else 0.0
    top = trim_height - panel.y - panel.padding
    x = panel.x + panel.padding
    placed = []
    for i, (item, h) in enumerate(zip(items, heights, strict=True)):
        top -= (item.space_before if i else 0) + (extra if item.fill else 0)
        placed.append(Placed(item.flowable, x, top - h, item.block_loc, item.values))
        top -= h + item.space_after
    return placed, total


def overset_problem(overset: Overset, where: str, layout_at: Origin, rule_origin: Origin, rule_field: str) -> Problem:
    """The fit problem, on the line of the text to shorten (or of the layout rule, for fixed text)."""
    from generator.compose.fit_advice import overflow_message, words_to_cut  # only a failing panel needs it

    value = max(overset.culprit.values, key=len) if overset.culprit.values else None
    origin = value.origin if value else rule_origin
    cut = words_to_cut(overset.culprit.flowable, value, overset.width, overset.height, overset.excess) if value else None
    return Problem(origin, value.field if value else rule_field, overflow_message(where, overset.missing_mm, cut, origin, layout_at))
