"""Everything read from disk for one run, validated, with the cross-file checks between
region files and layouts; and the run's report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from generator.batch.request import Request
from generator.blocktext.templating import Templates
from generator.inputs.layouts import ResolvedLayout, load_layouts, with_theme
from generator.inputs.provenance import sidecar_path
from generator.inputs.source_models import Region
from generator.inputs.sources import Sources, load_sources, region_id_for
from generator.inputs.themes import BASE_THEME, THEME_SUFFIX
from generator.inputs.yaml_reader import suggest
from generator.problems import Notice, Origin, Problem, ProblemsFound
from generator.store.digests import input_files
from generator.store.withdraw import Standing
from generator.vocabulary import PRODUCTS, SOURCE_LANG
from generator.warm import WarmState
from generator.web.layout import WebLayout, load_web_layout

__all__ = ["Project", "Report", "load_project"]


@dataclass(frozen=True)
class Project:
    """Everything read from disk for one run, validated."""

    sources: Sources
    layouts: dict[str, ResolvedLayout]
    templates: Templates
    problems: tuple[Problem, ...]
    web: WebLayout | None = None  # layouts/web/, when the layouts folder has one
    themed: dict[tuple[str, str], ResolvedLayout] = field(default_factory=dict)  # (layout, region theme) -> combined

    def layout_for(self, region: str, product: str) -> ResolvedLayout:
        """The layout a region's product is made with: its own layout or the product's, with its theme."""
        entry = self.sources.regions[region]
        assert entry.loaded is not None
        model = entry.loaded.model
        resolved = self.layouts[cast(dict[str, str], model.layouts).get(product, product)]
        return self.themed[(resolved.name, model.theme)] if model.theme else resolved

    def all_layouts(self) -> list[ResolvedLayout]:
        return [*self.layouts.values(), *self.themed.values()]

    def input_files(self, region: str, lang: str, layout_files: Sequence[Path], shows_logo: bool) -> list[Path]:
        """The files a region's output in ``lang`` is made from (``layout_files``: the PDF layout's or
        the web page's own); the logo counts when the output shows it. A foreign edition depends on
        the Dutch pack and its language's provenance sidecar too: whether it is final follows from
        them (a review, a changed Dutch sentence)."""
        entry = self.sources.regions[region]
        logo = entry.loaded.model.logo if entry.loaded and shows_logo else ""
        root = self.sources.root
        translation = [] if lang == SOURCE_LANG else [root / "content" / f"{SOURCE_LANG}.yaml", sidecar_path(root, lang)]
        return input_files(root, entry.path, self.sources.contents[lang].path, [*layout_files, *translation], logo or "")

    def standings(self) -> dict[str, Standing]:
        """What every region is now, for withdrawing what may no longer be sent."""
        standings = {
            rid: Standing(entry.status == "draft", frozenset(p for p in PRODUCTS if entry.loaded.model.prints(p)) if entry.loaded else None)
            for rid, entry in self.sources.regions.items()
        }
        # A region file that is there under a wrong name (zeeland.yml) is not gone: its last good files stay, as for any error.
        for name, entry in self.sources.regions.items():
            if entry.loaded is None:
                standings.setdefault(region_id_for(name), Standing(False, None))
        return standings


@dataclass
class Report:
    """What a build did: files built and left alone, problems, notices."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    failed_jobs: list[str] = field(default_factory=list)
    failed_by_region: dict[str, list[Problem]] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    drafts_skipped: list[str] = field(default_factory=list)
    layouts: list[ResolvedLayout] = field(default_factory=list)
    web_built: list[str] = field(default_factory=list)  # web pages written (OUT/<region>/web/<lang>/index.html)
    web_unchanged: list[str] = field(default_factory=list)
    web_files: list[str] = field(default_factory=list)  # every file of those pages' folders

    def fail(self, region: str, paths: list[str], problems: Sequence[Problem]) -> None:
        # A problem of the region's data fails the press and the office job alike: say it once.
        self.failed.extend(p for p in dict.fromkeys(problems) if p not in self.failed)
        self.failed_jobs.extend(paths)
        known = self.failed_by_region.setdefault(region, [])
        known.extend(p for p in dict.fromkeys(problems) if p not in known)


def load_project(request: Request, warm: WarmState) -> Project:
    templates: Templates = warm.environments.get_or_make("templates", lambda: Templates(warm))
    sources = load_sources(request.sources, request.today)
    layouts, layout_problems = load_layouts(request.layouts, templates)
    # the web edition's template is compiled only when pages are asked for (not with --no-web)
    web, web_problems = load_web_layout(request.layouts, warm) if request.web else (None, [])
    problems = [*sources.problems, *layout_problems, *web_problems]
    themed: dict[tuple[str, str], ResolvedLayout] = {}
    for entry in sources.regions.values():
        if not entry.loaded:
            continue
        model = entry.loaded.model
        for product, name in model.layouts.items():
            where, field_name = entry.loaded.origin("layouts", product), f"layouts.{product}"
            if name not in layouts:
                if not (request.layouts / f"{name}.yaml").is_file():  # a layout with problems of its own has them reported
                    names = sorted(p.stem for p in request.layouts.glob("*.yaml") if not p.name.endswith(THEME_SUFFIX))
                    problems.append(Problem(where, field_name, f"no layout '{name}' in {request.layouts}{suggest(name, names)}"))
            elif layouts[name].layout.product != product:
                problems.append(Problem(where, field_name, f"layout '{name}' is for {layouts[name].layout.product}, not {product}"))
        if model.theme:
            problems.extend(_themed(request, templates, layouts, model, entry.loaded.origin("theme"), themed))
    return Project(sources, layouts, templates, tuple(dict.fromkeys(problems)), web=web, themed=themed)


def _themed(
    request: Request,
    templates: Templates,
    layouts: dict[str, ResolvedLayout],
    model: Region,
    where: Origin,
    themed: dict[tuple[str, str], ResolvedLayout],
) -> list[Problem]:
    """Combine the region's layouts with its theme (once per layout and theme, for all regions)."""
    theme = model.theme or BASE_THEME
    if theme != BASE_THEME and not (request.layouts / f"{theme}{THEME_SUFFIX}").is_file():
        names = sorted(p.name.removesuffix(THEME_SUFFIX) for p in request.layouts.glob(f"*{THEME_SUFFIX}"))
        have = f"; the themes there: {', '.join(names)}" if names else f"; a theme is a file layouts/<name>{THEME_SUFFIX}"
        return [Problem(where, "theme", f"no theme '{theme}' in {request.layouts}{suggest(theme, names)}{have}")]
    problems: list[Problem] = []
    for product in PRODUCTS:
        name = cast(dict[str, str], model.layouts).get(product, product)
        if name not in layouts or (name, theme) in themed:
            continue
        try:
            themed[(name, theme)] = with_theme(layouts[name], theme, templates)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
    return problems
