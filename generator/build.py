"""The build: plan jobs, then for each: context -> typeset -> render -> preflight -> write.

Everything is read and validated before the first file is written; a job that fails later
(text that does not fit, a missing glyph) keeps its earlier file and manifest row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator import __version__
from generator.context import MODES, Job, Mode, build_context
from generator.layout_models import MM
from generator.layouts import PRODUCTS, ResolvedLayout, load_layouts
from generator.output import read_manifest, write_atomic, write_manifest
from generator.preflight import preflight
from generator.problems import Origin, Problem, ProblemsFound
from generator.render import PdfMeta, render
from generator.sources import Sources, load_sources
from generator.templating import Templates
from generator.typeset import Typeset, Typesetter
from generator.yaml_reader import suggest


class UsageError(Exception):
    """Wrong command-line use (exit status 2)."""


@dataclass(frozen=True)
class Request:
    sources: Path = Path("sources")
    layouts: Path = Path("layouts")
    out: Path = Path("output")
    regions: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    mode: str = "all"
    force: bool = False
    log: bool = False  # write <pdf>.layout.txt beside each PDF: which rule placed which block, fill per panel
    today: date = field(default_factory=date.today)


@dataclass
class Report:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Project:
    """Everything read from disk for one run, validated."""

    sources: Sources
    layouts: dict[str, ResolvedLayout]
    templates: Templates
    problems: tuple[Problem, ...]


def load_project(request: Request) -> Project:
    templates = Templates()
    sources = load_sources(request.sources, request.today)
    layouts, layout_problems = load_layouts(request.layouts, templates)
    problems = [p for p in sources.problems] + layout_problems
    for entry in sources.regions.values():
        if entry.loaded:
            for product, name in entry.loaded.model.layouts.items():
                if name not in layouts:
                    problems.append(
                        Problem(
                            entry.loaded.origin("layouts", product),
                            f"layouts.{product}",
                            f"no layout '{name}' in {request.layouts}{suggest(name, list(layouts))}",
                        )
                    )
                elif layouts[name].layout.product != product:
                    problems.append(
                        Problem(
                            entry.loaded.origin("layouts", product),
                            f"layouts.{product}",
                            f"layout '{name}' is for {layouts[name].layout.product}, not {product}",
                        )
                    )
    return Project(sources, layouts, templates, tuple(problems))


def plan(project: Project, request: Request, include_drafts: bool = False) -> tuple[list[Job], list[str]]:
    """The jobs of a request, and notices for what is left out."""
    sources = project.sources
    notices = []
    known = sorted(sources.regions)
    for region in request.regions:
        if region not in sources.regions:
            raise UsageError(f"unknown region '{region}'{suggest(region, known)}; see drukwerk regions")
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
            if entry.status == "draft" and not include_drafts:
                notices.append(f"{rid}: draft, left out; build it with --region {rid} to get a proof marked CONCEPT")
            else:
                regions.append(rid)
    langs = list(request.langs)
    if not langs:
        for lang in sources.settings.default_languages:
            loaded = sources.contents.get(lang)
            if loaded and loaded.model.reviewed:
                langs.append(lang)
            elif loaded:
                notices.append(f"{lang}: not yet reviewed, left out; build it with --lang {lang} to get a proof marked CONCEPT")
    products = list(request.products) or list(PRODUCTS)
    products = [p for p in products if any(lay.layout.product == p for lay in project.layouts.values())]
    modes: list[Mode] = list(MODES) if request.mode == "all" else [request.mode]  # type: ignore[list-item]
    jobs = [Job(r, p, lang, m) for r in regions for p in products for lang in langs for m in modes]
    return jobs, notices


class Builder:
    """Runs jobs of one project; per-process work (fonts, styles, templates) is reused across jobs."""

    def __init__(self, project: Project, request: Request) -> None:
        self.project = project
        self.request = request
        self._typesetters: dict[str, Typesetter] = {}
        self._contexts: dict[tuple[str, str], dict[str, Any]] = {}
        self._digests: dict[Path, str] = {}
        self._code = _code_digest()

    def layout_for(self, job: Job) -> ResolvedLayout:
        entry = self.project.sources.regions[job.region]
        assert entry.loaded is not None
        return self.project.layouts[entry.loaded.model.layouts.get(job.product, job.product)]

    def inputs_digest(self, job: Job) -> str:
        sources = self.project.sources
        entry = sources.regions[job.region]
        files = [
            entry.path,
            sources.contents[job.lang].digest_paths[0],
            sources.root / "national.yaml",
            sources.root / "settings.yaml",
            *self.layout_for(job).files,
        ]
        h = hashlib.sha256(f"{__version__}\n{self._code}\n{job}\n".encode())
        for path in files:
            h.update(f"{path.name}:{self._file_digest(path)}\n".encode())
        return h.hexdigest()

    def _file_digest(self, path: Path) -> str:
        digest = self._digests.get(path)
        if digest is None:
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"
            self._digests[path] = digest
        return digest

    def make(self, job: Job) -> Made | list[Problem]:
        """Typeset, render and preflight one job; the PDF bytes and its manifest row, or problems."""
        sources = self.project.sources
        entry = sources.regions[job.region]
        assert entry.loaded is not None
        resolved = self.layout_for(job)
        typesetter = self._typesetters.get(resolved.name)
        if typesetter is None:
            typesetter = self._typesetters[resolved.name] = Typesetter(resolved, self.project.templates)
        context = self._contexts.get((job.region, job.lang))
        if context is None:
            context = self._contexts[(job.region, job.lang)] = build_context(sources, entry, job.lang)
        forms = job.mode == "office" and resolved.layout.office.forms
        typeset, problems = typesetter.run(job, context, forms)
        if typeset is None:
            return problems
        content = sources.contents[job.lang].model
        draft = entry.loaded.model.draft or not content.reviewed
        family = next(iter(resolved.families.values()))
        meta = PdfMeta(
            typeset.title,
            entry.loaded.model.organisation or "mensenhandel-drukwerk",
            job.lang,
            family.faces["regular"],
            content.labels.draft if draft else None,
        )
        pdf, pages = render(job, resolved.layout, typeset, meta)
        failures = preflight(job, pdf, pages, len(resolved.layout.pages))
        if failures:
            return [Problem(Origin(str(resolved.file)), "", f"preflight ({job}): {f}") for f in failures]
        trim = resolved.layout.trim
        row = {
            "path": job.path,
            "region": job.region,
            "product": job.product,
            "lang": job.lang,
            "mode": job.mode,
            "pages": pages,
            "trim_mm": [round(trim.width / MM, 1), round(trim.height / MM, 1)],
            "bleed_mm": round(resolved.layout.bleed / MM, 1) if job.mode == "press" else 0,
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "inputs_sha256": self.inputs_digest(job),
            "draft": draft,
            "panels": [{"page": r.page, "panel": r.panel, "fill_percent": round(r.percent, 1)} for r in typeset.panels],
        }
        return Made(pdf, row, _layout_log(job, resolved, typeset))


@dataclass(frozen=True)
class Made:
    pdf: bytes
    row: dict[str, Any]
    log: str


def _layout_log(job: Job, resolved: ResolvedLayout, typeset: Typeset) -> str:
    lines = [f"{job.path}: layout {resolved.file}"]
    for report in typeset.panels:
        lines.append(
            f"\n{report.page} / {report.panel}: {report.percent:.1f}% full ({report.used / MM:.1f} of {report.available / MM:.1f} mm)"
        )
        lines.extend(f"  {line}" for line in report.blocks)
    return "\n".join(lines) + "\n"


def _code_digest() -> str:
    """The generator's own code is an input too: a changed renderer rebuilds everything."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


