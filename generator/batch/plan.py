"""Which jobs a request asks for; what is left out (drafts, unreviewed languages) becomes a notice."""

from __future__ import annotations

from generator.batch.project import Project, Report
from generator.batch.request import Request
from generator.compose.editions import edition_notice, pack_final, review_notice
from generator.inputs.sources import unknown_region
from generator.inputs.yaml_reader import suggest
from generator.problems import Notice, Origin, UsageError
from generator.vocabulary import MODES, OPT_IN, PRODUCTS, Job, Mode

__all__ = ["plan"]


def plan(project: Project, request: Request, report: Report) -> list[Job]:
    """The jobs of a request; what is left out goes into the report's notices."""
    sources = project.sources
    notices = report.notices
    known = sorted(sources.regions)
    for region in request.regions:
        if region not in sources.regions:
            raise UsageError(unknown_region(region, sources))
    for product in request.products:
        if product not in PRODUCTS:
            raise UsageError(f"unknown product '{product}'{suggest(product, list(PRODUCTS))}; choose from {', '.join(PRODUCTS)}")
    for lang in request.langs:
        if lang not in sources.contents:
            raise UsageError(f"no content for language '{lang}'; available: {', '.join(sorted(sources.contents))}")
    if request.mode not in ("all", *MODES):
        raise UsageError("--mode is press, office or all")
    regions = list(request.regions)
    if not regions:
        for rid in known:
            entry = sources.regions[rid]
            if entry.status == "draft":
                report.drafts_skipped.append(rid)
                told = f"draft, left out; build it with --region {rid} to get a proof marked CONCEPT"
                notices.append(Notice(Origin(str(entry.path)), told))
            else:
                regions.append(rid)
    langs = list(request.langs)
    if not langs:
        for lang in sources.settings.default_languages:
            loaded = sources.contents.get(lang)
            if loaded and pack_final(sources, lang):
                langs.append(lang)
            elif loaded:
                told = (
                    f"not every key is reviewed against the current Dutch (drukwerk translations status --lang {lang}), "
                    f"left out; build it with --lang {lang} to get a proof marked as a draft"
                )
                notices.append(Notice(Origin(str(loaded.path)), told))
    products = list(request.products) or list(PRODUCTS)
    modes: list[Mode] = list(MODES) if request.mode == "all" else [m for m in MODES if m == request.mode]
    jobs: list[Job] = []
    not_asked: dict[str, list[str]] = {}  # opt-in product -> regions that do not ask for it
    for r in regions:
        region_file = sources.regions[r].loaded
        for p in products:
            if p in OPT_IN and not (region_file and region_file.model.prints(p)):
                not_asked.setdefault(p, []).append(r)
                continue
            jobs.extend(Job(r, p, lang, m) for lang in langs for m in modes)
    for p, left_out in not_asked.items():
        if p in request.products:  # asked for by name: say why some regions have none
            whose = "its region file does" if len(left_out) == 1 else "their region files do"
            notices.append(Notice(Origin(""), f"no {p} for {', '.join(left_out)}: {whose} not ask for one ({OPT_IN[p]}: true)"))
    for lang in dict.fromkeys(j.lang for j in jobs):  # strings not reviewed: one line per language
        entries = [sources.regions[r] for r in dict.fromkeys(j.region for j in jobs if j.lang == lang)]
        if line := review_notice(sources, [e for e in entries if e.loaded is not None], lang):
            notices.append(Notice(Origin(""), line))
    for rid in dict.fromkeys(j.region for j in jobs):  # region text a language lacks: one line per edition
        for lang in dict.fromkeys(j.lang for j in jobs if j.region == rid):
            if line := edition_notice(sources, sources.regions[rid], lang):
                notices.append(Notice(Origin(""), line))
    return jobs
