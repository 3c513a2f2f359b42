"""``drukwerk validate``: everything a build would check, for every region (drafts too) and
language, writing nothing. Jobs are typeset, not drawn: drawing and preflight check the
generator, not the inputs."""

from __future__ import annotations

from generator.batch.builder import Builder
from generator.batch.project import Project, load_project
from generator.batch.request import Request
from generator.batch.web_edition import check_pages
from generator.problems import Problem, ProblemsFound
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
    # A value that does not fit fails in every language and mode alike: report it once per product
    # (the default languages first), and a missing glyph once.
    langs = sorted(project.sources.contents, key=lambda lang: lang not in project.sources.settings.default_languages)
    seen: set[tuple[object, ...]] = set()
    for rid in valid:
        region = project.sources.regions[rid].loaded
        assert region is not None
        for lang in langs:
            for product in filter(region.model.prints, PRODUCTS):
                for mode in MODES:
                    job = Job(rid, product, lang, mode)
                    try:
                        builder.typeset(job)
                        continue
                    except ProblemsFound as exc:
                        found = exc.problems
                    for problem in found:
                        without_job = problem.message.replace(str(job), "")
                        keys: set[tuple[object, ...]] = {(problem.origin, problem.field, product)}
                        keys.add((problem.origin, problem.field, without_job))
                        if problem.kind == "fit" and problem.where:  # one panel too full: once, whichever text each language blames
                            keys.add((rid, product, problem.where))
                        if not keys & seen:
                            problems.append(problem)
                        seen |= keys
    if project.web is not None:  # the web pages too: a template naming something that does not exist
        problems.extend(check_pages(project.sources, project.web, valid))
    return project, sorted(set(problems))
