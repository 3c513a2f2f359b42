"""Read ``layouts/``: the theme and one layout per product, with ``extends:`` resolved.

A layout that extends another is merged onto it: mappings key by key, and lists of named
things (pages, panels) by ``name``; any other list (such as a panel's blocks) is replaced
whole. ``theme:`` inside a layout is merged onto ``theme.yaml`` the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.compose.templating import TemplateProblem, Templates
from generator.inputs.font_files import FontProblem, font_paths
from generator.inputs.graphic_blocks import check_graphic_block, graphic_files
from generator.inputs.layout_models import GRAPHIC_BLOCKS, MM, Block, Layout, Panel, Theme
from generator.inputs.validation import validate
from generator.inputs.yaml_reader import MapNode, SeqNode, origin_of, read_yaml, suggest
from generator.problems import Origin, Problem, ProblemsFound
from generator.vocabulary import PRODUCTS

__all__ = ["SAFE_MARGIN", "ResolvedLayout", "load_layouts", "merge"]

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ResolvedLayout:
    name: str
    layout: Layout
    theme: Theme
    raw: Any  # merged YAML, for the origin of every value
    file: Path  # the layout's own file
    files: tuple[Path, ...]  # every file this layout depends on (for input hashes)
    root: Path

    def origin(self, *loc: str | int) -> Origin:
        return origin_of(self.raw, loc, Origin(str(self.file)))


def merge(base: Any, over: Any) -> Any:
    if isinstance(base, MapNode) and isinstance(over, MapNode):
        out = MapNode(base)
        out.origin, out.key_origin = over.origin, dict(base.key_origin)
        for key, value in over.items():
            out[key] = merge(base[key], value) if key in base else value
            out.key_origin[key] = over.key_origin[key]
        return out
    if isinstance(base, SeqNode) and isinstance(over, SeqNode) and _named(base) and _named(over):
        out_seq = SeqNode(base)
        out_seq.origin, out_seq.item_origin = over.origin, list(base.item_origin)
        index = {item["name"]: i for i, item in enumerate(base)}
        for item, origin in zip(over, over.item_origin, strict=True):
            if item["name"] in index:
                out_seq[index[item["name"]]] = merge(base[index[item["name"]]], item)
                out_seq.item_origin[index[item["name"]]] = origin
            else:
                out_seq.append(item)
                out_seq.item_origin.append(origin)
        return out_seq
    return over


def _named(seq: list[Any]) -> bool:
    return all(isinstance(item, MapNode) and "name" in item for item in seq)


def load_layouts(root: Path, templates: Templates) -> tuple[dict[str, ResolvedLayout], list[Problem]]:
    """Every layout in ``root``; problems are collected, not raised."""
    problems: list[Problem] = []
    if not root.is_dir():
        return {}, [Problem(Origin(str(root)), "", "layouts folder not found; pass --layouts DIR")]
    theme_path = root / "theme.yaml"
    try:
        theme_raw = read_yaml(theme_path, str(theme_path))
    except ProblemsFound as exc:
        return {}, exc.problems
    raws: dict[str, Any] = {}
    for path in sorted(root.glob("*.yaml")):
        if path.stem == "theme":
            continue
        if not _NAME.match(path.stem):
            problems.append(Problem(Origin(str(path)), "", "layout file names are lower-case words with hyphens"))
            continue
        try:
            raws[path.stem] = read_yaml(path, str(path))
        except ProblemsFound as exc:
            problems.extend(exc.problems)
    layouts: dict[str, ResolvedLayout] = {}
    for name in raws:
        try:
            layouts[name] = _resolve(name, raws, root, theme_raw, templates)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
    for product in PRODUCTS:
        if product not in raws:
            problems.append(
                Problem(Origin(str(root / f"{product}.yaml")), "", f"missing: every product needs a default layout {product}.yaml")
            )
    # Every layout validates the shared theme: report each theme problem once, not once per layout.
    return layouts, list(dict.fromkeys(problems))


def _resolve(name: str, raws: dict[str, Any], root: Path, theme_raw: Any, templates: Templates) -> ResolvedLayout:
    chain = [name]
    raw = raws[name]
    while isinstance(raw, MapNode) and raw.get("extends"):
        parent = str(raw["extends"])
        origin = raw.key_origin["extends"]
        if parent not in raws:
            raise ProblemsFound([Problem(origin, "extends", f"no layout '{parent}' in {root}{suggest(parent, list(raws))}")])
        if parent in chain:
            raise ProblemsFound([Problem(origin, "extends", f"layouts extend each other in a circle: {' -> '.join([*chain, parent])}")])
        chain.append(parent)
        merged = merge(raws[parent], raw)
        merged.pop("extends", None)
        if raws[parent].get("extends"):
            merged["extends"] = raws[parent]["extends"]
            merged.key_origin["extends"] = raws[parent].key_origin["extends"]
        raw = merged
    files = tuple(root / f"{n}.yaml" for n in reversed(chain))
    layout = validate(Layout, raw, Origin(str(files[-1])))
    theme_data = merge(theme_raw, raw["theme"]) if isinstance(raw.get("theme"), MapNode) else theme_raw
    theme = validate(Theme, theme_data, Origin(str(root / "theme.yaml")))
    font_files: dict[str, dict[str, Path]] = {}
    problems: list[Problem] = []
    for fam_name, spec in theme.fonts.items():
        try:
            font_files[fam_name] = font_paths(fam_name, spec, root)
        except FontProblem as exc:
            problems.append(
                Problem(origin_of(theme_data, ("fonts", fam_name), Origin(str(root / "theme.yaml"))), f"fonts.{fam_name}", str(exc))
            )
    if problems:
        raise ProblemsFound(problems)
    fonts = tuple(path for faces in font_files.values() for path in faces.values())
    graphics, problems = graphic_files(layout, theme, raw, theme_data, files[-1], root)  # images and the CMYK profile are inputs too
    resolved = ResolvedLayout(name, layout, theme, raw, files[-1], (root / "theme.yaml", *files, *fonts, *graphics), root)
    problems += _check_theme(theme, theme_data, root) + _check_layout(resolved, templates)
    if problems:
        raise ProblemsFound(problems)
    return resolved


def _check_theme(theme: Theme, raw: Any, root: Path) -> list[Problem]:
    problems = []
    fallback = Origin(str(root / "theme.yaml"))
    for style_name, style in theme.styles.items():
        where = ("styles", style_name)
        if style.font not in theme.fonts:
            problems.append(
                Problem(
                    origin_of(raw, (*where, "font"), fallback),
                    f"styles.{style_name}.font",
                    f"unknown font '{style.font}'{suggest(style.font, list(theme.fonts))}",
                )
            )
        for key in ("colour", "background"):
            colour = getattr(style, key)
            if colour is not None and colour not in theme.colours:
                problems.append(
                    Problem(
                        origin_of(raw, (*where, key), fallback),
                        f"styles.{style_name}.{key}",
                        f"unknown colour '{colour}'{suggest(colour, list(theme.colours))}",
                    )
                )
        if style.size < theme.min_size - 1e-6:
            problems.append(
                Problem(
                    origin_of(raw, (*where, "size"), fallback),
                    f"styles.{style_name}.size",
                    f"{style.size:g}pt is below the minimum type size {theme.min_size:g}pt; make it larger",
                )
            )
    return problems


def _check_layout(resolved: ResolvedLayout, templates: Templates) -> list[Problem]:
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
                        resolved.origin(*loc, "background"),
                        f"{field}.background",
                        f"unknown colour '{panel.background}'{suggest(panel.background, list(theme.colours))}",
                    )
                )
            for b, block in enumerate(panel.blocks):
                problems.extend(_check_block(block, resolved, (*loc, "blocks", b), f"{field}.blocks[{b}]", templates))
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
    return problems


SAFE_MARGIN = 3 * MM  # text keeps this far from the trim and from every fold


def _check_safe_area(resolved: ResolvedLayout, folds: list[float], panel: Panel, loc: tuple[str | int, ...], field: str) -> list[Problem]:
    """Text stays 3 mm inside the trim and 3 mm away from folds: cutting and folding are never exact."""
    if not panel.blocks:
        return []
    trim = resolved.layout.trim
    x0, y0 = panel.x + panel.padding, panel.y + panel.padding
    x1, y1 = panel.x + panel.width - panel.padding, panel.y + panel.height - panel.padding
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


def _check_block(block: Block, resolved: ResolvedLayout, loc: tuple[str | int, ...], field: str, templates: Templates) -> list[Problem]:
    problems = []
    style = block.style or block.type
    if (block.type not in ("spacer", *GRAPHIC_BLOCKS) or block.style) and style not in resolved.theme.styles:
        problems.append(
            Problem(
                resolved.origin(*loc, "style" if block.style else "type"),
                f"{field}.style",
                f"unknown style '{style}'{suggest(style, list(resolved.theme.styles))}; add it to theme.yaml styles:",
            )
        )
    needs_items = block.type in ("bullets", "checklist", "contacts")
    if needs_items and not block.items:
        problems.append(Problem(resolved.origin(*loc), f"{field}.items", f"a {block.type} block needs items:"))
    if block.type in ("heading", "paragraph", "banner") and not block.text:
        problems.append(Problem(resolved.origin(*loc), f"{field}.text", f"a {block.type} block needs text:"))
    if block.type in GRAPHIC_BLOCKS or block.colour:
        problems.extend(check_graphic_block(block, resolved.theme, resolved.origin, loc, field))
    for key in ("text", "item", "url"):
        try:
            templates.check(getattr(block, key))
        except TemplateProblem as exc:
            problems.append(Problem(resolved.origin(*loc, key), f"{field}.{key}", str(exc)))
    return problems
