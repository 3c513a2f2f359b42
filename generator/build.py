"""The build: plan jobs, then for each: context -> typeset -> render -> preflight -> write.

Every source and layout is read and validated before the first file is written. A problem in a
shared file stops the run; a problem in one region file, or a job that fails later (text that
does not fit, a missing glyph), fails only those jobs, which keep their earlier files and
manifest rows.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from jinja2 import TemplateError

from generator import __version__, stamp
from generator.context import MODES, Job, Mode, build_context, language_context
from generator.layout_models import MM
from generator.layouts import PRODUCTS, ResolvedLayout, load_layouts
from generator.output import read_manifest, write_atomic, write_manifest
from generator.preflight import preflight
from generator.preview import write_thumbnails
from generator.problems import Origin, Problem, ProblemsFound, UsageError
from generator.proof import TEMPLATE, thumb_paths, write_proof
from generator.request import Request
from generator.sources import Sources, load_sources
from generator.templating import Templates
from generator.yaml_reader import suggest

if TYPE_CHECKING:
    from generator.typeset import Typeset, Typesetter


@dataclass
class Report:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    failed_jobs: list[str] = field(default_factory=list)
    failed_by_region: dict[str, list[Problem]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    drafts_skipped: list[str] = field(default_factory=list)
    layouts: list[ResolvedLayout] = field(default_factory=list)

    def fail(self, region: str, paths: list[str], problems: Sequence[Problem]) -> None:
        self.failed.extend(problems)
        self.failed_jobs.extend(paths)
        self.failed_by_region.setdefault(region, []).extend(problems)


@dataclass(frozen=True)
class Project:
    """Everything read from disk for one run, validated."""

    sources: Sources
    layouts: dict[str, ResolvedLayout]
    templates: Templates
    problems: tuple[Problem, ...]


def load_project(request: Request) -> Project:
    global _TEMPLATES
    # One environment per process: a long-running process (drukwerk watch) parses each template once.
    templates = _TEMPLATES = _TEMPLATES or Templates()
    sources = load_sources(request.sources, request.today)
    layouts, layout_problems = load_layouts(request.layouts, templates)
    problems = [*sources.problems, *layout_problems]
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


def plan(project: Project, request: Request, report: Report) -> list[Job]:
    """The jobs of a request; what is left out goes into the report's notices."""
    sources = project.sources
    notices = report.notices
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
            if entry.status == "draft":
                report.drafts_skipped.append(rid)
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
                notices.append(f"{lang}: not yet reviewed, left out; build it with --lang {lang} to get a proof marked as a draft")
    products = list(request.products) or list(PRODUCTS)
    modes: list[Mode] = list(MODES) if request.mode == "all" else [request.mode]  # type: ignore[list-item]
    return [Job(r, p, lang, m) for r in regions for p in products for lang in langs for m in modes]


