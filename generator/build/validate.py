"""``drukwerk validate``: everything a build would check, for every region (drafts too) and
language, writing nothing. Jobs are typeset, not drawn: drawing and preflight check the
generator, not the inputs."""

from __future__ import annotations

from generator.build.builder import Builder
from generator.build.project import Project, load_project
from generator.build.request import Request
from generator.problems import Problem
from generator.vocabulary import MODES, PRODUCTS, Job
from generator.warm import WarmState

__all__ = ["validate_all"]


def validate_all(request: Request, warm: WarmState) -> tuple[Project, list[Problem]]:
    warm.new_build()
    project = load_project(request, warm)
    problems = list(project.problems) + [p for e in project.sources.regions.values() for p in e.problems]
    if project.problems:
        return project, sorted(set(problems))
    builder = Builder(project, request, warm)
    valid = [rid for rid, e in project.sources.regions.items() if e.status != "invalid"]
    for rid in valid:
        for lang in project.sources.contents:
            for product in PRODUCTS:
                for mode in MODES:
                    result = builder.typeset(Job(rid, product, lang, mode))
                    if isinstance(result, list):
                        problems.extend(result)
    return project, sorted(set(problems))
