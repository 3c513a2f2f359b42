"""The theme chain: theme.yaml, a region theme (``<name>.theme.yaml``, extending ``theme`` or
another region theme), a layout's own ``theme:`` key, each merged onto the one before; and the
checks on the styles, colours and fonts a theme declares."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.blocktext.markup import unknown_colour
from generator.inputs.font_files import FontProblem, font_paths
from generator.inputs.layout_models import Style, Theme, parse_type_size
from generator.inputs.validation import validate
from generator.inputs.yaml_reader import MapNode, merge, origin_of, read_yaml, suggest
from generator.problems import Origin, Problem, ProblemsFound

__all__ = [
    "BASE_THEME",
    "THEME_SUFFIX",
    "ThemeSource",
    "check_theme",
    "style_problems",
    "theme_file_problems",
    "theme_font_files",
    "theme_source",
    "validate_theme",
]

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
BASE_THEME = "theme"  # theme.yaml: the house style every layout starts from
THEME_SUFFIX = ".theme.yaml"  # a region theme: layouts/<name>.theme.yaml


ThemeSource = tuple[Any, tuple[Path, ...], str]  # merged raw theme, its files (base first), its name


def theme_source(root: Path, name: str) -> ThemeSource:
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


def theme_file_problems(root: Path, name: str) -> list[Problem]:
    """A region theme checked on its own, so a mistake shows before any region uses it."""
    path = root / f"{name}{THEME_SUFFIX}"
    if not _NAME.match(name):
        return [Problem(Origin(str(path)), "", f"theme file names are lower-case words with hyphens, then {THEME_SUFFIX}")]
    try:
        data, _, _ = theme_source(root, name)
        fallback = Origin(str(path))
        theme = validate_theme(data, fallback)
        theme_font_files(theme, data, root, fallback)
    except ProblemsFound as exc:
        return exc.problems
    return check_theme(theme, data, root)


def validate_theme(data: Any, fallback: Origin) -> Theme:
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
        problems.extend(style_problems(name, style, colours, fonts, min_size, data, fallback))
    return problems


def theme_font_files(theme: Theme, theme_data: Any, root: Path, fallback: Origin) -> dict[str, dict[str, Path]]:
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


def check_theme(theme: Theme, raw: Any, root: Path) -> list[Problem]:
    fallback = Origin(str(root / "theme.yaml"))
    problems = []
    for style_name, style in theme.styles.items():
        problems.extend(style_problems(style_name, style, list(theme.colours), list(theme.fonts), theme.min_size, raw, fallback))
    return problems


def style_problems(
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