class Builder:
    """Runs jobs of one project; per-process work (fonts, styles, templates) is reused across jobs."""

    def __init__(self, project: Project, request: Request) -> None:
        self.project = project
        self.request = request
        self._typesetters: dict[str, Typesetter] = {}
        self._contexts: dict[tuple[str, str], dict[str, Any]] = {}
        self._languages: dict[str, dict[str, Any]] = {}
        self._digests: dict[Path, str] = {}
        self._inputs: dict[Job, str] = {}

    def layout_for(self, job: Job) -> ResolvedLayout:
        entry = self.project.sources.regions[job.region]
        assert entry.loaded is not None
        chosen = cast(dict[str, str], entry.loaded.model.layouts)
        return self.project.layouts[chosen.get(job.product, job.product)]

    def inputs_digest(self, job: Job) -> str:
        digest = self._inputs.get(job)
        if digest is None:  # planned in the parent, recorded in the manifest row by a worker
            digest = self._inputs[job] = self._hash_inputs(job)
        return digest

    def _hash_inputs(self, job: Job) -> str:
        sources = self.project.sources
        entry = sources.regions[job.region]
        files = [
            entry.path,
            sources.contents[job.lang].path,
            sources.root / "national.yaml",
            sources.root / "settings.yaml",
            *self.layout_for(job).files,
        ]
        h = hashlib.sha256(f"{__version__}\n{stamp.code_digest()}\n{job}\n".encode())
        for path in files:
            h.update(f"{path.name}:{self._file_digest(path)}\n".encode())
        return h.hexdigest()

    def _file_digest(self, path: Path) -> str:
        digest = self._digests.get(path)
        if digest is None:
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"
            self._digests[path] = digest
        return digest

    def typesetter(self, resolved: ResolvedLayout) -> Typesetter:
        typesetter = self._typesetters.get(resolved.name)
        if typesetter is None:
            key = self._shared_inputs_key(resolved)
            typesetter = _WARM.get(key)
            if typesetter is None:
                from generator.typeset import Typesetter

                typesetter = Typesetter(resolved, self.project.templates)
                if len(_WARM) >= 16:
                    _WARM.pop(next(iter(_WARM)))
                _WARM[key] = typesetter
            else:
                typesetter.forget_regions()  # region files may have changed since the last build
            self._typesetters[resolved.name] = typesetter
        return typesetter

    def _shared_inputs_key(self, resolved: ResolvedLayout) -> str:
        """What the shared panels of a layout depend on: its files, the content, the national contacts."""
        sources = self.project.sources
        files = [*resolved.files, sources.root / "national.yaml", *(c.path for c in sources.contents.values())]
        return "\n".join([resolved.name, *(f"{path.resolve()}:{self._file_digest(path)}" for path in files)])

    def context(self, job: Job) -> dict[str, Any]:
        key = (job.region, job.lang)
        context = self._contexts.get(key)
        if context is None:
            shared = self._languages.get(job.lang)
            if shared is None:
                shared = self._languages[job.lang] = language_context(self.project.sources, job.lang)
            if len(self._contexts) >= 8:  # jobs come region by region: keep memory flat for 400 regions
                self._contexts.pop(next(iter(self._contexts)))
            context = self._contexts[key] = build_context(self.project.sources, self.project.sources.regions[job.region], shared)
        return context

    def typeset(self, job: Job) -> Typeset | list[Problem]:
        """Lay out one job's panels: everything that can go wrong with the inputs (text that does
        not fit, a missing glyph, a template naming an unknown variable) shows up here."""
        resolved = self.layout_for(job)
        # ReportLab is imported only when there is work: a build with nothing to do stays fast.
        from generator.fonts import FontProblem

        try:
            typesetter = self.typesetter(resolved)
        except FontProblem as exc:
            return [Problem(Origin(str(resolved.root / "theme.yaml")), "fonts", str(exc))]
        forms = job.mode == "office" and resolved.layout.office.forms
        typeset, problems = typesetter.run(job, self.context(job), forms)
        return problems if typeset is None else typeset

    def make(self, job: Job) -> Made | list[Problem]:
        """Typeset, render and preflight one job; the PDF bytes and its manifest row, or problems."""
        typeset = self.typeset(job)
        if isinstance(typeset, list):
            return typeset
        from generator.pdfx import to_pdfx
        from generator.render import PdfMeta, render

        sources = self.project.sources
        entry = sources.regions[job.region]
        assert entry.loaded is not None
        resolved = self.layout_for(job)
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
        failures: list[str] = []
        if job.mode == "press":  # PDF/X-1a, dated by the newest contact check it prints: the same inputs, the same bytes
            checked = max((c["verified"] for c in (*self.context(job)["contacts"], *self.context(job)["national"])), default=None)
            pdf, failures = to_pdfx(pdf, resolved.theme.press.condition, date.fromisoformat(checked) if checked else None)
        failures += preflight(job, pdf, pages, len(resolved.layout.pages))
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
            "layout": resolved.name,
            "panels": [{"page": r.page, "panel": r.panel, "fill_percent": round(r.percent, 1)} for r in typeset.panels],
        }
        return Made(pdf, row, _layout_log(job, resolved, typeset))

    def make_and_write(self, job: Job) -> dict[str, Any] | list[Problem]:
        """Make one job and write its file (only if the bytes changed); its manifest row, or problems."""
        made = self.make(job)
        if isinstance(made, list):
            return made
        target = self.request.out / job.path
        thumbs = [self.request.out / t for t in thumb_paths(job.path, made.row["pages"])] if self.request.proof else []
        if not _file_matches(target, made.row["sha256"]) or not all(t.exists() for t in thumbs):
            write_atomic(target, made.pdf)
            if thumbs:
                write_thumbnails(made.pdf, thumbs[0].parent, target.stem)
        if self.request.log:
            write_atomic(target.with_suffix(".layout.txt"), made.log.encode("utf-8"))
        return made.row

    def warm_up(self, jobs: list[Job]) -> None:
        """Do the per-process start-up work now, before forking workers: register fonts, build
        styles and lay out the shared panels once (one job of each product, language and mode)."""
        if any(job.mode == "press" for job in jobs):
            import pikepdf  # noqa: F401  (the PDF/X pass's library, ~30 ms to import: once, not once per worker)
        seen = set()
        for job in jobs:
            kind = (self.layout_for(job).name, job.lang, job.mode)
            if kind not in seen:
                seen.add(kind)
                self.typeset(job)  # its problems, if any, are reported by the job itself


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


Progress = Callable[[int, int, str], None]  # (done, total, path just built)


def run_build(request: Request, progress: Progress | None = None, jobs: int = 1) -> Report:
    """Build what changed; ``jobs`` processes in parallel (0: one per core)."""
    with output_lock(request.out), _unfrozen_after():
        current = stamp.stamp(request.sources, request.layouts, request.key())
        report = _run_locked(request, progress, jobs or os.cpu_count() or 1)
        if not report.failed:
            written = report.built + report.unchanged
            fonts = [f for lay in report.layouts for f in lay.files if f.suffix.lower() == ".ttf"]
            stamp.remember(request.out, request.key(), current, written, fonts)
        return report


