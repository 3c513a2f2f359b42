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

from generator.blocktext.templating import Templates
from generator.inputs.file_names import folder_not_found, misnamed_message, yaml_files
from generator.inputs.graphic_blocks import graphic_files
from generator.inputs.layout_checks import check_layout
from generator.inputs.layout_models import Layout, Theme
from generator.inputs.themes import (
    BASE_THEME,
    THEME_SUFFIX,
    ThemeSource,
    check_theme,
    theme_file_problems,
    theme_font_files,
    theme_source,
    validate_theme,
)
from generator.inputs.validation import validate
from generator.inputs.yaml_reader import MapNode, merge, origin_of, read_yaml, suggest
from generator.problems import Origin, Problem, ProblemsFound
from generator.vocabulary import PRODUCTS

__all__ = ["ResolvedLayout", "load_layouts", "with_theme"]

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
    theme_name: str = BASE_THEME  # the region theme it is combined with (theme.yaml alone: "theme")
    layout_files: tuple[Path, ...] = ()  # the layout's extends: chain, base first

    def origin(self, *loc: str | int) -> Origin:
        return origin_of(self.raw, loc, Origin(str(self.file)))


def load_layouts(root: Path, templates: Templates) -> tuple[dict[str, ResolvedLayout], list[Problem]]:
    """Every layout in ``root``; problems are collected, not raised."""
    problems: list[Problem] = []
    if not root.is_dir():
        return {}, [folder_not_found(root, "layouts")]
    theme_path = root / "theme.yaml"
    try:
        theme_raw = read_yaml(theme_path, str(theme_path))
    except ProblemsFound as exc:
        return {}, exc.problems
    raws: dict[str, Any] = {}
    layout_files, misnamed = yaml_files(root)
    problems.extend(Problem(Origin(str(path)), "", misnamed_message(path, path.name.split('.', 1)[0].lower())) for path in misnamed)
    for path in layout_files:
        if path.stem == BASE_THEME:
            continue
        if path.name.endswith(THEME_SUFFIX):
            problems.extend(theme_file_problems(root, path.name.removesuffix(THEME_SUFFIX)))
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


def with_theme(resolved: ResolvedLayout, theme_name: str, templates: Templates) -> ResolvedLayout:
    """The layout combined with a region theme (``<theme_name>.theme.yaml``); raises ProblemsFound."""
    return _resolve(resolved.name, resolved.raw, resolved.layout_files, resolved.root, theme_source(resolved.root, theme_name), templates)


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
        theme = validate_theme(theme_data, fallback)
        font_files = theme_font_files(theme, theme_data, root, fallback)
    except ProblemsFound as exc:
        raise ProblemsFound(problems + exc.problems) from None
    if layout is None:
        raise ProblemsFound(problems + check_theme(theme, theme_data, root))
    fonts = tuple(path for faces in font_files.values() for path in faces.values())
    graphics, graphic_problems = graphic_files(layout, theme, raw, theme_data, layout_files[-1], root)  # images, CMYK profile: inputs too
    resolved = ResolvedLayout(
        name, layout, theme, raw, layout_files[-1], (*theme_files, *layout_files, *fonts, *graphics), root, theme_name, layout_files
    )
    problems = graphic_problems + check_theme(theme, theme_data, root) + check_layout(resolved, templates)
    if problems:
        raise ProblemsFound(problems)
    return resolved


