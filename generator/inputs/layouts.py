"""Read ``layouts/``: the theme, the region themes and one layout per product, with ``extends:`` resolved.

A layout that extends another is merged onto it: mappings key by key, and lists of named
things (pages, panels) by ``name``; any other list (such as a panel's blocks) is replaced
whole. A region theme (``<name>.theme.yaml``) extends ``theme`` (theme.yaml) or another region
theme the same way. A job's theme is theme.yaml, then its region's theme file (if the region
names one), then the layout's own ``theme:`` key, each merged onto the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.compose.markup import markup_problems, unknown_colour
from generator.compose.templating import TemplateProblem, Templates
from generator.inputs.font_files import FontProblem, font_paths
from generator.inputs.graphic_blocks import check_graphic_block, graphic_files
from generator.inputs.layout_models import GRAPHIC_BLOCKS, MM, RULE_COLOUR, Block, Layout, Panel, Style, Theme, parse_type_size
from generator.inputs.validation import validate
from generator.inputs.yaml_reader import MapNode, SeqNode, origin_of, read_yaml, suggest
from generator.problems import Origin, Problem, ProblemsFound
from generator.vocabulary import PRODUCTS

__all__ = ["BASE_THEME", "SAFE_MARGIN", "THEME_SUFFIX", "ResolvedLayout", "load_layouts", "merge", "unknown_colour", "with_theme"]

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
BASE_THEME = "theme"  # theme.yaml: the house style every layout starts from
THEME_SUFFIX = ".theme.yaml"  # a region theme: layouts/<name>.theme.yaml


@dataclass(frozen=True)
class ResolvedLayout:
    name: str
    layout: Layout
    theme: Theme
    raw: Any  # merged YAML, for the origin of every value
    file: Path  # the layout's own file
    files: tuple[Path, ...]  # every file this layout depends on (for input hashes)
    root: Path
    theme_name: str = BASE_THEME  # the region theme it is combined with (theme.yaml alone: "theme")
    layout_files: tuple[Path, ...] = ()  # the layout's extends: chain, base first

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
        if path.stem == BASE_THEME:
            continue
        if path.name.endswith(THEME_SUFFIX):
            problems.extend(_theme_file_problems(root, path.name.removesuffix(THEME_SUFFIX)))
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
            raw, files = _merged_layout(name, raws, root)
            layouts[name] = _resolve(name, raw, files, root, (theme_raw, (theme_path,), BASE_THEME), templates)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
    for product in PRODUCTS:
        if product not in raws:
            problems.append(
                Problem(Origin(str(root / f"{product}.yaml")), "", f"missing: every product needs a default layout {product}.yaml")
            )
    # Every layout validates the shared theme: report each theme problem once, not once per layout.
    return layouts, list(dict.fromkeys(problems))


def _merged_layout(name: str, raws: dict[str, Any], root: Path) -> tuple[Any, tuple[Path, ...]]:
    """The layout with its ``extends:`` chain merged in, and the chain's files (base first)."""
    chain = [name]
    raw = raws[name]
    while isinstance(raw, MapNode) and raw.get("extends"):
        parent = str(raw["extends"])
        origin = raw.key_origin["extends"]
        if parent == BASE_THEME:
            raise ProblemsFound(
                [
                    Problem(
                        origin,
                        "extends",
                        f"'{BASE_THEME}' is theme.yaml, not a layout; extend a layout "
                        f"({', '.join(sorted(n for n in raws if n not in chain))}) and change colours or styles under this "
                        f"file's theme: key, or give a region a theme of its own for every product (<name>{THEME_SUFFIX})",
                    )
                ]
            )
        if parent not in raws:
            others = [n for n in raws if n not in chain]  # never suggest the file itself
            raise ProblemsFound([Problem(origin, "extends", f"no layout '{parent}' in {root}{suggest(parent, others)}")])
        if parent in chain:
            raise ProblemsFound([Problem(origin, "extends", f"layouts extend each other in a circle: {' -> '.join([*chain, parent])}")])
        chain.append(parent)
        merged = merge(raws[parent], raw)
        merged.pop("extends", None)
        if raws[parent].get("extends"):
            merged["extends"] = raws[parent]["extends"]
            merged.key_origin["extends"] = raws[parent].key_origin["extends"]
        raw = merged
    return raw, tuple(root / f"{n}.yaml" for n in reversed(chain))


ThemeSource = tuple[Any, tuple[Path, ...], str]  # merged raw theme, its files (base first), its name


