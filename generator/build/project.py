"""Everything read from disk for one run, validated, with the cross-file checks between
region files and layouts; and the run's report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.build.request import Request
from generator.compose.templating import Templates
from generator.inputs.layouts import ResolvedLayout, load_layouts
from generator.inputs.sources import Sources, load_sources
from generator.inputs.yaml_reader import suggest
from generator.problems import Problem
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


@dataclass
class Report:
    """What a build did: files built and left alone, problems, notices."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    failed_jobs: list[str] = field(default_factory=list)
    failed_by_region: dict[str, list[Problem]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
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
    web, web_problems = load_web_layout(request.layouts, warm)
    problems = [*sources.problems, *layout_problems, *web_problems]
    for entry in sources.regions.values():
        if entry.loaded:
            for product, name in entry.loaded.model.layouts.items():
                where, field_name = entry.loaded.origin("layouts", product), f"layouts.{product}"
                if name not in layouts:
                    problems.append(Problem(where, field_name, f"no layout '{name}' in {request.layouts}{suggest(name, list(layouts))}"))
                elif layouts[name].layout.product != product:
                    problems.append(Problem(where, field_name, f"layout '{name}' is for {layouts[name].layout.product}, not {product}"))
    return Project(sources, layouts, templates, tuple(problems), web)