def run_build(request: Request, progress: Callable[[str], None] = print) -> Report:
    project = load_project(request)
    report = Report()
    if project.problems:
        raise ProblemsFound(sorted(project.problems))
    jobs, report.notices = plan(project, request)
    region_problems = [p for rid in dict.fromkeys(j.region for j in jobs) for p in project.sources.regions[rid].problems]
    if region_problems:
        raise ProblemsFound(sorted(region_problems))
    builder = Builder(project, request)
    out = request.out
    rows = read_manifest(out)
    for job in jobs:
        old = rows.get(job.path)
        target = out / job.path
        if (
            not request.force
            and old
            and old.get("inputs_sha256") == builder.inputs_digest(job)
            and _file_matches(target, old.get("sha256"))
        ):
            report.unchanged.append(job.path)
            continue
        made = builder.make(job)
        if isinstance(made, list):
            report.failed.extend(made)
            continue
        if not _file_matches(target, made.row["sha256"]):
            write_atomic(target, made.pdf)
        if request.log:
            write_atomic(target.with_suffix(".layout.txt"), made.log.encode("utf-8"))
        rows[job.path] = made.row
        report.built.append(job.path)
        progress(f"built {job.path}")
    write_manifest(out, rows.values())
    return report


def _file_matches(path: Path, sha256: object) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def validate_all(request: Request) -> tuple[Project, list[Problem]]:
    """Everything a build would check, for every region (drafts too) and language, writing nothing."""
    project = load_project(request)
    problems = list(project.problems) + [p for e in project.sources.regions.values() for p in e.problems]
    if project.problems:
        return project, sorted(set(problems))
    builder = Builder(project, request)
    valid = [rid for rid, e in project.sources.regions.items() if e.status != "invalid"]
    for rid in valid:
        for lang in project.sources.contents:
            for product in PRODUCTS:
                for mode in MODES:
                    result = builder.make(Job(rid, product, lang, mode))
                    if isinstance(result, list):
                        problems.extend(result)
    return project, sorted(set(problems))