def _theme_source(root: Path, name: str) -> ThemeSource:
    """theme.yaml, or a region theme with its ``extends:`` chain merged in."""
    base_path = root / "theme.yaml"
    if name == BASE_THEME:
        return read_yaml(base_path, str(base_path)), (base_path,), name
    chain: list[str] = []
    current: str = name
    raws: list[Any] = []
    while current != BASE_THEME:
        if current in chain:
            raise ProblemsFound(
                [
                    Problem(
                        Origin(str(root / f"{current}{THEME_SUFFIX}")),
                        "extends",
                        f"themes extend each other in a circle: {' -> '.join([*chain, current])}",
                    )
                ]
            )
        path = root / f"{current}{THEME_SUFFIX}"
        raw = read_yaml(path, str(path))
        if not isinstance(raw, MapNode):
            raise ProblemsFound(
                [Problem(Origin(str(path)), "", "expected keys and values: extends: theme, then the colours, fonts or styles that change")]
            )
        chain.append(current)
        raws.append(raw)
        if "extends" not in raw:
            break  # a whole theme of its own
        parent = str(raw["extends"])
        if parent != BASE_THEME and not (root / f"{parent}{THEME_SUFFIX}").is_file():
            themes = [BASE_THEME, *sorted(p.name.removesuffix(THEME_SUFFIX) for p in root.glob(f"*{THEME_SUFFIX}"))]
            others = [t for t in themes if t not in chain]
            raise ProblemsFound(
                [
                    Problem(
                        raw.key_origin["extends"],
                        "extends",
                        f"no theme '{parent}' in {root}{suggest(parent, others)}; "
                        f"write extends: {BASE_THEME} (theme.yaml) or the name of a <name>{THEME_SUFFIX} file",
                    )
                ]
            )
        current = parent
    files = [root / f"{n}{THEME_SUFFIX}" for n in reversed(chain)]
    merged: Any = None
    if "extends" in raws[-1]:  # the chain ends at theme.yaml
        merged = read_yaml(base_path, str(base_path))
        files.insert(0, base_path)
    for raw in reversed(raws):
        own = MapNode({k: v for k, v in raw.items() if k != "extends"})
        own.origin, own.key_origin = raw.origin, {k: o for k, o in raw.key_origin.items() if k != "extends"}
        merged = own if merged is None else merge(merged, own)
    return merged, tuple(files), name


def _theme_file_problems(root: Path, name: str) -> list[Problem]:
    """A region theme checked on its own, so a mistake shows before any region uses it."""
    path = root / f"{name}{THEME_SUFFIX}"
    if not _NAME.match(name):
        return [Problem(Origin(str(path)), "", f"theme file names are lower-case words with hyphens, then {THEME_SUFFIX}")]
    try:
        data, _, _ = _theme_source(root, name)
        fallback = Origin(str(path))
        theme = _validate_theme(data, fallback)
        _font_files(theme, data, root, fallback)
    except ProblemsFound as exc:
        return exc.problems
    return _check_theme(theme, data, root)


def with_theme(resolved: ResolvedLayout, theme_name: str, templates: Templates) -> ResolvedLayout:
    """The layout combined with a region theme (``<theme_name>.theme.yaml``); raises ProblemsFound."""
    return _resolve(resolved.name, resolved.raw, resolved.layout_files, resolved.root, _theme_source(resolved.root, theme_name), templates)


def _validate_theme(data: Any, fallback: Origin) -> Theme:
    """The theme, or every problem in it: a wrong value does not hide the checks of the other styles."""
    try:
        return validate(Theme, data, fallback)
    except ProblemsFound as exc:
        raise ProblemsFound(exc.problems + _check_styles_of_invalid_theme(data, fallback)) from None


def _check_styles_of_invalid_theme(data: Any, fallback: Origin) -> list[Problem]:
    """The style checks on every style that is valid by itself, for a theme that is not."""
    if not isinstance(data, MapNode) or not isinstance(data.get("styles"), MapNode):
        return []
    colours = list(data["colours"]) if isinstance(data.get("colours"), MapNode) else None
    fonts = list(data["fonts"]) if isinstance(data.get("fonts"), MapNode) else None
    try:
        min_size = parse_type_size(data["min_size"]) if "min_size" in data else float(Theme.model_fields["min_size"].default)
    except ValueError:
        min_size = None
    problems = []
    for name, raw_style in data["styles"].items():
        try:
            style = Style.model_validate(raw_style)
        except ValidationError:  # its own problems are reported by the theme's validation
            continue
        problems.extend(_style_problems(name, style, colours, fonts, min_size, data, fallback))
    return problems


