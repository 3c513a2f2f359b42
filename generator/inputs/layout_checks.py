"""Checks on a resolved layout, made when it is read: every panel inside the page and clear of
the folds (its safe area), blocks of known kinds with the keys their kind takes, styles and
colours the theme has, block texts that compile, image, QR and pictogram blocks that can be made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.blocktext.markup import markup_problems, unknown_colour
from generator.blocktext.templating import TemplateProblem, Templates
from generator.inputs.graphic_blocks import check_graphic_block
from generator.inputs.layout_models import GRAPHIC_BLOCKS, MM, RULE_COLOUR, Block, Panel
from generator.inputs.yaml_reader import suggest
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.inputs.layouts import ResolvedLayout

__all__ = ["SAFE_MARGIN", "check_layout"]


def check_layout(resolved: ResolvedLayout, templates: Templates) -> list[Problem]:
    layout, theme = resolved.layout, resolved.theme
    problems: list[Problem] = []
    try:
        templates.check(layout.title)
    except TemplateProblem as exc:
        problems.append(Problem(resolved.origin("title"), "title", str(exc)))
    for p, page in enumerate(layout.pages):
        names = set()
        for q, panel in enumerate(page.panels):
            loc: tuple[str | int, ...] = ("pages", p, "panels", q)
            field = f"pages[{p}].panels[{q}]"
            if panel.name in names:
                problems.append(
                    Problem(resolved.origin(*loc, "name"), f"{field}.name", f"'{panel.name}' is used twice on page '{page.name}'")
                )
            names.add(panel.name)
            eps = 0.01
            if (
                panel.x < -eps
                or panel.y < -eps
                or panel.x + panel.width > layout.trim.width + eps
                or panel.y + panel.height > layout.trim.height + eps
            ):
                problems.append(
                    Problem(
                        resolved.origin(*loc), field, f"panel '{panel.name}' reaches outside the trim size; check x, y, width and height"
                    )
                )
            problems.extend(_check_safe_area(resolved, page.folds, panel, loc, field))
            if panel.background and panel.background not in theme.colours:
                problems.append(
                    Problem(
                        resolved.origin(*loc, "background"), f"{field}.background", unknown_colour(panel.background, list(theme.colours))
                    )
                )
            if panel.column_width < 10 * MM:
                problems.append(
                    Problem(
                        resolved.origin(*loc, "columns"),
                        f"{field}.columns",
                        f"panel '{panel.name}': {panel.columns} columns leave {panel.column_width / MM:.1f} mm each; "
                        "use fewer columns, a smaller gutter or padding",
                    )
                )
            for b, block in enumerate(panel.blocks):
                problems.extend(_check_block(block, resolved, (*loc, "blocks", b), f"{field}.blocks[{b}]", templates))
            problems.extend(_check_flow(resolved, panel, loc, field))
    return problems


def _check_flow(resolved: ResolvedLayout, panel: Panel, loc: tuple[str | int, ...], field: str) -> list[Problem]:
    """Where the blocks of a panel go: a heading with its text, one bottom anchor, no push in columns."""
    problems = []
    content = [(b, block) for b, block in enumerate(panel.blocks) if block.type not in ("spacer", "rule")]
    if content and content[-1][1].type == "heading":
        b = content[-1][0]
        problems.append(
            Problem(
                resolved.origin(*loc, "blocks", b),
                f"{field}.blocks[{b}]",
                f"a heading is the last thing in panel '{panel.name}'; move it to the panel with its text",
            )
        )
    anchors = [b for b, block in enumerate(panel.blocks) if block.anchor == "bottom"]
    fills = [b for b, block in enumerate(panel.blocks) if block.type == "spacer" and block.height == "fill"]
    for b in anchors[1:]:
        problems.append(
            Problem(
                resolved.origin(*loc, "blocks", b, "anchor"),
                f"{field}.blocks[{b}].anchor",
                f"panel '{panel.name}' already sits everything from block {anchors[0]} on at the bottom; remove this anchor",
            )
        )
    for b in fills:
        if anchors:  # both take the room left over: the panel would split it between them
            problems.append(
                Problem(
                    resolved.origin(*loc, "blocks", b),
                    f"{field}.blocks[{b}]",
                    f"a fill spacer next to `anchor: bottom` (block {anchors[0]}) has no room to fill; remove one of the two",
                )
            )
    if panel.columns > 1:
        for b in [*anchors, *fills]:
            problems.append(
                Problem(
                    resolved.origin(*loc, "blocks", b),
                    f"{field}.blocks[{b}]",
                    f"panel '{panel.name}' has {panel.columns} columns, balanced to even heights: nothing can be pushed to the bottom; "
                    "put bottom blocks in a panel of their own",
                )
            )
    return problems


SAFE_MARGIN = 3 * MM  # text keeps this far from the trim and from every fold


def _check_safe_area(resolved: ResolvedLayout, folds: list[float], panel: Panel, loc: tuple[str | int, ...], field: str) -> list[Problem]:
    """Text stays 3 mm inside the trim and 3 mm away from folds: cutting and folding are never exact."""
    if not panel.blocks:
        return []
    trim = resolved.layout.trim
    pad = panel.padding
    x0, y0 = panel.x + pad.left, panel.y + pad.top
    x1, y1 = panel.x + panel.width - pad.right, panel.y + panel.height - pad.bottom
    problems = []
    if min(x0, y0, trim.width - x1, trim.height - y1) < SAFE_MARGIN - 0.01:
        problems.append(
            Problem(
                resolved.origin(*loc),
                field,
                f"panel '{panel.name}': text would come closer than 3 mm to the trim; increase padding or move the panel",
            )
        )
    for fold in folds:
        if x0 - SAFE_MARGIN + 0.01 < fold < x1 + SAFE_MARGIN - 0.01:
            problems.append(
                Problem(
                    resolved.origin(*loc),
                    field,
                    f"panel '{panel.name}': text would come closer than 3 mm to the fold at "
                    f"{fold / MM:g} mm; keep panels between folds and their padding at least 3 mm",
                )
            )
    return problems


_TEXT_TYPES = ("heading", "paragraph", "banner")


_LIST_TYPES = ("bullets", "checklist", "contacts")


def _check_block(block: Block, resolved: ResolvedLayout, loc: tuple[str | int, ...], field: str, templates: Templates) -> list[Problem]:
    problems = []
    theme = resolved.theme
    style = block.style or block.type
    # A rule needs no style (its thickness and colour have defaults), nor does an image, QR code or pictogram.
    needs_style = block.type != "spacer" and (bool(block.style) or block.type not in ("rule", *GRAPHIC_BLOCKS))
    if needs_style and style not in theme.styles:
        problems.append(
            Problem(
                resolved.origin(*loc, "style" if block.style else "type"),
                f"{field}.style",
                f"unknown style '{style}'{suggest(style, list(theme.styles))}; add it to theme.yaml styles:",
            )
        )
    if block.type != "rule":
        for key in ("thickness", "colour"):
            pictograms = block.type in ("pictogram", "contacts") or (block.type == "bullets" and block.name)
            if getattr(block, key) is not None and not (key == "colour" and pictograms):
                problems.append(
                    Problem(
                        resolved.origin(*loc, key),
                        f"{field}.{key}",
                        f"{key}: is for rule blocks; a {block.type} block takes its look from its style",
                    )
                )
    elif block.colour is not None and block.colour not in theme.colours:
        problems.append(Problem(resolved.origin(*loc, "colour"), f"{field}.colour", unknown_colour(block.colour, list(theme.colours))))
    elif block.colour is None and not block.style and "rule" not in theme.styles and RULE_COLOUR not in theme.colours:
        problems.append(
            Problem(
                resolved.origin(*loc), f"{field}.colour", f"the theme has no colour '{RULE_COLOUR}' for a rule; give the rule a colour:"
            )
        )
    if block.type == "spacer" and block.height == "fill" and block.anchor == "bottom":
        problems.append(
            Problem(
                resolved.origin(*loc, "anchor"), f"{field}.anchor", "a fill spacer already pushes what follows down; remove one of the two"
            )
        )
    needs_items = block.type in _LIST_TYPES
    if needs_items and not block.items:
        problems.append(Problem(resolved.origin(*loc), f"{field}.items", f"a {block.type} block needs items:"))
    if block.type in _TEXT_TYPES and not block.text:
        problems.append(Problem(resolved.origin(*loc), f"{field}.text", f"a {block.type} block needs text:"))
    if block.type in GRAPHIC_BLOCKS or (block.colour and block.type != "rule") or (block.type == "bullets" and block.name):
        problems.extend(check_graphic_block(block, theme, resolved.origin, loc, field))
    for key in ("text", "item", "url"):
        source = getattr(block, key)
        try:
            templates.check(source)
        except TemplateProblem as exc:
            problems.append(Problem(resolved.origin(*loc, key), f"{field}.{key}", str(exc)))
            continue
        problems.extend(
            Problem(resolved.origin(*loc, key), f"{field}.{key}", message) for message in markup_problems(source, list(theme.colours))
        )
    return problems