def _run_locked(request: Request, progress: Progress | None, workers: int) -> Report:
    project = load_project(request)
    gc.freeze()  # see _unfrozen_after
    report = Report()
    if project.problems:
        raise ProblemsFound(sorted(project.problems))
    planned = plan(project, request, report)
    report.layouts = list(project.layouts.values())
    # A region file with problems fails its own jobs (they keep their last good files); the rest build.
    invalid = {rid for rid in {j.region for j in planned} if project.sources.regions[rid].problems}
    for rid in sorted(invalid):
        report.fail(rid, [j.path for j in planned if j.region == rid], project.sources.regions[rid].problems)
    planned = [j for j in planned if j.region not in invalid]
    builder = Builder(project, request)
    rows = read_manifest(request.out)
    recorded = stamp.recorded_files(request.out)
    todo = []
    for job in planned:
        old = rows.get(job.path)
        digest = builder.inputs_digest(job)
        if (
            not request.force
            and old
            and old.get("inputs_sha256") == digest
            and (
                stamp.unchanged_since_recorded(request.out, job.path, recorded) or _file_matches(request.out / job.path, old.get("sha256"))
            )
        ):
            report.unchanged.append(job.path)
        else:
            todo.append(job)
    for done, (job, result) in enumerate(_results(builder, todo, workers), 1):
        if isinstance(result, list):
            report.fail(job.region, [job.path], result)
        else:
            rows[job.path] = result
            report.built.append(job.path)
        if progress:
            progress(done, len(todo), job.path)
    if todo or not (request.out / "manifest.json").exists():
        write_manifest(request.out, rows.values())
    if request.proof and (request.layouts / TEMPLATE).exists():
        try:
            changed = {path.split("/", 1)[0] for path in report.built} | set(report.failed_by_region)
            write_proof(request.out, request.layouts, project.sources, rows, report.failed_by_region, changed)
        except TemplateError as exc:
            line = getattr(exc, "lineno", 0) or 0
            report.failed.append(Problem(Origin(str(request.layouts / TEMPLATE), line), "", f"proof page template: {exc}"))
    return report


def _results(builder: Builder, todo: list[Job], workers: int) -> Iterator[tuple[Job, dict[str, Any] | list[Problem]]]:
    """Each job's manifest row (its files already written) or its problems, in completion order."""
    global _WORKER
    if workers <= 1 or len(todo) < 4 * workers:  # a few jobs finish before a pool has started
        for job in todo:
            yield job, builder.make_and_write(job)
        return
    builder.warm_up(todo)  # fonts, styles, shared panels, ReportLab itself: paid once here, inherited by each fork
    _WORKER = builder
    # Jobs of one region and product together, so a worker reuses the context and shared panels.
    chunk = max(1, min(16, len(todo) // (workers * 4)))
    import multiprocessing  # here: a build of a few jobs runs without it

    gc.freeze()  # the styles and shared panels just made, too
    with multiprocessing.get_context("fork").Pool(min(workers, len(todo))) as pool:
        yield from pool.imap_unordered(_work, todo, chunksize=chunk)
    _WORKER = None


@contextmanager
def _unfrozen_after() -> Iterator[None]:
    """gc.freeze(), called once the sources are loaded and again before forking, keeps what lives
    through a build (modules, sources, fonts, styles, shared panels) out of the garbage
    collector's walks while the jobs run, and out of the memory pages forked workers copy: the
    collections look only at what the jobs make. After the build all is collectable again, for
    a process that lives on (drukwerk watch)."""
    try:
        yield
    finally:
        gc.unfreeze()


_WORKER: Builder | None = None

# Typesetters outlive a build in a long-running process (drukwerk watch, the tests): one whose
# layout, content and national files are unchanged keeps its styles and laid-out shared panels.
_WARM: dict[str, Typesetter] = {}
_TEMPLATES: Templates | None = None


def _work(job: Job) -> tuple[Job, dict[str, Any] | list[Problem]]:
    assert _WORKER is not None
    return job, _WORKER.make_and_write(job)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One build at a time per output folder; the lock goes away with the process that held it."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".drukwerk.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ProblemsFound(
                [Problem(Origin(str(out)), "", "another drukwerk build is writing to this folder; wait for it to finish")]
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _file_matches(path: Path, sha256: object) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def validate_all(request: Request) -> tuple[Project, list[Problem]]:
    """Everything a build would check, for every region (drafts too) and language, writing nothing.
    Jobs are typeset, not drawn: drawing and preflight check the generator, not the inputs."""
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
                    result = builder.typeset(Job(rid, product, lang, mode))
                    if isinstance(result, list):
                        problems.extend(result)
    return project, sorted(set(problems))