def _font_files(theme: Theme, theme_data: Any, root: Path, fallback: Origin) -> dict[str, dict[str, Path]]:
    font_files: dict[str, dict[str, Path]] = {}
    problems: list[Problem] = []
    for fam_name, spec in theme.fonts.items():
        try:
            font_files[fam_name] = font_paths(fam_name, spec, root)
        except FontProblem as exc:
            problems.append(Problem(origin_of(theme_data, ("fonts", fam_name), fallback), f"fonts.{fam_name}", str(exc)))
    if problems:
        raise ProblemsFound(problems)
    return font_files


def _resolve(
    name: str, raw: Any, layout_files: tuple[Path, ...], root: Path, theme_source: ThemeSource, templates: Templates
) -> ResolvedLayout:
    theme_raw, theme_files, theme_name = theme_source
    problems: list[Problem] = []
    layout: Layout | None = None
    try:
        layout = validate(Layout, raw, Origin(str(layout_files[-1])))
    except ProblemsFound as exc:
        problems.extend(exc.problems)
    theme_data = merge(theme_raw, raw["theme"]) if isinstance(raw, MapNode) and isinstance(raw.get("theme"), MapNode) else theme_raw
    fallback = Origin(str(theme_files[-1]))
    try:
        theme = _validate_theme(theme_data, fallback)
        font_files = _font_files(theme, theme_data, root, fallback)
    except ProblemsFound as exc:
        raise ProblemsFound(problems + exc.problems) from None
    if layout is None:
        raise ProblemsFound(problems + _check_theme(theme, theme_data, root))
    fonts = tuple(path for faces in font_files.values() for path in faces.values())
    graphics, graphic_problems = graphic_files(layout, theme, raw, theme_data, layout_files[-1], root)  # images, CMYK profile: inputs too
    resolved = ResolvedLayout(
        name, layout, theme, raw, layout_files[-1], (*theme_files, *layout_files, *fonts, *graphics), root, theme_name, layout_files
    )
    problems = graphic_problems + _check_theme(theme, theme_data, root) + _check_layout(resolved, templates)
    if problems:
        raise ProblemsFound(problems)
    return resolved


def _check_theme(theme: Theme, raw: Any, root: Path) -> list[Problem]:
    fallback = Origin(str(root / "theme.yaml"))
    problems = []
    for style_name, style in theme.styles.items():
        problems.extend(_style_problems(style_name, style, list(theme.colours), list(theme.fonts), theme.min_size, raw, fallback))
    return problems


def _style_problems(
    style_name: str, style: Style, colours: list[str] | None, fonts: list[str] | None, min_size: float | None, raw: Any, fallback: Origin
) -> list[Problem]:
    """One style's checks against the theme's colours, fonts and minimum size (None: not known)."""
    problems = []
    where = ("styles", style_name)
    if fonts is not None and style.font not in fonts:
        problems.append(
            Problem(
                origin_of(raw, (*where, "font"), fallback),
                f"styles.{style_name}.font",
                f"unknown font '{style.font}'{suggest(style.font, fonts)}",
            )
        )
    for key in ("colour", "background"):
        colour = getattr(style, key)
        if colours is not None and colour is not None and colour not in colours:
            problems.append(Problem(origin_of(raw, (*where, key), fallback), f"styles.{style_name}.{key}", unknown_colour(colour, colours)))
    if min_size is not None and style.size < min_size - 1e-6:
        problems.append(
            Problem(
                origin_of(raw, (*where, "size"), fallback),
                f"styles.{style_name}.size",
                f"{style.size:g}pt is below the minimum type size {min_size:g}pt; make it larger",
            )
        )
    if style.shrink_to is not None and min_size is not None and not min_size - 1e-6 <= style.shrink_to <= style.size + 1e-6:
        problems.append(
            Problem(
                origin_of(raw, (*where, "shrink_to"), fallback),
                f"styles.{style_name}.shrink_to",
                f"{style.shrink_to:g}pt is not between the minimum type size {min_size:g}pt and the style's size {style.size:g}pt",
            )
        )
    if style.leading is not None and style.leading < style.size - 1e-6:
        problems.append(
            Problem(
                origin_of(raw, (*where, "leading"), fallback),
                f"styles.{style_name}.leading",
                f"{style.leading:g}pt is less than the type size {style.size:g}pt, so lines would print over each other; "
                f"make it at least {style.size:g}pt (1.2 × size is usual)",
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
